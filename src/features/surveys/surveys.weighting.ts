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
import { AppError, type FieldProblem } from '../../core/errors.js'
import {
  AbsentCategoryError,
  calibrate,
  CalibrationFailedError,
  CategoryNotInPopulationError,
  createDesign,
  factorFromCodes,
  InconsistentMarginTotalsError,
  jointMargin,
  kish,
  rake,
  RakingNotConvergedError,
  StatsError,
  summarizeWeights,
  surveyData,
  TrimmingFailedError,
  trimWeights,
  type Column,
  type Design,
  type PopulationMargin,
} from '../../stats/index.js'
import { profileQuestion, slotLayout, type Definition, type ProfileRole, type Question } from './surveys.definition.js'
import { slotCodes, type Snapshot } from './surveys.snapshot.js'

/** Whether margin values are population counts or shares of the base. */
export type MarginUnit = 'totals' | 'shares'

/** One margin: one profile variable, or two crossed (e.g. sex × age), with a value per category. */
export interface MarginSetting {
  roles: ProfileRole[]
  cells: Array<{ codes: string[]; value: number }>
}

/** What the analyst chose; stored with each weighting version. */
export interface WeightingSettings {
  preset: 'population' | 'mayors' | 'custom'
  unit: MarginUnit
  /** Population the weights add up to (shares are scaled to it; totals give it). */
  base: number
  /** What the base counts, e.g. « Français de 18 ans et plus ». */
  baseLabel: string
  margins: MarginSetting[]
  /** Bounds on the weight ratios g = w / w₀ (bounded raking calibration), or null. */
  bounds: [number, number] | null
  /** Trimming limits as multiples of the mean weight, or null. */
  trim: [number, number] | null
  /** Where the margins come from (shown in the methodology box). */
  source: string
}

/** French names of the profile roles, used in messages and tables (domain words stay French). */
export const ROLE_NAMES: Record<ProfileRole, string> = {
  sex: 'Sexe',
  age: 'Âge',
  region: 'Région',
  size: 'Taille de commune',
  occupation: 'Profession',
  world: 'Monde',
  territory: 'Territoire',
}

/** The key of a margin (its roles joined by '*'), used in form field names. */
export function marginKey(roles: readonly string[]): string {
  return roles.join('*')
}

/** The form field of a margin cell, e.g. `m:sex*age:f*a18_24`. */
export function cellField(roles: readonly string[], codes: readonly string[]): string {
  return `m:${marginKey(roles)}:${codes.join('*')}`
}

/** The form field (and anchor) of a whole margin. */
export function marginField(roles: readonly string[]): string {
  return `margin:${marginKey(roles)}`
}

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
      if (used.has(role)) problems.push({ field: marginField(m.roles), message: 'surveys.weighting.error.roleTwice', params: { variable: ROLE_NAMES[role] } })
      used.add(role)
      if (!profileQuestion(def, role)) problems.push({ field: marginField(m.roles), message: 'surveys.weighting.error.noQuestion', params: { variable: ROLE_NAMES[role] } })
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

/** Splits an engine variable/category ("sex:age", "f:a18_24") back into roles and codes. */
function splitEngine(value: string | undefined): string[] {
  return value ? value.split(':') : []
}

/** Names a model-matrix column ("regionr94", "sexh:agea25_34") as "Région = Corse". */
function describeColumn(def: Definition, column: string): string {
  const parts = column.split(':')
  const found: Array<{ role: ProfileRole; code: string }> = []
  for (const part of parts) {
    const role = (Object.keys(ROLE_NAMES) as ProfileRole[]).find((r) => part.startsWith(r) && profileQuestion(def, r)?.options.some((o) => o.code === part.slice(r.length)))
    if (!role) return column
    found.push({ role, code: part.slice(role.length) })
  }
  return found.map((f) => `${ROLE_NAMES[f.role]} = ${labelOf(profileQuestion(def, f.role) as Question, f.code)}`).join(' × ')
}

/** Translates an engine error into field problems naming the margin and category, with what to do. */
function explain(def: Definition, error: StatsError): FieldProblem[] {
  const roles = splitEngine(error.variable) as ProfileRole[]
  const codes = splitEngine(error.category)
  const variable = roles.map((r) => ROLE_NAMES[r] ?? r).join(' × ')
  const category = codes.map((c, i) => (roles[i] && profileQuestion(def, roles[i]) ? labelOf(profileQuestion(def, roles[i]) as Question, c) : c)).join(' × ')
  if (error instanceof AbsentCategoryError) {
    return [{ field: cellField(roles, codes), message: 'surveys.weighting.error.absent', params: { variable, category } }]
  }
  if (error instanceof CategoryNotInPopulationError) {
    return [{ field: cellField(roles, codes), message: 'surveys.weighting.error.notInPopulation', params: { variable, category, count: Number(error.details.sampleCount ?? 0) } }]
  }
  if (error instanceof InconsistentMarginTotalsError) {
    const refRoles = splitEngine(String(error.details.referenceVariable ?? '')) as ProfileRole[]
    return [
      {
        field: marginField(roles),
        message: 'surveys.weighting.error.totals',
        params: {
          variable,
          total: Math.round(Number(error.details.total)),
          reference: Math.round(Number(error.details.reference)),
          referenceVariable: refRoles.map((r) => ROLE_NAMES[r] ?? r).join(' × '),
        },
      },
    ]
  }
  if (error instanceof CalibrationFailedError) {
    const worst = error.details.worst as { column: string } | null
    return [{ field: 'bounds_low', message: 'surveys.weighting.error.bounds', params: { constraint: worst ? describeColumn(def, worst.column) : '—' } }]
  }
  if (error instanceof RakingNotConvergedError) {
    return [{ field: roles.length > 0 ? marginField(roles) : 'structure', message: 'surveys.weighting.error.notConverged', params: { variable: variable || '—', category: category || '—' } }]
  }
  if (error instanceof TrimmingFailedError) return [{ field: 'trim_low', message: 'surveys.weighting.error.trim' }]
  return [{ field: 'structure', message: 'surveys.weighting.error.other', params: { detail: error.message } }]
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
