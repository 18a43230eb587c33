/**
 * The operators' view of background work: queue depths, dead jobs with a replay action, and the e-mail
 * messages (with their delivery state; without SMTP the messages written to the log are read here).
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../core/access/actor.js'
import type { MailMessagesTable } from '../../core/db/core.tables.js'
import { isId } from '../../core/db/values.js'
import { AppError } from '../../core/errors.js'
import type { DeadJob, JobCounts, JobStore } from '../../core/jobs/jobs.js'
import type { Database } from '../../database.js'
import { authorizePlatformAdmin } from './operations.policy.js'

export const PAGE_SIZE = 50

export interface JobsOverview {
  counts: JobCounts
  dead: DeadJob[]
  total: number
  page: number
  pageCount: number
}

/** Queue depths and one page of dead jobs, most recent failure first. */
export async function jobsOverview(store: JobStore, actor: Actor, page: number): Promise<JobsOverview> {
  authorizePlatformAdmin(actor)
  const [counts, dead] = await Promise.all([store.counts(), store.listDead(PAGE_SIZE, (page - 1) * PAGE_SIZE)])
  return { counts, dead: dead.rows, total: dead.total, page, pageCount: Math.max(1, Math.ceil(dead.total / PAGE_SIZE)) }
}

/** Runs a dead job again (one more attempt). A job that is not dead (already replayed, unknown) is a 404. */
export async function replayDeadJob(store: JobStore, actor: Actor, queue: string, id: string): Promise<void> {
  authorizePlatformAdmin(actor)
  if (!(await store.replay(queue, id))) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'operations.jobs.notDead')
}

export const MAIL_STATUSES = ['queued', 'sent', 'logged', 'failed', 'held'] as const
export type MailStatus = (typeof MAIL_STATUSES)[number]

export type MailRow = Pick<MailMessagesTable, 'id' | 'recipient' | 'locale' | 'template' | 'status' | 'subject' | 'attempts' | 'last_error' | 'transport' | 'created_at' | 'sent_at'>

/** One page of e-mail messages, newest first, optionally of one status. */
export async function listMail(db: Kysely<Database>, actor: Actor, filter: { status?: MailStatus; page: number }): Promise<{ rows: MailRow[]; total: number; pageCount: number }> {
  authorizePlatformAdmin(actor)
  let query = db.selectFrom('mail_messages')
  if (filter.status) query = query.where('status', '=', filter.status)
  const [rows, total] = await Promise.all([
    query
      .select(['id', 'recipient', 'locale', 'template', 'status', 'subject', 'attempts', 'last_error', 'transport', 'created_at', 'sent_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PAGE_SIZE)
      .offset((filter.page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const count = Number(total.n)
  return { rows, total: count, pageCount: Math.max(1, Math.ceil(count / PAGE_SIZE)) }
}

/** One message with what is needed to render it as its recipient reads it; 404 when unknown. */
export async function findMail(db: Kysely<Database>, actor: Actor, id: string) {
  authorizePlatformAdmin(actor)
  if (!isId(id)) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
  const row = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
  return row
}
