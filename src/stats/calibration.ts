/**
 * Calibration (R survey 4.1-1 `calibrate()`, spec §3):
 * - linear without bounds: GREG closed form (`regcalibrate`), g = 1 + xᵀλ/σ², which may be negative;
 * - generalised (`grake`): raking (g = exp(xᵀη)), linear with bounds, or logit distance, solved by Newton
 *   (newton.ts) on the misfit criterion |pop − Σ ww·g·x| / (1 + |pop|) < epsilon, Moore–Penrose step when
 *   the Jacobian is singular, R's rescaling when the initial weights are off by > 20×.
 *
 * Deliberate differences with R, which change how the iteration gets there, never where it stops:
 * - the raking derivative: R's `cal.raking` tests u against the bounds instead of exp(u) (spec §3.3
 *   "quirk"); the engine uses the exact derivative (`derivative: 'survey'` reproduces R's iterations);
 * - the safeguarded Newton step (newton.ts): a full step that does not decrease the dual function enough
 *   is shortened, and a step that a category with every unit at a bound would make ineffective uses a
 *   positive-definite metric instead. Plain exact-derivative Newton stalls on feasible problems where R's
 *   quirk happens to converge (oracle n20000_bounded); the safeguarded one converges on every feasible
 *   problem, to R's weights, in R's iterations wherever R's full steps already decrease the dual.
 * When a bounded calibration fails, feasibility.ts checks whether the bounds can be met at all and, if
 * not, names the conflicting margins and categories (`CalibrationFailedError.diagnosis`).
 */
import { factorKey, gather, makePlan, expand, type PathOption, type Plan } from './cells.js'
import { getFactor, type SurveyData } from './data.js'
import { withWeights, type Design, type CalibrationStepInfo } from './design.js'
import {
  CalibrationFailedError,
  PopulationMismatchError,
  makeWarning,
  type StatsWarning,
} from './errors.js'
import { checkCategories, populationFromMargins } from './calibration-population.js'
import { diagnoseBounds, type BoundsDiagnosis } from './feasibility.js'
import { luSolve, matrix } from './linalg.js'
import { modelMatrix, selectColumns } from './model-matrix.js'
import { grakeProblem, newtonCalibrate, type CalibrationFunction } from './newton.js'
import { scaleMargin, type PopulationMargin } from './raking.js'

export type { CalibrationFunction }
export { populationFromMargins }

/**
 * Options of `calibrate`, with R's names and defaults (epsilon 1e-7, maxit 50, unbounded). Edge cases: logit
 * needs finite bounds L < 1 < U; `force` turns a non-convergence into a warning.
 */
export interface CalibrateOptions {
  /** Distance: 'linear' (default; closed form when unbounded), 'raking', 'logit'. */
  calfun?: CalibrationFunction
  /** Bounds [L, U] on g = w/ww (default [−∞, ∞]); with `boundsConst`, bounds on the weights themselves. */
  bounds?: readonly [number, number]
  boundsConst?: boolean
  /** Convergence threshold on |misfit|/(1 + |pop|) (R default 1e-7). */
  epsilon?: number
  /** Maximum Newton iterations (R default 50). */
  maxit?: number
  /**
   * Return the non-calibrated weights with a warning instead of failing (R's `force`). As in R, a `trim`
   * also turns the failure into a warning.
   */
  force?: boolean
  /** σ²_i of the GREG closed form (R's `variance`); ignored by the variance of generalised calibration, as in R. */
  variance?: Float64Array | null
  /** Trim g to [tL, tU] after calibration, redistributing proportionally to ww (R's `trim`). */
  trim?: readonly [number, number]
  /**
   * 'exact' (default: the safeguarded Newton with the exact derivative) or 'survey' (R's loop literally,
   * raking derivative quirk included, to reproduce R's iterations — it fails where R fails).
   */
  derivative?: 'exact' | 'survey'
  /** Intercept column (default true). */
  intercept?: boolean
  path?: PathOption
  /** Rescale the population (shares, or totals on another base) so that it sums to this base. */
  base?: number
}

/** Calibrated design and diagnostics; `iterations` counts as R's `grake` so that runs can be compared. */
export interface CalibrateResult {
  readonly design: Design
  readonly weights: Float64Array
  readonly g: Float64Array
  readonly method: 'closed-form' | 'newton'
  readonly converged: boolean
  /**
   * Newton iterations counted as R's `grake` (0 for the closed form): steps plus step halvings (the
   * safeguarded iteration's shortened steps count as halvings).
   */
  readonly iterations: number
  /** max |misfit|/(1 + |pop|) at the end. */
  readonly maxRelativeMisfit: number
  /** Units with g at the lower / upper bound. */
  readonly nAtLower: number
  readonly nAtUpper: number
  /** Model columns actually used (all-zero columns with population 0 are dropped, as in R). */
  readonly columns: readonly string[]
  /**
   * Why a bounded calibration returned uncalibrated weights (with `force` or `trim`; null otherwise): the
   * same diagnosis as `CalibrationFailedError.diagnosis` (conflicting margins when the bounds cannot be met).
   */
  readonly diagnosis: BoundsDiagnosis | null
  readonly warnings: readonly StatsWarning[]
  readonly path: 'rows' | 'cells'
}

/**
 * Calibrates `design` on the model `terms` (e.g. `['sex', 'age', 'region', 'occ']`) to the population
 * totals of the model columns (named as R's model matrix: "(Intercept)", "sexH", …) or to a list of
 * margins.
 *
 * Edge cases: a category with population total > 0 and no respondent → `AbsentCategoryError` (R: singular
 * system / "Calibration failed"); respondents in a category with population 0 under raking/logit →
 * `CategoryNotInPopulationError`; an all-zero column with population 0 is dropped (R); a remaining
 * singular GREG system → `SingularSystemError`; non-convergence → `CalibrationFailedError` with the
 * achieved misfit and, for bounded calibration, a `diagnosis`: proven infeasible bounds name the margins
 * and categories that conflict (R's misfit and iteration count are reported, R's own iteration having been
 * run), otherwise no infeasibility is claimed. With `force` (or `trim`, as in R) the non-calibrated weights
 * are returned with a `CALIBRATION_NOT_CONVERGED` warning and `result.diagnosis`; on proven-infeasible
 * bounds they are R's `force = TRUE` weights. Negative GREG weights → `NEGATIVE_WEIGHTS` warning.
 */
export function calibrate(
  design: Design,
  terms: readonly string[],
  population: Readonly<Record<string, number>> | readonly PopulationMargin[],
  options: CalibrateOptions = {},
): CalibrateResult {
  const data: SurveyData = design.data
  const fullModel = modelMatrix(data, terms, options.intercept ?? true)
  let popAll = Array.isArray(population)
    ? populationFromMargins(
        fullModel,
        options.base === undefined
          ? (population as readonly PopulationMargin[])
          : (population as readonly PopulationMargin[]).map((m) =>
              scaleMargin(m, options.base as number),
            ),
      )
    : (population as Readonly<Record<string, number>>)
  if (options.base !== undefined && !Array.isArray(population)) {
    const total = popAll['(Intercept)']
    if (!(total !== undefined && total > 0)) {
      throw new PopulationMismatchError(
        'Rescaling to a base needs the "(Intercept)" total (the population size of the shares).',
        '(Intercept)',
        'Give "(Intercept)" (e.g. 1 for shares) or pass margins.',
      )
    }
    const f = (options.base as number) / total
    popAll = Object.fromEntries(Object.entries(popAll).map(([k, v]) => [k, v * f]))
  }
  const calfun = options.calfun ?? 'linear'
  const bounds = options.bounds ?? [-Infinity, Infinity]
  const bounded = Number.isFinite(bounds[0]) || Number.isFinite(bounds[1])
  const closedForm = calfun === 'linear' && !bounded
  const warnings: StatsWarning[] = []

  for (const name of Object.keys(popAll)) {
    if (!fullModel.columns.includes(name)) {
      throw new PopulationMismatchError(
        `Population total "${name}" matches no model column (${fullModel.columns.join(', ')}).`,
        name,
        'Name the totals as the model columns ("(Intercept)", "<variable><level>").',
      )
    }
  }
  const popVec = fullModel.columns.map((c) => {
    const v = popAll[c]
    if (v === undefined || !Number.isFinite(v)) {
      throw new PopulationMismatchError(
        `No population total for model column "${c}".`,
        c,
        `Give the population total of "${c}".`,
      )
    }
    return v
  })

  // plan: cells of the model's factors when the model is categorical
  const plan: Plan = fullModel.categorical
    ? makePlan(
        design,
        fullModel.factorVariables.map((v) => factorKey(getFactor(data, v))),
        options.path === undefined ? {} : { path: options.path },
      )
    : makePlan(design, [], { path: options.path === 'cells' ? 'cells' : 'rows' })
  const m = plan.m
  const freq = plan.freq
  const rep = plan.rep
  const ww0 = gather(design.weights, plan)

  // sample totals and all-zero columns
  const qAll = fullModel.columns.length
  const x = new Float64Array(qAll)
  const sampleTotal = new Float64Array(qAll)
  const nonZero = new Uint8Array(qAll)
  for (let r = 0; r < m; r++) {
    fullModel.row(rep ? (rep[r] as number) : r, x)
    const fw = (freq ? (freq[r] as number) : 1) * (ww0[r] as number)
    for (let j = 0; j < qAll; j++) {
      const v = x[j] as number
      if (v !== 0) {
        nonZero[j] = 1
        sampleTotal[j] = (sampleTotal[j] as number) + fw * v
      }
    }
  }
  const keep: number[] = []
  for (let j = 0; j < qAll; j++) {
    if (sampleTotal[j] === 0 && popVec[j] === 0 && !nonZero[j]) continue
    keep.push(j)
  }
  checkCategories(design, fullModel, popVec, calfun)
  const model = keep.length === qAll ? fullModel : selectColumns(fullModel, keep)
  const q = model.columns.length
  const pop = Float64Array.from(keep, (j) => popVec[j] as number)
  const st = Float64Array.from(keep, (j) => sampleTotal[j] as number)
  const xr = new Float64Array(q)
  const rowOf = (r: number): Float64Array => {
    model.row(rep ? (rep[r] as number) : r, xr)
    return xr
  }

  let gPlan: Float64Array
  let iterations = 0
  let converged = true
  let maxRel = 0
  let sigma2Rows: Float64Array | null = null
  let diagnosis: BoundsDiagnosis | null = null
  if (closedForm) {
    const sigma2 = options.variance ? gather(options.variance, plan) : null
    sigma2Rows = options.variance ?? null
    const T = matrix(q, q)
    for (let r = 0; r < m; r++) {
      const xv = rowOf(r)
      const fw =
        ((freq ? (freq[r] as number) : 1) * (ww0[r] as number)) /
        (sigma2 ? (sigma2[r] as number) : 1)
      for (let a = 0; a < q; a++) {
        const xa = xv[a] as number
        if (xa === 0) continue
        for (let b = 0; b < q; b++)
          T.data[a * q + b] = (T.data[a * q + b] as number) + fw * xa * (xv[b] as number)
      }
    }
    const rhs = matrix(q, 1)
    for (let j = 0; j < q; j++) rhs.data[j] = (pop[j] as number) - (st[j] as number)
    const lambda = luSolve(T, rhs, 'GREG calibration system').data
    gPlan = new Float64Array(m)
    for (let r = 0; r < m; r++) {
      const xv = rowOf(r)
      let s = 0
      for (let a = 0; a < q; a++) s += (xv[a] as number) * (lambda[a] as number)
      gPlan[r] = 1 + s / (sigma2 ? (sigma2[r] as number) : 1)
    }
    maxRel = misfitOf(gPlan, ww0, freq, rowOf, pop, q).maxRel
  } else {
    const prep = grakeProblem(
      plan,
      ww0,
      rowOf,
      q,
      pop,
      st,
      calfun,
      bounds,
      options.boundsConst === true,
    )
    const derivative = options.derivative ?? 'exact'
    const epsilon = options.epsilon ?? 1e-7
    const maxit = options.maxit ?? 50
    let res = newtonCalibrate(prep.problem, {
      epsilon,
      maxit,
      derivative,
      iteration: derivative === 'survey' ? 'plain' : 'safeguarded',
    })
    if (res.failed && bounded) {
      const conflicts = diagnoseBounds({
        data,
        model: fullModel,
        pop: popVec,
        m,
        freq,
        rep,
        ww: prep.problem.ww,
        lower: prep.problem.lower,
        upper: prep.problem.upper,
        calfun,
        epsilon,
      })
      diagnosis = {
        infeasible: conflicts.length > 0,
        bounds: [bounds[0], bounds[1]],
        boundsOn: options.boundsConst ? 'weight' : 'ratio',
        conflicts,
      }
      // no weights meet the bounds: R's own iteration gives the uncalibrated weights R returns
      if (diagnosis.infeasible && derivative !== 'survey') {
        res = newtonCalibrate(prep.problem, {
          epsilon,
          maxit,
          derivative: 'survey',
          iteration: 'plain',
        })
      }
    }
    gPlan = prep.rescaled ? res.g.map((v) => v * prep.scale) : res.g
    iterations = res.iterations
    converged = !res.failed
    maxRel = res.maxRel
    if (prep.rescaled && bounded) {
      warnings.push(
        makeWarning(
          'WEIGHTS_RESCALED',
          `Initial weights were more than 20 times too small: they were rescaled by ${prep.scale} and the bounds apply to the rescaled weights (as in R).`,
          'Start from base weights that sum to the population.',
          { details: { scale: prep.scale } },
        ),
      )
    }
    if (res.failed) {
      const worst =
        res.worst >= 0
          ? { column: model.columns[res.worst] as string, misfit: res.misfit[res.worst] as number }
          : null
      // R clears the failure when `trim` is given (the trimmed weights are returned with the warning)
      if (!options.force && !options.trim) {
        throw new CalibrationFailedError(res.maxRel, iterations, worst, diagnosis)
      }
      warnings.push(
        makeWarning(
          'CALIBRATION_NOT_CONVERGED',
          `Failed to converge: eps=${res.maxRel} in ${iterations} iterations; the weights are NOT calibrated (${options.force ? 'force' : 'trim'}).${
            diagnosis?.infeasible ? ` The bounds cannot be met: ${diagnosis.conflicts.map((c) => c.message).join(' ')}` : ''
          }`,
          diagnosis?.infeasible
            ? 'Widen the bounds or collapse the categories named with neighbouring ones.'
            : bounded
              ? 'Increase maxit, widen the bounds or collapse sparse categories.'
              : 'Increase maxit or collapse sparse categories.',
          {
            variable: worst?.column,
            details: { maxRelativeMisfit: res.maxRel, iterations, diagnosis },
          },
        ),
      )
    }
  }

  if (options.trim) {
    const [tL, tU] = options.trim
    let excess = 0
    let keptW = 0
    let trimmed = 0
    const gt = new Float64Array(m)
    for (let r = 0; r < m; r++) {
      const g = gPlan[r] as number
      const c = Math.min(Math.max(g, tL), tU)
      gt[r] = c
      const f = freq ? (freq[r] as number) : 1
      if (c !== g) {
        trimmed += f
        excess += f * (g - c) * (ww0[r] as number)
      } else keptW += f * (ww0[r] as number)
    }
    for (let r = 0; r < m; r++) if (gt[r] === gPlan[r]) gt[r] = (gt[r] as number) + excess / keptW
    if (trimmed > 0)
      warnings.push(
        makeWarning(
          'CALIBRATION_TRIMMED',
          `${trimmed} weights were trimmed`,
          'Trimmed weights no longer meet the totals exactly.',
          { details: { count: trimmed } },
        ),
      )
    gPlan = gt
  }

  const g = expand(gPlan, plan)
  const n = data.n
  const w = new Float64Array(n)
  const ww = design.weights
  let negatives = 0
  let atL = 0
  let atU = 0
  const bl = bounds[0]
  const bu = bounds[1]
  for (let i = 0; i < n; i++) {
    const gi = g[i] as number
    w[i] = (ww[i] as number) * gi
    if ((w[i] as number) < 0) negatives++
    if (!options.boundsConst) {
      if (gi === bl) atL++
      if (gi === bu) atU++
    } else {
      if (w[i] === bl) atL++
      if (w[i] === bu) atU++
    }
  }
  if (negatives > 0) {
    warnings.push(
      makeWarning(
        'NEGATIVE_WEIGHTS',
        `${negatives} calibrated weight(s) are negative.`,
        'Use bounds (e.g. linear with bounds [0.4, 3]) or raking calibration, or collapse sparse categories.',
        { details: { count: negatives } },
      ),
    )
  }
  const step: CalibrationStepInfo = {
    kind: 'calibration',
    model,
    ww,
    g,
    sigma2: closedForm ? sigma2Rows : null,
  }
  return {
    design: withWeights(design, w, [...design.steps, step]),
    weights: w,
    g,
    method: closedForm ? 'closed-form' : 'newton',
    converged,
    iterations,
    maxRelativeMisfit: maxRel,
    nAtLower: atL,
    nAtUpper: atU,
    columns: model.columns,
    diagnosis,
    warnings,
    path: plan.path,
  }
}

function misfitOf(
  g: Float64Array,
  ww: Float64Array,
  freq: Float64Array | null,
  rowOf: (r: number) => Float64Array,
  pop: Float64Array,
  q: number,
): { misfit: Float64Array; maxRel: number; worst: number } {
  const t = new Float64Array(q)
  for (let r = 0; r < g.length; r++) {
    const xv = rowOf(r)
    const fw = (freq ? (freq[r] as number) : 1) * (ww[r] as number) * (g[r] as number)
    for (let a = 0; a < q; a++) t[a] = (t[a] as number) + fw * (xv[a] as number)
  }
  const misfit = new Float64Array(q)
  let maxRel = 0
  let worst = -1
  for (let a = 0; a < q; a++) {
    misfit[a] = (pop[a] as number) - (t[a] as number)
    const rel = Math.abs(misfit[a] as number) / (1 + Math.abs(pop[a] as number))
    if (rel > maxRel || Number.isNaN(rel)) {
      maxRel = rel
      worst = a
    }
  }
  return { misfit, maxRel, worst }
}
