/**
 * The security log: what happened to an account's security — sign-ins and their failures, password resets
 * and changes, second-factor changes, recovery codes used, role changes, sessions closed. Each person reads
 * their own (`/compte/securite`), platform admins read everyone's. Any feature may record an event (an
 * organisation role change, a platform admin promoted), inside its own transaction.
 *
 * Never record a password, a token or a code: `detail` holds only what helps a person recognise the event
 * (the browser, the organisation, the new role).
 */
import type { Kysely } from 'kysely'
import type { CoreTables } from '../db/core.tables.js'
import { newId, nowIso } from '../db/values.js'

/** The kinds of events (message keys `security.event.<kind>` say them in words). */
export const SECURITY_EVENTS = [
  'sign-in',
  'sign-in-failed',
  'sign-in-second-factor-failed',
  'sign-up-repeated',
  'email-verified',
  'password-changed',
  'password-reset-requested',
  'password-reset',
  'totp-enabled',
  'totp-disabled',
  'recovery-code-used',
  'recovery-codes-renewed',
  'session-closed',
  'role-changed',
] as const
export type SecurityEventKind = (typeof SECURITY_EVENTS)[number]

export interface SecurityEvent {
  userId: string | null
  kind: SecurityEventKind
  detail?: Record<string, string | number>
  ip?: string | null
}

/** Records one event with `db` (pass the transaction of the change it describes). */
export async function recordSecurityEvent(db: Kysely<any>, event: SecurityEvent): Promise<void> {
  await (db as Kysely<CoreTables>)
    .insertInto('security_events')
    .values({ id: newId(), user_id: event.userId, kind: event.kind, detail: JSON.stringify(event.detail ?? {}), ip: event.ip ?? null, created_at: nowIso() })
    .execute()
}
