/**
 * The survey design: one stage, unstratified, with replacement (R's `svydesign(ids = ~1, weights = ~d)`),
 * plus the chain of calibration steps that the variance must account for (R's `design$postStrata`).
 *
 * Designs are immutable values: weighting returns a new design with new weights and one more step;
 * a domain (`restrictDesign`) keeps every row and every calibration step but sets the weights outside the
 * domain to 0, which is how R's `svyby`/`subset` treat calibrated designs and gives the correct domain
 * variance under calibration.
 */
import { surveyData, type Column, type SurveyData } from './data.js'
import { InvalidInputError } from './errors.js'
import type { ModelMatrix } from './model-matrix.js'

/** One margin of a raking step: the cell of every row and the weights right after this margin in the last sweep. */
export interface RakingMarginInfo {
  readonly variables: readonly string[]
  readonly nCells: number
  /** Cell index of every row (0..nCells−1). */
  readonly cells: Int32Array
}

/** Raking by `rake()`: variance by 10 sweeps of backfitting on the margins (spec §5.2). */
export interface RakingStep {
  readonly kind: 'raking'
  readonly variables: readonly string[]
  readonly margins: readonly RakingMarginInfo[]
  /** Cell of every row in the full cross-classification of the margin variables (`count` cells). */
  readonly full: { readonly cells: Int32Array; readonly count: number }
  /** Weights before raking (R's design weights at `rake()` time). */
  readonly before: Float64Array
  /**
   * Per margin k, `psw_k / before` for each full cell: psw_k, the weights right after margin k's
   * adjustment in the last IPF sweep (spec §2.3), is `before_i × factors[k][full_i]` — IPF multiplies
   * by per-cell ratios, so the factor is the same for every row of a full cell.
   */
  readonly factors: readonly Float64Array[]
}

/** Linear or generalised calibration: variance by GREG residuals (spec §5.1). */
export interface CalibrationStepInfo {
  readonly kind: 'calibration'
  readonly model: ModelMatrix
  /** Weights before this calibration (R's `ww`). */
  readonly ww: Float64Array
  /** g-weights: final = ww·g. */
  readonly g: Float64Array
  /** σ² of the closed-form GREG (`variance` argument), null otherwise (R ignores it in `grake`). */
  readonly sigma2: Float64Array | null
}

/** One step of the calibration chain (R's `design$postStrata` element). */
export type CalibrationStep = RakingStep | CalibrationStepInfo

/**
 * A survey design: the data, base weights, current weights and calibration chain. Immutable: weighting and
 * domains return new designs sharing the data.
 */
export interface Design {
  readonly data: SurveyData
  /** Design (base) weights d. */
  readonly baseWeights: Float64Array
  /** Current final weights w (0 outside a domain). */
  readonly weights: Float64Array
  /** Calibration steps, applied in order by the variance. */
  readonly steps: readonly CalibrationStep[]
  /**
   * Number of sampled units (PSUs) in the with-replacement variance formula; default `data.n`. Larger
   * after `dropRows`: dropped respondents stay sampled units contributing 0 (R keeps the PSU count).
   */
  readonly nPsu?: number
}

/**
 * Creates the base design. `baseWeights` is a per-row array or one number for every row (the oracle's
 * `w0 = N/n`). Edge cases: negative, NaN or infinite weights throw `InvalidInputError`; zero weights are
 * allowed (R keeps them) but raking then cannot give standard errors (a warning says so).
 */
export function createDesign(data: SurveyData, baseWeights: Float64Array | number): Design {
  const n = data.n
  let d: Float64Array
  if (typeof baseWeights === 'number') d = new Float64Array(n).fill(baseWeights)
  else {
    if (baseWeights.length !== n) {
      throw new InvalidInputError(
        `${baseWeights.length} base weights for ${n} respondents.`,
        'Give one base weight per respondent.',
      )
    }
    d = baseWeights
  }
  for (let i = 0; i < n; i++) {
    const v = d[i] as number
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new InvalidInputError(
        `Base weight of row ${i + 1} is ${v}.`,
        'Base weights must be finite and ≥ 0.',
      )
    }
  }
  return { data, baseWeights: d, weights: d, steps: [] }
}

/** A design with other final weights (same data, base weights and steps). */
export function withWeights(
  design: Design,
  weights: Float64Array,
  steps: readonly CalibrationStep[] = design.steps,
): Design {
  const d: Design = { data: design.data, baseWeights: design.baseWeights, weights, steps }
  return design.nPsu === undefined ? d : { ...d, nPsu: design.nPsu }
}

/**
 * Restricts a design to a domain: weights set to 0 where `mask[i]` is 0, every row and calibration step
 * kept (R's `subset()` / `svyby` on a calibrated design).
 */
export function restrictDesign(design: Design, mask: Uint8Array): Design {
  const w = new Float64Array(design.weights.length)
  for (let i = 0; i < w.length; i++) w[i] = mask[i] ? (design.weights[i] as number) : 0
  return withWeights(design, w)
}

/** Design degrees of freedom: rows with non-zero weight − 1 (R's `degf` for this design). */
export function degf(design: Design): number {
  let k = 0
  const w = design.weights
  for (let i = 0; i < w.length; i++) if (w[i] !== 0) k++
  return k - 1
}

/**
 * Factor variables of every calibration step (the cross-classification that makes the cell path
 * possible), or null when some step depends on a numeric variable.
 */
export function calibrationFactors(design: Design): string[] | null {
  const vars = new Set<string>()
  for (const s of design.steps) {
    if (s.kind === 'raking') s.variables.forEach((v) => { vars.add(v) })
    else {
      if (!s.model.categorical) return null
      s.model.factorVariables.forEach((v) => { vars.add(v) })
    }
  }
  return [...vars]
}

/**
 * Removes respondents from an uncalibrated design (R's `subset()` of a non-calibrated design drops the
 * rows). The way to deal with zero base weights before raking, whose standard errors would otherwise be
 * NaN. Edge case: a design that already has calibration steps throws `InvalidInputError` — dropping rows
 * after calibration would silently break it (restrict to a domain instead).
 */
export function dropRows(design: Design, keep: Uint8Array): Design {
  if (design.steps.length > 0) {
    throw new InvalidInputError(
      'Rows cannot be dropped from a calibrated design.',
      'Drop them before weighting, or analyse a domain with restrictDesign.',
    )
  }
  const n = design.data.n
  if (keep.length !== n)
    throw new InvalidInputError(
      `${keep.length} flags for ${n} respondents.`,
      'Give one keep flag per respondent.',
    )
  const idx: number[] = []
  for (let i = 0; i < n; i++) if (keep[i]) idx.push(i)
  const columns: Record<string, Column> = {}
  for (const [name, col] of Object.entries(design.data.columns)) {
    if (col.kind === 'factor')
      columns[name] = {
        kind: 'factor',
        levels: col.levels,
        codes: Int32Array.from(idx, (i) => col.codes[i] as number),
      }
    else
      columns[name] = {
        kind: 'numeric',
        values: Float64Array.from(idx, (i) => col.values[i] as number),
      }
  }
  const d = Float64Array.from(idx, (i) => design.baseWeights[i] as number)
  const w =
    design.weights === design.baseWeights
      ? d
      : Float64Array.from(idx, (i) => design.weights[i] as number)
  return {
    data: surveyData(columns),
    baseWeights: d,
    weights: w,
    steps: [],
    nPsu: design.nPsu ?? n,
  }
}

/** Drops the respondents whose weight is 0 (see `dropRows`). */
export function dropZeroWeightRows(design: Design): Design {
  return dropRows(
    design,
    Uint8Array.from(design.weights, (w) => (w !== 0 ? 1 : 0)),
  )
}
