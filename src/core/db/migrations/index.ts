/**
 * The ordered list of migrations. Names are ISO-dated and never change once released; each file only uses
 * Kysely's portable schema builder (and `../dialect.ts` where dialects differ) and never imports app code.
 * A new migration is dated when it is written; one dated before a migration a database already ran is still
 * applied (see `../migrate.ts`).
 */
import type { Migration } from 'kysely'
import * as core from './2026-11-26T08-00_create_core.js'
import * as territories from './2026-11-26T08-10_create_territories.js'
import * as vocabulary from './2026-11-26T08-20_create_vocabulary.js'
import * as accountsAndOrganisations from './2026-11-26T08-30_create_accounts_and_organisations.js'
import * as surveys from './2026-11-26T09-00_create_surveys.js'
import * as listening from './2026-11-27T09-00_create_listening.js'
import * as alliances from './2026-11-27T10-00_create_alliances.js'
import * as listeningMatchProfiles from './2026-11-28T09-00_listening_match_profiles.js'
import * as searchVector from './2026-11-28T10-00_search_vector.js'
import * as searchLexemes from './2026-11-28T11-00_search_lexemes.js'
import * as operations from './2026-12-01T08-00_operations.js'
import * as accountSecurity from './2026-12-01T09-00_account_security.js'
import * as notificationPreferences from './2026-12-01T10-00_notification_preferences.js'
import * as identifierReview from './2026-12-01T11-00_identifier_review.js'
import * as organisationsUpdatedIndex from './2026-12-05T08-00_organisations_updated_index.js'
import * as catalysis from './2026-12-01T09-00_create_catalysis.js'
import * as surveyFigureQuestions from './2026-12-10T09-00_survey_figure_questions.js'
import * as evaluationValuationPractices from './2026-12-05T10-00_evaluation_valuation_practices.js'
import * as practicesDirty from './2026-12-05T11-00_practices_dirty.js'
import * as vocabularyOrigin from './2026-12-10T09-00_vocabulary_origin.js'
import * as listeningDirectoryOrder from './2026-12-05T14-00_listening_directory_order.js'
import * as allianceJournalMessageKeys from './2026-12-10T09-00_alliance_journal_message_keys.js'
import * as mobilisation from './2026-12-10T10-00_mobilisation.js'
import * as listeningOrphansAndCounts from './2026-12-11T16-40_listening_orphans_and_counts.js'
import * as mobilisationTerritoryTotals from './2026-12-12T09-00_mobilisation_territory_totals.js'
import * as mobilisationCallPledgeIndexes from './2026-12-12T09-10_mobilisation_call_pledge_indexes.js'
import * as mobilisationGrantsScdlIndex from './2026-12-13T09-00_mobilisation_grants_scdl_index.js'
import * as mobilisationGrantTrancheSummary from './2026-12-13T09-10_mobilisation_grant_tranche_summary.js'
import * as allianceContributionTotalsIndex from './2026-12-14T09-00_alliance_contribution_totals_index.js'
import * as territoryKindCounts from './2026-12-14T10-00_territory_kind_counts.js'
import * as searchNamesInByteOrder from './2026-12-16T09-00_search_names_in_byte_order.js'
import * as territoryOrganisationCounts from './2026-12-15T09-00_territory_organisation_counts.js'
import * as searchLexemesOnSqlite from './2026-12-17T09-00_search_lexemes_on_sqlite.js'
import * as territoryOrganisations from './2026-12-18T09-00_territory_organisations.js'
import * as nameTrigrams from './2026-12-19T09-00_name_trigrams.js'
import * as allianceContributionSums from './2026-12-20T09-00_alliance_contribution_sums.js'

export const migrations: Record<string, Migration> = {
  '2026-11-26T08-00_create_core': core,
  '2026-11-26T08-10_create_territories': territories,
  '2026-11-26T08-20_create_vocabulary': vocabulary,
  '2026-11-26T08-30_create_accounts_and_organisations': accountsAndOrganisations,
  '2026-11-26T09-00_create_surveys': surveys,
  '2026-11-27T09-00_create_listening': listening,
  '2026-11-27T10-00_create_alliances': alliances,
  '2026-11-28T09-00_listening_match_profiles': listeningMatchProfiles,
  '2026-11-28T10-00_search_vector': searchVector,
  '2026-11-28T11-00_search_lexemes': searchLexemes,
  '2026-12-01T08-00_operations': operations,
  '2026-12-01T09-00_account_security': accountSecurity,
  '2026-12-01T10-00_notification_preferences': notificationPreferences,
  '2026-12-01T11-00_identifier_review': identifierReview,
  '2026-12-05T08-00_organisations_updated_index': organisationsUpdatedIndex,
  '2026-12-01T09-00_create_catalysis': catalysis,
  '2026-12-10T09-00_survey_figure_questions': surveyFigureQuestions,
  '2026-12-05T10-00_evaluation_valuation_practices': evaluationValuationPractices,
  '2026-12-05T11-00_practices_dirty': practicesDirty,
  '2026-12-10T09-00_vocabulary_origin': vocabularyOrigin,
  '2026-12-05T14-00_listening_directory_order': listeningDirectoryOrder,
  '2026-12-10T09-00_alliance_journal_message_keys': allianceJournalMessageKeys,
  '2026-12-10T10-00_mobilisation': mobilisation,
  '2026-12-11T16-40_listening_orphans_and_counts': listeningOrphansAndCounts,
  '2026-12-12T09-00_mobilisation_territory_totals': mobilisationTerritoryTotals,
  '2026-12-12T09-10_mobilisation_call_pledge_indexes': mobilisationCallPledgeIndexes,
  '2026-12-13T09-00_mobilisation_grants_scdl_index': mobilisationGrantsScdlIndex,
  '2026-12-13T09-10_mobilisation_grant_tranche_summary': mobilisationGrantTrancheSummary,
  '2026-12-14T09-00_alliance_contribution_totals_index': allianceContributionTotalsIndex,
  '2026-12-14T10-00_territory_kind_counts': territoryKindCounts,
  '2026-12-15T09-00_territory_organisation_counts': territoryOrganisationCounts,
  '2026-12-16T09-00_search_names_in_byte_order': searchNamesInByteOrder,
  '2026-12-17T09-00_search_lexemes_on_sqlite': searchLexemesOnSqlite,
  '2026-12-18T09-00_territory_organisations': territoryOrganisations,
  '2026-12-19T09-00_name_trigrams': nameTrigrams,
  '2026-12-20T09-00_alliance_contribution_sums': allianceContributionSums,
}
