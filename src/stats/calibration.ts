/**
 * Calibration (R survey 4.1-1 `calibrate()`, spec §3):
 * - linear without bounds: GREG closed form (`regcalibrate`), g = 1 + xᵀλ/σ², which may be negative;
 * - generalised (`grake`): raking (g = exp(xᵀη)), linear with bounds, or logit distance, solved by Newton
 *   with step halving on the misfit criterion |pop − Σ ww·g·x| / (1 + |pop|) < epsilon, Moore–Penrose
 *   step when the Jacobian is singular, R's rescaling when the initial weights are off by > 20×.
 *
 * One deliberate difference with R: the raking derivative. R's `cal.raking` tests u against the bounds
 * instead of exp(u) (spec §3.3 "quirk"), which can stall Newton on feasible problems; the engine uses the
 * exact derivative by default (`derivative: 'survey'` reproduces R). Both converge to the same weights.
 */
import { factorKey, gather, makePlan, expand, type PathOption, type Plan } from './cells.js'
import { getFactor, type SurveyData } from './data.js'
import { withWeights, type Design, type CalibrationStepInfo } from './design.js'
import {
  AbsentCategoryError,
  CalibrationFailedError,
  CategoryNotInPopulationError,
  InvalidInputError,
  PopulationMismatchError,
  makeWarning,
  type StatsWarning,
} from './errors.js'
import { luSolve, matrix, pseudoInverseSymmetric } from './linalg.js'
import { modelMatrix, selectColumns, type ModelMatrix } from './model-matrix.js'
import { scaleMargin, type PopulationMargin } from './raking.js'

/** Distance functions of `calibrate` (R's `calfun`): linear (GREG), raking (g = exp), logit (bounded). */
export type CalibrationFunction = 'linear' | 'raking' | 'logit'

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
  /** 'exact' (default) or 'survey' (R's raking derivative quirk, to reproduce R's iterations). */
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
  /** Newton iterations counted as R's `grake` (0 for the closed form). */
  readonly iterations: number
  /** max |misfit|/(1 + |pop|) at the end. */
  readonly maxRelativeMisfit: number
  /** Units with g at the lower / upper bound. */
  readonly nAtLower: number
  readonly nAtUpper: number
  /** Model columns actually used (all-zero columns with population 0 are dropped, as in R). */
  readonly columns: readonly string[]
  readonly warnings: readonly StatsWarning[]
  readonly path: 'rows' | 'cells'
}

/**
 * Population totals of the model-matrix columns from a list of margins (R's `margins2totals`):
 * "(Intercept)" = total of the first margin, `<var><level>` = total of that level in the first margin
 * containing the variable, interaction columns = sums over matching cells of a joint margin.
 */
export function populationFromMargins(
  model: ModelMatrix,
  margins: readonly PopulationMargin[],
): Record<string, number> {
  const out: Record<string, number> = {}
  model.columns.forEach((name, j) => {
    const d = model.describe[j] as { variable: string; category: string }
    if (d.variable === '(Intercept)') {
      const m = margins[0]
      out[name] = m ? m.cells.reduce((a, c) => a + c.total, 0) : NaN
      return
    }
    const vars = d.variable.split(':')
    const cats = d.category.split(':')
    const m = margins.find((mm) => vars.every((v) => mm.variables.includes(v)))
    if (!m)
      throw new PopulationMismatchError(
        `No margin gives the population of ${name}.`,
        name,
        `Add a margin for ${vars.join(' × ')}.`,
      )
    let t = 0
    for (const c of m.cells) {
      if (vars.every((v, k) => c.levels[m.variables.indexOf(v)] === cats[k])) t += c.total
    }
    out[name] = t
  })
  return out
}

/**
 * Calibrates `design` on the model `terms` (e.g. `['sex', 'age', 'region', 'occ']`) to the population
 * totals of the model columns (named as R's model matrix: "(Intercept)", "sexH", …) or to a list of
 * margins.
 *
 * Edge cases: a category with population total > 0 and no respondent → `AbsentCategoryError` (R: singular
 * system / "Calibration failed"); respondents in a category with population 0 under raking/logit →
 * `CategoryNotInPopulationError`; an all-zero column with population 0 is dropped (R); a remaining
 * singular GREG system → `SingularSystemError`; non-convergence or infeasible bounds →
 * `CalibrationFailedError` with the achieved misfit (or, with `force`, the non-calibrated weights and a
 * `CALIBRATION_NOT_CONVERGED` warning); negative GREG weights → `NEGATIVE_WEIGHTS` warning.
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
    const res = grake(plan, ww0, rowOf, q, pop, st, calfun, bounds, options)
    gPlan = res.g
    iterations = res.iterations
    converged = !res.failed
    maxRel = res.maxRel
    if (res.rescaled && bounded) {
      warnings.push(
        makeWarning(
          'WEIGHTS_RESCALED',
          `Initial weights were more than 20 times too small: they were rescaled by ${res.scale} and the bounds apply to the rescaled weights (as in R).`,
          'Start from base weights that sum to the population.',
          { details: { scale: res.scale } },
        ),
      )
    }
    if (res.failed) {
      const worst =
        res.worst >= 0
          ? { column: model.columns[res.worst] as string, misfit: res.worstMisfit }
          : null
      // R clears the failure when `trim` is given (the trimmed weights are returned with the warning)
      if (!options.force && !options.trim) {
        throw new CalibrationFailedError(res.maxRel, iterations, worst, bounded)
      }
      warnings.push(
        makeWarning(
          'CALIBRATION_NOT_CONVERGED',
          `Failed to converge: eps=${res.maxRel} in ${iterations} iterations; the weights are NOT calibrated (${options.force ? 'force' : 'trim'}).`,
          bounded
            ? 'Widen the bounds or collapse sparse categories.'
            : 'Increase maxit or collapse sparse categories.',
          { variable: worst?.column, details: { maxRelativeMisfit: res.maxRel, iterations } },
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
    warnings,
    path: plan.path,
  }
}

/** Typed errors for categories that cannot be calibrated (before any solve). */
function checkCategories(
  design: Design,
  model: ModelMatrix,
  pop: number[],
  calfun: CalibrationFunction,
): void {
  // main-effect factor levels, including the reference level (derived from the intercept)
  const interceptIdx = model.columns.indexOf('(Intercept)')
  const byVar = new Map<string, number[]>()
  model.describe.forEach((d, j) => {
    if (d.variable === '(Intercept)' || d.variable.includes(':') || d.category === '') return
    const list = byVar.get(d.variable) ?? []
    list.push(j)
    byVar.set(d.variable, list)
  })
  const w = design.weights
  for (const [variable, cols] of byVar) {
    const f = getFactor(design.data, variable)
    const L = f.levels.length
    const counts = new Float64Array(L)
    const wsum = new Float64Array(L)
    for (let i = 0; i < f.codes.length; i++) {
      const c = f.codes[i] as number
      if (c < 0) continue
      counts[c] = (counts[c] as number) + 1
      wsum[c] = (wsum[c] as number) + (w[i] as number)
    }
    const popOf = new Float64Array(L).fill(NaN)
    for (const j of cols) {
      const level = (model.describe[j] as { category: string }).category
      popOf[f.levels.indexOf(level)] = pop[j] as number
    }
    if (interceptIdx >= 0) {
      let rest = 0
      for (let l = 1; l < L; l++) rest += popOf[l] as number
      popOf[0] = (pop[interceptIdx] as number) - rest
    }
    for (let l = 0; l < L; l++) {
      const pl = popOf[l] as number
      if (Number.isNaN(pl)) continue
      const scale = Math.max(1, Math.abs(pop[interceptIdx] ?? 1))
      if (wsum[l] === 0 && pl > 1e-9 * scale)
        throw new AbsentCategoryError(variable, f.levels[l] as string, pl)
      if (calfun !== 'linear' && (wsum[l] as number) > 0 && Math.abs(pl) <= 1e-9 * scale) {
        throw new CategoryNotInPopulationError(variable, f.levels[l] as string, counts[l] as number)
      }
    }
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

interface GrakeResult {
  g: Float64Array
  iterations: number
  failed: boolean
  maxRel: number
  worst: number
  worstMisfit: number
  rescaled: boolean
  scale: number
}

/** R's `grake` on plan rows (spec §3.3), with the exact raking derivative unless `derivative: 'survey'`. */
function grake(
  plan: Plan,
  wwIn: Float64Array,
  rowOf: (r: number) => Float64Array,
  q: number,
  pop: Float64Array,
  sampleTotalIn: Float64Array,
  calfun: CalibrationFunction,
  bounds: readonly [number, number],
  options: CalibrateOptions,
): GrakeResult {
  const m = plan.m
  const freq = plan.freq
  const epsilon = options.epsilon ?? 1e-7
  const maxit = options.maxit ?? 50
  const quirk = options.derivative === 'survey'
  let ww = wwIn
  let st = sampleTotalIn
  // rescaling when the initial weights are off by orders of magnitude
  let minScale = Infinity
  let sumScale = 0
  for (let a = 0; a < q; a++) {
    const s = (pop[a] as number) / (st[a] as number)
    minScale = Math.min(minScale, s)
    sumScale += s
  }
  let rescaled = false
  let scale = 1
  if (Number.isFinite(minScale) && minScale > 20) {
    scale = sumScale / q
    rescaled = true
    ww = ww.map((v) => v * scale)
    st = st.map((v) => v * scale)
  }
  const [Lb, Ub] = bounds
  const perUnit = options.boundsConst === true
  const wwOrig = wwIn
  const lowerOf = (r: number): number => (perUnit ? Lb / (wwOrig[r] as number) : Lb)
  const upperOf = (r: number): number => (perUnit ? Ub / (wwOrig[r] as number) : Ub)
  if (calfun === 'logit' && !(Number.isFinite(Lb) && Number.isFinite(Ub) && Lb < 1 && Ub > 1)) {
    throw new InvalidInputError(
      `Logit calibration needs finite bounds L < 1 < U (got [${Lb}, ${Ub}]).`,
      'Give bounds such as [0.4, 3].',
    )
  }
  const Fm1 = (u: number, r: number): number => {
    const L = lowerOf(r)
    const U = upperOf(r)
    if (calfun === 'linear') return Math.min(Math.max(u + 1, L), U) - 1
    if (calfun === 'raking') return Math.min(Math.max(Math.exp(u), L), U) - 1
    const A = (U - L) / ((U - 1) * (1 - L))
    const e = Math.exp(A * u)
    return (L * (U - 1) + U * (1 - L) * e) / (U - 1 + (1 - L) * e) - 1
  }
  const dF = (u: number, r: number): number => {
    const L = lowerOf(r)
    const U = upperOf(r)
    if (calfun === 'linear') return u < U - 1 && u > L - 1 ? 1 : 0
    if (calfun === 'raking') {
      const e = Math.exp(u)
      if (quirk) return u < U - 1 && u > L - 1 ? e : 0
      return e < U && e > L ? e : 0
    }
    const A = (U - L) / ((U - 1) * (1 - L))
    const e = Math.exp(A * u)
    const den = U - 1 + (1 - L) * e
    return (A * e * (U - 1) * (1 - L) * (U - L)) / (den * den)
  }
  const eta = new Float64Array(q)
  const xeta = new Float64Array(m)
  const g = new Float64Array(m)
  const deriv = new Float64Array(m)
  const update = (): boolean => {
    let finite = true
    for (let r = 0; r < m; r++) {
      const xv = rowOf(r)
      let s = 0
      for (let a = 0; a < q; a++) s += (xv[a] as number) * (eta[a] as number)
      xeta[r] = s
      const gr = 1 + Fm1(s, r)
      const dr = dF(s, r)
      g[r] = gr
      deriv[r] = dr
      if (!Number.isFinite(gr) || !Number.isFinite(dr)) finite = false
    }
    return finite
  }
  const misfit = (): { mis: Float64Array; maxRel: number; worst: number } => {
    const t = new Float64Array(q)
    for (let r = 0; r < m; r++) {
      const xv = rowOf(r)
      const fw = (freq ? (freq[r] as number) : 1) * (ww[r] as number) * Fm1(xeta[r] as number, r)
      if (fw === 0) continue
      for (let a = 0; a < q; a++) t[a] = (t[a] as number) + fw * (xv[a] as number)
    }
    const mis = new Float64Array(q)
    let maxRel = 0
    let worst = -1
    for (let a = 0; a < q; a++) {
      mis[a] = (pop[a] as number) - (st[a] as number) - (t[a] as number)
      const rel = Math.abs(mis[a] as number) / (1 + Math.abs(pop[a] as number))
      if (!(rel <= maxRel)) {
        maxRel = rel
        worst = a
      }
    }
    return { mis, maxRel, worst }
  }
  update()
  let iter = 1
  let failed = false
  let last: { mis: Float64Array; maxRel: number; worst: number } = {
    mis: new Float64Array(q),
    maxRel: Infinity,
    worst: -1,
  }
  for (;;) {
    const T = matrix(q, q)
    for (let r = 0; r < m; r++) {
      const d = deriv[r] as number
      if (d === 0) continue
      const xv = rowOf(r)
      const fw = (freq ? (freq[r] as number) : 1) * (ww[r] as number) * d
      for (let a = 0; a < q; a++) {
        const xa = xv[a] as number
        if (xa === 0) continue
        for (let b = 0; b < q; b++)
          T.data[a * q + b] = (T.data[a * q + b] as number) + fw * xa * (xv[b] as number)
      }
    }
    const { mis } = misfit()
    const ginv = pseudoInverseSymmetric(T)
    const deta = new Float64Array(q)
    for (let a = 0; a < q; a++) {
      let s = 0
      for (let b = 0; b < q; b++) s += (ginv.data[a * q + b] as number) * (mis[b] as number)
      deta[a] = s
    }
    for (let a = 0; a < q; a++) eta[a] = (eta[a] as number) + (deta[a] as number)
    let finite = update()
    while (iter < maxit && !finite) {
      iter++
      for (let a = 0; a < q; a++) {
        deta[a] = (deta[a] as number) / 2
        eta[a] = (eta[a] as number) - (deta[a] as number)
      }
      finite = update()
    }
    last = misfit()
    if (last.maxRel < epsilon) break
    iter++
    if (iter > maxit) {
      failed = true
      break
    }
  }
  const gOut = rescaled ? g.map((v) => v * scale) : g
  return {
    g: gOut,
    iterations: iter,
    failed,
    maxRel: last.maxRel,
    worst: last.worst,
    worstMisfit: last.worst >= 0 ? (last.mis[last.worst] as number) : NaN,
    rescaled,
    scale,
  }
}
