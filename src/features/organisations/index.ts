/**
 * Organisations (acteurs): the organisations of a territory with their world, verified identifiers, seat,
 * perimeter of action, size and SDGs; the people who act on their behalf (memberships, invitations).
 *
 * Owns: `organisations`, `organisation_perimeters`, `organisation_sdgs`, `memberships`, `invitations`.
 * Public exports: the plugin, the territory-page section, queries used by accounts and home, identifiers.
 */
import type { FastifyInstance } from 'fastify'
import { organisationApi } from './organisations.api.js'
import { organisationPages, type OrganisationPagesOptions } from './organisations.pages.js'

export { territoryActorsSection } from './TerritoryActors.js'
export { organisationMessages } from './organisations.messages.js'
export { organisationNotificationMessages } from './organisations.notifications.js'
export { identifierReviewMessages, listOpenClaims, listUnverified, verifyIdentifiers, decideClaim } from './identifier-review.js'
export {
  countOrganisationsByDepartement,
  countOrganisationsByWorld,
  hasDemoOrganisations,
  listInvitationsForEmail,
  listMembershipsOfUser,
  findOrganisation,
  listOrganisations,
} from './organisations.queries.js'
export { resolveOtherTerritories } from './organisations.resolve.js'
export { createOrganisation } from './organisations.service.js'
export { organisationsOnlyAdministeredBy, organisationsPersonalData } from './organisations.personal-data.js'
export { isValidRna, isValidSiren, isValidSiret, withLuhnKey } from './identifiers.js'
export type { OrganisationTables } from './organisations.table.js'
export type { OrganisationData } from './organisations.schemas.js'

export type { OrganisationSection } from './organisations.pages.js'
export { ActorList, DemoBadge } from './organisations.pages.js'
export type { Organisation } from './organisations.queries.js'

export async function organisationsFeature(app: FastifyInstance, options: OrganisationPagesOptions): Promise<void> {
  await app.register(organisationPages, options)
  await app.register(organisationApi)
}
