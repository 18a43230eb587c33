/**
 * Conformance harness (pure, no I/O): maps the parsed files of an oracle-like case directory
 * (`data.csv` records, `margins.json`, `design.json`) to an object with the structure and key names of
 * the case's `expected.json`, plus every final weight (the oracle's `weights.csv` layout).
 *
 * Every parameter comes from the inputs: N, levels and margins from margins.json; designs (margins,
 * formula, calfun, bounds, maxit, epsilon, trimming limits) and analyses (`by` variable, χ² pairs) from
 * design.json. The derived variables are those of the oracle README (first_<lever>, complete_rank,
 * mrank/top2/borda_<lever>, yes, one). The README's layout is followed: the extended estimates (bases,
 * svyciprop methods, top-2, Borda, contrasts, svyvar, totals, svyby, cross-domain covariance, svychisq)
 * for the designs named `rake` and `greg` (`fullEstimatesFor` to change this).
 *
 * Not computed (documented in docs/stats.md): `selfcheck*` (R vs its base-R reference) and the `meta`
 * fields about the R run (seed, versions).
 */
import { ciPropInterval, CIPROP_METHODS, type CiPropMethod } from './ciprop.js'
import { svyChisq, type ChisqStatistic } from './chisq.js'
import { calibrate } from './calibration.js'
import {
  factorColumn,
  numericColumn,
  surveyData,
  withColumns,
  type Column,
  type FactorColumn,
  type SurveyData,
} from './data.js'
import { createDesign, degf, type Design } from './design.js'
import {
  svyByCiProp,
  svyByCovariance,
  svyByMean,
  svyByTotal,
  domainContrast,
  type ByResult,
} from './domains.js'
import { InvalidInputError, type StatsWarning } from './errors.js'
import { confint, svyContrast, svyMean, svyTotal, svyVar, type Estimate } from './estimates.js'
import { jointMargin, margin, rake, type PopulationMargin } from './raking.js'
import { addRankingVariables } from './ranking.js'
import { levelTotals, summarizeWeights } from './summary.js'
import { trimWeights } from './trimming.js'
import type { PathOption } from './cells.js'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type JsonObject = { [k: string]: Json }

/** Parsed files of a case directory; the caller does the reading (the engine does no I/O). */
export interface ConformanceInput {
  /** Rows of data.csv as string records (empty string = missing). */
  records: readonly Readonly<Record<string, string>>[]
  /** Parsed margins.json. */
  margins: unknown
  /** Parsed design.json. */
  design: unknown
  /** Case name for `meta.case` (e.g. the directory name). */
  caseName?: string
  /** Designs that get the extended estimates (default: the README's `rake` and `greg`). */
  fullEstimatesFor?: readonly string[]
  path?: PathOption
}

/** The expected.json-shaped result and the final weights of every design. */
export interface ConformanceOutput {
  /** The expected.json-shaped result. */
  result: JsonObject
  /** Final weights: ids and one column per design, in design.json order. */
  weights: { ids: string[]; designs: string[]; columns: Float64Array[] }
}

// ------------------------------------------------------------------------------------------ input parsing

/** Parsed margins.json of an oracle-like case. */
export interface MarginsFile {
  N: number
  variables: string[]
  levels: Record<string, string[]>
  margins: Record<string, Record<string, number>>
  joints: Record<string, { cells: Record<string, string | number>[] }>
  popVector: Record<string, number> | null
}

function fail(what: string): never {
  throw new InvalidInputError(
    `Case files: ${what}.`,
    'Lay out the case directory like the oracle (README of test/fixtures/oracle).',
  )
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Validates and parses margins.json. Edge case: missing N, levels or margins → `InvalidInputError`. */
export function parseMargins(raw: unknown): MarginsFile {
  if (!isObject(raw)) fail('margins.json is not an object')
  const N = raw.N
  if (typeof N !== 'number' || !(N > 0)) fail('margins.json has no positive N')
  const levels = raw.levels
  const margins = raw.margins
  if (!isObject(levels) || !isObject(margins)) fail('margins.json needs "levels" and "margins"')
  const variables = Array.isArray(raw.variables)
    ? (raw.variables as string[])
    : Object.keys(margins)
  const joints: MarginsFile['joints'] = {}
  for (const [k, v] of Object.entries(raw)) {
    if (isObject(v) && Array.isArray(v.cells))
      joints[k] = { cells: v.cells as Record<string, string | number>[] }
  }
  const pv = raw.calibrate_population_vector
  return {
    N,
    variables,
    levels: levels as Record<string, string[]>,
    margins: margins as Record<string, Record<string, number>>,
    joints,
    popVector: isObject(pv) ? (pv as Record<string, number>) : null,
  }
}

interface DesignSpec {
  name: string
  method: 'rake' | 'calibrate' | 'trim'
  raw: Record<string, unknown>
}

function parseDesign(raw: unknown): {
  designs: DesignSpec[]
  by: string | null
  chisq: [string, string][]
} {
  if (!isObject(raw) || !isObject(raw.designs)) fail('design.json needs "designs"')
  const designs: DesignSpec[] = Object.entries(raw.designs).map(([name, v]) => {
    if (!isObject(v)) fail(`design "${name}" is not an object`)
    const method = v.method
    if (method !== 'rake' && method !== 'calibrate' && method !== 'trim')
      fail(`design "${name}" has unknown method ${String(method)}`)
    return { name, method, raw: v }
  })
  const analysis = isObject(raw.analysis) ? raw.analysis : {}
  const by = typeof analysis.by === 'string' ? analysis.by : null
  const chisq = Array.isArray(analysis.chisq) ? (analysis.chisq as [string, string][]) : []
  return { designs, by, chisq }
}

// ------------------------------------------------------------------------------------------ helpers

const num = (v: number): Json => (Number.isFinite(v) ? v : null)

function named(names: readonly string[], values: ArrayLike<number>): JsonObject {
  const o: JsonObject = {}
  names.forEach((nm, j) => { o[nm] = num(values[j] as number) })
  return o
}

function vcovJson(est: Estimate): Json {
  const p = est.names.length
  const rows: Json[] = []
  for (let a = 0; a < p; a++) {
    const row: Json[] = []
    for (let b = 0; b < p; b++) row.push(num(est.vcov[a * p + b] as number))
    rows.push(row)
  }
  return rows
}

function estimateBlock(
  est: Estimate,
  parts: { ciT?: boolean; vcov?: boolean; deff?: boolean; names?: readonly string[] },
): JsonObject {
  const names = parts.names ?? est.names
  const out: JsonObject = { estimate: named(names, est.estimate), se: named(names, est.se) }
  const n = confint(est)
  out.ci95_normal = { low: named(names, n.low), high: named(names, n.high) }
  if (parts.ciT) {
    const t = confint(est, { df: est.degf })
    out.ci95_t = { df: est.degf, low: named(names, t.low), high: named(names, t.high) }
  }
  if (parts.vcov) out.vcov = vcovJson(est)
  if (parts.deff && est.deff) out.deff = named(names, est.deff)
  return out
}

function byJson(res: ByResult): JsonObject {
  const stats = res.statistics
  const block = (src: Readonly<Record<string, number[]>>): JsonObject => {
    const o: JsonObject = {}
    for (const s of stats) o[s] = (src[s] ?? []).map(num)
    return o
  }
  return {
    domains: [...res.domains],
    statistics: stats.length === 1 ? (stats[0] as string) : [...stats],
    estimate: block(res.estimate),
    se: block(res.se),
    ci_l: block(res.ciLow),
    ci_u: block(res.ciHigh),
  }
}

function warningsJson(ws: readonly StatsWarning[]): Json {
  return ws.map((w) => w.message)
}

// ------------------------------------------------------------------------------------------ data

/** The respondents of a case with the README's derived variables. */
export interface CaseData {
  data: SurveyData
  ids: string[]
  levers: string[]
  leverKeys: string[]
  yesLevel: string
}

/**
 * Builds the data of a case from data.csv records: factors with the levels of margins.json (first_choice
 * takes the `lever` levels), numerics otherwise, plus first_<lever>, complete_rank, mrank/top2/borda_<lever>,
 * yes and one. Edge case: a value outside the declared levels → `UnknownLevelError`.
 */
export function buildData(records: ConformanceInput['records'], mf: MarginsFile): CaseData {
  const n = records.length
  if (n === 0) fail('data.csv has no row')
  const header = Object.keys(records[0] as object)
  const col = (name: string): string[] => records.map((r) => r[name] ?? '')
  const columns: Record<string, Column> = {}
  const levelsFor = (name: string): string[] | undefined => {
    if (name === 'first_choice') return mf.levels.lever
    return mf.levels[name]
  }
  for (const name of header) {
    if (name === 'id') continue
    const lv = levelsFor(name)
    if (lv) columns[name] = factorColumn(col(name), lv, name)
    else {
      const raw = col(name)
      const values = raw.map((v) => {
        if (v === '') return null
        const x = Number(v)
        if (!Number.isFinite(x)) {
          throw new InvalidInputError(
            `Column "${name}" has the non-numeric value "${v}" and no declared levels.`,
            'Declare its levels in margins.json or fix the value.',
            { variable: name },
          )
        }
        return x
      })
      columns[name] = numericColumn(values)
    }
  }
  let data = surveyData(columns)
  const levers = mf.levels.lever ?? fail('margins.json levels has no "lever"')
  const leverKeys = levers.map((l) => l.toLowerCase())
  const rk = addRankingVariables(
    data,
    {
      items: levers,
      rankColumns: leverKeys.map((k) => `rank_${k}`),
      firstChoice: 'first_choice',
      keys: leverKeys,
    },
    2,
  )
  data = rk.data
  const qy = data.columns.q_yesno as FactorColumn | undefined
  const yesLevel = qy ? (qy.levels.includes('Oui') ? 'Oui' : (qy.levels[0] as string)) : 'Oui'
  const extra: Record<string, Column> = {
    one: { kind: 'numeric', values: new Float64Array(n).fill(1) },
  }
  if (qy) {
    const yl = qy.levels.indexOf(yesLevel)
    const yes = new Float64Array(n)
    for (let i = 0; i < n; i++)
      yes[i] = (qy.codes[i] as number) < 0 ? NaN : qy.codes[i] === yl ? 1 : 0
    extra.yes = { kind: 'numeric', values: yes }
  }
  data = withColumns(data, extra)
  return { data, ids: records.map((r, i) => r.id ?? String(i + 1)), levers, leverKeys, yesLevel }
}

// ------------------------------------------------------------------------------------------ designs

interface BuiltDesign {
  name: string
  design: Design
  info: JsonObject
}

function marginsFor(spec: DesignSpec, mf: MarginsFile): PopulationMargin[] {
  const list = spec.raw.margins
  if (!Array.isArray(list)) fail(`design "${spec.name}" needs "margins"`)
  return (list as string[][]).map((vars) => {
    if (vars.length === 1) {
      const v = vars[0] as string
      const m = mf.margins[v] ?? fail(`no population margin for "${v}"`)
      return margin(v, m)
    }
    const source =
      typeof spec.raw.joint_margin_source === 'string' ? spec.raw.joint_margin_source : null
    const joint = source
      ? mf.joints[source]
      : Object.values(mf.joints).find((j) => vars.every((v) => j.cells[0]?.[v] !== undefined))
    if (!joint) fail(`no joint population margin for ${vars.join(' × ')}`)
    return jointMargin(
      vars,
      joint.cells.map((c) => ({ levels: vars.map((v) => String(c[v])), total: Number(c.Freq) })),
    )
  })
}

function buildDesign(
  spec: DesignSpec,
  base: Design,
  built: Map<string, BuiltDesign>,
  mf: MarginsFile,
  path: PathOption | undefined,
): BuiltDesign {
  const r = spec.raw
  const pathOpt = path === undefined ? {} : { path }
  if (spec.method === 'rake') {
    const ms = marginsFor(spec, mf)
    const maxit = typeof r.maxit === 'number' ? r.maxit : 10
    const epsilon = typeof r.epsilon === 'number' ? r.epsilon : 1
    const res = rake(base, ms, { maxit, epsilon, ...pathOpt })
    return {
      name: spec.name,
      design: res.design,
      info: {
        call: `rake(design, list(${ms.map((m) => `~${m.variables.join('+')}`).join(', ')}), control = list(maxit=${maxit}, epsilon=${epsilon}))`,
        epsilon_absolute: res.epsilonAbsolute,
        warnings: warningsJson(res.warnings),
        converged: res.converged,
        sweeps: res.sweeps,
        deltas: res.deltas.map(num),
      },
    }
  }
  if (spec.method === 'calibrate') {
    const formula = r.formula
    if (!Array.isArray(formula)) fail(`design "${spec.name}" needs "formula"`)
    const calfun = (typeof r.calfun === 'string' ? r.calfun : 'linear') as
      'linear' | 'raking' | 'logit'
    const bounds = Array.isArray(r.bounds)
      ? ([Number(r.bounds[0]), Number(r.bounds[1])] as [number, number])
      : undefined
    const population: Record<string, number> | PopulationMargin[] =
      mf.popVector ??
      (formula as string[]).map((v) =>
        margin(v, mf.margins[v] ?? fail(`no population margin for "${v}"`)),
      )
    const res = calibrate(base, formula as string[], population, {
      calfun,
      ...(bounds ? { bounds } : {}),
      ...(typeof r.epsilon === 'number' ? { epsilon: r.epsilon } : {}),
      ...(typeof r.maxit === 'number' ? { maxit: r.maxit } : {}),
      ...pathOpt,
    })
    const info: JsonObject = {
      call: `calibrate(design, ~${(formula as string[]).join('+')}, population, calfun='${calfun}'${bounds ? `, bounds=c(${bounds.join(',')})` : ''})`,
      warnings: warningsJson(res.warnings.filter((w) => w.code !== 'NEGATIVE_WEIGHTS')),
    }
    if (res.method === 'closed-form') {
      let neg = 0
      for (const w of res.weights) if (w < 0) neg++
      info.negative_weights = neg
    } else info.ref_iterations = res.iterations
    if (bounds) {
      info.n_at_lower = res.nAtLower
      info.n_at_upper = res.nAtUpper
    }
    return { name: spec.name, design: res.design, info }
  }
  const from = typeof r.from === 'string' ? built.get(r.from) : undefined
  if (!from) fail(`design "${spec.name}" trims unknown design ${String(r.from)}`)
  const lower = typeof r.lower === 'number' ? r.lower : -Infinity
  const upper = typeof r.upper === 'number' ? r.upper : Infinity
  const strict = r.strict === true
  const res = trimWeights(from.design, { lower, upper, strict })
  return {
    name: spec.name,
    design: res.design,
    info: {
      call: `trimWeights(${from.name}, lower=${lower}, upper=${upper}, strict=${strict ? 'TRUE' : 'FALSE'})`,
      lower,
      upper,
      warnings: [],
      n_above_upper_after: res.nAboveUpperAfter,
      n_below_lower_after: res.nBelowLowerAfter,
    },
  }
}

// ------------------------------------------------------------------------------------------ estimates

interface Ctx {
  cd: CaseData
  mf: MarginsFile
  by: string | null
  chisq: [string, string][]
  path: PathOption | undefined
}

/**
 * The oracle's `weights` block of a design: summary statistics, the first 20 weights and the weighted
 * totals of every level of the margin variables (null for a level without respondents).
 */
export function weightsBlock(design: Design, cd: CaseData, mf: MarginsFile): JsonObject {
  const s = summarizeWeights(design.weights, design.baseWeights)
  const margin_totals: JsonObject = {}
  for (const v of mf.variables) {
    const f = cd.data.columns[v]
    if (f?.kind !== 'factor') continue
    margin_totals[v] = named(f.levels, levelTotals(design.weights, f))
  }
  return {
    n: s.n,
    n_nonzero: s.nNonzero,
    sum: s.sum,
    mean: s.mean,
    min: s.min,
    q1: s.q1,
    median: s.median,
    q3: s.q3,
    max: s.max,
    sd: s.sd,
    cv: s.cv,
    max_over_min: num(s.maxOverMin),
    g_min: s.gMin,
    g_max: s.gMax,
    kish_n_eff: s.kishNEff,
    kish_deff: s.kishDeff,
    first20: Array.from(design.weights.subarray(0, 20), num),
    margin_totals,
  }
}

function ciPropJson(
  p: number,
  se: number,
  df: number,
  method: CiPropMethod,
  nRow: number,
  nResp: number,
  variable: string,
  respondentShare: number,
): JsonObject {
  const ci = ciPropInterval({
    p,
    se,
    df,
    method,
    nRowDesign: nRow,
    nRespondents: nResp,
    respondentShare,
    variable,
  })
  return {
    estimate: num(p),
    se: num(se),
    ci_low: num(ci.low),
    ci_high: num(ci.high),
    df,
    warnings: warningsJson(ci.warnings),
  }
}

function estimatesFor(
  design: Design,
  ctx: Ctx,
  full: boolean,
): { estimates: JsonObject; intermediates: JsonObject | null } {
  const { cd } = ctx
  const po = ctx.path === undefined ? {} : { path: ctx.path }
  const out: JsonObject = {}
  const df = degf(design)
  out.degf = df
  let sumW = 0
  for (const w of design.weights) sumW += w
  out.base_total = sumW
  const fc = svyMean(design, ['first_choice'], { deff: true, ...po })
  out.first_choice = estimateBlock(fc, { ciT: true, vcov: true, deff: true })
  const fct = svyTotal(design, ['first_choice'], po)
  out.first_choice_total = estimateBlock(fct, { vcov: true })
  const yes = svyMean(design, ['yes'], { deff: true, ...po })
  out.yes = estimateBlock(yes, { ciT: true, deff: true })
  out.yes_ciprop_logit = ciPropJson(
    yes.estimate[0] as number,
    yes.se[0] as number,
    df,
    'logit',
    design.data.n,
    yes.base.n,
    'yes',
    yes.base.weighted / sumW,
  )
  delete (out.yes_ciprop_logit as JsonObject).warnings
  const score = svyMean(design, ['score'], { deff: true, ...po })
  out.score = estimateBlock(score, { ciT: true, deff: true })
  const mrankVars = cd.leverKeys.map((k) => `mrank_${k}`)
  const mr = svyMean(design, mrankVars, { deff: true, ...po })
  out.mean_rank = estimateBlock(mr, { ciT: true, vcov: true, deff: true })
  if (!full) return { estimates: out, intermediates: null }

  const all = svyTotal(design, ['one'], po)
  out.bases = {
    all: { n: all.base.n, weighted: all.base.weighted },
    first_choice: { n: fc.base.n, weighted: fc.base.weighted },
    complete_ranking: { n: mr.base.n, weighted: mr.base.weighted },
    yes: { n: yes.base.n, weighted: yes.base.weighted },
    score: { n: score.base.n, weighted: score.base.weighted },
  }
  const ciprop: JsonObject = {}
  const propVars: [string, Estimate][] = cd.leverKeys.map((k) => [
    `first_${k}`,
    svyMean(design, [`first_${k}`], po),
  ])
  propVars.push(['yes', yes])
  for (const [name, e] of propVars) {
    const methods: JsonObject = {}
    for (const m of CIPROP_METHODS) {
      methods[m] = ciPropJson(
        e.estimate[0] as number,
        e.se[0] as number,
        df,
        m,
        design.data.n,
        e.base.n,
        name,
        e.base.weighted / sumW,
      )
    }
    ciprop[name] = methods
  }
  out.ciprop = ciprop
  out.top2 = estimateBlock(
    svyMean(
      design,
      cd.leverKeys.map((k) => `top2_${k}`),
      po,
    ),
    { ciT: true, vcov: true },
  )
  out.borda_points = estimateBlock(
    svyMean(
      design,
      cd.leverKeys.map((k) => `borda_${k}`),
      po,
    ),
    { ciT: true, vcov: true },
  )
  if (cd.levers.length >= 3) {
    const a = cd.levers[2] as string
    const b = cd.levers[1] as string
    const c = svyContrast(fc, { [`first_choice${a}`]: 1, [`first_choice${b}`]: -1 })
    const ce = { estimate: Float64Array.of(c.estimate), se: Float64Array.of(c.se) }
    const nrm = confint(ce)
    const t = confint(ce, { df })
    out[`contrast_${a.toLowerCase()}_minus_${b.toLowerCase()}`] = {
      estimate: { contrast: num(c.estimate) },
      se: { contrast: num(c.se) },
      ci95_normal: {
        low: { contrast: num(nrm.low[0] as number) },
        high: { contrast: num(nrm.high[0] as number) },
      },
      ci95_t: {
        df,
        low: { contrast: num(t.low[0] as number) },
        high: { contrast: num(t.high[0] as number) },
      },
    }
  }
  out.score_var = estimateBlock(svyVar(design, 'score', po), {})
  out.yes_total = estimateBlock(svyTotal(design, ['yes'], po), {})

  let intermediates: JsonObject | null = null
  if (ctx.by) {
    const by = ctx.by
    const bo = { ...po, minBase: 0 }
    const yesBy = svyByCiProp(design, 'yes', by, { ...bo, method: 'logit' })
    const dfs: JsonObject = {}
    yesBy.domains.forEach((d, k) => { dfs[d] = yesBy.df[k] as number })
    out[`svyby_${by}`] = {
      size: byJson(svyByTotal(design, ['one'], by, bo)),
      first_choice: byJson(svyByMean(design, ['first_choice'], by, bo)),
      first_choice_total: byJson(svyByTotal(design, ['first_choice'], by, bo)),
      yes_ciprop_logit: byJson(yesBy),
      yes_ciprop_logit_df: dfs,
      score: byJson(svyByMean(design, ['score'], by, bo)),
      mean_rank: byJson(svyByMean(design, mrankVars, by, bo)),
    }
    const cov = svyByCovariance(design, ['yes'], by, po)
    const S = cov.domains.length
    const vrows: Json[] = []
    for (let a = 0; a < S; a++) {
      const row: Json[] = []
      for (let b = 0; b < S; b++) row.push(num(cov.vcov[a * S + b] as number))
      vrows.push(row)
    }
    const covJson: JsonObject = {
      method:
        'influence functions of the domain means stacked, then residualised jointly through the calibration (svyrecvar)',
      estimate: named(cov.domains, cov.estimate),
      vcov: vrows,
    }
    if (S >= 2) {
      const a = cov.domains[1] as string
      const b = cov.domains[0] as string
      const c = domainContrast(cov, a, b)
      covJson[`contrast_${a}_minus_${b}`] = {
        estimate: num(c.estimate),
        se: num(c.se),
        z: num(c.z),
        p_normal: num(c.pNormal),
        p_t: num(c.pT),
        se_if_independent: num(c.seIfIndependent),
      }
    }
    let maxRel = 0
    const bySe = yesBy.se.yes ?? []
    for (let s = 0; s < S; s++)
      maxRel = Math.max(maxRel, Math.abs((cov.se[s] as number) / (bySe[s] as number) - 1))
    covJson.check_diag_vs_svyby_se_rel = maxRel
    out[`yes_by_${by}_covmat`] = covJson
  }
  if (ctx.chisq.length > 0) {
    const tests: JsonObject = {}
    ctx.chisq.forEach(([a, b], k) => {
      const stats: ChisqStatistic[] = k === 0 ? ['F', 'Chisq', 'Wald', 'adjWald'] : ['F']
      const res = svyChisq(design, a, b, { statistics: stats, ...po })
      const o: JsonObject = {}
      for (const s of stats) {
        const t = res.tests[s]
        if (!t) continue
        o[s] = {
          statistic: num(t.statistic),
          parameter: { ...t.parameter },
          p_value: num(t.pValue),
          method: t.method,
        }
      }
      tests[`${a}_x_${b}`] = o
      if (k === 0) {
        const im = res.intermediates
        intermediates = {
          N: im.N,
          nr: im.nr,
          nc: im.nc,
          nu: im.nu,
          pearson_X2: num(im.pearsonX2),
          trace_delta: num(im.traceDelta),
          trace_delta2: num(im.traceDelta2),
          F: num(im.F),
          ndf: num(im.ndf),
          ddf: num(im.ddf),
          p_F: num(im.pF),
          delta_eigen: Array.from(im.deltaEigen, num),
        }
      }
    })
    out.svychisq = tests
  }
  return { estimates: out, intermediates }
}

// ------------------------------------------------------------------------------------------ main

/**
 * Runs every design and analysis of a case. Edge case: malformed files throw `InvalidInputError`; engine
 * errors (e.g. an absent category) propagate as their typed `StatsError`.
 */
export function runConformance(input: ConformanceInput): ConformanceOutput {
  const mf = parseMargins(input.margins)
  const { designs, by, chisq } = parseDesign(input.design)
  const cd = buildData(input.records, mf)
  const n = cd.data.n
  const w0 = mf.N / n
  const base = createDesign(cd.data, w0)
  const full = new Set(input.fullEstimatesFor ?? ['rake', 'greg'])
  const ctx: Ctx = { cd, mf, by, chisq, path: input.path }
  const built = new Map<string, BuiltDesign>()
  const designsOut: JsonObject = {}
  for (const spec of designs) {
    const b = buildDesign(spec, base, built, mf, input.path)
    built.set(spec.name, b)
    const { estimates, intermediates } = estimatesFor(b.design, ctx, full.has(spec.name))
    const entry: JsonObject = { ...b.info, weights: weightsBlock(b.design, cd, mf), estimates }
    if (intermediates && chisq.length > 0) {
      const [a, c] = chisq[0] as [string, string]
      entry[`svychisq_intermediates_${a}_x_${c}`] = intermediates
    }
    designsOut[spec.name] = entry
  }

  // comparisons
  const comparisons: JsonObject = {}
  const rk = built.get('rake')
  const cr = built.get('cal_raking')
  const po = input.path === undefined ? {} : { path: input.path }
  if (rk && cr) {
    let wrel = 0
    for (let i = 0; i < n; i++)
      wrel = Math.max(
        wrel,
        Math.abs((rk.design.weights[i] as number) / (cr.design.weights[i] as number) - 1),
      )
    comparisons.rake_vs_cal_raking_weights_rel = wrel
    const a = svyMean(rk.design, ['first_choice'], po)
    const b = svyMean(cr.design, ['first_choice'], po)
    let srel = 0
    for (let j = 0; j < a.se.length; j++)
      srel = Math.max(srel, Math.abs((a.se[j] as number) / (b.se[j] as number) - 1))
    comparisons.rake_vs_cal_raking_first_choice_se_rel = srel
  }
  const unc = svyMean(base, ['first_choice'], po)
  comparisons.uncalibrated_first_choice = estimateBlock(unc, { vcov: true })
  comparisons.uncalibrated_note =
    'base design (constant w0, no calibration): shows how much calibration moves estimates and SEs'

  // data summary
  const counts: JsonObject = {}
  for (const v of [...mf.variables, ...(by ? [by] : [])]) {
    const f = cd.data.columns[v]
    if (f?.kind !== 'factor') continue
    const c = new Float64Array(f.levels.length)
    for (const code of f.codes) if (code >= 0) c[code] = (c[code] as number) + 1
    counts[v] = named(f.levels, c)
  }
  const missingOf = (name: string): number => {
    const c = cd.data.columns[name]
    if (!c) return 0
    let k = 0
    if (c.kind === 'factor') {
      for (const code of c.codes) if (code < 0) k++
    } else for (const v of c.values) if (Number.isNaN(v)) k++
    return k
  }
  const completeCol = cd.data.columns.complete_rank
  let completeN = 0
  if (completeCol && completeCol.kind === 'numeric')
    for (const v of completeCol.values) if (v === 1) completeN++
  const answeredFirst = n - missingOf('first_choice')
  const dataSummary: JsonObject = {
    counts,
    missing: {
      first_choice: missingOf('first_choice'),
      complete_ranking: completeN,
      partial_ranking: answeredFirst - completeN,
      q_yesno: missingOf('q_yesno'),
      score: missingOf('score'),
    },
  }

  const boundsDesign = designs.find((d) => Array.isArray(d.raw.bounds))
  const trimDesign = designs.find((d) => d.method === 'trim')
  const meta: JsonObject = {
    case: input.caseName ?? null,
    n,
    N: mf.N,
    w0,
    bounds: boundsDesign ? (boundsDesign.raw.bounds as number[]) : null,
    trim_lower:
      trimDesign && typeof trimDesign.raw.lower === 'number' ? trimDesign.raw.lower : null,
    trim_upper:
      trimDesign && typeof trimDesign.raw.upper === 'number' ? trimDesign.raw.upper : null,
    generated_by: 'alliance stats conformance (TypeScript engine, src/stats)',
  }
  const weightCols = designs.map((d) => (built.get(d.name) as BuiltDesign).design.weights)
  return {
    result: { meta, data_summary: dataSummary, designs: designsOut, comparisons },
    weights: { ids: cd.ids, designs: designs.map((d) => d.name), columns: weightCols },
  }
}
