/**
 * What a person manages about their account's security: the second factor (set up with a code from the app,
 * recovery codes shown once, turned off with password and code — never for platform admins, who need it),
 * their open sessions (listed, closed one by one), and their security log. Platform admins read every log.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { recordSecurityEvent } from '../../core/access/security-log.js'
import { nowIso } from '../../core/db/values.js'
import { pageOf, pageWindow, type PageOf } from '../../core/db/paging.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { authorizePlatformAdmin } from './accounts.policy.js'
import type { RequestContext } from './accounts.service.js'
import { verifyPassword } from './passwords.js'
import { checkTotp, openTotpSecret, renewRecoveryCodes, sealTotpSecret } from './second-factor.js'
import { hashSessionId } from './session-store.js'

type Db = Kysely<Database>

/**
 * Turns the second factor on with the secret shown to the person and a first code from their app (proof that
 * the app has it). Returns the recovery codes, to show once.
 */
export async function enableSecondFactor(db: Db, sessionSecret: string, actor: Actor, base32: string, code: string, context: RequestContext): Promise<string[]> {
  const user = requireUser(actor)
  const step = await checkTotp(base32, code, null)
  if (step === null) throw validationError([{ field: 'code', message: 'accounts.security.error.code' }])
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('users')
      .set({ totp_secret: sealTotpSecret(sessionSecret, base32), totp_enabled_at: nowIso(), totp_last_step: step, updated_at: nowIso() })
      .where('id', '=', user.userId)
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'accounts.security.error.alreadyEnabled')
    await recordSecurityEvent(trx, { userId: user.userId, kind: 'totp-enabled', ip: context.ip })
    return renewRecoveryCodes(trx, user.userId)
  })
}

/** Checks the password and a current code (or recovery code is not enough here: the factor itself). */
async function confirmIdentity(db: Db, sessionSecret: string, userId: string, password: string, code: string) {
  const user = await db.selectFrom('users').select(['password_hash', 'totp_secret', 'totp_last_step', 'is_platform_admin']).where('id', '=', userId).executeTakeFirstOrThrow()
  const problems: FieldProblem[] = []
  if (!(await verifyPassword(user.password_hash, password))) problems.push({ field: 'password', message: 'accounts.error.currentPassword' })
  const base32 = user.totp_secret ? openTotpSecret(sessionSecret, user.totp_secret) : null
  const step = base32 === null ? null : await checkTotp(base32, code, user.totp_last_step === null ? null : Number(user.totp_last_step))
  if (step === null) problems.push({ field: 'code', message: 'accounts.security.error.code' })
  if (problems.length > 0) throw validationError(problems)
  return { user, step: step as number }
}

/** Turns the second factor off (password and a current code). Platform admins cannot: it is required for them. */
export async function disableSecondFactor(db: Db, sessionSecret: string, actor: Actor, password: string, code: string, context: RequestContext): Promise<void> {
  const me = requireUser(actor)
  const { user, step } = await confirmIdentity(db, sessionSecret, me.userId, password, code)
  if (user.is_platform_admin === 1) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'accounts.security.error.requiredForAdmins')
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: step, updated_at: nowIso() }).where('id', '=', me.userId).execute()
    await trx.deleteFrom('recovery_codes').where('user_id', '=', me.userId).execute()
    await recordSecurityEvent(trx, { userId: me.userId, kind: 'totp-disabled', ip: context.ip })
  })
}

/** New recovery codes (password and a current code); the old ones stop working. */
export async function renewCodes(db: Db, sessionSecret: string, actor: Actor, password: string, code: string, context: RequestContext): Promise<string[]> {
  const me = requireUser(actor)
  const { step } = await confirmIdentity(db, sessionSecret, me.userId, password, code)
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_last_step: step }).where('id', '=', me.userId).execute()
    await recordSecurityEvent(trx, { userId: me.userId, kind: 'recovery-codes-renewed', ip: context.ip })
    return renewRecoveryCodes(trx, me.userId)
  })
}

export interface SessionRow {
  /** the stored (hashed) id, which names the session in the "close" form */
  id: string
  createdAt: string
  lastSeenAt: string
  ip: string | null
  browser: string | null
  current: boolean
}

/** The open sessions of the actor, most recent first; `currentSessionId` is the cookie's session id. */
export async function listSessions(db: Db, actor: Actor, currentSessionId: string): Promise<SessionRow[]> {
  const me = requireUser(actor)
  const current = hashSessionId(currentSessionId)
  const rows = await db.selectFrom('sessions').select(['id', 'data', 'created_at', 'last_seen_at']).where('user_id', '=', me.userId).where('expires_at', '>', nowIso()).orderBy('last_seen_at', 'desc').execute()
  return rows.map((r) => {
    let data: { ip?: string; userAgent?: string; signedInAt?: string } = {}
    try {
      data = JSON.parse(r.data) as typeof data
    } catch {
      data = {}
    }
    return { id: r.id, createdAt: data.signedInAt ?? r.created_at, lastSeenAt: r.last_seen_at, ip: data.ip ?? null, browser: data.userAgent ?? null, current: r.id === current }
  })
}

/** The stored id of one of the actor's open sessions, or 404 (another person's session, an unknown or malformed id). */
export async function authorizeOwnSession(db: Db, actor: Actor, sessionRowId: string | undefined): Promise<string> {
  const me = requireUser(actor)
  if (sessionRowId === undefined || !/^[0-9a-f]{64}$/.test(sessionRowId)) throw notFound()
  const row = await db.selectFrom('sessions').select('id').where('id', '=', sessionRowId).where('user_id', '=', me.userId).executeTakeFirst()
  if (!row) throw notFound()
  return row.id
}

/** Closes one of the actor's sessions (another person's session, or an unknown id, is a 404). */
export async function closeSession(db: Db, actor: Actor, sessionRowId: string, context: RequestContext): Promise<void> {
  const me = requireUser(actor)
  await db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('sessions').where('id', '=', sessionRowId).where('user_id', '=', me.userId).executeTakeFirst()
    if (Number(result.numDeletedRows) !== 1) throw notFound()
    await recordSecurityEvent(trx, { userId: me.userId, kind: 'session-closed', ip: context.ip })
  })
}

export interface SecurityEventRow {
  id: string
  kind: string
  detail: Record<string, string | number>
  ip: string | null
  createdAt: string
  email: string | null
}

export const EVENTS_PAGE_SIZE = 50

/**
 * One page of security events, newest first: the actor's own, or — `everyone` — every account's (platform
 * admins only; others get 404). A page past the last one is empty, with the totals. Uses the
 * (user_id, created_at) and created_at indexes.
 */
export async function listSecurityEvents(db: Db, actor: Actor, options: { everyone: boolean; page: number }): Promise<PageOf<SecurityEventRow>> {
  const me = options.everyone ? { userId: authorizePlatformAdmin(actor).adminId } : requireUser(actor)
  let query = db.selectFrom('security_events').leftJoin('users', 'users.id', 'security_events.user_id')
  if (!options.everyone) query = query.where('security_events.user_id', '=', me.userId)
  const window = pageWindow(options.page, EVENTS_PAGE_SIZE)
  const [rows, total] = await Promise.all([
    query
      .select(['security_events.id', 'security_events.kind', 'security_events.detail', 'security_events.ip', 'security_events.created_at', 'users.email'])
      .orderBy('security_events.created_at', 'desc')
      .orderBy('security_events.id', 'desc')
      .limit(window.limit)
      .offset(window.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return pageOf(
    rows.map((r) => ({ id: r.id, kind: r.kind, detail: JSON.parse(r.detail) as Record<string, string | number>, ip: r.ip, createdAt: r.created_at, email: r.email ?? null })),
    Number(total.n),
    window.page,
    EVENTS_PAGE_SIZE,
  )
}
