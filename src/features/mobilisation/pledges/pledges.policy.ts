/**
 * Who may do what with a pledge.
 * - An active pledge is a public promise: everyone sees it and what fulfilled it. Its lateness is told to its
 *   organisation only (never shown to others), and a withdrawn pledge is seen by its organisation's members only.
 * - The pledging organisation's admins change the promise (quantity, due day, schedule) or withdraw it; its
 *   members link and unlink the contributions that fulfil it (they record contributions too). 403 for others.
 */
import { isAdminOf, isMemberOf, requireUser, type Actor } from '../../../core/access/actor.js'
import { AppError, notFound } from '../../../core/errors.js'
import type { Pledge } from './pledges.queries.js'

/** True when the actor belongs to the pledging organisation (it then sees lateness and withdrawn pledges). */
export function isPledger(actor: Actor, pledge: Pick<Pledge, 'organisation_id'>): boolean {
  return isMemberOf(actor, pledge.organisation_id)
}

/** The pledge, or 404 (a withdrawn pledge of another organisation). */
export function authorizePledgeView(actor: Actor, pledge: Pledge): Pledge {
  if (pledge.status !== 'active' && !isPledger(actor, pledge)) throw notFound()
  return pledge
}

/** Changing or withdrawing the promise: its organisation's admins (401, 404, 403). */
export function authorizePledgeManage(actor: Actor, pledge: Pledge): Pledge {
  requireUser(actor)
  authorizePledgeView(actor, pledge)
  if (!isAdminOf(actor, pledge.organisation_id)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.pledgerAdminOnly')
  return pledge
}

/** Linking contributions to it: its organisation's members (401, 404, 403). */
export function authorizePledgeFulfil(actor: Actor, pledge: Pledge): Pledge {
  requireUser(actor)
  authorizePledgeView(actor, pledge)
  if (!isPledger(actor, pledge)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.pledgerOnly')
  return pledge
}
