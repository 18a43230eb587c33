/**
 * Results of a campaign, computed with the statistics engine on the weighted design: for each closed
 * question the weighted estimates with 95 % intervals, the unweighted n and the weighted base; for ranking
 * questions the share ranked first, the mean rank and the top-2 share; breakdowns by segment (world,
 * commune-size band, région, territory) with Rao–Scott tests; the ternary balance of the three levers.
 *
 * Statistics and privacy rules applied here, so that no page, export or API can forget them: a base (the
 * whole sample or a segment) under 30 respondents is flagged fragile; under 5 it is never shown (no
 * estimate, no count), and an option chosen by fewer than 5 respondents shows "< 5" instead of its count.
 *
 * Engine use: one calibrated design (weights and calibration chain) is shared by every question; each
 * question adds its own columns to the design's data (same rows, same order), which is how the engine's
 * own helpers derive variables. Intervals of proportions are R's svyciprop logit intervals
 * (`ciPropInterval` with the estimate and SE of `svyMean`, the design's degrees of freedom — a segment's
 * rows − 1 in a breakdown); intervals of means are normal (R's `confint`).
 */
import {
  ciPropInterval,
  factorFromCodes,
  levelTotals,
  qnorm,
  StatsError,
  svyByCovariance,
  svyChisq,
  svyContrast,
  svyMean,
  withColumns,
  type Column,
  type Design,
  type FactorColumn,
} from '../../stats/index.js'
import {
  allQuestions,
  BREAKDOWN_ROLES,
  isClosed,
  MISSING_CODE,
  profileQuestion,
  questionNumber,
  rankCountOf,
  scaleValues,
  slotLayout,
  type Definition,
  type ProfileRole,
  type Question,
  type SlotLayout,
} from './surveys.definition.js'
import { numberColumn, slotCodes, slotNumbers, type Snapshot } from './surveys.snapshot.js'
import { isLeverRanking } from './surveys.templates.js'
import type { WeightedDesign } from './surveys.weighting.js'

/** Below this many respondents a base is never shown. */
export const MIN_SHOWN = 5
/** Below this many respondents a base is shown but flagged fragile. */
export const MIN_ROBUST = 30

/** Whether a base can be shown: fully, with a fragility mark, or not at all. */
export type BaseStatus = 'ok' | 'fragile' | 'suppressed'

/** The status of a base of `n` respondents. */
export function baseStatus(n: number): BaseStatus {
  return n < MIN_SHOWN ? 'suppressed' : n < MIN_ROBUST ? 'fragile' : 'ok'
}

/** An estimate with its 95 % interval (proportions in 0..1). */
export interface Interval {
  estimate: number
  low: number
  high: number
}

/** One answer option (or scale value) of a question: its share with interval and its count (null under 5). */
export interface CategoryResult {
  code: string
  label: string
  /** Respondents who chose it; null when fewer than 5 (never shown). */
  n: number | null
  /** null when the whole base is suppressed. */
  value: Interval | null
}

/** One item of a ranking question: share ranked first, mean rank, top-2 share (null when not computable or hidden). */
export interface RankingItemResult {
  code: string
  label: string
  first: Interval | null
  firstN: number | null
  meanRank: Interval | null
  top2: Interval | null
}

/** One segment of a breakdown: its bases, status and one value per column (null when suppressed). */
export interface DomainResult {
  code: string
  label: string
  n: number
  weighted: number
  status: BaseStatus
  /** One value per column of the breakdown (options, items, or the mean); null when suppressed. */
  values: Array<Interval | null>
}

/** A Rao–Scott F test of independence between an answer and the segment; `significant` at the 5 % level. */
export interface TestResult {
  statistic: number
  ndf: number
  ddf: number
  p: number
  significant: boolean
  /** For multiple choice: the option tested. */
  column?: string
}

/** A question broken down by a segment, with its tests (or why there is none). */
export interface BreakdownResult {
  role: ProfileRole
  /** What the values are: shares of options/items (`share`) or means (`mean`). */
  kind: 'share' | 'mean'
  columns: Array<{ code: string; label: string }>
  domains: DomainResult[]
  tests: TestResult[]
  /** Why there is no test (engine message), when there is none. */
  testNote: string | null
}

/** Everything shown for one closed question; `status` 'error' carries the engine's message. */
export interface QuestionResult {
  key: string
  number: number
  label: string
  type: Question['type']
  profile: ProfileRole | null
  /** A calibration variable: its weighted shares equal the margins by construction. */
  calibrated: boolean
  base: { n: number; weighted: number }
  status: BaseStatus | 'error'
  error: string | null
  categories: CategoryResult[] | null
  subtotal: { label: string; value: Interval | null } | null
  mean: Interval | null
  unit: string
  ranking: { k: number; m: number; items: RankingItemResult[]; completeBase: { n: number; weighted: number } | null } | null
  breakdown: BreakdownResult | null
}

/** A segment's balance of the three levers ranked first (vision, gestion, action). */
export interface TernaryPoint {
  code: string
  label: string
  n: number
  status: BaseStatus
  /** Shares ranked first of vision, gestion, action (sum 1). */
  shares: [number, number, number]
}

/** The ternary plot's data: the overall balance and one point per shown segment. */
export interface TernaryResult {
  questionKey: string
  role: ProfileRole
  overall: [number, number, number] | null
  points: TernaryPoint[]
}

/** Everything a results page (or a published study) shows for one view. */
export interface StudyResults {
  /** 'overall' or 'by:<role>' */
  view: string
  computedAt: string
  dataVersion: number
  weightingVersion: number
  weighted: boolean
  /** Respondents analysed, and those left out of the weighting (a margin variable unanswered). */
  n: number
  excluded: number
  baseWeighted: number
  segments: ProfileRole[]
  questions: QuestionResult[]
  ternary: TernaryResult | null
}

/** What a view is computed from: the questionnaire, its snapshot, the weighted design and the versions. */
export interface AnalysisInput {
  def: Definition
  snapshot: Snapshot
  weighted: WeightedDesign
  dataVersion: number
  weightingVersion: number
}

const Z95 = qnorm(0.975)

function proportionInterval(p: number, se: number, df: number, nRespondents: number, nRows: number): Interval {
  const ci = ciPropInterval({ p, se, df, method: 'logit', nRowDesign: nRows, nRespondents })
  return { estimate: p, low: ci.low, high: ci.high }
}

function meanInterval(estimate: number, se: number): Interval {
  return { estimate, low: estimate - Z95 * se, high: estimate + Z95 * se }
}

function withData(design: Design, columns: Record<string, Column>): Design {
  return { ...design, data: withColumns(design.data, columns) }
}

/** The segments a campaign's results can be broken down by (profile questions present). */
export function availableSegments(def: Definition): ProfileRole[] {
  return BREAKDOWN_ROLES.filter((r) => profileQuestion(def, r) !== undefined)
}

/** Reads the columns of one question from the snapshot, restricted to the design's rows. */
class ColumnReader {
  readonly layout: SlotLayout
  constructor(
    readonly def: Definition,
    readonly snapshot: Snapshot,
    readonly rows: Int32Array | null,
  ) {
    this.layout = slotLayout(def)
  }

  firstSlot(q: Question): number {
    return this.layout.byKey.get(q.key)?.first ?? 0
  }

  /** A single-choice question (levels: option codes) or a scale (levels: its values). */
  factor(q: Question, name: string): FactorColumn {
    if (q.type === 'scale') {
      const values = scaleValues(q)
      return factorFromCodes(slotCodes(this.snapshot, this.firstSlot(q), this.rows, values[0] ?? 0), values.map(String), name)
    }
    return factorFromCodes(slotCodes(this.snapshot, this.firstSlot(q), this.rows), q.options.map((o) => o.code), name)
  }

  /** One numeric column per option (0/1), NaN when missing. */
  perOption(q: Question): Float64Array[] {
    return q.options.map((_, j) => slotNumbers(this.snapshot, this.firstSlot(q) + j, this.rows))
  }

  number(q: Question): Float64Array {
    return numberColumn(this.snapshot, this.layout.byKey.get(q.key)?.numberIndex ?? 0, this.rows)
  }
}

function countLevels(codes: Int32Array, levels: number): number[] {
  const out = new Array<number>(levels).fill(0)
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number
    if (c >= 0) out[c] = (out[c] as number) + 1
  }
  return out
}

function shownCount(n: number): number | null {
  return n < MIN_SHOWN ? null : n
}

function engineMessage(error: unknown): string {
  if (error instanceof StatsError) return error.message
  throw error
}

function emptyResult(def: Definition, q: Question): QuestionResult {
  return {
    key: q.key,
    number: questionNumber(def, q.key),
    label: q.label,
    type: q.type,
    profile: q.profile,
    calibrated: false,
    base: { n: 0, weighted: 0 },
    status: 'ok',
    error: null,
    categories: null,
    subtotal: null,
    mean: null,
    unit: q.number?.unit ?? '',
    ranking: null,
    breakdown: null,
  }
}

/**
 * The analysis variables of a ranking question, derived in one pass from the compact columns with the
 * definitions of the engine's `addRankingVariables` (which copies thirteen full columns per call):
 * - `first`: the item ranked 1 (missing without one), whose shares are the "% ranked first" on every
 *   respondent who gave a first choice, complete or partial ranking;
 * - when complete rankings are possible (k ≥ m − 1; the last rank is implied when m − 1 items are
 *   ranked): `rankOf[j]`, the rank of item j as a factor with levels 1..m on complete rankings only. Its
 *   level shares give the mean rank (Σ r·p_r) and the top-2 share (p₁ + p₂) as exact linear contrasts —
 *   the same estimates and standard errors as the engine's numeric `mrank_`/`top2_` variables;
 * - for shorter rankings (k < m − 1): `top2[j]`, 1 when item j is ranked 1 or 2, on the respondents who
 *   ranked at least two items (mean rank undefined).
 * A test checks the results against `addRankingVariables` + `rankingSummary`.
 */
export interface RankingVariables {
  first: FactorColumn
  complete: boolean
  rankOf: FactorColumn[] | null
  top2: Float64Array[] | null
}

/** Derives the ranking variables described above; `needRanks` false gives the first choice only (breakdowns). */
export function rankingVariables(snapshot: Snapshot, rows: Int32Array | null, firstSlot: number, q: Question, needRanks: boolean): RankingVariables {
  const m = q.options.length
  const complete = rankCountOf(q) >= m - 1
  const n = rows ? rows.length : snapshot.n
  const first = new Int32Array(n).fill(-1)
  const given = new Int32Array(n)
  const missing = new Int32Array(n).fill(-1)
  // pass 1, column by column: first choice, number of items ranked, the unranked item
  for (let j = 0; j < m; j++) {
    const column = snapshot.slots[firstSlot + j] as Uint8Array
    for (let i = 0; i < n; i++) {
      const v = column[rows ? (rows[i] as number) : i] as number
      if (v === MISSING_CODE) missing[i] = j
      else {
        given[i] = (given[i] as number) + 1
        if (v === 1) first[i] = j
      }
    }
  }
  const levels = q.options.map((o) => o.code)
  const result: RankingVariables = { first: factorFromCodes(first, levels, 'first'), complete, rankOf: null, top2: null }
  if (!needRanks) return result
  const rankLevels = Array.from({ length: m }, (_, r) => String(r + 1))
  if (complete) {
    result.rankOf = levels.map((_, j) => {
      const column = snapshot.slots[firstSlot + j] as Uint8Array
      const codes = new Int32Array(n)
      for (let i = 0; i < n; i++) {
        const g = given[i] as number
        const v = column[rows ? (rows[i] as number) : i] as number
        codes[i] = g === m ? v - 1 : g === m - 1 ? (missing[i] === j ? m - 1 : v - 1) : -1
      }
      return factorFromCodes(codes, rankLevels, `rank${j}`)
    })
  } else {
    result.top2 = levels.map((_, j) => {
      const column = snapshot.slots[firstSlot + j] as Uint8Array
      const out = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        const v = column[rows ? (rows[i] as number) : i] as number
        out[i] = (given[i] as number) < 2 ? NaN : v !== MISSING_CODE && v <= 2 ? 1 : 0
      }
      return out
    })
  }
  return result
}

/** Computes the overall results of every closed question (no breakdown). */
export function computeOverall(input: AnalysisInput): StudyResults {
  const { def, snapshot, weighted } = input
  const design = weighted.design
  const reader = new ColumnReader(def, snapshot, weighted.rows)
  const nRows = design.data.n
  const questions: QuestionResult[] = []
  let baseWeighted = 0
  for (const w of design.weights) baseWeighted += w

  for (const q of allQuestions(def)) {
    if (!isClosed(q.type)) continue
    const result = emptyResult(def, q)
    try {
      if (q.type === 'single' || q.type === 'scale') {
        const f = reader.factor(q, 'x')
        const counts = countLevels(f.codes, f.levels.length)
        const labels = q.type === 'scale' ? f.levels.map((l) => l) : q.options.map((o) => o.label)
        if (q.profile !== null && weighted.calibrated.includes(q.profile)) {
          const totals = levelTotals(design.weights, f)
          let sum = 0
          totals.forEach((t) => (sum += Number.isNaN(t) ? 0 : t))
          const n = counts.reduce((a, b) => a + b, 0)
          result.calibrated = true
          result.base = { n, weighted: sum }
          result.status = baseStatus(n)
          const shown = result.status !== 'suppressed'
          result.categories = f.levels.map((code, j) => ({
            code,
            label: labels[j] as string,
            n: shown ? shownCount(counts[j] as number) : null,
            value: shown ? { estimate: Number.isNaN(totals[j] as number) ? 0 : (totals[j] as number) / sum, low: NaN, high: NaN } : null,
          }))
        } else {
          const d = withData(design, { x: f })
          const est = svyMean(d, ['x'])
          result.base = { n: est.base.n, weighted: est.base.weighted }
          result.status = baseStatus(est.base.n)
          const shown = result.status !== 'suppressed'
          result.categories = f.levels.map((code, j) => ({
            code,
            label: labels[j] as string,
            n: shown ? shownCount(counts[j] as number) : null,
            value: shown ? proportionInterval(est.estimate[j] as number, est.se[j] as number, est.degf, est.base.n, nRows) : null,
          }))
          if (q.type === 'scale') {
            const values = scaleValues(q)
            const c = svyContrast(est, values)
            result.mean = shown ? meanInterval(c.estimate, c.se) : null
          }
          if (q.subtotal && q.type === 'single') {
            const codes = q.subtotal.options
            const c = svyContrast(est, f.levels.map((l) => (codes.includes(l) ? 1 : 0)))
            result.subtotal = { label: q.subtotal.label, value: shown ? proportionInterval(c.estimate, c.se, est.degf, est.base.n, nRows) : null }
          }
        }
      } else if (q.type === 'multiple') {
        const cols = reader.perOption(q)
        const names = q.options.map((_, j) => `x${j}`)
        const data: Record<string, Column> = {}
        cols.forEach((c, j) => (data[names[j] as string] = { kind: 'numeric', values: c }))
        const est = svyMean(withData(design, data), names)
        result.base = { n: est.base.n, weighted: est.base.weighted }
        result.status = baseStatus(est.base.n)
        const shown = result.status !== 'suppressed'
        result.categories = q.options.map((o, j) => {
          let chosen = 0
          const c = cols[j] as Float64Array
          for (let i = 0; i < c.length; i++) if (c[i] === 1) chosen++
          return {
            code: o.code,
            label: o.label,
            n: shown ? shownCount(chosen) : null,
            value: shown ? proportionInterval(est.estimate[j] as number, est.se[j] as number, est.degf, est.base.n, nRows) : null,
          }
        })
      } else if (q.type === 'ranking') {
        result.ranking = rankingOverall(design, reader, q, nRows, result)
      } else if (q.type === 'number') {
        const est = svyMean(withData(design, { x: { kind: 'numeric', values: reader.number(q) } }), ['x'])
        result.base = { n: est.base.n, weighted: est.base.weighted }
        result.status = baseStatus(est.base.n)
        result.mean = result.status === 'suppressed' ? null : meanInterval(est.estimate[0] as number, est.se[0] as number)
      }
    } catch (error) {
      result.status = 'error'
      result.error = engineMessage(error)
      result.categories = null
      result.ranking = null
      result.mean = null
    }
    questions.push(result)
  }
  return {
    view: 'overall',
    computedAt: new Date().toISOString(),
    dataVersion: input.dataVersion,
    weightingVersion: input.weightingVersion,
    weighted: weighted.summary !== null,
    n: nRows,
    excluded: snapshot.n - nRows,
    baseWeighted,
    segments: availableSegments(def),
    questions,
    ternary: null,
  }
}

function rankingOverall(design: Design, reader: ColumnReader, q: Question, nRows: number, result: QuestionResult): QuestionResult['ranking'] {
  const vars = rankingVariables(reader.snapshot, reader.rows, reader.firstSlot(q), q, true)
  const m = q.options.length
  const first = svyMean(withData(design, { first: vars.first }), ['first'])
  result.base = { n: first.base.n, weighted: first.base.weighted }
  result.status = baseStatus(first.base.n)
  const shown = result.status !== 'suppressed'
  const firstCounts = countLevels(vars.first.codes, m)
  const items: RankingItemResult[] = q.options.map((o, j) => ({
    code: o.code,
    label: o.label,
    first: shown ? proportionInterval(first.estimate[j] as number, first.se[j] as number, first.degf, first.base.n, nRows) : null,
    firstN: shown ? shownCount(firstCounts[j] as number) : null,
    meanRank: null,
    top2: null,
  }))
  let completeBase: { n: number; weighted: number } | null = null
  if (vars.rankOf) {
    const columns: Record<string, Column> = {}
    vars.rankOf.forEach((f, j) => (columns[`rank${j}`] = f))
    const ranks = svyMean(withData(design, columns), Object.keys(columns))
    completeBase = { n: ranks.base.n, weighted: ranks.base.weighted }
    if (baseStatus(ranks.base.n) !== 'suppressed') {
      items.forEach((item, j) => {
        const mean = svyContrast(ranks, ranks.names.map((_, c) => (Math.floor(c / m) === j ? (c % m) + 1 : 0)))
        const top = svyContrast(ranks, ranks.names.map((_, c) => (Math.floor(c / m) === j && c % m < 2 ? 1 : 0)))
        item.meanRank = meanInterval(mean.estimate, mean.se)
        item.top2 = proportionInterval(top.estimate, top.se, ranks.degf, ranks.base.n, nRows)
      })
    }
  } else if (vars.top2) {
    const columns: Record<string, Column> = {}
    vars.top2.forEach((t, j) => (columns[`top2_${j}`] = { kind: 'numeric', values: t }))
    const top = svyMean(withData(design, columns), Object.keys(columns))
    if (baseStatus(top.base.n) !== 'suppressed') {
      items.forEach((item, j) => (item.top2 = proportionInterval(top.estimate[j] as number, top.se[j] as number, top.degf, top.base.n, nRows)))
    }
  }
  return { k: rankCountOf(q), m, completeBase, items }
}

/** Rows with a non-zero weight in each level of the segment (the domain's rows, its df + 1). */
function domainRows(design: Design, by: FactorColumn): number[] {
  const out = new Array<number>(by.levels.length).fill(0)
  const w = design.weights
  for (let i = 0; i < by.codes.length; i++) {
    const c = by.codes[i] as number
    if (c >= 0 && w[i] !== 0) out[c] = (out[c] as number) + 1
  }
  return out
}

/** Respondents answering (`answered(i)`) in each level of the segment. */
function domainRespondents(by: FactorColumn, answered: (i: number) => boolean): number[] {
  const out = new Array<number>(by.levels.length).fill(0)
  for (let i = 0; i < by.codes.length; i++) {
    const c = by.codes[i] as number
    if (c >= 0 && answered(i)) out[c] = (out[c] as number) + 1
  }
  return out
}

function testOf(design: Design, row: string, col: string, column?: string): TestResult {
  const chisq = svyChisq(design, row, col, { dropEmptyLevels: true })
  const f = chisq.tests.F
  if (!f || !('ndf' in f.parameter)) throw new Error('Rao–Scott F missing')
  return { statistic: f.statistic, ndf: f.parameter.ndf, ddf: f.parameter.ddf, p: f.pValue, significant: f.pValue < 0.05, ...(column ? { column } : {}) }
}

/**
 * Breakdown of one question by a segment: the estimates of every domain from `svyByCovariance` (domain
 * estimates with the calibration accounted for), logit intervals with the domain's degrees of freedom,
 * and the Rao–Scott test of independence (one per option for multiple choice).
 */
function breakdownOf(input: AnalysisInput, reader: ColumnReader, q: Question, role: ProfileRole, by: FactorColumn, byQuestion: Question, withTests: boolean): BreakdownResult {
  const design = input.weighted.design
  const nRows = design.data.n
  const rows = domainRows(design, by)
  const labels = new Map(byQuestion.options.map((o) => [o.code, o.label]))
  const tests: TestResult[] = []
  let testNote: string | null = null
  const runTest = (d: Design, row: string, column?: string) => {
    try {
      tests.push(testOf(d, row, '__by', column))
    } catch (error) {
      testNote = engineMessage(error)
    }
  }
  const build = (
    cov: ReturnType<typeof svyByCovariance>,
    p: number,
    respondents: number[],
    weightedBase: (level: number) => number,
    value: (estimate: number, se: number, df: number, nResp: number) => Interval,
  ): DomainResult[] =>
    cov.domains.map((code, s) => {
      const level = by.levels.indexOf(code)
      const n = respondents[level] ?? 0
      const status = baseStatus(n)
      return {
        code,
        label: labels.get(code) ?? code,
        n,
        weighted: weightedBase(level),
        status,
        values: Array.from({ length: p }, (_, j) =>
          status === 'suppressed' ? null : value(cov.estimate[s * p + j] as number, cov.se[s * p + j] as number, (rows[level] ?? 1) - 1, n),
        ),
      }
    })
  const weightedOf = (answered: (i: number) => boolean) => {
    const sums = new Array<number>(by.levels.length).fill(0)
    const w = design.weights
    for (let i = 0; i < by.codes.length; i++) {
      const c = by.codes[i] as number
      if (c >= 0 && answered(i)) sums[c] = (sums[c] as number) + (w[i] as number)
    }
    return (level: number) => sums[level] ?? 0
  }
  const share = (est: number, se: number, df: number, nResp: number) => proportionInterval(est, se, df, nResp, nRows)

  if (q.type === 'single' || q.type === 'scale') {
    const f = reader.factor(q, 'x')
    const answered = (i: number) => (f.codes[i] as number) >= 0
    const respondents = domainRespondents(by, answered)
    if (q.type === 'scale') {
      const values = scaleValues(q)
      const numeric = new Float64Array(f.codes.length)
      for (let i = 0; i < numeric.length; i++) numeric[i] = (f.codes[i] as number) < 0 ? NaN : (values[f.codes[i] as number] as number)
      const d = withData(design, { x: f, xv: { kind: 'numeric', values: numeric }, __by: by })
      const cov = svyByCovariance(d, ['xv'], '__by')
      if (withTests) runTest(d, 'x')
      return { role, kind: 'mean', columns: [{ code: 'mean', label: 'mean' }], domains: build(cov, 1, respondents, weightedOf(answered), (e, s) => meanInterval(e, s)), tests, testNote }
    }
    const d = withData(design, { x: f, __by: by })
    const cov = svyByCovariance(d, ['x'], '__by')
    if (withTests) runTest(d, 'x')
    return {
      role,
      kind: 'share',
      columns: q.options.map((o) => ({ code: o.code, label: o.label })),
      domains: build(cov, f.levels.length, respondents, weightedOf(answered), share),
      tests,
      testNote,
    }
  }
  if (q.type === 'multiple') {
    const cols = reader.perOption(q)
    const names = q.options.map((_, j) => `x${j}`)
    const data: Record<string, Column> = { __by: by }
    cols.forEach((c, j) => {
      data[names[j] as string] = { kind: 'numeric', values: c }
      const codes = new Int32Array(c.length)
      for (let i = 0; i < c.length; i++) codes[i] = Number.isNaN(c[i] as number) ? -1 : (c[i] as number)
      data[`f${j}`] = factorFromCodes(codes, ['0', '1'], `f${j}`)
    })
    const d = withData(design, data)
    const first = cols[0] as Float64Array
    const answered = (i: number) => !Number.isNaN(first[i] as number)
    const respondents = domainRespondents(by, answered)
    const cov = svyByCovariance(d, names, '__by')
    if (withTests) q.options.forEach((o, j) => runTest(d, `f${j}`, o.code))
    return {
      role,
      kind: 'share',
      columns: q.options.map((o) => ({ code: o.code, label: o.label })),
      domains: build(cov, names.length, respondents, weightedOf(answered), share),
      tests,
      testNote,
    }
  }
  if (q.type === 'ranking') {
    const vars = rankingVariables(reader.snapshot, reader.rows, reader.firstSlot(q), q, false)
    const d = withData(design, { first: vars.first, __by: by })
    const answered = (i: number) => (vars.first.codes[i] as number) >= 0
    const respondents = domainRespondents(by, answered)
    const cov = svyByCovariance(d, ['first'], '__by')
    if (withTests) runTest(d, 'first')
    return {
      role,
      kind: 'share',
      columns: q.options.map((o) => ({ code: o.code, label: o.label })),
      domains: build(cov, q.options.length, respondents, weightedOf(answered), share),
      tests,
      testNote,
    }
  }
  // number
  const values = reader.number(q)
  const answered = (i: number) => !Number.isNaN(values[i] as number)
  const d = withData(design, { x: { kind: 'numeric', values }, __by: by })
  const cov = svyByCovariance(d, ['x'], '__by')
  return {
    role,
    kind: 'mean',
    columns: [{ code: 'mean', label: 'mean' }],
    domains: build(cov, 1, domainRespondents(by, answered), weightedOf(answered), (e, s) => meanInterval(e, s)),
    tests: [],
    testNote: null,
  }
}

function segmentFactor(input: AnalysisInput, reader: ColumnReader, role: ProfileRole): { by: FactorColumn; question: Question } | null {
  const question = profileQuestion(input.def, role)
  if (!question) return null
  return { by: reader.factor(question, '__by'), question }
}

function ternaryFrom(q: QuestionResult, breakdown: BreakdownResult): TernaryResult {
  const order = ['vision', 'gestion', 'action']
  const index = order.map((c) => breakdown.columns.findIndex((col) => col.code === c))
  const overallItems = q.ranking?.items ?? []
  const overall = order.map((c) => overallItems.find((i) => i.code === c)?.first?.estimate)
  return {
    questionKey: q.key,
    role: breakdown.role,
    overall: overall.every((v) => v !== undefined) ? (overall as [number, number, number]) : null,
    points: breakdown.domains
      .filter((d) => d.status !== 'suppressed')
      .map((d) => ({
        code: d.code,
        label: d.label,
        n: d.n,
        status: d.status,
        shares: index.map((i) => d.values[i]?.estimate ?? 0) as [number, number, number],
      })),
  }
}

/** The segment the ternary plot uses when none is chosen: the first one the questionnaire has. */
export function defaultSegment(def: Definition): ProfileRole | null {
  return availableSegments(def)[0] ?? null
}

/**
 * Adds breakdowns by `role` to the overall results (every closed question except the segment's own), and
 * the ternary plot of the lever ranking by that segment. `questionsToBreak` limits the breakdowns (the
 * overall view only breaks down the lever question, for its ternary plot).
 */
export function withBreakdowns(input: AnalysisInput, overall: StudyResults, role: ProfileRole, questionsToBreak: 'all' | 'levers'): StudyResults {
  const reader = new ColumnReader(input.def, input.snapshot, input.weighted.rows)
  const segment = segmentFactor(input, reader, role)
  if (!segment) return overall
  let ternary: TernaryResult | null = null
  const questions = overall.questions.map((qr) => {
    const q = allQuestions(input.def).find((x) => x.key === qr.key) as Question
    const lever = isLeverRanking(q)
    if (qr.status === 'error' || qr.status === 'suppressed' || q.profile === role) return qr
    if (questionsToBreak === 'levers' && !lever) return qr
    try {
      const breakdown = breakdownOf(input, reader, q, role, segment.by, segment.question, questionsToBreak === 'all')
      if (lever && ternary === null) ternary = ternaryFrom(qr, breakdown)
      return questionsToBreak === 'all' ? { ...qr, breakdown } : qr
    } catch (error) {
      return { ...qr, breakdown: { role, kind: 'share' as const, columns: [], domains: [], tests: [], testNote: engineMessage(error) } }
    }
  })
  return { ...overall, view: questionsToBreak === 'all' ? `by:${role}` : overall.view, questions, ternary }
}

/** The overall view: every question, plus the ternary plot of the levers by the default segment. */
export function computeOverallView(input: AnalysisInput): StudyResults {
  const overall = computeOverall(input)
  const role = defaultSegment(input.def)
  return role ? withBreakdowns(input, overall, role, 'levers') : overall
}
