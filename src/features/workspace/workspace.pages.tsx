/** `/mon-espace`: the signed-in home (sign-in lands here). */
import type { FastifyInstance } from 'fastify'
import { loadWorkspace } from './workspace.service.js'
import { WorkspacePage } from './views/WorkspacePage.js'

export async function workspacePages(app: FastifyInstance): Promise<void> {
  app.get('/mon-espace', async (request, reply) => {
    const data = await loadWorkspace(app.db, request.actor)
    return reply.page(<WorkspacePage data={data} />)
  })
}
