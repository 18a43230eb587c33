/**
 * Who is acting: a signed-in person with their organisations and roles, or nobody.
 *
 * Loaded once per request (by the accounts feature) and read by every policy. Policies answer with the
 * statuses of the house: 401 not signed in, 403 may see but not act, 404 may not even see.
 */
import { AppError } from '../errors.js'

export type MembershipRole = 'admin' | 'member'

export interface Actor {
  userId: string | null
  displayName: string
  email: string
  isPlatformAdmin: boolean
  /** organisation id → role, for every organisation the person belongs to */
  memberships: ReadonlyMap<string, MembershipRole>
}

export const anonymousActor: Actor = Object.freeze({
  userId: null,
  displayName: '',
  email: '',
  isPlatformAdmin: false,
  memberships: new Map<string, MembershipRole>(),
})

/** A signed-in actor (narrowed type), or a 401. */
export function requireUser(actor: Actor): Actor & { userId: string } {
  if (actor.userId === null) throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
  return actor as Actor & { userId: string }
}

/** True when the actor belongs to the organisation (any role). */
export function isMemberOf(actor: Actor, organisationId: string): boolean {
  return actor.memberships.has(organisationId)
}

/** True when the actor administers the organisation. Platform admins are not implicitly org admins. */
export function isAdminOf(actor: Actor, organisationId: string): boolean {
  return actor.memberships.get(organisationId) === 'admin'
}
