/**
 * A real but small geography for tests: the official data of a few départements (Paris and the petite
 * couronne, Val-d'Oise for the EPT that spans two départements, the Loire for Saint-Étienne, the Rhône, the Nord and
 * the Loire-Atlantique for the demo's actors elsewhere), loaded with the production loader.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../src/database.js'
import { loadGeography, readGeographySource, subsetSource, type GeographySource } from '../../src/features/territories/index.js'

export const TEST_DEPARTEMENTS = ['75', '92', '93', '94', '95', '42', '69', '59', '44']

let cached: GeographySource | undefined

export function testGeography(): GeographySource {
  cached ??= subsetSource(readGeographySource(), TEST_DEPARTEMENTS)
  return cached
}

export async function loadTestGeography(db: Kysely<Database>): Promise<void> {
  await loadGeography(db, testGeography())
}
