import type { Kysely } from 'kysely'

/** The common vocabulary (sémantique commune): every shared label with its definition, in French and English. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vocabulary_terms')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('label_fr', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('definition_fr', 'text', (c) => c.notNull())
    .addColumn('definition_en', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vocabulary_terms_pk', ['kind', 'code'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('vocabulary_terms').execute()
}
