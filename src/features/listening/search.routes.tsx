/**
 * `/recherche`: one search across needs, resources and actors (full text: accents and plurals do not matter),
 * with the filters every list shares — territory (everything inside it), field of action, SDG, kind of
 * contribution, world, status — and pages. An invalid filter is dropped and named; the others, the words
 * included, still apply.
 */
import type { FastifyInstance } from 'fastify'
import { pageRoute } from '../../core/http/routes.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import { resolvePlaceFilter } from '../territories/index.js'
import { NEED_STATUSES, RESOURCE_STATUSES } from './listening.codes.js'
import { listActors, listNeeds, listResources } from './listening.queries.js'
import { filtersOf } from './listening.routes.js'
import { SearchQuery } from './listening.schemas.js'
import { refreshActorIndex } from './listening.service.js'
import { filterValues } from './views/FilterForm.js'
import { SearchPage, type SearchResults } from './views/SearchPage.js'

/** Rows of each kind when searching everything (a link leads to all of one kind, paged). */
const PREVIEW = 5
const PAGE_SIZE = 20

export async function searchPages(app: FastifyInstance): Promise<void> {
  pageRoute(app, {
    url: '/recherche',
    public: true,
    cache: true,
    querystring: lenient(SearchQuery),
    handler: async (request, reply) => {
      const query = request.query
      const kind = query.type ?? 'tout'
      const place = await resolvePlaceFilter(app.db, query)
      const filters = filtersOf(query, place.territory?.id)
      const all = kind === 'tout'
      const [size, page] = all ? [PREVIEW, 1] : [PAGE_SIZE, query.page ?? 1]
      if (all || kind === 'acteurs') await refreshActorIndex(app.db)
      // The status filter means different things for needs and resources: it applies to the kind it names.
      const needStatus = (NEED_STATUSES as readonly string[]).includes(filters.status ?? '') ? filters.status : undefined
      const resourceStatus = (RESOURCE_STATUSES as readonly string[]).includes(filters.status ?? '') ? filters.status : undefined
      // Actors have no domain nor kind of contribution: with those filters, "everything" leaves them out.
      const wantActors = kind === 'acteurs' || (all && !filters.domain && !filters.contributionType)
      const [needs, resources, actors] = await Promise.all([
        all || kind === 'besoins' ? listNeeds(app.db, { ...filters, status: needStatus }, page, size) : null,
        all || kind === 'ressources' ? listResources(app.db, { ...filters, status: resourceStatus }, page, size) : null,
        wantActors ? listActors(app.db, filters, page, size) : null,
      ])
      const results: SearchResults = { needs, resources, actors }
      return reply.page(<SearchPage values={filterValues(query)} results={results} kind={kind} place={place} ignored={queryProblems(query)} />)
    },
  })
}
