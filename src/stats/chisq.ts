/**
 * Tests of association for two-way tables, as R survey 4.1-1 `svychisq(~r + c, design, statistic)`
 * (spec §9): Rao–Scott second-order corrected F (default, "F"), first-order corrected χ² ("Chisq"), and the
 * design-based Wald tests ("Wald", "adjWald") on the cell totals, with the linearised covariance of the
 * calibrated design.
 *
 * R's subtleties reproduced: the levels counted for Δ are those present in ANY row of the data (also
 * zero-weight rows: inside a domain an absent level makes Δ singular → `AbsentLevelInDomainError`), while
 * the Pearson table uses every declared level (an unused level gives NaN → `UNUSED_LEVEL` warning);
 * ν = n − 1 over all rows (4.1-1). `dropEmptyLevels` removes both problems by using only the levels
 * with respondents in the tested design.
 */
import { factorKey, makePlan, type PathOption } from './cells.js'
import { getFactor, type FactorColumn } from './data.js'
import type { Design } from './design.js'
import {
  AbsentLevelInDomainError,
  makeWarning,
  SingularSystemError,
  type StatsWarning,
} from './errors.js'
import { pchisq, pf } from './distributions.js'
import {
  generalizedEigenvalues,
  luSolve,
  matrix,
  multiply,
  pick,
  qrResidual,
  transpose,
  type Matrix,
} from './linalg.js'
import { linearizedVcov } from './variance.js'
import { type AnalysisColumns, influence } from './estimates.js'

/** The statistics of R's `svychisq`: Rao–Scott F (default), first-order χ², Wald, adjusted Wald. */
export type ChisqStatistic = 'F' | 'Chisq' | 'Wald' | 'adjWald'

/** One test as R prints it: statistic, degrees of freedom ({ndf, ddf} or {df}), p-value, method text. */
export interface ChisqTest {
  readonly statistic: number
  readonly parameter: { ndf: number; ddf: number } | { df: number }
  readonly pValue: number
  readonly method: string
}

/** Rao–Scott intermediates (the oracle's `svychisq_intermediates_*`), for diagnosis. */
export interface ChisqIntermediates {
  readonly N: number
  readonly nr: number
  readonly nc: number
  readonly nu: number
  readonly pearsonX2: number
  readonly traceDelta: number
  readonly traceDelta2: number
  readonly F: number
  readonly ndf: number
  readonly ddf: number
  readonly pF: number
  readonly deltaEigen: Float64Array
}

/** Result of `svyChisq`: the requested tests, intermediates, the levels used and warnings. */
export interface ChisqResult {
  /** One result per requested statistic. */
  readonly tests: Readonly<Partial<Record<ChisqStatistic, ChisqTest>>>
  readonly intermediates: ChisqIntermediates
  readonly rowLevels: readonly string[]
  readonly colLevels: readonly string[]
  readonly warnings: readonly StatsWarning[]
}

/** Options of `svyChisq`; defaults follow R 4.1-1. */
export interface ChisqOptions {
  /** Statistics to compute (default ['F']). */
  statistics?: readonly ChisqStatistic[]
  /** Use only levels with respondents in the tested design (avoids R's NaN / singular cases). */
  dropEmptyLevels?: boolean
  /** ν: '4.1' (rows − 1, R 4.1-1, default) or '4.2' (degf of the design, R ≥ 4.2). */
  nu?: '4.1' | '4.2'
  path?: PathOption
}

const RS_METHOD = "Pearson's X^2: Rao & Scott adjustment"
const WALD_METHOD = 'Design-based Wald test of association'

/**
 * Rao–Scott / Wald tests of independence of two factors on a (possibly calibrated, possibly domain)
 * design. Edge cases: a counted level with no weight in the design → `AbsentLevelInDomainError` (R:
 * singular system); an unused declared level → statistic NaN with `UNUSED_LEVEL` (R: NaN); expected
 * counts below 5 → `CHISQ_SMALL_EXPECTED` (R: "Chi-squared approximation may be incorrect").
 */
export function svyChisq(
  design: Design,
  rowVar: string,
  colVar: string,
  options: ChisqOptions = {},
): ChisqResult {
  const statistics = options.statistics ?? ['F']
  const rf = getFactor(design.data, rowVar)
  const cf = getFactor(design.data, colVar)
  const n = design.data.n
  const w = design.weights
  const warnings: StatsWarning[] = []
  const drop = options.dropEmptyLevels ?? false

  // levels counted for the design matrices
  const used = (f: FactorColumn, other: FactorColumn): number[] => {
    const seen = new Float64Array(f.levels.length)
    for (let i = 0; i < n; i++) {
      const c = f.codes[i] as number
      if (c < 0) continue
      if (drop) {
        if ((other.codes[i] as number) >= 0)
          seen[c] = (seen[c] as number) + Math.abs(w[i] as number)
      } else seen[c] = 1
    }
    const out: number[] = []
    seen.forEach((s, l) => {
      if (s > 0) out.push(l)
    })
    return out
  }
  const rLev = used(rf, cf)
  const cLev = used(cf, rf)
  const nr = rLev.length
  const nc = cLev.length
  const rIndex = new Int32Array(rf.levels.length).fill(-1)
  rLev.forEach((l, k) => { rIndex[l] = k })
  const cIndex = new Int32Array(cf.levels.length).fill(-1)
  cLev.forEach((l, k) => { cIndex[l] = k })
  const cellOf = (i: number): number => {
    const r = rf.codes[i] as number
    const c = cf.codes[i] as number
    if (r < 0 || c < 0) return -1
    const ri = rIndex[r] as number
    const ci = cIndex[c] as number
    if (ri < 0 || ci < 0) return -1
    return ri + nr * ci
  }

  // weighted totals per counted level (complete rows): a counted level with zero weight makes Δ singular
  if (!drop) {
    const check = (f: FactorColumn, levels: number[], name: string, other: FactorColumn): void => {
      const tot = new Float64Array(f.levels.length)
      for (let i = 0; i < n; i++) {
        const c = f.codes[i] as number
        if (c >= 0 && (other.codes[i] as number) >= 0)
          tot[c] = (tot[c] as number) + (w[i] as number)
      }
      for (const l of levels)
        if (tot[l] === 0) throw new AbsentLevelInDomainError(name, f.levels[l] as string)
    }
    check(rf, rLev, rowVar, cf)
    check(cf, cLev, colVar, rf)
  }

  const K = nr * nc
  // cell indicators as analysis columns
  const cols: AnalysisColumns = {
    names: Array.from({ length: K }, (_, k) => `cell${k}`),
    p: K,
    keyParts: [],
    variables: [rowVar, colVar],
    read(i: number, out: Float64Array, offset: number): boolean {
      const c = cellOf(i)
      for (let k = 0; k < K; k++) out[offset + k] = k === c ? 1 : 0
      return c >= 0
    },
  }
  const plan = makePlan(
    design,
    [factorKey(rf), factorKey(cf)],
    options.path === undefined ? {} : { path: options.path },
  )
  const inf = influence(plan, cols, { weights: w }, 'mean', true)
  const phat = inf.estimate
  const V = linearizedVcov(design, plan, inf.U, K)

  let nonzero = 0
  for (let i = 0; i < n; i++) if (w[i] !== 0) nonzero++
  const nu = options.nu === '4.2' ? nonzero - 1 : n - 1
  const N = n

  // Pearson X² on the weighted table over the declared (or, with drop, used) levels, rescaled to N
  const tabR = drop ? rLev : rf.levels.map((_, l) => l)
  const tabC = drop ? cLev : cf.levels.map((_, l) => l)
  const tab = new Float64Array(tabR.length * tabC.length)
  const tr = new Int32Array(rf.levels.length).fill(-1)
  tabR.forEach((l, k) => { tr[l] = k })
  const tc = new Int32Array(cf.levels.length).fill(-1)
  tabC.forEach((l, k) => { tc[l] = k })
  let tabSum = 0
  for (let i = 0; i < n; i++) {
    const r = rf.codes[i] as number
    const c = cf.codes[i] as number
    if (r < 0 || c < 0) continue
    const a = tr[r] as number
    const b = tc[c] as number
    if (a < 0 || b < 0) continue
    tab[a * tabC.length + b] = (tab[a * tabC.length + b] as number) + (w[i] as number)
    tabSum += w[i] as number
  }
  const R = tabR.length
  const C = tabC.length
  for (let k = 0; k < tab.length; k++) tab[k] = ((tab[k] as number) * N) / tabSum
  const rowSum = new Float64Array(R)
  const colSum = new Float64Array(C)
  let tot = 0
  for (let a = 0; a < R; a++)
    for (let b = 0; b < C; b++) {
      const v = tab[a * C + b] as number
      rowSum[a] = (rowSum[a] as number) + v
      colSum[b] = (colSum[b] as number) + v
      tot += v
    }
  let X2 = 0
  let small = false
  for (let a = 0; a < R; a++)
    for (let b = 0; b < C; b++) {
      const E = ((rowSum[a] as number) * (colSum[b] as number)) / tot
      if (E < 5) small = true
      const d = (tab[a * C + b] as number) - E
      X2 += (d * d) / E
    }
  if (!drop) {
    const unused = (f: FactorColumn, levels: number[], name: string): void => {
      f.levels.forEach((lv, l) => {
        if (!levels.includes(l)) {
          warnings.push(
            makeWarning(
              'UNUSED_LEVEL',
              `Level "${lv}" of "${name}" has no respondent: the Pearson table has an empty row/column and the statistic is not estimable (NaN, as R).`,
              `Drop the level "${lv}" before testing (option dropEmptyLevels).`,
              { variable: name, category: lv },
            ),
          )
        }
      })
    }
    unused(rf, rLev, rowVar)
    unused(cf, cLev, colVar)
  }
  if (small) {
    warnings.push(
      makeWarning(
        'CHISQ_SMALL_EXPECTED',
        'Chi-squared approximation may be incorrect: some expected counts are below 5.',
        'Collapse sparse categories or report the test as indicative.',
        { variable: `${rowVar} × ${colVar}` },
      ),
    )
  }

  // design matrices on the nr × nc cells (rows fastest)
  const p1 = 1 + (nr - 1) + (nc - 1)
  const X1 = matrix(K, p1)
  const Xi = matrix(K, (nr - 1) * (nc - 1))
  for (let k = 0; k < K; k++) {
    const r = k % nr
    const c = Math.floor(k / nr)
    X1.data[k * p1] = 1
    if (r > 0) X1.data[k * p1 + r] = 1
    if (c > 0) X1.data[k * p1 + (nr - 1) + c] = 1
    if (r > 0 && c > 0) Xi.data[k * Xi.cols + (c - 1) * (nr - 1) + (r - 1)] = 1
  }
  const Cm = qrResidual(X1, Xi)
  const iD = new Float64Array(K)
  for (let k = 0; k < K; k++) iD[k] = phat[k] === 0 ? 0 : 1 / (phat[k] as number)
  const df = Cm.cols
  // denom = Cᵀ (D⁻¹/N) C ; numr = Cᵀ D⁻¹ V D⁻¹ C
  const DC = matrix(K, df)
  for (let k = 0; k < K; k++)
    for (let j = 0; j < df; j++)
      DC.data[k * df + j] = (iD[k] as number) * (Cm.data[k * df + j] as number)
  const Ct = transpose(Cm)
  const denom = multiply(Ct, DC)
  for (let j = 0; j < denom.data.length; j++) denom.data[j] = (denom.data[j] as number) / N
  const Vm: Matrix = { rows: K, cols: K, data: V }
  const numr = multiply(transpose(DC), multiply(Vm, DC))
  let Delta: Matrix
  try {
    Delta = luSolve(denom, numr, 'Rao–Scott Δ system')
  } catch (e) {
    if (e instanceof SingularSystemError) {
      throw new SingularSystemError(
        'Rao–Scott Δ system',
        (e.details.pivot as number) ?? 0,
        `A cell of ${rowVar} × ${colVar} has no respondent: collapse the sparse categories (or use dropEmptyLevels).`,
      )
    }
    throw e
  }
  let trD = 0
  for (let j = 0; j < df; j++) trD += Delta.data[j * df + j] as number
  const D2 = multiply(Delta, Delta)
  let trD2 = 0
  for (let j = 0; j < df; j++) trD2 += D2.data[j * df + j] as number
  const d0 = (trD * trD) / trD2
  const Fst = X2 / trD
  const pF = pf(Fst, d0, d0 * nu, false)
  const tests: Partial<Record<ChisqStatistic, ChisqTest>> = {}
  for (const s of statistics) {
    if (s === 'F')
      tests.F = {
        statistic: Fst,
        parameter: { ndf: d0, ddf: d0 * nu },
        pValue: pF,
        method: RS_METHOD,
      }
    else if (s === 'Chisq') {
      tests.Chisq = {
        statistic: X2,
        parameter: { df },
        pValue: pchisq(X2 / (trD / df), df, false),
        method: RS_METHOD,
      }
    }
  }
  if (statistics.includes('Wald') || statistics.includes('adjWald')) {
    const W = waldStatistic(design, plan, w, cellOf, nr, nc)
    const k = (nr - 1) * (nc - 1)
    if (statistics.includes('Wald'))
      tests.Wald = {
        statistic: W / k,
        parameter: { ndf: k, ddf: nu },
        pValue: pf(W / k, k, nu, false),
        method: WALD_METHOD,
      }
    if (statistics.includes('adjWald')) {
      const a = (W * (nu - k + 1)) / (k * nu)
      tests.adjWald = {
        statistic: a,
        parameter: { ndf: k, ddf: nu - k + 1 },
        pValue: pf(a, k, nu - k + 1, false),
        method: WALD_METHOD,
      }
    }
  }
  return {
    tests,
    intermediates: {
      N,
      nr,
      nc,
      nu,
      pearsonX2: X2,
      traceDelta: trD,
      traceDelta2: trD2,
      F: Fst,
      ndf: d0,
      ddf: d0 * nu,
      pF,
      deltaEigen: generalizedEigenvalues(denom, numr),
    },
    rowLevels: rLev.map((l) => rf.levels[l] as string),
    colLevels: cLev.map((l) => cf.levels[l] as string),
    warnings,
  }
}

/** Wald statistic W on the cell totals (ref_chisq's `Jcb` construction). */
function waldStatistic(
  design: Design,
  plan: ReturnType<typeof makePlan>,
  w: Float64Array,
  cellOf: (i: number) => number,
  nr: number,
  nc: number,
): number {
  const K = nr * nc
  const P = K + nr + nc + 1
  const cols: AnalysisColumns = {
    names: Array.from({ length: P }, (_, k) => `t${k}`),
    p: P,
    keyParts: [],
    variables: [],
    read(i: number, out: Float64Array, offset: number): boolean {
      out.fill(0, offset, offset + P)
      const c = cellOf(i)
      if (c < 0) return false
      out[offset + c] = 1
      out[offset + K + (c % nr)] = 1
      out[offset + K + nr + Math.floor(c / nr)] = 1
      out[offset + P - 1] = 1
      return true
    },
  }
  const inf = influence(plan, cols, { weights: w }, 'total', true)
  const t = inf.estimate
  const Vt = linearizedVcov(design, plan, inf.U, P)
  const total = t[P - 1] as number
  const rowt = (r: number): number => t[K + r] as number
  const colt = (c: number): number => t[K + nr + c] as number
  const J = matrix(K, P)
  const Y = new Float64Array(K)
  for (let k = 0; k < K; k++) {
    const r = k % nr
    const c = Math.floor(k / nr)
    J.data[k * P + k] = 1
    J.data[k * P + K + r] = -colt(c) / total
    J.data[k * P + K + nr + c] = -rowt(r) / total
    J.data[k * P + P - 1] = (rowt(r) * colt(c)) / (total * total)
    Y[k] = (t[k] as number) - (rowt(r) * colt(c)) / total
  }
  const VV = multiply(multiply(J, { rows: P, cols: P, data: Vt }), transpose(J))
  const use: number[] = []
  for (let c = 1; c < nc; c++) for (let r = 1; r < nr; r++) use.push(r + nr * c)
  const Vu = pick(VV, use, use)
  const yu = matrix(
    use.length,
    1,
    use.map((k) => Y[k] as number),
  )
  const sol = luSolve(Vu, yu, 'Wald covariance system')
  let W = 0
  for (let j = 0; j < use.length; j++) W += (yu.data[j] as number) * (sol.data[j] as number)
  return W
}
