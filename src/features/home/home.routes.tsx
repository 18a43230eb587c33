/**
 * The home page (`/`) and the about page (`/a-propos`). The map's counts scan every organisation: the anonymous
 * page cache keeps the rendered home page until an organisation changes (tag `organisations`), so counts are
 * never kept anywhere else — a second cache of the figures would let a page rendered just after a change be
 * cached again with the old counts.
 */
import type { FastifyInstance } from 'fastify'
import { pageRoute } from '../../core/http/routes.js'
import { countOrganisationsByDepartement, countOrganisationsByWorld, ORGANISATION_PAGES } from '../organisations/index.js'
import { listDepartements } from '../territories/index.js'
import { availableLessons, availableSteps } from './home.capabilities.js'
import { AboutPage } from './views/AboutPage.js'
import { HomePage, type HomeFigures } from './views/HomePage.js'

/** Registers the home and about pages. */
export async function homePages(app: FastifyInstance): Promise<void> {
  const figures = async (): Promise<HomeFigures> => {
    const [byDepartement, byWorld, departements] = await Promise.all([countOrganisationsByDepartement(app.db), countOrganisationsByWorld(app.db), listDepartements(app.db)])
    return { byDepartement, byWorld, departements }
  }

  pageRoute(app, {
    url: '/',
    public: true,
    cache: { tags: [ORGANISATION_PAGES] },
    handler: async (_request, reply) => reply.page(<HomePage figures={await figures()} steps={availableSteps(app)} />),
  })

  pageRoute(app, {
    url: '/a-propos',
    public: true,
    // Fixed text; the pages it links to are registered at start.
    cache: { tags: [] },
    handler: async (_request, reply) => reply.page(<AboutPage lessons={availableLessons(app)} />),
  })
}
