/**
 * Raking by iterative proportional fitting, exactly as R survey 4.1-1 `rake()` (spec §2):
 * margins adjusted in the given order, one sweep = all margins, stopping test after each full sweep on
 * the full cross-classification of all margin variables (`delta = max |T_old − T_new|`, `epsilon < 1`
 * relative to the sum of the weights before raking, absolute otherwise), weights of the last sweep
 * returned with a warning when `maxit` is reached. The per-margin weights of the last sweep (`psw_k`)
 * are kept for the variance (§5.2) as factors per cell of the full cross-classification of the margin
 * variables (psw_k,i = w_i before raking × factor_k[cell]), not as per-row arrays.
 *
 * Unlike R, the inputs are validated first (typed errors naming the variable and category): missing
 * calibration values, a population category without respondents, respondents in a category without
 * population, margins that do not share the same total.
 */
import {
  combineKeys,
  expand,
  factorKey,
  gather,
  gatherInt,
  makePlan,
  type PathOption,
  type Plan,
} from './cells.js'
import { countMissing, getFactor, type FactorColumn } from './data.js'
import { withWeights, type Design, type RakingMarginInfo, type RakingStep } from './design.js'
import {
  AbsentCategoryError,
  CategoryNotInPopulationError,
  InconsistentMarginTotalsError,
  InvalidInputError,
  MissingCalibrationValueError,
  RakingNotConvergedError,
  UnknownLevelError,
  makeWarning,
  type StatsWarning,
} from './errors.js'

/** Population totals of one margin: one variable, or several for a joint margin (cells of their cross). */
export interface PopulationMargin {
  readonly variables: readonly string[]
  /** One entry per population cell: its level for each variable, and its total (or share). */
  readonly cells: readonly { readonly levels: readonly string[]; readonly total: number }[]
}

/** Margin of one variable from `{ level: total }`. */
export function margin(
  variable: string,
  totals: Readonly<Record<string, number>>,
): PopulationMargin {
  return {
    variables: [variable],
    cells: Object.entries(totals).map(([level, total]) => ({ levels: [level], total })),
  }
}

/** Joint margin of several variables (e.g. sex × age), from cells `{ levels: [sex, age], total }`. */
export function jointMargin(
  variables: readonly string[],
  cells: readonly { readonly levels: readonly string[]; readonly total: number }[],
): PopulationMargin {
  return {
    variables: [...variables],
    cells: cells.map((c) => ({ levels: [...c.levels], total: c.total })),
  }
}

/** Sum of a margin's population totals. */
export function marginTotal(m: PopulationMargin): number {
  let s = 0
  for (const c of m.cells) s += c.total
  return s
}

/**
 * Rescales a margin so that it sums to `base` (population shares or totals on another base → totals on
 * `base`, e.g. 50 200 000). Edge case: a margin summing to 0 throws `InvalidInputError`.
 */
export function scaleMargin(m: PopulationMargin, base: number): PopulationMargin {
  const t = marginTotal(m)
  if (!(t > 0)) {
    throw new InvalidInputError(
      `The margin of ${m.variables.join(' × ')} sums to ${t}.`,
      'Give positive population totals or shares.',
      { variable: m.variables.join(':') },
    )
  }
  return {
    variables: m.variables,
    cells: m.cells.map((c) => ({ levels: c.levels, total: (c.total * base) / t })),
  }
}

/** Options of `rake`: R's `control` (maxit, epsilon) plus validation and path choices. */
export interface RakeOptions {
  /** Maximum number of sweeps (R's `control$maxit`). Default 100 (R's default is 10). */
  maxit?: number
  /** Stopping threshold (R's `control$epsilon`): < 1 relative to Σw before raking, ≥ 1 absolute. Default 1e-12. */
  epsilon?: number
  /** Rescale every margin to this base first (margins given as shares or on another base). */
  base?: number
  /** Refuse margins with different totals (default true; R does not check). */
  checkTotals?: boolean
  /** Relative tolerance of the totals check. Default 1e-9. */
  totalsTolerance?: number
  /** 'warn' (R's behaviour, default) or 'error' (`RakingNotConvergedError`) when maxit is reached. */
  onNonConvergence?: 'warn' | 'error'
  /** Row path, cell path or automatic choice (default). */
  path?: PathOption
}

/** Raked design, weights, convergence trace and diagnostics. */
export interface RakeResult {
  readonly design: Design
  readonly weights: Float64Array
  readonly converged: boolean
  /** Number of sweeps performed (= deltas.length). */
  readonly sweeps: number
  /** Per-sweep convergence trace: max change of the full cross-table cells. */
  readonly deltas: readonly number[]
  /** The absolute threshold used (epsilon·Σw when epsilon < 1). */
  readonly epsilonAbsolute: number
  /** Largest |weighted margin total − population total| over all margin cells after the last sweep. */
  readonly maxAbsMarginError: number
  readonly worstMarginCell: { variable: string; category: string } | null
  readonly warnings: readonly StatsWarning[]
  readonly path: 'rows' | 'cells'
}

interface PreparedMargin {
  variables: string[]
  label: string
  factors: FactorColumn[]
  nCells: number
  /** cell index per respondent (first variable fastest, R's interaction order) */
  cells: Int32Array
  pop: Float64Array
  cellLabel: (c: number) => string
}

function prepareMargin(design: Design, m: PopulationMargin): PreparedMargin {
  const data = design.data
  if (m.variables.length === 0)
    throw new InvalidInputError(
      'A margin has no variable.',
      'Name at least one variable per margin.',
    )
  const factors = m.variables.map((v) => {
    const f = getFactor(data, v)
    const missing = countMissing(f)
    if (missing > 0) throw new MissingCalibrationValueError(v, missing)
    return f
  })
  const sizes = factors.map((f) => f.levels.length)
  const nCells = sizes.reduce((a, b) => a * b, 1)
  const label = m.variables.join(':')
  const cellLabel = (c: number): string => {
    const parts: string[] = []
    let rem = c
    for (let k = 0; k < factors.length; k++) {
      const s = sizes[k] as number
      parts.push((factors[k] as FactorColumn).levels[rem % s] as string)
      rem = Math.floor(rem / s)
    }
    return parts.join(':')
  }
  const n = data.n
  let cells: Int32Array
  if (factors.length === 1) cells = (factors[0] as FactorColumn).codes
  else {
    cells = new Int32Array(n)
    let mult = 1
    for (let k = 0; k < factors.length; k++) {
      const codes = (factors[k] as FactorColumn).codes
      for (let i = 0; i < n; i++) cells[i] = (cells[i] as number) + (codes[i] as number) * mult
      mult *= sizes[k] as number
    }
  }
  const pop = new Float64Array(nCells)
  const seen = new Uint8Array(nCells)
  for (const c of m.cells) {
    if (c.levels.length !== factors.length) {
      throw new InvalidInputError(
        `A population cell of margin ${label} has ${c.levels.length} levels for ${factors.length} variables.`,
        'Give one level per margin variable.',
        { variable: label },
      )
    }
    let idx = 0
    let mul = 1
    for (let k = 0; k < factors.length; k++) {
      const f = factors[k] as FactorColumn
      const code = f.levels.indexOf(c.levels[k] as string)
      if (code < 0)
        throw new UnknownLevelError(m.variables[k] as string, c.levels[k] as string, f.levels)
      idx += code * mul
      mul *= sizes[k] as number
    }
    if (seen[idx]) {
      throw new InvalidInputError(
        `Population cell ${c.levels.join(':')} of margin ${label} is given twice.`,
        'Give each population cell once.',
        { variable: label, category: c.levels.join(':') },
      )
    }
    if (!(c.total >= 0) || !Number.isFinite(c.total)) {
      throw new InvalidInputError(
        `Population total of ${label} = ${c.levels.join(':')} is ${c.total}.`,
        'Population totals must be finite and ≥ 0.',
        { variable: label, category: c.levels.join(':') },
      )
    }
    seen[idx] = 1
    pop[idx] = c.total
  }
  return { variables: [...m.variables], label, factors, nCells, cells, pop, cellLabel }
}

/**
 * Dense codes of the cross-classification of factors: mixed radix (first factor fastest, R's
 * interaction order, empty cells included) when the product of level counts is small, else only the
 * combinations that occur.
 */
function crossCodes(factors: readonly FactorColumn[]): { codes: Int32Array; count: number } {
  const product = factors.reduce((a, f) => a * f.levels.length, 1)
  const n = (factors[0] as FactorColumn).codes.length
  if (product <= 1 << 20) {
    if (factors.length === 1) return { codes: (factors[0] as FactorColumn).codes, count: product }
    const codes = new Int32Array(n)
    let mult = 1
    for (const f of factors) {
      const fc = f.codes
      for (let i = 0; i < n; i++) codes[i] = (codes[i] as number) + (fc[i] as number) * mult
      mult *= f.levels.length
    }
    return { codes, count: product }
  }
  let key = factorKey(factors[0] as FactorColumn)
  for (const f of factors.slice(1)) key = combineKeys(key, factorKey(f))
  return key
}

/** Per-cell sums of `w` (times frequency) over plan rows. */
function cellSums(
  w: Float64Array,
  cells: Int32Array,
  nCells: number,
  freq: Float64Array | null,
): Float64Array {
  const s = new Float64Array(nCells)
  if (freq)
    for (let r = 0; r < w.length; r++)
      s[cells[r] as number] =
        (s[cells[r] as number] as number) + (freq[r] as number) * (w[r] as number)
  else
    for (let r = 0; r < w.length; r++)
      s[cells[r] as number] = (s[cells[r] as number] as number) + (w[r] as number)
  return s
}

interface IpfResult {
  /** Final weights of the plan rows. */
  w: Float64Array
  /** psw_k / w0 per full cell, for every margin k, in the last sweep. */
  factors: Float64Array[]
  converged: boolean
  deltas: number[]
  /** Full cross-table of the final weights. */
  finalTable: Float64Array
}

/**
 * out[r] = prev[r]·ratio[cellK[r]] and acc[target[r]] += f_r·out[r]. Without frequencies the sums use four
 * interleaved accumulators (rows r mod 4), which breaks the store-to-load dependency of consecutive rows
 * falling in the same cell (≈ 2× faster on a million rows); `acc` then has 4·nTarget entries and is
 * folded by `fold4`.
 */
function scaleAccumulate(
  prev: Float64Array,
  out: Float64Array,
  cellK: Int32Array,
  ratio: Float64Array,
  target: Int32Array,
  acc: Float64Array,
  nTarget: number,
  freq: Float64Array | null,
): void {
  const m = prev.length
  acc.fill(0)
  if (freq) {
    for (let r = 0; r < m; r++) {
      const v = (prev[r] as number) * (ratio[cellK[r] as number] as number)
      out[r] = v
      const t = target[r] as number
      acc[t] = (acc[t] as number) + (freq[r] as number) * v
    }
    return
  }
  const m4 = m - (m % 4)
  const o1 = nTarget
  const o2 = 2 * nTarget
  const o3 = 3 * nTarget
  let r = 0
  for (; r < m4; r += 4) {
    const v0 = (prev[r] as number) * (ratio[cellK[r] as number] as number)
    const v1 = (prev[r + 1] as number) * (ratio[cellK[r + 1] as number] as number)
    const v2 = (prev[r + 2] as number) * (ratio[cellK[r + 2] as number] as number)
    const v3 = (prev[r + 3] as number) * (ratio[cellK[r + 3] as number] as number)
    out[r] = v0
    out[r + 1] = v1
    out[r + 2] = v2
    out[r + 3] = v3
    const t0 = target[r] as number
    const t1 = o1 + (target[r + 1] as number)
    const t2 = o2 + (target[r + 2] as number)
    const t3 = o3 + (target[r + 3] as number)
    acc[t0] = (acc[t0] as number) + v0
    acc[t1] = (acc[t1] as number) + v1
    acc[t2] = (acc[t2] as number) + v2
    acc[t3] = (acc[t3] as number) + v3
  }
  for (; r < m; r++) {
    const v = (prev[r] as number) * (ratio[cellK[r] as number] as number)
    out[r] = v
    const t = target[r] as number
    acc[t] = (acc[t] as number) + v
  }
}

/** Folds 4 interleaved accumulators into `out` (no-op copy when frequencies were used). */
function fold4(acc: Float64Array, out: Float64Array, n: number, freq: Float64Array | null): void {
  if (freq) {
    out.set(acc.subarray(0, n))
    return
  }
  for (let c = 0; c < n; c++)
    out[c] =
      (acc[c] as number) +
      (acc[n + c] as number) +
      ((acc[2 * n + c] as number) + (acc[3 * n + c] as number))
}

/**
 * The IPF loop of R's `rake()` on plan rows (spec §2.2), fused so that each margin step is one pass:
 * while applying margin k's ratios it accumulates the cell sums of margin k+1; the last margin's pass
 * accumulates the full cross-table (stopping test) and then the next sweep's first-margin sums are
 * derived from it (every full cell lies in one cell of each margin). Zero weights stay zero.
 */
function ipf(
  w0: Float64Array,
  freq: Float64Array | null,
  cells: Int32Array[],
  nCells: number[],
  pops: Float64Array[],
  full: Int32Array,
  nFull: number,
  fullToFirst: Int32Array,
  planRep: Int32Array,
  maxit: number,
  eps: number,
): IpfResult {
  const K = cells.length
  // one working array updated in place (each pass reads then writes the same row)
  const w = Float64Array.from(w0)
  let tOld: Float64Array = cellSums(w0, full, nFull, freq)
  let tNew: Float64Array = new Float64Array(nFull)
  const sums = nCells.map((nc) => new Float64Array(nc))
  const firstFromFull = (t: Float64Array): void => {
    const s0 = sums[0] as Float64Array
    s0.fill(0)
    for (let c = 0; c < nFull; c++)
      s0[fullToFirst[c] as number] = (s0[fullToFirst[c] as number] as number) + (t[c] as number)
  }
  firstFromFull(tOld)
  const maxN = Math.max(nFull, ...nCells)
  const acc = new Float64Array(4 * maxN)
  const ratios = nCells.map((nc) => new Float64Array(nc))
  // psw_k at one representative row per full cell, recorded after every margin step
  const recorded = cells.map(() => new Float64Array(nFull))
  const record = (k: number): void => {
    const rec = recorded[k] as Float64Array
    for (let c = 0; c < nFull; c++) {
      const r = planRep[c] as number
      if (r >= 0) rec[c] = w[r] as number
    }
  }
  const deltas: number[] = []
  let converged = false
  let iter = 0
  while (iter < maxit) {
    for (let k = 0; k < K; k++) {
      const s = sums[k] as Float64Array
      const p = pops[k] as Float64Array
      const ratio = ratios[k] as Float64Array
      for (let c = 0; c < ratio.length; c++) {
        const sc = s[c] as number
        ratio[c] = sc > 0 ? (p[c] as number) / sc : 0
      }
      if (k < K - 1) {
        const nn = nCells[k + 1] as number
        scaleAccumulate(
          w,
          w,
          cells[k] as Int32Array,
          ratio,
          cells[k + 1] as Int32Array,
          acc,
          nn,
          freq,
        )
        fold4(acc, sums[k + 1] as Float64Array, nn, freq)
      } else {
        scaleAccumulate(w, w, cells[k] as Int32Array, ratio, full, acc, nFull, freq)
        fold4(acc, tNew, nFull, freq)
        firstFromFull(tNew)
      }
      record(k)
    }
    let delta = 0
    for (let c = 0; c < nFull; c++) {
      const d = Math.abs((tOld[c] as number) - (tNew[c] as number))
      if (d > delta || Number.isNaN(d)) delta = d
    }
    deltas.push(delta)
    if (delta < eps) {
      converged = true
      break
    }
    const t = tOld
    tOld = tNew
    tNew = t
    iter++
  }
  const factors = recorded.map((rec) => {
    const f = new Float64Array(nFull)
    for (let c = 0; c < nFull; c++) {
      const r = planRep[c] as number
      if (r >= 0) f[c] = (rec[c] as number) / (w0[r] as number)
    }
    return f
  })
  // after a converged break the last table is tNew, otherwise the swap moved it to tOld
  return { w, factors, converged, deltas, finalTable: converged ? tNew : tOld }
}

/**
 * Rakes `design` to the population margins (R's `rake(design, sample.margins, population.margins,
 * control)`), in the order given.
 *
 * Edge cases (typed errors): missing calibration value (`MissingCalibrationValueError`), population
 * category with total > 0 and no respondent with a non-zero weight (`AbsentCategoryError` — R: "Some
 * strata absent from sample"), respondents in a category with population 0 or none
 * (`CategoryNotInPopulationError`), margins with different totals (`InconsistentMarginTotalsError`, unless
 * `checkTotals: false`, which reproduces R's silent behaviour). Categories with population 0 and no
 * respondent are dropped, as in R. Zero base weights stay zero and make raking standard errors NaN
 * (warning `ZERO_BASE_WEIGHTS`). Reaching `maxit` gives the weights of the last sweep with a
 * `RAKING_NOT_CONVERGED` warning (or the error, with `onNonConvergence: 'error'`).
 */
export function rake(
  design: Design,
  margins: readonly PopulationMargin[],
  options: RakeOptions = {},
): RakeResult {
  const maxit = options.maxit ?? 100
  const epsilon = options.epsilon ?? 1e-12
  if (!(maxit >= 1) || !Number.isInteger(maxit))
    throw new InvalidInputError(`maxit = ${maxit}.`, 'maxit must be a positive integer.')
  if (!(epsilon > 0))
    throw new InvalidInputError(
      `epsilon = ${epsilon}.`,
      'epsilon must be > 0 (relative if < 1, absolute otherwise).',
    )
  if (margins.length === 0)
    throw new InvalidInputError('No margin to rake on.', 'Give at least one population margin.')
  const ms =
    options.base !== undefined
      ? margins.map((m) => scaleMargin(m, options.base as number))
      : margins
  const prepared = ms.map((m) => prepareMargin(design, m))
  const warnings: StatsWarning[] = []

  // margins must share one total
  const totals = prepared.map((p) => p.pop.reduce((a, b) => a + b, 0))
  const ref = totals[0] as number
  if (options.checkTotals ?? true) {
    const tol = options.totalsTolerance ?? 1e-9
    prepared.forEach((p, k) => {
      const t = totals[k] as number
      if (Math.abs(t - ref) > tol * Math.max(Math.abs(ref), Math.abs(t))) {
        throw new InconsistentMarginTotalsError(
          p.label,
          t,
          ref,
          (prepared[0] as PreparedMargin).label,
        )
      }
    })
  } else if (totals.some((t) => Math.abs(t - ref) > 1e-9 * Math.abs(ref))) {
    warnings.push(
      makeWarning(
        'INCONSISTENT_MARGIN_TOTALS',
        `Margins have different totals (${totals.join(', ')}); raking cannot meet them all.`,
        'Give every margin the same population total.',
        { details: { totals } },
      ),
    )
  }

  // full cross-classification of the margin variables: stopping test, validation and margin errors
  const w = design.weights
  const n = design.data.n
  const marginVars = [...new Set(prepared.flatMap((p) => p.variables))]
  const full = crossCodes(marginVars.map((v) => getFactor(design.data, v)))
  const nFull = full.count
  const fullW = new Float64Array(nFull)
  const fullN = new Float64Array(nFull)
  const fullRep = new Int32Array(nFull).fill(-1)
  let zero = 0
  let sumW = 0
  for (let i = 0; i < n; i++) {
    const c = full.codes[i] as number
    const wi = w[i] as number
    fullW[c] = (fullW[c] as number) + wi
    fullN[c] = (fullN[c] as number) + 1
    if ((fullRep[c] as number) < 0) fullRep[c] = i
    if (wi === 0) zero++
    sumW += wi
  }
  // margin cell of every (non-empty) full cell
  const fullToMargin = prepared.map((p) => {
    const map = new Int32Array(nFull)
    for (let c = 0; c < nFull; c++) {
      const rep = fullRep[c] as number
      map[c] = rep >= 0 ? (p.cells[rep] as number) : 0
    }
    return map
  })
  const marginSums = (t: Float64Array, k: number): Float64Array => {
    const p = prepared[k] as PreparedMargin
    const map = fullToMargin[k] as Int32Array
    const out = new Float64Array(p.nCells)
    for (let c = 0; c < nFull; c++)
      out[map[c] as number] = (out[map[c] as number] as number) + (t[c] as number)
    return out
  }
  prepared.forEach((p, k) => {
    const s = marginSums(fullW, k)
    const count = marginSums(fullN, k)
    for (let c = 0; c < p.nCells; c++) {
      const pc = p.pop[c] as number
      const sc = s[c] as number
      if (sc === 0 && pc > 0) throw new AbsentCategoryError(p.label, p.cellLabel(c), pc)
      if (sc > 0 && pc === 0)
        throw new CategoryNotInPopulationError(p.label, p.cellLabel(c), count[c] as number)
    }
  })
  if (zero > 0) {
    warnings.push(
      makeWarning(
        'ZERO_BASE_WEIGHTS',
        `${zero} respondent(s) have a weight of 0 before raking: their weight stays 0 and the raking standard errors are not estimable (NaN, as in R).`,
        'Drop these respondents before raking (dropZeroWeightRows) to get standard errors.',
        { details: { count: zero } },
      ),
    )
  }
  const epsAbs = epsilon < 1 ? epsilon * sumW : epsilon

  // plan: rows, or cells of the cross-classification of the margin variables
  const plan: Plan = makePlan(
    design,
    [{ codes: full.codes, count: nFull }],
    options.path === undefined ? {} : { path: options.path },
  )
  const planCells = prepared.map((p) => gatherInt(p.cells, plan))
  const planFull = gatherInt(full.codes, plan)
  const w0 = gather(w, plan)
  // a representative plan row per full cell, with a non-zero weight when there is one
  const planRep = new Int32Array(nFull).fill(-1)
  for (let r = 0; r < planFull.length; r++) {
    const c = planFull[r] as number
    const cur = planRep[c] as number
    if (cur < 0 || (w0[cur] === 0 && w0[r] !== 0)) planRep[c] = r
  }
  const res = ipf(
    w0,
    plan.freq,
    planCells,
    prepared.map((p) => p.nCells),
    prepared.map((p) => p.pop),
    planFull,
    nFull,
    fullToMargin[0] as Int32Array,
    planRep,
    maxit,
    epsAbs,
  )
  const finalW = expand(res.w, plan)

  // achieved margin errors (from the full table of the final weights)
  let maxErr = 0
  let worst: { variable: string; category: string } | null = null
  for (let k = 0; k < prepared.length; k++) {
    const p = prepared[k] as PreparedMargin
    const s = marginSums(res.finalTable, k)
    for (let c = 0; c < p.nCells; c++) {
      const e = Math.abs((s[c] as number) - (p.pop[c] as number))
      if (e > maxErr) {
        maxErr = e
        worst = { variable: p.label, category: p.cellLabel(c) }
      }
    }
  }
  const sweeps = res.deltas.length
  if (!res.converged) {
    if (options.onNonConvergence === 'error')
      throw new RakingNotConvergedError(sweeps, maxErr, worst)
    warnings.push(
      makeWarning(
        'RAKING_NOT_CONVERGED',
        `Raking did not converge after ${sweeps} iterations (largest margin error ${maxErr}${worst ? ` on ${worst.variable} = ${worst.category}` : ''}); the weights of the last sweep are returned.`,
        'Increase maxit, use a relative epsilon (e.g. 1e-12), check that all margins share the same total, or collapse sparse categories.',
        {
          variable: worst?.variable,
          category: worst?.category,
          details: { sweeps, maxAbsMarginError: maxErr },
        },
      ),
    )
  }
  const step: RakingStep = {
    kind: 'raking',
    variables: marginVars,
    margins: prepared.map((p): RakingMarginInfo => ({
      variables: p.variables,
      nCells: p.nCells,
      cells: p.cells,
    })),
    full: { cells: full.codes, count: nFull },
    before: w,
    factors: res.factors,
  }
  return {
    design: withWeights(design, finalW, [...design.steps, step]),
    weights: finalW,
    converged: res.converged,
    sweeps,
    deltas: res.deltas,
    epsilonAbsolute: epsAbs,
    maxAbsMarginError: maxErr,
    worstMarginCell: worst,
    warnings,
    path: plan.path,
  }
}

/**
 * Post-stratification on one margin (cells of one variable or of a joint margin), computed as
 * one-margin raking: after the first sweep every cell total equals its population total and the second
 * sweep only confirms convergence. The variance (one backfitting step on the cells) equals R's
 * `postStratify` variance when the base weights are constant within cells, which is the platform's case.
 */
export function postStratify(
  design: Design,
  population: PopulationMargin,
  options: RakeOptions = {},
): RakeResult {
  return rake(design, [population], options)
}
