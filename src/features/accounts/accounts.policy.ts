/**
 * Who may do what with accounts. A person acts on their own account only (another person's session is a 404,
 * as if it did not exist); platform admins — with their second factor, without which their powers do not apply
 * (`loadActor`) — read every account's security log and run the operators' console. Anyone else signed in gets
 * a 404 there (the page is not theirs to see), anonymous callers a 401.
 */
import { requireUser, type Actor } from '../../core/access/actor.js'
import { notFound } from '../../core/errors.js'

/** Proof that the actor is a platform admin (only this policy creates it). */
export interface PlatformAdminScope {
  readonly adminId: string
}

/** The platform admin's scope, or 401 (anonymous) / 404 (anyone else). */
export function authorizePlatformAdmin(actor: Actor): PlatformAdminScope {
  const user = requireUser(actor)
  if (!user.isPlatformAdmin) throw notFound()
  return { adminId: user.userId }
}
