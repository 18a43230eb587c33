/**
 * Confidence intervals for proportions, as R survey 4.1-1 `svyciprop` (spec §7), computed in closed form
 * from the design-based estimate p̂ and its linearised SE with q = qt(1 − α/2, df), df = degrees of
 * freedom of the design (n − 1 for the whole sample, domain rows − 1 inside a domain):
 * logit / xlogit (delta method on the logit scale — R's glm-based "logit" differs by ≤ 6e-10), mean
 * (Wald), asin (arcsine square root), beta (Korn–Graubard with the design effective sample size),
 * likelihood (R's profile quasi-likelihood of the intercept-only quasibinomial svyglm, solved exactly:
 * see `likelihoodInterval`; R samples the profile on a grid and interpolates, ≤ 1e-5 from the exact
 * roots on the oracle).
 *
 * Edge cases the engine handles instead of returning R's numerical noise: p̂ ∈ {0, 1} (logit, asin and
 * beta undefined) gives the exact Clopper–Pearson interval on the unweighted respondents with a
 * `PROPORTION_AT_BOUNDARY` warning; df ≤ 0 (one-respondent domain) gives a NaN interval with
 * `ZERO_DEGREES_OF_FREEDOM`, as R.
 */
import { getColumn } from './data.js'
import { degf, type Design } from './design.js'
import { InvalidInputError, makeWarning, type StatsWarning } from './errors.js'
import { qbeta, qt } from './distributions.js'
import { svyMean, type EstimateOptions } from './estimates.js'

/** Interval methods of R's `svyciprop` (4.1-1 has no Wilson interval). */
export type CiPropMethod = 'logit' | 'xlogit' | 'mean' | 'asin' | 'beta' | 'likelihood'

/** Every method, in the oracle's order of presentation. */
export const CIPROP_METHODS: readonly CiPropMethod[] = [
  'logit',
  'xlogit',
  'mean',
  'asin',
  'beta',
  'likelihood',
]

/** A proportion with its interval, degrees of freedom, base and warnings. */
export interface CiProp {
  readonly method: CiPropMethod
  readonly estimate: number
  readonly se: number
  readonly ciLow: number
  readonly ciHigh: number
  readonly df: number
  readonly level: number
  /** Respondents in the base (unweighted) and their weighted sum. */
  readonly base: { readonly n: number; readonly weighted: number }
  readonly warnings: readonly StatsWarning[]
}

/** Inputs of the interval formulas; the design quantities R reads from the design object are explicit. */
export interface CiPropIntervalInput {
  p: number
  se: number
  df: number
  method: CiPropMethod
  level?: number
  /** Rows of the design object (whole sample, also inside a domain): used by 'beta'. */
  nRowDesign: number
  /** Unweighted respondents, used for the boundary case p̂ ∈ {0, 1} and by 'likelihood'. */
  nRespondents: number
  /**
   * Weighted share of the respondents among the rows of the design (Σ w over respondents / Σ w over
   * rows with non-zero weight); used by 'likelihood'. Default 1.
   */
  respondentShare?: number
  /** Degrees of freedom of the design for the 'beta' ratio (R uses degf(design) there). Default df. */
  designDf?: number
  /** Variable name for warnings. */
  variable?: string
}

/** The interval formulas of `svyciprop` (closed forms, spec §7). */
export function ciPropInterval(input: CiPropIntervalInput): {
  low: number
  high: number
  warnings: StatsWarning[]
} {
  const { p, se, df, method } = input
  const level = input.level ?? 0.95
  const a = (1 - level) / 2
  const warnings: StatsWarning[] = []
  if (!(df > 0)) {
    warnings.push(
      makeWarning(
        'ZERO_DEGREES_OF_FREEDOM',
        `The base has ${df + 1} row(s): with ${df} degrees of freedom the interval is not estimable (NaN).`,
        'Do not publish an interval for this base; merge it with another domain or apply a minimum base (e.g. 30 respondents).',
        { variable: input.variable, details: { df } },
      ),
    )
    return { low: NaN, high: NaN, warnings }
  }
  if (Number.isNaN(p)) return { low: NaN, high: NaN, warnings }
  const q = qt(1 - a, df)
  if ((p === 0 || p === 1) && method !== 'mean') {
    const n = input.nRespondents
    warnings.push(
      makeWarning(
        'PROPORTION_AT_BOUNDARY',
        `The proportion is ${p} on ${n} respondent(s): the ${method} interval is undefined; the exact Clopper–Pearson interval on the respondents is given.`,
        'Publish it as a one-sided bound (e.g. "less than x %"), or merge the domain.',
        { variable: input.variable, details: { n } },
      ),
    )
    if (n <= 0) return { low: NaN, high: NaN, warnings }
    return p === 0
      ? { low: 0, high: qbeta(1 - a, 1, n), warnings }
      : { low: qbeta(a, n, 1), high: 1, warnings }
  }
  switch (method) {
    case 'logit':
    case 'xlogit': {
      const eta = Math.log(p / (1 - p))
      const h = (q * se) / (p * (1 - p))
      return { low: 1 / (1 + Math.exp(-(eta - h))), high: 1 / (1 + Math.exp(-(eta + h))), warnings }
    }
    case 'mean':
      return { low: p - q * se, high: p + q * se, warnings }
    case 'asin': {
      const s = Math.asin(Math.sqrt(p))
      const h = (q * se) / (2 * Math.sqrt(p * (1 - p)))
      return { low: Math.sin(s - h) ** 2, high: Math.sin(s + h) ** 2, warnings }
    }
    case 'beta': {
      let neff = (p * (1 - p)) / (se * se)
      const ratio = qt(a, input.nRowDesign - 1) / qt(a, input.designDf ?? df)
      neff *= ratio * ratio
      return {
        low: qbeta(a, neff * p, neff * (1 - p) + 1),
        high: qbeta(1 - a, neff * p + 1, neff * (1 - p)),
        warnings,
      }
    }
    case 'likelihood': {
      const n = input.nRespondents
      const dispersion = ((input.respondentShare ?? 1) * n) / (n - 1)
      const target = (dispersion * q * q * se * se) / (2 * p * (1 - p))
      return { ...likelihoodInterval(p, target), warnings }
    }
    default:
      throw new InvalidInputError(
        `Unknown interval method "${String(method)}".`,
        `Use one of ${CIPROP_METHODS.join(', ')}.`,
      )
  }
}

/**
 * Profile-likelihood interval of a proportion, as R's `svyciprop(method = "likelihood")`: the
 * intercept-only quasibinomial `svyglm` profiled by `confint.glm` at the level rescaled by the design
 * effect (`confint.svyglm`). Its bounds are the p where the scaled deviance equals the rescaled cut-off,
 * i.e. KL(p̂ ‖ p) = p̂ log(p̂/p) + (1 − p̂) log((1 − p̂)/(1 − p)) = φ·q²·SE² / (2 p̂ (1 − p̂)), with
 * φ the svyglm dispersion (weighted respondent share × n/(n − 1), from its Pearson residuals); the
 * weight scale cancels. Solved here on each side of p̂ by safeguarded Newton on log-odds.
 */
export function likelihoodInterval(p: number, target: number): { low: number; high: number } {
  if (!(target > 0) || !(p > 0 && p < 1)) return { low: NaN, high: NaN }
  const kl = (x: number): number =>
    p * Math.log(p / x) + (1 - p) * Math.log((1 - p) / (1 - x)) - target
  const solve = (lo0: number, hi0: number, increasing: boolean): number => {
    let lo = lo0
    let hi = hi0
    let x = 0.5 * (lo + hi)
    for (let it = 0; it < 200; it++) {
      const f = kl(x)
      if (f === 0) return x
      // on (0, p̂) KL decreases in x, on (p̂, 1) it increases
      if (f > 0 === increasing) hi = x
      else lo = x
      const d = -p / x + (1 - p) / (1 - x)
      let next = x - f / d
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi)
      if (Math.abs(next - x) <= 1e-16 * Math.max(x, 1e-300) || hi - lo <= 1e-16 * x) return next
      x = next
    }
    return x
  }
  return { low: solve(Number.MIN_VALUE, p, false), high: solve(p, 1 - 1e-16, true) }
}

/** Options of `svyCiProp`: method (default logit), level (0.95), df (degf of the design), category. */
export interface CiPropOptions extends Omit<EstimateOptions, 'deff'> {
  method?: CiPropMethod
  /** Confidence level (default 0.95). */
  level?: number
  /** Degrees of freedom (default: degf of the design). */
  df?: number
  /** For a factor variable: the category whose proportion is estimated. */
  category?: string
}

/**
 * Proportion with its confidence interval (R's `svyciprop(~y, design, method)`), for a 0/1 numeric
 * variable or one category of a factor. The estimate and SE are those of `svyMean` (so the estimate is
 * the exact weighted proportion, not R's glm-rounded one).
 */
export function svyCiProp(design: Design, variable: string, options: CiPropOptions = {}): CiProp {
  const method = options.method ?? 'logit'
  const level = options.level ?? 0.95
  const col = getColumn(design.data, variable)
  let target = design
  let name = variable
  if (col.kind === 'factor') {
    if (options.category === undefined) {
      throw new InvalidInputError(
        `"${variable}" is categorical: say which category's proportion to estimate.`,
        'Pass options.category.',
        { variable },
      )
    }
    const c = col.levels.indexOf(options.category)
    if (c < 0)
      throw new InvalidInputError(
        `"${options.category}" is not a level of "${variable}".`,
        `Use one of ${col.levels.join(', ')}.`,
        { variable, category: options.category },
      )
    const v = new Float64Array(col.codes.length)
    for (let i = 0; i < v.length; i++)
      v[i] = (col.codes[i] as number) < 0 ? NaN : col.codes[i] === c ? 1 : 0
    name = `${variable}${options.category}`
    target = {
      ...design,
      data: {
        n: design.data.n,
        columns: { ...design.data.columns, [name]: { kind: 'numeric', values: v } },
      },
    }
  } else {
    for (let i = 0; i < col.values.length; i++) {
      const v = col.values[i] as number
      if (!(Number.isNaN(v) || v === 0 || v === 1)) {
        throw new InvalidInputError(
          `"${variable}" has value ${v} at row ${i + 1}; a proportion needs 0/1 values.`,
          'Recode the variable to 0/1 (or missing).',
          { variable },
        )
      }
    }
  }
  const est = svyMean(target, [name], { ...options, deff: false })
  const p = est.estimate[0] as number
  const se = est.se[0] as number
  const designDf = degf(design)
  const df = options.df ?? designDf
  let total = 0
  for (const w of design.weights) total += w
  const ci = ciPropInterval({
    p,
    se,
    df,
    method,
    level,
    nRowDesign: design.data.n,
    nRespondents: est.base.n,
    respondentShare: est.base.weighted / total,
    designDf,
    variable: name,
  })
  return {
    method,
    estimate: p,
    se,
    ciLow: ci.low,
    ciHigh: ci.high,
    df,
    level,
    base: est.base,
    warnings: [...est.warnings, ...ci.warnings],
  }
}
