/**
 * Why bounded calibration cannot meet the totals: a proof, in terms of margins and categories.
 *
 * Bounds L ≤ g ≤ U make the weighted total of any group of respondents lie between L and U times its
 * initial weighted total. Calibration is impossible as soon as one of these checks fails (each is exact,
 * not a heuristic):
 * - **one category** of a margin (a level, or a cell of a joint margin): its population total lies outside
 *   [L·s, U·s], s being the initial weighted total of its respondents (its sample share cannot be raised or
 *   lowered enough);
 * - **two margins together**, when each category alone is reachable: the two margins define a
 *   transportation problem (joint cells of the two margins' variables, whose totals lie in [L·s, U·s],
 *   with row sums = the first margin's totals and column sums = the second's). It is solved by maximum
 *   flow; when the flow falls short, the minimum cut names a group of categories of each margin,
 *   "first" and "second", with target(first) − target(second) larger than the most the respondents in
 *   `first` but not in `second` can carry (U times their weight) minus the least those in `second` but
 *   not in `first` must carry (L times theirs).
 * Margins are read off the model: each highest-order term (a variable, or an interaction `a:b` with its
 * main effects) is one margin whose category totals are solved from the population totals of its columns.
 *
 * A conflict is reported only when it exceeds what calibration's own tolerance (|misfit_j| < ε·(1 + |pop_j|)
 * for every column j) could absorb, so the engine never calls "infeasible" bounds that R's `calibrate`
 * satisfies. Conflicts among three or more margins that no single category or pair shows are not
 * detected: the caller then reports a non-convergence without claiming infeasibility.
 */
import type { SurveyData } from './data.js'
import { FlowNetwork } from './flow.js'
import { marginsOf, tolerance, type Margin } from './margin-cells.js'
import type { ModelMatrix } from './model-matrix.js'
import type { CalibrationFunction } from './newton.js'

/** A group of categories of one margin: the margin's variables and one level per variable for each. */
export interface MarginCategories {
  /** Variables of the margin (one, or several for a joint margin such as sex × age). */
  readonly variables: readonly string[]
  /** The categories, each as one level per variable (in the order of `variables`). */
  readonly categories: readonly (readonly string[])[]
}

/** Respondents of a group: count and initial weighted total (the weights the bounds apply to). */
export interface GroupWeight {
  readonly respondents: number
  readonly sampleWeight: number
}

/**
 * One category out of reach: its population total `target` lies outside [`reachable.min`,
 * `reachable.max`] = [L, U] × the initial weighted total of its respondents. `requiredRatio` =
 * target / sampleWeight is the mean weight ratio g its respondents would need (compare with the bounds).
 */
export interface CategoryConflict {
  readonly kind: 'category'
  readonly margin: MarginCategories
  readonly target: number
  /** target / population total N. */
  readonly targetShare: number
  readonly respondents: number
  readonly sampleWeight: number
  /** sampleWeight / Σ initial weights. */
  readonly sampleShare: number
  readonly reachable: { readonly min: number; readonly max: number }
  readonly requiredRatio: number
  /** 'above': the target exceeds the most the bounds allow (upper bound too low); 'below': the reverse. */
  readonly side: 'above' | 'below'
  /** The conflict in one English sentence (for logs and the CLI; pages build their own from the data). */
  readonly message: string
}

/**
 * Two margins that cannot be met together (each category alone is reachable): the population has
 * `required` = target(first) − target(second) more people in the `first` categories than in the `second`
 * ones, but within the bounds the weights can make this difference at most `reachable` =
 * U·(weight of `firstOnly`) − L·(weight of `secondOnly`), where `firstOnly` are the respondents in a
 * `first` category and not in a `second` one, and `secondOnly` the reverse.
 */
export interface MarginPairConflict {
  readonly kind: 'margins'
  readonly first: MarginCategories
  readonly second: MarginCategories
  readonly required: number
  readonly reachable: number
  readonly firstOnly: GroupWeight
  readonly secondOnly: GroupWeight
  readonly message: string
}

/** A proven reason why the bounds cannot be met. */
export type BoundsConflict = CategoryConflict | MarginPairConflict

/**
 * Diagnosis attached to a failed bounded calibration (`CalibrationFailedError.diagnosis`, and
 * `CalibrateResult.diagnosis` when `force`/`trim` returned uncalibrated weights).
 */
export interface BoundsDiagnosis {
  /**
   * True when `conflicts` prove that no weights within the bounds meet the totals (to calibration's
   * tolerance); false when the iteration stopped without such a proof (then `conflicts` is empty: raise
   * `maxit`, or the conflict involves three margins or more).
   */
  readonly infeasible: boolean
  /** The bounds as given. */
  readonly bounds: readonly [number, number]
  /** 'ratio': bounds on g = w / initial weight (default); 'weight': on the weights (`boundsConst`). */
  readonly boundsOn: 'ratio' | 'weight'
  readonly conflicts: readonly BoundsConflict[]
}

/** What the diagnosis needs: the model, its population totals and the plan rows as Newton sees them. */
export interface FeasibilityInput {
  readonly data: SurveyData
  /** The full model (before all-zero columns are dropped) and its population totals. */
  readonly model: ModelMatrix
  readonly pop: readonly number[]
  /** Plan rows: frequency and first respondent of each (null = one respondent per row, in order). */
  readonly m: number
  readonly freq: Float64Array | null
  readonly rep: Int32Array | null
  /** Initial weights per plan row, as the bounds apply to them (after R's rescaling). */
  readonly ww: Float64Array
  readonly lower: (r: number) => number
  readonly upper: (r: number) => number
  readonly calfun: CalibrationFunction
  /** Calibration's convergence threshold (conflicts it could absorb are not reported). */
  readonly epsilon: number
}

const fmt = (x: number): string =>
  Math.abs(x) >= 1000 || x === 0 ? String(Math.round(x)) : x.toPrecision(4)
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`
const describeGroup = (g: MarginCategories): string =>
  g.categories.length === 1
    ? g.variables.map((v, i) => `${v} = ${(g.categories[0] as readonly string[])[i]}`).join(', ')
    : `${g.variables.join(' × ')} ∈ {${g.categories.map((c) => c.join(':')).join(', ')}}`

/** Smallest and largest weighted total of each plan row within the bounds (g ≥ 0 for raking and logit). */
function rowRanges(input: FeasibilityInput): { lo: Float64Array; hi: Float64Array; w: Float64Array } {
  const lo = new Float64Array(input.m)
  const hi = new Float64Array(input.m)
  const w = new Float64Array(input.m)
  for (let r = 0; r < input.m; r++) {
    const fw = (input.freq ? (input.freq[r] as number) : 1) * (input.ww[r] as number)
    w[r] = fw
    if (fw === 0) continue
    const L = input.calfun === 'linear' ? input.lower(r) : Math.max(input.lower(r), 0)
    lo[r] = fw * L
    hi[r] = fw * input.upper(r)
  }
  return { lo, hi, w }
}

/**
 * The proven conflicts between the bounds and the totals (empty when none is found; see the module
 * comment for what is and is not detected).
 */
export function diagnoseBounds(input: FeasibilityInput): BoundsConflict[] {
  const margins = marginsOf(input)
  if (!margins) return []
  const { lo, hi, w } = rowRanges(input)
  const count = (r: number): number => (input.freq ? (input.freq[r] as number) : 1)
  const N = input.pop[input.model.columns.indexOf('(Intercept)')] as number
  let S = 0
  for (let r = 0; r < input.m; r++) S += w[r] as number

  const out: BoundsConflict[] = []
  for (const m of margins) {
    const cLo = new Float64Array(m.nCells)
    const cHi = new Float64Array(m.nCells)
    const cW = new Float64Array(m.nCells)
    const cN = new Float64Array(m.nCells)
    for (let r = 0; r < input.m; r++) {
      const c = m.cellOf[r] as number
      cLo[c] = (cLo[c] as number) + (lo[r] as number)
      cHi[c] = (cHi[c] as number) + (hi[r] as number)
      cW[c] = (cW[c] as number) + (w[r] as number)
      cN[c] = (cN[c] as number) + count(r)
    }
    for (let c = 0; c < m.nCells; c++) {
      const t = m.target[c] as number
      const above = t - (cHi[c] as number)
      const below = (cLo[c] as number) - t
      const gap = Math.max(above, below)
      if (!(gap > tolerance(input, m.coef[c] as Float64Array))) continue
      const group: MarginCategories = { variables: m.variables, categories: [m.label(c)] }
      const sw = cW[c] as number
      const side = above > below ? 'above' : 'below'
      const ratio = sw > 0 ? t / sw : Infinity
      out.push({
        kind: 'category',
        margin: group,
        target: t,
        targetShare: t / N,
        respondents: cN[c] as number,
        sampleWeight: sw,
        sampleShare: sw / S,
        reachable: { min: cLo[c] as number, max: cHi[c] as number },
        requiredRatio: ratio,
        side,
        message:
          `${describeGroup(group)} is ${pct(t / N)} of the population but ${pct(sw / S)} of the ` +
          (sw === 0
            ? `initial weights (no respondent with a weight), so no weight can reach its ${fmt(t)}.`
            : `initial weights (${cN[c] as number} respondents): its respondents would need a mean ` +
              `weight ratio of ${fmt(ratio)}, ` +
              (side === 'above'
                ? `so within the bounds they reach at most ${fmt(cHi[c] as number)} of its ${fmt(t)}.`
                : `so within the bounds they weigh at least ${fmt(cLo[c] as number)}, more than its ${fmt(t)}.`)),
      })
    }
  }
  if (out.length > 0) {
    // farthest out of reach first: reachable / target (above) or target / reachable (below), ascending
    const reach = (c: CategoryConflict): number =>
      c.side === 'above' ? c.reachable.max / c.target : c.target / c.reachable.min
    return out.sort((a, b) => reach(a as CategoryConflict) - reach(b as CategoryConflict))
  }
  for (let i = 0; i < margins.length; i++)
    for (let k = i + 1; k < margins.length; k++) {
      const c = pairConflict(input, margins[i] as Margin, margins[k] as Margin, lo, hi, w, count)
      if (c) out.push(c)
    }
  return out
}

/** The transportation problem of two margins, solved by maximum flow; its minimum cut when infeasible. */
function pairConflict(
  input: FeasibilityInput,
  A: Margin,
  B: Margin,
  lo: Float64Array,
  hi: Float64Array,
  w: Float64Array,
  count: (r: number) => number,
): MarginPairConflict | null {
  // joint cells present in the sample
  const key = new Map<number, number>()
  const eA: number[] = []
  const eB: number[] = []
  const eLo: number[] = []
  const eHi: number[] = []
  const eW: number[] = []
  const eN: number[] = []
  for (let r = 0; r < input.m; r++) {
    const a = A.cellOf[r] as number
    const b = B.cellOf[r] as number
    const k0 = a * B.nCells + b
    let e = key.get(k0)
    if (e === undefined) {
      e = eA.length
      key.set(k0, e)
      eA.push(a)
      eB.push(b)
      eLo.push(0)
      eHi.push(0)
      eW.push(0)
      eN.push(0)
    }
    eLo[e] = (eLo[e] as number) + (lo[r] as number)
    eHi[e] = (eHi[e] as number) + (hi[r] as number)
    eW[e] = (eW[e] as number) + (w[r] as number)
    eN[e] = (eN[e] as number) + count(r)
  }
  // lower bounds must be finite: otherwise solve the negated problem (targets −t, bounds [−hi, −lo])
  const neg = eLo.some((v) => !Number.isFinite(v))
  if (neg && eHi.some((v) => !Number.isFinite(v))) return null
  const l = neg ? eHi.map((v) => -v) : eLo
  const u = neg ? eLo.map((v) => -v) : eHi
  const tA = Array.from(A.target, (t) => (neg ? -t : t))
  const tB = Array.from(B.target, (t) => (neg ? -t : t))
  const alpha = tA.slice()
  const beta = tB.slice()
  eA.forEach((a, e) => {
    alpha[a] = (alpha[a] as number) - (l[e] as number)
    beta[eB[e] as number] = (beta[eB[e] as number] as number) - (l[e] as number)
  })
  const nA = A.nCells
  const src = 0
  const sink = 1 + nA + B.nCells
  const net = new FlowNetwork(sink + 1)
  let supply = 0
  let demand = 0
  alpha.forEach((v, a) => {
    const c = Math.max(0, v)
    supply += c
    net.add(src, 1 + a, c)
  })
  beta.forEach((v, b) => {
    const c = Math.max(0, v)
    demand += c
    net.add(1 + nA + b, sink, c)
  })
  eA.forEach((a, e) => { net.add(1 + a, 1 + nA + (eB[e] as number), (u[e] as number) - (l[e] as number)) })
  const flow = net.maxFlow(src, sink, 1e-12 * (Math.max(supply, demand) + 1))
  if (!(Math.max(supply, demand) - flow > 1e-9 * (Math.max(supply, demand) + 1))) return null
  const reach = net.reachable(src)
  const inSA = (a: number): boolean => reach[1 + a] === 1
  const inSB = (b: number): boolean => reach[1 + nA + b] === 1
  // in original terms: first = A-side cut set unless the problem was negated
  const firstM = neg ? B : A
  const secondM = neg ? A : B
  const inFirst = (e: number): boolean => (neg ? inSB(eB[e] as number) : inSA(eA[e] as number))
  const inSecond = (e: number): boolean => (neg ? inSA(eA[e] as number) : inSB(eB[e] as number))
  const firstCells: number[] = []
  const secondCells: number[] = []
  for (let c = 0; c < firstM.nCells; c++) if (neg ? inSB(c) : inSA(c)) firstCells.push(c)
  for (let c = 0; c < secondM.nCells; c++) if (neg ? inSA(c) : inSB(c)) secondCells.push(c)
  let required = 0
  const kappa = new Float64Array(input.pop.length)
  for (const c of firstCells) {
    required += firstM.target[c] as number
    ;(firstM.coef[c] as Float64Array).forEach((v, j) => { kappa[j] = (kappa[j] as number) + v })
  }
  for (const c of secondCells) {
    required -= secondM.target[c] as number
    ;(secondM.coef[c] as Float64Array).forEach((v, j) => { kappa[j] = (kappa[j] as number) - v })
  }
  let reachable = 0
  const firstOnly = { respondents: 0, sampleWeight: 0 }
  const secondOnly = { respondents: 0, sampleWeight: 0 }
  for (let e = 0; e < eA.length; e++) {
    const f = inFirst(e)
    const s = inSecond(e)
    if (f && !s) {
      reachable += eHi[e] as number
      firstOnly.respondents += eN[e] as number
      firstOnly.sampleWeight += eW[e] as number
    } else if (s && !f) {
      reachable -= eLo[e] as number
      secondOnly.respondents += eN[e] as number
      secondOnly.sampleWeight += eW[e] as number
    }
  }
  if (!(required - reachable > tolerance(input, kappa))) return null
  const first: MarginCategories = {
    variables: firstM.variables,
    categories: firstCells.map((c) => firstM.label(c)),
  }
  const second: MarginCategories = {
    variables: secondM.variables,
    categories: secondCells.map((c) => secondM.label(c)),
  }
  return {
    kind: 'margins',
    first,
    second,
    required,
    reachable,
    firstOnly,
    secondOnly,
    message:
      `margins ${firstM.variables.join(' × ')} and ${secondM.variables.join(' × ')} conflict: the population ` +
      `has ${fmt(required)} more people in ${describeGroup(first)} than in ${describeGroup(second)}, but ` +
      `within the bounds the weights can make this difference at most ${fmt(reachable)} ` +
      `(${firstOnly.respondents} respondents are in the first group and not in the second, ` +
      `${secondOnly.respondents} in the second and not in the first).`,
  }
}
