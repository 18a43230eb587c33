/**
 * In-app notifications: a message (an i18n key with parameters, so each person reads it in their own
 * language) and a link, per person. Features call `notify` inside their own transaction; the layout shows the
 * unread count; `/notifications` lists them and marks them read.
 */
import type { Kysely, Transaction } from 'kysely'
import { newId, nowIso } from '../../core/db/values.js'
import type { Database } from '../../database.js'

type Db = Kysely<Database> | Transaction<Database>

export interface NotificationInput {
  messageKey: string
  params?: Record<string, string | number>
  link?: string
}

/** Notifies each person once (duplicates in `userIds` are ignored). Returns how many rows were written. */
export async function notify(db: Db, userIds: string[], input: NotificationInput): Promise<number> {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return 0
  const now = nowIso()
  await db
    .insertInto('notifications')
    .values(
      unique.map((user_id) => ({
        id: newId(),
        user_id,
        message_key: input.messageKey,
        params: JSON.stringify(input.params ?? {}),
        link: input.link ?? null,
        created_at: now,
        read_at: null,
      })),
    )
    .execute()
  return unique.length
}

/** Number of unread notifications of a person (one indexed count). */
export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface NotificationRow {
  id: string
  message_key: string
  params: Record<string, string | number>
  link: string | null
  created_at: string
  read_at: string | null
}

/** The most recent notifications of a person (newest first), at most `limit`. */
export async function listNotifications(db: Db, userId: string, limit = 50): Promise<NotificationRow[]> {
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'message_key', 'params', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => {
    let params: Record<string, string | number> = {}
    try {
      params = JSON.parse(r.params) as Record<string, string | number>
    } catch {
      params = {}
    }
    return { ...r, params }
  })
}

/** Marks every notification of a person as read; returns how many changed. */
export async function markAllRead(db: Db, userId: string): Promise<number> {
  const result = await db.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows)
}
