/**
 * Who may do what with a pooled fund.
 * - A fund is public: its page, totals, committee and contributors' names, its transparency page.
 * - Its **admins** are the admins of the host organisation: they edit it, appoint its committee, record payments
 *   received and the host's commitments, open calls for projects, assign reviewers, decide, sign and pay grants.
 * - Its **governance** (admins and committee members) reads the ledger and each contributor's amounts.
 * - A contributor's admins pledge for it (the rule of acting for an organisation) and see their own amounts.
 * Platform admins have no implicit right inside a fund.
 */
import { isAdminOf, requireUser, type Actor } from '../../../core/access/actor.js'
import { AppError } from '../../../core/errors.js'
import type { Fund } from './funds.queries.js'

export interface FundAccess {
  fund: Fund
  /** the actor administers the host organisation */
  admin: boolean
  /** the actor sits on the committee */
  committee: boolean
}

export function isFundAdmin(actor: Actor, fund: Pick<Fund, 'host_organisation_id'>): boolean {
  return isAdminOf(actor, fund.host_organisation_id)
}

/** The fund's admins only (401, then 403). */
export function authorizeFundAdmin(actor: Actor, access: FundAccess): FundAccess {
  requireUser(actor)
  if (!access.admin) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.fundAdminOnly')
  return access
}

/** The fund's governance: its admins and committee (401, then 403). */
export function authorizeFundGovernance(actor: Actor, access: FundAccess): FundAccess {
  requireUser(actor)
  if (!access.admin && !access.committee) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.governanceOnly')
  return access
}
