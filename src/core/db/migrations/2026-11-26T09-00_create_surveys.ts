import type { Kysely } from 'kysely'

/**
 * Surveys and the observatory: questionnaires (one JSON definition each), campaigns, invitation codes,
 * responses (drafts then submissions), the compact analysis rows, weightings, cached results, publications
 * and the published figures of outside studies shown beside them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_questionnaires')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text', (c) => c.references('territories.id'))
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('survey_questionnaires_org_idx').on('survey_questionnaires').column('organisation_id').execute()

  await db.schema
    .createTable('survey_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull().references('survey_questionnaires.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text', (c) => c.references('territories.id'))
    .addColumn('segments', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('submitted_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('weighting_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('survey_campaigns_questionnaire_idx').on('survey_campaigns').column('questionnaire_id').execute()
  await db.schema.createIndex('survey_campaigns_org_idx').on('survey_campaigns').column('organisation_id').execute()
  await db.schema.createIndex('survey_campaigns_territory_idx').on('survey_campaigns').column('territory_id').execute()

  await db.schema
    .createTable('survey_invitation_codes')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_invitation_codes_pk', ['campaign_id', 'code_hash'])
    .execute()

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('respondent_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute()
  await db.schema.createIndex('survey_responses_respondent_uq').on('survey_responses').columns(['campaign_id', 'respondent_key']).unique().execute()
  await db.schema.createIndex('survey_responses_user_idx').on('survey_responses').column('user_id').execute()
  await db.schema.createIndex('survey_responses_status_idx').on('survey_responses').columns(['campaign_id', 'status', 'submitted_at']).execute()

  await db.schema
    .createTable('survey_rows')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('response_id', 'text', (c) => c.notNull().unique().references('survey_responses.id').onDelete('cascade'))
    .addColumn('codes', 'text', (c) => c.notNull())
    .addColumn('numbers', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_rows_pk', ['campaign_id', 'seq'])
    .execute()

  await db.schema
    .createTable('survey_weightings')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('survey_weightings_version_uq').on('survey_weightings').columns(['campaign_id', 'version']).unique().execute()

  await db.schema
    .createTable('survey_result_cache')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('view_key', 'text', (c) => c.notNull())
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('weighting_version', 'integer', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_result_cache_pk', ['campaign_id', 'view_key'])
    .execute()

  await db.schema
    .createTable('survey_publications')
    .addColumn('campaign_id', 'text', (c) => c.primaryKey().notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('weighting_version', 'integer', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('survey_external_figures')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id').onDelete('cascade'))
    .addColumn('question_key', 'text')
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('base', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('survey_external_figures_campaign_idx').on('survey_external_figures').column('campaign_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'survey_external_figures',
    'survey_publications',
    'survey_result_cache',
    'survey_weightings',
    'survey_rows',
    'survey_responses',
    'survey_invitation_codes',
    'survey_campaigns',
    'survey_questionnaires',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
