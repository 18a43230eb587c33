/**
 * Single-use links sent by e-mail (address verification, password reset): 256 random bits in the link, only
 * their SHA-256 in `account_tokens`, an expiry, and a `used_at` set by the one update that may consume it
 * (`where used_at is null`), so two concurrent uses cannot both succeed.
 */
import { randomBytes } from 'node:crypto'
import { sha256 } from '../../core/hash.js'
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../core/db/values.js'
import type { Database } from '../../database.js'
import type { AccountTokensTable } from './accounts.table.js'

type Db = Kysely<Database>
export type TokenPurpose = AccountTokensTable['purpose']

/** How long a link stays valid. */
export const TOKEN_HOURS: Record<TokenPurpose, number> = { 'verify-email': 48, 'reset-password': 1 }

/** What is stored of a token: its SHA-256 digest. */
export const hashToken = sha256

/** True when `value` has the shape of one of our tokens (checked before any query). */
export function isTokenShape(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value)
}

/** Issues a token for `userId` (with `db`: the caller's transaction); returns the raw token for the link. */
export async function issueToken(db: Db, userId: string, purpose: TokenPurpose, payload: object | null = null): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const now = Date.now()
  await db
    .insertInto('account_tokens')
    .values({
      id: newId(),
      user_id: userId,
      purpose,
      token_hash: hashToken(token),
      payload: payload === null ? null : JSON.stringify(payload),
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + TOKEN_HOURS[purpose] * 3600_000).toISOString(),
      used_at: null,
    })
    .execute()
  return token
}

/** A token that can still be used (not used, not expired), without consuming it; undefined otherwise. */
export async function findUsableToken(db: Db, purpose: TokenPurpose, token: string) {
  if (!isTokenShape(token)) return undefined
  return db
    .selectFrom('account_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .executeTakeFirst()
}

/**
 * Consumes a token with `db` (the caller's transaction): returns its row once; a used, expired, unknown or
 * already consumed token gives undefined.
 */
export async function consumeToken(db: Db, purpose: TokenPurpose, token: string) {
  const row = await findUsableToken(db, purpose, token)
  if (!row) return undefined
  const result = await db.updateTable('account_tokens').set({ used_at: nowIso() }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1 ? row : undefined
}
