/** Loads the alliance of the URL through the policy, for the alliance pages and API routes. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { paramId } from '../../core/http/forms.js'
import { authorizeView, type AllianceAccess } from './alliances.policy.js'
import type { AllianceScope } from './alliances.queries.js'
import { loadAllianceAccess } from './alliances.service.js'

/** Loads the alliance of the URL and checks that the actor may see it (404 otherwise). */
export async function viewable(app: FastifyInstance, request: FastifyRequest): Promise<{ access: AllianceAccess; scope: AllianceScope }> {
  const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
  return { access, scope: authorizeView(request.actor, access) }
}
