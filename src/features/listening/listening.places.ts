/**
 * Territories as listening uses them: what a person types ("Vincennes", "94", "Val-de-Marne", "France")
 * resolved to one territory of any level (the approach of organisations' perimeter field: an id or code is
 * taken as is, a name must match exactly one territory, otherwise the form lists suggestions), and the levels
 * of a territory (the commune, EPCI, EPT, département and région it is or lies in) that matching compares.
 */
import type { Kysely } from 'kysely'
import type { FieldProblem } from '../../core/errors.js'
import { normaliseQuery, normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { findTerritoryById, searchTerritories, type Territory } from '../territories/index.js'
import { NATIONAL } from './listening.codes.js'

export interface Levels {
  commune: string | null
  epci: string | null
  ept: string | null
  departement: string | null
  region: string | null
}

export const NO_LEVELS: Levels = { commune: null, epci: null, ept: null, departement: null, region: null }

/** The copies of a need's territory levels, written with the need (ADR 0005). */
export function needLevelColumns(l: Levels) {
  return { terr_commune_id: l.commune, terr_epci_id: l.epci, terr_ept_id: l.ept, terr_departement_id: l.departement, terr_region_id: l.region }
}

/** The copies of the levels of a resource's organisation seat, written with the resource (ADR 0005). */
export function seatLevelColumns(l: Levels) {
  return { seat_commune_id: l.commune, seat_epci_id: l.epci, seat_ept_id: l.ept, seat_departement_id: l.departement, seat_region_id: l.region }
}

/**
 * The territory's levels: itself at its own level and, above, each containing territory of each level.
 * Edge cases: an EPCI spanning two départements has no département level; a commune of the Grand Paris has
 * both an EPT and the Métropole (an EPCI).
 */
export async function levelsOf(db: Kysely<Database>, territoryId: string): Promise<Levels> {
  const rows = await db
    .selectFrom('territory_closure')
    .innerJoin('territories', 'territories.id', 'territory_closure.ancestor_id')
    .select(['territories.id', 'territories.kind', 'territories.population'])
    .where('territory_closure.descendant_id', '=', territoryId)
    .orderBy('territories.population', 'asc')
    .orderBy('territories.id')
    .execute()
  const levels: Levels = { ...NO_LEVELS }
  for (const row of rows) if (levels[row.kind] === null) levels[row.kind] = row.id
  return levels
}

export interface PlaceResolution {
  id: string | null
  problem: FieldProblem | null
}

function isExact(t: Territory, query: string): boolean {
  const q = normaliseQuery(query)
  return normaliseText(t.name) === q || t.code.toLowerCase() === q || (t.postal_codes ?? '').split(' ').includes(q)
}

/**
 * Resolves the text of a territory field into one territory id (or `national` when allowed and the text says
 * "France"/"national"). Returns a field problem naming the text when nothing or several things match.
 */
export async function resolvePlace(db: Kysely<Database>, field: string, text: string, options: { allowNational: boolean }): Promise<PlaceResolution> {
  const entry = text.trim()
  const plain = normaliseText(entry)
  if (options.allowNational && (plain === 'france' || plain === 'national' || plain === 'nationale' || entry === NATIONAL)) return { id: NATIONAL, problem: null }
  if (/^(commune|epci|ept|departement|region):[0-9A-Za-z]{1,12}$/.test(entry)) {
    const found = await findTerritoryById(db, entry.replace(/:(.*)$/, (_, c: string) => ':' + c.toUpperCase()))
    if (found) return { id: found.id, problem: null }
  }
  const results = await searchTerritories(db, entry, { limit: 6 })
  const exact = results.filter((t) => isExact(t, entry))
  // "Paris" is both a commune and a département: the same place, take the larger level.
  const preferred = exact.length > 1 && new Set(exact.map((t) => t.name)).size === 1 ? exact.filter((t) => t.kind !== 'commune') : exact
  if (preferred.length === 1) return { id: (preferred[0] as Territory).id, problem: null }
  const suggestions = (exact.length > 1 ? exact : results).map((t) => `${t.name} (${t.kind}:${t.code})`).join(', ')
  return {
    id: null,
    problem: suggestions
      ? { field, message: 'listening.error.placeAmbiguous', params: { q: entry, suggestions } }
      : { field, message: 'listening.error.placeNotFound', params: { q: entry } },
  }
}

/** The text to show in a territory field for a stored id (`departement:94`, `national`). */
export function placeText(id: string): string {
  return id === NATIONAL ? 'France' : id
}
