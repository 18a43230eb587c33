/**
 * The operators' view of background work: queue depths, dead jobs with a replay action, and the e-mail
 * messages (with their delivery state; without SMTP the messages written to the log are read here).
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../core/access/actor.js'
import type { MailMessagesTable } from '../../core/db/core.tables.js'
import { pageOf, pageWindow, type PageOf } from '../../core/db/paging.js'
import { AppError, notFound } from '../../core/errors.js'
import type { DeadJob, JobCounts, JobStore } from '../../core/jobs/jobs.js'
import type { Database } from '../../database.js'
import { authorizePlatformAdmin } from '../accounts/index.js'

export const PAGE_SIZE = 50

export interface JobsOverview {
  counts: JobCounts
  /** one page of dead jobs (past the last page: empty, with the totals) */
  dead: PageOf<DeadJob>
}

/** Queue depths and one page of dead jobs, most recent failure first. */
export async function jobsOverview(store: JobStore, actor: Actor, page: number): Promise<JobsOverview> {
  authorizePlatformAdmin(actor)
  const window = pageWindow(page, PAGE_SIZE)
  const [counts, dead] = await Promise.all([store.counts(), store.listDead(window.limit, window.offset)])
  return { counts, dead: pageOf(dead.rows, dead.total, window.page, PAGE_SIZE) }
}

/** Runs a dead job again (one more attempt). A job that is not dead (already replayed, unknown) is a 404. */
export async function replayDeadJob(store: JobStore, actor: Actor, queue: string, id: string): Promise<void> {
  authorizePlatformAdmin(actor)
  if (!(await store.replay(queue, id))) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'operations.jobs.notDead')
}

export const MAIL_STATUSES = ['queued', 'sent', 'logged', 'failed', 'held'] as const
export type MailStatus = (typeof MAIL_STATUSES)[number]

export type MailRow = Pick<MailMessagesTable, 'id' | 'recipient' | 'locale' | 'template' | 'status' | 'subject' | 'attempts' | 'last_error' | 'transport' | 'created_at' | 'sent_at'>

/** One page of e-mail messages, newest first, optionally of one status (past the last page: empty, with the totals). */
export async function listMail(db: Kysely<Database>, actor: Actor, filter: { status?: MailStatus; page: number }): Promise<PageOf<MailRow>> {
  authorizePlatformAdmin(actor)
  let query = db.selectFrom('mail_messages')
  if (filter.status) query = query.where('status', '=', filter.status)
  const window = pageWindow(filter.page, PAGE_SIZE)
  const [rows, total] = await Promise.all([
    query
      .select(['id', 'recipient', 'locale', 'template', 'status', 'subject', 'attempts', 'last_error', 'transport', 'created_at', 'sent_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(window.limit)
      .offset(window.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return pageOf(rows, Number(total.n), window.page, PAGE_SIZE)
}

/** One message with what is needed to render it as its recipient reads it; 404 when unknown. */
export async function findMail(db: Kysely<Database>, actor: Actor, id: string) {
  authorizePlatformAdmin(actor)
  const row = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound()
  return row
}
