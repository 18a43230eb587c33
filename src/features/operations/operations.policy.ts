/**
 * Who may operate the platform: platform admins only. Anyone else signed in gets a 404 (the console is not
 * theirs to see), anonymous callers a 401.
 */
import { requireUser, type Actor } from '../../core/access/actor.js'
import { AppError } from '../../core/errors.js'

/** Proof that the actor is a platform admin (only this policy creates it). */
export interface PlatformAdminScope {
  readonly adminId: string
}

export function authorizePlatformAdmin(actor: Actor): PlatformAdminScope {
  const user = requireUser(actor)
  if (!user.isPlatformAdmin) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
  return { adminId: user.userId }
}
