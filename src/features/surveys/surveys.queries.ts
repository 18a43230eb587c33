/**
 * Reads and writes of surveys. Questionnaires, campaigns, raw responses, weightings and unpublished results
 * are private to the organisation running them: their queries take a `SurveyScope`, which only
 * `surveys.policy.ts` creates. What a respondent or the public may read (a campaign's answer page, one's own
 * response, published studies) goes through functions named `unsafe…` or `…Published…`, each saying why it
 * is safe.
 */
import type { Kysely, Transaction } from 'kysely'
import { pageOf, pageWindow, type PageOf } from '../../core/db/paging.js'
import type { Database } from '../../database.js'
import type {
  SurveyCampaignsTable,
  SurveyExternalFiguresTable,
  SurveyPublicationsTable,
  SurveyQuestionnairesTable,
  SurveyResponsesTable,
  SurveyWeightingsTable,
} from './surveys.table.js'

type Db = Kysely<Database> | Transaction<Database>

declare const scopeBrand: unique symbol
/** Surveys of an organisation the actor may analyse (created by `surveys.policy.ts` only). */
export interface SurveyScope {
  readonly organisationId: string
  readonly [scopeBrand]: true
}

/** A questionnaire row. */
export type Questionnaire = SurveyQuestionnairesTable
/** A campaign row. */
export type Campaign = SurveyCampaignsTable
/** A weighting version row (settings and summary as JSON). */
export type Weighting = SurveyWeightingsTable
/** A published figure of an outside study. */
export type ExternalFigure = SurveyExternalFiguresTable
/** A publication row (frozen views as JSON). */
export type Publication = SurveyPublicationsTable

/** The organisation owning a questionnaire (to authorise before reading it), or undefined. */
export async function unsafeQuestionnaireOrganisation(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('survey_questionnaires').select('organisation_id').where('id', '=', id).executeTakeFirst()
  return row?.organisation_id
}

/** The organisation running a campaign (to authorise before reading it), or undefined. */
export async function unsafeCampaignOrganisation(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('survey_campaigns').select('organisation_id').where('id', '=', id).executeTakeFirst()
  return row?.organisation_id
}

/** A questionnaire of the scoped organisation, or undefined (another organisation's is never found). */
export async function findQuestionnaire(db: Db, scope: SurveyScope, id: string): Promise<Questionnaire | undefined> {
  return db.selectFrom('survey_questionnaires').selectAll().where('id', '=', id).where('organisation_id', '=', scope.organisationId).executeTakeFirst()
}

/** A campaign of the scoped organisation, or undefined. */
export async function findCampaign(db: Db, scope: SurveyScope, id: string): Promise<Campaign | undefined> {
  return db.selectFrom('survey_campaigns').selectAll().where('id', '=', id).where('organisation_id', '=', scope.organisationId).executeTakeFirst()
}

/** The questionnaire (title and definition) of a campaign of the scoped organisation. */
export async function campaignQuestionnaire(db: Db, scope: SurveyScope, campaign: Pick<Campaign, 'questionnaire_id'>): Promise<{ title: string; definition: string }> {
  return db
    .selectFrom('survey_questionnaires')
    .select(['title', 'definition'])
    .where('id', '=', campaign.questionnaire_id)
    .where('organisation_id', '=', scope.organisationId)
    .executeTakeFirstOrThrow()
}

/** The name of the organisation running a campaign of the scope. */
export async function scopeOrganisationName(db: Db, scope: SurveyScope): Promise<string> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', scope.organisationId).executeTakeFirstOrThrow()
  return row.name
}

/** The organisations (id and name) the actor belongs to, by name (where a questionnaire may be created). */
export async function listOrganisationsOf(db: Db, organisationIds: string[]): Promise<Array<{ id: string; name: string }>> {
  if (organisationIds.length === 0) return []
  return db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', organisationIds).orderBy('search_name').execute()
}

/** A line of the analyst's list of questionnaires. */
export interface QuestionnaireListRow {
  id: string
  title: string
  organisation_id: string
  organisation_name: string
  updated_at: string
}

/** The questionnaires of the organisations the actor analyses (platform admins: every one). */
export async function listQuestionnaires(db: Db, organisationIds: string[] | 'all'): Promise<QuestionnaireListRow[]> {
  let query = db
    .selectFrom('survey_questionnaires')
    .innerJoin('organisations', 'organisations.id', 'survey_questionnaires.organisation_id')
    .select(['survey_questionnaires.id', 'survey_questionnaires.title', 'survey_questionnaires.organisation_id', 'organisations.name as organisation_name', 'survey_questionnaires.updated_at'])
  if (organisationIds !== 'all') {
    if (organisationIds.length === 0) return []
    query = query.where('survey_questionnaires.organisation_id', 'in', organisationIds)
  }
  return query.orderBy('survey_questionnaires.updated_at', 'desc').limit(200).execute()
}

/** Campaigns of the given questionnaires (for the list pages). */
export async function listCampaignsOf(db: Db, questionnaireIds: string[]): Promise<Campaign[]> {
  if (questionnaireIds.length === 0) return []
  return db.selectFrom('survey_campaigns').selectAll().where('questionnaire_id', 'in', questionnaireIds).orderBy('opens_on', 'desc').execute()
}

/** Whether any campaign of the questionnaire has a response (then its structure is frozen). */
export async function questionnaireHasResponses(db: Db, scope: SurveyScope, questionnaireId: string): Promise<boolean> {
  const row = await db
    .selectFrom('survey_responses')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_responses.campaign_id')
    .select('survey_responses.id')
    .where('survey_campaigns.questionnaire_id', '=', questionnaireId)
    .where('survey_campaigns.organisation_id', '=', scope.organisationId)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Submitted responses and drafts of a campaign. */
export interface ResponseCounts {
  drafts: number
  submitted: number
}

/**
 * Submitted and draft responses of a campaign: the submitted count is the campaign's counter (no scan of a
 * million rows), drafts are counted through the (campaign, status) index.
 */
export async function countResponses(db: Db, scope: SurveyScope, campaignId: string): Promise<ResponseCounts> {
  const campaign = await db.selectFrom('survey_campaigns').select('submitted_count').where('id', '=', campaignId).where('organisation_id', '=', scope.organisationId).executeTakeFirst()
  const drafts = await db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return { drafts: campaign ? Number(drafts?.n ?? 0) : 0, submitted: Number(campaign?.submitted_count ?? 0) }
}

/** The text answers of one question (analysts only: raw answers never leave their view). */
export async function listTextAnswers(db: Db, scope: SurveyScope, campaignId: string, limit: number): Promise<Array<{ answers: string; submitted_at: string | null }>> {
  return db
    .selectFrom('survey_responses')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_responses.campaign_id')
    .select(['survey_responses.answers', 'survey_responses.submitted_at'])
    .where('survey_responses.campaign_id', '=', campaignId)
    .where('survey_campaigns.organisation_id', '=', scope.organisationId)
    .where('survey_responses.status', '=', 'submitted')
    .orderBy('survey_responses.submitted_at', 'desc')
    .limit(limit)
    .execute()
}

/** Every weighting version of a campaign, newest first. */
export async function listWeightings(db: Db, scope: SurveyScope, campaignId: string): Promise<Weighting[]> {
  return db
    .selectFrom('survey_weightings')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_weightings.campaign_id')
    .selectAll('survey_weightings')
    .where('survey_weightings.campaign_id', '=', campaignId)
    .where('survey_campaigns.organisation_id', '=', scope.organisationId)
    .orderBy('survey_weightings.version', 'desc')
    .execute()
}

/** One weighting version of a campaign (the scope was checked for the campaign). */
export async function findWeighting(db: Db, scope: SurveyScope, campaignId: string, version: number): Promise<Weighting | undefined> {
  return db
    .selectFrom('survey_weightings')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_weightings.campaign_id')
    .selectAll('survey_weightings')
    .where('survey_weightings.campaign_id', '=', campaignId)
    .where('survey_weightings.version', '=', version)
    .where('survey_campaigns.organisation_id', '=', scope.organisationId)
    .executeTakeFirst()
}

/** Published figures of outside studies shown beside a campaign's results (public once published). */
export async function listExternalFigures(db: Db, campaignId: string): Promise<ExternalFigure[]> {
  return db.selectFrom('survey_external_figures').selectAll().where('campaign_id', '=', campaignId).orderBy('created_at').execute()
}

// --- respondents --------------------------------------------------------------------------------------------

/**
 * A campaign as its answer page needs it. Safe without a scope: whoever has the link may see the
 * questionnaire (answering is what campaigns are for); no answer is read here.
 */
export async function unsafeFindCampaignForRespondent(db: Db, id: string) {
  return db
    .selectFrom('survey_campaigns')
    .innerJoin('survey_questionnaires', 'survey_questionnaires.id', 'survey_campaigns.questionnaire_id')
    .select([
      'survey_campaigns.id',
      'survey_campaigns.title',
      'survey_campaigns.organisation_id',
      'survey_campaigns.territory_id',
      'survey_campaigns.segments',
      'survey_campaigns.opens_on',
      'survey_campaigns.closes_on',
      'survey_campaigns.mode',
      'survey_campaigns.is_synthetic',
      'survey_questionnaires.intro',
      'survey_questionnaires.definition',
    ])
    .where('survey_campaigns.id', '=', id)
    .executeTakeFirst()
}

/**
 * The response of one respondent (identified by the hash of their token, code or account). Safe: the
 * respondent key is derived from what only that respondent holds.
 */
export async function unsafeFindOwnResponse(db: Db, campaignId: string, respondentKey: string): Promise<SurveyResponsesTable | undefined> {
  return db.selectFrom('survey_responses').selectAll().where('campaign_id', '=', campaignId).where('respondent_key', '=', respondentKey).executeTakeFirst()
}

/** Whether an invitation code (by hash) belongs to the campaign. */
export async function unsafeInvitationCodeExists(db: Db, campaignId: string, codeHash: string): Promise<boolean> {
  const row = await db.selectFrom('survey_invitation_codes').select('code_hash').where('campaign_id', '=', campaignId).where('code_hash', '=', codeHash).executeTakeFirst()
  return row !== undefined
}

// --- publications (public) -------------------------------------------------------------------------------

/** A line of the list of published studies. */
export interface PublishedStudyRow {
  campaign_id: string
  title: string
  organisation_id: string
  organisation_name: string
  territory_id: string | null
  published_at: string
  is_synthetic: number
}

/** Published studies, newest first, optionally those attached to a territory or anything inside it. */
export async function listPublishedStudies(db: Db, options: { insideTerritory?: string; limit?: number } = {}): Promise<PublishedStudyRow[]> {
  return publishedStudiesQuery(db, options.insideTerritory).orderBy('survey_publications.published_at', 'desc').orderBy('survey_publications.campaign_id').limit(options.limit ?? 100).execute()
}

/** One page of the published studies, newest first, with the total (a page past the end is empty). */
export async function pagePublishedStudies(db: Db, page: number, perPage: number): Promise<PageOf<PublishedStudyRow>> {
  const window = pageWindow(page, perPage)
  const [rows, count] = await Promise.all([
    publishedStudiesQuery(db).orderBy('survey_publications.published_at', 'desc').orderBy('survey_publications.campaign_id').offset(window.offset).limit(window.limit).execute(),
    db.selectFrom('survey_publications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return pageOf(rows, Number(count.n), window.page, perPage)
}

function publishedStudiesQuery(db: Db, insideTerritory?: string) {
  let query = db
    .selectFrom('survey_publications')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_publications.campaign_id')
    .innerJoin('organisations', 'organisations.id', 'survey_campaigns.organisation_id')
    .select([
      'survey_publications.campaign_id',
      'survey_campaigns.title',
      'survey_campaigns.organisation_id',
      'organisations.name as organisation_name',
      'survey_campaigns.territory_id',
      'survey_publications.published_at',
      'survey_campaigns.is_synthetic',
    ])
  if (insideTerritory) {
    query = query.where('survey_campaigns.territory_id', 'in', (eb) => eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', insideTerritory))
  }
  return query
}

/** A published study with its campaign facts (public by definition), or undefined. */
export async function findPublishedStudy(db: Db, campaignId: string): Promise<PublishedStudy | undefined> {
  return db
    .selectFrom('survey_publications')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_publications.campaign_id')
    .innerJoin('organisations', 'organisations.id', 'survey_campaigns.organisation_id')
    .select([
      'survey_publications.campaign_id',
      'survey_publications.author',
      'survey_publications.published_at',
      'survey_publications.results',
      'survey_publications.data_version',
      'survey_publications.weighting_version',
      'survey_campaigns.questionnaire_id',
      'survey_campaigns.title',
      'survey_campaigns.territory_id',
      'survey_campaigns.is_synthetic',
      'organisations.name as organisation_name',
      'organisations.id as organisation_id',
    ])
    .where('survey_publications.campaign_id', '=', campaignId)
    .executeTakeFirst()
}

/** A published study as `findPublishedStudy` reads it. */
export interface PublishedStudy {
  campaign_id: string
  author: string
  published_at: string
  results: string
  data_version: number
  weighting_version: number
  questionnaire_id: string
  title: string
  territory_id: string | null
  is_synthetic: number
  organisation_name: string
  organisation_id: string
}

/** The publication row of a campaign the actor analyses (to show its state), or undefined. */
export async function findPublication(db: Db, scope: SurveyScope, campaignId: string): Promise<Publication | undefined> {
  return db
    .selectFrom('survey_publications')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_publications.campaign_id')
    .selectAll('survey_publications')
    .where('survey_publications.campaign_id', '=', campaignId)
    .where('survey_campaigns.organisation_id', '=', scope.organisationId)
    .executeTakeFirst()
}
