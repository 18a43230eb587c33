/**
 * The reference data of every application database — the vocabulary and the test geography — for the tests
 * of `core/` that build their own database and application: `core/` never imports a feature, its tests go
 * through this helper (as `buildTestApp` does).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../src/database.js'
import { syncVocabulary } from '../../src/features/vocabulary/index.js'
import { loadTestGeography } from './geography.js'

export async function loadReferenceData(db: Kysely<Database>): Promise<void> {
  await syncVocabulary(db)
  await loadTestGeography(db)
}
