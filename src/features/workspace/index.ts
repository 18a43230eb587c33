/**
 * Workspace ("Mon espace"): the signed-in home — what awaits the person (alliance invitations to answer,
 * charters to sign, connection requests, surveys left unfinished, organisation invitations), their
 * organisations, needs, resources and alliances, and the recent activity on what they follow. Owns no table:
 * bounded reads scoped to the person's own organisations (workspace.queries.ts).
 */
import type { FastifyInstance } from 'fastify'
import { workspaceRoutes } from './workspace.routes.js'

export { workspaceMessages } from './workspace.messages.js'

export async function workspaceFeature(app: FastifyInstance): Promise<void> {
  await app.register(workspaceRoutes)
}
