import { sql, type Kysely } from 'kysely'

/**
 * Catalysis, the third engineering: territory spaces (perimeter, team, trades), their activity log on the
 * 4 × 4 grid, meetings (seats per world, registrations with a waiting list, invitations, attendance, who met
 * whom), places, governance dialogues (participants, shared diagnosis, views per world) and the versioned
 * maturity grid with the results of self-diagnoses.
 *
 * Seats are counted in the database: each meeting has one row per seat bucket (a world with a quota, or `*`
 * for the seats open to every world) whose `taken` may never exceed `seats` (a CHECK constraint), and a
 * registration takes a seat with one conditional update (`taken < seats`), so that no interleaving of
 * requests can register more people than there are seats.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalysis_spaces')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('mission', 'text', (c) => c.notNull())
    .addColumn('trade_mask', 'integer', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('catalysis_spaces_organisation_idx').on('catalysis_spaces').columns(['organisation_id']).execute()
  await db.schema.createIndex('catalysis_spaces_name_idx').on('catalysis_spaces').columns(['search_name', 'id']).execute()

  await db.schema
    .createTable('catalysis_space_territories')
    .addColumn('space_id', 'text', (c) => c.notNull().references('catalysis_spaces.id').onDelete('cascade'))
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addPrimaryKeyConstraint('catalysis_space_territories_pk', ['space_id', 'territory_id'])
    .execute()
  await db.schema.createIndex('catalysis_space_territories_territory_idx').on('catalysis_space_territories').columns(['territory_id', 'space_id']).execute()

  await db.schema
    .createTable('catalysis_space_coanimators')
    .addColumn('space_id', 'text', (c) => c.notNull().references('catalysis_spaces.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addPrimaryKeyConstraint('catalysis_space_coanimators_pk', ['space_id', 'organisation_id'])
    .execute()
  await db.schema.createIndex('catalysis_space_coanimators_organisation_idx').on('catalysis_space_coanimators').columns(['organisation_id', 'status']).execute()

  await db.schema
    .createTable('catalysis_activities')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('space_id', 'text', (c) => c.notNull().references('catalysis_spaces.id').onDelete('cascade'))
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('trade', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('minutes_spent', 'integer')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // The heat table reads (space, year) → activity counts and time from this index alone.
  await db.schema.createIndex('catalysis_activities_grid_idx').on('catalysis_activities').columns(['space_id', 'year', 'activity', 'minutes_spent']).execute()
  await db.schema.createIndex('catalysis_activities_timeline_idx').on('catalysis_activities').columns(['space_id', 'started_on', 'id']).execute()

  await db.schema
    .createTable('catalysis_activity_organisations')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('catalysis_activities.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('catalysis_activity_organisations_pk', ['activity_id', 'organisation_id'])
    .execute()
  await db.schema.createIndex('catalysis_activity_organisations_organisation_idx').on('catalysis_activity_organisations').columns(['organisation_id']).execute()

  await db.schema
    .createTable('catalysis_activity_outputs')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('catalysis_activities.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalysis_activity_outputs_pk', ['activity_id', 'kind', 'target_id'])
    .execute()

  await db.schema
    .createTable('catalysis_places')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('commune_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('terr_epci_id', 'text')
    .addColumn('terr_ept_id', 'text')
    .addColumn('terr_departement_id', 'text')
    .addColumn('terr_region_id', 'text')
    .addColumn('capacity', 'integer')
    .addColumn('accessibility', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('services', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('opening_hours', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('website', 'text')
    .addColumn('resource_id', 'text', (c) => c.references('resources.id').onDelete('set null'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('catalysis_places_organisation_idx').on('catalysis_places').columns(['organisation_id']).execute()
  await db.schema.createIndex('catalysis_places_commune_idx').on('catalysis_places').columns(['commune_id', 'kind']).execute()
  await db.schema.createIndex('catalysis_places_departement_idx').on('catalysis_places').columns(['terr_departement_id', 'kind', 'search_name']).execute()
  await db.schema.createIndex('catalysis_places_region_idx').on('catalysis_places').columns(['terr_region_id', 'kind']).execute()
  await db.schema.createIndex('catalysis_places_epci_idx').on('catalysis_places').columns(['terr_epci_id']).execute()
  await db.schema.createIndex('catalysis_places_ept_idx').on('catalysis_places').columns(['terr_ept_id']).execute()

  await db.schema
    .createTable('catalysis_dialogues')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('space_id', 'text', (c) => c.notNull().references('catalysis_spaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('territory_id', 'text', (c) => c.references('territories.id'))
    .addColumn('subject_organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('questionnaire_id', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('catalysis_dialogues_space_idx').on('catalysis_dialogues').columns(['space_id', 'started_on']).execute()

  await db.schema
    .createTable('catalysis_dialogue_participants')
    .addColumn('dialogue_id', 'text', (c) => c.notNull().references('catalysis_dialogues.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('world', 'text', (c) => c.notNull())
    .addColumn('consent', 'text')
    .addColumn('consent_at', 'text')
    .addColumn('consent_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalysis_dialogue_participants_pk', ['dialogue_id', 'organisation_id'])
    .execute()
  await db.schema.createIndex('catalysis_dialogue_participants_organisation_idx').on('catalysis_dialogue_participants').columns(['organisation_id']).execute()

  await db.schema
    .createTable('catalysis_findings')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('dialogue_id', 'text', (c) => c.notNull().references('catalysis_dialogues.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('sdg_mask', 'integer', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('world', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('catalysis_findings_dialogue_idx').on('catalysis_findings').columns(['dialogue_id', 'kind']).execute()

  await db.schema
    .createTable('catalysis_finding_views')
    .addColumn('finding_id', 'text', (c) => c.notNull().references('catalysis_findings.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('world', 'text', (c) => c.notNull())
    .addColumn('importance', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalysis_finding_views_pk', ['finding_id', 'organisation_id'])
    .addCheckConstraint('catalysis_finding_views_importance', sql`importance between 1 and 4`)
    .execute()

  await db.schema
    .createTable('catalysis_maturity_grids')
    .addColumn('version', 'integer', (c) => c.primaryKey().notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('catalysis_maturity_results')
    .addColumn('dialogue_id', 'text', (c) => c.primaryKey().notNull().references('catalysis_dialogues.id').onDelete('cascade'))
    .addColumn('grid_version', 'integer', (c) => c.notNull().references('catalysis_maturity_grids.version'))
    .addColumn('score_tenths', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('respondents', 'integer', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('lever_first', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('computed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute()

  await db.schema
    .createTable('catalysis_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.references('catalysis_places.id').onDelete('set null'))
    .addColumn('address', 'text')
    .addColumn('online_url', 'text')
    // the commune of the place or address; for an online meeting, the territory it addresses
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('terr_commune_id', 'text')
    .addColumn('terr_epci_id', 'text')
    .addColumn('terr_ept_id', 'text')
    .addColumn('terr_departement_id', 'text')
    .addColumn('terr_region_id', 'text')
    .addColumn('space_id', 'text', (c) => c.references('catalysis_spaces.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('dialogue_id', 'text', (c) => c.references('catalysis_dialogues.id').onDelete('set null'))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('registered_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waiting_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('present_count', 'integer', (c) => c.notNull().defaultTo(0))
    // order of arrival of registrations (incremented under the meeting's row lock)
    .addColumn('arrival_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('decisions', 'text')
    .addColumn('minutes_published_at', 'text')
    .addColumn('feedback_campaign_id', 'text')
    // iCalendar SEQUENCE: incremented on each change of the event, so calendars replace their copy
    .addColumn('ical_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('catalysis_meetings_counts', sql`registered_count >= 0 and registered_count <= capacity and waiting_count >= 0 and capacity > 0`)
    .execute()
  await db.schema.createIndex('catalysis_meetings_space_idx').on('catalysis_meetings').columns(['space_id', 'starts_at']).execute()
  await db.schema.createIndex('catalysis_meetings_organisation_idx').on('catalysis_meetings').columns(['organisation_id', 'starts_at']).execute()
  await db.schema.createIndex('catalysis_meetings_place_idx').on('catalysis_meetings').columns(['place_id', 'starts_at']).execute()
  await db.schema.createIndex('catalysis_meetings_dialogue_idx').on('catalysis_meetings').columns(['dialogue_id', 'starts_at']).execute()
  await db.schema.createIndex('catalysis_meetings_public_idx').on('catalysis_meetings').columns(['visibility', 'starts_at']).execute()
  // the version of the calendar feeds: the latest change of any meeting, read from this index alone
  await db.schema.createIndex('catalysis_meetings_updated_idx').on('catalysis_meetings').columns(['updated_at']).execute()
  for (const level of ['commune', 'epci', 'ept', 'departement', 'region']) {
    await db.schema
      .createIndex(`catalysis_meetings_${level}_idx`)
      .on('catalysis_meetings')
      .columns([`terr_${level}_id`, 'visibility', 'starts_at', 'registered_count', 'present_count'])
      .execute()
  }

  await db.schema
    .createTable('catalysis_meeting_seats')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('catalysis_meetings.id').onDelete('cascade'))
    // a world code (a quota) or `*` (the seats open to every world)
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('catalysis_meeting_seats_pk', ['meeting_id', 'bucket'])
    .addCheckConstraint('catalysis_meeting_seats_bounds', sql`taken >= 0 and taken <= seats and seats >= 0`)
    .execute()

  await db.schema
    .createTable('catalysis_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('catalysis_meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('world', 'text')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('arrival', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('seated_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('attended', 'integer')
    .addColumn('attendance_at', 'text')
    .addColumn('reminder_sent_at', 'text')
    .execute()
  await db.schema.createIndex('catalysis_registrations_person_idx').on('catalysis_registrations').columns(['meeting_id', 'user_id']).unique().execute()
  await db.schema.createIndex('catalysis_registrations_queue_idx').on('catalysis_registrations').columns(['meeting_id', 'status', 'bucket', 'arrival']).execute()
  await db.schema.createIndex('catalysis_registrations_user_idx').on('catalysis_registrations').columns(['user_id', 'status']).execute()
  await db.schema.createIndex('catalysis_registrations_organisation_idx').on('catalysis_registrations').columns(['organisation_id', 'meeting_id']).execute()

  await db.schema
    .createTable('catalysis_meeting_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('catalysis_meetings.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('catalysis_meeting_invitations_organisation_idx').on('catalysis_meeting_invitations').columns(['meeting_id', 'organisation_id']).unique().execute()
  await db.schema.createIndex('catalysis_meeting_invitations_email_idx').on('catalysis_meeting_invitations').columns(['meeting_id', 'email']).unique().execute()
  await db.schema.createIndex('catalysis_meeting_invitations_lookup_idx').on('catalysis_meeting_invitations').columns(['organisation_id']).execute()
  await db.schema.createIndex('catalysis_meeting_invitations_email_lookup_idx').on('catalysis_meeting_invitations').columns(['email']).execute()

  // Who met whom at a meeting (one row per pair of organisations, a < b), with the meeting's start copied so
  // that "had they met before?" reads one index range per pair.
  await db.schema
    .createTable('catalysis_encounters')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('catalysis_meetings.id').onDelete('cascade'))
    .addColumn('organisation_a_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('organisation_b_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('met_at', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('contact_request_id', 'text', (c) => c.references('contact_requests.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalysis_encounters_pk', ['meeting_id', 'organisation_a_id', 'organisation_b_id'])
    .addCheckConstraint('catalysis_encounters_order', sql`organisation_a_id < organisation_b_id`)
    .execute()
  await db.schema.createIndex('catalysis_encounters_pair_idx').on('catalysis_encounters').columns(['organisation_a_id', 'organisation_b_id', 'met_at']).execute()

  // Minutes of a meeting added to the journal of a linked alliance.
  await db.schema
    .createTable('catalysis_meeting_alliances')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('catalysis_meetings.id').onDelete('cascade'))
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('journal_entry_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalysis_meeting_alliances_pk', ['meeting_id', 'alliance_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'catalysis_meeting_alliances',
    'catalysis_encounters',
    'catalysis_meeting_invitations',
    'catalysis_registrations',
    'catalysis_meeting_seats',
    'catalysis_meetings',
    'catalysis_maturity_results',
    'catalysis_maturity_grids',
    'catalysis_finding_views',
    'catalysis_findings',
    'catalysis_dialogue_participants',
    'catalysis_dialogues',
    'catalysis_places',
    'catalysis_activity_outputs',
    'catalysis_activity_organisations',
    'catalysis_activities',
    'catalysis_space_coanimators',
    'catalysis_space_territories',
    'catalysis_spaces',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
