/**
 * A territory typed in a survey form (the questionnaire's places, a campaign's territory): a name, an INSEE
 * code or a postal code, empty for national. When several territories match and none exactly, the form asks to
 * choose among them (`territory_choice`).
 */
import type { Kysely } from 'kysely'
import type { FieldProblem } from '../../../core/errors.js'
import { TERRITORY_ID_PATTERN } from '../../../core/http/schemas.js'
import type { Database } from '../../../database.js'
import { findTerritoryById, searchTerritories, type Territory } from '../../territories/index.js'

/** What a typed territory resolved to: an id (null: national), candidates to choose from, or a problem. */
export interface TerritoryResolution {
  territoryId: string | null
  candidates: Territory[]
  problem: FieldProblem | null
}

const TERRITORY_ID = new RegExp(TERRITORY_ID_PATTERN)

/** Resolves a typed territory (see the module's JSDoc); `choice` is the id picked among candidates. */
export async function resolveTerritory(db: Kysely<Database>, text: string | undefined, choice: string | undefined, field = 'territory'): Promise<TerritoryResolution> {
  if (choice && TERRITORY_ID.test(choice)) {
    const picked = await findTerritoryById(db, choice)
    if (picked) return { territoryId: picked.id, candidates: [], problem: null }
  }
  const query = (text ?? '').trim()
  if (query === '') return { territoryId: null, candidates: [], problem: null }
  const results = await searchTerritories(db, query, { limit: 8 })
  const normalised = query.toLowerCase()
  const exact = results.filter((t) => t.name.toLowerCase() === normalised || t.code.toLowerCase() === normalised)
  if (exact.length === 1) return { territoryId: (exact[0] as Territory).id, candidates: [], problem: null }
  if (results.length === 1) return { territoryId: (results[0] as Territory).id, candidates: [], problem: null }
  if (results.length === 0) return { territoryId: null, candidates: [], problem: { field, message: 'surveys.error.territoryNotFound', params: { q: query } } }
  return { territoryId: null, candidates: exact.length > 1 ? exact : results, problem: { field, message: 'surveys.error.territoryAmbiguous', params: { q: query } } }
}
