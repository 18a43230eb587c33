/**
 * Who may do what with a contact request (mise en relation).
 * - A request is private to its two organisations: members of either see it; others get 404.
 * - Only members of the receiving organisation accept or decline it (the sender's side: 403).
 * - Asking for one: a member of the need's or of the resource's organisation (the two are public, so anyone
 *   else signed in gets 403: they may see them, not act); acting for an organisation one does not belong to
 *   is 404.
 */
import { isMemberOf, requireUser, type Actor } from '../../../core/access/actor.js'
import { AppError, notFound, validationError } from '../../../core/errors.js'

declare const requestBrand: unique symbol
/** A contact request the actor may see, and on which side the actor stands (created by this policy only). */
export interface RequestScope {
  readonly requestId: string
  readonly side: 'from' | 'to'
  readonly organisationId: string
  readonly [requestBrand]: true
}

interface RequestSides {
  id: string
  from_organisation_id: string
  to_organisation_id: string
}

/** Members of either organisation see the request; others get 404. */
export function authorizeRequestView(actor: Actor, request: RequestSides): RequestScope {
  requireUser(actor)
  if (isMemberOf(actor, request.to_organisation_id)) return { requestId: request.id, side: 'to', organisationId: request.to_organisation_id } as RequestScope
  if (isMemberOf(actor, request.from_organisation_id)) return { requestId: request.id, side: 'from', organisationId: request.from_organisation_id } as RequestScope
  throw notFound()
}

/** Only the receiving organisation answers: the sender's side gets 403, outsiders 404. */
export function authorizeAnswer(actor: Actor, request: RequestSides): RequestScope {
  const scope = authorizeRequestView(actor, request)
  if (scope.side !== 'to') throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'listening.error.answerOwnRequest')
  return scope
}

/**
 * The organisations of the pair (the need's, the resource's) on whose behalf the actor may ask, in that order
 * and without repetition; 403 when the actor belongs to neither.
 */
export function authorizeAsk(actor: Actor, pair: { needOrganisationId: string; resourceOrganisationId: string }): string[] {
  requireUser(actor)
  const sides = [...new Set([pair.needOrganisationId, pair.resourceOrganisationId])].filter((id) => isMemberOf(actor, id))
  if (sides.length === 0) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'listening.error.notASide')
  return sides
}

/**
 * The organisation the actor asks for: the one chosen (404 when the actor is not one of its members: acting
 * for it; a field problem when it is neither side of the pair), by default the first of `sides`.
 */
export function askingOrganisation(actor: Actor, sides: string[], pair: string[], chosen: string | undefined): string {
  if (chosen === undefined) return sides[0] as string
  if (!isMemberOf(actor, chosen)) throw notFound()
  if (!pair.includes(chosen)) throw validationError([{ field: 'from_organisation_id', message: 'listening.error.notASideOrganisation' }])
  return chosen
}
