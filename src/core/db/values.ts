/**
 * Shapes of stored values: identifiers (UUIDv7 text, generated in the application) and times (ISO-8601 UTC text).
 *
 * Why: dialect-neutral, time-ordered (index-friendly), and unguessable enough that enumeration is not the only
 * barrier (authorisation still is).
 */
import { v7 } from 'uuid'

/** A new time-ordered identifier. */
export function newId(): string {
  return v7()
}

/** True when `value` has the shape of an identifier (checked before querying, so junk answers 404 fast). */
export function isId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
}

/** The current instant as ISO-8601 UTC text, the one time format stored in the database. */
export function nowIso(): string {
  return new Date().toISOString()
}
