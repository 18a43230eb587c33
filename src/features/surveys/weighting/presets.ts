/**
 * Weighting presets: ready-made margins an analyst starts from and edits.
 *
 * - `population`: adults of France by sex × age band, région and socio-professional group, from three INSEE
 *   tables shipped as data files with their source (`presets/*.json`, `presets/README.md`): the table, its year
 *   and its address travel with the figures into the weighting's `source` (shown in every methodology box).
 *   Each margin keeps the source's own numbers; the engine rescales them to the base (the 18-or-over population
 *   of the sex × age table). A figure the sources do not give (Mayotte's population) is left empty and said so,
 *   never invented; the overseas régions that have one are weighted with it.
 * - `mayors`: one mayor per current commune, computed from the loaded geography: communes by commune-size band
 *   (legal population) × région.
 */
import { readFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import Type, { type Static } from 'typebox'
import Value from 'typebox/value'
import type { Database } from '../../../database.js'
import { communeSizeBand } from '../../territories/index.js'
import { PROFILE_ROLES, type ProfileRole } from '../surveys.definition.js'
import type { MarginSetting } from './margins.js'

/** The weighting presets offered on the weighting page. */
export const PRESET_KEYS = ['population', 'mayors'] as const
/** A weighting preset. */
export type PresetKey = (typeof PRESET_KEYS)[number]

const SourceSchema = Type.Object({
  publisher: Type.String(),
  table: Type.String(),
  year: Type.Integer(),
  url: Type.String({ pattern: '^https://' }),
  readFrom: Type.Optional(Type.String()),
  note: Type.String(),
})

/** The shape of a preset data file (checked when it is read). */
export const PresetFileSchema = Type.Object({
  title: Type.String(),
  roles: Type.Array(Type.Union(PROFILE_ROLES.map((r) => Type.Literal(r)))),
  unit: Type.String(),
  field: Type.String(),
  source: SourceSchema,
  total: Type.Integer({ minimum: 1 }),
  cells: Type.Array(
    Type.Object({
      codes: Type.Array(Type.String()),
      label: Type.Optional(Type.String()),
      value: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
      missing: Type.Optional(Type.String()),
    }),
  ),
})
/** A preset data file: one margin with its source. */
export type PresetFile = Static<typeof PresetFileSchema>

/** Reads and checks a preset data file shipped next to this module. */
function readPresetFile(name: string): PresetFile {
  const value: unknown = JSON.parse(readFileSync(new URL(`./presets/${name}`, import.meta.url), 'utf8'))
  if (!Value.Check(PresetFileSchema, value)) throw new Error(`Préréglage ${name} illisible : ${[...Value.Errors(PresetFileSchema, value)][0]?.message ?? ''}`)
  return value
}

/** The three INSEE margins of the population preset, read once. */
export const POPULATION_FILES: readonly PresetFile[] = ['sex-age.json', 'regions.json', 'occupations.json'].map(readPresetFile)

/** Base of the population preset: the 18-or-over population of the sex × age table. */
export const POPULATION_BASE: number = (POPULATION_FILES[0] as PresetFile).total

/** What the base of the population preset counts (stored with the weighting, shown with every result). */
export const POPULATION_BASE_LABEL = 'Population de 18 ans ou plus, France (INSEE, 1er janvier 2023)'

/** A category a source does not give, with the source's reason. */
export interface MissingFigure {
  roles: ProfileRole[]
  codes: string[]
  label: string
  reason: string
}

/** The margins of the population preset in the shape of weighting settings (missing figures are 0). */
export function populationPresetMargins(): MarginSetting[] {
  return POPULATION_FILES.map((file) => ({ roles: [...file.roles], cells: file.cells.map((c) => ({ codes: [...c.codes], value: c.value ?? 0 })) }))
}

/** The figures the population preset's sources do not give. */
export function populationMissingFigures(): MissingFigure[] {
  return POPULATION_FILES.flatMap((file) => file.cells.filter((c) => c.value === null).map((c) => ({ roles: [...file.roles], codes: [...c.codes], label: c.label ?? c.codes.join(' × '), reason: c.missing ?? '' })))
}

/** The citation of the population preset's sources, stored as the weighting's `source`. */
export function populationSourceText(): string {
  const parts = POPULATION_FILES.map((f) => `${f.title} : ${f.source.publisher}, ${f.source.table} (${f.source.year}), ${f.source.url}.`)
  const missing = populationMissingFigures().map((m) => `${m.label} : aucun chiffre dans la source (${m.reason})`)
  return [...parts, ...missing, 'Chaque marge est ramenée à la population de 18 ans ou plus de la première table.'].join(' ')
}

/**
 * Number of current communes (one mayor each) by commune-size band × région, from the loaded geography.
 * Communes without a région or a population are left out (none in the official data).
 */
export async function mayorsBySizeAndRegion(db: Kysely<Database>): Promise<Array<{ size: string; region: string; total: number }>> {
  const rows = await db.selectFrom('territories').select(['region_code', 'population']).where('kind', '=', 'commune').where('region_code', 'is not', null).execute()
  const counts = new Map<string, number>()
  for (const r of rows) {
    const band = communeSizeBand(r.population)
    if (band === null || r.region_code === null) continue
    const key = `${band}|r${r.region_code}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].map(([key, total]) => {
    const [size, region] = key.split('|') as [string, string]
    return { size, region, total }
  })
}
