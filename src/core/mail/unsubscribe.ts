/**
 * One-click unsubscribe links (RFC 8058): `/desabonnement/<token>`, where the token names a person and a
 * notification kind and is signed with the session secret (HMAC-SHA-256). It needs no storage, stays valid
 * as long as the secret, and cannot be forged to change someone else's choices.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** Path prefix of the unsubscribe route (served by the notifications feature). */
export const UNSUBSCRIBE_PATH = '/desabonnement'

function signature(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`unsubscribe\u0000${body}`).digest()
}

/** The token of (person, kind). */
export function unsubscribeToken(secret: string, userId: string, kind: string): string {
  const body = Buffer.from(`${userId}\u0000${kind}`, 'utf8').toString('base64url')
  return `${body}.${signature(secret, body).toString('base64url')}`
}

/** The person and kind of a token, or null when it is malformed or not ours. */
export function readUnsubscribeToken(secret: string, token: string): { userId: string; kind: string } | null {
  const match = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!match) return null
  const [, body, mac] = match as unknown as [string, string, string]
  // The signature is compared as written, not decoded: base64url ignores the low bits of its last character, so
  // decoding would accept several spellings of one signature.
  const expected = Buffer.from(signature(secret, body).toString('base64url'), 'latin1')
  const given = Buffer.from(mac, 'latin1')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  const [userId, kind] = Buffer.from(body, 'base64url').toString('utf8').split('\u0000')
  if (!userId || !kind) return null
  return { userId, kind }
}

/** The absolute unsubscribe URL of (person, kind). */
export function unsubscribeUrl(publicUrl: string, secret: string, userId: string, kind: string): string {
  return `${publicUrl}${UNSUBSCRIBE_PATH}/${unsubscribeToken(secret, userId, kind)}`
}
