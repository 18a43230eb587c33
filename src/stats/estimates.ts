/**
 * Design-based estimators with linearised variances (spec §6): `svyMean` (means, proportions of every
 * level of a factor), `svyTotal`, `svyVar`, linear contrasts, design effects, Kish's effective sample size,
 * confidence intervals (normal, or Student with the design's degrees of freedom).
 *
 * Missing answers: with `naRm` (default, as the platform always does) a respondent with a missing value
 * in ANY requested column is left out of the estimate (weight 0) but stays in the design, so the
 * calibration residuals, n and the degrees of freedom are those of the whole sample (spec §1, §6).
 */
import {
  factorKey,
  makePlan,
  numericKey,
  type KeyPart,
  type PathOption,
  type Plan,
} from './cells.js'
import { getColumn, type Column } from './data.js'
import { degf, type Design } from './design.js'
import { InvalidInputError, makeWarning, type StatsWarning } from './errors.js'
import { qnorm, qt, pnorm, pt } from './distributions.js'
import { linearizedVcov } from './variance.js'

/** A vector of estimates with its linearised covariance matrix. */
export interface Estimate {
  /** Names of the estimated quantities (`<factor><level>` for factor levels, R's names). */
  readonly names: readonly string[]
  readonly estimate: Float64Array
  /** Covariance matrix, p × p row-major. */
  readonly vcov: Float64Array
  readonly se: Float64Array
  /** Degrees of freedom of the design (rows with non-zero weight − 1). */
  readonly degf: number
  /** Respondents in the base: unweighted count (non-zero weight, no missing value) and weighted sum. */
  readonly base: { readonly n: number; readonly weighted: number }
  /** Design effects (svymean/svytotal "not replace"), when requested. */
  readonly deff?: Float64Array
  readonly warnings: readonly StatsWarning[]
  readonly path: 'rows' | 'cells'
}

/** Options of `svyMean`/`svyTotal`/`svyVar`: missing-value rule, design effects, path. */
export interface EstimateOptions {
  /** Leave out respondents with a missing value (default true). Without it, missing values give NaN. */
  naRm?: boolean
  /** Compute design effects (default false). */
  deff?: boolean
  path?: PathOption
  /** Numeric variables with at most this many distinct values may use the cell path. Default 256. */
  maxNumericLevels?: number
}

/** The analysed columns: names, width, key parts for the cell path and a row reader. */
export interface AnalysisColumns {
  readonly names: string[]
  readonly p: number
  readonly keyParts: (KeyPart | null)[]
  readonly variables: string[]
  /** Fills `out` with row i; returns false when a value is missing. */
  read(i: number, out: Float64Array, offset: number): boolean
  /**
   * Bulk version over plan rows (respondent `rep[r]`, or r): fills Y (m × p, zero-initialised) and sets
   * ok[r] = 0 where a value is missing. Optional; `read` is used otherwise.
   */
  fill?(rep: Int32Array | null, m: number, Y: Float64Array, ok: Uint8Array): void
}

/**
 * Columns of the given variables: a factor gives one 0/1 indicator per level (R's `model.matrix(~0+f)`),
 * a numeric variable itself.
 */
export function analysisColumns(
  design: Design,
  variables: readonly string[],
  maxNumericLevels = 256,
  needKeys = true,
): AnalysisColumns {
  const cols: { name: string; col: Column }[] = variables.map((v) => ({
    name: v,
    col: getColumn(design.data, v),
  }))
  const names: string[] = []
  const keyParts: (KeyPart | null)[] = []
  for (const { name, col } of cols) {
    if (col.kind === 'factor') {
      for (const l of col.levels) names.push(`${name}${l}`)
      if (needKeys) keyParts.push(factorKey(col))
    } else {
      names.push(name)
      if (needKeys) keyParts.push(numericKey(col.values, maxNumericLevels))
    }
  }
  return {
    names,
    p: names.length,
    keyParts,
    variables: [...variables],
    read(i: number, out: Float64Array, offset: number): boolean {
      let o = offset
      let ok = true
      for (const { col } of cols) {
        if (col.kind === 'factor') {
          const c = col.codes[i] as number
          const L = col.levels.length
          for (let l = 0; l < L; l++) out[o + l] = l === c ? 1 : 0
          if (c < 0) ok = false
          o += L
        } else {
          const v = col.values[i] as number
          out[o] = v
          if (Number.isNaN(v)) ok = false
          o += 1
        }
      }
      return ok
    },
    fill(rep: Int32Array | null, m: number, Y: Float64Array, ok: Uint8Array): void {
      const p = names.length
      let o = 0
      for (const { col } of cols) {
        if (col.kind === 'factor') {
          const codes = col.codes
          for (let r = 0; r < m; r++) {
            const c = codes[rep ? (rep[r] as number) : r] as number
            if (c < 0) ok[r] = 0
            else Y[r * p + o + c] = 1
          }
          o += col.levels.length
        } else {
          const values = col.values
          for (let r = 0; r < m; r++) {
            const v = values[rep ? (rep[r] as number) : r] as number
            Y[r * p + o] = v
            if (Number.isNaN(v)) ok[r] = 0
          }
          o += 1
        }
      }
    },
  }
}

/** Influence matrix and point estimate of a mean or total on a plan (internal). */
export interface Influence {
  estimate: Float64Array
  /** m × p row-major */
  U: Float64Array
  /** Σ weights of the respondents in the base. */
  weightedBase: number
  /** Respondents in the base (non-zero weight, complete). */
  nObs: number
  /** Respondents with non-zero weight and a missing value. */
  nMissing: number
  /** Per column Σ f·pw·(y − ȳ)² (for deff / svyvar). */
  sumSq: Float64Array
}

/** Weights of the estimate: design weights, optionally restricted to one level of a domain factor. */
export interface WeightSource {
  weights: Float64Array
  domain?: { codes: Int32Array; level: number } | null
}

/**
 * Influence of `svymean` (kind 'mean': U = pw (y − ȳ)/Ŵ) or `svytotal` ('total': U = pw·y) on a plan,
 * with pw = w for respondents in the domain without missing value (naRm), 0 otherwise.
 */
export function influence(
  plan: Plan,
  cols: AnalysisColumns,
  source: WeightSource,
  kind: 'mean' | 'total',
  naRm: boolean,
): Influence {
  const m = plan.m
  const p = cols.p
  const freq = plan.freq
  const rep = plan.rep
  const Y = new Float64Array(m * p)
  const ok = new Uint8Array(m).fill(1)
  if (cols.fill) cols.fill(rep, m, Y, ok)
  else for (let r = 0; r < m; r++) if (!cols.read(rep ? (rep[r] as number) : r, Y, r * p)) ok[r] = 0
  const wts = source.weights
  const dom = source.domain ?? null
  // weight of plan row r in the estimate (0 outside the domain, and for missing values with naRm)
  const weightOf = (r: number): number => {
    if (naRm && !ok[r]) return 0
    const i = rep ? (rep[r] as number) : r
    return dom && dom.codes[i] !== dom.level ? 0 : (wts[i] as number)
  }
  let psum = 0
  let nObs = 0
  let nMissing = 0
  const est = new Float64Array(p)
  for (let r = 0; r < m; r++) {
    const i = rep ? (rep[r] as number) : r
    const w = dom && dom.codes[i] !== dom.level ? 0 : (wts[i] as number)
    const f = freq ? (freq[r] as number) : 1
    if (!ok[r]) {
      if (w !== 0) nMissing += f
      if (naRm) {
        for (let j = 0; j < p; j++) Y[r * p + j] = 0
        continue
      }
    }
    if (w === 0) continue
    const fw = f * w
    psum += fw
    nObs += f
    const ro = r * p
    for (let j = 0; j < p; j++) est[j] = (est[j] as number) + fw * (Y[ro + j] as number)
  }
  if (kind === 'mean') for (let j = 0; j < p; j++) est[j] = (est[j] as number) / psum
  const U = Y // reuse the buffer
  const sumSq = new Float64Array(p)
  const ybar = kind === 'mean' ? est : est.map((t) => t / psum)
  for (let r = 0; r < m; r++) {
    const w = weightOf(r)
    const ro = r * p
    if (w === 0) {
      for (let j = 0; j < p; j++) U[ro + j] = 0
      continue
    }
    const f = freq ? (freq[r] as number) : 1
    for (let j = 0; j < p; j++) {
      const y = Y[ro + j] as number
      const d = y - (ybar[j] as number)
      sumSq[j] = (sumSq[j] as number) + f * w * d * d
      U[ro + j] = kind === 'mean' ? (w * (y - (est[j] as number))) / psum : w * y
    }
  }
  // a mean over nobody is not estimable: R's influence is 0/0 = NaN, so is the SE
  if (kind === 'mean' && psum === 0) U.fill(NaN)
  return { estimate: est, U, weightedBase: psum, nObs, nMissing, sumSq }
}

function diagSqrt(V: Float64Array, p: number): Float64Array {
  const se = new Float64Array(p)
  for (let j = 0; j < p; j++) se[j] = Math.sqrt(V[j * p + j] as number)
  return se
}

function estimateOf(
  design: Design,
  variables: readonly string[],
  kind: 'mean' | 'total',
  options: EstimateOptions,
): Estimate {
  if (variables.length === 0)
    throw new InvalidInputError('No variable to estimate.', 'Name at least one variable.')
  const naRm = options.naRm ?? true
  const cols = analysisColumns(
    design,
    variables,
    options.maxNumericLevels ?? 256,
    options.path !== 'rows',
  )
  const plan = makePlan(
    design,
    cols.keyParts,
    options.path === undefined ? {} : { path: options.path },
  )
  const w = design.weights
  const inf = influence(plan, cols, { weights: w }, kind, naRm)
  const p = cols.p
  const warnings: StatsWarning[] = []
  const label = variables.join(' + ')
  if (!naRm && inf.nMissing > 0) {
    warnings.push(
      makeWarning(
        'MISSING_VALUES',
        `${inf.nMissing} respondent(s) have a missing value of ${label}: the estimate is not computed (NA, as R without na.rm).`,
        'Estimate on the respondents of the question (naRm: true) and publish its base.',
        { variable: label, details: { count: inf.nMissing } },
      ),
    )
    const nan = new Float64Array(p).fill(NaN)
    return {
      names: cols.names,
      estimate: nan,
      vcov: new Float64Array(p * p).fill(NaN),
      se: nan.slice(),
      degf: degf(design),
      base: { n: inf.nObs, weighted: NaN },
      ...(options.deff ? { deff: nan.slice() } : {}),
      warnings,
      path: plan.path,
    }
  }
  if (inf.nObs === 0) {
    warnings.push(
      makeWarning(
        'NO_RESPONDENTS',
        `No respondent answered ${label} in this base: the estimate and its standard error are not estimable (NaN).`,
        'Suppress this cell or merge the domain with another.',
        { variable: label },
      ),
    )
  }
  const V = linearizedVcov(design, plan, inf.U, p)
  const se = diagSqrt(V, p)
  const result: Estimate = {
    names: cols.names,
    estimate: inf.estimate,
    vcov: V,
    se,
    degf: degf(design),
    base: { n: inf.nObs, weighted: inf.weightedBase },
    warnings,
    path: plan.path,
  }
  if (options.deff) {
    const deff = designEffects(V, inf, kind, p)
    if (inf.weightedBase < inf.nObs) {
      warnings.push(
        makeWarning(
          'DEFF_UNDEFINED',
          'The sum of weights is smaller than the number of respondents: design effects are not defined (NaN).',
          'Use weights that sum to a population size.',
        ),
      )
    }
    return { ...result, deff }
  }
  return result
}

/** deff "not replace" (spec §6.2): V / (s² (Ŵ − n)/(Ŵ n)), times Ŵ² for totals. */
function designEffects(
  V: Float64Array,
  inf: Influence,
  kind: 'mean' | 'total',
  p: number,
): Float64Array {
  const n = inf.nObs
  const W = inf.weightedBase
  const deff = new Float64Array(p)
  for (let j = 0; j < p; j++) {
    const s2 = ((inf.sumSq[j] as number) / W) * (n / (n - 1))
    const srs = kind === 'mean' ? (s2 * (W - n)) / (W * n) : s2 * W * W * ((W - n) / (W * n))
    deff[j] = W < n ? NaN : (V[j * p + j] as number) / srs
  }
  return deff
}

/**
 * Weighted means with their linearised covariance (R's `svymean(~a + b, design, na.rm = TRUE)`); a factor
 * gives the proportion of every level (summing to 1, with the joint covariance needed for contrasts and
 * χ² tests). Edge cases: no respondent → NaN with a `NO_RESPONDENTS` warning; `naRm: false` with missing
 * values → NaN with `MISSING_VALUES` (R's NA); a one-respondent domain gives SE 0.
 */
export function svyMean(
  design: Design,
  variables: readonly string[],
  options: EstimateOptions = {},
): Estimate {
  return estimateOf(design, variables, 'mean', options)
}

/**
 * Weighted totals (R's `svytotal`), e.g. numbers of adults: with calibrated weights summing to N the total
 * of an indicator is directly a population count. Same edge cases as `svyMean`.
 */
export function svyTotal(
  design: Design,
  variables: readonly string[],
  options: EstimateOptions = {},
): Estimate {
  return estimateOf(design, variables, 'total', options)
}

/**
 * Variance of a numeric variable (R 4.1-1 `svyvar`, spec §6.3): the weighted mean of (y − ȳ)²·n/(n−1)
 * with its linearised SE. 4.1-1 quirk reproduced: n counts the rows with non-zero weight in the design
 * including those where y is missing (use `nRespondentsOnly` for the ≥ 4.2 definition).
 */
export function svyVar(
  design: Design,
  variable: string,
  options: EstimateOptions & { nRespondentsOnly?: boolean } = {},
): Estimate {
  const col = getColumn(design.data, variable)
  if (col.kind !== 'numeric')
    throw new InvalidInputError(
      `svyVar needs a numeric variable, "${variable}" is categorical.`,
      'Use an indicator variable.',
      { variable },
    )
  const mean = svyMean(design, [variable], { ...options, deff: false })
  const ybar = mean.estimate[0] as number
  const w = design.weights
  let n = 0
  for (let i = 0; i < w.length; i++)
    if (w[i] !== 0 && (!options.nRespondentsOnly || !Number.isNaN(col.values[i] as number))) n++
  const sq = new Float64Array(col.values.length)
  for (let i = 0; i < sq.length; i++) {
    const d = (col.values[i] as number) - ybar
    sq[i] = (d * d * n) / (n - 1)
  }
  const name = `\u0000svyvar:${variable}`
  const tmp: Design = {
    ...design,
    data: {
      n: design.data.n,
      columns: { ...design.data.columns, [name]: { kind: 'numeric', values: sq } },
    },
  }
  const est = svyMean(tmp, [name], options)
  return { ...est, names: [variable] }
}

/** Confidence intervals `est ± q·SE` with q = qt(1 − α/2, df) (df = Infinity → normal, R's default). */
export function confint(
  est: Pick<Estimate, 'estimate' | 'se'>,
  options: { level?: number; df?: number } = {},
): { low: Float64Array; high: Float64Array } {
  const level = options.level ?? 0.95
  const df = options.df ?? Infinity
  const q = df === Infinity ? qnorm(1 - (1 - level) / 2) : qt(1 - (1 - level) / 2, df)
  const p = est.estimate.length
  const low = new Float64Array(p)
  const high = new Float64Array(p)
  for (let j = 0; j < p; j++) {
    const e = est.estimate[j] as number
    const s = est.se[j] as number
    low[j] = e - q * s
    high[j] = e + q * s
  }
  return { low, high }
}

/** Result of a linear contrast, with its Wald test. */
export interface Contrast {
  readonly estimate: number
  readonly se: number
  readonly z: number
  /** Two-sided p-values: normal and Student with the estimate's degrees of freedom. */
  readonly pNormal: number
  readonly pT: number
  readonly degf: number
}

/**
 * Linear contrast cᵀθ of an estimate (R's `svycontrast`), e.g. % first Action − % first Gestion.
 * `coefficients` is a vector in estimate order or `{ name: coefficient }`. Edge case: unknown names throw
 * `InvalidInputError`.
 */
export function svyContrast(
  est: Pick<Estimate, 'names' | 'estimate' | 'vcov' | 'degf'>,
  coefficients: readonly number[] | Readonly<Record<string, number>>,
): Contrast {
  const p = est.names.length
  let c: number[]
  if (Array.isArray(coefficients)) c = [...(coefficients as readonly number[])]
  else {
    c = new Array<number>(p).fill(0)
    for (const [name, v] of Object.entries(coefficients)) {
      const j = est.names.indexOf(name)
      if (j < 0)
        throw new InvalidInputError(
          `Contrast names "${name}", not among ${est.names.join(', ')}.`,
          'Use the names of the estimate.',
          { variable: name },
        )
      c[j] = v
    }
  }
  if (c.length !== p)
    throw new InvalidInputError(
      `Contrast has ${c.length} coefficients for ${p} estimates.`,
      'Give one coefficient per estimate.',
    )
  let theta = 0
  let v = 0
  for (let a = 0; a < p; a++) {
    theta += (c[a] as number) * (est.estimate[a] as number)
    for (let b = 0; b < p; b++)
      v += (c[a] as number) * (c[b] as number) * (est.vcov[a * p + b] as number)
  }
  const se = Math.sqrt(v)
  const z = theta / se
  return {
    estimate: theta,
    se,
    z,
    pNormal: 2 * pnorm(-Math.abs(z)),
    pT: 2 * pt(-Math.abs(z), est.degf),
    degf: est.degf,
  }
}

/** Kish's effective sample size and design effect of a set of weights (zero weights ignored, spec §6.4). */
export function kish(weights: ArrayLike<number>): {
  n: number
  nEff: number
  deff: number
  cv: number
} {
  let s = 0
  let s2 = 0
  let n = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number
    if (w === 0) continue
    n++
    s += w
    s2 += w * w
  }
  const nEff = (s * s) / s2
  return { n, nEff, deff: n / nEff, cv: Math.sqrt((n * s2) / (s * s) - 1) }
}
