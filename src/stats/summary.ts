/**
 * Descriptive summaries of a set of weights (the oracle's `weights` block): sum, mean, quantiles (R type
 * 7), sd (n − 1), coefficient of variation, max/min, g-weight range against the base weights, Kish's
 * effective sample size and design effect, and weighted totals of each level of given variables.
 */
import type { FactorColumn } from './data.js'
import { kish } from './estimates.js'

/** R's `quantile(x, p, type = 7)` on sorted values. */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, n - 1)
  const a = sorted[lo] as number
  const b = sorted[hi] as number
  return a + (h - lo) * (b - a)
}

/** Summary statistics of a set of weights (the oracle's `weights` block). */
export interface WeightSummary {
  n: number
  nNonzero: number
  sum: number
  mean: number
  min: number
  q1: number
  median: number
  q3: number
  max: number
  sd: number
  cv: number
  maxOverMin: number
  gMin: number
  gMax: number
  kishNEff: number
  kishDeff: number
}

/**
 * Summary of `weights` against `baseWeights` (g = w/d). Kish statistics use the non-zero weights.
 * Edge case: empty input gives NaN statistics.
 */
export function summarizeWeights(weights: Float64Array, baseWeights: Float64Array): WeightSummary {
  const n = weights.length
  const sorted = Float64Array.from(weights).sort()
  let sum = 0
  let nz = 0
  let gMin = Infinity
  let gMax = -Infinity
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number
    sum += w
    if (w !== 0) nz++
    const g = w / (baseWeights[i] as number)
    if (g < gMin) gMin = g
    if (g > gMax) gMax = g
  }
  const mean = sum / n
  let ss = 0
  for (let i = 0; i < n; i++) ss += ((weights[i] as number) - mean) ** 2
  const sd = Math.sqrt(ss / (n - 1))
  const k = kish(weights)
  const min = sorted[0] ?? NaN
  const max = sorted[n - 1] ?? NaN
  return {
    n,
    nNonzero: nz,
    sum,
    mean,
    min,
    q1: quantileType7(sorted, 0.25),
    median: quantileType7(sorted, 0.5),
    q3: quantileType7(sorted, 0.75),
    max,
    sd,
    cv: sd / mean,
    maxOverMin: max / min,
    gMin,
    gMax,
    kishNEff: k.nEff,
    kishDeff: k.deff,
  }
}

/** Weighted total of every level of a factor; levels without any respondent give NaN (R's NA from tapply). */
export function levelTotals(weights: Float64Array, factor: FactorColumn): Float64Array {
  const L = factor.levels.length
  const t = new Float64Array(L)
  const seen = new Uint8Array(L)
  for (let i = 0; i < factor.codes.length; i++) {
    const c = factor.codes[i] as number
    if (c < 0) continue
    t[c] = (t[c] as number) + (weights[i] as number)
    seen[c] = 1
  }
  for (let l = 0; l < L; l++) if (!seen[l]) t[l] = NaN
  return t
}
