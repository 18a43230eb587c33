/**
 * Weighting presets: ready-made margins an analyst starts from and edits.
 *
 * - `population`: French adults by sex × age, région and occupation group, scaled to 50,2 millions. There is
 *   no sourced INSEE table in the repository: the figures are the plausible margins of the statistics
 *   engine's reference case (test/fixtures/oracle/cases/n300/margins.json), copied here. They are labelled
 *   everywhere as INDICATIVE — editable, source to confirm (INSEE, estimations de population) before any
 *   publication. Metropolitan France only: the overseas régions get 0 (respondents there must be regrouped
 *   or given a total).
 * - `mayors`: one mayor per current commune, computed for real from the loaded geography: communes by
 *   commune-size band (legal population) × région.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'
import { communeSizeBand } from '../territories/index.js'

/** The weighting presets offered on the weighting page. */
export const PRESET_KEYS = ['population', 'mayors'] as const
/** A weighting preset. */
export type PresetKey = (typeof PRESET_KEYS)[number]

/** Base of the population preset: French adults (18+), as in the source study. */
export const POPULATION_BASE = 50_200_000

/** Sex × age of the reference case (women f, men h). */
export const POPULATION_SEX_AGE: ReadonlyArray<{ sex: string; age: string; total: number }> = [
  { sex: 'f', age: 'a18_24', total: 2569788 },
  { sex: 'h', age: 'a18_24', total: 2600812 },
  { sex: 'f', age: 'a25_34', total: 3751948 },
  { sex: 'h', age: 'a25_34', total: 3677652 },
  { sex: 'f', age: 'a35_44', total: 3993912 },
  { sex: 'h', age: 'a35_44', total: 3837288 },
  { sex: 'f', age: 'a45_54', total: 4189491 },
  { sex: 'h', age: 'a45_54', total: 3993109 },
  { sex: 'f', age: 'a55_64', total: 4124432 },
  { sex: 'h', age: 'a55_64', total: 3807168 },
  { sex: 'f', age: 'a65p', total: 7728390 },
  { sex: 'h', age: 'a65p', total: 5926010 },
]

/** Régions of the reference case (metropolitan France), by option code `r` + INSEE code. */
export const POPULATION_REGION: Readonly<Record<string, number>> = {
  r11: 9437600,
  r24: 1957800,
  r27: 2158600,
  r28: 2560200,
  r32: 4618400,
  r44: 4267000,
  r52: 2961800,
  r53: 2610400,
  r75: 4618400,
  r76: 4618400,
  r84: 6224800,
  r93: 3915600,
  r94: 251000,
  r01: 0,
  r02: 0,
  r03: 0,
  r04: 0,
  r06: 0,
}

/** Occupation groups of the reference case. */
export const POPULATION_OCCUPATION: Readonly<Record<string, number>> = {
  agr_art: 2610400,
  cadres: 5421600,
  prof_int: 7279000,
  employes: 8032000,
  ouvriers: 6074200,
  inactifs: 20782800,
}

/**
 * Number of current communes (one mayor each) by commune-size band × région, from the loaded geography.
 * Communes without a région or a population are left out (none in the official data).
 */
export async function mayorsBySizeAndRegion(db: Kysely<Database>): Promise<Array<{ size: string; region: string; total: number }>> {
  const rows = await db
    .selectFrom('territories')
    .select(['region_code', 'population'])
    .where('kind', '=', 'commune')
    .where('region_code', 'is not', null)
    .execute()
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

/** The margins of the population preset, in the shape of weighting settings. */
export function populationPresetMargins(): Array<{ roles: Array<'sex' | 'age' | 'region' | 'occupation'>; cells: Array<{ codes: string[]; value: number }> }> {
  return [
    { roles: ['sex', 'age'], cells: POPULATION_SEX_AGE.map((c) => ({ codes: [c.sex, c.age], value: c.total })) },
    { roles: ['region'], cells: Object.entries(POPULATION_REGION).map(([code, value]) => ({ codes: [code], value })) },
    { roles: ['occupation'], cells: Object.entries(POPULATION_OCCUPATION).map(([code, value]) => ({ codes: [code], value })) },
  ]
}
