/**
 * JSON API of territory spaces and their team (OpenAPI tag `catalysis`): the directory, one space with the
 * dashboard of its perimeter, declaring and editing a space, inviting a co-animating organisation, answering
 * an invitation, removing a co-animator. Same rights as the pages, checked before the body.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { IdParams, pageMeta } from '../../../core/http/schemas.js'
import { authorizeCoanimatorAnswer, authorizeSpaceAdmin } from '../catalysis.policy.js'
import { Done, PAGE_TAGS, TAG } from '../catalysis.schemas.js'
import { perimeterDashboard } from './dashboard.queries.js'
import { findSpaceDetails, listSpaces } from './spaces.queries.js'
import { CoanimationAnswer, CoanimatorForm, CoanimatorParams, Created, presentDashboard, presentSpace, presentSpaceSummary, SpaceAnswer, SpaceApiInput, SpaceApiUpdate, SpaceList, SpaceListQuery } from './spaces.schemas.js'
import { answerCoanimation, createSpace, inviteCoanimator, loadSpace, removeCoanimator, updateSpace } from './spaces.service.js'

export async function spaceApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const spaceOf = (request: FastifyRequest) => loadSpace(db, paramId(request))
  const adminOf = async (request: FastifyRequest) => {
    const access = await spaceOf(request)
    authorizeSpaceAdmin(request.actor, access)
    return access
  }

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/spaces',
    public: true,
    operationId: 'listSpaces',
    tags: [TAG],
    summary: 'Territory spaces (catalysts), filtered by territory, trade and words, by name',
    querystring: SpaceListQuery,
    response: { 200: SpaceList },
    handler: async (request) => {
      const q = request.query
      const page = await listSpaces(db, { territoryId: q.territory, trade: q.trade, text: q.q }, q.page ?? 1, q.per_page ?? 20)
      return { data: page.rows.map(presentSpaceSummary), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/spaces/:id',
    public: true,
    operationId: 'getSpace',
    tags: [TAG],
    summary: 'A space with the dashboard of its perimeter',
    params: IdParams,
    response: { 200: SpaceAnswer },
    authorize: spaceOf,
    handler: async (_request, _reply, access) => {
      const details = await findSpaceDetails(db, access)
      const dashboard = await perimeterDashboard(db, details.territories.map((t) => ({ id: t.id, kind: t.kind })))
      return { data: presentSpace(details), dashboard: presentDashboard(dashboard) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/spaces',
    operationId: 'createSpace',
    tags: [TAG],
    summary: 'Declare a space animated by one of your organisations (its admins; another organisation: 404)',
    body: SpaceApiInput,
    formFields: [[/^territories$/, 'territory_ids']],
    response: { 201: Created },
    errors: [404],
    invalidates: [PAGE_TAGS.spaces],
    handler: async (request) => {
      const v = request.body
      const id = await createSpace(db, request.actor, v.organisation_id, { name: v.name, mission: v.mission, trades: v.trades, territoryIds: v.territory_ids })
      return { id, href: `/espaces/${id}` }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/spaces/:id',
    operationId: 'updateSpace',
    tags: [TAG],
    summary: 'Edit a space (the animating organisation’s admins)',
    params: IdParams,
    body: SpaceApiUpdate,
    formFields: [[/^territories$/, 'territory_ids']],
    response: { 200: Done },
    invalidates: [PAGE_TAGS.spaces],
    authorize: adminOf,
    handler: async (request, _reply, access) => {
      const v = request.body
      await updateSpace(db, request.actor, access.space.id, { name: v.name, mission: v.mission, trades: v.trades, territoryIds: v.territory_ids })
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/spaces/:id/coanimators',
    operationId: 'inviteCoanimator',
    tags: [TAG],
    summary: 'Invite an organisation to co-animate the space (its admins are notified)',
    params: IdParams,
    body: CoanimatorForm,
    response: { 201: Done },
    errors: [409],
    invalidates: [],
    authorize: adminOf,
    handler: async (request, _reply, access) => {
      await inviteCoanimator(db, request.actor, access.space.id, request.body.organisation_id)
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/spaces/:id/coanimators/:organisationId/answer',
    operationId: 'answerCoanimation',
    tags: [TAG],
    summary: 'Accept or decline an invitation to co-animate (the invited organisation’s admins)',
    params: CoanimatorParams,
    body: CoanimationAnswer,
    response: { 200: Done },
    invalidates: [],
    authorize: async (request) => {
      const access = await spaceOf(request)
      authorizeCoanimatorAnswer(request.actor, access, paramId(request, 'organisationId'))
      return access
    },
    handler: async (request, _reply, access) => {
      await answerCoanimation(db, request.actor, access.space.id, request.params.organisationId, request.body.accept)
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/spaces/:id/coanimators/:organisationId',
    operationId: 'removeCoanimator',
    tags: [TAG],
    summary: 'Remove a co-animating organisation (the space’s admins), or leave (the organisation’s admins)',
    params: CoanimatorParams,
    response: { 204: Type.Null({ description: 'Removed' }) },
    invalidates: [],
    authorize: async (request) => {
      const access = await spaceOf(request)
      paramId(request, 'organisationId')
      return access
    },
    handler: async (request, reply, access) => {
      await removeCoanimator(db, request.actor, access.space.id, request.params.organisationId)
      return reply.status(204).send()
    },
  })
}
