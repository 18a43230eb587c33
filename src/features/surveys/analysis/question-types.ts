/**
 * One analysis strategy per closed question type: how its overall estimates are computed (shares with logit
 * intervals, means, the ranking's three statistics), how it is broken down by a segment, and which of its
 * figures the small-cell rule hides (`suppression.ts`). `analysis.ts` runs them for every question.
 *
 * Engine use: one calibrated design (weights and calibration chain) is shared by every question; each question
 * adds its own columns to the design's data (same rows, same order). Intervals of proportions are R's
 * svyciprop logit intervals (`ciPropInterval` with the estimate and SE of `svyMean`, the design's degrees of
 * freedom — a segment's rows − 1 in a breakdown); intervals of means are normal (R's `confint`).
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
} from '../../../stats/index.js'
import { rankCountOf, scaleValues, type ProfileRole, type Question, type QuestionType } from '../surveys.definition.js'
import { countLevels, crossCounts, rankingVariables, type ColumnReader } from './columns.js'
import type { BreakdownResult, CategoryResult, DomainResult, Interval, QuestionResult, RankingItemResult, TestResult } from './model.js'
import { baseStatus, isPrimary, MIN_SHOWN, protectLine, protectRanks, protectTable, type Suppression } from './suppression.js'

/** What the overall estimates of a question are computed from. */
export interface OverallContext {
  design: Design
  reader: ColumnReader
  /** Rows of the design (its degrees of freedom + 1). */
  nRows: number
  /** Profile roles the weights are calibrated on (their shares equal the margins). */
  calibrated: readonly ProfileRole[]
}

/** What a breakdown of a question by a segment is computed from. */
export interface BreakdownContext extends OverallContext {
  role: ProfileRole
  /** The segment of each design row (−1: not answered). */
  by: FactorColumn
  /** Labels of the segment's levels. */
  labels: ReadonlyMap<string, string>
  /** Run the Rao–Scott tests (the full breakdown view) or not (the overall view's ternary plot). */
  withTests: boolean
}

/** The strategy of one question type. */
export interface QuestionStrategy {
  /** Fills `result` (base, status, categories, mean, ranking…) with the overall estimates. */
  overall(ctx: OverallContext, q: Question, result: QuestionResult): void
  /** The question broken down by the segment of `ctx`. */
  breakdown(ctx: BreakdownContext, q: Question): BreakdownResult
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

/** The engine's message of an estimation error (other errors are bugs and go up). */
export function engineMessage(error: unknown): string {
  if (error instanceof StatsError) return error.message
  throw error
}

/** Categories of a partition line (options or scale values), hidden as the line rule says. */
function categoriesOf(codes: readonly string[], labels: readonly string[], counts: readonly number[], hidden: ReadonlyArray<Suppression | null>, shown: boolean, value: (j: number) => Interval): CategoryResult[] {
  return codes.map((code, j) => {
    const why = hidden[j] ?? null
    const visible = shown && why === null
    return { code, label: labels[j] as string, n: visible ? (counts[j] as number) : null, value: visible ? value(j) : null, hidden: shown ? why : null }
  })
}

// --- breakdowns -------------------------------------------------------------------------------------------

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

/** Weighted total of the answering respondents in each level of the segment. */
function weightedByLevel(design: Design, by: FactorColumn, answered: (i: number) => boolean): number[] {
  const sums = new Array<number>(by.levels.length).fill(0)
  const w = design.weights
  for (let i = 0; i < by.codes.length; i++) {
    const c = by.codes[i] as number
    if (c >= 0 && answered(i)) sums[c] = (sums[c] as number) + (w[i] as number)
  }
  return sums
}

/**
 * The hidden rows and cells of a breakdown: `tables` are the segment × answer counts of each published
 * table of the question (one for a partition; one per option, chosen / not chosen, for a multiple choice;
 * the segment sizes alone for a mean), with the respondents without a segment as an unpublished last row.
 */
function protectBreakdown(tables: Array<{ table: number[][]; unsegmented: number[] }>): { rowsHidden: boolean[]; cells: Array<Array<Array<Suppression | null>>> } {
  const first = tables[0] as { table: number[][]; unsegmented: number[] }
  const sizes = first.table.map((row) => row.reduce((a, b) => a + b, 0))
  const unsegmented = first.unsegmented.reduce((a, b) => a + b, 0)
  const withUnsegmented = (t: { table: number[][]; unsegmented: number[] }) => (unsegmented > 0 ? [...t.table, t.unsegmented] : t.table)
  const given = [...sizes.map((n) => n < MIN_SHOWN), ...(unsegmented > 0 ? [true] : [])]
  // the rows to hide are decided once for the question (every table shares the segment sizes)
  const { rowsHidden } = protectTable(withUnsegmented(first), given)
  const cells = tables.map((t) => protectTable(withUnsegmented(t), rowsHidden).hidden)
  return { rowsHidden: rowsHidden.slice(0, sizes.length), cells }
}

/** Builds the published segments of a breakdown from the engine's domain estimates and the protection. */
function domainsOf(
  ctx: BreakdownContext,
  cov: ReturnType<typeof svyByCovariance>,
  p: number,
  sizes: readonly number[],
  weighted: readonly number[],
  protection: { rowsHidden: boolean[]; cells: Array<Array<Array<Suppression | null>>> },
  cellHidden: (level: number, j: number) => Suppression | null,
  value: (estimate: number, se: number, df: number, nResp: number) => Interval,
): DomainResult[] {
  const rows = domainRows(ctx.design, ctx.by)
  return cov.domains.map((code, s) => {
    const level = ctx.by.levels.indexOf(code)
    const n = sizes[level] ?? 0
    const status = baseStatus(n)
    const rowHidden: Suppression | null = protection.rowsHidden[level] ? (n < MIN_SHOWN ? 'small' : 'secondary') : null
    const cells = Array.from({ length: p }, (_, j) => (rowHidden ? rowHidden : cellHidden(level, j)))
    return {
      code,
      label: ctx.labels.get(code) ?? code,
      n: rowHidden ? null : n,
      weighted: rowHidden ? null : (weighted[level] ?? 0),
      status,
      hidden: rowHidden,
      values: cells.map((why, j) => (why ? null : value(cov.estimate[s * p + j] as number, cov.se[s * p + j] as number, (rows[level] ?? 1) - 1, n))),
      cells,
    }
  })
}

/**
 * Rao–Scott tests on the published segments only (hidden segments' respondents left out), and none for a
 * column with a hidden value in a published segment: a test statistic over hidden counts could give them back.
 */
function testsOf(ctx: BreakdownContext, d: Design, runs: Array<{ row: string; column?: string; hidden: boolean }>, rowsHidden: boolean[]): { tests: TestResult[]; testNote: string | null; testWithheld: boolean } {
  if (!ctx.withTests) return { tests: [], testNote: null, testWithheld: false }
  const codes = Int32Array.from(ctx.by.codes, (c) => (c >= 0 && rowsHidden[c] ? -1 : c))
  const design = withData(d, { __test: factorFromCodes(codes, ctx.by.levels, '__test') })
  const tests: TestResult[] = []
  let testNote: string | null = null
  let withheld = false
  for (const run of runs) {
    if (run.hidden) {
      withheld = true
      continue
    }
    try {
      const chisq = svyChisq(design, run.row, '__test', { dropEmptyLevels: true })
      const f = chisq.tests.F
      if (!f || !('ndf' in f.parameter)) throw new Error('Rao–Scott F missing')
      const { ndf, ddf } = f.parameter
      if (![f.statistic, ndf, ddf, f.pValue].every(Number.isFinite)) {
        testNote = 'The Rao–Scott statistic is not defined here (fewer than two published segments or answers with respondents).'
        continue
      }
      tests.push({ statistic: f.statistic, ndf, ddf, p: f.pValue, significant: f.pValue < 0.05, ...(run.column ? { column: run.column } : {}) })
    } catch (error) {
      testNote = engineMessage(error)
    }
  }
  return { tests, testNote, testWithheld: withheld }
}

const shareOf = (ctx: OverallContext) => (est: number, se: number, df: number, nResp: number) => proportionInterval(est, se, df, nResp, ctx.nRows)

/** A breakdown of a partition (single choice, or the first choice of a ranking) by the segment. */
function partitionBreakdown(ctx: BreakdownContext, q: Question, f: FactorColumn, column: string): BreakdownResult {
  const d = withData(ctx.design, { [column]: f, __by: ctx.by })
  const cov = svyByCovariance(d, [column], '__by')
  const counts = crossCounts(ctx.by, f.levels.length, (i) => f.codes[i] as number)
  const protection = protectBreakdown([counts])
  const sizes = counts.table.map((row) => row.reduce((a, b) => a + b, 0))
  const answered = (i: number) => (f.codes[i] as number) >= 0
  const cells = protection.cells[0] as Array<Array<Suppression | null>>
  const domains = domainsOf(ctx, cov, f.levels.length, sizes, weightedByLevel(ctx.design, ctx.by, answered), protection, (level, j) => (cells[level] as Array<Suppression | null>)[j] ?? null, shareOf(ctx))
  const anyHidden = domains.some((dm) => dm.hidden === null && dm.cells.some((c) => c !== null))
  return {
    role: ctx.role,
    kind: 'share',
    columns: q.options.map((o) => ({ code: o.code, label: o.label })),
    domains,
    ...testsOf(ctx, d, [{ row: column, hidden: anyHidden }], protection.rowsHidden),
  }
}

/** A breakdown of a mean (scale or number) by the segment: one value per segment. */
function meanBreakdown(ctx: BreakdownContext, values: Float64Array, testRow: { name: string; factor: FactorColumn } | null): BreakdownResult {
  const columns: Record<string, Column> = { xv: { kind: 'numeric', values }, __by: ctx.by }
  if (testRow) columns[testRow.name] = testRow.factor
  const d = withData(ctx.design, columns)
  const cov = svyByCovariance(d, ['xv'], '__by')
  const answered = (i: number) => !Number.isNaN(values[i] as number)
  const counts = crossCounts(ctx.by, 1, (i) => (answered(i) ? 0 : -1))
  const protection = protectBreakdown([counts])
  const sizes = counts.table.map((row) => row[0] as number)
  const domains = domainsOf(ctx, cov, 1, sizes, weightedByLevel(ctx.design, ctx.by, answered), protection, () => null, (e, s) => meanInterval(e, s))
  return {
    role: ctx.role,
    kind: 'mean',
    columns: [{ code: 'mean', label: 'mean' }],
    domains,
    ...(testRow ? testsOf(ctx, d, [{ row: testRow.name, hidden: false }], protection.rowsHidden) : { tests: [], testNote: null, testWithheld: false }),
  }
}

// --- the strategies -----------------------------------------------------------------------------------------

const single: QuestionStrategy = {
  overall(ctx, q, result) {
    const f = ctx.reader.factor(q, 'x')
    const counts = countLevels(f.codes, f.levels.length)
    const labels = q.options.map((o) => o.label)
    const { hidden } = protectLine(counts)
    if (q.profile !== null && ctx.calibrated.includes(q.profile)) {
      // a calibration variable: its weighted shares are the margins (no interval)
      const totals = levelTotals(ctx.design.weights, f)
      let sum = 0
      totals.forEach((t) => { sum += Number.isNaN(t) ? 0 : t })
      const n = counts.reduce((a, b) => a + b, 0)
      result.calibrated = true
      result.base = { n, weighted: sum }
      result.status = baseStatus(n)
      result.categories = categoriesOf(f.levels, labels, counts, hidden, result.status !== 'suppressed', (j) => ({ estimate: Number.isNaN(totals[j] as number) ? 0 : (totals[j] as number) / sum, low: NaN, high: NaN }))
      return
    }
    const est = svyMean(withData(ctx.design, { x: f }), ['x'])
    result.base = { n: est.base.n, weighted: est.base.weighted }
    result.status = baseStatus(est.base.n)
    const shown = result.status !== 'suppressed'
    result.categories = categoriesOf(f.levels, labels, counts, hidden, shown, (j) => proportionInterval(est.estimate[j] as number, est.se[j] as number, est.degf, est.base.n, ctx.nRows))
    if (q.subtotal) {
      const codes = q.subtotal.options
      const partHidden = result.categories.find((c) => codes.includes(c.code) && c.hidden !== null)?.hidden ?? null
      const c = svyContrast(est, f.levels.map((l) => (codes.includes(l) ? 1 : 0)))
      result.subtotal = {
        label: q.subtotal.label,
        value: shown && partHidden === null ? proportionInterval(c.estimate, c.se, est.degf, est.base.n, ctx.nRows) : null,
        hidden: shown && partHidden !== null ? 'secondary' : null,
      }
    }
  },
  breakdown(ctx, q) {
    return partitionBreakdown(ctx, q, ctx.reader.factor(q, 'x'), 'x')
  },
}

const scale: QuestionStrategy = {
  overall(ctx, q, result) {
    const f = ctx.reader.factor(q, 'x')
    const counts = countLevels(f.codes, f.levels.length)
    // the published mean is a second equation on the values: three of them stay hidden as soon as one is
    const line = protectLine(counts, { minHidden: 3 })
    const est = svyMean(withData(ctx.design, { x: f }), ['x'])
    result.base = { n: est.base.n, weighted: est.base.weighted }
    result.status = baseStatus(est.base.n)
    const shown = result.status !== 'suppressed'
    result.categories = categoriesOf(f.levels, f.levels, counts, line.hidden, shown, (j) => proportionInterval(est.estimate[j] as number, est.se[j] as number, est.degf, est.base.n, ctx.nRows))
    const c = svyContrast(est, scaleValues(q))
    result.mean = shown && !line.cannot ? { value: meanInterval(c.estimate, c.se), hidden: null } : { value: null, hidden: shown ? 'secondary' : null }
  },
  breakdown(ctx, q) {
    const f = ctx.reader.factor(q, 'x')
    const values = scaleValues(q)
    const numeric = new Float64Array(f.codes.length)
    for (let i = 0; i < numeric.length; i++) numeric[i] = (f.codes[i] as number) < 0 ? NaN : (values[f.codes[i] as number] as number)
    return meanBreakdown(ctx, numeric, { name: 'x', factor: f })
  },
}

const multiple: QuestionStrategy = {
  overall(ctx, q, result) {
    const cols = ctx.reader.perOption(q)
    const names = q.options.map((_, j) => `x${j}`)
    const data: Record<string, Column> = {}
    cols.forEach((c, j) => { data[names[j] as string] = { kind: 'numeric', values: c } })
    const est = svyMean(withData(ctx.design, data), names)
    result.base = { n: est.base.n, weighted: est.base.weighted }
    result.status = baseStatus(est.base.n)
    const shown = result.status !== 'suppressed'
    result.categories = q.options.map((o, j) => {
      let chosen = 0
      const c = cols[j] as Float64Array
      for (let i = 0; i < c.length; i++) if (c[i] === 1) chosen++
      // each option is its own line (chosen / not chosen) over the base
      const hidden: Suppression | null = isPrimary(chosen, est.base.n) ? 'small' : null
      const visible = shown && hidden === null
      return {
        code: o.code,
        label: o.label,
        n: visible ? chosen : null,
        value: visible ? proportionInterval(est.estimate[j] as number, est.se[j] as number, est.degf, est.base.n, ctx.nRows) : null,
        hidden: shown ? hidden : null,
      }
    })
  },
  breakdown(ctx, q) {
    const cols = ctx.reader.perOption(q)
    const names = q.options.map((_, j) => `x${j}`)
    const data: Record<string, Column> = { __by: ctx.by }
    cols.forEach((c, j) => {
      data[names[j] as string] = { kind: 'numeric', values: c }
      const codes = new Int32Array(c.length)
      for (let i = 0; i < c.length; i++) codes[i] = Number.isNaN(c[i] as number) ? -1 : (c[i] as number)
      data[`f${j}`] = factorFromCodes(codes, ['0', '1'], `f${j}`)
    })
    const d = withData(ctx.design, data)
    const firstColumn = cols[0] as Float64Array
    const answered = (i: number) => !Number.isNaN(firstColumn[i] as number)
    const cov = svyByCovariance(d, names, '__by')
    // one table per option: segment × (chosen, not chosen)
    const tables = cols.map((c) => crossCounts(ctx.by, 2, (i) => (Number.isNaN(c[i] as number) ? -1 : c[i] === 1 ? 0 : 1)))
    const protection = protectBreakdown(tables)
    const sizes = (tables[0] as { table: number[][] }).table.map((row) => row.reduce((a, b) => a + b, 0))
    const cellHidden = (level: number, j: number): Suppression | null => {
      const row = (protection.cells[j] as Array<Array<Suppression | null>>)[level] as Array<Suppression | null>
      return row[0] ?? row[1] ?? null
    }
    const domains = domainsOf(ctx, cov, names.length, sizes, weightedByLevel(ctx.design, ctx.by, answered), protection, cellHidden, shareOf(ctx))
    const runs = q.options.map((o, j) => ({ row: `f${j}`, column: o.code, hidden: domains.some((dm) => dm.hidden === null && dm.cells[j] !== null) }))
    return { role: ctx.role, kind: 'share', columns: q.options.map((o) => ({ code: o.code, label: o.label })), domains, ...testsOf(ctx, d, runs, protection.rowsHidden) }
  },
}

const ranking: QuestionStrategy = {
  overall(ctx, q, result) {
    const { design, reader, nRows } = ctx
    const vars = rankingVariables(reader.snapshot, reader.rows, reader.firstSlot(q), q, true)
    const m = q.options.length
    const first = svyMean(withData(design, { first: vars.first }), ['first'])
    result.base = { n: first.base.n, weighted: first.base.weighted }
    result.status = baseStatus(first.base.n)
    const shown = result.status !== 'suppressed'
    const firstCounts = countLevels(vars.first.codes, m)
    const firstHidden = protectLine(firstCounts).hidden
    const items: RankingItemResult[] = q.options.map((o, j) => {
      const visible = shown && firstHidden[j] === null
      return {
        code: o.code,
        label: o.label,
        first: visible ? proportionInterval(first.estimate[j] as number, first.se[j] as number, first.degf, first.base.n, nRows) : null,
        firstN: visible ? (firstCounts[j] as number) : null,
        firstHidden: shown ? (firstHidden[j] ?? null) : null,
        meanRank: null,
        top2: null,
        ranksHidden: null,
      }
    })
    let completeBase: { n: number; weighted: number } | null = null
    if (vars.rankOf) {
      const columns: Record<string, Column> = {}
      vars.rankOf.forEach((f, j) => { columns[`rank${j}`] = f })
      const ranks = svyMean(withData(design, columns), Object.keys(columns))
      completeBase = { n: ranks.base.n, weighted: ranks.base.weighted }
      const ranksHidden = protectRanks(vars.rankOf.map((f) => countLevels(f.codes, m)))
      if (baseStatus(ranks.base.n) !== 'suppressed') {
        items.forEach((item, j) => {
          item.ranksHidden = ranksHidden[j] ?? null
          if (item.ranksHidden) return
          const mean = svyContrast(ranks, ranks.names.map((_, c) => (Math.floor(c / m) === j ? (c % m) + 1 : 0)))
          const top = svyContrast(ranks, ranks.names.map((_, c) => (Math.floor(c / m) === j && c % m < 2 ? 1 : 0)))
          item.meanRank = meanInterval(mean.estimate, mean.se)
          item.top2 = proportionInterval(top.estimate, top.se, ranks.degf, ranks.base.n, nRows)
        })
      }
    } else if (vars.top2) {
      const columns: Record<string, Column> = {}
      vars.top2.forEach((t, j) => { columns[`top2_${j}`] = { kind: 'numeric', values: t } })
      const top = svyMean(withData(design, columns), Object.keys(columns))
      const ranksHidden = protectRanks(
        vars.top2.map((t) => {
          let inTop = 0
          let answered = 0
          for (let i = 0; i < t.length; i++) {
            if (Number.isNaN(t[i] as number)) continue
            answered++
            if (t[i] === 1) inTop++
          }
          return [inTop, answered - inTop]
        }),
      )
      if (baseStatus(top.base.n) !== 'suppressed') {
        items.forEach((item, j) => {
          item.ranksHidden = ranksHidden[j] ?? null
          if (!item.ranksHidden) item.top2 = proportionInterval(top.estimate[j] as number, top.se[j] as number, top.degf, top.base.n, nRows)
        })
      }
    }
    result.ranking = { k: rankCountOf(q), m, completeBase, items }
  },
  breakdown(ctx, q) {
    const vars = rankingVariables(ctx.reader.snapshot, ctx.reader.rows, ctx.reader.firstSlot(q), q, false)
    return partitionBreakdown(ctx, q, vars.first, 'first')
  },
}

const number: QuestionStrategy = {
  overall(ctx, q, result) {
    const est = svyMean(withData(ctx.design, { x: { kind: 'numeric', values: ctx.reader.number(q) } }), ['x'])
    result.base = { n: est.base.n, weighted: est.base.weighted }
    result.status = baseStatus(est.base.n)
    result.mean = result.status === 'suppressed' ? null : { value: meanInterval(est.estimate[0] as number, est.se[0] as number), hidden: null }
  },
  breakdown(ctx, q) {
    return meanBreakdown(ctx, ctx.reader.number(q), null)
  },
}

/** The strategy of each closed question type (texts are not analysed). */
export const QUESTION_STRATEGIES: Readonly<Record<Exclude<QuestionType, 'short_text' | 'long_text'>, QuestionStrategy>> = { single, scale, multiple, ranking, number }

/** The strategy of a question's type, or null for texts. */
export function strategyOf(type: QuestionType): QuestionStrategy | null {
  return type === 'short_text' || type === 'long_text' ? null : QUESTION_STRATEGIES[type]
}
