/**
 * The rule every part of mobilisation shares: an organisation acts through its admins. Publishing a call,
 * pledging, hosting a fund or pledging to it for an organisation one is not a member of answers 404 (it is input
 * that names an organisation the actor has nothing to do with); a member who is not an admin gets 403.
 */
import { isAdminOf, isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { AppError, notFound } from '../../core/errors.js'

/** Acting for `organisationId`: signed in (401), member (404), admin (403). */
export function authorizeActingFor(actor: Actor, organisationId: string): void {
  requireUser(actor)
  if (!isMemberOf(actor, organisationId)) throw notFound()
  if (!isAdminOf(actor, organisationId)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.adminOnly')
}

/** The organisations the actor administers (the choices of "on behalf of" fields). */
export function administeredOrganisations(actor: Actor): string[] {
  return [...actor.memberships].filter(([, role]) => role === 'admin').map(([id]) => id)
}

/** A loader's 404 as `null` (for what input names and the actor may not see); other errors go on. */
export function nullWhenNotFound(error: unknown): null {
  if (error instanceof AppError && error.status === 404) return null
  throw error
}
