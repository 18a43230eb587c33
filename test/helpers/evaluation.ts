/**
 * Helpers for evaluation, valuation and practices tests: contributions written directly (as an import or the
 * demo would: the valuation summaries must see them through their triggers).
 */
import { newId, nowIso } from '../../src/core/db/values.js'
import type { TestApp } from './app.js'

type Db = TestApp['db']

/** Inserts a contribution of `organisationId` (an existing partner of the alliance) and returns its id. */
export async function addContributionForTest(db: Db, allianceId: string, organisationId: string, c: { type: string; unit: string; hundredths: number; day: string }): Promise<string> {
  const partner = await db.selectFrom('alliance_partners').select('id').where('alliance_id', '=', allianceId).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow()
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('alliance_contributions')
    .values({ id, alliance_id: allianceId, partner_id: partner.id, organisation_id: organisationId, contribution_type: c.type, unit: c.unit, quantity_hundredths: c.hundredths, contributed_on: c.day, description: 'Test', created_by: null, created_at: now, updated_by: null, updated_at: now })
    .execute()
  return id
}
