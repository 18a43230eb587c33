/**
 * Server-side sessions for `@fastify/session`, kept in the `sessions` table: revocable (sign-out deletes the
 * row; changing a password deletes all of a person's rows), with an absolute lifetime (the cookie's expiry)
 * and an idle timeout (`last_seen_at`, refreshed at most once a minute). Only a hash of the id is stored.
 */
import { sha256 } from '../../core/hash.js'
import type { SessionStore } from '@fastify/session'
import type { Session } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'

type Callback = (err?: unknown) => void
type GetCallback = Parameters<SessionStore['get']>[1]

/** The stored id of a session: the SHA-256 of the id its cookie carries. */
export function hashSessionId(sessionId: string): string {
  return sha256(sessionId)
}

const TOUCH_EVERY_MS = 60_000

export class KyselySessionStore implements SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly idleMs: number,
    private readonly maxAgeMs: number,
  ) {}

  get(sessionId: string, callback: GetCallback): void {
    const id = hashSessionId(sessionId)
    this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
      .then(async (row) => {
        if (!row) return callback(null, null)
        const now = Date.now()
        if (Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + this.idleMs <= now) {
          await this.db.deleteFrom('sessions').where('id', '=', id).execute()
          return callback(null, null)
        }
        if (Date.parse(row.last_seen_at) + TOUCH_EVERY_MS < now) {
          await this.db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', id).execute()
        }
        callback(null, JSON.parse(row.data) as Session)
      })
      .catch((err: unknown) => callback(err))
  }

  set(sessionId: string, value: Session, callback: Callback): void {
    const session = value as unknown as Record<string, unknown>
    const id = hashSessionId(sessionId)
    const now = new Date()
    const cookie = session.cookie as { expires?: string | Date | null } | undefined
    const expires = cookie?.expires ? new Date(cookie.expires) : new Date(now.getTime() + this.maxAgeMs)
    const row = {
      id,
      user_id: typeof session.userId === 'string' ? session.userId : null,
      data: JSON.stringify(session),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expires.toISOString(),
    }
    this.db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({ user_id: row.user_id, data: row.data, last_seen_at: row.last_seen_at, expires_at: row.expires_at }))
      .execute()
      .then(() => callback())
      .catch((err: unknown) => callback(err))
  }

  destroy(sessionId: string, callback: Callback): void {
    this.db
      .deleteFrom('sessions')
      .where('id', '=', hashSessionId(sessionId))
      .execute()
      .then(() => callback())
      .catch((err: unknown) => callback(err))
  }
}

/** Ends every session of a person (after a password change or reset), with `db` (possibly a transaction). */
export async function revokeSessionsOf(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** Deletes expired sessions (run at every start, see setup.ts). */
export async function pruneSessions(db: Kysely<Database>, idleMs: number): Promise<number> {
  const now = Date.now()
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', new Date(now).toISOString()), eb('last_seen_at', '<=', new Date(now - idleMs).toISOString())]))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
