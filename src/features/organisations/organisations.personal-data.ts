/**
 * What this feature keeps about a person (RGPD export and erasure, `core/personal-data.ts`): their
 * memberships, and the invitations addressed to their e-mail. Erasure removes the invitations not yet
 * accepted (they hold the address); memberships go with the account. An account that is the only admin of an
 * organisation cannot be erased until another admin is named (`organisationsOnlyAdministeredBy`).
 */
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'
import type { Kysely } from 'kysely'

export const organisationsPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'adhesions',
    read: (db, person) =>
      db
        .selectFrom('memberships')
        .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
        .select(['organisations.id as organisation_id', 'organisations.name as organisation', 'memberships.role', 'memberships.created_at'])
        .where('memberships.user_id', '=', person.id)
        .orderBy('memberships.created_at')
        .execute(),
  },
  {
    key: 'invitations_recues',
    read: (db, person) =>
      db
        .selectFrom('invitations')
        .innerJoin('organisations', 'organisations.id', 'invitations.organisation_id')
        .select(['organisations.name as organisation', 'invitations.role', 'invitations.created_at', 'invitations.expires_at', 'invitations.accepted_at', 'invitations.revoked_at'])
        .where('invitations.email', '=', person.email)
        .orderBy('invitations.created_at')
        .execute(),
    erase: async (trx, person) => {
      await trx.deleteFrom('invitations').where('email', '=', person.email).where('accepted_at', 'is', null).execute()
    },
  },
]

/** The organisations whose only admin is this person (their account cannot be erased before another is named). */
export async function organisationsOnlyAdministeredBy(db: Kysely<Database>, userId: string): Promise<Array<{ id: string; name: string }>> {
  const mine = await db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('memberships.user_id', '=', userId)
    .where('memberships.role', '=', 'admin')
    .execute()
  if (mine.length === 0) return []
  const others = await db
    .selectFrom('memberships')
    .select('organisation_id')
    .where('organisation_id', 'in', mine.map((o) => o.id))
    .where('role', '=', 'admin')
    .where('user_id', '<>', userId)
    .execute()
  const covered = new Set(others.map((o) => o.organisation_id))
  return mine.filter((o) => !covered.has(o.id))
}
