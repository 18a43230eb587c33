/**
 * Answering a campaign: who answers (the hash of a browser token, an invitation code or an account — one
 * response each; the secret itself is never stored), whether the campaign is open today (Europe/Paris days),
 * and recording a draft or the one submission, appended to the compact analysis rows.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { isUniqueViolation, lockForUpdate } from '../../../core/db/dialect.js'
import { commitTogether } from '../../../core/db/group-commit.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, validationError } from '../../../core/errors.js'
import { sha256 } from '../../../core/hash.js'
import { parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { sharedDefinition, type Definition } from '../surveys.definition.js'
import { encodeRow, readAnswers, type Answers } from './answers.js'

type Db = Kysely<Database>

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

/** Normalises an invitation code as typed (case, spaces and dashes ignored). */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

/** The stored hash of an invitation code of a campaign (also the respondent key of whoever answers with it). */
export function codeHash(campaignId: string, code: string): string {
  return sha256(`code:${campaignId}:${normaliseCode(code)}`)
}

/** What answering needs of a campaign: its id, dates and questionnaire. */
export interface AnswerableCampaign {
  id: string
  opens_on: string
  closes_on: string
  definition: string
}

/** Whether the campaign takes answers today: before its first day, open, or after its last. */
export function campaignStatus(campaign: { opens_on: string; closes_on: string }, today = parisToday()): 'upcoming' | 'open' | 'closed' {
  if (today < campaign.opens_on) return 'upcoming'
  if (today > campaign.closes_on) return 'closed'
  return 'open'
}

/** 409 when the campaign is not open today (before its first day or after its last). */
export function assertOpen(campaign: AnswerableCampaign, today = parisToday()): void {
  const status = campaignStatus(campaign, today)
  if (status === 'upcoming') throw new AppError('ALLIANCE_ERR_CAMPAIGN_CLOSED', 'surveys.respond.notYetOpen', { params: { date: campaign.opens_on } })
  if (status === 'closed') throw new AppError('ALLIANCE_ERR_CAMPAIGN_CLOSED', 'surveys.respond.closed', { params: { date: campaign.closes_on } })
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
    await commitTogether(db, work)
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
