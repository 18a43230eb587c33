/**
 * The weighting form, without JavaScript: the analyst groups profile variables into margins (variables with
 * the same margin number are crossed, e.g. sex × age), picks totals or shares, and types one value per
 * category (`m:<roles>:<codes>` fields). "Mettre à jour le tableau" re-renders the inputs for a new
 * structure; "Redresser" applies. Presets fill the same form.
 */
import type { Kysely } from 'kysely'
import type { FieldProblem } from '../../../core/errors.js'
import type { FormValues } from '../../../core/views/forms.js'
import type { Database } from '../../../database.js'
import { parseLocaleNumber } from '../respond/answers.js'
import { PROFILE_ROLES, profileQuestion, type Definition, type ProfileRole } from '../surveys.definition.js'
import { cellField, type MarginSetting, type WeightingSettings } from './margins.js'
import { mayorsBySizeAndRegion, populationMissingFigures, populationPresetMargins, populationSourceText, POPULATION_BASE, POPULATION_BASE_LABEL, type MissingFigure, type PresetKey } from './presets.js'
import type { MessageKey } from '../../../core/i18n/index.js'

/** Most margins a weighting may have. */
export const MAX_MARGINS = 4
/** Longest description of the margins' source (a preset's citations of its tables). */
export const SOURCE_MAX = 2000

/** The margins (groups of crossed roles) chosen in the form, in margin-number order. */
export function structureOf(def: Definition, values: FormValues): ProfileRole[][] {
  const groups = new Map<number, ProfileRole[]>()
  for (const role of PROFILE_ROLES) {
    if (!profileQuestion(def, role)) continue
    const raw = values[`group_${role}`]
    const n = Number(typeof raw === 'string' ? raw : '')
    if (!Number.isInteger(n) || n < 1 || n > MAX_MARGINS) continue
    groups.set(n, [...(groups.get(n) ?? []), role])
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, roles]) => roles)
}

/** Every category combination of a margin (first role varying slowest). */
export function marginCells(def: Definition, roles: ProfileRole[]): string[][] {
  let cells: string[][] = [[]]
  for (const role of roles) {
    const codes = profileQuestion(def, role)?.options.map((o) => o.code) ?? []
    cells = cells.flatMap((prefix) => codes.map((c) => [...prefix, c]))
  }
  return cells
}

function text(values: FormValues, name: string): string {
  const v = values[name]
  return typeof v === 'string' ? v.trim() : ''
}

/**
 * Reads the weighting form. Empty category values count as 0 (the engine then says which category has
 * respondents but no population). Returns the settings and the problems of the form itself (numbers,
 * bounds, labels); the engine's problems come when applying.
 */
export function readWeightingForm(def: Definition, values: FormValues): { settings: WeightingSettings; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const structure = structureOf(def, values)
  if (structure.length === 0) problems.push({ field: 'structure', message: 'surveys.weighting.error.noMargin' })
  if (structure.some((roles) => roles.length > 2)) problems.push({ field: 'structure', message: 'surveys.weighting.error.tooManyCrossed' })
  const unit = text(values, 'unit') === 'shares' ? 'shares' : 'totals'
  const margins: MarginSetting[] = structure.map((roles) => ({
    roles,
    cells: marginCells(def, roles).map((codes) => {
      const field = cellField(roles, codes)
      const raw = text(values, field)
      const value = raw === '' ? 0 : parseLocaleNumber(raw)
      if (!Number.isFinite(value) || value < 0) problems.push({ field, message: 'surveys.weighting.error.value' })
      return { codes, value: Number.isFinite(value) ? value : 0 }
    }),
  }))
  const baseText = text(values, 'base')
  let base = baseText === '' ? NaN : parseLocaleNumber(baseText)
  if (unit === 'shares' && !(base > 0)) problems.push({ field: 'base', message: 'surveys.weighting.error.base' })
  if (unit === 'totals') base = margins[0]?.cells.reduce((a, c) => a + c.value, 0) ?? 0
  const baseLabel = text(values, 'base_label')
  if (baseLabel === '') problems.push({ field: 'base_label', message: 'surveys.weighting.error.baseLabel' })
  if (baseLabel.length > 200) problems.push({ field: 'base_label', message: 'form.error.maxLength', params: { max: 200 } })
  const source = text(values, 'source')
  if (source.length > SOURCE_MAX) problems.push({ field: 'source', message: 'form.error.maxLength', params: { max: SOURCE_MAX } })
  const pair = (low: string, high: string, message: MessageKey): [number, number] | null => {
    const a = text(values, low)
    const b = text(values, high)
    if (a === '' && b === '') return null
    const lo = parseLocaleNumber(a)
    const hi = parseLocaleNumber(b)
    if (!(lo >= 0 && lo < 1 && hi > 1 && Number.isFinite(hi))) {
      problems.push({ field: low, message })
      return null
    }
    return [lo, hi]
  }
  const bounds = pair('bounds_low', 'bounds_high', 'surveys.weighting.error.boundsRange')
  const trim = pair('trim_low', 'trim_high', 'surveys.weighting.error.trimRange')
  const preset = text(values, 'preset')
  return {
    settings: {
      preset: preset === 'population' || preset === 'mayors' ? preset : 'custom',
      unit,
      base: Number.isFinite(base) ? base : 0,
      baseLabel,
      margins,
      bounds,
      trim,
      source,
    },
    problems,
  }
}

/** The form values that show `settings` (numbers written plainly so they read back exactly). */
export function valuesOfSettings(settings: WeightingSettings): FormValues {
  const values: FormValues = {
    unit: settings.unit,
    base: settings.unit === 'shares' ? String(settings.base) : '',
    base_label: settings.baseLabel,
    source: settings.source,
    preset: settings.preset,
    bounds_low: settings.bounds ? String(settings.bounds[0]) : '',
    bounds_high: settings.bounds ? String(settings.bounds[1]) : '',
    trim_low: settings.trim ? String(settings.trim[0]) : '',
    trim_high: settings.trim ? String(settings.trim[1]) : '',
  }
  settings.margins.forEach((m, i) => {
    for (const role of m.roles) values[`group_${role}`] = String(i + 1)
    for (const c of m.cells) values[cellField(m.roles, c.codes)] = String(c.value)
  })
  return values
}

/** A preset's settings for a questionnaire, or why it does not fit. */
export interface PresetOutcome {
  settings: WeightingSettings | null
  /** Why the preset does not fit this questionnaire (a missing profile question or category). */
  problem: MessageKey | null
  /** Categories the preset's sources give no figure for (left empty, said on the page). */
  missing: MissingFigure[]
}

/**
 * The settings of a preset for this questionnaire: `population` (INSEE margins, each in its source's numbers,
 * rescaled to the 18-or-over base) or `mayors` (computed from the loaded geography). Unavailable when the
 * questionnaire lacks a profile question or a category the preset names.
 */
export async function presetSettings(db: Kysely<Database>, def: Definition, key: PresetKey): Promise<PresetOutcome> {
  const margins: MarginSetting[] =
    key === 'population'
      ? populationPresetMargins()
      : [{ roles: ['region', 'size'], cells: (await mayorsBySizeAndRegion(db)).map((c) => ({ codes: [c.region, c.size], value: c.total })) }]
  for (const m of margins) {
    for (const [j, role] of m.roles.entries()) {
      const q = profileQuestion(def, role)
      if (!q) return { settings: null, problem: 'surveys.preset.missingRole', missing: [] }
      const codes = new Set(q.options.map((o) => o.code))
      if (m.cells.some((c) => !codes.has(c.codes[j] as string))) return { settings: null, problem: 'surveys.preset.missingCategory', missing: [] }
    }
  }
  // every category of the questionnaire gets a value (0 when the preset has none)
  const complete = margins.map((m) => ({
    roles: m.roles,
    cells: marginCells(def, m.roles).map((codes) => ({ codes, value: m.cells.find((c) => c.codes.join('*') === codes.join('*'))?.value ?? 0 })),
  }))
  const total = complete[0]?.cells.reduce((a, c) => a + c.value, 0) ?? 0
  const population = key === 'population'
  return {
    settings: {
      preset: key,
      unit: population ? 'shares' : 'totals',
      base: population ? POPULATION_BASE : total,
      baseLabel: population ? POPULATION_BASE_LABEL : 'maires (une commune, un maire)',
      margins: complete,
      bounds: null,
      trim: null,
      source: population
        ? populationSourceText()
        : 'Communes actuelles de la géographie officielle chargée (une commune, un maire), par taille de commune (population légale) et région.',
    },
    problem: null,
    missing: population ? populationMissingFigures() : [],
  }
}
