/**
 * The blocks this feature adds to other features' pages, through their extension points: on a territory page,
 * the alliances located inside it and the network of organisations linked by alliances and partnerships; on an
 * organisation page, its alliances and its partnerships. Both only show what the reader may see (`readScopeOf`).
 */
import type { FastifyInstance } from 'fastify'
import { isAdminOf } from '../../core/access/actor.js'
import type { OrganisationSection } from '../organisations/index.js'
import type { TerritorySection } from '../territories/index.js'
import { readScopeOf } from './alliances.policy.js'
import { listAlliances, listAlliancesOfOrganisation, listOrganisationSummaries, listPartnershipsOfOrganisation, networkOfTerritory } from './directory.queries.js'
import { refreshDirectorySummaries } from './directory.service.js'
import { chooseNetwork, layoutChoice } from './views/NetworkFigure.js'
import { OrganisationAlliances, TerritoryAlliances } from './views/Sections.js'

/** The section plugged into territory pages. */
export function territoryAlliancesSection(app: FastifyInstance): TerritorySection {
  return {
    id: 'alliances',
    async render(territory, request) {
      const scope = readScopeOf(request.actor)
      await refreshDirectorySummaries(app.db, { worlds: false, places: true })
      const [page, network] = await Promise.all([listAlliances(app.db, scope, { territoryId: territory.id }, 1, 8), networkOfTerritory(app.db, scope, territory.id)])
      const choice = chooseNetwork(network)
      const organisations = await listOrganisationSummaries(app.db, choice.organisationIds)
      return <TerritoryAlliances territory={territory} page={page} network={layoutChoice(choice, organisations)} />
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
