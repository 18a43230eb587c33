import type { Kysely } from 'kysely'

/**
 * People (users), organisations (actors), who belongs to which organisation, invitations, sessions.
 * Organisations and accounts are created together because each references the other
 * (an organisation records who created it; a membership joins both).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('is_platform_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('world', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('siren', 'text')
    .addColumn('siret', 'text', (c) => c.unique())
    .addColumn('rna', 'text', (c) => c.unique())
    .addColumn('seat_commune_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('size_band', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('organisations_seat_idx').on('organisations').column('seat_commune_id').execute()
  await db.schema.createIndex('organisations_world_idx').on('organisations').columns(['world', 'search_name']).execute()
  await db.schema.createIndex('organisations_search_idx').on('organisations').column('search_name').execute()
  await db.schema.createIndex('organisations_siren_idx').on('organisations').column('siren').execute()

  await db.schema
    .createTable('organisation_perimeters')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addPrimaryKeyConstraint('organisation_perimeters_pk', ['organisation_id', 'territory_id'])
    .execute()
  await db.schema
    .createIndex('organisation_perimeters_territory_idx')
    .on('organisation_perimeters')
    .columns(['territory_id', 'organisation_id'])
    .execute()

  await db.schema
    .createTable('organisation_sdgs')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('sdg', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('organisation_sdgs_pk', ['organisation_id', 'sdg'])
    .execute()
  await db.schema
    .createIndex('organisation_sdgs_sdg_idx')
    .on('organisation_sdgs')
    .columns(['sdg', 'organisation_id'])
    .execute()

  await db.schema
    .createTable('memberships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'organisation_id'])
    .execute()
  await db.schema
    .createIndex('memberships_organisation_idx')
    .on('memberships')
    .columns(['organisation_id', 'role'])
    .execute()

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema
    .createIndex('invitations_organisation_idx')
    .on('invitations')
    .columns(['organisation_id', 'email'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'invitations',
    'memberships',
    'organisation_sdgs',
    'organisation_perimeters',
    'organisations',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
