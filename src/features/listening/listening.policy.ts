/**
 * Who may do what with needs and resources.
 * - Published needs and resources are public; their matches too (they only show public listings).
 * - Members (admins or members) of an organisation publish and edit its needs and resources; anyone else
 *   gets a 404 on the edit pages and API (as for an organisation's private pages), and naming an
 *   organisation one does not belong to in a form or a body is a 404 too (acting for it).
 * Contact requests have their own policy (`connections/connections.policy.ts`).
 */
import { isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { notFound } from '../../core/errors.js'

declare const scopeBrand: unique symbol
/** An organisation on whose behalf the actor was authorised to act (created by this policy only). */
export interface ListingScope {
  readonly organisationId: string
  readonly [scopeBrand]: true
}

/** Members of the organisation may publish or edit on its behalf; others get 404 (401 signed out). */
export function authorizeListing(actor: Actor, organisationId: string): ListingScope {
  requireUser(actor)
  if (!isMemberOf(actor, organisationId)) throw notFound()
  return { organisationId } as ListingScope
}

/** True when the actor may edit what `organisationId` published (to offer the edit link). */
export function canEditListing(actor: Actor, organisationId: string): boolean {
  return actor.userId !== null && isMemberOf(actor, organisationId)
}
