/**
 * Weight trimming, R survey 4.1-1 `trimWeights(design, upper, lower, strict)` (spec §4): weights outside
 * [lower, upper] are set to the limit and the excess (which may be negative when lower-trimming dominates)
 * is shared equally (additively) among the untrimmed units, so the total is preserved. `strict` repeats
 * the whole procedure until no weight is outside (the 4.1-1 recursion). The design keeps its calibration
 * chain: the variance still uses the residuals of the original calibration (R does not re-calibrate),
 * and the calibration margins are no longer met exactly.
 */
import { withWeights, type Design } from './design.js'
import { InvalidInputError, TrimmingFailedError } from './errors.js'

/** Limits on the weight scale and R's `strict`. */
export interface TrimOptions {
  lower?: number
  upper?: number
  /** Repeat until no weight is outside the limits (default false). */
  strict?: boolean
  /** Safety limit on strict passes (default 1000). */
  maxPasses?: number
}

/** Trimmed design (same calibration chain) and counts of trimmed units. */
export interface TrimResult {
  readonly design: Design
  readonly weights: Float64Array
  /** Passes performed (1 when not strict, 0 when nothing was outside). */
  readonly passes: number
  /** Units trimmed in the first pass. */
  readonly nTrimmedLower: number
  readonly nTrimmedUpper: number
  /** Units still outside the limits afterwards (possible when not strict). */
  readonly nBelowLowerAfter: number
  readonly nAboveUpperAfter: number
}

/**
 * Trims the weights of `design` (limits on the weight scale, e.g. 0.45·w0 and 2.2·w0). Edge cases:
 * lower > upper → `InvalidInputError`; every unit outside the limits (nobody to absorb the excess) or a
 * strict recursion that does not settle → `TrimmingFailedError`.
 */
export function trimWeights(design: Design, options: TrimOptions): TrimResult {
  const lower = options.lower ?? -Infinity
  const upper = options.upper ?? Infinity
  if (!(lower <= upper))
    throw new InvalidInputError(
      `Trimming limits lower = ${lower} > upper = ${upper}.`,
      'Give lower ≤ upper.',
    )
  const maxPasses = options.maxPasses ?? 1000
  let pw = design.weights
  const n = pw.length
  let passes = 0
  let firstLower = 0
  let firstUpper = 0
  for (;;) {
    let nOut = 0
    let lo = 0
    let up = 0
    for (let i = 0; i < n; i++) {
      const v = pw[i] as number
      if (v < lower) lo++
      else if (v > upper) up++
    }
    nOut = lo + up
    if (nOut === 0) break
    if (passes === 0) {
      firstLower = lo
      firstUpper = up
    }
    if (nOut === n)
      throw new TrimmingFailedError(
        `All ${n} weights are outside [${lower}, ${upper}]: nobody can absorb the trimmed excess.`,
      )
    const next = new Float64Array(n)
    let excess = 0
    for (let i = 0; i < n; i++) {
      const v = pw[i] as number
      const c = Math.min(Math.max(v, lower), upper)
      next[i] = c
      excess += v - c
    }
    const share = excess / (n - nOut)
    for (let i = 0; i < n; i++) {
      const v = pw[i] as number
      if (!(v < lower || v > upper)) next[i] = (next[i] as number) + share
    }
    pw = next
    passes++
    if (!options.strict) break
    if (passes >= maxPasses)
      throw new TrimmingFailedError(`Strict trimming did not settle after ${passes} passes.`)
  }
  let below = 0
  let above = 0
  for (let i = 0; i < n; i++) {
    if ((pw[i] as number) < lower) below++
    if ((pw[i] as number) > upper) above++
  }
  return {
    design: withWeights(design, pw),
    weights: pw,
    passes,
    nTrimmedLower: firstLower,
    nTrimmedUpper: firstUpper,
    nBelowLowerAfter: below,
    nAboveUpperAfter: above,
  }
}
