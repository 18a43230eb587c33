/**
 * The fast path for large samples: rows that share every quantity an algorithm looks at (calibration
 * cell, base weight, current weight, analysed values, domain) are aggregated into one "cell" carrying a
 * frequency. Every algorithm of the engine is written once over a `Plan` — either the identity plan
 * (row path: one plan row per respondent, frequency 1) or a cell plan — and uses frequencies in its sums,
 * counts and the with-replacement variance formula. Both paths therefore compute the same formulas; they
 * differ only in the order of floating-point summation (≤ 1e-12 relative on the oracle, tested).
 *
 * Cost: building a cell plan is O(n) with typed arrays (no per-row objects or strings); raking and
 * variance on it are O(cells). A plan is refused (fallback to rows) when a numeric variable has too many
 * distinct values, when the number of cells is not much smaller than n, or when the weights are not
 * constant within cells (e.g. a calibration on a numeric covariate).
 */
import type { FactorColumn } from './data.js'
import { calibrationFactors, type Design } from './design.js'
import { getFactor } from './data.js'
import { InvalidInputError } from './errors.js'

/** Row path, cell path, or automatic choice (cells when they are ≤ ¼ of the rows and possible). */
export type PathOption = 'auto' | 'rows' | 'cells'

/**
 * The rows an algorithm iterates over: every respondent (row path) or cells of identical respondents with
 * frequencies (cell path). Sums use `freq`, per-respondent arrays are read at `rep`.
 */
export interface Plan {
  readonly path: 'rows' | 'cells'
  /** Number of respondents. */
  readonly n: number
  /** Number of plan rows (n on the row path). */
  readonly m: number
  /** Frequency of each plan row (null = 1 for every row). */
  readonly freq: Float64Array | null
  /** First respondent of each plan row (null = identity). */
  readonly rep: Int32Array | null
  /** Plan row of each respondent (null = identity). */
  readonly group: Int32Array | null
}

/** Dense codes 0..count−1, one per respondent. */
export interface KeyPart {
  readonly codes: Int32Array
  readonly count: number
}

/** The identity plan: one plan row per respondent, no frequencies (the row path). */
export function rowPlan(n: number): Plan {
  return { path: 'rows', n, m: n, freq: null, rep: null, group: null }
}

/** Factor → key part (missing gets its own code). */
export function factorKey(col: FactorColumn): KeyPart {
  const codes = new Int32Array(col.codes.length)
  for (let i = 0; i < codes.length; i++) codes[i] = (col.codes[i] as number) + 1
  return { codes, count: col.levels.length + 1 }
}

/**
 * Numeric values → key part of their distinct values (NaN included), or null when there are more than
 * `maxLevels` distinct values (the variable is then treated as continuous: row path).
 */
export function numericKey(values: Float64Array, maxLevels: number): KeyPart | null {
  const n = values.length
  const codes = new Int32Array(n)
  // fast path: small integers
  const OFF = 1024
  const table = new Int32Array(2 * OFF + 1).fill(-1)
  let next = 1 // 0 = NaN
  let smallInts = true
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    if (Number.isNaN(v)) {
      codes[i] = 0
      continue
    }
    const vi = v | 0 // −0 and 0 share a code: they are equal values
    if (vi !== v || vi < -OFF || vi > OFF) {
      smallInts = false
      break
    }
    const t = vi + OFF
    let c = table[t] as number
    if (c < 0) {
      c = next++
      table[t] = c
    }
    codes[i] = c
  }
  if (smallInts) return next - 1 > maxLevels ? null : { codes, count: next }
  const map = new Map<number, number>()
  next = 1
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    if (Number.isNaN(v)) {
      codes[i] = 0
      continue
    }
    let c = map.get(v)
    if (c === undefined) {
      c = next++
      if (next - 1 > maxLevels) return null
      map.set(v, c)
    }
    codes[i] = c
  }
  return { codes, count: next }
}

/** Cross-classifies two key parts into dense codes of the combinations that occur. */
export function combineKeys(a: KeyPart, b: KeyPart): KeyPart {
  const n = a.codes.length
  const out = new Int32Array(n)
  const bc = b.count
  const product = a.count * bc
  let next = 0
  if (product <= 2 * n + 65536) {
    const table = new Int32Array(product).fill(-1)
    const ac = a.codes
    const bcodes = b.codes
    for (let i = 0; i < n; i++) {
      const k = (ac[i] as number) * bc + (bcodes[i] as number)
      let c = table[k] as number
      if (c < 0) {
        c = next++
        table[k] = c
      }
      out[i] = c
    }
  } else {
    const map = new Map<number, number>()
    for (let i = 0; i < n; i++) {
      const k = (a.codes[i] as number) * bc + (b.codes[i] as number)
      let c = map.get(k)
      if (c === undefined) {
        c = next++
        map.set(k, c)
      }
      out[i] = c
    }
  }
  return { codes: out, count: next }
}

/**
 * Cross-classification of several key parts in one pass (mixed radix then a dense lookup table) when the
 * product of their counts is small, else pairwise. Null when more than `limit` combinations occur.
 */
export function crossKeys(parts: readonly KeyPart[], limit = Infinity): KeyPart | null {
  const first = parts[0]
  if (!first) throw new RangeError('crossKeys needs at least one part')
  const n = first.codes.length
  let product = 1
  for (const p of parts) product *= p.count
  if (product <= 4 * n + 65536) {
    // mixed radix, one tight pass per part, then compaction through a dense table
    const key = Int32Array.from(first.codes)
    for (const p of parts.slice(1)) {
      const c = p.codes
      const L = p.count
      for (let i = 0; i < n; i++) key[i] = (key[i] as number) * L + (c[i] as number)
    }
    const table = new Int32Array(product).fill(-1)
    let next = 0
    for (let i = 0; i < n; i++) {
      const kk = key[i] as number
      let c = table[kk] as number
      if (c < 0) {
        c = next++
        table[kk] = c
      }
      key[i] = c
    }
    const out = key
    return next > limit ? null : { codes: out, count: next }
  }
  let key = first
  for (const p of parts.slice(1)) {
    key = combineKeys(key, p)
    if (key.count > limit) return null
  }
  return key
}

/** True when `w` takes one value per code of `key` (one pass). */
function weightsConstantOn(w: Float64Array, key: KeyPart): boolean {
  const first = new Float64Array(key.count).fill(NaN)
  const codes = key.codes
  for (let i = 0; i < w.length; i++) {
    const c = codes[i] as number
    const f = first[c] as number
    if (Number.isNaN(f)) first[c] = w[i] as number
    else if (f !== w[i]) return false
  }
  return true
}

/** Plan whose rows are the distinct codes of `key`. */
export function planFromKey(key: KeyPart): Plan {
  const n = key.codes.length
  const m = key.count
  const freq = new Float64Array(m)
  const rep = new Int32Array(m).fill(-1)
  const codes = key.codes
  for (let i = 0; i < n; i++) {
    const g = codes[i] as number
    freq[g] = (freq[g] as number) + 1
    if ((rep[g] as number) < 0) rep[g] = i
  }
  return { path: 'cells', n, m, freq, rep, group: codes }
}

/** Values of a per-respondent array at the plan rows (the same array on the row path). */
export function gather(arr: Float64Array, plan: Plan): Float64Array {
  if (!plan.rep) return arr
  const out = new Float64Array(plan.m)
  const rep = plan.rep
  for (let r = 0; r < plan.m; r++) out[r] = arr[rep[r] as number] as number
  return out
}

/** Integer version of `gather`. */
export function gatherInt(arr: Int32Array, plan: Plan): Int32Array {
  if (!plan.rep) return arr
  const out = new Int32Array(plan.m)
  const rep = plan.rep
  for (let r = 0; r < plan.m; r++) out[r] = arr[rep[r] as number] as number
  return out
}

/** Per-respondent array from per-plan-row values (identity on the row path). */
export function expand(values: Float64Array, plan: Plan): Float64Array {
  if (!plan.group) return values
  const out = new Float64Array(plan.n)
  const g = plan.group
  for (let i = 0; i < plan.n; i++) out[i] = values[g[i] as number] as number
  return out
}

// ------------------------------------------------------------------------------------------ design key

/**
 * The calibration keys met with each base-weights array, by the factor columns they cross. A data copy made by
 * `withColumns` (one per analysed question) shares its columns, so every question of one design meets the same
 * key instead of crossing the calibration factors of every respondent again. Columns are never modified.
 */
const baseKeyCache = new WeakMap<Float64Array, Array<{ columns: FactorColumn[]; key: KeyPart }>>()
/** How many calibration keys are kept per base-weights array (the most recent). */
const KEYS_PER_BASE = 8
/** Weights already checked to be constant within the calibration cells of their design. */
const checkedWeights = new WeakMap<Float64Array, KeyPart>()
/** Whether a weights array holds a zero (one pass per array). */
const zeroWeights = new WeakMap<Float64Array, boolean>()

function baseWeightKey(d: Float64Array): KeyPart | null {
  const n = d.length
  const codes = new Int32Array(n)
  if (n === 0) return { codes, count: 1 }
  const first = d[0] as number
  let constant = true
  for (let i = 1; i < n; i++) {
    if (d[i] !== first) {
      constant = false
      break
    }
  }
  if (constant) return { codes, count: 1 }
  return numericKeyAny(d, Math.max(64, Math.floor(n / 8)))
}

function numericKeyAny(values: Float64Array, maxLevels: number): KeyPart | null {
  const map = new Map<number, number>()
  const codes = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    let c = map.get(v)
    if (c === undefined) {
      c = map.size
      if (c >= maxLevels) return null
      map.set(v, c)
    }
    codes[i] = c
  }
  return { codes, count: map.size }
}

/**
 * Key of the calibration cells of a design: base-weight value × cross-classification of every factor
 * used by its calibration steps. Null when the design is not categorical.
 */
function calibrationKey(design: Design, extraFactors: readonly string[]): KeyPart | null {
  const factors = calibrationFactors(design)
  if (!factors) return null
  const columns = [...new Set([...factors, ...extraFactors])].map((v) => getFactor(design.data, v))
  const known = baseKeyCache.get(design.baseWeights) ?? []
  const cached = known.find((k) => k.columns.length === columns.length && k.columns.every((c, i) => c === columns[i]))
  if (cached) return cached.key
  let key = baseWeightKey(design.baseWeights)
  if (!key) return null
  for (const column of columns) key = combineKeys(key, factorKey(column))
  baseKeyCache.set(design.baseWeights, [{ columns, key }, ...known].slice(0, KEYS_PER_BASE))
  return key
}

function hasZeroWeight(w: Float64Array): boolean {
  let zero = zeroWeights.get(w)
  if (zero === undefined) {
    zero = w.includes(0)
    zeroWeights.set(w, zero)
  }
  return zero
}

/** How `makePlan` chooses between rows and cells. */
export interface PlanOptions {
  path?: PathOption
  /** Auto mode uses cells only if (number of cells) ≤ maxCellRatio · n. Default 0.25. */
  maxCellRatio?: number
}

/**
 * The plan for analysing `design` with the given extra key parts (analysed variables, domains). On the
 * cell path, rows are grouped by calibration cell × base weight × (weight ≠ 0) × key parts, and the
 * current weights are checked to be constant within each group. Edge cases: `path: 'cells'` on a design
 * that cannot be aggregated throws `InvalidInputError`; `auto` silently falls back to rows.
 */
export function makePlan(
  design: Design,
  parts: readonly (KeyPart | null)[],
  options: PlanOptions = {},
  extraFactors: readonly string[] = [],
): Plan {
  const path = options.path ?? 'auto'
  const n = design.data.n
  if (path === 'rows') return rowPlan(n)
  const fail = (why: string): Plan => {
    if (path === 'cells')
      throw new InvalidInputError(
        `The cell path is not possible: ${why}.`,
        'Use path "rows" (or "auto").',
      )
    return rowPlan(n)
  }
  const ratio = options.maxCellRatio ?? 0.25
  const limit = path === 'cells' ? n : Math.floor(ratio * n)
  const base = calibrationKey(design, extraFactors)
  if (!base)
    return fail(
      'a calibration step depends on a numeric variable or base weights take too many values',
    )
  if (parts.some((p) => p === null)) {
    return fail('an analysed numeric variable takes too many distinct values')
  }
  const w = design.weights
  const hasZero = hasZeroWeight(w)
  const all: KeyPart[] = [base, ...(parts as KeyPart[])]
  if (hasZero) all.push({ codes: Int32Array.from(w, (v) => (v !== 0 ? 1 : 0)), count: 2 })
  const key = crossKeys(all, limit)
  if (!key || key.count > limit) return fail('the cells are not much fewer than the rows')
  const plan = planFromKey(key)
  // the weights must be a function of the cell: checked once per weights array on the calibration
  // cells (coarser than any plan of the design), else on this plan
  if (checkedWeights.get(w) !== base) {
    const g = plan.group as Int32Array
    const rep = plan.rep as Int32Array
    for (let i = 0; i < n; i++) {
      if (w[i] !== w[rep[g[i] as number] as number]) {
        return fail('the weights are not constant within calibration cells')
      }
    }
    if (parts.length === 0 && !hasZero) checkedWeights.set(w, base)
    else if (weightsConstantOn(w, base)) checkedWeights.set(w, base)
  }
  return plan
}
