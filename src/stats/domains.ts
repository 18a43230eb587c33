/**
 * Estimates by domain (segment), as R survey `svyby(formula, by, design, FUN)` (spec §8): one estimate per
 * level of the `by` factor present among rows with non-zero weight, in level order; each domain keeps every
 * row and every calibration step with weights set to 0 outside it (the correct domain variance under
 * calibration). `svyByCovariance` stacks the domain influence functions and residualises them jointly,
 * giving the cross-domain covariance needed to compare segments (R ≥ 4.5 `covmat = TRUE`; 4.1-1 fails on
 * calibrated designs) — domain estimates are NOT independent after calibration.
 */
import { factorKey, makePlan, type PathOption } from './cells.js'
import { getFactor } from './data.js'
import { restrictDesign, type Design } from './design.js'
import { InvalidInputError, makeWarning, type StatsWarning } from './errors.js'
import { ciPropInterval, type CiPropMethod } from './ciprop.js'
import {
  analysisColumns,
  confint,
  influence,
  svyContrast,
  svyMean,
  svyTotal,
  type Contrast,
  type Estimate,
  type EstimateOptions,
} from './estimates.js'
import { linearizedVcov } from './variance.js'

/** Estimates by domain in R's `svyby` layout (statistic → one value per domain). */
export interface ByResult {
  /** Domains (levels of `by` with at least one row of non-zero weight), in level order. */
  readonly domains: readonly string[]
  readonly statistics: readonly string[]
  /** `estimate[statistic][domain]`, likewise `se`, `ciLow`, `ciHigh`. */
  readonly estimate: Readonly<Record<string, number[]>>
  readonly se: Readonly<Record<string, number[]>>
  readonly ciLow: Readonly<Record<string, number[]>>
  readonly ciHigh: Readonly<Record<string, number[]>>
  /** Degrees of freedom per domain (domain rows − 1). */
  readonly df: readonly number[]
  /** Respondents per domain (unweighted, non-zero weight, answered). */
  readonly n: readonly number[]
  readonly warnings: readonly StatsWarning[]
}

/** Options of the `svyBy*` functions: those of the estimators, `minBase` for warnings, confidence level. */
export interface ByOptions extends EstimateOptions {
  /** Domains with fewer respondents get a `SMALL_BASE` warning (default 30, institute practice). */
  minBase?: number
  /** Confidence level (default 0.95). */
  level?: number
}

/** Domain masks of `by` (rows with non-zero weight), dropping empty levels as R (`drop.empty.groups`). */
export function domainMasks(
  design: Design,
  by: string,
): { level: string; mask: Uint8Array; rows: number }[] {
  const f = getFactor(design.data, by)
  const out: { level: string; mask: Uint8Array; rows: number }[] = []
  const counts = new Int32Array(f.levels.length)
  const w = design.weights
  for (let i = 0; i < f.codes.length; i++) {
    const c = f.codes[i] as number
    if (c >= 0 && w[i] !== 0) counts[c] = (counts[c] as number) + 1
  }
  f.levels.forEach((level, l) => {
    if (counts[l] === 0) return
    const mask = new Uint8Array(f.codes.length)
    for (let i = 0; i < mask.length; i++) mask[i] = f.codes[i] === l ? 1 : 0
    out.push({ level, mask, rows: counts[l] as number })
  })
  return out
}

function domainTotal(d: Design): number {
  let t = 0
  for (const w of d.weights) t += w
  return t
}

type ByStatistic =
  | { kind: 'mean' | 'total'; variables: readonly string[] }
  | { kind: 'ciprop'; variable: string; method: CiPropMethod }

function runBy(design: Design, by: string, stat: ByStatistic, options: ByOptions): ByResult {
  const level = options.level ?? 0.95
  const minBase = options.minBase ?? 30
  const domains = domainMasks(design, by)
  const warnings: StatsWarning[] = []
  const estimate: Record<string, number[]> = {}
  const se: Record<string, number[]> = {}
  const ciLow: Record<string, number[]> = {}
  const ciHigh: Record<string, number[]> = {}
  const dfs: number[] = []
  const ns: number[] = []
  let statistics: readonly string[] = []
  for (const d of domains) {
    const sub = restrictDesign(design, d.mask)
    let names: readonly string[]
    let est: number[]
    let ses: number[]
    let lo: number[]
    let hi: number[]
    let nResp: number
    const df = d.rows - 1
    if (stat.kind === 'ciprop') {
      const e = svyMean(sub, [stat.variable], { ...options, deff: false })
      const p = e.estimate[0] as number
      const s = e.se[0] as number
      const ci = ciPropInterval({
        p,
        se: s,
        df,
        method: stat.method,
        level,
        nRowDesign: design.data.n,
        nRespondents: e.base.n,
        respondentShare: e.base.weighted / domainTotal(sub),
        variable: stat.variable,
      })
      names = [stat.variable]
      est = [p]
      ses = [s]
      lo = [ci.low]
      hi = [ci.high]
      nResp = e.base.n
      for (const w of [...e.warnings, ...ci.warnings])
        warnings.push({ ...w, message: `${by} = ${d.level}: ${w.message}` })
    } else {
      const e: Estimate =
        stat.kind === 'mean'
          ? svyMean(sub, stat.variables, { ...options, deff: false })
          : svyTotal(sub, stat.variables, { ...options, deff: false })
      const ci = confint(e, { level })
      names = e.names
      est = Array.from(e.estimate)
      ses = Array.from(e.se)
      lo = Array.from(ci.low)
      hi = Array.from(ci.high)
      nResp = e.base.n
      for (const w of e.warnings)
        warnings.push({ ...w, message: `${by} = ${d.level}: ${w.message}` })
    }
    if (nResp < minBase) {
      warnings.push(
        makeWarning(
          'SMALL_BASE',
          `Domain ${by} = ${d.level} has ${nResp} respondent(s), fewer than ${minBase}.`,
          'Do not publish this domain alone: merge it with another or flag it as indicative.',
          { variable: by, category: d.level, details: { n: nResp, minBase } },
        ),
      )
    }
    statistics = names
    names.forEach((nm, j) => {
      estimate[nm] ??= []
      estimate[nm].push(est[j] as number)
      se[nm] ??= []
      se[nm].push(ses[j] as number)
      ciLow[nm] ??= []
      ciLow[nm].push(lo[j] as number)
      ciHigh[nm] ??= []
      ciHigh[nm].push(hi[j] as number)
    })
    dfs.push(df)
    ns.push(nResp)
  }
  return {
    domains: domains.map((d) => d.level),
    statistics,
    estimate,
    se,
    ciLow,
    ciHigh,
    df: dfs,
    n: ns,
    warnings,
  }
}

/** Means (proportions for factors) by domain with normal CIs (R's `svyby(~y, ~by, design, svymean)`). */
export function svyByMean(
  design: Design,
  variables: readonly string[],
  by: string,
  options: ByOptions = {},
): ByResult {
  return runBy(design, by, { kind: 'mean', variables }, options)
}

/** Totals by domain (R's `svyby(~y, ~by, design, svytotal)`); with `one` = 1, the domain sizes. */
export function svyByTotal(
  design: Design,
  variables: readonly string[],
  by: string,
  options: ByOptions = {},
): ByResult {
  return runBy(design, by, { kind: 'total', variables }, options)
}

/**
 * Proportions of a 0/1 variable by domain with `svyciprop` intervals using each domain's degrees of
 * freedom (R's `svyby(~y, ~by, design, svyciprop, method)`).
 */
export function svyByCiProp(
  design: Design,
  variable: string,
  by: string,
  options: ByOptions & { method?: CiPropMethod } = {},
): ByResult {
  return runBy(design, by, { kind: 'ciprop', variable, method: options.method ?? 'logit' }, options)
}

/** Domain means with their joint covariance (for contrasts between segments). */
export interface DomainCovariance {
  readonly domains: readonly string[]
  /** Names `<domain>:<statistic>` in domain-major order. */
  readonly names: readonly string[]
  readonly estimate: Float64Array
  /** Joint covariance of all domain estimates (row-major). */
  readonly vcov: Float64Array
  readonly se: Float64Array
  readonly degf: number
  readonly path: 'rows' | 'cells'
}

/**
 * Domain means with their joint (cross-domain) covariance: the domain influence columns
 * U_s = 1{i ∈ s} w_i (y_i − ȳ_s)/Ŵ_s are stacked and residualised together (spec §8). Edge case: a domain
 * without respondents gives NaN estimates.
 */
export function svyByCovariance(
  design: Design,
  variables: readonly string[],
  by: string,
  options: EstimateOptions & { path?: PathOption } = {},
): DomainCovariance {
  const naRm = options.naRm ?? true
  const domains = domainMasks(design, by)
  const cols = analysisColumns(
    design,
    variables,
    options.maxNumericLevels ?? 256,
    options.path !== 'rows',
  )
  const byF = getFactor(design.data, by)
  const plan = makePlan(
    design,
    [...cols.keyParts, factorKey(byF)],
    options.path === undefined ? {} : { path: options.path },
  )
  const p = cols.p
  const S = domains.length
  const P = p * S
  const U = new Float64Array(plan.m * P)
  const est = new Float64Array(P)
  const names: string[] = []
  const w = design.weights
  domains.forEach((d, s) => {
    const lvl = byF.levels.indexOf(d.level)
    const inf = influence(
      plan,
      cols,
      { weights: w, domain: { codes: byF.codes, level: lvl } },
      'mean',
      naRm,
    )
    for (let j = 0; j < p; j++) {
      est[s * p + j] = inf.estimate[j] as number
      names.push(`${d.level}:${cols.names[j]}`)
    }
    for (let r = 0; r < plan.m; r++)
      for (let j = 0; j < p; j++) U[r * P + s * p + j] = inf.U[r * p + j] as number
  })
  const V = linearizedVcov(design, plan, U, P)
  const se = new Float64Array(P)
  for (let j = 0; j < P; j++) se[j] = Math.sqrt(V[j * P + j] as number)
  let nz = 0
  for (let i = 0; i < w.length; i++) if (w[i] !== 0) nz++
  return {
    domains: domains.map((d) => d.level),
    names,
    estimate: est,
    vcov: V,
    se,
    degf: nz - 1,
    path: plan.path,
  }
}

/**
 * Contrast between two domains of a `svyByCovariance` result (e.g. élus − citoyens), using the
 * cross-domain covariance; `seIfIndependent` shows what ignoring it would give.
 */
export function domainContrast(
  cov: DomainCovariance,
  a: string,
  b: string,
  statistic?: string,
): Contrast & { seIfIndependent: number } {
  const find = (d: string): number => {
    const idx = cov.names.findIndex(
      (nm) => nm.startsWith(`${d}:`) && (statistic === undefined || nm === `${d}:${statistic}`),
    )
    if (idx < 0)
      throw new InvalidInputError(
        `Domain "${d}" is not among ${cov.domains.join(', ')}.`,
        'Contrast two domains that have respondents.',
        { category: d },
      )
    return idx
  }
  const ia = find(a)
  const ib = find(b)
  const c = new Array<number>(cov.names.length).fill(0)
  c[ia] = 1
  c[ib] = -1
  const res = svyContrast(
    { names: cov.names, estimate: cov.estimate, vcov: cov.vcov, degf: cov.degf },
    c,
  )
  const P = cov.names.length
  const seInd = Math.sqrt((cov.vcov[ia * P + ia] as number) + (cov.vcov[ib * P + ib] as number))
  return { ...res, seIfIndependent: seInd }
}
