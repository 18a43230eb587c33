import type { Kysely } from 'kysely'

/**
 * Each lexique entry says where it comes from: `origin` is `source` (the method's or an official source,
 * whose keys are in `sources`) or `alliance` (a list the platform proposes itself). Filled by
 * `syncVocabulary` at every start.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('vocabulary_terms').addColumn('origin', 'text', (c) => c.notNull().defaultTo('alliance')).execute()
  await db.schema.alterTable('vocabulary_terms').addColumn('sources', 'text', (c) => c.notNull().defaultTo('')).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('vocabulary_terms').dropColumn('sources').execute()
  await db.schema.alterTable('vocabulary_terms').dropColumn('origin').execute()
}
