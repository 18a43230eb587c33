/**
 * JSON API over the geography: search (`GET /api/v1/territories?q=`) and one territory with the levels
 * above it (`GET /api/v1/territories/{kind}/{code}`). Public, read-only.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { AppError } from '../../core/errors.js'
import { apiRoute } from '../../core/http/routes.js'
import { Page, pageMeta } from '../../core/http/schemas.js'
import { findTerritory, listParents, searchTerritoriesPage } from './territories.queries.js'
import { presentTerritory, SearchApiQuery, TerritoryParams, TerritorySchema } from './territories.schemas.js'

export async function territoryApi(app: FastifyInstance): Promise<void> {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/territories',
    public: true,
    operationId: 'searchTerritories',
    tags: ['territories'],
    summary: 'Find territories by name (accent- and hyphen-insensitive), INSEE code or postal code: exact names and codes first, then names starting with the query, then by population; paginated',
    querystring: SearchApiQuery,
    response: { 200: Page(TerritorySchema, { totalDescription: 'Territories found, over every page' }) },
    handler: async (request) => {
      const { q, kind, page, per_page, limit } = request.query
      const found = await searchTerritoriesPage(app.db, q, { page: page ?? 1, perPage: limit ?? per_page ?? 20, kinds: kind ? [kind] : undefined })
      return { data: found.rows.map(presentTerritory), ...pageMeta(found) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/territories/:kind/:code',
    public: true,
    operationId: 'getTerritory',
    tags: ['territories'],
    summary: 'One territory with the levels it belongs to',
    params: TerritoryParams,
    response: { 200: Type.Object({ data: TerritorySchema, parents: Type.Array(TerritorySchema) }, { description: 'The territory and the levels above it' }) },
    handler: async (request) => {
      const { kind, code } = request.params
      const territory = await findTerritory(app.db, kind, code.toUpperCase())
      if (!territory) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'territories.notFound')
      const parents = await listParents(app.db, territory)
      return { data: presentTerritory(territory), parents: parents.map(presentTerritory) }
    },
  })
}
