import type { Kysely } from 'kysely'

/**
 * The directories of needs and resources (`/besoins`, `/ressources`, unfiltered) list the newest first
 * (`updated_at desc, id`): these indexes give a page by reading its rows in order, instead of sorting every
 * need or resource of the platform for each page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('needs_updated_idx').on('needs').columns(['updated_at desc', 'id']).execute()
  await db.schema.createIndex('resources_updated_idx').on('resources').columns(['updated_at desc', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('resources_updated_idx').execute()
  await db.schema.dropIndex('needs_updated_idx').execute()
}
