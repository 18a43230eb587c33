/** `/mon-espace`: the signed-in home (sign-in lands here). */
import type { FastifyInstance } from 'fastify'
import { pageRoute } from '../../core/http/routes.js'
import { loadWorkspace } from './workspace.service.js'
import { WorkspacePage } from './views/WorkspacePage.js'

export async function workspaceRoutes(app: FastifyInstance): Promise<void> {
  pageRoute(app, {
    url: '/mon-espace',
    handler: async (request, reply) => reply.page(<WorkspacePage data={await loadWorkspace(app.db, request.actor)} />),
  })
}
