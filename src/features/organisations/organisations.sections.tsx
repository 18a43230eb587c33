/** What organisations contribute to other features' pages: the "actors" section of territory pages. */
import type { FastifyInstance } from 'fastify'
import type { TerritorySection } from '../territories/index.js'
import { listOrganisations, listOrganisationsActingIn } from './organisations.queries.js'
import { TerritoryActors } from './views/TerritoryActors.js'

/** The section plugged into territory pages: 12 actors seated inside, 12 acting there from elsewhere. */
export function territoryActorsSection(app: FastifyInstance): TerritorySection {
  return {
    id: 'actors',
    async render(territory) {
      const [seated, acting] = await Promise.all([listOrganisations(app.db, { territoryId: territory.id }, 1, 12), listOrganisationsActingIn(app.db, territory.id, 12)])
      return <TerritoryActors territory={territory} seated={seated} acting={acting} />
    },
  }
}
