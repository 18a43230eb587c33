/**
 * Taylor-linearisation variance for calibrated designs, exactly as R survey 4.1-1 `svyrecvar` for a
 * one-stage, unstratified, with-replacement design (spec §5):
 *
 * 1. the influence matrix U (one row per respondent, one column per estimated quantity) is replaced by
 *    its calibration residuals, step by step in the order of the design's calibration chain:
 *    - raking (`rake()`): Gauss–Seidel backfitting, exactly 10 sweeps over the margins, with the
 *      per-margin weights of the last IPF sweep and UNWEIGHTED cell means of U/psw (§5.2);
 *    - linear / generalised calibration: residual of the base-weighted least-squares regression of
 *      U/w_cal on the calibration variables, multiplied back by w_cal (GREG residuals, §5.1);
 * 2. V = n/(n−1) Σ (e_i − ē)(e_i − ē)ᵀ over all n rows (rows outside the domain included), §5.4.
 *
 * Everything runs on a `Plan` (rows or cells with frequencies), see `cells.ts`.
 */
import { gather, gatherInt, type Plan } from './cells.js'
import type {
  CalibrationStepInfo,
  Design,
  RakingStep,
} from './design.js'
import { cholesky, matrix, pseudoInverseSymmetric, type Matrix } from './linalg.js'

/** Number of backfitting sweeps of R's `svyrecvar` for raking (fixed, whatever the convergence). */
export const RAKING_BACKFIT_SWEEPS = 10

/** psw_k at the plan rows: weights before raking × the margin's factor of the row's full cell. */
function pswOnPlan(step: RakingStep, k: number, plan: Plan): Float64Array {
  const before = gather(step.before, plan)
  const cells = gatherInt(step.full.cells, plan)
  const f = step.factors[k] as Float64Array
  const out = new Float64Array(plan.m)
  for (let r = 0; r < plan.m; r++)
    out[r] = (before[r] as number) * (f[cells[r] as number] as number)
  return out
}

/**
 * Backfitting residuals of a raking step, in place on U (m × p, row-major), literally as R: 10 sweeps,
 * each margin step subtracting psw_k times the unweighted cell means of U/psw_k. Fused: while subtracting
 * margin k's cell means from a row, the row's contribution to margin k+1's means is accumulated, so that
 * each margin step is a single pass over the rows. Cost 10·K passes over the rows; kept as the reference
 * implementation of `factoredBackfit` (tests check that both agree).
 */
export function literalBackfit(step: RakingStep, plan: Plan, U: Float64Array, p: number): void {
  const K = step.margins.length
  const m = plan.m
  const freq = plan.freq
  const cells = step.margins.map((mg) => gatherInt(mg.cells, plan))
  const psw = step.margins.map((_, k) => pswOnPlan(step, k, plan))
  const nCells = step.margins.map((mg) => mg.nCells)
  const counts = cells.map((c, k) => {
    const cnt = new Float64Array(nCells[k] as number)
    for (let r = 0; r < m; r++)
      cnt[c[r] as number] = (cnt[c[r] as number] as number) + (freq ? (freq[r] as number) : 1)
    return cnt
  })
  const sums = nCells.map((nc) => new Float64Array(nc * p))
  // sums of margin 0 before the first step
  {
    const c0 = cells[0] as Int32Array
    const ps = psw[0] as Float64Array
    const s = sums[0] as Float64Array
    for (let r = 0; r < m; r++) {
      const inv = (freq ? (freq[r] as number) : 1) / (ps[r] as number)
      const base = (c0[r] as number) * p
      const ro = r * p
      for (let j = 0; j < p; j++)
        s[base + j] = (s[base + j] as number) + (U[ro + j] as number) * inv
    }
  }
  const total = RAKING_BACKFIT_SWEEPS * K
  for (let step_ = 0; step_ < total; step_++) {
    const k = step_ % K
    const kn = (k + 1) % K
    const last = step_ === total - 1
    const s = sums[k] as Float64Array
    const cnt = counts[k] as Float64Array
    // cell means
    const nc = nCells[k] as number
    for (let c = 0; c < nc; c++) {
      const cc = cnt[c] as number
      for (let j = 0; j < p; j++) s[c * p + j] = cc > 0 ? (s[c * p + j] as number) / cc : 0
    }
    const ck = cells[k] as Int32Array
    const pk = psw[k] as Float64Array
    if (last) {
      for (let r = 0; r < m; r++) {
        const base = (ck[r] as number) * p
        const ps = pk[r] as number
        const ro = r * p
        for (let j = 0; j < p; j++) U[ro + j] = (U[ro + j] as number) - ps * (s[base + j] as number)
      }
      break
    }
    const cn = cells[kn] as Int32Array
    const pn = psw[kn] as Float64Array
    const sn = kn === k ? new Float64Array(s.length) : (sums[kn] as Float64Array)
    if (kn !== k) sn.fill(0)
    for (let r = 0; r < m; r++) {
      const base = (ck[r] as number) * p
      const ps = pk[r] as number
      const ro = r * p
      const inv = (freq ? (freq[r] as number) : 1) / (pn[r] as number)
      const bn = (cn[r] as number) * p
      for (let j = 0; j < p; j++) {
        const u = (U[ro + j] as number) - ps * (s[base + j] as number)
        U[ro + j] = u
        sn[bn + j] = (sn[bn + j] as number) + u * inv
      }
    }
    if (kn === k) s.set(sn)
  }
}

/**
 * The raking step seen per cell of the full cross-classification of its margin variables: every row of
 * a full cell has the same margin cells, and the same ratios psw_k,i/psw_0,i (products of the IPF
 * factors applied after the first margin in the last sweep), so they are stored once per full cell.
 */
interface FullCellView {
  nFull: number
  /** Σ f over the rows of each full cell. */
  count: Float64Array
  /** margin cell of each full cell, per margin */
  marginCell: Int32Array[]
  /** psw_k/psw_0 of each full cell, per margin */
  ratio: Float64Array[]
  /** full cell of each plan row */
  fullOfRow: Int32Array
  /** weights before raking at the plan rows (psw_0 = before × factors[0][cell]) */
  before: Float64Array
}

const viewCache = new WeakMap<RakingStep, FullCellView>()

function fullCellView(step: RakingStep, plan: Plan): FullCellView {
  const identity = plan.rep === null && plan.freq === null
  if (identity) {
    const cached = viewCache.get(step)
    if (cached) return cached
  }
  const m = plan.m
  const freq = plan.freq
  const fullOfRow = gatherInt(step.full.cells, plan)
  const nFull = step.full.count
  const count = new Float64Array(nFull)
  const rep = new Int32Array(nFull).fill(-1)
  for (let r = 0; r < m; r++) {
    const c = fullOfRow[r] as number
    count[c] = (count[c] as number) + (freq ? (freq[r] as number) : 1)
    if ((rep[c] as number) < 0) rep[c] = r
  }
  const before = gather(step.before, plan)
  const marginCell = step.margins.map((mg) => {
    const cells = gatherInt(mg.cells, plan)
    const out = new Int32Array(nFull)
    for (let c = 0; c < nFull; c++)
      if ((rep[c] as number) >= 0) out[c] = cells[rep[c] as number] as number
    return out
  })
  const f0 = step.factors[0] as Float64Array
  const ratio = step.factors.map((fk) => {
    const out = new Float64Array(nFull)
    for (let c = 0; c < nFull; c++)
      if ((rep[c] as number) >= 0) out[c] = (fk[c] as number) / (f0[c] as number)
    return out
  })
  const view = { nFull, count, marginCell, ratio, fullOfRow, before }
  if (identity) viewCache.set(step, view)
  return view
}

/**
 * Backfitting residuals of a raking step (R's 10 sweeps, spec §5.2), in place on U, computed in
 * margin-cell space. Each literal step subtracts psw_k·M_k[cell], so at any time
 * U_i = U⁰_i − Σ_k psw_k,i·A_k[c_k(i)] where A_k accumulates margin k's cell means; the cell sums of
 * U/psw_k needed by the next step are therefore B_k[a] − Σ_k' Σ_b R_kk'[a, b]·A_k'[b], with
 * B_k[a] = Σ_{i∈a} U⁰_i/psw_k,i and R_kk'[a, b] = Σ_{i∈a∩b} psw_k',i/psw_k,i (R_kk = diag(n_a)). Both are
 * accumulated per full cell (U⁰/psw_0 summed once per row), the 10 sweeps run on the small tables, and
 * e_i = U⁰_i − psw_0,i·E_c(i) with E_c = Σ_k (psw_k/psw_0)_c·A_k[c_k(c)]. Same means as the literal
 * algorithm (`literalBackfit`, checked to agree to ~1e-13), summed in another order; U is read twice
 * instead of 2·10·K times. Zero weights give NaN, as in R.
 */
function factoredBackfit(step: RakingStep, plan: Plan, U: Float64Array, p: number): void {
  const K = step.margins.length
  const m = plan.m
  const freq = plan.freq
  const nCells = step.margins.map((mg) => mg.nCells)
  const v = fullCellView(step, plan)
  const nFull = v.nFull
  // G_c = Σ_{i∈c} f·U⁰_i/psw_0,i, with psw_0,i = before_i × factors[0][c]: Σ f·U⁰/before, then / factor
  const G = new Float64Array(nFull * p)
  const fo = v.fullOfRow
  const bf = v.before
  const f0 = step.factors[0] as Float64Array
  for (let r = 0; r < m; r++) {
    const inv = (freq ? (freq[r] as number) : 1) / (bf[r] as number)
    const base = (fo[r] as number) * p
    const ro = r * p
    for (let j = 0; j < p; j++) G[base + j] = (G[base + j] as number) + (U[ro + j] as number) * inv
  }
  for (let c = 0; c < nFull; c++) {
    if (v.count[c] === 0) continue
    const f = f0[c] as number
    for (let j = 0; j < p; j++) G[c * p + j] = (G[c * p + j] as number) / f
  }
  // margin tables: counts n_a, B_k, cross R_kk'
  const counts = nCells.map((nc) => new Float64Array(nc))
  const B = nCells.map((nc) => new Float64Array(nc * p))
  const cross: (Float64Array | null)[][] = nCells.map((nk, k) =>
    nCells.map((n2, k2) => (k === k2 ? null : new Float64Array(nk * n2))),
  )
  for (let c = 0; c < nFull; c++) {
    const nc = v.count[c] as number
    if (nc === 0) continue
    for (let k = 0; k < K; k++) {
      const a = (v.marginCell[k] as Int32Array)[c] as number
      const rk = (v.ratio[k] as Float64Array)[c] as number
      const cnt = counts[k] as Float64Array
      cnt[a] = (cnt[a] as number) + nc
      const bk = B[k] as Float64Array
      for (let j = 0; j < p; j++)
        bk[a * p + j] = (bk[a * p + j] as number) + (G[c * p + j] as number) / rk
      for (let k2 = 0; k2 < K; k2++) {
        if (k2 === k) continue
        const t = (cross[k] as (Float64Array | null)[])[k2] as Float64Array
        const idx = a * (nCells[k2] as number) + ((v.marginCell[k2] as Int32Array)[c] as number)
        t[idx] = (t[idx] as number) + (nc * ((v.ratio[k2] as Float64Array)[c] as number)) / rk
      }
    }
  }
  // 10 sweeps in cell space
  const A = nCells.map((nc) => new Float64Array(nc * p))
  for (let sweep = 0; sweep < RAKING_BACKFIT_SWEEPS; sweep++) {
    for (let k = 0; k < K; k++) {
      const nk = nCells[k] as number
      const cnt = counts[k] as Float64Array
      const bk = B[k] as Float64Array
      const ak = A[k] as Float64Array
      const row = cross[k] as (Float64Array | null)[]
      for (let a = 0; a < nk; a++) {
        const na = cnt[a] as number
        if (na === 0) continue
        for (let j = 0; j < p; j++) {
          let sum = (bk[a * p + j] as number) - na * (ak[a * p + j] as number)
          for (let k2 = 0; k2 < K; k2++) {
            if (k2 === k) continue
            const t = row[k2] as Float64Array
            const n2 = nCells[k2] as number
            const a2 = A[k2] as Float64Array
            for (let b = 0; b < n2; b++) {
              const rab = t[a * n2 + b] as number
              if (rab !== 0) sum -= rab * (a2[b * p + j] as number)
            }
          }
          ak[a * p + j] = (ak[a * p + j] as number) + sum / na
        }
      }
    }
  }
  // E_c = Σ_k ratio_k,c · A_k[c_k(c)] ; e_i = U⁰_i − psw_0,i·E_c(i)
  const E = new Float64Array(nFull * p)
  for (let c = 0; c < nFull; c++) {
    if (v.count[c] === 0) continue
    for (let k = 0; k < K; k++) {
      const rk = (v.ratio[k] as Float64Array)[c] as number
      const a = (v.marginCell[k] as Int32Array)[c] as number
      const ak = A[k] as Float64Array
      for (let j = 0; j < p; j++)
        E[c * p + j] = (E[c * p + j] as number) + rk * (ak[a * p + j] as number)
    }
  }
  // psw_0,i·E_c = before_i·(factors[0][c]·E_c)
  for (let c = 0; c < nFull; c++) {
    const f = f0[c] as number
    for (let j = 0; j < p; j++) E[c * p + j] = (E[c * p + j] as number) * f
  }
  for (let r = 0; r < m; r++) {
    const b = bf[r] as number
    const base = (fo[r] as number) * p
    const ro = r * p
    for (let j = 0; j < p; j++) U[ro + j] = (U[ro + j] as number) - b * (E[base + j] as number)
  }
}

/**
 * GREG residuals of a calibration step, in place on U (spec §5.1): ũ = U/w_cal, projection of ũ on the
 * columns of X·sqrt(ww/σ²) (normal equations, pseudo-inverse if rank-deficient, as R's pivoted QR), and
 * e = (ũ − fitted)·w_cal with w_cal = g·sqrt(ww·σ²). Zero weights give NaN, as in R.
 */
function gregResiduals(step: CalibrationStepInfo, plan: Plan, U: Float64Array, p: number): void {
  const m = plan.m
  const freq = plan.freq
  const q = step.model.columns.length
  const ww = gather(step.ww, plan)
  const g = gather(step.g, plan)
  const s2 = step.sigma2 ? gather(step.sigma2, plan) : null
  const rep = plan.rep
  const x = new Float64Array(q)
  const A = matrix(q, q)
  const B = matrix(q, p)
  const ad = A.data
  const bd = B.data
  const ut = new Float64Array(p)
  for (let r = 0; r < m; r++) {
    step.model.row(rep ? (rep[r] as number) : r, x)
    const sig2 = s2 ? (s2[r] as number) : 1
    const wwr = ww[r] as number
    const s = Math.sqrt(wwr / sig2)
    const wcal = (g[r] as number) * Math.sqrt(wwr) * Math.sqrt(sig2)
    const f = freq ? (freq[r] as number) : 1
    for (let j = 0; j < p; j++) ut[j] = (U[r * p + j] as number) / wcal
    for (let a = 0; a < q; a++) {
      const xa = (x[a] as number) * s
      if (xa === 0) continue
      const fxa = f * xa
      for (let b = 0; b < q; b++)
        ad[a * q + b] = (ad[a * q + b] as number) + fxa * (x[b] as number) * s
      for (let j = 0; j < p; j++)
        bd[a * p + j] = (bd[a * p + j] as number) + fxa * (ut[j] as number)
    }
  }
  const beta = solveSymmetric(A, B)
  const bt = beta.data
  for (let r = 0; r < m; r++) {
    step.model.row(rep ? (rep[r] as number) : r, x)
    const sig2 = s2 ? (s2[r] as number) : 1
    const wwr = ww[r] as number
    const s = Math.sqrt(wwr / sig2)
    const wcal = (g[r] as number) * Math.sqrt(wwr) * Math.sqrt(sig2)
    for (let j = 0; j < p; j++) {
      let fit = 0
      for (let a = 0; a < q; a++) {
        const xa = x[a] as number
        if (xa !== 0) fit += xa * s * (bt[a * p + j] as number)
      }
      U[r * p + j] = ((U[r * p + j] as number) / wcal - fit) * wcal
    }
  }
}

/** Solves A X = B for symmetric positive semi-definite A (Cholesky, pseudo-inverse when singular). */
export function solveSymmetric(a: Matrix, b: Matrix): Matrix {
  const n = a.rows
  const p = b.cols
  const l = cholesky(a)
  if (l) {
    const x = new Float64Array(b.data)
    for (let c = 0; c < p; c++) {
      for (let i = 0; i < n; i++) {
        let s = x[i * p + c] as number
        for (let k = 0; k < i; k++) s -= (l.data[i * n + k] as number) * (x[k * p + c] as number)
        x[i * p + c] = s / (l.data[i * n + i] as number)
      }
      for (let i = n - 1; i >= 0; i--) {
        let s = x[i * p + c] as number
        for (let k = i + 1; k < n; k++)
          s -= (l.data[k * n + i] as number) * (x[k * p + c] as number)
        x[i * p + c] = s / (l.data[i * n + i] as number)
      }
    }
    // Cholesky can succeed on a numerically singular matrix; accept only a well-conditioned factor
    let dmin = Infinity
    let dmax = 0
    for (let i = 0; i < n; i++) {
      const d = l.data[i * n + i] as number
      dmin = Math.min(dmin, d)
      dmax = Math.max(dmax, d)
    }
    if (dmin > 1e-7 * dmax) return { rows: n, cols: p, data: x }
  }
  const pinv = pseudoInverseSymmetric(a)
  const out = matrix(n, p)
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const v = pinv.data[i * n + k] as number
      if (v === 0) continue
      for (let c = 0; c < p; c++)
        out.data[i * p + c] = (out.data[i * p + c] as number) + v * (b.data[k * p + c] as number)
    }
  return out
}

/**
 * Replaces U (plan rows × p) by its calibration residuals, through every step of the design.
 * `literal` runs R's backfitting row by row (reference implementation, for tests).
 */
export function calibrationResiduals(
  design: Design,
  plan: Plan,
  U: Float64Array,
  p: number,
  literal = false,
): void {
  for (const step of design.steps) {
    if (step.kind === 'raking') (literal ? literalBackfit : factoredBackfit)(step, plan, U, p)
    else gregResiduals(step, plan, U, p)
  }
}

/**
 * With-replacement one-stage variance (spec formula (1)): V = n/(n−1) Σ (e_i − ē)(e_i − ē)ᵀ over the n
 * sampled units, ē = Σ e_i / n. The plan rows carry frequencies; `nPsu` > Σ f adds units that contribute
 * e = 0 (rows dropped from an uncalibrated design, as R pads them). Returns p × p row-major. Edge case:
 * n = 1 gives NaN/Infinity, as R.
 */
export function withReplacementVcov(
  E: Float64Array,
  p: number,
  plan: Plan,
  nPsu: number = plan.n,
): Float64Array {
  const m = plan.m
  const freq = plan.freq
  const n = nPsu
  const mean = new Float64Array(p)
  for (let r = 0; r < m; r++) {
    const f = freq ? (freq[r] as number) : 1
    for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) + f * (E[r * p + j] as number)
  }
  for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) / n
  const V = new Float64Array(p * p)
  const c = new Float64Array(p)
  for (let r = 0; r < m; r++) {
    const f = freq ? (freq[r] as number) : 1
    for (let j = 0; j < p; j++) c[j] = (E[r * p + j] as number) - (mean[j] as number)
    for (let a = 0; a < p; a++) {
      const fa = f * (c[a] as number)
      for (let b = a; b < p; b++) V[a * p + b] = (V[a * p + b] as number) + fa * (c[b] as number)
    }
  }
  const padded = n - plan.n
  const scale = n / (n - 1)
  for (let a = 0; a < p; a++)
    for (let b = a; b < p; b++) {
      const v =
        ((V[a * p + b] as number) + padded * (mean[a] as number) * (mean[b] as number)) * scale
      V[a * p + b] = v
      V[b * p + a] = v
    }
  return V
}

/** Calibration residuals then the with-replacement variance: the full `svyrecvar` of this design. */
export function linearizedVcov(
  design: Design,
  plan: Plan,
  U: Float64Array,
  p: number,
): Float64Array {
  calibrationResiduals(design, plan, U, p)
  return withReplacementVcov(U, p, plan, design.nPsu ?? plan.n)
}
