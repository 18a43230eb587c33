/**
 * The mobilisation dashboards: France (`/mobilisation/territoires`) and each territory
 * (`/mobilisation/territoires/{kind}/{code}`), public and cached.
 */
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../../core/errors.js'
import { pageRoute, paramText } from '../../../core/http/routes.js'
import { findTerritory, isTerritoryKind, listDepartements } from '../../territories/index.js'
import { ENGAGEMENT_TAG } from '../cache-tags.js'
import { territoryDashboard } from './dashboard.queries.js'
import { DashboardPage } from './views/DashboardPage.js'

export async function dashboardPages(app: FastifyInstance): Promise<void> {
  const db = app.db
  const names = async () => new Map((await listDepartements(db)).map((d) => [d.id, d.name]))

  pageRoute(app, {
    url: '/mobilisation/territoires',
    public: true,
    cache: { tags: [ENGAGEMENT_TAG] },
    handler: async (_request, reply) => reply.page(<DashboardPage territory={null} dashboard={await territoryDashboard(db, null)} departements={await names()} />),
  })

  pageRoute(app, {
    url: '/mobilisation/territoires/:kind/:code',
    public: true,
    cache: { tags: [ENGAGEMENT_TAG] },
    // A level or code of the wrong shape is a page that does not exist (404), not invalid input.
    authorize: async (request) => {
      const kind = paramText(request, 'kind') ?? ''
      const code = paramText(request, 'code') ?? ''
      const territory = isTerritoryKind(kind) && /^[0-9A-Za-z]{1,12}$/.test(code) ? await findTerritory(db, kind, code.toUpperCase()) : undefined
      if (!territory) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'territories.notFound')
      return territory
    },
    handler: async (_request, reply, territory) => reply.page(<DashboardPage territory={territory} dashboard={await territoryDashboard(db, territory)} departements={await names()} />),
  })
}
