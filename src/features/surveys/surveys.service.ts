/**
 * Use cases of surveys: build questionnaires (from a template), run campaigns, hand out invitation codes,
 * record answers (drafts, then one submission), weight, publish studies, add outside figures. Each use
 * case authorises through `surveys.policy.ts`, validates, and writes in one transaction; pages and the API
 * call these functions.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { dialectOf, isUniqueViolation, lockForUpdate } from '../../core/db/dialect.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { findTerritoryById, searchTerritories, type Territory } from '../territories/index.js'
import { encodeRow, readAnswers, type Answers } from './surveys.answers.js'
import { groupCommitOf } from '../../core/db/group-commit.js'
import {
  addQuestion,
  addSection,
  checkDefinition,
  deleteQuestion,
  editQuestion,
  moveQuestion,
  readinessProblems,
  sectionOperation,
} from './surveys.builder.js'
import { parseDefinition, sharedDefinition, type Definition, type QuestionType } from './surveys.definition.js'
import { authorizeAnalyst } from './surveys.policy.js'
import {
  findCampaign,
  findQuestionnaire,
  questionnaireHasResponses,
  unsafeCampaignOrganisation,
  unsafeQuestionnaireOrganisation,
  type Campaign,
  type Questionnaire,
  type SurveyScope,
} from './surveys.queries.js'
import type { SurveyAnalysis } from './surveys.results.js'
import type { QuestionEditFormT } from './surveys.schemas.js'
import type { CampaignMode } from './surveys.table.js'
import { templateDefinition, territoryChoices, type TemplateKey } from './surveys.templates.js'
import type { WeightingSettings } from './surveys.weighting.js'

type Db = Kysely<Database>

/** Hex SHA-256 of a text (respondent keys and code hashes: the secrets themselves are never stored). */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

// Building an Intl formatter costs far more than using one: made once.
const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today in Europe/Paris as YYYY-MM-DD (campaign dates are Paris days). */
export function parisToday(now: Date = new Date()): string {
  return parisDay.format(now)
}

// --- territories typed in forms ---------------------------------------------------------------------------

/** What a typed territory resolved to: an id (null: national), candidates to choose from, or a problem. */
export interface TerritoryResolution {
  territoryId: string | null
  candidates: Territory[]
  problem: FieldProblem | null
}

/**
 * Resolves a territory typed in a form (name, INSEE code or postal code; empty: national). When several
 * territories match and none exactly, the form asks to choose among them (`choice`).
 */
export async function resolveTerritory(db: Db, text: string | undefined, choice: string | undefined, field = 'territory'): Promise<TerritoryResolution> {
  if (choice && /^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$/.test(choice)) {
    const picked = await findTerritoryById(db, choice)
    if (picked) return { territoryId: picked.id, candidates: [], problem: null }
  }
  const query = (text ?? '').trim()
  if (query === '') return { territoryId: null, candidates: [], problem: null }
  const results = await searchTerritories(db, query, { limit: 8 })
  const normalised = query.toLowerCase()
  const exact = results.filter((t) => t.name.toLowerCase() === normalised || t.code.toLowerCase() === normalised)
  if (exact.length === 1) return { territoryId: (exact[0] as Territory).id, candidates: [], problem: null }
  if (results.length === 1) return { territoryId: (results[0] as Territory).id, candidates: [], problem: null }
  if (results.length === 0) return { territoryId: null, candidates: [], problem: { field, message: 'surveys.error.territoryNotFound', params: { q: query } } }
  return { territoryId: null, candidates: exact.length > 1 ? exact : results, problem: { field, message: 'surveys.error.territoryAmbiguous', params: { q: query } } }
}

// --- questionnaires ---------------------------------------------------------------------------------------

/** Loads a questionnaire for an analyst: 404 when it does not exist or belongs to another organisation. */
export async function loadQuestionnaire(db: Db, actor: Actor, id: string): Promise<{ scope: SurveyScope; questionnaire: Questionnaire; def: Definition }> {
  const organisationId = await unsafeQuestionnaireOrganisation(db, id)
  if (!organisationId) {
    requireUser(actor)
    throw notFound()
  }
  const scope = authorizeAnalyst(actor, organisationId)
  const questionnaire = await findQuestionnaire(db, scope, id)
  if (!questionnaire) throw notFound()
  return { scope, questionnaire, def: parseDefinition(questionnaire.definition) }
}

/** Creates a questionnaire for an organisation the actor analyses, from a template. Returns its id. */
export async function createQuestionnaire(db: Db, actor: Actor, input: { organisationId: string; title: string; template: TemplateKey; territoryId: string | null }): Promise<string> {
  const user = requireUser(actor)
  const organisation = await db.selectFrom('organisations').select('id').where('id', '=', input.organisationId).executeTakeFirst()
  if (!organisation) throw validationError([{ field: 'organisation', message: 'surveys.error.organisation' }])
  try {
    authorizeAnalyst(actor, input.organisationId)
  } catch {
    throw validationError([{ field: 'organisation', message: 'surveys.error.organisation' }])
  }
  const def = templateDefinition(input.template, await territoryChoices(db, input.territoryId))
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('survey_questionnaires')
    .values({
      id,
      organisation_id: input.organisationId,
      title: input.title,
      intro: '',
      template: input.template,
      territory_id: input.territoryId,
      definition: JSON.stringify(def),
      is_demo: 0,
      created_by: user.userId,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

/**
 * Changes a questionnaire's definition in one transaction. Structural changes are refused (409) once any
 * campaign of the questionnaire has a response: stored answers follow the questions' layout.
 */
async function mutateDefinition<T>(db: Db, actor: Actor, id: string, change: (def: Definition) => T): Promise<T> {
  const organisationId = await unsafeQuestionnaireOrganisation(db, id)
  if (!organisationId) {
    requireUser(actor)
    throw notFound()
  }
  const scope = authorizeAnalyst(actor, organisationId)
  return db.transaction().execute(async (trx) => {
    const row = await lockForUpdate(trx, trx.selectFrom('survey_questionnaires').select(['definition']).where('id', '=', id).where('organisation_id', '=', scope.organisationId)).executeTakeFirst()
    if (!row) throw notFound()
    if (await questionnaireHasResponses(trx, scope, id)) throw new AppError('ALLIANCE_ERR_QUESTIONNAIRE_FROZEN', 'surveys.error.frozen')
    const def = parseDefinition(row.definition)
    const result = change(def)
    const problems = checkDefinition(def)
    if (problems.length > 0) throw validationError(problems)
    await trx.updateTable('survey_questionnaires').set({ definition: JSON.stringify(def), updated_at: nowIso() }).where('id', '=', id).execute()
    return result
  })
}

/** Changes a questionnaire's title and introduction (allowed even once it has answers). */
export async function updateQuestionnaireMeta(db: Db, actor: Actor, id: string, input: { title: string; intro: string }): Promise<void> {
  const { scope } = await loadQuestionnaire(db, actor, id)
  await db.updateTable('survey_questionnaires').set({ title: input.title, intro: input.intro, updated_at: nowIso() }).where('id', '=', id).where('organisation_id', '=', scope.organisationId).execute()
}

/** Adds a section (analysts only; 409 once answered). */
export async function addSectionTo(db: Db, actor: Actor, id: string, title: string): Promise<string> {
  return mutateDefinition(db, actor, id, (def) => addSection(def, title))
}

/** Renames, moves or deletes a section (analysts only; 409 once answered). */
export async function changeSection(db: Db, actor: Actor, id: string, key: string, op: 'rename' | 'up' | 'down' | 'delete', title?: string): Promise<void> {
  await mutateDefinition(db, actor, id, (def) => sectionOperation(def, key, op, title))
}

/** Adds a question; returns its key (analysts only; 409 once answered). */
export async function addQuestionTo(db: Db, actor: Actor, id: string, input: { section: string; type: QuestionType; label: string }): Promise<string> {
  return mutateDefinition(db, actor, id, (def) => addQuestion(def, input.section, input.type, input.label))
}

/** Moves a question (analysts only; 400 when it would break a display condition). */
export async function moveQuestionIn(db: Db, actor: Actor, id: string, key: string, direction: 'up' | 'down'): Promise<void> {
  await mutateDefinition(db, actor, id, (def) => moveQuestion(def, key, direction))
}

/** Deletes a question (analysts only; 400 when others depend on it). */
export async function deleteQuestionFrom(db: Db, actor: Actor, id: string, key: string): Promise<void> {
  await mutateDefinition(db, actor, id, (def) => deleteQuestion(def, key))
}

/** Saves the question editor (and its option operation); throws a 400 listing every problem. */
export async function saveQuestion(db: Db, actor: Actor, id: string, key: string, form: QuestionEditFormT, optionLabels: Record<string, string>): Promise<void> {
  await mutateDefinition(db, actor, id, (def) => {
    const problems = editQuestion(def, key, form, optionLabels)
    if (problems.length > 0) throw validationError(problems)
  })
}

/** Copies a questionnaire (to change one that already has answers). Returns the copy's id. */
export async function duplicateQuestionnaire(db: Db, actor: Actor, id: string, copySuffix: string): Promise<string> {
  const { questionnaire } = await loadQuestionnaire(db, actor, id)
  const user = requireUser(actor)
  const copy = newId()
  const now = nowIso()
  await db
    .insertInto('survey_questionnaires')
    .values({ ...questionnaire, id: copy, title: `${questionnaire.title} ${copySuffix}`.slice(0, 200), is_demo: 0, created_by: user.userId, created_at: now, updated_at: now })
    .execute()
  return copy
}

// --- campaigns --------------------------------------------------------------------------------------------

/** A campaign's settings, whatever the channel. */
export interface CampaignData {
  title: string
  territoryId: string | null
  segments: string[]
  opensOn: string
  closesOn: string
  mode: CampaignMode
}

function validDate(text: string): boolean {
  const d = new Date(`${text}T12:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

function campaignProblems(data: CampaignData): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!validDate(data.opensOn)) problems.push({ field: 'opens_on', message: 'surveys.error.date' })
  if (!validDate(data.closesOn)) problems.push({ field: 'closes_on', message: 'surveys.error.date' })
  else if (validDate(data.opensOn) && data.closesOn < data.opensOn) problems.push({ field: 'closes_on', message: 'surveys.error.closesBeforeOpens' })
  return problems
}

/** Loads a campaign for an analyst: 404 when it does not exist or belongs to another organisation. */
export async function loadCampaign(db: Db, actor: Actor, id: string): Promise<{ scope: SurveyScope; campaign: Campaign }> {
  const organisationId = await unsafeCampaignOrganisation(db, id)
  if (!organisationId) {
    requireUser(actor)
    throw notFound()
  }
  const scope = authorizeAnalyst(actor, organisationId)
  const campaign = await findCampaign(db, scope, id)
  if (!campaign) throw notFound()
  return { scope, campaign }
}

/** Opens a campaign of a questionnaire (which must be answerable). Returns its id. */
export async function createCampaign(db: Db, actor: Actor, questionnaireId: string, data: CampaignData): Promise<string> {
  const { scope, def } = await loadQuestionnaire(db, actor, questionnaireId)
  const problems = [...campaignProblems(data), ...readinessProblems(def)]
  if (problems.length > 0) throw validationError(problems)
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('survey_campaigns')
    .values({
      id,
      questionnaire_id: questionnaireId,
      organisation_id: scope.organisationId,
      title: data.title,
      territory_id: data.territoryId,
      segments: data.segments.join(','),
      opens_on: data.opensOn,
      closes_on: data.closesOn,
      mode: data.mode,
      submitted_count: 0,
      weighting_version: 0,
      is_synthetic: 0,
      is_demo: 0,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

/** Changes a campaign's settings; its answering mode cannot change once it has responses. */
export async function updateCampaign(db: Db, actor: Actor, id: string, data: CampaignData): Promise<void> {
  const { scope, campaign } = await loadCampaign(db, actor, id)
  const problems = campaignProblems(data)
  if (data.mode !== campaign.mode) {
    const any = await db.selectFrom('survey_responses').select('id').where('campaign_id', '=', id).limit(1).executeTakeFirst()
    if (any) problems.push({ field: 'mode', message: 'surveys.error.modeLocked' })
  }
  if (problems.length > 0) throw validationError(problems)
  await db
    .updateTable('survey_campaigns')
    .set({ title: data.title, territory_id: data.territoryId, segments: data.segments.join(','), opens_on: data.opensOn, closes_on: data.closesOn, mode: data.mode, updated_at: nowIso() })
    .where('id', '=', id)
    .where('organisation_id', '=', scope.organisationId)
    .execute()
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Normalises an invitation code as typed (case, spaces and dashes ignored). */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

/** The stored hash of an invitation code of a campaign. */
export function codeHash(campaignId: string, code: string): string {
  return sha256(`code:${campaignId}:${normaliseCode(code)}`)
}

/**
 * Creates `count` invitation codes (invitation mode only). The codes are returned once, to be handed out;
 * only their hashes are stored.
 */
export async function generateInvitationCodes(db: Db, actor: Actor, id: string, count: number): Promise<string[]> {
  const { campaign } = await loadCampaign(db, actor, id)
  if (campaign.mode !== 'invitation') throw validationError([{ field: 'count', message: 'surveys.error.codesMode' }])
  const codes: string[] = []
  for (let i = 0; i < count; i++) {
    let raw = ''
    for (let k = 0; k < 12; k++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
    codes.push(`${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`)
  }
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < codes.length; i += 200) {
      await trx
        .insertInto('survey_invitation_codes')
        .values(codes.slice(i, i + 200).map((c) => ({ campaign_id: id, code_hash: codeHash(id, c), created_at: now })))
        .execute()
    }
  })
  return codes
}

// --- answering --------------------------------------------------------------------------------------------

/** Who answers: the hash of their browser token, invitation code or account (one response each). */
export interface Respondent {
  key: string
  userId: string | null
}

/** A new random browser token for anonymous answering (256 bits). */
export function newRespondentToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Whether a token has the shape of ours (junk never reaches the database). */
export function isRespondentToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{32,64}$/.test(token)
}

/** The respondent key of a browser token for one campaign. */
export function respondentKeyOfToken(campaignId: string, token: string): string {
  return sha256(`token:${campaignId}:${token}`)
}

/** The respondent key of an account for one campaign. */
export function respondentKeyOfUser(campaignId: string, userId: string): string {
  return sha256(`user:${campaignId}:${userId}`)
}

/** What answering needs of a campaign: its id, dates and questionnaire. */
export interface AnswerableCampaign {
  id: string
  opens_on: string
  closes_on: string
  definition: string
}

/** 409 when the campaign is not open today (before its first day or after its last). */
export function assertOpen(campaign: AnswerableCampaign, today = parisToday()): void {
  if (today < campaign.opens_on) throw new AppError('ALLIANCE_ERR_CAMPAIGN_CLOSED', 'surveys.respond.notYetOpen', { params: { date: campaign.opens_on } })
  if (today > campaign.closes_on) throw new AppError('ALLIANCE_ERR_CAMPAIGN_CLOSED', 'surveys.respond.closed', { params: { date: campaign.closes_on } })
}

/**
 * Saves a draft or submits the answers of one respondent. A submission is validated in full (required
 * questions, types, rankings), recorded once (a second one is a 409, nothing changes) and appended to the
 * compact analysis rows with the next sequence number. Edge cases: a closed campaign records nothing (409);
 * two submissions racing for the same respondent end with one response. On SQLite, submissions that arrive
 * while a commit runs share the next one (`core/db/group-commit.ts`), each in its own savepoint.
 */
export async function saveAnswers(db: Db, campaign: AnswerableCampaign, respondent: Respondent, body: unknown, intent: 'draft' | 'submit'): Promise<'draft' | 'submitted'> {
  assertOpen(campaign)
  const def = sharedDefinition(campaign.definition) as Definition
  const final = intent === 'submit'
  const { answers, problems } = readAnswers(def, body, final)
  if (problems.length > 0) throw validationError(problems)
  const work = async (trx: Transaction<Database>): Promise<void> => {
    const existing = await lockForUpdate(trx, trx.selectFrom('survey_responses').select(['id', 'status']).where('campaign_id', '=', campaign.id).where('respondent_key', '=', respondent.key)).executeTakeFirst()
    if (existing?.status === 'submitted') throw new AppError('ALLIANCE_ERR_ALREADY_SUBMITTED', 'surveys.respond.already')
    const now = nowIso()
    const id = existing?.id ?? newId()
    const status = final ? 'submitted' : 'draft'
    if (existing) {
      await trx.updateTable('survey_responses').set({ answers: JSON.stringify(answers), status, updated_at: now, submitted_at: final ? now : null }).where('id', '=', id).execute()
    } else {
      await trx
        .insertInto('survey_responses')
        .values({ id, campaign_id: campaign.id, respondent_key: respondent.key, user_id: respondent.userId, status, answers: JSON.stringify(answers), created_at: now, updated_at: now, submitted_at: final ? now : null })
        .execute()
    }
    if (final) await appendRow(trx, campaign.id, id, def, answers)
  }
  try {
    // SQLite: submissions share commits (group commit); PostgreSQL: one transaction each, in parallel
    if (dialectOf(db) === 'sqlite') await groupCommitOf(db).run(work)
    else await db.transaction().execute(work)
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_ALREADY_SUBMITTED', 'surveys.respond.already', { cause: error })
    throw error
  }
  return final ? 'submitted' : 'draft'
}

/** Appends the compact row of a submission, numbered by the campaign's submitted count (same transaction). */
export async function appendRow(trx: Transaction<Database>, campaignId: string, responseId: string, def: Definition, answers: Answers): Promise<number> {
  const counter = await trx
    .updateTable('survey_campaigns')
    .set((eb) => ({ submitted_count: eb('submitted_count', '+', 1) }))
    .where('id', '=', campaignId)
    .returning('submitted_count')
    .executeTakeFirstOrThrow()
  const seq = Number(counter.submitted_count)
  const row = encodeRow(def, answers)
  await trx.insertInto('survey_rows').values({ campaign_id: campaignId, seq, response_id: responseId, codes: row.codes, numbers: row.numbers }).execute()
  return seq
}

// --- weighting --------------------------------------------------------------------------------------------

/** The settings of a campaign's active weighting version, or null (unweighted). */
export async function activeWeighting(db: Db, scope: SurveyScope, campaign: Campaign): Promise<WeightingSettings | null> {
  if (campaign.weighting_version === 0) return null
  const row = await db
    .selectFrom('survey_weightings')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_weightings.campaign_id')
    .select('survey_weightings.settings')
    .where('survey_weightings.campaign_id', '=', campaign.id)
    .where('survey_weightings.version', '=', campaign.weighting_version)
    .where('survey_campaigns.organisation_id', '=', scope.organisationId)
    .executeTakeFirst()
  return row ? (JSON.parse(row.settings) as WeightingSettings) : null
}

/**
 * Weights a campaign's answers with `settings` and makes it the active weighting (a new version). Throws
 * `ALLIANCE_ERR_WEIGHTING_FAILED` naming the margin and category when the engine cannot weight; nothing is
 * stored then. Returns the new version.
 */
export async function applyWeighting(db: Db, actor: Actor, analysis: SurveyAnalysis, id: string, settings: WeightingSettings): Promise<number> {
  const { scope, campaign } = await loadCampaign(db, actor, id)
  const questionnaire = await db.selectFrom('survey_questionnaires').select('definition').where('id', '=', campaign.questionnaire_id).where('organisation_id', '=', scope.organisationId).executeTakeFirstOrThrow()
  const def = parseDefinition(questionnaire.definition)
  const { weighted } = await analysis.weigh(campaign, def, settings)
  const version = await db.transaction().execute(async (trx) => {
    const current = await lockForUpdate(trx, trx.selectFrom('survey_campaigns').select(['submitted_count']).where('id', '=', id)).executeTakeFirstOrThrow()
    const last = await trx.selectFrom('survey_weightings').select((eb) => eb.fn.max('version').as('v')).where('campaign_id', '=', id).executeTakeFirst()
    const next = Number(last?.v ?? 0) + 1
    await trx
      .insertInto('survey_weightings')
      .values({ id: newId(), campaign_id: id, version: next, settings: JSON.stringify(settings), summary: JSON.stringify(weighted.summary), created_by: actor.userId, created_at: nowIso() })
      .execute()
    await trx.updateTable('survey_campaigns').set({ weighting_version: next, updated_at: nowIso() }).where('id', '=', id).execute()
    if (Number(current.submitted_count) === campaign.submitted_count) analysis.remember(id, campaign.submitted_count, next, weighted)
    return next
  })
  return version
}

// --- publication ------------------------------------------------------------------------------------------

/** What a publication stores besides the results: the methodology at the time of publication. */
export interface Methodology {
  title: string
  organisation: string
  author: string
  territory: string | null
  segments: string[]
  opensOn: string
  closesOn: string
  mode: CampaignMode
  n: number
  excluded: number
  weighted: boolean
  base: number
  baseLabel: string
  margins: Array<{ roles: string[] }>
  marginsSource: string
  method: string
  synthetic: boolean
  publishedAt: string
}

/**
 * Publishes (or republishes) a campaign's study: every results view is computed with the active weighting
 * and frozen in `survey_publications` with the methodology, so the public page and its exports are stable
 * and never run the engine. Small cells are already suppressed in the stored views.
 */
export async function publishStudy(db: Db, actor: Actor, analysis: SurveyAnalysis, id: string, author: string): Promise<void> {
  const { scope, campaign } = await loadCampaign(db, actor, id)
  if (!author.trim()) throw validationError([{ field: 'author', message: 'surveys.error.author' }])
  if (campaign.submitted_count === 0) throw validationError([{ field: 'author', message: 'surveys.error.nothingToPublish' }])
  const questionnaire = await db.selectFrom('survey_questionnaires').select('definition').where('id', '=', campaign.questionnaire_id).where('organisation_id', '=', scope.organisationId).executeTakeFirstOrThrow()
  const settings = await activeWeighting(db, scope, campaign)
  const views = await analysis.allViews(campaign, questionnaire.definition, settings)
  const overall = views.overall
  const organisation = await db.selectFrom('organisations').select('name').where('id', '=', campaign.organisation_id).executeTakeFirstOrThrow()
  const territory = campaign.territory_id ? await findTerritoryById(db, campaign.territory_id) : undefined
  const now = nowIso()
  const methodology: Methodology = {
    title: campaign.title,
    organisation: organisation.name,
    author: author.trim(),
    territory: territory?.name ?? null,
    segments: campaign.segments.split(',').filter(Boolean),
    opensOn: campaign.opens_on,
    closesOn: campaign.closes_on,
    mode: campaign.mode,
    n: overall?.n ?? 0,
    excluded: overall?.excluded ?? 0,
    weighted: settings !== null,
    base: overall?.baseWeighted ?? 0,
    baseLabel: settings?.baseLabel ?? '',
    margins: (settings?.margins ?? []).map((m) => ({ roles: m.roles })),
    marginsSource: settings?.source ?? '',
    method: settings ? (settings.bounds ? 'calibrate' : 'rake') + (settings.trim ? '+trim' : '') : 'none',
    synthetic: campaign.is_synthetic === 1,
    publishedAt: now,
  }
  const results = JSON.stringify({ methodology, views })
  await db
    .insertInto('survey_publications')
    .values({ campaign_id: id, author: author.trim(), published_at: now, published_by: actor.userId, data_version: campaign.submitted_count, weighting_version: campaign.weighting_version, results })
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ author: author.trim(), published_at: now, published_by: actor.userId, data_version: campaign.submitted_count, weighting_version: campaign.weighting_version, results }))
    .execute()
}

/** Withdraws a publication (analysts only); the public page then answers 404. */
export async function unpublishStudy(db: Db, actor: Actor, id: string): Promise<void> {
  const { scope } = await loadCampaign(db, actor, id)
  await db.deleteFrom('survey_publications').where('campaign_id', '=', id).where('campaign_id', 'in', (eb) => eb.selectFrom('survey_campaigns').select('id').where('organisation_id', '=', scope.organisationId)).execute()
}

// --- outside figures --------------------------------------------------------------------------------------

/** An outside figure, whatever the channel. */
export interface ExternalFigureData {
  questionKey: string | null
  population: string
  value: number
  source: string
  publishedOn: string
  base: string
  url: string | null
}

/** Adds a published figure of an outside study, stamped with its source, date and base. */
export async function addExternalFigure(db: Db, actor: Actor, id: string, data: ExternalFigureData): Promise<string> {
  const { campaign, scope } = await loadCampaign(db, actor, id)
  const problems: FieldProblem[] = []
  if (data.url !== null) {
    try {
      const url = new URL(data.url)
      if (url.protocol !== 'https:') throw new Error('https only')
    } catch {
      problems.push({ field: 'url', message: 'surveys.error.url' })
    }
  }
  if (data.questionKey !== null) {
    const q = await db.selectFrom('survey_questionnaires').select('definition').where('id', '=', campaign.questionnaire_id).where('organisation_id', '=', scope.organisationId).executeTakeFirstOrThrow()
    if (!parseDefinition(q.definition).sections.some((s) => s.questions.some((x) => x.key === data.questionKey))) problems.push({ field: 'question_key', message: 'surveys.error.questionUnknown' })
  }
  if (problems.length > 0) throw validationError(problems)
  const figureId = newId()
  await db
    .insertInto('survey_external_figures')
    .values({ id: figureId, campaign_id: id, question_key: data.questionKey, population: data.population, value: data.value, source: data.source, published_on: data.publishedOn, base: data.base, url: data.url, created_at: nowIso() })
    .execute()
  return figureId
}

/** Removes an outside figure (analysts only); 404 when it is not the campaign's. */
export async function deleteExternalFigure(db: Db, actor: Actor, id: string, figureId: string): Promise<void> {
  await loadCampaign(db, actor, id)
  const result = await db.deleteFrom('survey_external_figures').where('id', '=', figureId).where('campaign_id', '=', id).executeTakeFirst()
  if (Number(result.numDeletedRows) !== 1) throw notFound()
}
