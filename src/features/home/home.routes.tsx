/**
 * The home page (`/`) and the about page (`/a-propos`). The map's counts read every organisation, so they are
 * computed once per state of the organisations: kept in a small lru-cache keyed by the versions of the
 * page-cache tag `organisations` (and `*`), which every write that changes an organisation bumps, in any
 * process. Signed-in people (who get no page cache) and anonymous renders alike read the figures at the cost
 * of one indexed read while nothing changes; the stamp is read before computing, so figures computed while a
 * write commits are kept under the old stamp and never served as new.
 */
import type { FastifyInstance } from 'fastify'
import { LRUCache } from 'lru-cache'
import { pageTagsStamp } from '../../core/http/page-cache.js'
import { pageRoute } from '../../core/http/routes.js'
import { countOrganisationsByDepartement, countOrganisationsByWorld, ORGANISATION_PAGES } from '../organisations/index.js'
import { listDepartements } from '../territories/index.js'
import { availableLessons, availableSteps } from './home.capabilities.js'
import { AboutPage } from './views/AboutPage.js'
import { HomePage, type HomeFigures } from './views/HomePage.js'

/** Registers the home and about pages. */
export async function homePages(app: FastifyInstance): Promise<void> {
  // A few stamps at most are alive at once (the current one, and the previous while a write commits); the TTL
  // only bounds how long a stamp nobody asks for stays in memory. Concurrent misses share one computation.
  const figuresByStamp = new LRUCache<string, HomeFigures>({
    max: 4,
    ttl: 10 * 60_000,
    fetchMethod: async () => {
      const [byDepartement, byWorld, departements] = await Promise.all([countOrganisationsByDepartement(app.db), countOrganisationsByWorld(app.db), listDepartements(app.db)])
      return { byDepartement, byWorld, departements }
    },
  })
  const figures = async (): Promise<HomeFigures> => (await figuresByStamp.fetch(await pageTagsStamp(app.db, [ORGANISATION_PAGES]))) as HomeFigures

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
