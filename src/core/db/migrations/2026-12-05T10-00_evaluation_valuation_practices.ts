import type { Kysely } from 'kysely'
import { binaryTextType, clusteredByPrimaryKey, createRowTrigger, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * Evaluating and valuing what alliances do (issue 14):
 * - evaluation: dated rounds (temps d'évaluation), each partner's answer for its organisation (the grid of
 *   3 objects × 7 approaches, the 3 impacts × 3 scopes, free text), the partnership review (bilan) frozen in
 *   versions with each partner's approval, the alliance's own indicators and their dated values;
 * - valuation: rate tables in versions (each rate with its validity, method and source), the table an
 *   alliance adopted, the value a partner stated for its own contribution, and the derived summaries that
 *   answer valued totals over a département or France (cells per alliance and per place, kept up to date
 *   from a list of alliances whose contributions, perimeter, visibility or partners' worlds changed; the
 *   list is filled by triggers, so that every writer — services, demo, imports — is seen);
 * - practices: the capitalisation library (practice sheets written from a published review, their domains,
 *   and the alliances inspired by each sheet).
 */

/** Triggers that list the alliances whose valued summaries must be recomputed. */
const DIRTY_TRIGGERS: RowTrigger[] = [
  {
    name: 'valuation_dirty_contributions',
    table: 'alliance_contributions',
    events: ['insert', 'update', 'delete'],
    statement: (row) => `insert into valuation_dirty (alliance_id) values (${row}.alliance_id) on conflict do nothing`,
  },
  {
    name: 'valuation_dirty_alliances',
    table: 'alliances',
    events: ['update'],
    columns: ['visibility'],
    statement: (row) => `insert into valuation_dirty (alliance_id) values (${row}.id) on conflict do nothing`,
  },
  {
    name: 'valuation_dirty_perimeters',
    table: 'alliance_territories',
    events: ['insert', 'delete'],
    statement: (row) => `insert into valuation_dirty (alliance_id) values (${row}.alliance_id) on conflict do nothing`,
  },
  {
    name: 'valuation_dirty_worlds',
    table: 'organisations',
    events: ['update'],
    columns: ['world'],
    statement: (row) => `insert into valuation_dirty (alliance_id) select alliance_id from alliance_partners where organisation_id = ${row}.id on conflict do nothing`,
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  // --- evaluation ---------------------------------------------------------------------------------------
  await db.schema
    .createTable('evaluation_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('grid_version', 'integer', (c) => c.notNull())
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('evaluation_rounds_number_uq', ['alliance_id', 'number'])
    .execute()

  await db.schema
    .createTable('evaluation_answers')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('round_id', 'text', (c) => c.notNull().references('evaluation_rounds.id').onDelete('cascade'))
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('what_worked', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('difficulties', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lessons', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('evaluation_answers_organisation_uq', ['round_id', 'organisation_id'])
    .execute()
  await db.schema.createIndex('evaluation_answers_alliance_idx').on('evaluation_answers').columns(['alliance_id', 'round_id']).execute()

  await db.schema
    .createTable('evaluation_ratings')
    .addColumn('answer_id', 'text', (c) => c.notNull().references('evaluation_answers.id').onDelete('cascade'))
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('approach', 'text', (c) => c.notNull())
    // 1–4 on the scale, 0 for "ne sait pas", null while a draft has only a comment
    .addColumn('level', 'integer')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('evaluation_ratings_pk', ['answer_id', 'object', 'approach'])
    .execute()

  await db.schema
    .createTable('evaluation_impacts')
    .addColumn('answer_id', 'text', (c) => c.notNull().references('evaluation_answers.id').onDelete('cascade'))
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('level', 'integer')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('evaluation_impacts_pk', ['answer_id', 'impact', 'scope'])
    .execute()

  await db.schema
    .createTable('evaluation_reviews')
    .addColumn('round_id', 'text', (c) => c.primaryKey().notNull().references('evaluation_rounds.id').onDelete('cascade'))
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .addColumn('built_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema.createIndex('evaluation_reviews_published_idx').on('evaluation_reviews').columns(['published_at', 'round_id']).execute()

  await db.schema
    .createTable('evaluation_review_approvals')
    .addColumn('round_id', 'text', (c) => c.notNull().references('evaluation_rounds.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('approved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('approver_name', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_review_approvals_pk', ['round_id', 'version', 'organisation_id'])
    .execute()

  await db.schema
    .createTable('evaluation_indicators')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('baseline_hundredths', 'bigint')
    .addColumn('baseline_on', 'text')
    .addColumn('target_hundredths', 'bigint')
    .addColumn('target_on', 'text')
    .addColumn('sdg_target', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('evaluation_indicators_alliance_idx').on('evaluation_indicators').columns(['alliance_id', 'created_at']).execute()

  await db.schema
    .createTable('evaluation_indicator_values')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('evaluation_indicators.id').onDelete('cascade'))
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('measured_on', 'text', (c) => c.notNull())
    .addColumn('value_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('evaluation_indicator_values_idx').on('evaluation_indicator_values').columns(['indicator_id', 'measured_on']).execute()
  await db.schema.createIndex('evaluation_indicator_values_alliance_idx').on('evaluation_indicator_values').column('alliance_id').execute()

  // --- valuation ----------------------------------------------------------------------------------------
  await db.schema
    .createTable('valuation_rate_tables')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    // `platform`, or the id of the alliance that wrote its own table: versions are numbered per owner.
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addColumn('alliance_id', 'text', (c) => c.references('alliances.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('method_note', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('valuation_rate_tables_version_uq', ['owner_key', 'version'])
    .execute()

  await db.schema
    .createTable('valuation_rates')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('table_id', 'text', (c) => c.notNull().references('valuation_rate_tables.id').onDelete('cascade'))
    .addColumn('contribution_type', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('rate_cents', 'bigint', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('method_note', 'text', (c) => c.notNull())
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text')
    .execute()
  await db.schema.createIndex('valuation_rates_table_idx').on('valuation_rates').columns(['table_id', 'contribution_type', 'unit', 'valid_from']).execute()

  await db.schema
    .createTable('valuation_choices')
    .addColumn('alliance_id', 'text', (c) => c.primaryKey().notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('rate_table_id', 'text', (c) => c.notNull().references('valuation_rate_tables.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('chosen_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('valuation_statements')
    .addColumn('contribution_id', 'text', (c) => c.primaryKey().notNull().references('alliance_contributions.id').onDelete('cascade'))
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('value_cents', 'bigint')
    .addColumn('basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recipient_organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('stated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('stated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('valuation_statements_alliance_idx').on('valuation_statements').column('alliance_id').execute()
  await db.schema.createIndex('valuation_statements_recipient_idx').on('valuation_statements').columns(['recipient_organisation_id', 'contribution_id']).execute()

  // Derived summaries (see docs/valuation.md): no foreign keys, rebuilt from the rows they summarise.
  await db.schema.createTable('valuation_dirty').addColumn('alliance_id', 'text', (c) => c.primaryKey().notNull()).execute()
  await db.schema
    .createTable('valuation_alliance_state')
    .addColumn('alliance_id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('rate_table_id', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('valuation_alliance_cells')
    .addColumn('alliance_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('world', 'text', (c) => c.notNull())
    .addColumn('contribution_type', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('fraction', 'integer', (c) => c.notNull())
    .addColumn('units', 'bigint', (c) => c.notNull())
    .addColumn('quantity_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('valuation_alliance_cells_pk', ['alliance_id', 'organisation_id', 'contribution_type', 'unit', 'month', 'fraction'])
    .modifyEnd(clusteredByPrimaryKey(db))
    .execute()
  await db.schema
    .createTable('valuation_scope_cells')
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('rate_table_id', 'text', (c) => c.notNull())
    .addColumn('world', 'text', (c) => c.notNull())
    .addColumn('contribution_type', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('fraction', 'integer', (c) => c.notNull())
    .addColumn('units', 'bigint', (c) => c.notNull())
    .addColumn('quantity_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('valuation_scope_cells_pk', ['scope_id', 'rate_table_id', 'world', 'contribution_type', 'unit', 'month', 'fraction'])
    .modifyEnd(clusteredByPrimaryKey(db))
    .execute()
  for (const trigger of DIRTY_TRIGGERS) await createRowTrigger(db, trigger)

  // --- practices ----------------------------------------------------------------------------------------
  await db.schema
    .createTable('practice_sheets')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('evaluation_rounds.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('search_name', binaryTextType(db), (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('solution', 'text', (c) => c.notNull())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('socio_economic_model', 'text', (c) => c.notNull())
    .addColumn('arrangement', 'text', (c) => c.notNull())
    .addColumn('governance', 'text', (c) => c.notNull())
    .addColumn('legal_frame', 'text', (c) => c.notNull())
    .addColumn('lessons', 'text', (c) => c.notNull())
    .addColumn('size_band', 'text')
    .addColumn('region_id', 'text')
    // What the library's facets were built from (phase, form, SDGs, worlds, visibility of the alliance).
    .addColumn('facet_signature', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('practice_sheets_published_idx').on('practice_sheets').columns(['published_at', 'id']).execute()
  await db.schema.createIndex('practice_sheets_alliance_idx').on('practice_sheets').column('alliance_id').execute()
  await db.schema
    .createTable('practice_sheet_domains')
    .addColumn('sheet_id', 'text', (c) => c.notNull().references('practice_sheets.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('practice_sheet_domains_pk', ['sheet_id', 'domain'])
    .execute()
  await db.schema
    .createTable('practice_inspirations')
    .addColumn('sheet_id', 'text', (c) => c.notNull().references('practice_sheets.id').onDelete('cascade'))
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('practice_inspirations_pk', ['sheet_id', 'alliance_id'])
    .execute()
  await db.schema.createIndex('practice_inspirations_alliance_idx').on('practice_inspirations').column('alliance_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of DIRTY_TRIGGERS) await dropRowTrigger(db, trigger)
  for (const table of [
    'practice_inspirations',
    'practice_sheet_domains',
    'practice_sheets',
    'valuation_scope_cells',
    'valuation_alliance_cells',
    'valuation_alliance_state',
    'valuation_dirty',
    'valuation_statements',
    'valuation_choices',
    'valuation_rates',
    'valuation_rate_tables',
    'evaluation_indicator_values',
    'evaluation_indicators',
    'evaluation_review_approvals',
    'evaluation_reviews',
    'evaluation_impacts',
    'evaluation_ratings',
    'evaluation_answers',
    'evaluation_rounds',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
