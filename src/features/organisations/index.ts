/**
 * Organisations (acteurs): the organisations of a territory with their world, identifiers (declared, verified
 * by a platform admin, claims under review), seat, perimeter of action, size and SDGs; the people who act on
 * their behalf (memberships, invitations).
 *
 * Owns: `organisations`, `organisation_perimeters`, `organisation_sdgs`, `memberships`, `invitations`,
 * `identifier_verifications`, `identifier_claims`.
 * Public exports: the plugin, the territory-page section, the profile-section type, queries used by accounts,
 * home and other features' pickers, identifiers, the page-cache tag of organisations, the actor list and the contact
 * details (ContactItems) other features show.
 */
import type { FastifyInstance } from 'fastify'
import { identifierReviewPages } from './identifier-review.routes.js'
import { memberPages } from './members.routes.js'
import { organisationApi } from './organisations.api.js'
import { organisationPages, type OrganisationPagesOptions } from './organisations.routes.js'

export { territoryActorsSection } from './organisations.sections.js'
export { organisationMessages } from './organisations.messages.js'
export {
  countOrganisationsByDepartement,
  countOrganisationsByWorld,
  hasDemoOrganisations,
  listInvitationsForEmail,
  listMembershipsOfUser,
  findOrganisation,
  listOrganisations,
  type Organisation,
} from './organisations.queries.js'
export { resolveOtherTerritories } from './organisations.resolve.js'
export { createOrganisation } from './organisations.service.js'
export { organisationsOnlyAdministeredBy, organisationsPersonalData } from './organisations.personal-data.js'
export { isValidSiret, withLuhnKey } from './identifiers.js'
export { ORGANISATION_PAGES, type OrganisationSection } from './organisations.routes.js'
export { ActorList } from './views/ActorList.js'
export { ContactItems } from './views/ContactItems.js'
export type { OrganisationTables } from './organisations.table.js'

/** Registers the organisation pages (directory, profile, forms, members, invitations, identifier review) and API. */
export async function organisationsFeature(app: FastifyInstance, options: OrganisationPagesOptions): Promise<void> {
  await app.register(organisationPages, options)
  await app.register(memberPages, options)
  await app.register(identifierReviewPages)
  await app.register(organisationApi)
}
