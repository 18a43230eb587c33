/**
 * The blocks this feature adds to other features' pages, through their extension points: on a territory page,
 * the alliances located inside it and a link to the network of organisations they link (its own page); on an
 * organisation page, its alliances and its partnerships. Both only show what the reader may see (`readScopeOf`).
 */
import type { FastifyInstance } from 'fastify'
import { isAdminOf } from '../../core/access/actor.js'
import type { OrganisationSection } from '../organisations/index.js'
import type { TerritorySection } from '../territories/index.js'
import { readScopeOf } from './alliances.policy.js'
import { listAlliances, listAlliancesOfOrganisation, listPartnershipsOfOrganisation } from './directory.queries.js'
import { refreshDirectorySummaries } from './directory.service.js'
import { OrganisationAlliances, TerritoryAlliances } from './views/Sections.js'

/** The section plugged into territory pages. */
export function territoryAlliancesSection(app: FastifyInstance): TerritorySection {
  return {
    id: 'alliances',
    async render(territory, request) {
      const scope = readScopeOf(request.actor)
      await refreshDirectorySummaries(app.db, { worlds: false, places: true })
      const page = await listAlliances(app.db, scope, { territoryId: territory.id }, 1, 8)
      return <TerritoryAlliances territory={territory} page={page} />
    },
  }
}

/** The section plugged into organisation pages. */
export function organisationAlliancesSection(app: FastifyInstance): OrganisationSection {
  return {
    id: 'alliances',
    async render(organisation, request) {
      const scope = readScopeOf(request.actor)
      const [alliances, partnerships] = await Promise.all([listAlliancesOfOrganisation(app.db, scope, organisation.id), listPartnershipsOfOrganisation(app.db, scope, organisation.id)])
      return <OrganisationAlliances organisation={organisation} alliances={alliances} partnerships={partnerships} isAdmin={isAdminOf(request.actor, organisation.id)} />
    },
  }
}
