/** Kysely types of surveys: questionnaires, campaigns, responses, compact rows, weightings, publications. */

export type CampaignMode = 'anonymous' | 'invitation' | 'signed_in'

/** A questionnaire of an organisation. */
export interface SurveyQuestionnairesTable {
  id: string
  organisation_id: string
  title: string
  intro: string
  /** template it was built from: vide, barometre, acteurs */
  template: string
  /** territory whose places the territory question offers (null: national) */
  territory_id: string | null
  /** the questionnaire as JSON (see surveys.definition.ts) */
  definition: string
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

/** A campaign: a questionnaire sent to an audience on a territory over a period. */
export interface SurveyCampaignsTable {
  id: string
  questionnaire_id: string
  /** the questionnaire's organisation, copied for scoped queries */
  organisation_id: string
  title: string
  /** null: national */
  territory_id: string | null
  /** target segments, codes of the vocabulary kind `respondent_segment`, comma-separated */
  segments: string
  /** first and last day of answering, YYYY-MM-DD (Europe/Paris days) */
  opens_on: string
  closes_on: string
  mode: CampaignMode
  /** number of submitted responses; also the sequence of the last compact row (data version) */
  submitted_count: number
  /** active weighting version (0: unweighted) */
  weighting_version: number
  /** 1 when the responses are synthetic (generated), said on every page and export */
  is_synthetic: number
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

/** An invitation code (its hash) of a campaign. */
export interface SurveyInvitationCodesTable {
  campaign_id: string
  /** SHA-256 of the code handed to one respondent (the code itself is never stored) */
  code_hash: string
  created_at: string
}

/** A respondent's response (draft or submitted). */
export interface SurveyResponsesTable {
  id: string
  campaign_id: string
  /** SHA-256 of the browser token, invitation code or account that answers (one response each) */
  respondent_key: string
  /** set in signed-in mode, so that the person can see their own answers */
  user_id: string | null
  status: 'draft' | 'submitted'
  /** every answer as JSON, texts included (raw answers: analysts of the campaign only) */
  answers: string
  created_at: string
  updated_at: string
  submitted_at: string | null
}

/** The compact analysis row of a submitted response. */
export interface SurveyRowsTable {
  campaign_id: string
  /** 1, 2, 3… in submission order (loaded incrementally by the analysis snapshot) */
  seq: number
  response_id: string
  /** closed answers, one character per slot (surveys.answers.ts) */
  codes: string
  /** number answers joined by ';' */
  numbers: string
}

/** A weighting version of a campaign. */
export interface SurveyWeightingsTable {
  id: string
  campaign_id: string
  version: number
  /** margins, base, bounds and trimming as JSON */
  settings: string
  /** convergence trace, weight distribution, design effect as JSON */
  summary: string
  created_by: string | null
  created_at: string
}

/** A computed results view, valid for one data and weighting version. */
export interface SurveyResultCacheTable {
  campaign_id: string
  view_key: string
  data_version: number
  weighting_version: number
  results: string
  computed_at: string
}

/** A published study (frozen views). */
export interface SurveyPublicationsTable {
  campaign_id: string
  author: string
  published_at: string
  published_by: string | null
  data_version: number
  weighting_version: number
  /** aggregated results of every view (suppressed small cells removed) as JSON */
  results: string
}

/** A published figure of an outside study shown beside a campaign's results. */
export interface SurveyExternalFiguresTable {
  id: string
  campaign_id: string
  question_key: string | null
  population: string
  /** percentage, e.g. 74 */
  value: number
  source: string
  /** date of publication as written by the source (e.g. 2023-01-26, 2015-09) */
  published_on: string
  base: string
  url: string | null
  /** the question the outside study asked, in its own words */
  question_wording: string
  /** 1 when it is the same question as `question_key` (then the figures are compared), 0 otherwise */
  same_question: number
  created_at: string
}

/** Every table of the feature. */
export interface SurveyTables {
  survey_questionnaires: SurveyQuestionnairesTable
  survey_campaigns: SurveyCampaignsTable
  survey_invitation_codes: SurveyInvitationCodesTable
  survey_responses: SurveyResponsesTable
  survey_rows: SurveyRowsTable
  survey_weightings: SurveyWeightingsTable
  survey_result_cache: SurveyResultCacheTable
  survey_publications: SurveyPublicationsTable
  survey_external_figures: SurveyExternalFiguresTable
}
