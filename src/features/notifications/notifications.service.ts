/**
 * Notifications: an in-app line per person (an i18n key with parameters, read in each person's language) and
 * an e-mail at the pace each person chose for the kind — at once (queued with the same transaction), in the
 * daily digest, or never. Features call `notify(trx, kind, …)` inside the transaction of the act.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { newId, nowIso } from '../../core/db/values.js'
import { notFound } from '../../core/errors.js'
import type { Params } from '../../core/i18n/index.js'
import { queueMail } from '../../core/mail/outbox.js'
import type { Database } from '../../database.js'
import { DIGEST_KIND, type NotificationKind, type Pace } from './notifications.kinds.js'

type Db = Kysely<Database>

/** Who receives it: explicit people, or the organisation whose members (or admins) the kind addresses. */
export type NotifyTarget = { userIds: string[] } | { organisationId: string }

export interface NotifyInput {
  params?: Record<string, string | number>
  /** relative link of the in-app line and of the e-mail's action */
  link?: string
  /** one of the kind's variants (e.g. `accepted`) */
  variant?: string
  /** the person who acted: not notified of their own act */
  exceptUserId?: string | null
}

/** The in-app message and e-mail template of a kind (or of one of its variants). */
export function keysOf(kind: NotificationKind, variant?: string | null): { message: string; mail: string } {
  if (!variant) return { message: kind.message, mail: kind.mail }
  if (!kind.variants?.includes(variant)) throw new Error(`Variante ${variant} inconnue pour ${kind.key}`)
  return { message: `${kind.message}.${variant}`, mail: `${kind.mail}.${variant}` }
}

/** The verified accounts a notification goes to. */
async function recipientsOf(db: Db, kind: NotificationKind, target: NotifyTarget) {
  if ('userIds' in target) {
    const ids = [...new Set(target.userIds)]
    if (ids.length === 0) return []
    return db.selectFrom('users').select(['id', 'email', 'locale']).where('id', 'in', ids).where('email_verified_at', 'is not', null).orderBy('id').execute()
  }
  let query = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('memberships.organisation_id', '=', target.organisationId)
    .where('users.email_verified_at', 'is not', null)
  if (kind.audience === 'organisation-admins') query = query.where('memberships.role', '=', 'admin')
  return query.orderBy('users.id').execute()
}

/**
 * Notifies the recipients of `kind` with `db` (the transaction of the act): one in-app line each, and the
 * e-mail queued at once for those whose pace is "immediately". Returns how many people were notified.
 */
export async function notify(db: Db, kind: NotificationKind, target: NotifyTarget, input: NotifyInput = {}): Promise<number> {
  const keys = keysOf(kind, input.variant)
  const recipients = (await recipientsOf(db, kind, target)).filter((r) => r.id !== input.exceptUserId)
  if (recipients.length === 0) return 0
  const chosen = await db.selectFrom('notification_preferences').select(['user_id', 'pace']).where('kind', '=', kind.key).where('user_id', 'in', recipients.map((r) => r.id)).execute()
  const paceOf = new Map(chosen.map((c) => [c.user_id, c.pace as Pace]))
  const now = nowIso()
  const params = input.params ?? {}
  const rows = recipients.map((r) => {
    const pace = paceOf.get(r.id) ?? kind.defaultPace
    return { id: newId(), user_id: r.id, kind: kind.key, message_key: keys.message, params: JSON.stringify(params), link: input.link ?? null, created_at: now, read_at: null, mail_state: pace === 'immediate' ? ('immediate' as const) : pace === 'daily' ? ('digest' as const) : ('none' as const) }
  })
  await db.insertInto('notifications').values(rows).execute()
  for (const [i, r] of recipients.entries()) {
    if (rows[i]?.mail_state !== 'immediate') continue
    await queueMail(db, { to: r.email, userId: r.id, locale: r.locale === 'en' ? 'en' : 'fr', template: keys.mail, params: { ...params, ...(input.link ? { link: input.link } : {}) }, unsubscribeKind: kind.key })
  }
  return recipients.length
}

/** Number of unread notifications of a person (one indexed count). */
export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow()
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

function parseParams(raw: string): Record<string, string | number> {
  try {
    return JSON.parse(raw) as Record<string, string | number>
  } catch {
    return {}
  }
}

/** The most recent notifications of a person (newest first), at most `limit`. */
export async function listNotifications(db: Db, userId: string, limit = 50): Promise<NotificationRow[]> {
  const rows = await db.selectFrom('notifications').select(['id', 'message_key', 'params', 'link', 'created_at', 'read_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
  return rows.map((r) => ({ ...r, params: parseParams(r.params) }))
}

/** Marks every notification of the signed-in person as read; returns how many changed. */
export async function markAllRead(db: Db, actor: Actor): Promise<number> {
  const { userId } = requireUser(actor)
  const result = await db.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Marks one of the actor's notifications read and returns its link (another person's is a 404). */
export async function openNotification(db: Db, actor: Actor, id: string): Promise<string> {
  const user = requireUser(actor)
  const row = await db.selectFrom('notifications').select(['id', 'link', 'read_at']).where('id', '=', id).where('user_id', '=', user.userId).executeTakeFirst()
  if (!row) throw notFound()
  if (row.read_at === null) await db.updateTable('notifications').set({ read_at: nowIso() }).where('id', '=', id).execute()
  return row.link ?? '/notifications'
}

/** The pace of every kind for a person (their choice, else the kind's default). */
export async function pacesOf(db: Db, actor: Actor, kinds: NotificationKind[]): Promise<Map<string, Pace>> {
  const user = requireUser(actor)
  const chosen = await db.selectFrom('notification_preferences').select(['kind', 'pace']).where('user_id', '=', user.userId).execute()
  const byKind = new Map(chosen.map((c) => [c.kind, c.pace as Pace]))
  return new Map(kinds.map((k) => [k.key, byKind.get(k.key) ?? k.defaultPace]))
}

/** The signed-in person's choice of pace for some kinds (the form's schema lists only the application's kinds). */
export async function choosePaces(db: Db, actor: Actor, paces: Array<{ kind: string; pace: Pace }>): Promise<void> {
  await setPaces(db, requireUser(actor).userId, paces)
}

/** Records a person's pace for some kinds (a signed unsubscribe link, or `choosePaces`). */
export async function setPaces(db: Db, userId: string, paces: Array<{ kind: string; pace: Pace }>): Promise<void> {
  if (paces.length === 0) return
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    for (const { kind, pace } of paces) {
      await trx
        .insertInto('notification_preferences')
        .values({ user_id: userId, kind, pace, updated_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ pace, updated_at: now }))
        .execute()
    }
  })
}

/**
 * The daily digest (a periodic job): one e-mail per person listing the notifications waiting for it, in their
 * language; the notifications are marked digested in the same transaction as the queued e-mail, so a job run
 * twice sends each notification once. Works through people in batches of `batch`.
 */
export async function sendDailyDigests(db: Db, batch = 200): Promise<number> {
  let sent = 0
  for (;;) {
    const people = await db.selectFrom('notifications').select('user_id').distinct().where('mail_state', '=', 'digest').limit(batch).execute()
    if (people.length === 0) return sent
    for (const { user_id } of people) {
      await db.transaction().execute(async (trx) => {
        const user = await trx.selectFrom('users').select(['email', 'locale']).where('id', '=', user_id).executeTakeFirst()
        const rows = await trx.selectFrom('notifications').select(['id', 'message_key', 'params', 'link']).where('user_id', '=', user_id).where('mail_state', '=', 'digest').orderBy('created_at').orderBy('id').limit(100).execute()
        if (!user || rows.length === 0) return
        const items = rows.map((r) => ({ message: r.message_key, params: parseParams(r.params) as Params, ...(r.link ? { link: r.link } : {}) }))
        await queueMail(trx, { to: user.email, userId: user_id, locale: user.locale === 'en' ? 'en' : 'fr', template: 'notifications.mail.digest', params: { count: rows.length, link: '/notifications', items: JSON.stringify(items) }, unsubscribeKind: DIGEST_KIND })
        await trx.updateTable('notifications').set({ mail_state: 'digested' }).where('id', 'in', rows.map((r) => r.id)).execute()
        sent++
      })
    }
  }
}
