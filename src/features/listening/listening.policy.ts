/**
 * Who may do what with needs, resources and contact requests.
 * - Published needs and resources are public; their matches too (they only show public listings).
 * - Members (admins or members) of an organisation publish and edit its needs and resources; anyone else
 *   gets a 404 on the edit pages (as for an organisation's private pages).
 * - A contact request is private to the two organisations: members of either see it (others: 404); only
 *   members of the receiving organisation accept or decline it (the sender's side: 403).
 */
import { isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { AppError, notFound } from '../../core/errors.js'

declare const scopeBrand: unique symbol
/** An organisation on whose behalf the actor was authorised to act (created by this policy only). */
export interface ListingScope {
  readonly organisationId: string
  readonly [scopeBrand]: true
}

declare const requestBrand: unique symbol
/** A contact request the actor may see, and on which side the actor stands (created by this policy only). */
export interface RequestScope {
  readonly requestId: string
  readonly side: 'from' | 'to'
  readonly organisationId: string
  readonly [requestBrand]: true
}

/** Members of the organisation may publish or edit on its behalf; others get 404 (401 signed out). */
export function authorizeListing(actor: Actor, organisationId: string): ListingScope {
  requireUser(actor)
  if (!isMemberOf(actor, organisationId)) throw notFound()
  return { organisationId } as ListingScope
}

/** Members of either organisation see the request; others get 404. */
export function authorizeRequestView(actor: Actor, request: { id: string; from_organisation_id: string; to_organisation_id: string }): RequestScope {
  requireUser(actor)
  if (isMemberOf(actor, request.to_organisation_id)) return { requestId: request.id, side: 'to', organisationId: request.to_organisation_id } as RequestScope
  if (isMemberOf(actor, request.from_organisation_id)) return { requestId: request.id, side: 'from', organisationId: request.from_organisation_id } as RequestScope
  throw notFound()
}

/** Only the receiving organisation answers: the sender's side gets 403, outsiders 404. */
export function authorizeAnswer(actor: Actor, request: { id: string; from_organisation_id: string; to_organisation_id: string }): RequestScope {
  const scope = authorizeRequestView(actor, request)
  if (scope.side !== 'to') throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'listening.error.answerOwnRequest')
  return scope
}

/** The organisations of the actor among `ids` (to choose on whose behalf to act). */
export function memberOrganisations(actor: Actor, ids: string[]): string[] {
  return ids.filter((id) => isMemberOf(actor, id))
}
