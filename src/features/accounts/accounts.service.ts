/**
 * Accounts: sign-up, authentication, profile and password changes, platform admins, and loading the
 * acting person (with their organisations) for each request.
 */
import type { Kysely } from 'kysely'
import type { Actor, MembershipRole } from '../../core/access/actor.js'
import { isUniqueViolation } from '../../core/db/dialect.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, validationError } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from './passwords.js'
import { revokeSessionsOf } from './session-store.js'

type Db = Kysely<Database>

export interface NewAccount {
  email: string
  password: string
  displayName: string
  locale?: 'fr' | 'en'
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

function checkPassword(password: string, field: string): void {
  if ([...password].length < PASSWORD_MIN) throw validationError([{ field, message: 'form.error.minLength', params: { min: PASSWORD_MIN } }])
  if ([...password].length > PASSWORD_MAX) throw validationError([{ field, message: 'form.error.maxLength', params: { max: PASSWORD_MAX } }])
}

/** Creates an account; a duplicate e-mail is a 409 on the `email` field. Returns the user id. */
export async function signUp(db: Db, input: NewAccount, options: { platformAdmin?: boolean; demo?: boolean } = {}): Promise<string> {
  const email = normaliseEmail(input.email)
  checkPassword(input.password, 'password')
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  const duplicate = () =>
    new AppError('ALLIANCE_ERR_DUPLICATE_EMAIL', 'accounts.error.duplicateEmail', {
      fields: [{ field: 'email', message: 'accounts.error.duplicateEmail' }],
      link: { href: '/connexion', label: 'accounts.signIn.instead' },
    })
  if (existing) throw duplicate()
  const id = newId()
  const now = nowIso()
  const passwordHash = await hashPassword(input.password)
  try {
    await db
      .insertInto('users')
      .values({
        id,
        email,
        password_hash: passwordHash,
        display_name: input.displayName.trim(),
        locale: input.locale ?? 'fr',
        is_platform_admin: options.platformAdmin ? 1 : 0,
        is_demo: options.demo ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .execute()
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate()
    throw error
  }
  return id
}

/** The user id when e-mail and password match, otherwise undefined (same cost either way). */
export async function authenticate(db: Db, email: string, password: string): Promise<string | undefined> {
  const user = await db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', normaliseEmail(email)).executeTakeFirst()
  const ok = await verifyPassword(user?.password_hash, password)
  return ok && user ? user.id : undefined
}

/** Loads the acting person and their memberships in one query; undefined if the account is gone. */
export async function loadActor(db: Db, userId: string): Promise<Actor | undefined> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.is_platform_admin', 'memberships.organisation_id', 'memberships.role'])
    .where('users.id', '=', userId)
    .execute()
  const first = rows[0]
  if (!first) return undefined
  const memberships = new Map<string, MembershipRole>()
  for (const row of rows) if (row.organisation_id && row.role) memberships.set(row.organisation_id, row.role as MembershipRole)
  return {
    userId: first.id,
    email: first.email,
    displayName: first.display_name,
    isPlatformAdmin: first.is_platform_admin === 1,
    memberships,
  }
}

export async function findUser(db: Db, userId: string) {
  return db.selectFrom('users').select(['id', 'email', 'display_name', 'locale', 'is_platform_admin', 'created_at']).where('id', '=', userId).executeTakeFirst()
}

export async function updateProfile(db: Db, userId: string, input: { displayName: string; locale: 'fr' | 'en' }): Promise<void> {
  await db.updateTable('users').set({ display_name: input.displayName.trim(), locale: input.locale, updated_at: nowIso() }).where('id', '=', userId).execute()
}

/** Changes the password after checking the current one; ends every session of the person. */
export async function changePassword(db: Db, userId: string, current: string, next: string): Promise<void> {
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst()
  if (!user || !(await verifyPassword(user.password_hash, current))) {
    throw validationError([{ field: 'current_password', message: 'accounts.error.currentPassword' }])
  }
  checkPassword(next, 'new_password')
  await db.updateTable('users').set({ password_hash: await hashPassword(next), updated_at: nowIso() }).where('id', '=', userId).execute()
  await revokeSessionsOf(db, userId)
}

/**
 * Creates a platform admin, or promotes an existing account (`alliance admin create`).
 * Returns whether the account was created (true) or promoted (false).
 */
export async function ensurePlatformAdmin(db: Db, input: NewAccount): Promise<{ created: boolean; userId: string }> {
  const email = normaliseEmail(input.email)
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (existing) {
    await db.updateTable('users').set({ is_platform_admin: 1, updated_at: nowIso() }).where('id', '=', existing.id).execute()
    return { created: false, userId: existing.id }
  }
  const userId = await signUp(db, { ...input, email }, { platformAdmin: true })
  return { created: true, userId }
}
