import type { Kysely } from 'kysely'

/**
 * A fund's SCDL export (issue 16, figures: 10 000 signed grants) reads its grants in the file's order, oldest
 * agreement first and then by reference, straight from this index instead of sorting them; the fund's pages that
 * filter on the fund and status use its first columns as they used the index it replaces.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('mobilisation_grants_fund_signed_idx').on('mobilisation_grants').columns(['fund_id', 'status', 'signed_on', 'reference']).execute()
  await db.schema.dropIndex('mobilisation_grants_fund_idx').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('mobilisation_grants_fund_idx').on('mobilisation_grants').columns(['fund_id', 'status', 'signed_on']).execute()
  await db.schema.dropIndex('mobilisation_grants_fund_signed_idx').execute()
}
