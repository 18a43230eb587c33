/**
 * Accounts: registration with e-mail verification, sign-in (with the second factor when set up), password
 * changes and resets, platform admins, and loading the acting person (with their organisations) per request.
 *
 * Registration never tells whether an address has an account: it answers the same and does the same work
 * (an argon2id hash, one transaction, one e-mail) for a new address, an unverified one and a known one. The
 * known owner receives "you already have an account" instead of a verification link.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor, type MembershipRole } from '../../core/access/actor.js'
import { recordSecurityEvent } from '../../core/access/security-log.js'
import { isUniqueViolation } from '../../core/db/dialect.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, validationError } from '../../core/errors.js'
import type { Locale } from '../../core/i18n/index.js'
import { enqueueJob } from '../../core/jobs/jobs.js'
import { queueMail } from '../../core/mail/outbox.js'
import type { Database } from '../../database.js'
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from './passwords.js'
import { checkTotp, openTotpSecret, useRecoveryCode } from './second-factor.js'
import { revokeSessionsOf } from './session-store.js'
import { consumeToken, issueToken, TOKEN_HOURS } from './tokens.js'

type Db = Kysely<Database>

export interface NewAccount {
  email: string
  password: string
  displayName: string
  locale?: Locale
}

/** Where a request comes from, for the security log. */
export interface RequestContext {
  ip: string | null
  userAgent?: string
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

function checkPassword(password: string, field: string): void {
  if ([...password].length < PASSWORD_MIN) throw validationError([{ field, message: 'form.error.minLength', params: { min: PASSWORD_MIN } }])
  if ([...password].length > PASSWORD_MAX) throw validationError([{ field, message: 'form.error.maxLength', params: { max: PASSWORD_MAX } }])
}

const asLocale = (value: string | undefined | null): Locale => (value === 'en' ? 'en' : 'fr')

/**
 * Creates a verified account directly, without e-mail (`alliance admin create`, fixtures, benchmarks); a
 * duplicate address is a 409 on `email`. People register through `registerAccount`. Returns the user id.
 */
export async function signUp(db: Db, input: NewAccount, options: { platformAdmin?: boolean; demo?: boolean } = {}): Promise<string> {
  const email = normaliseEmail(input.email)
  checkPassword(input.password, 'password')
  const duplicate = () => new AppError('ALLIANCE_ERR_DUPLICATE_EMAIL', 'accounts.error.duplicateEmail', { fields: [{ field: 'email', message: 'accounts.error.duplicateEmail' }] })
  if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) throw duplicate()
  const id = newId()
  const now = nowIso()
  try {
    await db
      .insertInto('users')
      .values({ id, email, password_hash: await hashPassword(input.password), display_name: input.displayName.trim(), locale: input.locale ?? 'fr', is_platform_admin: options.platformAdmin ? 1 : 0, is_demo: options.demo ? 1 : 0, created_at: now, updated_at: now, email_verified_at: now })
      .execute()
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate()
    throw error
  }
  return id
}

/**
 * Registration from the sign-up form. Whatever the address, the caller shows the same "check your inbox"
 * page. New address: an unverified account and a verification link. Unverified address: a new link that
 * carries this attempt's password and name (applied if that link is the one opened). Verified address: a
 * message to its owner saying an account exists (sign in, or reset the password).
 */
export async function registerAccount(db: Db, input: NewAccount, context: RequestContext): Promise<void> {
  const email = normaliseEmail(input.email)
  checkPassword(input.password, 'password')
  const passwordHash = await hashPassword(input.password)
  const locale = input.locale ?? 'fr'
  const displayName = input.displayName.trim()
  const attempt = async () =>
    db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('users').select(['id', 'locale', 'email_verified_at']).where('email', '=', email).executeTakeFirst()
      if (existing?.email_verified_at) {
        await recordSecurityEvent(trx, { userId: existing.id, kind: 'sign-up-repeated', ip: context.ip })
        await queueMail(trx, { to: email, userId: existing.id, locale: asLocale(existing.locale), template: 'accounts.mail.alreadyRegistered', params: { link: '/connexion', reset: '/mot-de-passe-oublie' } })
        return
      }
      let userId = existing?.id
      let payload: object | null = null
      if (userId) payload = { passwordHash, displayName, locale }
      else {
        userId = newId()
        const now = nowIso()
        await trx.insertInto('users').values({ id: userId, email, password_hash: passwordHash, display_name: displayName, locale, is_platform_admin: 0, is_demo: 0, created_at: now, updated_at: now, email_verified_at: null }).execute()
      }
      const token = await issueToken(trx, userId, 'verify-email', payload)
      await queueMail(trx, { to: email, userId, locale, template: 'accounts.mail.verify', params: { name: displayName, hours: TOKEN_HOURS['verify-email'], link: `/inscription/confirmer/${token}` } })
    })
  try {
    await attempt()
  } catch (error) {
    // Two registrations of one new address at once: the second finds the first's account.
    if (!isUniqueViolation(error)) throw error
    await attempt()
  }
}

/**
 * Verifies an address with the link's token (single use, 48 hours); applies the password and name of a
 * repeated registration when the link carries them. Returns the user id to sign in, or undefined.
 */
export async function verifyEmail(db: Db, token: string, context: RequestContext): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await consumeToken(trx, 'verify-email', token)
    if (!row) return undefined
    const user = await trx.selectFrom('users').select(['id', 'email_verified_at']).where('id', '=', row.user_id).executeTakeFirst()
    if (!user || user.email_verified_at) return undefined
    const now = nowIso()
    const pending = row.payload ? (JSON.parse(row.payload) as { passwordHash: string; displayName: string; locale: string }) : null
    await trx
      .updateTable('users')
      .set({ email_verified_at: now, updated_at: now, ...(pending ? { password_hash: pending.passwordHash, display_name: pending.displayName, locale: pending.locale } : {}) })
      .where('id', '=', user.id)
      .execute()
    // The other links of this address are void now.
    await trx.updateTable('account_tokens').set({ used_at: now }).where('user_id', '=', user.id).where('purpose', '=', 'verify-email').where('used_at', 'is', null).execute()
    await recordSecurityEvent(trx, { userId: user.id, kind: 'email-verified', ip: context.ip })
    return user.id
  })
}

export type SignInOutcome = { kind: 'signed-in'; userId: string } | { kind: 'second-factor'; userId: string } | { kind: 'unverified' } | { kind: 'refused' }

/**
 * First step of sign-in: the password (same cost for unknown addresses). A correct password on an unverified
 * address sends a new verification link. With a second factor, the caller asks for the code next
 * (`completeSecondFactor`).
 */
export async function signIn(db: Db, email: string, password: string, context: RequestContext): Promise<SignInOutcome> {
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'email_verified_at', 'totp_enabled_at', 'display_name', 'locale', 'email']).where('email', '=', normaliseEmail(email)).executeTakeFirst()
  const ok = await verifyPassword(user?.password_hash, password)
  if (!ok || !user) {
    await recordSecurityEvent(db, { userId: user?.id ?? null, kind: 'sign-in-failed', ip: context.ip, detail: context.userAgent ? { browser: context.userAgent.slice(0, 200) } : {} })
    return { kind: 'refused' }
  }
  if (!user.email_verified_at) {
    await db.transaction().execute(async (trx) => {
      const token = await issueToken(trx, user.id, 'verify-email')
      await queueMail(trx, { to: user.email, userId: user.id, locale: asLocale(user.locale), template: 'accounts.mail.verify', params: { name: user.display_name, hours: TOKEN_HOURS['verify-email'], link: `/inscription/confirmer/${token}` } })
    })
    return { kind: 'unverified' }
  }
  if (user.totp_enabled_at) return { kind: 'second-factor', userId: user.id }
  await recordSecurityEvent(db, { userId: user.id, kind: 'sign-in', ip: context.ip, detail: context.userAgent ? { browser: context.userAgent.slice(0, 200) } : {} })
  return { kind: 'signed-in', userId: user.id }
}

/**
 * Second step of sign-in: a TOTP code (once per time step: a replayed code is refused) or a recovery code
 * (once). Records the sign-in or the failure. `secret` is the session secret (it unseals the TOTP secret).
 */
export async function completeSecondFactor(db: Db, secret: string, userId: string, code: string, context: RequestContext): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['totp_secret', 'totp_last_step']).where('id', '=', userId).executeTakeFirst()
    if (!user?.totp_secret) return false
    const base32 = openTotpSecret(secret, user.totp_secret)
    const step = base32 === null ? null : await checkTotp(base32, code, user.totp_last_step === null ? null : Number(user.totp_last_step))
    if (step !== null) {
      const updated = await trx
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 1) {
        await recordSecurityEvent(trx, { userId, kind: 'sign-in', ip: context.ip, detail: { factor: 'totp', ...(context.userAgent ? { browser: context.userAgent.slice(0, 200) } : {}) } })
        return true
      }
    } else if (await useRecoveryCode(trx, userId, code)) {
      await recordSecurityEvent(trx, { userId, kind: 'recovery-code-used', ip: context.ip })
      await recordSecurityEvent(trx, { userId, kind: 'sign-in', ip: context.ip, detail: { factor: 'recovery-code' } })
      return true
    }
    await recordSecurityEvent(trx, { userId, kind: 'sign-in-second-factor-failed', ip: context.ip })
    return false
  })
}

/**
 * Loads the acting person and their memberships in one query; undefined if the account is gone. Platform
 * admin powers need the second factor: an admin without one acts as anyone else until it is set up.
 */
export async function loadActor(db: Db, userId: string): Promise<(Actor & { mustSetUpSecondFactor: boolean }) | undefined> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.is_platform_admin', 'users.totp_enabled_at', 'memberships.organisation_id', 'memberships.role'])
    .where('users.id', '=', userId)
    .execute()
  const first = rows[0]
  if (!first) return undefined
  const memberships = new Map<string, MembershipRole>()
  for (const row of rows) if (row.organisation_id && row.role) memberships.set(row.organisation_id, row.role as MembershipRole)
  const admin = first.is_platform_admin === 1
  return {
    userId: first.id,
    email: first.email,
    displayName: first.display_name,
    isPlatformAdmin: admin && first.totp_enabled_at !== null,
    memberships,
    mustSetUpSecondFactor: admin && first.totp_enabled_at === null,
  }
}

export async function findUser(db: Db, userId: string) {
  return db.selectFrom('users').select(['id', 'email', 'display_name', 'locale', 'is_platform_admin', 'created_at', 'totp_enabled_at']).where('id', '=', userId).executeTakeFirst()
}

/** The signed-in person's own name and language. */
export async function updateProfile(db: Db, actor: Actor, input: { displayName: string; locale: Locale }): Promise<void> {
  const { userId } = requireUser(actor)
  await db.updateTable('users').set({ display_name: input.displayName.trim(), locale: input.locale, updated_at: nowIso() }).where('id', '=', userId).execute()
}

/** Changes the signed-in person's password after checking the current one; ends every session of the person. */
export async function changePassword(db: Db, actor: Actor, current: string, next: string, context: RequestContext): Promise<void> {
  const { userId } = requireUser(actor)
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst()
  if (!user || !(await verifyPassword(user.password_hash, current))) {
    throw validationError([{ field: 'current_password', message: 'accounts.error.currentPassword' }])
  }
  checkPassword(next, 'new_password')
  const hash = await hashPassword(next)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, updated_at: nowIso() }).where('id', '=', userId).execute()
    await revokeSessionsOf(trx, userId)
    await recordSecurityEvent(trx, { userId, kind: 'password-changed', ip: context.ip })
  })
}

/** The queue that answers "forgotten password" requests (so that the request itself costs the same for any address). */
export const PASSWORD_RESET_QUEUE = 'accounts.password-reset'

/** Accepts a "forgotten password" request for any address: the job sends a link only to an existing account. */
export async function requestPasswordReset(db: Db, email: string, context: RequestContext): Promise<void> {
  await enqueueJob(db, PASSWORD_RESET_QUEUE, { email: normaliseEmail(email), ip: context.ip })
}

/** The job's work: a reset link (1 hour, single use) to the address's owner, if there is one. */
export async function sendPasswordReset(db: Db, payload: { email: string; ip: string | null }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'locale']).where('email', '=', payload.email).executeTakeFirst()
    if (!user) return
    const token = await issueToken(trx, user.id, 'reset-password')
    await recordSecurityEvent(trx, { userId: user.id, kind: 'password-reset-requested', ip: payload.ip })
    await queueMail(trx, { to: payload.email, userId: user.id, locale: asLocale(user.locale), template: 'accounts.mail.reset', params: { hours: TOKEN_HOURS['reset-password'], link: `/mot-de-passe-oublie/${token}` } })
  })
}

/**
 * Sets a new password with a reset link (single use, 1 hour): every session of the person ends, the address
 * counts as verified (the link reached it), the second factor stays. False when the link is not usable.
 */
export async function resetPassword(db: Db, token: string, password: string, context: RequestContext): Promise<boolean> {
  checkPassword(password, 'password')
  const hash = await hashPassword(password)
  return db.transaction().execute(async (trx) => {
    const row = await consumeToken(trx, 'reset-password', token)
    if (!row) return false
    const now = nowIso()
    await trx.updateTable('users').set((eb) => ({ password_hash: hash, updated_at: now, email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(now)) })).where('id', '=', row.user_id).execute()
    await trx.updateTable('account_tokens').set({ used_at: now }).where('user_id', '=', row.user_id).where('purpose', '=', 'reset-password').where('used_at', 'is', null).execute()
    await revokeSessionsOf(trx, row.user_id)
    await recordSecurityEvent(trx, { userId: row.user_id, kind: 'password-reset', ip: context.ip })
    return true
  })
}

/**
 * Creates a platform admin, or promotes an existing account (`alliance admin create`). The new admin sets up
 * a second factor at first sign-in (admin powers wait for it). Returns whether the account was created.
 */
export async function ensurePlatformAdmin(db: Db, input: NewAccount): Promise<{ created: boolean; userId: string }> {
  const email = normaliseEmail(input.email)
  const existing = await db.selectFrom('users').select(['id', 'is_platform_admin']).where('email', '=', email).executeTakeFirst()
  if (existing) {
    if (existing.is_platform_admin !== 1) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ is_platform_admin: 1, updated_at: nowIso() }).where('id', '=', existing.id).execute()
        await recordSecurityEvent(trx, { userId: existing.id, kind: 'role-changed', detail: { role: 'platform-admin', by: 'cli' } })
      })
    }
    return { created: false, userId: existing.id }
  }
  const userId = await signUp(db, { ...input, email }, { platformAdmin: true })
  await recordSecurityEvent(db, { userId, kind: 'role-changed', detail: { role: 'platform-admin', by: 'cli' } })
  return { created: true, userId }
}

/** Unverified accounts whose links all expired are removed (a periodic job): nobody can use them. */
export async function pruneUnverifiedAccounts(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - TOKEN_HOURS['verify-email'] * 3600_000).toISOString()
  const result = await db
    .deleteFrom('users')
    .where('email_verified_at', 'is', null)
    .where('created_at', '<', cutoff)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('account_tokens').select('id').whereRef('account_tokens.user_id', '=', 'users.id').where('purpose', '=', 'verify-email').where('expires_at', '>', now.toISOString()))))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** The "this link is no longer valid" error (410): used, replaced or expired. */
export function invalidLink(): AppError {
  return new AppError('ALLIANCE_ERR_LINK_INVALID', 'accounts.error.linkInvalid')
}
