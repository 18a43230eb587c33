/**
 * One-click unsubscribe: the link of a notification e-mail sets that kind to "never" for its recipient; the
 * link of a daily digest sets every kind the person receives in the digest to "never".
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'
import { DIGEST_KIND, type NotificationKind } from './notifications.kinds.js'
import { setPaces } from './notifications.service.js'

/** Applies an unsubscribe link; false when the account no longer exists. */
export async function unsubscribe(db: Kysely<Database>, userId: string, kind: string, kinds: NotificationKind[]): Promise<boolean> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()
  if (!user) return false
  if (kind !== DIGEST_KIND) {
    await setPaces(db, userId, [{ kind, pace: 'never' }])
    return true
  }
  const chosen = new Map((await db.selectFrom('notification_preferences').select(['kind', 'pace']).where('user_id', '=', userId).execute()).map((c) => [c.kind, c.pace]))
  const daily = kinds.filter((k) => (chosen.get(k.key) ?? k.defaultPace) === 'daily')
  await setPaces(db, userId, daily.map((k) => ({ kind: k.key, pace: 'never' as const })))
  return true
}
