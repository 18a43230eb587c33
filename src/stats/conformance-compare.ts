/**
 * Compares a conformance result with an oracle `expected.json`, number by number, with the tolerances of
 * the oracle README (pure; used by the conformance test and `alliance stats conformance --check`):
 *
 * | quantity | rule (a = engine, b = oracle) |
 * |---|---|
 * | weights (`first20`, weights.csv) | |a−b| ≤ 1e-8·|b| |
 * | point estimates, totals, bases, weight-summary statistics | |a−b| ≤ 1e-9·max(1, |b|) |
 * | SEs, deff, Kish, vcov | |a−b| ≤ 1e-6·|b| (vcov: ≤ 1e-6·sqrt(b_ii·b_jj)) |
 * | CI bounds | |a−b| ≤ 1e-9·max(1, |b|) + 1e-6·(b_high − b_low) |
 * | test statistics, ndf, ddf | |a−b| ≤ 1e-6·|b| |
 * | p-values | |a−b| ≤ 1e-7 + 1e-4·b |
 * | rake `deltas` (a sweep's change) | |a−b| ≤ 1e-8·max(1, |b|) |
 * | integers (n, df, counts, domains; R's iteration counts where the engine follows R's path) | exact |
 * | null | engine NaN / null |
 *
 * svyciprop `likelihood` bounds use the README's 1e-3 relative. The diagnostics
 * `comparisons.rake_vs_cal_raking_weights_rel` / `check_diag_vs_svyby_se_rel` (tiny differences between
 * two convergence paths) are compared as "≤ 1e-8" bounds. Keys listed in `skip` are not compared (R-only
 * metadata, the bounded-raking iteration count of R's derivative quirk); the caller lists them explicitly.
 * `compareWeights` applies the weight rule to every row of the oracle's weights.csv.
 */

export interface Mismatch {
  path: string
  expected: unknown
  actual: unknown
  rule: string
}

/** Outcome of a comparison: how many numbers were compared, which were out of tolerance, what was skipped. */
export interface CompareResult {
  /** Number of leaves compared. */
  compared: number
  mismatches: Mismatch[]
  /** Paths present in the oracle but skipped by rule. */
  skipped: string[]
}

/** Paths not to compare (with documented reasons). */
export interface CompareOptions {
  /** Regular expressions of paths not compared (documented reasons in docs/stats.md). */
  skip: readonly RegExp[]
}

type Rule = { name: string; ok: (a: number, b: number) => boolean }

const rel =
  (tol: number): Rule['ok'] =>
  (a, b) =>
    Math.abs(a - b) <= tol * Math.abs(b)
const point: Rule = {
  name: 'point 1e-9·max(1,|b|)',
  ok: (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)),
}
const weight: Rule = { name: 'weight 1e-8·|b|', ok: rel(1e-8) }
const seRule: Rule = { name: 'se/deff 1e-6·|b|', ok: rel(1e-6) }
const statRule: Rule = { name: 'statistic 1e-6·|b|', ok: rel(1e-6) }
const pRule: Rule = {
  name: 'p-value 1e-7 + 1e-4·b',
  ok: (a, b) => Math.abs(a - b) <= 1e-7 + 1e-4 * Math.abs(b),
}
const exact: Rule = { name: 'exact', ok: (a, b) => a === b }
const bound1e8: Rule = { name: 'diagnostic ≤ 1e-8', ok: (a) => a <= 1e-8 }

const INTEGER_KEYS = new Set([
  'n',
  'n_nonzero',
  'df',
  'degf',
  'sweeps',
  'nr',
  'nc',
  'nu',
  'N',
  'ref_iterations',
  'n_at_lower',
  'n_at_upper',
  'negative_weights',
  'n_above_upper_after',
  'n_below_lower_after',
])
const SE_KEYS = new Set(['se', 'deff', 'kish_n_eff', 'kish_deff', 'se_if_independent'])
const STAT_KEYS = new Set([
  'statistic',
  'ndf',
  'ddf',
  'pearson_X2',
  'trace_delta',
  'trace_delta2',
  'F',
  'z',
  'delta_eigen',
])
const P_KEYS = new Set(['p_value', 'p_F', 'p_normal', 'p_t'])
const DESCRIPTIVE = new Set([
  'call',
  'note',
  'uncalibrated_note',
  'method',
  'generated_by',
  'design',
  'r_version',
  'survey_version',
  'case',
])
const CI_KEYS = new Set(['ci95_normal', 'ci95_t', 'ci_low', 'ci_high', 'ci_l', 'ci_u'])

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Compares `actual` with `expected` (both parsed JSON). */
export function compareWithExpected(
  actual: unknown,
  expected: unknown,
  options: CompareOptions,
): CompareResult {
  const res: CompareResult = { compared: 0, mismatches: [], skipped: [] }
  walk(actual, expected, [], res, options, expected)
  return res
}

function get(root: unknown, path: readonly string[]): unknown {
  let cur = root
  for (const p of path) {
    if (Array.isArray(cur)) cur = cur[Number(p)]
    else if (isObj(cur)) cur = cur[p]
    else return undefined
  }
  return cur
}

function walk(
  a: unknown,
  b: unknown,
  path: string[],
  res: CompareResult,
  opt: CompareOptions,
  root: unknown,
): void {
  const ps = path.join('.')
  if (opt.skip.some((r) => r.test(ps))) {
    res.skipped.push(ps)
    return
  }
  if (isObj(b)) {
    for (const k of Object.keys(b)) {
      const av = isObj(a) ? a[k] : undefined
      walk(av, b[k], [...path, k], res, opt, root)
    }
    return
  }
  if (Array.isArray(b)) {
    if (!Array.isArray(a) || a.length !== b.length) {
      // `warnings: []` vs engine warnings, or a list of levels
      if (path[path.length - 1] === 'warnings') {
        res.compared++
        const aEmpty = Array.isArray(a) ? a.length === 0 : a === null || a === undefined
        if (aEmpty !== (b.length === 0))
          res.mismatches.push({ path: ps, expected: b, actual: a, rule: 'warnings presence' })
        return
      }
      res.compared++
      res.mismatches.push({
        path: ps,
        expected: `array(${b.length})`,
        actual: Array.isArray(a) ? `array(${a.length})` : a,
        rule: 'array length',
      })
      return
    }
    b.forEach((bv, i) => { walk(a[i], bv, [...path, String(i)], res, opt, root) })
    return
  }
  res.compared++
  const key = path[path.length - 1] ?? ''
  if (key === 'warnings') {
    const aEmpty = a === null || a === undefined || (Array.isArray(a) && a.length === 0) || a === ''
    const bEmpty = b === null || b === ''
    if (aEmpty !== bEmpty)
      res.mismatches.push({ path: ps, expected: b, actual: a, rule: 'warnings presence' })
    return
  }
  if (b === null) {
    if (!(a === null || (typeof a === 'number' && Number.isNaN(a))))
      res.mismatches.push({ path: ps, expected: null, actual: a, rule: 'null ↔ NaN' })
    return
  }
  if (typeof b === 'string') {
    // R call strings, notes and metadata are descriptive; test method names, domains and statistics match
    const descriptive = DESCRIPTIVE.has(key) && !(key === 'method' && path.includes('svychisq'))
    if (!descriptive && a !== b)
      res.mismatches.push({ path: ps, expected: b, actual: a, rule: 'string' })
    return
  }
  if (typeof b === 'boolean') {
    if (a !== b) res.mismatches.push({ path: ps, expected: b, actual: a, rule: 'boolean' })
    return
  }
  if (typeof b !== 'number') return
  if (typeof a !== 'number' || Number.isNaN(a)) {
    res.mismatches.push({ path: ps, expected: b, actual: a, rule: 'missing number' })
    return
  }
  const rule = ruleFor(path, b, root)
  if (!rule.ok(a, b)) res.mismatches.push({ path: ps, expected: b, actual: a, rule: rule.name })
}

function ruleFor(path: readonly string[], b: number, root: unknown): Rule {
  const key = path[path.length - 1] as string
  const parent = path[path.length - 2] ?? ''
  const has = (k: string): boolean => path.includes(k)
  if (key === 'rake_vs_cal_raking_weights_rel' || key === 'check_diag_vs_svyby_se_rel')
    return bound1e8
  if (key === 'rake_vs_cal_raking_first_choice_se_rel')
    return {
      name: 'diagnostic 1e-3·|b| + 1e-9',
      ok: (a, bb) => Math.abs(a - bb) <= 1e-3 * Math.abs(bb) + 1e-9,
    }
  if (has('likelihood') && (key === 'ci_low' || key === 'ci_high')) {
    return {
      name: 'likelihood CI 1e-3·|b| (README: optional, R interpolates the profile)',
      ok: rel(1e-3),
    }
  }
  if (has('deltas'))
    return {
      name: 'delta 1e-8·max(1,|b|)',
      ok: (a, bb) => Math.abs(a - bb) <= 1e-8 * Math.max(1, Math.abs(bb)),
    }
  if (has('first20')) return weight
  if (has('vcov')) {
    // vcov[i][j]: tolerance 1e-6·sqrt(b_ii·b_jj)
    const i = Number(path[path.length - 2])
    const j = Number(key)
    const base = path.slice(0, -2)
    const bii = get(root, [...base, String(i), String(i)])
    const bjj = get(root, [...base, String(j), String(j)])
    if (typeof bii === 'number' && typeof bjj === 'number') {
      const tol = 1e-6 * Math.sqrt(Math.abs(bii * bjj))
      return { name: 'vcov 1e-6·sqrt(b_ii·b_jj)', ok: (a, bb) => Math.abs(a - bb) <= tol }
    }
    return seRule
  }
  if (INTEGER_KEYS.has(key) && Number.isInteger(b)) return exact
  if (has('counts') || has('missing')) return exact
  if (has('parameter') && key === 'df') return exact
  // CI bounds
  const ciIdx = path.findIndex((p) => CI_KEYS.has(p))
  if (ciIdx >= 0) {
    const ciKey = path[ciIdx] as string
    let width = NaN
    if (ciKey === 'ci_low' || ciKey === 'ci_high') {
      const container = path.slice(0, ciIdx)
      const lo = get(root, [...container, 'ci_low'])
      const hi = get(root, [...container, 'ci_high'])
      if (typeof lo === 'number' && typeof hi === 'number') width = hi - lo
    } else if (ciKey === 'ci_l' || ciKey === 'ci_u') {
      const container = path.slice(0, ciIdx)
      const rest = path.slice(ciIdx + 1)
      const lo = get(root, [...container, 'ci_l', ...rest])
      const hi = get(root, [...container, 'ci_u', ...rest])
      if (typeof lo === 'number' && typeof hi === 'number') width = hi - lo
    } else {
      // ci95_normal.{low,high}.<name> / ci95_t.{low,high}.<name>
      const container = path.slice(0, ciIdx + 1)
      const rest = path.slice(ciIdx + 2)
      const lo = get(root, [...container, 'low', ...rest])
      const hi = get(root, [...container, 'high', ...rest])
      if (typeof lo === 'number' && typeof hi === 'number') width = hi - lo
    }
    const w = Number.isFinite(width) ? Math.abs(width) : 0
    if (key === 'df') return exact
    return {
      name: 'CI 1e-9·max(1,|b|) + 1e-6·width',
      ok: (a, bb) => Math.abs(a - bb) <= 1e-9 * Math.max(1, Math.abs(bb)) + 1e-6 * w,
    }
  }
  if (P_KEYS.has(key)) return pRule
  if (STAT_KEYS.has(key) || has('delta_eigen')) return statRule
  if (SE_KEYS.has(key) || SE_KEYS.has(parent) || has('se')) return seRule
  return point
}

/**
 * Compares final weights with the oracle's weights.csv rows (`id` then one column per design), every cell
 * under the weight rule |a−b| ≤ 1e-8·|b|. A design column or a row missing on either side is a mismatch.
 */
export function compareWeights(
  actual: { ids: readonly string[]; designs: readonly string[]; columns: readonly Float64Array[] },
  expected: readonly Readonly<Record<string, string>>[],
): CompareResult {
  const res: CompareResult = { compared: 0, mismatches: [], skipped: [] }
  const row = new Map(actual.ids.map((id, i) => [id, i]))
  if (expected.length !== actual.ids.length)
    res.mismatches.push({
      path: 'weights.csv',
      expected: `${expected.length} rows`,
      actual: `${actual.ids.length} rows`,
      rule: 'row count',
    })
  for (const rec of expected) {
    const id = rec.id ?? ''
    const i = row.get(id)
    for (const [design, text] of Object.entries(rec)) {
      if (design === 'id') continue
      res.compared++
      const path = `weights.csv.${id}.${design}`
      const k = actual.designs.indexOf(design)
      const b = Number(text)
      const a = i === undefined || k < 0 ? undefined : (actual.columns[k] as Float64Array)[i]
      if (a === undefined) res.mismatches.push({ path, expected: b, actual: a, rule: 'missing' })
      else if (!weight.ok(a, b)) res.mismatches.push({ path, expected: b, actual: a, rule: weight.name })
    }
  }
  return res
}
