/**
 * Registrations to a meeting, with a capacity and a waiting list, safe under concurrent requests.
 *
 * How the database keeps "never more registrations than seats":
 * 1. A registration first increments the meeting's `arrival_seq` (`update … returning`): on PostgreSQL this
 *    takes the meeting row's lock until the end of the transaction, so registrations and cancellations of one
 *    meeting run one after the other, in the order they got the lock — their order of arrival; on SQLite a
 *    write transaction already holds the whole database.
 * 2. It then takes a seat with one conditional update of its bucket, `taken = taken + 1 where taken < seats`:
 *    one row changed means a seat, none means the waiting list. The CHECK constraint `taken <= seats` refuses
 *    any write that would overbook, whatever the code around it.
 * 3. Cancelling frees the seat and, in the same transaction, gives it to the first person waiting for that
 *    bucket (lowest arrival), who is told.
 * Each person has at most one registration per meeting (a unique index); registering again after cancelling
 * reuses it, at the end of the queue.
 */
import type { Kysely, Transaction } from 'kysely'
import { isMemberOf, type Actor } from '../../../core/access/actor.js'
import { isUniqueViolation, lockForUpdate } from '../../../core/db/dialect.js'
import { commitTogether } from '../../../core/db/group-commit.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { notifySeatGranted } from '../catalysis.notifications.js'
import { authorizeAttend, authorizeOrganise } from '../catalysis.policy.js'
import type { RegistrationStatus } from '../catalysis.table.js'
import { loadMeetingAccess } from './meetings.access.js'
import { OPEN_SEATS } from './meetings.codes.js'
import { invalidateSummaries } from '../summaries.js'

type Db = Kysely<Database>
type Trx = Transaction<Database>

export interface RegistrationResult {
  id: string
  status: Exclude<RegistrationStatus, 'annule'>
  /** rank in the waiting list (1 = next), null when registered */
  position: number | null
}

/** The rank of a waiting registration in its bucket's queue (1 = next to get a seat). */
async function waitingRank(db: Db | Trx, meetingId: string, bucket: string, arrival: number): Promise<number> {
  const row = await db
    .selectFrom('catalysis_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .where('status', '=', 'attente')
    .where('bucket', '=', bucket)
    .where('arrival', '<=', arrival)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Registers the actor (for one of their organisations, or in their own name). Errors: the meeting hidden
 * 404; cancelled or already started 409; an organisation the actor does not belong to 404 on the field;
 * already registered or waiting 409.
 */
export async function register(db: Db, actor: Actor, meetingId: string, input: { organisationId: string | null }): Promise<RegistrationResult> {
  const access = await loadMeetingAccess(db, actor, meetingId)
  const user = authorizeAttend(actor, access)
  const m = access.meeting
  if (m.status === 'annulee') throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.meetingCancelled')
  if (m.starts_at <= nowIso()) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.meetingStarted')
  let world: string | null = null
  if (input.organisationId !== null) {
    if (!isMemberOf(actor, input.organisationId)) {
      throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'catalysis.error.organisationNotYours', { fields: [{ field: 'organisation_id', message: 'catalysis.error.organisationNotYours' }] })
    }
    world = (await db.selectFrom('organisations').select('world').where('id', '=', input.organisationId).executeTakeFirstOrThrow()).world
  }
  const work = async (trx: Trx): Promise<RegistrationResult> => {
    // 1. the meeting's lock and this request's order of arrival
    const seq = await trx.updateTable('catalysis_meetings').set({ arrival_seq: (eb) => eb('arrival_seq', '+', 1) }).where('id', '=', meetingId).returning('arrival_seq').executeTakeFirstOrThrow()
    const arrival = seq.arrival_seq
    const existing = await trx.selectFrom('catalysis_registrations').select(['id', 'status']).where('meeting_id', '=', meetingId).where('user_id', '=', user.userId).executeTakeFirst()
    if (existing && existing.status !== 'annule') throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.alreadyRegistered')
    const buckets = await trx.selectFrom('catalysis_meeting_seats').select('bucket').where('meeting_id', '=', meetingId).execute()
    const bucket = world !== null && buckets.some((b) => b.bucket === world) ? world : OPEN_SEATS
    // 2. a seat, if one is free
    const taken = await trx
      .updateTable('catalysis_meeting_seats')
      .set({ taken: (eb) => eb('taken', '+', 1) })
      .where('meeting_id', '=', meetingId)
      .where('bucket', '=', bucket)
      .whereRef('taken', '<', 'seats')
      .executeTakeFirst()
    const seated = Number(taken.numUpdatedRows) === 1
    const status = seated ? 'inscrit' : 'attente'
    const now = nowIso()
    const values = { organisation_id: input.organisationId, world, bucket, status, arrival, created_at: now, seated_at: seated ? now : null, cancelled_at: null, attended: null, attendance_at: null, reminder_sent_at: null } as const
    let id: string
    if (existing) {
      id = existing.id
      await trx.updateTable('catalysis_registrations').set(values).where('id', '=', id).execute()
    } else {
      id = newId()
      await trx.insertInto('catalysis_registrations').values({ id, meeting_id: meetingId, user_id: user.userId, ...values }).execute()
    }
    await trx
      .updateTable('catalysis_meetings')
      .set(seated ? { registered_count: (eb) => eb('registered_count', '+', 1) } : { waiting_count: (eb) => eb('waiting_count', '+', 1) })
      .where('id', '=', meetingId)
      .execute()
    await invalidateSummaries(trx)
    return { id, status, position: seated ? null : await waitingRank(trx, meetingId, bucket, arrival) }
  }
  try {
    // SQLite: registrations arriving together share one commit (one fsync), each in its own savepoint, in
    // their order of arrival; PostgreSQL: one transaction each, serialised by the meeting row's lock.
    return await commitTogether(db, work)
  } catch (error) {
    // Two submissions of one person at the same instant: the second meets the unique index.
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.alreadyRegistered')
    throw error
  }
}

/**
 * Gives the free seats of a bucket to the people waiting for it, in order of arrival, inside the caller's
 * transaction (which holds the meeting's lock). Each promoted person is told. Returns how many were seated.
 */
export async function promoteWaiting(trx: Trx, meetingId: string, bucket: string): Promise<number> {
  let promoted = 0
  const meeting = await trx.selectFrom('catalysis_meetings').select(['id', 'title', 'starts_at']).where('id', '=', meetingId).executeTakeFirstOrThrow()
  for (;;) {
    const next = await trx
      .selectFrom('catalysis_registrations')
      .select(['catalysis_registrations.id', 'catalysis_registrations.user_id'])
      .where('catalysis_registrations.meeting_id', '=', meetingId)
      .where('catalysis_registrations.status', '=', 'attente')
      .where('catalysis_registrations.bucket', '=', bucket)
      .orderBy('catalysis_registrations.arrival')
      .limit(1)
      .executeTakeFirst()
    if (!next) break
    const seat = await trx
      .updateTable('catalysis_meeting_seats')
      .set({ taken: (eb) => eb('taken', '+', 1) })
      .where('meeting_id', '=', meetingId)
      .where('bucket', '=', bucket)
      .whereRef('taken', '<', 'seats')
      .executeTakeFirst()
    if (Number(seat.numUpdatedRows) !== 1) break
    await trx.updateTable('catalysis_registrations').set({ status: 'inscrit', seated_at: nowIso() }).where('id', '=', next.id).execute()
    await trx
      .updateTable('catalysis_meetings')
      .set({ registered_count: (eb) => eb('registered_count', '+', 1), waiting_count: (eb) => eb('waiting_count', '-', 1) })
      .where('id', '=', meetingId)
      .execute()
    await notifySeatGranted(trx, meeting, next.user_id)
    promoted++
  }
  return promoted
}

/**
 * Cancels the actor's registration (or leaves the waiting list). A freed seat goes at once to the first
 * person waiting for it. Errors: no active registration 404; the meeting already started 409.
 */
export async function cancelRegistration(db: Db, actor: Actor, meetingId: string): Promise<void> {
  const access = await loadMeetingAccess(db, actor, meetingId)
  const user = authorizeAttend(actor, access)
  if (access.meeting.starts_at <= nowIso()) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.meetingStarted')
  await db.transaction().execute(async (trx) => {
    await lockForUpdate(trx, trx.selectFrom('catalysis_meetings').select('id').where('id', '=', meetingId)).executeTakeFirst()
    const registration = await trx
      .selectFrom('catalysis_registrations')
      .select(['id', 'status', 'bucket'])
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', user.userId)
      .where('status', 'in', ['inscrit', 'attente'])
      .executeTakeFirst()
    if (!registration) throw notFound()
    await trx.updateTable('catalysis_registrations').set({ status: 'annule', cancelled_at: nowIso(), seated_at: null }).where('id', '=', registration.id).execute()
    await invalidateSummaries(trx)
    if (registration.status === 'attente') {
      await trx.updateTable('catalysis_meetings').set({ waiting_count: (eb) => eb('waiting_count', '-', 1) }).where('id', '=', meetingId).execute()
      return
    }
    await trx.updateTable('catalysis_meeting_seats').set({ taken: (eb) => eb('taken', '-', 1) }).where('meeting_id', '=', meetingId).where('bucket', '=', registration.bucket).execute()
    await trx.updateTable('catalysis_meetings').set({ registered_count: (eb) => eb('registered_count', '-', 1) }).where('id', '=', meetingId).execute()
    if (access.meeting.status !== 'annulee') await promoteWaiting(trx, meetingId, registration.bucket)
  })
}

/**
 * Takes attendance (the organisers): `present` lists the registrations present, every other registered
 * person is marked absent. Only seated registrations count; others in the list 400. Returns how many present.
 */
export async function takeAttendance(db: Db, actor: Actor, meetingId: string, present: string[]): Promise<number> {
  const access = await loadMeetingAccess(db, actor, meetingId)
  authorizeOrganise(actor, access)
  return db.transaction().execute(async (trx) => {
    const seated = await trx.selectFrom('catalysis_registrations').select('id').where('meeting_id', '=', meetingId).where('status', '=', 'inscrit').execute()
    const ids = new Set(seated.map((r) => r.id))
    const unknown = present.find((p) => !ids.has(p))
    if (unknown) throw new AppError('ALLIANCE_ERR_VALIDATION', 'error.validation', { fields: [{ field: 'present', message: 'catalysis.error.notRegistered' }] })
    const now = nowIso()
    const here = [...new Set(present)]
    await trx.updateTable('catalysis_registrations').set({ attended: 0, attendance_at: now }).where('meeting_id', '=', meetingId).where('status', '=', 'inscrit').execute()
    if (here.length > 0) await trx.updateTable('catalysis_registrations').set({ attended: 1 }).where('meeting_id', '=', meetingId).where('id', 'in', here).execute()
    await trx.updateTable('catalysis_meetings').set({ present_count: here.length, updated_at: now }).where('id', '=', meetingId).execute()
    await invalidateSummaries(trx)
    return here.length
  })
}

/** The actor's registration to a meeting with its rank when waiting, or null. */
export async function registrationOf(db: Db, actor: Actor, meetingId: string): Promise<(RegistrationResult & { organisation_id: string | null }) | null> {
  if (actor.userId === null) return null
  const row = await db
    .selectFrom('catalysis_registrations')
    .select(['id', 'status', 'bucket', 'arrival', 'organisation_id'])
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', actor.userId)
    .where('status', 'in', ['inscrit', 'attente'])
    .executeTakeFirst()
  if (!row) return null
  const status = row.status as 'inscrit' | 'attente'
  return { id: row.id, status, organisation_id: row.organisation_id, position: status === 'attente' ? await waitingRank(db, meetingId, row.bucket, row.arrival) : null }
}
