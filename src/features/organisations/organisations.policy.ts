/**
 * Who may do what with an organisation. Everyone sees public profiles. Members see the members page;
 * admins edit the profile, invite, change roles and remove members. Someone outside the organisation gets
 * a 404 for its private pages (existence of private data never leaks); a member who may see but not act
 * gets a 403. Platform admins have no implicit rights inside organisations; they alone review identifiers
 * (others get 404: the review is not theirs to see).
 */
import { isAdminOf, isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { AppError, notFound } from '../../core/errors.js'
import type { OrganisationScope } from './organisations.queries.js'

function scopeOf(organisationId: string): OrganisationScope {
  return { organisationId } as OrganisationScope
}

/** Members and admins may see the organisation's private pages; others get 404 (401 when signed out). */
export function authorizeViewPrivate(actor: Actor, organisationId: string): OrganisationScope {
  requireUser(actor)
  if (!isMemberOf(actor, organisationId)) throw notFound()
  return scopeOf(organisationId)
}

/** Only admins act on the organisation: members get 403, outsiders 404. */
export function authorizeAdmin(actor: Actor, organisationId: string): OrganisationScope {
  const scope = authorizeViewPrivate(actor, organisationId)
  if (!isAdminOf(actor, organisationId)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'organisations.error.adminOnly')
  return scope
}

/** Only platform admins review identifiers: anyone else gets 404 (401 when signed out). Returns the reviewer's id. */
export function authorizeReview(actor: Actor): string {
  const user = requireUser(actor)
  if (!user.isPlatformAdmin) throw notFound()
  return user.userId
}

/** The `can` flags a profile page shows buttons for (UX only; the services check again). */
export function organisationCan(actor: Actor, organisationId: string): { edit: boolean; seeMembers: boolean } {
  return {
    edit: isAdminOf(actor, organisationId),
    seeMembers: isMemberOf(actor, organisationId),
  }
}
