/**
 * The second factor: TOTP (RFC 6238, otplib: 6 digits, 30-second steps, one step of tolerance either side)
 * and ten recovery codes.
 *
 * - The TOTP secret is stored encrypted (AES-256-GCM, key derived from the session secret with HKDF): a copy
 *   of the database alone does not give the codes. Changing `ALLIANCE_SESSION_SECRET` therefore disables
 *   every second factor (people then use a recovery code, then set it up again).
 * - A code is accepted once: the last accepted time step is kept, and a code of that step or an earlier one
 *   is refused (replay), even within the tolerance window.
 * - Recovery codes are random (40 bits), shown once, stored hashed, each usable once.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { sha256 } from '../../core/hash.js'
import type { Kysely } from 'kysely'
import { generateSecret, generateURI, verify } from 'otplib'
import { newId, nowIso } from '../../core/db/values.js'
import type { Database } from '../../database.js'

type Db = Kysely<Database>

const PERIOD = 30
/** Accepts the previous, current and next step (clock drift of the phone). */
const TOLERANCE_SECONDS = PERIOD
export const RECOVERY_CODE_COUNT = 10

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'alliance-second-factor', 'totp-secret', 32))
}

/** Encrypts a base32 TOTP secret for storage. */
export function sealTotpSecret(sessionSecret: string, base32: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyOf(sessionSecret), iv)
  const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()])
  return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
}

/** Decrypts a stored secret; null when it cannot be read (another session secret, tampering). */
export function openTotpSecret(sessionSecret: string, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || !body) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(sessionSecret), Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}

/** A new base32 secret (160 bits). */
export function newTotpSecret(): string {
  return generateSecret()
}

/** The `otpauth://` URI an authenticator app scans (as a QR code) for `secret`. */
export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: 'Alliance', label: email, secret })
}

/**
 * Checks a TOTP code against `secret`: the time step it belongs to when valid and later than `afterStep`,
 * else null. `now` (ms) is for tests.
 */
export async function checkTotp(secret: string, code: string, afterStep: number | null, now = Date.now()): Promise<number | null> {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const epoch = Math.floor(now / 1000)
  const result = await verify({ secret, token, epoch, epochTolerance: TOLERANCE_SECONDS, ...(afterStep === null ? {} : { afterTimeStep: afterStep }) })
  if (!result.valid) return null
  const step = Math.floor(epoch / PERIOD) + result.delta
  return afterStep !== null && step <= afterStep ? null : step
}

function hashCode(code: string): string {
  return sha256(`recovery\u0000${code.trim().toLowerCase().replace(/[\s-]/g, '')}`)
}

/** Ten new recovery codes replace the old ones (with `db`: the caller's transaction); returns them, to show once. */
export async function renewRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(8)
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('')
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}`
  })
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
  const now = nowIso()
  await db.insertInto('recovery_codes').values(codes.map((code) => ({ id: newId(), user_id: userId, code_hash: hashCode(code), created_at: now, used_at: null }))).execute()
  return codes
}

/** Uses a recovery code once (with `db`: the caller's transaction); false when unknown or already used. */
export async function useRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  if (!/^[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(code.trim())) return false
  const result = await db.updateTable('recovery_codes').set({ used_at: nowIso() }).where('user_id', '=', userId).where('code_hash', '=', hashCode(code)).where('used_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** How many recovery codes are left. */
export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow()
  return Number(row.n)
}
