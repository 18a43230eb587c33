import type { Kysely } from 'kysely'

/**
 * Organisations' identifiers (SIRET, RNA) stay "déclaré" until a platform admin verifies them
 * (`identifier_verifications` keeps the values verified); a second
 * organisation declaring an identifier already held opens a claim for review (`identifier_claims`) instead
 * of being refused, so that nobody can lock a real company out by registering its SIRET first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('identifier_verifications')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('siret', 'text')
    .addColumn('rna', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('identifier_claims')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('holder_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute()
  await db.schema.createIndex('identifier_claims_status_idx').on('identifier_claims').columns(['status', 'created_at']).execute()
  await db.schema.createIndex('identifier_claims_organisation_idx').on('identifier_claims').column('organisation_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('identifier_claims').execute()
  await db.schema.dropTable('identifier_verifications').execute()
}
