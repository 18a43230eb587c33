import { sql, type Kysely } from 'kysely'
import { autoIntegerType } from '../dialect.js'

/**
 * Match profiles (docs/matching.md, "How it is computed"): the distinct combinations of a resource's
 * contribution type, domains and SDGs. Each resource names its profile (`resources.match_profile`), and the
 * matching index is ordered by profile, reach and seat (région, département, commune), so that the pruned
 * ranking reads only the groups of candidates whose best possible score can still enter the top k.
 *
 * Existing resources get their profile here; the application writes it with every resource afterwards.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('match_profiles')
    .addColumn('id', autoIntegerType(db), (c) => c.primaryKey().notNull())
    .addColumn('contribution_type', 'text', (c) => c.notNull())
    .addColumn('domain_mask', 'integer', (c) => c.notNull())
    .addColumn('sdg_mask', 'integer', (c) => c.notNull())
    .addUniqueConstraint('match_profiles_values_uq', ['contribution_type', 'domain_mask', 'sdg_mask'])
    .execute()
  await db.schema.alterTable('resources').addColumn('match_profile', 'integer').execute()
  await sql`insert into match_profiles (contribution_type, domain_mask, sdg_mask)
    select distinct contribution_type, domain_mask, sdg_mask from resources`.execute(db)
  await sql`update resources set match_profile = (select p.id from match_profiles p
    where p.contribution_type = resources.contribution_type and p.domain_mask = resources.domain_mask and p.sdg_mask = resources.sdg_mask)`.execute(db)

  await db.schema.dropIndex('resources_match_idx').execute()
  // Every column the score reads; the key runs from the coarsest group (profile, reach) to the seat, then
  // the date, so that a group of one seat commune is read newest first.
  await db.schema
    .createIndex('resources_match_idx')
    .on('resources')
    .columns([
      'status',
      'match_profile',
      'reach_territory_id',
      'seat_region_id',
      'seat_departement_id',
      'seat_commune_id',
      'updated_at',
      'id',
      'organisation_id',
      'contribution_type',
      'world',
      'domain_mask',
      'sdg_mask',
      'seat_epci_id',
      'seat_ept_id',
      'amount_max_cents',
      'hours',
      'people',
      'available_until',
    ])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('resources_match_idx').execute()
  await db.schema.alterTable('resources').dropColumn('match_profile').execute()
  await db.schema.dropTable('match_profiles').execute()
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
}
