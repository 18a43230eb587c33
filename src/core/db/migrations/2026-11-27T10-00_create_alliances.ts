import type { Kysely } from 'kysely'
import { binaryTextType } from '../dialect.js'

/**
 * Alliances and partnerships: the alliance (stakes, perimeter, form, phase, SDGs, levers, visibility), its
 * partners with what each brings and expects, the versioned charter and its signatures, contributions,
 * the journal, and typed partnerships between two organisations (inside an alliance or on their own).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alliances')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('stakes', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('phase_since', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // The directory's own index of alliances: one narrow row per alliance and per place it is found in —
  // `france` (everywhere) and every territory containing its perimeter — with everything the directory
  // filters on (multi-valued facets as bit masks). Counting 100 000 alliances, or those inside a région,
  // reads one range of a covering index, never the wide rows above. Derived data, rewritten by the services.
  await db.schema
    .createTable('alliance_directory')
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('visibility', 'text', (c) => c.notNull())
    // Byte order on both dialects, so that pages merged in the application read in the database's order.
    .addColumn('search_name', binaryTextType(db), (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('sdg_mask', 'integer', (c) => c.notNull())
    .addColumn('lever_mask', 'integer', (c) => c.notNull())
    .addColumn('world_mask', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('alliance_directory_pk', ['scope_id', 'alliance_id'])
    .execute()
  await db.schema
    .createIndex('alliance_directory_list_idx')
    .on('alliance_directory')
    .columns(['scope_id', 'visibility', 'search_name', 'alliance_id', 'phase', 'form', 'sdg_mask', 'lever_mask', 'world_mask'])
    .execute()
  // Counting reads a narrower index (no name, no id), where equality filters (phase, form) narrow the range.
  await db.schema
    .createIndex('alliance_directory_count_idx')
    .on('alliance_directory')
    .columns(['scope_id', 'visibility', 'phase', 'form', 'sdg_mask', 'lever_mask', 'world_mask'])
    .execute()
  await db.schema.createIndex('alliance_directory_alliance_idx').on('alliance_directory').column('alliance_id').execute()
  // The worlds of an alliance's partners are summarised in `world_mask`; an organisation that changed since
  // the last summary is found through `organisations_updated_idx` (created with the listening tables).

  await db.schema
    .createTable('alliance_territories')
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addPrimaryKeyConstraint('alliance_territories_pk', ['alliance_id', 'territory_id'])
    .execute()
  await db.schema.createIndex('alliance_territories_territory_idx').on('alliance_territories').columns(['territory_id', 'alliance_id']).execute()

  await db.schema
    .createTable('alliance_sdgs')
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('sdg', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('alliance_sdgs_pk', ['alliance_id', 'sdg'])
    .execute()
  await db.schema.createIndex('alliance_sdgs_sdg_idx').on('alliance_sdgs').columns(['sdg', 'alliance_id']).execute()

  await db.schema
    .createTable('alliance_sdg_targets')
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alliance_sdg_targets_pk', ['alliance_id', 'target'])
    .execute()

  await db.schema
    .createTable('alliance_levers')
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('lever', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alliance_levers_pk', ['alliance_id', 'lever'])
    .execute()
  await db.schema.createIndex('alliance_levers_lever_idx').on('alliance_levers').columns(['lever', 'alliance_id']).execute()

  await db.schema
    .createTable('alliance_partners')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('brings', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expects', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('responded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('joined_on', 'text')
    .addColumn('left_on', 'text')
    .addColumn('left_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alliance_partners_org_unique', ['alliance_id', 'organisation_id'])
    .execute()
  await db.schema.createIndex('alliance_partners_organisation_idx').on('alliance_partners').columns(['organisation_id', 'status', 'alliance_id']).execute()
  await db.schema.createIndex('alliance_partners_alliance_idx').on('alliance_partners').columns(['alliance_id', 'status', 'organisation_id']).execute()

  await db.schema
    .createTable('alliance_partner_objectives')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('alliance_partners.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('objective', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alliance_partner_objectives_pk', ['partner_id', 'direction', 'objective'])
    .execute()

  await db.schema
    .createTable('alliance_charters')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('principles', 'text', (c) => c.notNull())
    .addColumn('governance', 'text', (c) => c.notNull())
    .addColumn('meeting_frequency', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alliance_charters_version_unique', ['alliance_id', 'version'])
    .execute()

  await db.schema
    .createTable('alliance_charter_commitments')
    .addColumn('charter_id', 'text', (c) => c.notNull().references('alliance_charters.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('commitments', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alliance_charter_commitments_pk', ['charter_id', 'organisation_id'])
    .execute()

  await db.schema
    .createTable('alliance_charter_signatures')
    .addColumn('charter_id', 'text', (c) => c.notNull().references('alliance_charters.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alliance_charter_signatures_pk', ['charter_id', 'organisation_id'])
    .execute()

  await db.schema
    .createTable('alliance_contributions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('alliance_partners.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('contribution_type', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('contributed_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('alliance_contributions_alliance_idx').on('alliance_contributions').columns(['alliance_id', 'contributed_on']).execute()
  await db.schema.createIndex('alliance_contributions_partner_idx').on('alliance_contributions').column('partner_id').execute()

  await db.schema
    .createTable('alliance_journal_entries')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phase_from', 'text')
    .addColumn('phase_to', 'text')
    .addColumn('system_event', 'text')
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('alliance_journal_alliance_idx').on('alliance_journal_entries').columns(['alliance_id', 'occurred_on']).execute()

  await db.schema
    .createTable('partnerships')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('alliance_id', 'text', (c) => c.references('alliances.id').onDelete('cascade'))
    .addColumn('organisation_a_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('organisation_b_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('partnership_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('proposed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('partnerships_a_idx').on('partnerships').columns(['organisation_a_id', 'status']).execute()
  await db.schema.createIndex('partnerships_b_idx').on('partnerships').columns(['organisation_b_id', 'status']).execute()
  await db.schema.createIndex('partnerships_alliance_idx').on('partnerships').column('alliance_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'partnerships',
    'alliance_journal_entries',
    'alliance_contributions',
    'alliance_charter_signatures',
    'alliance_charter_commitments',
    'alliance_charters',
    'alliance_partner_objectives',
    'alliance_partners',
    'alliance_levers',
    'alliance_sdg_targets',
    'alliance_sdgs',
    'alliance_territories',
    'alliance_directory',
    'alliances',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
