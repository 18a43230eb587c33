/**
 * Territory pages: the search (`/territoires?q=`, ranked and paginated), one page per territory
 * (`/territoires/{commune|epci|ept|departement|region}/{code}`) with the sections other features contribute, and the
 * département outlines the maps draw (served once, cached for a year).
 */
import type { FastifyInstance } from 'fastify'
import type { VNode } from 'preact'
import { AppError } from '../../core/errors.js'
import { pageRoute, paramText } from '../../core/http/routes.js'
import { lenient } from '../../core/http/validation.js'
import { departementSprite, SPRITE_PATH } from './france-map.js'
import { countInside, findTerritory, listChildren, listDepartements, listGroupsInside, listParents, listRegions, searchTerritoriesPage } from './territories.queries.js'
import { SearchPageQuery, TerritoryPageQuery } from './territories.schemas.js'
import type { TerritoryKind } from './territories.table.js'
import { SearchPage } from './views/SearchPage.js'
import { type ChildKind, TerritoryPage, type TerritorySection } from './views/TerritoryPage.js'

const PAGE_SIZE = 50
/** Territories found per page of the search. */
const SEARCH_PAGE_SIZE = 20

/** Which level is listed below a territory on its page. */
function childKind(kind: TerritoryKind): ChildKind | null {
  switch (kind) {
    case 'region':
      return 'departement'
    case 'departement':
    case 'epci':
    case 'ept':
      return 'commune'
    default:
      return null
  }
}

export interface TerritoryPagesOptions {
  sections: TerritorySection[]
}

export async function territoryPages(app: FastifyInstance, options: TerritoryPagesOptions): Promise<void> {
  // The outlines of the département maps; the address carries a digest, so the file never changes under it.
  pageRoute(app, {
    url: SPRITE_PATH,
    public: true,
    handler: async (_request, reply) =>
      reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(departementSprite().svg),
  })

  pageRoute(app, {
    url: '/territoires',
    public: true,
    cache: true,
    querystring: lenient(SearchPageQuery),
    handler: async (request, reply) => {
      const q = request.query.q ?? ''
      const results = q ? await searchTerritoriesPage(app.db, q, { page: request.query.page ?? 1, perPage: SEARCH_PAGE_SIZE }) : null
      const [regions, departements] = q ? [[], []] : await Promise.all([listRegions(app.db), listDepartements(app.db)])
      return reply.page(<SearchPage q={q} results={results} regions={regions} departements={departements} tooShort={q !== '' && q.length < 2} />)
    },
  })

  pageRoute(app, {
    url: '/territoires/:kind/:code',
    public: true,
    cache: true,
    querystring: lenient(TerritoryPageQuery),
    // A level or code of the wrong shape is a page that does not exist (404), not invalid input.
    authorize: async (request) => {
      const kind = paramText(request, 'kind') ?? ''
      const code = paramText(request, 'code') ?? ''
      const territory = /^[0-9A-Za-z]{1,12}$/.test(code) ? await findTerritory(app.db, kind as TerritoryKind, code.toUpperCase()) : undefined
      if (!territory) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'territories.notFound')
      return territory
    },
    handler: async (request, reply, territory) => {
      const page = request.query.page ?? 1
      const below = childKind(territory.kind)
      const [parents, children, groups, inside, sections] = await Promise.all([
        listParents(app.db, territory),
        below ? listChildren(app.db, territory, below, page, PAGE_SIZE) : Promise.resolve(null),
        territory.kind === 'departement' ? listGroupsInside(app.db, territory) : Promise.resolve([]),
        territory.kind === 'commune' ? Promise.resolve({}) : countInside(app.db, territory),
        Promise.all(options.sections.map((s) => s.render(territory, request))),
      ])
      return reply.page(
        <TerritoryPage
          territory={territory}
          parents={parents}
          groups={groups}
          children={below && children ? { kind: below, page: children } : null}
          inside={inside}
          sections={sections.filter((s): s is VNode => s !== null)}
        />,
      )
    },
  })
}
