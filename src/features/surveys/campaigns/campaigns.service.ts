/**
 * Use cases of campaigns: open a campaign of a questionnaire (territory, target segments, dates, answering
 * mode), change its settings, hand out invitation codes (only their hashes are stored), record the published
 * figures of outside studies shown beside its results. Each use case authorises through `surveys.access.ts`,
 * validates every field at once and writes in one statement or transaction.
 */
import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { isCalendarDate } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { readinessProblems } from '../builder/builder.js'
import { codeHash } from '../respond/respond.service.js'
import { loadCampaign, loadQuestionnaire } from '../surveys.access.js'
import { allQuestions } from '../surveys.definition.js'
import { campaignQuestionnaire } from '../surveys.queries.js'
import { parseDefinition } from '../surveys.definition.js'
import type { CampaignMode } from '../surveys.table.js'

type Db = Kysely<Database>

/** A campaign's settings, whatever the channel. */
export interface CampaignData {
  title: string
  territoryId: string | null
  segments: string[]
  opensOn: string
  closesOn: string
  mode: CampaignMode
}

function campaignProblems(data: CampaignData): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!isCalendarDate(data.opensOn)) problems.push({ field: 'opens_on', message: 'form.error.date' })
  if (!isCalendarDate(data.closesOn)) problems.push({ field: 'closes_on', message: 'form.error.date' })
  else if (isCalendarDate(data.opensOn) && data.closesOn < data.opensOn) problems.push({ field: 'closes_on', message: 'surveys.error.closesBeforeOpens' })
  return problems
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

/** An outside figure, whatever the channel. */
export interface ExternalFigureData {
  /** The campaign's question it concerns (null: the whole study). */
  questionKey: string | null
  /** The question the outside study asked, in its own words. */
  questionWording: string
  /** True when it is the same question as `questionKey` (then the figures are compared). */
  sameQuestion: boolean
  population: string
  value: number
  source: string
  publishedOn: string
  base: string
  url: string | null
}

/**
 * Adds a published figure of an outside study, stamped with its source, date, base and question. Edge cases:
 * claiming the same question needs a question of the campaign; the link must be https.
 */
export async function addExternalFigure(db: Db, actor: Actor, id: string, data: ExternalFigureData): Promise<string> {
  const { campaign, scope } = await loadCampaign(db, actor, id)
  const problems: FieldProblem[] = []
  if (data.url !== null) {
    try {
      if (new URL(data.url).protocol !== 'https:') problems.push({ field: 'url', message: 'surveys.error.url' })
    } catch {
      problems.push({ field: 'url', message: 'surveys.error.url' })
    }
  }
  if (data.questionKey !== null) {
    const def = parseDefinition((await campaignQuestionnaire(db, scope, campaign)).definition)
    if (!allQuestions(def).some((q) => q.key === data.questionKey)) problems.push({ field: 'question_key', message: 'surveys.error.questionUnknown' })
  } else if (data.sameQuestion) problems.push({ field: 'same_question', message: 'surveys.error.sameQuestionNeedsQuestion' })
  if (problems.length > 0) throw validationError(problems)
  const figureId = newId()
  await db
    .insertInto('survey_external_figures')
    .values({
      id: figureId,
      campaign_id: id,
      question_key: data.questionKey,
      question_wording: data.questionWording,
      same_question: data.sameQuestion ? 1 : 0,
      population: data.population,
      value: data.value,
      source: data.source,
      published_on: data.publishedOn,
      base: data.base,
      url: data.url,
      created_at: nowIso(),
    })
    .execute()
  return figureId
}

/** Removes an outside figure (analysts only); 404 when it is not the campaign's. */
export async function deleteExternalFigure(db: Db, actor: Actor, id: string, figureId: string): Promise<void> {
  await loadCampaign(db, actor, id)
  const result = await db.deleteFrom('survey_external_figures').where('id', '=', figureId).where('campaign_id', '=', id).executeTakeFirst()
  if (Number(result.numDeletedRows) !== 1) throw notFound()
}
