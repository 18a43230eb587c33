/**
 * JSON API of the mobilisation dashboards: France (`/api/v1/mobilisation/territories`) and each territory
 * (`/api/v1/mobilisation/territories/{kind}/{code}`), public. Euros are decimals; quantities are decimals in their unit.
 */
import type { FastifyInstance } from 'fastify'
import Type, { type Static } from 'typebox'
import { AppError } from '../../../core/errors.js'
import { apiRoute, paramText } from '../../../core/http/routes.js'
import { named } from '../../../core/http/schemas.js'
import { findTerritory, TerritorySchema, presentTerritory, type Territory } from '../../territories/index.js'
import { centsText } from '../amounts.js'
import { territoryDashboard, type Breakdown, type Dashboard } from './dashboard.queries.js'

const BreakdownSchema = named(
  'MobilisationBreakdown',
  Type.Object({ code: Type.String({ description: 'World, size band, commune-size band or département id (empty: unknown)' }), organisations: Type.Integer(), pledges: Type.Integer(), pledged_euros: Type.String(), realised_euros: Type.String() }),
)

const DashboardSchema = named(
  'MobilisationDashboard',
  Type.Object({
    territory: Type.Union([TerritorySchema, Type.Null()]),
    organisations: Type.Integer({ description: 'Organisations with an active pledge' }),
    pledges: Type.Integer(),
    pledged_euros: Type.String({ description: 'Value of the active pledges (valuation rates of the day each was made)' }),
    realised_euros: Type.String({ description: 'Value of what contributions fulfilled' }),
    unvalued_pledges: Type.Integer({ description: 'Pledges of kinds without a rate (goods, premises)' }),
    companies: Type.Object({ total: Type.Integer(), engaged: Type.Integer() }, { description: 'Companies seated in the territory, and those with an active pledge' }),
    by_kind: Type.Array(Type.Object({ kind: Type.String(), unit: Type.String(), pledged: Type.String(), fulfilled: Type.String() })),
    by_world: Type.Array(BreakdownSchema),
    by_size: Type.Array(BreakdownSchema),
    by_commune_band: Type.Array(BreakdownSchema),
    by_departement: Type.Array(BreakdownSchema),
  }),
)

const presentBreakdown = (b: Breakdown) => ({ code: b.code, organisations: b.organisations, pledges: b.pledges, pledged_euros: centsText(b.pledgedCents), realised_euros: centsText(b.realisedCents) })

function present(territory: Territory | null, d: Dashboard): Static<typeof DashboardSchema> {
  return {
    territory: territory ? presentTerritory(territory) : null,
    organisations: d.organisations,
    pledges: d.pledges,
    pledged_euros: centsText(d.pledgedCents),
    realised_euros: centsText(d.realisedCents),
    unvalued_pledges: d.unvalued,
    companies: d.companies,
    by_kind: d.byKind.map((k) => ({ kind: k.kind, unit: k.unit, pledged: centsText(k.pledged), fulfilled: centsText(k.fulfilled) })),
    by_world: d.byWorld.map(presentBreakdown),
    by_size: d.bySize.map(presentBreakdown),
    by_commune_band: d.byCommuneBand.map(presentBreakdown),
    by_departement: d.byDepartement.map(presentBreakdown),
  }
}

export async function dashboardApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const tags: [string] = ['mobilisation']
  const response = { 200: Type.Object({ data: DashboardSchema }, { description: 'The dashboard' }) }

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/territories',
    public: true,
    operationId: 'getMobilisationDashboardFrance',
    tags,
    summary: 'The mobilisation dashboard of France: pledged and realised by world, size band, commune-size band, département',
    response,
    handler: async () => ({ data: present(null, await territoryDashboard(db, null)) }),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/territories/:kind/:code',
    public: true,
    operationId: 'getMobilisationDashboard',
    tags,
    summary: 'The mobilisation dashboard of a territory',
    authorize: async (request) => {
      const kind = paramText(request, 'kind') ?? ''
      const code = paramText(request, 'code') ?? ''
      const territory = /^[0-9A-Za-z]{1,12}$/.test(code) ? await findTerritory(db, kind as Territory['kind'], code.toUpperCase()) : undefined
      if (!territory) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'territories.notFound')
      return territory
    },
    response,
    handler: async (_request, _reply, territory) => ({ data: present(territory, await territoryDashboard(db, territory)) }),
  })
}
