/**
 * A person's rights over their account (RGPD): download everything the platform keeps about them, and erase
 * the account. Each feature describes its part (`PersonalDataSource`, wired in `app.ts`); this module adds the
 * account itself, its sessions and the messages queued to its address, and runs both operations.
 */
import type { Kysely } from 'kysely'
import type { PersonalDataSource, Person } from '../../core/personal-data.js'
import { nowIso } from '../../core/db/values.js'
import { AppError, validationError } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { organisationsOnlyAdministeredBy } from '../organisations/index.js'
import { verifyPassword } from './passwords.js'

type Db = Kysely<Database>

/** The account's own part: its profile (never the password hash), its sessions, the messages sent to it. */
export const accountPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'compte',
    read: (db, person) => db.selectFrom('users').select(['id', 'email', 'display_name', 'locale', 'is_platform_admin', 'created_at', 'updated_at', 'email_verified_at', 'totp_enabled_at']).where('id', '=', person.id).execute(),
  },
  {
    key: 'sessions',
    read: (db, person) => db.selectFrom('sessions').select(['created_at', 'last_seen_at', 'expires_at']).where('user_id', '=', person.id).orderBy('created_at').execute(),
  },
  {
    // Tokens and recovery codes are secrets (hashes): never exported. Erasure: they go with the account (cascade).
    key: 'journal_de_securite',
    read: async (db, person) => {
      const rows = await db.selectFrom('security_events').select(['kind', 'detail', 'ip', 'created_at']).where('user_id', '=', person.id).orderBy('created_at').execute()
      return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }))
    },
  },
  {
    key: 'messages_envoyes',
    read: async (db, person) => {
      const rows = await db
        .selectFrom('mail_messages')
        .select(['template', 'params', 'locale', 'subject', 'status', 'created_at', 'sent_at'])
        .where((eb) => eb.or([eb('recipient', '=', person.email), eb('user_id', '=', person.id)]))
        .orderBy('created_at')
        .execute()
      return rows.map((r) => ({ ...r, params: JSON.parse(r.params) as unknown }))
    },
    erase: async (trx, person) => {
      await trx.deleteFrom('mail_messages').where((eb) => eb.or([eb('recipient', '=', person.email), eb('user_id', '=', person.id)])).execute()
    },
  },
]

async function personOf(db: Db, userId: string): Promise<Person> {
  const user = await db.selectFrom('users').select(['id', 'email']).where('id', '=', userId).executeTakeFirst()
  if (!user) throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
  return user
}

/** Everything kept about the person, one key per part, with the date of the export. */
export async function exportPersonalData(db: Db, sources: PersonalDataSource<Database>[], userId: string): Promise<Record<string, unknown>> {
  const person = await personOf(db, userId)
  const out: Record<string, unknown> = { genere_le: nowIso() }
  for (const source of sources) out[source.key] = await source.read(db, person)
  return out
}

/**
 * Erases the account after checking the password: the features' extra steps, then the `users` row (sessions,
 * memberships and notifications follow it; what the person wrote for organisations stays, unnamed). Refused
 * (409, listing them) while the person is the only admin of an organisation.
 */
export async function erasePersonalData(db: Db, sources: PersonalDataSource<Database>[], userId: string, password: string): Promise<void> {
  const user = await db.selectFrom('users').select(['id', 'email', 'password_hash']).where('id', '=', userId).executeTakeFirst()
  if (!user) throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
  if (!(await verifyPassword(user.password_hash, password))) throw validationError([{ field: 'password', message: 'accounts.error.currentPassword' }])
  const person: Person = { id: user.id, email: user.email }
  await db.transaction().execute(async (trx) => {
    // Inside the transaction, so that an admin leaving meanwhile cannot leave an organisation without one.
    const alone = await organisationsOnlyAdministeredBy(trx, userId)
    if (alone.length > 0) throw new AppError('ALLIANCE_ERR_LAST_ADMIN', 'accounts.erase.lastAdmin', { params: { organisations: alone.map((o) => o.name).join(', ') } })
    for (const source of sources) await source.erase?.(trx, person)
    await trx.deleteFrom('users').where('id', '=', userId).execute()
  })
}
