import type { Kysely } from 'kysely'

/**
 * An alliance of 1 000 contributions (issue 12) no longer sorts or fetches them all for a page:
 * - its totals (overview, contributions page, API) sum per type and unit and per partner and unit from
 *   `alliance_contributions_totals_idx`, which holds every column they read;
 * - its list, newest first, reads `alliance_contributions_alliance_idx` in order now that the index ends with
 *   the list's tie-breaker (`id`), and stops at the page's last row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('alliance_contributions_totals_idx')
    .on('alliance_contributions')
    .columns(['alliance_id', 'organisation_id', 'unit', 'contribution_type', 'quantity_hundredths'])
    .execute()
  await db.schema.dropIndex('alliance_contributions_alliance_idx').execute()
  await db.schema.createIndex('alliance_contributions_alliance_idx').on('alliance_contributions').columns(['alliance_id', 'contributed_on', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('alliance_contributions_alliance_idx').execute()
  await db.schema.createIndex('alliance_contributions_alliance_idx').on('alliance_contributions').columns(['alliance_id', 'contributed_on']).execute()
  await db.schema.dropIndex('alliance_contributions_totals_idx').execute()
}
