/**
 * Conflicts of interest: a person is excluded from an application automatically when one of their organisations is
 * a partner of the applying alliance (active or invited), and when they declared a conflict with it. Computed from
 * the partners as they are now (a partner who joins later excludes the reviewer from then on), so that no stored
 * flag can go stale.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../database.js'

type Db = Kysely<Database>

export type ConflictSource = 'partner' | 'declared'

const CONFLICTING_STATUSES = ['active', 'invited'] as const

/** Why `userId` may not review or decide on the application, or null. */
export async function conflictOf(db: Db, userId: string | null, application: { id: string; alliance_id: string }): Promise<ConflictSource | null> {
  if (userId === null) return null
  const [partner, declared] = await Promise.all([
    db
      .selectFrom('memberships')
      .innerJoin('alliance_partners', 'alliance_partners.organisation_id', 'memberships.organisation_id')
      .select('alliance_partners.id')
      .where('memberships.user_id', '=', userId)
      .where('alliance_partners.alliance_id', '=', application.alliance_id)
      .where('alliance_partners.status', 'in', CONFLICTING_STATUSES)
      .executeTakeFirst(),
    db.selectFrom('mobilisation_conflicts').select('user_id').where('application_id', '=', application.id).where('user_id', '=', userId).executeTakeFirst(),
  ])
  return partner ? 'partner' : declared ? 'declared' : null
}

/** Every (application, person) conflict of a call among `userIds` (the reviewers, or one person). */
export async function conflictsOfCall(db: Db, callId: string, userIds: string[]): Promise<Array<{ application_id: string; user_id: string; source: ConflictSource }>> {
  if (userIds.length === 0) return []
  const [partners, declared] = await Promise.all([
    db
      .selectFrom('mobilisation_applications as a')
      .innerJoin('alliance_partners as p', 'p.alliance_id', 'a.alliance_id')
      .innerJoin('memberships as m', 'm.organisation_id', 'p.organisation_id')
      .select(['a.id as application_id', 'm.user_id'])
      .distinct()
      .where('a.call_id', '=', callId)
      .where('p.status', 'in', CONFLICTING_STATUSES)
      .where('m.user_id', 'in', userIds)
      .execute(),
    db
      .selectFrom('mobilisation_conflicts as c')
      .innerJoin('mobilisation_applications as a', 'a.id', 'c.application_id')
      .select(['c.application_id', 'c.user_id'])
      .where('a.call_id', '=', callId)
      .where('c.user_id', 'in', userIds)
      .execute(),
  ])
  const seen = new Set(partners.map((p) => `${p.application_id}:${p.user_id}`))
  return [...partners.map((p) => ({ ...p, source: 'partner' as const })), ...declared.filter((d) => !seen.has(`${d.application_id}:${d.user_id}`)).map((d) => ({ ...d, source: 'declared' as const }))]
}
