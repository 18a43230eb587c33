/**
 * Generalised calibration by Newton's method (R survey 4.1-1 `grake`, spec §3.3), on plan rows.
 *
 * The calibration equations Σ ww·g(xᵀη)·x = pop, with g = 1 + F⁻¹ clipped to the bounds, are the
 * stationarity conditions of the convex dual function
 *
 *   Φ(η) = Σ_r ww_r·G(x_rᵀη) − ηᵀ(pop − Σ ww·x),   G' = F⁻¹ (= g − 1), G(0) = 0,
 *
 * whose gradient is −misfit and whose Hessian is T = Σ ww·F⁻¹'(xᵀη)·x·xᵀ (the exact derivative).
 *
 * Two iterations are offered:
 * - `plain`: R's loop literally (full Newton steps, Moore–Penrose inverse, step halving only on
 *   non-finite values, iteration count as R's `iter`). With `derivative: 'survey'` it reproduces R's
 *   iterates, derivative quirk included (spec §3.3).
 * - `safeguarded` (the engine's default): the same Newton step with the exact derivative, tried first at
 *   full length, accepted when it decreases Φ enough (Armijo: Φ(η + tΔ) ≤ Φ(η) − 10⁻⁴·t·misfitᵀΔ),
 *   otherwise halved. When a whole category has every unit at a bound, its row of T is zero and the
 *   Moore–Penrose step ignores that constraint (plain Newton stalls there for ever, which is why it failed
 *   on the oracle's n20000_bounded where R, by the accident of its derivative quirk, converged): the step
 *   then uses T with every unit counted as if unclipped at its current g (raking: weight g; linear and
 *   logit: weight 1), a positive-definite metric that moves the stuck constraint; Φ still decreases. Φ is
 *   bounded below exactly when the bounds can be met, so the iteration reaches the solution of every
 *   feasible problem. Where the full exact-derivative steps already decrease Φ, the iterates and the
 *   iteration count are those of R's loop (R's own counts for unbounded raking and bounded linear on every
 *   oracle case). Out of iterations in the middle of a line search, the last accepted iterate is kept.
 *
 * Both stop when every |misfit_j| / (1 + |pop_j|) < epsilon, as R.
 */
import type { Plan } from './cells.js'
import { InvalidInputError } from './errors.js'
import { matrix, pseudoInverseSymmetric } from './linalg.js'

/** Distance functions of `calibrate` (R's `calfun`): linear (GREG), raking (g = exp), logit (bounded). */
export type CalibrationFunction = 'linear' | 'raking' | 'logit'

/** The problem on plan rows, with the weights and totals as grake sees them (rescaled if R rescales). */
export interface NewtonProblem {
  /** Number of plan rows. */
  readonly m: number
  /** Frequency of each plan row (null = 1). */
  readonly freq: Float64Array | null
  /** Weights before calibration, per plan row (after R's rescaling when it applies). */
  readonly ww: Float64Array
  /** Model row of plan row r (the returned array is reused between calls). */
  readonly rowOf: (r: number) => Float64Array
  /** Number of model columns. */
  readonly q: number
  /** Population totals per column. */
  readonly pop: Float64Array
  /** Σ ww·x per column (with the same weights as `ww`). */
  readonly sampleTotal: Float64Array
  readonly calfun: CalibrationFunction
  /** Bounds on g for plan row r (−∞/∞ when absent). */
  readonly lower: (r: number) => number
  readonly upper: (r: number) => number
}

/** Settings of one run. */
export interface NewtonSettings {
  epsilon: number
  maxit: number
  /** 'exact' derivative, or R's 'survey' raking derivative (tests u against L − 1, U − 1). */
  derivative: 'exact' | 'survey'
  /** R's loop ('plain') or the engine's globally convergent variant ('safeguarded'). */
  iteration: 'plain' | 'safeguarded'
}

/** Outcome of a run: g per plan row (relative to `ww`), R-style iteration count, achieved misfit. */
export interface NewtonResult {
  g: Float64Array
  /** Iterations counted as R's `grake` (Newton steps plus step halvings). */
  iterations: number
  failed: boolean
  /** max_j |misfit_j| / (1 + |pop_j|) at the end. */
  maxRel: number
  /** Column with the largest relative misfit (−1 if none). */
  worst: number
  /** pop − achieved total, per column. */
  misfit: Float64Array
  /** Steps shortened by the line search, and steps taken with the clipped-g metric (safeguarded only). */
  backtracks: number
  metricSteps: number
}

const ARMIJO = 1e-4

/** expm1(x) − x without cancellation for small |x|. */
function expm1MinusX(x: number): number {
  if (Math.abs(x) < 1e-2) {
    const x2 = x * x
    return x2 * (0.5 + x * (1 / 6 + x * (1 / 24 + x / 120)))
  }
  return Math.expm1(x) - x
}

/** softplus(a + d) − softplus(a) − d·σ(a) (Bregman divergence of softplus), without cancellation. */
function softplusBregman(a: number, d: number): number {
  const p = 1 / (1 + Math.exp(-a))
  if (Math.abs(d) < 1e-3) {
    const v = p * (1 - p)
    return d * d * v * (0.5 + d * ((1 - 2 * p) / 6 + (d * (1 - 6 * p + 6 * p * p)) / 24))
  }
  const sp = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)))
  if (Math.abs(d) > 30) return sp(a + d) - sp(a) - d * p
  return Math.log1p(p * Math.expm1(d)) - d * p
}

/** g − 1 as a function of u = xᵀη (R's `Fm1`), for bounds L, U. */
export function calibrationFm1(calfun: CalibrationFunction, u: number, L: number, U: number): number {
  if (calfun === 'linear') return Math.min(Math.max(u + 1, L), U) - 1
  if (calfun === 'raking') return Math.min(Math.max(Math.exp(u), L), U) - 1
  const A = (U - L) / ((U - 1) * (1 - L))
  const e = Math.exp(A * u)
  return (L * (U - 1) + U * (1 - L) * e) / (U - 1 + (1 - L) * e) - 1
}

function derivativeOf(
  calfun: CalibrationFunction,
  quirk: boolean,
): (u: number, L: number, U: number) => number {
  if (calfun === 'linear') return (u, L, U) => (u < U - 1 && u > L - 1 ? 1 : 0)
  if (calfun === 'raking') {
    if (quirk) return (u, L, U) => (u < U - 1 && u > L - 1 ? Math.exp(u) : 0)
    return (u, L, U) => {
      const e = Math.exp(u)
      return e < U && e > L ? e : 0
    }
  }
  return (u, L, U) => {
    const A = (U - L) / ((U - 1) * (1 - L))
    const e = Math.exp(A * u)
    const den = U - 1 + (1 - L) * e
    return (A * e * (U - 1) * (1 - L) * (U - L)) / (den * den)
  }
}

/**
 * D(u, v) = G(v) − G(u) − (v − u)·G'(u) ≥ 0 for the distance's G (G' = Fm1), computed piece by piece
 * between the clipping points so that no large terms cancel (the line search compares such sums with
 * misfitᵀΔ, both of second order near the solution).
 */
function bregmanOf(calfun: CalibrationFunction): (u: number, v: number, L: number, U: number) => number {
  if (calfun === 'logit') {
    return (u, v, L, U) => {
      const A = (U - L) / ((U - 1) * (1 - L))
      const c0 = Math.log((1 - L) / (U - 1))
      return ((U - L) / A) * softplusBregman(A * u + c0, A * (v - u))
    }
  }
  const raking = calfun === 'raking'
  return (u, v, L, U) => {
    if (u === v) return 0
    const a = raking ? (L > 0 ? Math.log(L) : -Infinity) : L - 1
    const b = raking ? (U > 0 ? Math.log(U) : -Infinity) : U - 1
    const h = (t: number): number => calibrationFm1(calfun, t, L, U)
    const s = v > u ? 1 : -1
    const hu = h(u)
    let total = 0
    let p = u
    while (p !== v) {
      let q = v
      for (const c of [a, b]) if ((c - p) * s > 0 && (q - c) * s > 0) q = c
      const len = Math.abs(q - p)
      const mid = (p + q) / 2
      let piece = 0
      if (mid > a && mid < b) piece = raking ? Math.exp(p) * expm1MinusX(s * len) : (len * len) / 2
      total += piece + len * s * (h(p) - hu)
      p = q
    }
    return total
  }
}

/** Runs R's `grake` loop (plain) or its safeguarded variant; see the module comment. */
export function newtonCalibrate(problem: NewtonProblem, settings: NewtonSettings): NewtonResult {
  const { m, freq, ww, rowOf, q, pop, sampleTotal: st, calfun, lower, upper } = problem
  const { epsilon, maxit } = settings
  const safeguarded = settings.iteration === 'safeguarded'
  const dF = derivativeOf(calfun, settings.derivative === 'survey' && !safeguarded)
  const bregman = bregmanOf(calfun)
  const eta = new Float64Array(q)
  const xeta = new Float64Array(m)
  /** g − 1 per row (kept apart from g: R sums Fm1 itself, and 1 + f − 1 would round small f) */
  const fm1 = new Float64Array(m)
  const deriv = new Float64Array(m)
  const fw = (r: number): number => (freq ? (freq[r] as number) : 1) * (ww[r] as number)

  /** u = Xη, g and the derivative at `eta`; false when a value is not finite. */
  const update = (): boolean => {
    let finite = true
    for (let r = 0; r < m; r++) {
      const xv = rowOf(r)
      let s = 0
      for (let a = 0; a < q; a++) s += (xv[a] as number) * (eta[a] as number)
      xeta[r] = s
      const L = lower(r)
      const U = upper(r)
      const f = calibrationFm1(calfun, s, L, U)
      const dr = dF(s, L, U)
      fm1[r] = f
      deriv[r] = dr
      if (!Number.isFinite(1 + f) || !Number.isFinite(dr)) finite = false
    }
    return finite
  }
  const misfitNow = (): { mis: Float64Array; maxRel: number; worst: number } => {
    const t = new Float64Array(q)
    for (let r = 0; r < m; r++) {
      const w = fw(r) * (fm1[r] as number)
      if (w === 0) continue
      const xv = rowOf(r)
      for (let a = 0; a < q; a++) t[a] = (t[a] as number) + w * (xv[a] as number)
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
  /** Σ fw·c_r·x xᵀ with c = the derivative, or the metric of the stuck case (raking: g; others: 1). */
  const hessian = (c: Float64Array): Float64Array => {
    const T = new Float64Array(q * q)
    for (let r = 0; r < m; r++) {
      const d = c[r] as number
      if (d === 0) continue
      const xv = rowOf(r)
      const w = fw(r) * d
      for (let a = 0; a < q; a++) {
        const xa = xv[a] as number
        if (xa === 0) continue
        for (let b = 0; b < q; b++)
          T[a * q + b] = (T[a * q + b] as number) + w * xa * (xv[b] as number)
      }
    }
    return T
  }
  const solve = (T: Float64Array, rhs: Float64Array): Float64Array => {
    const ginv = pseudoInverseSymmetric(matrix(q, q, T))
    const out = new Float64Array(q)
    for (let a = 0; a < q; a++) {
      let s = 0
      for (let b = 0; b < q; b++) s += (ginv.data[a * q + b] as number) * (rhs[b] as number)
      out[a] = s
    }
    return out
  }

  update()
  let iter = 1
  let failed = false
  let backtracks = 0
  let metricSteps = 0
  let last = misfitNow()
  for (;;) {
    const mis = last.mis
    const T = hessian(deriv)
    let deta = solve(T, mis)
    if (!safeguarded) {
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
    } else {
      // the part of the misfit the Newton step cannot reach (constraints whose units are all clipped)
      let unreached = 0
      let scale = 0
      for (let a = 0; a < q; a++) {
        let s = 0
        for (let b = 0; b < q; b++) s += (T[a * q + b] as number) * (deta[b] as number)
        const den = 1 + Math.abs(pop[a] as number)
        unreached = Math.max(unreached, Math.abs((mis[a] as number) - s) / den)
        scale = Math.max(scale, Math.abs(mis[a] as number) / den)
      }
      if (unreached >= epsilon && unreached > 1e-6 * scale) {
        deta = solve(hessian(calfun === 'raking' ? fm1.map((f) => 1 + f) : fm1.map(() => 1)), mis)
        metricSteps++
      }
      let slope = 0
      for (let a = 0; a < q; a++) slope += (mis[a] as number) * (deta[a] as number)
      const etaOld = Float64Array.from(eta)
      const uOld = Float64Array.from(xeta)
      let t = 1
      for (;;) {
        for (let a = 0; a < q; a++) eta[a] = (etaOld[a] as number) + t * (deta[a] as number)
        const finite = update()
        let accept = false
        if (finite) {
          let B = 0
          for (let r = 0; r < m; r++) {
            const f = fw(r)
            if (f !== 0) B += f * bregman(uOld[r] as number, xeta[r] as number, lower(r), upper(r))
          }
          accept = B <= (1 - ARMIJO) * t * slope
        }
        if (accept || !(slope > 0)) break
        if (iter >= maxit) {
          // out of iterations without an acceptable step: keep the last iterate (finite, lower Φ)
          eta.set(etaOld)
          update()
          break
        }
        iter++
        backtracks++
        t /= 2
      }
    }
    last = misfitNow()
    if (last.maxRel < epsilon) break
    iter++
    if (iter > maxit) {
      failed = true
      break
    }
  }
  return {
    g: fm1.map((f) => 1 + f),
    iterations: iter,
    failed,
    maxRel: last.maxRel,
    worst: last.worst,
    misfit: last.mis,
    backtracks,
    metricSteps,
  }
}

/**
 * The Newton problem of R's `grake` on plan rows: R's rescaling when the initial weights are more than
 * 20 times too small (the bounds then apply to the rescaled weights, as in R), per-row bounds (on the
 * weights themselves with `boundsConst`). Edge case: logit without finite bounds L < 1 < U throws
 * `InvalidInputError`.
 */
export function grakeProblem(
  plan: Pick<Plan, 'm' | 'freq'>,
  wwIn: Float64Array,
  rowOf: (r: number) => Float64Array,
  q: number,
  pop: Float64Array,
  sampleTotalIn: Float64Array,
  calfun: CalibrationFunction,
  bounds: readonly [number, number],
  boundsConst: boolean,
): { problem: NewtonProblem; rescaled: boolean; scale: number } {
  let ww = wwIn
  let st = sampleTotalIn
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
  if (calfun === 'logit' && !(Number.isFinite(Lb) && Number.isFinite(Ub) && Lb < 1 && Ub > 1)) {
    throw new InvalidInputError(
      `Logit calibration needs finite bounds L < 1 < U (got [${Lb}, ${Ub}]).`,
      'Give bounds such as [0.4, 3].',
    )
  }
  const problem: NewtonProblem = {
    m: plan.m,
    freq: plan.freq,
    ww,
    rowOf,
    q,
    pop,
    sampleTotal: st,
    calfun,
    lower: boundsConst ? (r) => Lb / (wwIn[r] as number) : () => Lb,
    upper: boundsConst ? (r) => Ub / (wwIn[r] as number) : () => Ub,
  }
  return { problem, rescaled, scale }
}
