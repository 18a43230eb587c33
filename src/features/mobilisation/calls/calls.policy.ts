/**
 * Who may do what with a call to engage.
 * - A published (or closed) call is public; a draft is seen only by the members of its publishing organisation
 *   (404 for everyone else).
 * - The publisher's admins edit, publish and close it (403 for others who see it); they alone see which pledges
 *   need a follow-up.
 */
import { isAdminOf, isMemberOf, requireUser, type Actor } from '../../../core/access/actor.js'
import { AppError, notFound } from '../../../core/errors.js'
import type { Call } from './calls.queries.js'

/** True when the actor may see the call. */
export function canSeeCall(actor: Actor, call: Pick<Call, 'status' | 'organisation_id'>): boolean {
  return call.status !== 'draft' || isMemberOf(actor, call.organisation_id)
}

/** The call, or 404 (a draft of another organisation does not exist for the actor). */
export function authorizeCallView(actor: Actor, call: Call): Call {
  if (!canSeeCall(actor, call)) throw notFound()
  return call
}

/** True when the actor runs the call (its publisher's admins). */
export function isPublisherAdmin(actor: Actor, call: Pick<Call, 'organisation_id'>): boolean {
  return isAdminOf(actor, call.organisation_id)
}

/** Changing the call: signed in (401), sees it (404), publisher's admin (403). */
export function authorizeCallManage(actor: Actor, call: Call): Call {
  requireUser(actor)
  authorizeCallView(actor, call)
  if (!isPublisherAdmin(actor, call)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.publisherOnly')
  return call
}
