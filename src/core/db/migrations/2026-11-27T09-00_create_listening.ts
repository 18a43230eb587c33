import type { Kysely } from 'kysely'
import { createFullTextIndex, dropFullTextIndex } from '../../search/fulltext.js'

/**
 * Listening and connecting: needs (besoins) with the help they seek, resources and wishes to engage,
 * contact requests with their message threads, in-app notifications, and the full-text documents.
 *
 * Needs and resources carry copies of what matching compares (the territory levels of the need, the seat
 * levels and world of the resource's organisation, SDG and domain bit masks) so that candidates are read
 * from one index without joins. `reach_territory_id` is a territory id or `national` (hence no foreign key).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createFullTextIndex(db)

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute()

  await db.schema
    .createTable('needs')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('sdg_mask', 'integer', (c) => c.notNull())
    .addColumn('type_mask', 'integer', (c) => c.notNull())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('terr_commune_id', 'text')
    .addColumn('terr_epci_id', 'text')
    .addColumn('terr_ept_id', 'text')
    .addColumn('terr_departement_id', 'text')
    .addColumn('terr_region_id', 'text')
    .addColumn('world', 'text', (c) => c.notNull())
    .addColumn('horizon', 'text', (c) => c.notNull())
    .addColumn('lever', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('needs_organisation_idx').on('needs').columns(['organisation_id', 'status']).execute()
  await db.schema.createIndex('needs_territory_idx').on('needs').columns(['territory_id', 'status']).execute()
  await db.schema.createIndex('needs_status_idx').on('needs').columns(['status', 'updated_at']).execute()

  await db.schema
    .createTable('need_contributions')
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id').onDelete('cascade'))
    .addColumn('contribution_type', 'text', (c) => c.notNull())
    .addColumn('amount_min_cents', 'integer')
    .addColumn('amount_max_cents', 'integer')
    .addColumn('hours', 'integer')
    .addColumn('people', 'integer')
    .addColumn('skills', 'text')
    .addColumn('details', 'text')
    .addPrimaryKeyConstraint('need_contributions_pk', ['need_id', 'contribution_type'])
    .execute()
  await db.schema.createIndex('need_contributions_type_idx').on('need_contributions').columns(['contribution_type', 'need_id']).execute()

  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('contribution_type', 'text', (c) => c.notNull())
    .addColumn('amount_min_cents', 'integer')
    .addColumn('amount_max_cents', 'integer')
    .addColumn('hours', 'integer')
    .addColumn('people', 'integer')
    .addColumn('skills', 'text')
    .addColumn('items', 'text')
    .addColumn('place', 'text')
    .addColumn('domain_mask', 'integer', (c) => c.notNull())
    .addColumn('sdg_mask', 'integer', (c) => c.notNull())
    .addColumn('reach_territory_id', 'text', (c) => c.notNull())
    .addColumn('seat_commune_id', 'text')
    .addColumn('seat_epci_id', 'text')
    .addColumn('seat_ept_id', 'text')
    .addColumn('seat_departement_id', 'text')
    .addColumn('seat_region_id', 'text')
    .addColumn('world', 'text', (c) => c.notNull())
    .addColumn('available_from', 'text')
    .addColumn('available_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // Matching reads candidates from this index alone (it holds every column the score needs).
  await db.schema
    .createIndex('resources_match_idx')
    .on('resources')
    .columns([
      'status',
      'contribution_type',
      'reach_territory_id',
      'updated_at',
      'id',
      'organisation_id',
      'world',
      'domain_mask',
      'sdg_mask',
      'seat_commune_id',
      'seat_epci_id',
      'seat_ept_id',
      'seat_departement_id',
      'seat_region_id',
      'amount_max_cents',
      'hours',
      'people',
      'available_until',
    ])
    .execute()
  await db.schema.createIndex('resources_organisation_idx').on('resources').columns(['organisation_id', 'status']).execute()
  await db.schema.createIndex('resources_seat_idx').on('resources').columns(['seat_commune_id', 'status']).execute()
  await db.schema.createIndex('resources_reach_idx').on('resources').columns(['reach_territory_id', 'status']).execute()

  await db.schema
    .createTable('contact_requests')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id').onDelete('cascade'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('from_organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('to_organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('from_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema.createIndex('contact_requests_pair_idx').on('contact_requests').columns(['need_id', 'resource_id', 'status']).execute()
  await db.schema.createIndex('contact_requests_to_idx').on('contact_requests').columns(['to_organisation_id', 'status']).execute()
  await db.schema.createIndex('contact_requests_from_idx').on('contact_requests').columns(['from_organisation_id', 'status']).execute()
  await db.schema.createIndex('contact_requests_resource_idx').on('contact_requests').columns(['resource_id', 'status']).execute()

  await db.schema
    .createTable('contact_messages')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('request_id', 'text', (c) => c.notNull().references('contact_requests.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('contact_messages_request_idx').on('contact_messages').columns(['request_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['contact_messages', 'contact_requests', 'resources', 'need_contributions', 'needs', 'notifications']) {
    await db.schema.dropTable(table).execute()
  }
  await dropFullTextIndex(db)
}
