/**
 * Weighting (redressement) with the statistics engine: margins on profile variables (population totals or
 * shares of a base), raking (`rake`) or bounded raking calibration (`calibrate`, calfun 'raking'), optional
 * trimming (`trimWeights`), and the diagnostics an analyst checks before publishing: convergence trace,
 * weight distribution, Kish's design effect and effective sample size, sample vs population shares.
 *
 * Every engine failure becomes an `ALLIANCE_ERR_WEIGHTING_FAILED` error whose field problems name the margin
 * and category concerned and say what to do (regroup the category, give every margin the same total, widen
 * the bounds…), attached to the input of that category.
 */
import { AppError, type FieldProblem } from '../../../core/errors.js'
import {
  calibrate,
  createDesign,
  factorFromCodes,
  jointMargin,
  kish,
  rake,
  StatsError,
  summarizeWeights,
  surveyData,
  trimWeights,
  type Column,
  type Design,
  type PopulationMargin,
} from '../../../stats/index.js'
import { slotCodes, type Snapshot } from '../analysis/snapshot.js'
import { profileQuestion, slotLayout, type Definition, type ProfileRole, type Question } from '../surveys.definition.js'
import { explain } from './diagnosis.js'
import { cellField, marginField, marginKey, type WeightingSettings } from './margins.js'

/** One category of a margin: population, raw and weighted shares of the sample. */
export interface MarginCellSummary {
  codes: string[]
  labels: string[]
  /** Population share of the cell (0..1). */
  population: number
  sampleN: number
  /** Unweighted and weighted shares of the respondents (0..1). */
  sample: number
  weighted: number
}

/** The diagnostics shown on the weighting page and stored with the version. */
export interface WeightingSummary {
  method: 'rake' | 'calibrate'
  n: number
  excluded: number
  excludedRoles: ProfileRole[]
  base: number
  converged: boolean
  iterations: number
  /** Per-sweep convergence trace of raking (largest change of a cell total), or calibration misfit. */
  trace: number[]
  maxAbsMarginError: number
  weights: { min: number; q1: number; median: number; q3: number; max: number; mean: number; gMin: number; gMax: number; cv: number }
  nEff: number
  deff: number
  /** Distribution of w / mean weight. */
  histogram: Array<{ from: number; to: number; count: number }>
  trimmed: { lower: number; upper: number } | null
  margins: Array<{ roles: ProfileRole[]; cells: MarginCellSummary[] }>
  warnings: string[]
}

/** A weighted (or unweighted) design of a campaign's snapshot, ready for the estimates. */
export interface WeightedDesign {
  design: Design
  /** Snapshot rows in the design (null: all of them). */
  rows: Int32Array | null
  /** Profile roles the weights are calibrated on. */
  calibrated: ProfileRole[]
  summary: WeightingSummary | null
}

const HISTOGRAM_EDGES = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5, Infinity]

function fail(fields: FieldProblem[]): never {
  throw new AppError('ALLIANCE_ERR_WEIGHTING_FAILED', 'surveys.weighting.failed', { fields })
}

function labelOf(q: Question, code: string): string {
  return q.options.find((o) => o.code === code)?.label ?? code
}

/** The unweighted design of a campaign (every weight 1: the base is the number of respondents). */
export function unweightedDesign(snapshot: Snapshot): WeightedDesign {
  const data = surveyData({ __all: factorFromCodes(new Int32Array(snapshot.n), ['all'], '__all') })
  return { design: createDesign(data, 1), rows: null, calibrated: [], summary: null }
}

/** Checks settings against the questionnaire before touching the engine (roles exist, codes exist). */
export function checkSettings(def: Definition, settings: WeightingSettings): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!(settings.base > 0) && settings.unit === 'shares') problems.push({ field: 'base', message: 'surveys.weighting.error.base' })
  if (settings.margins.length === 0) problems.push({ field: 'structure', message: 'surveys.weighting.error.noMargin' })
  const used = new Set<ProfileRole>()
  for (const m of settings.margins) {
    if (m.roles.length > 2) problems.push({ field: marginField(m.roles), message: 'surveys.weighting.error.tooManyCrossed' })
    for (const role of m.roles) {
      if (used.has(role)) problems.push({ field: marginField(m.roles), message: 'surveys.weighting.error.roleTwice', params: { roles: marginKey([role]) } })
      used.add(role)
      if (!profileQuestion(def, role)) problems.push({ field: marginField(m.roles), message: 'surveys.weighting.error.noQuestion', params: { roles: marginKey([role]) } })
    }
    for (const c of m.cells) {
      if (!(c.value >= 0) || !Number.isFinite(c.value)) problems.push({ field: cellField(m.roles, c.codes), message: 'surveys.weighting.error.value' })
    }
  }
  if (settings.bounds && !(settings.bounds[0] < 1 && settings.bounds[1] > 1 && settings.bounds[0] >= 0)) {
    problems.push({ field: 'bounds_low', message: 'surveys.weighting.error.boundsRange' })
  }
  if (settings.trim && !(settings.trim[0] < 1 && settings.trim[1] > 1 && settings.trim[0] >= 0)) {
    problems.push({ field: 'trim_low', message: 'surveys.weighting.error.trimRange' })
  }
  return problems
}

/**
 * Computes the weights of a campaign's respondents. Respondents without an answer to a margin variable are
 * left out of the weighted analysis (counted in `excluded`). Throws `ALLIANCE_ERR_WEIGHTING_FAILED` with
 * field problems on any engine error, and when nobody is left to weight.
 */
export function computeWeighting(snapshot: Snapshot, def: Definition, settings: WeightingSettings): WeightedDesign {
  const preliminary = checkSettings(def, settings)
  if (preliminary.length > 0) fail(preliminary)
  const layout = slotLayout(def)
  const roles = settings.margins.flatMap((m) => m.roles)
  const questions = new Map(roles.map((r) => [r, profileQuestion(def, r) as Question]))
  const full = new Map<ProfileRole, Int32Array>()
  for (const role of roles) {
    const q = questions.get(role) as Question
    full.set(role, slotCodes(snapshot, layout.byKey.get(q.key)?.first ?? 0, null))
  }
  // respondents missing a margin variable are left out
  const keep: number[] = []
  const excludedRoles = new Set<ProfileRole>()
  for (let i = 0; i < snapshot.n; i++) {
    let ok = true
    for (const role of roles) {
      if (((full.get(role) as Int32Array)[i] as number) < 0) {
        ok = false
        excludedRoles.add(role)
      }
    }
    if (ok) keep.push(i)
  }
  const n = keep.length
  if (n === 0) fail([{ field: 'structure', message: 'surveys.weighting.error.noRespondents' }])
  const rows = n === snapshot.n ? null : Int32Array.from(keep)
  const columns: Record<string, Column> = {}
  for (const role of roles) {
    const codes = full.get(role) as Int32Array
    const q = questions.get(role) as Question
    columns[role] = factorFromCodes(rows ? Int32Array.from(rows, (i) => codes[i] as number) : codes, q.options.map((o) => o.code), role)
  }
  const margins: PopulationMargin[] = settings.margins.map((m) => jointMargin(m.roles, m.cells.map((c) => ({ levels: c.codes, total: c.value }))))
  const base = settings.unit === 'shares' ? settings.base : settings.margins[0]?.cells.reduce((a, c) => a + c.value, 0) ?? 0
  const data = surveyData(columns)
  const start = createDesign(data, base / n)
  let design: Design
  let method: WeightingSummary['method'] = 'rake'
  let converged = true
  let iterations = 0
  let trace: number[] = []
  let maxErr = 0
  const warnings: string[] = []
  let trimmed: WeightingSummary['trimmed'] = null
  try {
    if (settings.bounds) {
      method = 'calibrate'
      const terms = settings.margins.flatMap((m) => (m.roles.length === 2 ? [m.roles[0] as string, m.roles[1] as string, m.roles.join(':')] : [...m.roles]))
      const result = calibrate(start, terms, margins, {
        calfun: 'raking',
        bounds: settings.bounds,
        maxit: 100,
        ...(settings.unit === 'shares' ? { base } : {}),
      })
      design = result.design
      converged = result.converged
      iterations = result.iterations
      trace = [result.maxRelativeMisfit]
      maxErr = result.maxRelativeMisfit
      for (const w of result.warnings) warnings.push(w.message)
    } else {
      const result = rake(start, margins, {
        maxit: 100,
        epsilon: 1e-10,
        onNonConvergence: 'error',
        ...(settings.unit === 'shares' ? { base } : {}),
      })
      design = result.design
      converged = result.converged
      iterations = result.sweeps
      trace = [...result.deltas]
      maxErr = result.maxAbsMarginError
      for (const w of result.warnings) warnings.push(w.message)
    }
    if (settings.trim) {
      let sum = 0
      for (const w of design.weights) sum += w
      const mean = sum / n
      const result = trimWeights(design, { lower: settings.trim[0] * mean, upper: settings.trim[1] * mean, strict: true })
      design = result.design
      trimmed = { lower: result.nTrimmedLower, upper: result.nTrimmedUpper }
    }
  } catch (error) {
    if (error instanceof StatsError) fail(explain(def, error))
    throw error
  }
  const summary = summarise(def, settings, design, {
    method,
    n,
    excluded: snapshot.n - n,
    excludedRoles: [...excludedRoles],
    base,
    converged,
    iterations,
    trace,
    maxAbsMarginError: maxErr,
    trimmed,
    warnings,
  })
  return { design, rows, calibrated: roles, summary }
}

function summarise(
  def: Definition,
  settings: WeightingSettings,
  design: Design,
  facts: Omit<WeightingSummary, 'weights' | 'nEff' | 'deff' | 'histogram' | 'margins'>,
): WeightingSummary {
  const w = design.weights
  const stats = summarizeWeights(w, design.baseWeights)
  const k = kish(w)
  const mean = stats.mean
  const histogram = HISTOGRAM_EDGES.slice(0, -1).map((from, i) => ({ from, to: HISTOGRAM_EDGES[i + 1] as number, count: 0 }))
  for (let i = 0; i < w.length; i++) {
    const r = (w[i] as number) / mean
    const bin = histogram.findIndex((b) => r >= b.from && r < b.to)
    if (bin >= 0) (histogram[bin] as { count: number }).count++
  }
  let total = 0
  for (let i = 0; i < w.length; i++) total += w[i] as number
  const margins = settings.margins.map((m) => {
    const popTotal = m.cells.reduce((a, c) => a + c.value, 0)
    const factors = m.roles.map((r) => design.data.columns[r] as { codes: Int32Array; levels: readonly string[] })
    // one pass: weighted and unweighted counts of every cell of the (crossed) margin
    const sizes = factors.map((f) => f.levels.length)
    const nCells = sizes.reduce((a, b) => a * b, 1)
    const counts = new Float64Array(nCells)
    const sums = new Float64Array(nCells)
    for (let i = 0; i < w.length; i++) {
      let cell = 0
      let mult = 1
      for (let j = 0; j < factors.length; j++) {
        cell += ((factors[j] as { codes: Int32Array }).codes[i] as number) * mult
        mult *= sizes[j] as number
      }
      counts[cell] = (counts[cell] as number) + 1
      sums[cell] = (sums[cell] as number) + (w[i] as number)
    }
    const cells = m.cells.map((c) => {
      let cell = 0
      let mult = 1
      c.codes.forEach((code, j) => {
        cell += (factors[j] as { levels: readonly string[] }).levels.indexOf(code) * mult
        mult *= sizes[j] as number
      })
      const count = counts[cell] ?? 0
      const weighted = sums[cell] ?? 0
      return {
        codes: c.codes,
        labels: c.codes.map((code, j) => labelOf(profileQuestion(def, m.roles[j] as ProfileRole) as Question, code)),
        population: popTotal > 0 ? c.value / popTotal : 0,
        sampleN: count,
        sample: count / w.length,
        weighted: total > 0 ? weighted / total : 0,
      }
    })
    return { roles: m.roles, cells }
  })
  return {
    ...facts,
    weights: { min: stats.min, q1: stats.q1, median: stats.median, q3: stats.q3, max: stats.max, mean, gMin: stats.gMin, gMax: stats.gMax, cv: stats.cv },
    nEff: k.nEff,
    deff: k.deff,
    histogram,
    margins,
  }
}
