/**
 * Who may do what with a grant agreement (convention).
 * - The fund's admins read it at any time, prepare it (tranches, conditions, reporting obligations) until it is
 *   signed, sign it for the fund and record its payments.
 * - Once the call's decisions are published, the members of the funded alliance's active partners read it; the
 *   beneficiary organisation's admins sign it for their side; the alliance's coordinators' admins open the evaluation
 *   round that answers a reporting obligation.
 * - Everyone else: 404 (the fund's transparency page is the public view of signed grants).
 */
import { isAdminOf, requireUser, type Actor } from '../../../core/access/actor.js'
import { AppError, notFound } from '../../../core/errors.js'
import type { Grant } from './grants.queries.js'

export interface GrantAccess {
  grant: Grant
  fundAdmin: boolean
  /** a member of an active partner of the funded alliance */
  partner: boolean
  /** an admin of an active coordinator of the funded alliance */
  coordinatorAdmin: boolean
}

export function canSeeGrant(access: GrantAccess): boolean {
  return access.fundAdmin || (access.partner && access.grant.call_status === 'decided')
}

export function authorizeGrantView(actor: Actor, access: GrantAccess): GrantAccess {
  requireUser(actor)
  if (!canSeeGrant(access)) throw notFound()
  return access
}

export function authorizeGrantManage(actor: Actor, access: GrantAccess): GrantAccess {
  authorizeGrantView(actor, access)
  if (!access.fundAdmin) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.fundAdminOnly')
  return access
}

/** The side the actor signs for: the fund (its admins) or the beneficiary (its organisation's admins); 403 otherwise. */
export function signingSide(actor: Actor, access: GrantAccess, side: 'fund' | 'beneficiary'): GrantAccess {
  authorizeGrantView(actor, access)
  const allowed = side === 'fund' ? access.fundAdmin : isAdminOf(actor, access.grant.beneficiary_organisation_id) && access.grant.call_status === 'decided'
  if (!allowed) throw new AppError('ALLIANCE_ERR_FORBIDDEN', side === 'fund' ? 'mobilisation.error.fundAdminOnly' : 'mobilisation.error.beneficiaryAdminOnly')
  return access
}

export function authorizeReportRound(actor: Actor, access: GrantAccess): GrantAccess {
  authorizeGrantView(actor, access)
  if (!access.coordinatorAdmin || access.grant.call_status !== 'decided') throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.applicantAdminOnly')
  return access
}
