/**
 * JSON API of a space's activity log (OpenAPI tag `catalysis`): the log page by page (newest first, one year
 * or all), recording, editing and deleting an activity (the space's team; an unknown activity 404 before the
 * team's rights).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../../core/errors.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams, pageMeta } from '../../../core/http/schemas.js'
import { authorizeSpaceTeam } from '../catalysis.policy.js'
import { Done, TAG } from '../catalysis.schemas.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { findActivity, pageActivities } from './activities.queries.js'
import { ActivityApiInput, ActivityList, ActivityListQuery, ActivityParams, activityData, presentActivity } from './activities.schemas.js'
import { deleteActivity, recordActivity, updateActivity } from './activities.service.js'

export async function activityApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const team = async (request: FastifyRequest) => {
    const access = await loadSpace(db, paramId(request))
    authorizeSpaceTeam(request.actor, access)
    return access
  }
  /** The activity of the URL (404 when it is not the space's), then the team's rights. */
  const activityOf = async (request: FastifyRequest) => {
    const access = await loadSpace(db, paramId(request))
    const activity = await findActivity(db, access.space.id, paramId(request, 'activityId'))
    if (!activity) throw notFound()
    authorizeSpaceTeam(request.actor, access)
    return { access, activity }
  }

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/spaces/:id/activities',
    public: true,
    operationId: 'listSpaceActivities',
    tags: [TAG],
    summary: 'The activity log of a space, newest first (optionally one year), page by page',
    params: IdParams,
    querystring: ActivityListQuery,
    response: { 200: ActivityList },
    authorize: (request) => loadSpace(db, paramId(request)),
    handler: async (request, _reply, access) => {
      const q = request.query
      const page = await pageActivities(db, access.space.id, { year: q.year, page: q.page ?? 1, perPage: q.per_page ?? 50 })
      return { data: page.rows.map(presentActivity), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/spaces/:id/activities',
    operationId: 'recordActivity',
    tags: [TAG],
    summary: 'Record an activity on the 4 × 4 grid (the space’s team)',
    params: IdParams,
    body: ActivityApiInput,
    response: { 201: Type.Object({ id: Id }, { description: 'Recorded' }) },
    invalidates: [],
    authorize: team,
    handler: async (request, _reply, access) => ({ id: await recordActivity(db, request.actor, access.space.id, activityData(request.body)) }),
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/spaces/:id/activities/:activityId',
    operationId: 'updateActivity',
    tags: [TAG],
    summary: 'Edit an activity (the space’s team)',
    params: ActivityParams,
    body: ActivityApiInput,
    response: { 200: Done },
    invalidates: [],
    authorize: activityOf,
    handler: async (request, _reply, { access, activity }) => {
      await updateActivity(db, request.actor, access.space.id, activity.id, activityData(request.body))
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/spaces/:id/activities/:activityId',
    operationId: 'deleteActivity',
    tags: [TAG],
    summary: 'Delete an activity recorded by mistake (the space’s team)',
    params: ActivityParams,
    response: { 204: Type.Null({ description: 'Deleted' }) },
    invalidates: [],
    authorize: activityOf,
    handler: async (request, reply, { access, activity }) => {
      await deleteActivity(db, request.actor, access.space.id, activity.id)
      return reply.status(204).send()
    },
  })
}
