/**
 * Organisations by last update (the directory's "recently active" order and the listening lists' joins). Written
 * first by the listening migration, against the rule that a feature's migrations touch only its own tables
 * (ADR 0006); it belongs to organisations. On a database the listening migration already ran, the index exists
 * and this migration leaves it as it is.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('organisations_updated_idx').ifNotExists().on('organisations').columns(['updated_at', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('organisations_updated_idx').ifExists().execute()
}
