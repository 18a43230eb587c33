/**
 * Small dense linear algebra for the engine (q × q systems with q ≲ 100: calibration normal equations,
 * Rao–Scott matrices). Row-major `Float64Array`s, no dependency.
 */
import { SingularSystemError } from './errors.js'

/** A dense row-major matrix. */
export interface Matrix {
  rows: number
  cols: number
  data: Float64Array
}

/** A zero (or copied) rows × cols matrix. */
export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  const m = { rows, cols, data: new Float64Array(rows * cols) }
  if (data) m.data.set(data)
  return m
}

/** The n × n identity. */
export function identity(n: number): Matrix {
  const m = matrix(n, n)
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1
  return m
}

/** Transpose. */
export function transpose(a: Matrix): Matrix {
  const t = matrix(a.cols, a.rows)
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j] as number
  return t
}

/** Product; mismatched dimensions are a programming error (RangeError). */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows)
    throw new RangeError(`multiply: ${a.rows}x${a.cols} by ${b.rows}x${b.cols}`)
  const c = matrix(a.rows, b.cols)
  const ad = a.data
  const bd = b.data
  const cd = c.data
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = ad[i * a.cols + k] as number
      if (aik === 0) continue
      const bo = k * b.cols
      const co = i * b.cols
      for (let j = 0; j < b.cols; j++)
        cd[co + j] = (cd[co + j] as number) + aik * (bd[bo + j] as number)
    }
  }
  return c
}

/** Sub-matrix of the given row and column indices. */
export function pick(a: Matrix, rows: readonly number[], cols: readonly number[]): Matrix {
  const m = matrix(rows.length, cols.length)
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < cols.length; j++) {
      m.data[i * cols.length + j] = a.data[
        (rows[i] as number) * a.cols + (cols[j] as number)
      ] as number
    }
  }
  return m
}

/**
 * Solves A X = B by LU with partial pivoting (LAPACK dgesv's algorithm). Throws `SingularSystemError`
 * when a pivot is exactly zero, which is the situation R reports as "system is exactly singular"
 * (e.g. an all-zero calibration column, a level absent from a svychisq domain).
 */
export function luSolve(a: Matrix, b: Matrix, what = 'linear system'): Matrix {
  const n = a.rows
  if (a.cols !== n || b.rows !== n) throw new RangeError('luSolve: dimension mismatch')
  const lu = new Float64Array(a.data)
  const x = new Float64Array(b.data)
  const p = b.cols
  for (let k = 0; k < n; k++) {
    let piv = k
    let best = Math.abs(lu[k * n + k] as number)
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k] as number)
      if (v > best) {
        best = v
        piv = i
      }
    }
    if (best === 0 || Number.isNaN(best)) {
      throw new SingularSystemError(what, k + 1)
    }
    if (piv !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j] as number
        lu[k * n + j] = lu[piv * n + j] as number
        lu[piv * n + j] = t
      }
      for (let j = 0; j < p; j++) {
        const t = x[k * p + j] as number
        x[k * p + j] = x[piv * p + j] as number
        x[piv * p + j] = t
      }
    }
    const d = lu[k * n + k] as number
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k] as number) / d
      if (f === 0) continue
      lu[i * n + k] = f
      for (let j = k + 1; j < n; j++)
        lu[i * n + j] = (lu[i * n + j] as number) - f * (lu[k * n + j] as number)
      for (let j = 0; j < p; j++)
        x[i * p + j] = (x[i * p + j] as number) - f * (x[k * p + j] as number)
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    const d = lu[k * n + k] as number
    for (let j = 0; j < p; j++) {
      let s = x[k * p + j] as number
      for (let i = k + 1; i < n; i++) s -= (lu[k * n + i] as number) * (x[i * p + j] as number)
      x[k * p + j] = s / d
    }
  }
  return { rows: n, cols: p, data: x }
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations. Returns eigenvalues in
 * decreasing order and the matching eigenvectors as the columns of `vectors`.
 */
export function symmetricEigen(a: Matrix): { values: Float64Array; vectors: Matrix } {
  const n = a.rows
  const m = new Float64Array(a.data)
  // symmetrise (inputs are symmetric up to rounding)
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * ((m[i * n + j] as number) + (m[j * n + i] as number))
      m[i * n + j] = s
      m[j * n + i] = s
    }
  const v = identity(n).data
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    let diag = 0
    for (let i = 0; i < n; i++) {
      diag += (m[i * n + i] as number) ** 2
      for (let j = i + 1; j < n; j++) off += (m[i * n + j] as number) ** 2
    }
    if (off === 0 || off <= 1e-32 * diag) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q] as number
        if (apq === 0) continue
        const app = m[p * n + p] as number
        const aqq = m[q * n + q] as number
        const theta = (aqq - app) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p] as number
          const akq = m[k * n + q] as number
          m[k * n + p] = c * akp - s * akq
          m[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k] as number
          const aqk = m[q * n + k] as number
          m[p * n + k] = c * apk - s * aqk
          m[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number
          const vkq = v[k * n + q] as number
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (m[j * n + j] as number) - (m[i * n + i] as number),
  )
  const values = new Float64Array(n)
  const vectors = matrix(n, n)
  order.forEach((src, dst) => {
    values[dst] = m[src * n + src] as number
    for (let k = 0; k < n; k++) vectors.data[k * n + dst] = v[k * n + src] as number
  })
  return { values, vectors }
}

/**
 * Moore–Penrose inverse of a symmetric positive semi-definite matrix (MASS::ginv's rule: eigen/singular
 * values ≤ tol·max are treated as zero, tol = 256·ε). Used by the Newton step of generalised calibration
 * so that a rank-deficient system (e.g. all units of a category clipped at a bound) still gives a step.
 */
export function pseudoInverseSymmetric(a: Matrix, tol = 256 * 2.220446049250313e-16): Matrix {
  const n = a.rows
  const { values, vectors } = symmetricEigen(a)
  const maxAbs = Math.max(0, ...Array.from(values, Math.abs))
  const out = matrix(n, n)
  for (let k = 0; k < n; k++) {
    const lambda = values[k] as number
    if (!(Math.abs(lambda) > tol * maxAbs) || lambda === 0) continue
    const inv = 1 / lambda
    for (let i = 0; i < n; i++) {
      const vik = (vectors.data[i * n + k] as number) * inv
      if (vik === 0) continue
      for (let j = 0; j < n; j++)
        out.data[i * n + j] =
          (out.data[i * n + j] as number) + vik * (vectors.data[j * n + k] as number)
    }
  }
  return out
}

/**
 * Residuals of the least-squares projection of the columns of Y on the columns of X (R's
 * `qr.resid(qr(X), Y)`), by Householder QR with stored reflectors. Rank deficiency is handled like
 * LINPACK dqrdc2: a column whose remaining norm is ≤ 1e-7 × its original norm is skipped.
 */
export function qrResidual(x: Matrix, y: Matrix): Matrix {
  const n = x.rows
  const k = x.cols
  const a = new Float64Array(x.data)
  const r = new Float64Array(y.data)
  const p = y.cols
  const reflectors: { row: number; v: Float64Array; vnorm2: number }[] = []
  let rank = 0
  for (let j = 0; j < k && rank < n; j++) {
    let origNorm = 0
    for (let i = 0; i < n; i++) origNorm += (x.data[i * k + j] as number) ** 2
    let norm = 0
    for (let i = rank; i < n; i++) norm += (a[i * k + j] as number) ** 2
    norm = Math.sqrt(norm)
    if (!(norm > 1e-7 * Math.sqrt(origNorm))) continue
    const x0 = a[rank * k + j] as number
    const alpha = x0 > 0 ? -norm : norm
    const v = new Float64Array(n - rank)
    for (let i = rank; i < n; i++) v[i - rank] = a[i * k + j] as number
    v[0] = (v[0] as number) - alpha
    let vnorm2 = 0
    for (let i = 0; i < v.length; i++) vnorm2 += (v[i] as number) ** 2
    if (vnorm2 === 0) continue
    const row = rank
    const apply = (buf: Float64Array, cols: number, from: number): void => {
      for (let c = from; c < cols; c++) {
        let s = 0
        for (let i = 0; i < v.length; i++)
          s += (v[i] as number) * (buf[(row + i) * cols + c] as number)
        const f = (2 * s) / vnorm2
        for (let i = 0; i < v.length; i++)
          buf[(row + i) * cols + c] = (buf[(row + i) * cols + c] as number) - f * (v[i] as number)
      }
    }
    apply(a, k, j)
    apply(r, p, 0)
    reflectors.push({ row, v, vnorm2 })
    rank++
  }
  // Qᵀy computed in r; residual = Q · [0 (first rank rows); (Qᵀy) rest]
  for (let i = 0; i < rank; i++) for (let c = 0; c < p; c++) r[i * p + c] = 0
  for (let h = reflectors.length - 1; h >= 0; h--) {
    const { row, v, vnorm2 } = reflectors[h] as { row: number; v: Float64Array; vnorm2: number }
    for (let c = 0; c < p; c++) {
      let s = 0
      for (let i = 0; i < v.length; i++) s += (v[i] as number) * (r[(row + i) * p + c] as number)
      const f = (2 * s) / vnorm2
      for (let i = 0; i < v.length; i++)
        r[(row + i) * p + c] = (r[(row + i) * p + c] as number) - f * (v[i] as number)
    }
  }
  return { rows: n, cols: p, data: r }
}

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive-definite matrix, or null when a pivot is
 * not positive.
 */
export function cholesky(a: Matrix): Matrix | null {
  const n = a.rows
  const l = matrix(n, n)
  for (let j = 0; j < n; j++) {
    let s = a.data[j * n + j] as number
    for (let k = 0; k < j; k++) s -= (l.data[j * n + k] as number) ** 2
    if (!(s > 0)) return null
    const d = Math.sqrt(s)
    l.data[j * n + j] = d
    for (let i = j + 1; i < n; i++) {
      let t = a.data[i * n + j] as number
      for (let k = 0; k < j; k++) t -= (l.data[i * n + k] as number) * (l.data[j * n + k] as number)
      l.data[i * n + j] = t / d
    }
  }
  return l
}

/**
 * Eigenvalues of A⁻¹B for symmetric positive-definite A and symmetric B (real), decreasing. Used for the
 * Rao–Scott Δ matrix diagnostics. Falls back to NaN values when A is not positive definite.
 */
export function generalizedEigenvalues(a: Matrix, b: Matrix): Float64Array {
  const n = a.rows
  const l = cholesky(a)
  if (!l) return new Float64Array(n).fill(NaN)
  // C = L⁻¹ B L⁻ᵀ
  const linvB = forwardSolve(l, b)
  const c = transpose(forwardSolve(l, transpose(linvB)))
  return symmetricEigen(c).values
}

function forwardSolve(l: Matrix, b: Matrix): Matrix {
  const n = l.rows
  const p = b.cols
  const x = new Float64Array(b.data)
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < p; c++) {
      let s = x[i * p + c] as number
      for (let k = 0; k < i; k++) s -= (l.data[i * n + k] as number) * (x[k * p + c] as number)
      x[i * p + c] = s / (l.data[i * n + i] as number)
    }
  }
  return { rows: n, cols: p, data: x }
}
