/**
 * What listening adds to other features' pages: the listening dashboard of every territory page and the
 * needs and resources block of organisation profiles (views in `views/Dashboard.tsx`).
 */
import type { FastifyInstance } from 'fastify'
import { parisToday } from '../../core/time/calendar.js'
import type { OrganisationSection } from '../organisations/index.js'
import type { TerritorySection } from '../territories/index.js'
import { countOpenNeedsByDomain, countOpenNeedsBySdg, countResourcesByType, listOfOrganisation, listOrphanNeeds } from './listening.queries.js'
import { ListeningDashboard, OrganisationListings } from './views/Dashboard.js'

/** The listening section plugged into every territory page. */
export function territoryListeningSection(app: FastifyInstance): TerritorySection {
  return {
    id: 'listening',
    async render(territory) {
      const today = parisToday()
      const [byDomain, bySdg, byType, orphans] = await Promise.all([
        countOpenNeedsByDomain(app.db, territory.id),
        countOpenNeedsBySdg(app.db, territory.id),
        countResourcesByType(app.db, territory.id),
        listOrphanNeeds(app.db, territory.id, today, 5),
      ])
      return <ListeningDashboard territory={territory} data={{ byDomain, bySdg, byType, orphans }} />
    },
  }
}

/** The needs and resources block of organisation profiles. */
export function organisationListingsSection(app: FastifyInstance): OrganisationSection {
  return {
    id: 'listening',
    async render(organisation) {
      const { needs, resources } = await listOfOrganisation(app.db, organisation.id, 20)
      return <OrganisationListings needs={needs} resources={resources} />
    },
  }
}
