/**
 * Evaluation rounds (temps d'évaluation): a coordinator opens a dated round on an alliance — the period it looks
 * back on, its opening and closing days, and whether crossed views will show answers by name or only per world —,
 * may extend it, remind the partners that have not answered, and close it early. Rounds repeat over the years
 * (one not yet closed at a time): "l'évaluation n'est pas un moment mais un chemin".
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { isUniqueViolation } from '../../core/db/dialect.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { authorizeCoordinate, loadAllianceAccess, type AllianceAccess } from '../alliances/index.js'
import { CURRENT_GRID } from './evaluation.grid.js'
import { notifyAnswerDue, notifyRoundOpened } from './evaluation.notifications.js'
import { findRound, roundStatus, type Round } from './evaluation.queries.js'
import type { Disclosure } from './evaluation.table.js'
import { buildReview } from './review.service.js'
import { isCalendarDate, parisToday } from '../../core/time/calendar.js'

type Db = Kysely<Database>

export const DISCLOSURES: readonly Disclosure[] = ['named', 'worlds']

/** A round to open: the days are `YYYY-MM-DD` in France; `disclosure` is `named` or `worlds`. */
export interface RoundInput {
  title: string
  /** first day of the period the round looks back on */
  periodStart: string
  /** last day of that period (not before its first) */
  periodEnd: string
  /** first day answers are accepted, not in the past (default: today) */
  opensOn?: string
  /** last day answers are accepted (not before the opening day nor today) */
  closesOn: string
  /** `named`: crossed views show each organisation; `worlds`: only distributions per world */
  disclosure: string
}

function dateProblems(input: { periodStart: string; periodEnd: string; opensOn: string; closesOn: string }, today: string, options: { checkOpening: boolean }): FieldProblem[] {
  const problems: FieldProblem[] = []
  const check = (field: string, value: string) => {
    if (!isCalendarDate(value)) problems.push({ field, message: 'evaluation.error.date' })
    return isCalendarDate(value)
  }
  const start = check('period_start', input.periodStart)
  const end = check('period_end', input.periodEnd)
  const opens = check('opens_on', input.opensOn)
  const closes = check('closes_on', input.closesOn)
  if (start && end && input.periodEnd < input.periodStart) problems.push({ field: 'period_end', message: 'evaluation.error.periodEnd' })
  if (options.checkOpening && opens && input.opensOn < today) problems.push({ field: 'opens_on', message: 'evaluation.error.opensPast' })
  if (opens && closes && input.closesOn < input.opensOn) problems.push({ field: 'closes_on', message: 'evaluation.error.closesBeforeOpens' })
  else if (closes && input.closesOn < today) problems.push({ field: 'closes_on', message: 'evaluation.error.closesPast' })
  return problems
}

/**
 * The order of a round's days as a form posted them (the `check` of the form, so that a closing day before the
 * opening shows with the other problems): an empty opening day is today.
 */
export function roundDayProblems(values: Readonly<Record<string, string | string[] | undefined>>): FieldProblem[] {
  const text = (name: string) => {
    const value = values[name]
    return typeof value === 'string' ? value.trim() : ''
  }
  const today = parisToday()
  return dateProblems({ periodStart: text('period_start'), periodEnd: text('period_end'), opensOn: text('opens_on') || today, closesOn: text('closes_on') }, today, { checkOpening: true })
}

/** The alliance's facts a notification names. */
const roundRef = (access: AllianceAccess, round: Pick<Round, 'id' | 'number' | 'closes_on'>) => ({ allianceId: access.alliance.id, allianceName: access.alliance.name, roundId: round.id, number: round.number, closesOn: round.closes_on })

/**
 * Opens a round (coordinators' admins) with the current grid; every active partner's members are notified.
 * Refused: a round closing before it opens, a period ending before it starts, an opening day in the past, a
 * closing day passed (400, every field at once); another round still open or upcoming (409).
 */
export async function openRound(db: Db, actor: Actor, allianceId: string, input: RoundInput): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const user = requireUser(actor)
  const today = parisToday()
  const dates = { periodStart: input.periodStart, periodEnd: input.periodEnd, opensOn: input.opensOn || today, closesOn: input.closesOn }
  const problems = dateProblems(dates, today, { checkOpening: true })
  if (input.title.trim().length < 3) problems.unshift({ field: 'title', message: 'form.error.minLength', params: { min: 3 } })
  if (!(DISCLOSURES as readonly string[]).includes(input.disclosure)) problems.push({ field: 'disclosure', message: 'evaluation.error.disclosure' })
  if (problems.length > 0) throw validationError(problems)
  const id = newId()
  const now = nowIso()
  try {
    await db.transaction().execute(async (trx) => {
      const rounds = await trx.selectFrom('evaluation_rounds').select(['number', 'opens_on', 'closes_on', 'closed_at']).where('alliance_id', '=', scope.allianceId).execute()
      if (rounds.some((r) => roundStatus(r, today) !== 'closed')) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.roundPending')
      const number = rounds.reduce((max, r) => Math.max(max, r.number), 0) + 1
      await trx
        .insertInto('evaluation_rounds')
        .values({
          id,
          alliance_id: scope.allianceId,
          number,
          title: input.title.trim(),
          period_start: dates.periodStart,
          period_end: dates.periodEnd,
          opens_on: dates.opensOn,
          closes_on: dates.closesOn,
          grid_version: CURRENT_GRID.version,
          disclosure: input.disclosure as Disclosure,
          opened_by: user.userId,
          closed_at: null,
          closed_by: null,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await notifyRoundOpened(trx, roundRef(access, { id, number, closes_on: dates.closesOn }), user.userId)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.roundPending')
    throw error
  }
  return id
}

async function loadRound(db: Db, actor: Actor, allianceId: string, roundId: string) {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const round = await findRound(db, scope, roundId)
  if (!round) throw notFound()
  return { access, scope, round }
}

/** Moves the closing day of a round not yet closed (coordinators' admins); never before its opening nor today. */
export async function extendRound(db: Db, actor: Actor, allianceId: string, roundId: string, input: { closesOn: string }): Promise<void> {
  const { round } = await loadRound(db, actor, allianceId, roundId)
  const today = parisToday()
  if (roundStatus(round, today) === 'closed') throw new AppError('ALLIANCE_ERR_ROUND_CLOSED', 'evaluation.error.roundClosed')
  const problems = dateProblems({ periodStart: round.period_start, periodEnd: round.period_end, opensOn: round.opens_on, closesOn: input.closesOn }, today, { checkOpening: false })
  if (problems.length > 0) throw validationError(problems)
  await db.updateTable('evaluation_rounds').set({ closes_on: input.closesOn, updated_at: nowIso() }).where('id', '=', roundId).execute()
}

/** Reminds the partners that have not submitted an open round (coordinators' admins); returns how many people. */
export async function remindLatePartners(db: Db, actor: Actor, allianceId: string, roundId: string): Promise<number> {
  const { access, round } = await loadRound(db, actor, allianceId, roundId)
  if (roundStatus(round, parisToday()) !== 'open') throw new AppError('ALLIANCE_ERR_ROUND_CLOSED', 'evaluation.error.roundNotOpen')
  return db.transaction().execute(async (trx) => {
    const partners = await trx.selectFrom('alliance_partners').select('organisation_id').where('alliance_id', '=', allianceId).where('status', '=', 'active').execute()
    const submitted = new Set((await trx.selectFrom('evaluation_answers').select('organisation_id').where('round_id', '=', roundId).where('status', '=', 'submitted').execute()).map((r) => r.organisation_id))
    return notifyAnswerDue(trx, roundRef(access, round), partners.map((p) => p.organisation_id).filter((id) => !submitted.has(id)), requireUser(actor).userId)
  })
}

/**
 * Closes a round before its closing day (coordinators' admins) and establishes its review; closing twice is a
 * 409 (a round whose closing day has passed is already closed).
 */
export async function closeRound(db: Db, actor: Actor, allianceId: string, roundId: string): Promise<void> {
  const { round } = await loadRound(db, actor, allianceId, roundId)
  if (roundStatus(round, parisToday()) === 'closed') throw new AppError('ALLIANCE_ERR_ROUND_CLOSED', 'evaluation.error.alreadyClosed')
  const user = requireUser(actor)
  const now = nowIso()
  const updated = await db.updateTable('evaluation_rounds').set({ closed_at: now, closed_by: user.userId, updated_at: now }).where('id', '=', roundId).where('closed_at', 'is', null).executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_ROUND_CLOSED', 'evaluation.error.alreadyClosed')
  await buildReview(db, actor, allianceId, roundId)
}
