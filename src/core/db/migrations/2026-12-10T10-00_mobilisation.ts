import { sql, type Kysely } from 'kysely'
import { createRowTrigger, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * Mobilisation (issue 16), the Fondation's third phase:
 * - calls to engage (appels à mobilisation) on a territory's needs, with goals per kind of help and an audience;
 * - pledges (engagements) of organisations, fulfilled by alliances' contributions through explicit links (the
 *   fulfilled quantity of a pledge is kept by triggers, so that deleting or reducing a contribution — whoever does
 *   it — is seen);
 * - pooled funds (fonds territoriaux): governance, contributors' pledges and payments, the host's commitments, and a
 *   ledger whose reconciliation rules are CHECK constraints of the database (paid ≤ pledged, granted ≤ paid in +
 *   commitments, disbursed ≤ granted), written by guarded updates;
 * - calls for projects (appels à projets): perimeter, SDGs, rules, scoring grid, reviewers; applications of
 *   alliances with their budget; declared conflicts, reviews and scores; decisions;
 * - grants (conventions): tranches, payments, reporting obligations followed through evaluation rounds.
 */

/** Keeps `mobilisation_pledges.fulfilled_hundredths` equal to the sum of the pledge's links, and its realised value. */
const FULFILMENT_TRIGGERS: RowTrigger[] = [
  {
    name: 'mobilisation_fulfilled',
    table: 'mobilisation_pledge_fulfilments',
    events: ['insert', 'update', 'delete'],
    statement: (row) => {
      const sum = `(select cast(coalesce(sum(f.quantity_hundredths), 0) as bigint) from mobilisation_pledge_fulfilments f where f.pledge_id = ${row}.pledge_id)`
      // what was realised is valued like the pledge: euros at face value, other units at the pledge's rate (half up)
      return `update mobilisation_pledges set fulfilled_hundredths = ${sum}, realised_cents = case value_basis when 'face' then ${sum} when 'rate' then (${sum} * rate_cents + 50) / 100 else null end where id = ${row}.pledge_id`
    },
  },
  {
    // A contribution reduced below what one of its links counts: the link is capped at the new quantity.
    name: 'mobilisation_contribution_capped',
    table: 'alliance_contributions',
    events: ['update'],
    columns: ['quantity_hundredths'],
    statement: (row) => `update mobilisation_pledge_fulfilments set quantity_hundredths = ${row}.quantity_hundredths where contribution_id = ${row}.id and quantity_hundredths > ${row}.quantity_hundredths`,
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  // --- calls to engage ------------------------------------------------------------------------------------
  await db.schema
    .createTable('mobilisation_calls')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.references('catalysis_spaces.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('mobilisation_calls_status_idx').on('mobilisation_calls').columns(['status', 'ends_on']).execute()
  await db.schema.createIndex('mobilisation_calls_organisation_idx').on('mobilisation_calls').column('organisation_id').execute()

  await db.schema
    .createTable('mobilisation_call_goals')
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_calls.id').onDelete('cascade'))
    .addColumn('help_kind', 'text', (c) => c.notNull())
    .addColumn('target_hundredths', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_call_goals_pk', ['call_id', 'help_kind'])
    .addCheckConstraint('mobilisation_call_goals_positive', sql`target_hundredths > 0`)
    .execute()

  await db.schema
    .createTable('mobilisation_call_needs')
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_calls.id').onDelete('cascade'))
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('mobilisation_call_needs_pk', ['call_id', 'need_id'])
    .execute()
  await db.schema.createIndex('mobilisation_call_needs_need_idx').on('mobilisation_call_needs').column('need_id').execute()

  await db.schema
    .createTable('mobilisation_call_audience')
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_calls.id').onDelete('cascade'))
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_call_audience_pk', ['call_id', 'facet', 'code'])
    .execute()

  // --- pledges --------------------------------------------------------------------------------------------
  await db.schema
    .createTable('mobilisation_pledges')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('world', 'text', (c) => c.notNull())
    .addColumn('size_band', 'text')
    .addColumn('commune_id', 'text')
    .addColumn('epci_id', 'text')
    .addColumn('ept_id', 'text')
    .addColumn('departement_id', 'text')
    .addColumn('region_id', 'text')
    .addColumn('commune_band', 'text')
    .addColumn('call_id', 'text', (c) => c.references('mobilisation_calls.id').onDelete('set null'))
    .addColumn('need_id', 'text', (c) => c.references('needs.id').onDelete('set null'))
    .addColumn('alliance_id', 'text', (c) => c.references('alliances.id').onDelete('set null'))
    .addColumn('help_kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('volunteers', 'integer')
    .addColumn('fulfilled_hundredths', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('value_cents', 'bigint')
    .addColumn('value_basis', 'text', (c) => c.notNull())
    .addColumn('rate_cents', 'integer')
    .addColumn('realised_cents', 'bigint')
    .addColumn('rate_table_id', 'text')
    .addColumn('rate_table_version', 'integer')
    .addColumn('pledged_on', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('withdrawn_on', 'text')
    .addColumn('withdrawn_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('late_notified_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('mobilisation_pledges_quantity', sql`quantity_hundredths > 0`)
    .addCheckConstraint('mobilisation_pledges_fulfilled', sql`fulfilled_hundredths >= 0 and fulfilled_hundredths <= quantity_hundredths`)
    .execute()
  await db.schema.createIndex('mobilisation_pledges_call_idx').on('mobilisation_pledges').columns(['call_id', 'status', 'help_kind', 'quantity_hundredths', 'fulfilled_hundredths']).execute()
  await db.schema.createIndex('mobilisation_pledges_organisation_idx').on('mobilisation_pledges').columns(['organisation_id', 'pledged_on']).execute()
  await db.schema.createIndex('mobilisation_pledges_region_idx').on('mobilisation_pledges').columns(['region_id', 'status']).execute()
  await db.schema.createIndex('mobilisation_pledges_departement_idx').on('mobilisation_pledges').columns(['departement_id', 'status']).execute()
  await db.schema.createIndex('mobilisation_pledges_epci_idx').on('mobilisation_pledges').columns(['epci_id', 'status']).execute()
  await db.schema.createIndex('mobilisation_pledges_ept_idx').on('mobilisation_pledges').columns(['ept_id', 'status']).execute()
  await db.schema.createIndex('mobilisation_pledges_commune_idx').on('mobilisation_pledges').columns(['commune_id', 'status']).execute()
  await db.schema.createIndex('mobilisation_pledges_due_idx').on('mobilisation_pledges').columns(['status', 'due_on']).execute()
  await db.schema.createIndex('mobilisation_pledges_need_idx').on('mobilisation_pledges').column('need_id').execute()
  await db.schema.createIndex('mobilisation_pledges_alliance_idx').on('mobilisation_pledges').column('alliance_id').execute()

  await db.schema
    .createTable('mobilisation_pledge_fulfilments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('pledge_id', 'text', (c) => c.notNull().references('mobilisation_pledges.id').onDelete('cascade'))
    .addColumn('contribution_id', 'text', (c) => c.notNull().references('alliance_contributions.id').onDelete('cascade'))
    .addColumn('quantity_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mobilisation_pledge_fulfilments_uq', ['pledge_id', 'contribution_id'])
    .addCheckConstraint('mobilisation_pledge_fulfilments_positive', sql`quantity_hundredths > 0`)
    .execute()
  await db.schema.createIndex('mobilisation_pledge_fulfilments_contribution_idx').on('mobilisation_pledge_fulfilments').column('contribution_id').execute()

  // --- pooled funds ---------------------------------------------------------------------------------------
  await db.schema
    .createTable('mobilisation_funds')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('host_organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('legal_form', 'text', (c) => c.notNull())
    .addColumn('siret', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('pledged_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('committed_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('granted_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('disbursed_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('mobilisation_funds_nonnegative', sql`pledged_cents >= 0 and paid_cents >= 0 and committed_cents >= 0 and granted_cents >= 0 and disbursed_cents >= 0`)
    .addCheckConstraint('mobilisation_funds_paid', sql`paid_cents <= pledged_cents`)
    .addCheckConstraint('mobilisation_funds_granted', sql`granted_cents <= paid_cents + committed_cents`)
    .addCheckConstraint('mobilisation_funds_disbursed', sql`disbursed_cents <= granted_cents`)
    .execute()
  await db.schema.createIndex('mobilisation_funds_host_idx').on('mobilisation_funds').column('host_organisation_id').execute()

  await db.schema
    .createTable('mobilisation_fund_members')
    .addColumn('fund_id', 'text', (c) => c.notNull().references('mobilisation_funds.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_fund_members_pk', ['fund_id', 'user_id'])
    .execute()
  await db.schema.createIndex('mobilisation_fund_members_user_idx').on('mobilisation_fund_members').column('user_id').execute()

  await db.schema
    .createTable('mobilisation_fund_contributors')
    .addColumn('fund_id', 'text', (c) => c.notNull().references('mobilisation_funds.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('pledged_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('mobilisation_fund_contributors_pk', ['fund_id', 'organisation_id'])
    .addCheckConstraint('mobilisation_fund_contributors_paid', sql`paid_cents >= 0 and paid_cents <= pledged_cents`)
    .execute()
  await db.schema.createIndex('mobilisation_fund_contributors_organisation_idx').on('mobilisation_fund_contributors').column('organisation_id').execute()

  await db.schema
    .createTable('mobilisation_fund_entries')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('fund_id', 'text', (c) => c.notNull().references('mobilisation_funds.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('grant_id', 'text')
    .addColumn('tranche', 'integer')
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addCheckConstraint('mobilisation_fund_entries_positive', sql`amount_cents > 0`)
    .execute()
  await db.schema.createIndex('mobilisation_fund_entries_fund_idx').on('mobilisation_fund_entries').columns(['fund_id', 'recorded_at']).execute()

  // --- calls for projects ---------------------------------------------------------------------------------
  await db.schema
    .createTable('mobilisation_project_calls')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('fund_id', 'text', (c) => c.notNull().references('mobilisation_funds.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id'))
    .addColumn('min_amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('max_amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('cofunding_min_percent', 'integer', (c) => c.notNull())
    .addColumn('min_worlds', 'integer', (c) => c.notNull())
    .addColumn('score_max', 'integer', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('questionnaire_id', 'text', (c) => c.references('survey_questionnaires.id').onDelete('set null'))
    .addColumn('questions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('mobilisation_project_calls_bounds', sql`min_amount_cents > 0 and max_amount_cents >= min_amount_cents`)
    .execute()
  await db.schema.createIndex('mobilisation_project_calls_fund_idx').on('mobilisation_project_calls').columns(['fund_id', 'created_at']).execute()
  await db.schema.createIndex('mobilisation_project_calls_status_idx').on('mobilisation_project_calls').columns(['status', 'deadline_at']).execute()

  await db.schema
    .createTable('mobilisation_project_call_sdgs')
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_project_calls.id').onDelete('cascade'))
    .addColumn('sdg', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_project_call_sdgs_pk', ['call_id', 'sdg'])
    .execute()

  await db.schema
    .createTable('mobilisation_criteria')
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_project_calls.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_criteria_pk', ['call_id', 'position'])
    .addCheckConstraint('mobilisation_criteria_weight', sql`weight between 1 and 10`)
    .execute()

  await db.schema
    .createTable('mobilisation_reviewers')
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_project_calls.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_reviewers_pk', ['call_id', 'user_id'])
    .execute()
  await db.schema.createIndex('mobilisation_reviewers_user_idx').on('mobilisation_reviewers').column('user_id').execute()

  await db.schema
    .createTable('mobilisation_applications')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_project_calls.id').onDelete('cascade'))
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('beneficiary_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('requested_cents', 'bigint', (c) => c.notNull())
    .addColumn('budget_cents', 'bigint', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('eligibility', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mobilisation_applications_alliance_uq', ['call_id', 'alliance_id'])
    .execute()
  await db.schema.createIndex('mobilisation_applications_call_idx').on('mobilisation_applications').columns(['call_id', 'status', 'submitted_at']).execute()
  await db.schema.createIndex('mobilisation_applications_alliance_idx').on('mobilisation_applications').column('alliance_id').execute()

  await db.schema
    .createTable('mobilisation_budget_lines')
    .addColumn('application_id', 'text', (c) => c.notNull().references('mobilisation_applications.id').onDelete('cascade'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('in_kind_type', 'text')
    .addColumn('in_kind_unit', 'text')
    .addColumn('in_kind_hundredths', 'bigint')
    .addColumn('rate_table_version', 'integer')
    .addPrimaryKeyConstraint('mobilisation_budget_lines_pk', ['application_id', 'side', 'position'])
    .addCheckConstraint('mobilisation_budget_lines_amount', sql`amount_cents >= 0`)
    .execute()

  await db.schema
    .createTable('mobilisation_conflicts')
    .addColumn('application_id', 'text', (c) => c.notNull().references('mobilisation_applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_conflicts_pk', ['application_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('mobilisation_reviews')
    .addColumn('application_id', 'text', (c) => c.notNull().references('mobilisation_applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_project_calls.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('total_milli', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addPrimaryKeyConstraint('mobilisation_reviews_pk', ['application_id', 'user_id'])
    .execute()
  await db.schema.createIndex('mobilisation_reviews_call_idx').on('mobilisation_reviews').columns(['call_id', 'status', 'application_id']).execute()
  await db.schema.createIndex('mobilisation_reviews_user_idx').on('mobilisation_reviews').columns(['user_id', 'call_id']).execute()

  await db.schema
    .createTable('mobilisation_scores')
    .addColumn('application_id', 'text', (c) => c.notNull().references('mobilisation_applications.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_scores_pk', ['application_id', 'user_id', 'position'])
    .addCheckConstraint('mobilisation_scores_range', sql`score >= 0 and score <= 100`)
    .execute()

  await db.schema
    .createTable('mobilisation_decisions')
    .addColumn('application_id', 'text', (c) => c.primaryKey().notNull().references('mobilisation_applications.id').onDelete('cascade'))
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_project_calls.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addCheckConstraint('mobilisation_decisions_amount', sql`amount_cents >= 0`)
    .execute()
  await db.schema.createIndex('mobilisation_decisions_call_idx').on('mobilisation_decisions').column('call_id').execute()

  // --- grants ---------------------------------------------------------------------------------------------
  await db.schema
    .createTable('mobilisation_grants')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('fund_id', 'text', (c) => c.notNull().references('mobilisation_funds.id').onDelete('cascade'))
    .addColumn('call_id', 'text', (c) => c.notNull().references('mobilisation_project_calls.id').onDelete('cascade'))
    .addColumn('application_id', 'text', (c) => c.notNull().unique().references('mobilisation_applications.id').onDelete('cascade'))
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('alliances.id').onDelete('cascade'))
    .addColumn('beneficiary_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('disbursed_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('in_kind', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notification_ue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dispositif_aide', 'text')
    .addColumn('fund_signed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('fund_signed_at', 'text')
    .addColumn('beneficiary_signed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('beneficiary_signed_at', 'text')
    .addColumn('signed_on', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mobilisation_grants_reference_uq', ['fund_id', 'reference'])
    .addCheckConstraint('mobilisation_grants_disbursed', sql`amount_cents > 0 and disbursed_cents >= 0 and disbursed_cents <= amount_cents`)
    .execute()
  await db.schema.createIndex('mobilisation_grants_fund_idx').on('mobilisation_grants').columns(['fund_id', 'status', 'signed_on']).execute()
  await db.schema.createIndex('mobilisation_grants_alliance_idx').on('mobilisation_grants').column('alliance_id').execute()

  await db.schema
    .createTable('mobilisation_grant_tranches')
    .addColumn('grant_id', 'text', (c) => c.notNull().references('mobilisation_grants.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('paid_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_on', 'text')
    .addPrimaryKeyConstraint('mobilisation_grant_tranches_pk', ['grant_id', 'number'])
    .addCheckConstraint('mobilisation_grant_tranches_paid', sql`amount_cents > 0 and paid_cents >= 0 and paid_cents <= amount_cents`)
    .execute()

  await db.schema
    .createTable('mobilisation_grant_reports')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('grant_id', 'text', (c) => c.notNull().references('mobilisation_grants.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.references('evaluation_rounds.id').onDelete('set null'))
    .addColumn('reminded_at', 'text')
    .execute()
  await db.schema.createIndex('mobilisation_grant_reports_grant_idx').on('mobilisation_grant_reports').columns(['grant_id', 'due_on']).execute()

  for (const trigger of FULFILMENT_TRIGGERS) await createRowTrigger(db, trigger)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of FULFILMENT_TRIGGERS) await dropRowTrigger(db, trigger)
  for (const table of [
    'mobilisation_grant_reports',
    'mobilisation_grant_tranches',
    'mobilisation_grants',
    'mobilisation_decisions',
    'mobilisation_scores',
    'mobilisation_reviews',
    'mobilisation_conflicts',
    'mobilisation_budget_lines',
    'mobilisation_applications',
    'mobilisation_reviewers',
    'mobilisation_criteria',
    'mobilisation_project_call_sdgs',
    'mobilisation_project_calls',
    'mobilisation_fund_entries',
    'mobilisation_fund_contributors',
    'mobilisation_fund_members',
    'mobilisation_funds',
    'mobilisation_pledge_fulfilments',
    'mobilisation_pledges',
    'mobilisation_call_audience',
    'mobilisation_call_needs',
    'mobilisation_call_goals',
    'mobilisation_calls',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
