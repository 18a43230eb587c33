/**
 * Digests of secrets and contents. Tokens (sessions, invitations, codes) are stored as their SHA-256 digest,
 * never as given, so that a copy of the database opens no door.
 */
import { createHash } from 'node:crypto'

/** The SHA-256 digest of `text` (UTF-8) in lowercase hexadecimal (64 characters). */
export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex')
}
