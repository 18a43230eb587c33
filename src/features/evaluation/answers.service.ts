/**
 * A partner's answer to a round, for its organisation: the 21 cells of the grid (a level of the scale or "ne sait
 * pas", and a comment or evidence), the 3 impacts for 3 scopes, and what worked, the difficulties and the
 * lessons in free text. Its members write the draft; its admins submit it, and only they change a submitted
 * answer. Everything can change until the round closes; after that, nothing.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { loadAllianceAccess } from '../alliances/index.js'
import { cellKey, gridOf, impactKey, isAnswerLevel } from './evaluation.grid.js'
import { authorizeActingFor } from './evaluation.policy.js'
import { findOwnAnswer, findRound, roundStatus } from './evaluation.queries.js'
import { parisToday } from '../../core/time/calendar.js'

type Db = Kysely<Database>

export interface LevelInput {
  /** 1–4, 0 for "ne sait pas", null for not answered yet */
  level: number | null
  comment: string
}

export interface AnswerInput {
  /** `object.approach` → level and comment (keys outside the round's grid are ignored) */
  ratings: Record<string, LevelInput | undefined>
  /** `impact.scope` → level and comment */
  impacts: Record<string, LevelInput | undefined>
  whatWorked: string
  difficulties: string
  lessons: string
  /** true: the organisation's admin submits the answer; false: a draft */
  submit: boolean
}

/** The longest comment of a cell, and of each free text. */
export const COMMENT_MAX = 2000
export const TEXT_MAX = 8000

/**
 * Saves the answer of `organisationId` (draft or submitted). 404 for an organisation the actor is not in (or a
 * round of another alliance); 403 for a member who is not its admin submitting or changing a submitted answer;
 * 409 when the round is not open; 400 for a level outside the scale, a text too long, or — to submit — a cell or
 * impact left unanswered ("ne sait pas" is an answer). Nothing is stored when anything is refused.
 */
export async function saveAnswer(db: Db, actor: Actor, allianceId: string, roundId: string, organisationId: string, input: AnswerInput): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeActingFor(actor, access, organisationId, { admin: false })
  const round = await findRound(db, scope, roundId)
  if (!round) throw notFound()
  const existing = await findOwnAnswer(db, scope, roundId, organisationId)
  if (input.submit || existing?.status === 'submitted') authorizeActingFor(actor, access, organisationId, { admin: true, adminKey: 'evaluation.error.submitAdminOnly' })
  const status = roundStatus(round, parisToday())
  if (status !== 'open') throw new AppError('ALLIANCE_ERR_ROUND_CLOSED', status === 'upcoming' ? 'evaluation.error.roundUpcoming' : 'evaluation.error.roundClosed')
  const user = requireUser(actor)
  const grid = gridOf(round.grid_version)
  const problems: FieldProblem[] = []
  const ratings: Array<{ object: string; approach: string; level: number | null; comment: string }> = []
  const impacts: Array<{ impact: string; scope: string; level: number | null; comment: string }> = []
  const check = (field: string, value: LevelInput | undefined): LevelInput => {
    const level = value?.level ?? null
    const comment = (value?.comment ?? '').trim()
    if (level !== null && (!Number.isInteger(level) || !isAnswerLevel(grid, level))) problems.push({ field: `level.${field}`, message: 'evaluation.error.level' })
    else if (level === null && input.submit) problems.push({ field: `level.${field}`, message: 'evaluation.error.levelRequired' })
    if (comment.length > COMMENT_MAX) problems.push({ field: `comment.${field}`, message: 'form.error.maxLength', params: { max: COMMENT_MAX } })
    return { level, comment }
  }
  for (const object of grid.objects) {
    for (const approach of grid.approaches) {
      const key = cellKey(object, approach)
      const v = check(key, input.ratings[key])
      if (v.level !== null || v.comment !== '') ratings.push({ object, approach, ...v })
    }
  }
  for (const impact of grid.impacts) {
    for (const impactScope of grid.scopes) {
      const key = impactKey(impact, impactScope)
      const v = check(`impact.${key}`, input.impacts[key])
      if (v.level !== null || v.comment !== '') impacts.push({ impact, scope: impactScope, ...v })
    }
  }
  for (const [field, text] of [['what_worked', input.whatWorked], ['difficulties', input.difficulties], ['lessons', input.lessons]] as const) {
    if (text.trim().length > TEXT_MAX) problems.push({ field, message: 'form.error.maxLength', params: { max: TEXT_MAX } })
  }
  if (problems.length > 0) throw validationError(problems)
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    // The round may have been closed while the person was writing: check again inside the transaction.
    const current = await trx.selectFrom('evaluation_rounds').select(['opens_on', 'closes_on', 'closed_at']).where('id', '=', roundId).executeTakeFirstOrThrow()
    if (roundStatus(current, parisToday()) !== 'open') throw new AppError('ALLIANCE_ERR_ROUND_CLOSED', 'evaluation.error.roundClosed')
    const answerId = existing?.id ?? newId()
    const values = {
      status: input.submit ? ('submitted' as const) : ('draft' as const),
      what_worked: input.whatWorked.trim(),
      difficulties: input.difficulties.trim(),
      lessons: input.lessons.trim(),
      updated_by: user.userId,
      updated_at: now,
      submitted_by: input.submit ? user.userId : null,
      submitted_at: input.submit ? now : null,
    }
    if (existing) {
      await trx.updateTable('evaluation_answers').set(values).where('id', '=', answerId).execute()
      await trx.deleteFrom('evaluation_ratings').where('answer_id', '=', answerId).execute()
      await trx.deleteFrom('evaluation_impacts').where('answer_id', '=', answerId).execute()
    } else {
      await trx.insertInto('evaluation_answers').values({ id: answerId, round_id: roundId, alliance_id: allianceId, organisation_id: organisationId, created_at: now, ...values }).execute()
    }
    if (ratings.length > 0) await trx.insertInto('evaluation_ratings').values(ratings.map((r) => ({ answer_id: answerId, ...r }))).execute()
    if (impacts.length > 0) await trx.insertInto('evaluation_impacts').values(impacts.map((r) => ({ answer_id: answerId, ...r }))).execute()
  })
}
