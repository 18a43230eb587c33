/**
 * JSON API over the geography: search (`GET /api/v1/territories?q=`) and one territory with the levels
 * above it (`GET /api/v1/territories/{kind}/{code}`). Public, read-only.
 */
import type { FastifyInstance } from 'fastify'
import Type, { type Static } from 'typebox'
import { AppError } from '../../core/errors.js'
import { findTerritory, listParents, searchTerritories, type Territory } from './territories.queries.js'
import type { TerritoryKind } from './territories.table.js'

const KindSchema = Type.Union(
  [Type.Literal('commune'), Type.Literal('epci'), Type.Literal('ept'), Type.Literal('departement'), Type.Literal('region')],
  { description: 'Territorial level' },
)

export const TerritorySchema = Type.Object({
  id: Type.String({ description: '`kind:code`, e.g. `commune:94080`' }),
  kind: KindSchema,
  code: Type.String({ description: 'INSEE code (commune, département, région) or SIREN (EPCI, EPT)' }),
  name: Type.String(),
  subtype: Type.Union([Type.String(), Type.Null()], { description: 'EPCI legal form (CC, CA, CU, METRO) or EPT' }),
  population: Type.Union([Type.Integer(), Type.Null()], { description: 'Municipal population (INSEE)' }),
  departement_code: Type.Union([Type.String(), Type.Null()]),
  region_code: Type.Union([Type.String(), Type.Null()]),
  postal_codes: Type.Array(Type.String()),
  href: Type.String({ description: 'The territory page' }),
})

/** A territory as the API shows it (shared by every API that embeds territories). */
export function presentTerritory(t: Territory): Static<typeof TerritorySchema> {
  return {
    id: t.id,
    kind: t.kind,
    code: t.code,
    name: t.name,
    subtype: t.subtype,
    population: t.population,
    departement_code: t.departement_code,
    region_code: t.region_code,
    postal_codes: t.postal_codes ? t.postal_codes.split(' ') : [],
    href: `/territoires/${t.kind}/${t.code}`,
  }
}

export async function territoryApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/territories',
    {
      config: { public: true },
      schema: {
        operationId: 'searchTerritories',
        tags: ['territories'],
        summary: 'Find territories by name (accent- and hyphen-insensitive), INSEE code or postal code',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 100, description: 'Name, INSEE code or postal code' }),
            kind: Type.Optional(KindSchema),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ data: Type.Array(TerritorySchema) }) },
      },
    },
    async (request) => {
      const { q, kind, limit } = request.query as { q: string; kind?: TerritoryKind; limit?: number }
      const rows = await searchTerritories(app.db, q, { limit: limit ?? 20, kinds: kind ? [kind] : undefined })
      return { data: rows.map(presentTerritory) }
    },
  )

  app.get(
    '/api/v1/territories/:kind/:code',
    {
      config: { public: true },
      schema: {
        operationId: 'getTerritory',
        tags: ['territories'],
        summary: 'One territory with the levels it belongs to',
        params: Type.Object({ kind: KindSchema, code: Type.String({ pattern: '^[0-9A-Za-z]{1,12}$' }) }),
        response: { 200: Type.Object({ data: TerritorySchema, parents: Type.Array(TerritorySchema) }) },
      },
    },
    async (request) => {
      const { kind, code } = request.params as { kind: TerritoryKind; code: string }
      const territory = await findTerritory(app.db, kind, code.toUpperCase())
      if (!territory) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'territories.notFound')
      const parents = await listParents(app.db, territory)
      return { data: presentTerritory(territory), parents: parents.map(presentTerritory) }
    },
  )
}
