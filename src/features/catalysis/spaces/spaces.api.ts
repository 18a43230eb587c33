/** API of spaces, their team and their activity log (see `catalysis.api.ts`). */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { AppError, notFound } from '../../../core/errors.js'
import { paramId } from '../../../core/http/forms.js'
import { listActivities, type TimelineActivity } from '../activities/activities.queries.js'
import { deleteActivity, recordActivity, updateActivity, type ActivityData } from '../activities/activities.service.js'
import { IdParams, Nullable, Ok, Problem, TAG, WRITE_ERRORS } from '../api.common.js'
import { authorizeSpaceAdmin, authorizeSpaceTeam } from '../catalysis.policy.js'
import { cachedDashboard } from './dashboard.queries.js'
import { ActivityApiInput, AnswerInput, ApiDirectoryQuery, CoanimatorForm, SpaceApiInput, SpaceApiUpdate, type ActivityApiInputT, type SpaceApiInputT, type SpaceApiUpdateT } from './spaces.schemas.js'
import { findSpaceDetails, listSpaces, tradesOf, type SpaceDetails } from './spaces.queries.js'
import { answerCoanimation, createSpace, inviteCoanimator, loadSpace, removeCoanimator, updateSpace } from './spaces.service.js'

const SpaceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mission: Type.String(),
  organisation: Type.Object({ id: Type.String(), name: Type.String(), world: Type.String() }),
  trades: Type.Array(Type.String({ description: 'Vocabulary kind `catalysis_trade`' })),
  territories: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), code: Type.String(), name: Type.String() })),
  coanimators: Type.Array(Type.Object({ organisation_id: Type.String(), name: Type.String(), world: Type.String(), status: Type.String({ description: '`invitee` or `active`' }) })),
  is_demo: Type.Boolean(),
  href: Type.String(),
})

const DashboardSchema = Type.Object({
  needs: Type.Record(Type.String(), Type.Integer(), { description: 'Needs inside the perimeter by status' }),
  orphan_needs: Type.Integer(),
  resources: Type.Array(Type.Object({ contribution_type: Type.String(), count: Type.Integer() })),
  connections: Type.Record(Type.String(), Type.Integer()),
  alliances_by_phase: Type.Array(Type.Object({ phase: Type.String(), count: Type.Integer() })),
  campaigns: Type.Integer(),
  studies: Type.Integer(),
  meetings: Type.Object({ past: Type.Integer(), upcoming: Type.Integer(), participants: Type.Integer(), present: Type.Integer() }),
  places: Type.Integer(),
  computed_at: Type.String({ description: 'When the figures were computed (kept a few minutes)' }),
})

const ActivitySchema = Type.Object({
  id: Type.String(),
  activity: Type.String({ description: 'Vocabulary kind `catalysis_activity`' }),
  trade: Type.String(),
  title: Type.String(),
  description: Type.String(),
  started_on: Type.String(),
  ended_on: Nullable(Type.String()),
  minutes_spent: Nullable(Type.Integer()),
  organisations: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), world: Type.String() })),
  outputs: Type.Array(Type.Object({ kind: Type.String(), target_id: Type.String(), label: Nullable(Type.String()) })),
})

function presentSpace(d: SpaceDetails) {
  return { id: d.space.id, name: d.space.name, mission: d.space.mission, organisation: d.organisation, trades: tradesOf(d.space.trade_mask), territories: d.territories, coanimators: d.coanimators, is_demo: d.space.is_demo === 1, href: `/espaces/${d.space.id}` }
}

function presentActivity(a: TimelineActivity) {
  return { id: a.id, activity: a.activity, trade: a.trade, title: a.title, description: a.description, started_on: a.started_on, ended_on: a.ended_on, minutes_spent: a.minutes_spent, organisations: a.organisations, outputs: a.outputs.map((o) => ({ kind: o.kind, target_id: o.targetId, label: o.label })) }
}

function activityData(v: ActivityApiInputT): ActivityData {
  return { activity: v.activity, title: v.title, description: v.description ?? '', startedOn: v.started_on, endedOn: v.ended_on ?? null, minutesSpent: v.minutes_spent ?? null, organisationIds: v.organisation_ids ?? [], outputs: (v.outputs ?? []).map((o) => ({ kind: o.kind, targetId: o.target_id })) }
}

export async function spaceApi(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db
  const admin = async (request: FastifyRequest) => authorizeSpaceAdmin(request.actor, await loadSpace(db, paramId(request)))
  const team = async (request: FastifyRequest) => authorizeSpaceTeam(request.actor, await loadSpace(db, paramId(request)))

  app.get('/api/v1/spaces', { config: { public: true }, schema: { operationId: 'listSpaces', tags: [TAG], summary: 'Territory spaces (catalysts), filtered by territory, trade and words', querystring: ApiDirectoryQuery } }, async (request) => {
    const q = request.query as { territory?: string; trade?: string; q?: string; page?: number; per_page?: number }
    const page = await listSpaces(db, { territoryId: q.territory, trade: q.trade, text: q.q }, q.page ?? 1, q.per_page ?? 20)
    return { data: page.rows.map((r) => ({ id: r.id, name: r.name, organisation_id: r.organisation_id, organisation_name: r.organisation_name, trades: tradesOf(r.trade_mask), href: `/espaces/${r.id}` })), total: page.total, page: page.page, page_count: page.pageCount }
  })

  app.get('/api/v1/spaces/:id', { config: { public: true }, schema: { operationId: 'getSpace', tags: [TAG], summary: 'A space with the dashboard of its perimeter', params: IdParams, response: { 200: Type.Object({ data: SpaceSchema, dashboard: DashboardSchema }), 404: Problem } } }, async (request) => {
    const access = await loadSpace(db, paramId(request))
    const details = await findSpaceDetails(db, access)
    const d = await cachedDashboard(db, details.territories.map((t) => ({ id: t.id, kind: t.kind })))
    return {
      data: presentSpace(details),
      dashboard: { needs: d.needs, orphan_needs: d.orphanNeeds, resources: d.resources.map((r) => ({ contribution_type: r.code, count: r.n })), connections: d.connections, alliances_by_phase: d.alliances.map((a) => ({ phase: a.code, count: a.n })), campaigns: d.campaigns, studies: d.studies, meetings: d.meetings, places: d.places, computed_at: d.computedAt },
    }
  })

  app.post('/api/v1/spaces', { schema: { operationId: 'createSpace', tags: [TAG], summary: 'Declare a space animated by one of your organisations (its admins)', body: SpaceApiInput, response: { 201: Type.Object({ id: Type.String(), href: Type.String() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    const v = request.body as SpaceApiInputT
    const id = await createSpace(db, request.actor, v.organisation_id, { name: v.name, mission: v.mission, trades: v.trades, territoryIds: v.territory_ids })
    return reply.status(201).send({ id, href: `/espaces/${id}` })
  })

  app.put('/api/v1/spaces/:id', { preValidation: admin, schema: { operationId: 'updateSpace', tags: [TAG], summary: 'Edit a space (the animating organisation’s admins)', params: IdParams, body: SpaceApiUpdate, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    const v = request.body as SpaceApiUpdateT
    await updateSpace(db, request.actor, paramId(request), { name: v.name, mission: v.mission, trades: v.trades, territoryIds: v.territory_ids })
    return { ok: true }
  })

  app.post('/api/v1/spaces/:id/coanimators', { preValidation: admin, schema: { operationId: 'inviteCoanimator', tags: [TAG], summary: 'Invite an organisation to co-animate the space', params: IdParams, body: CoanimatorForm, response: { 201: Ok, ...WRITE_ERRORS } } }, async (request, reply) => {
    await inviteCoanimator(db, request.actor, paramId(request), (request.body as { organisation_id: string }).organisation_id, options.publicUrl)
    return reply.status(201).send({ ok: true })
  })

  const answerGuard = async (request: FastifyRequest) => {
    const access = await loadSpace(db, paramId(request))
    const organisationId = paramId(request, 'organisationId')
    if (!access.coanimators.some((c) => c.organisation_id === organisationId)) throw notFound()
    if (request.actor.memberships.get(organisationId) !== 'admin') throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'catalysis.error.coanimatorAdminOnly')
  }
  app.post('/api/v1/spaces/:id/coanimators/:organisationId/answer', { preValidation: answerGuard, schema: { operationId: 'answerCoanimation', tags: [TAG], summary: 'Accept or decline an invitation to co-animate (the invited organisation’s admins)', params: Type.Object({ id: Type.String(), organisationId: Type.String() }), body: AnswerInput, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    await answerCoanimation(db, request.actor, paramId(request), paramId(request, 'organisationId'), (request.body as { accept: boolean }).accept)
    return { ok: true }
  })

  app.delete('/api/v1/spaces/:id/coanimators/:organisationId', { schema: { operationId: 'removeCoanimator', tags: [TAG], summary: 'Remove a co-animating organisation (the space’s admins) or leave (its admins)', params: Type.Object({ id: Type.String(), organisationId: Type.String() }), response: { 204: Type.Null(), ...WRITE_ERRORS } } }, async (request, reply) => {
    await removeCoanimator(db, request.actor, paramId(request), paramId(request, 'organisationId'))
    return reply.status(204).send()
  })

  app.get('/api/v1/spaces/:id/activities', { config: { public: true }, schema: { operationId: 'listSpaceActivities', tags: [TAG], summary: 'The activity log of a space, newest first (optionally one year)', params: IdParams, querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })) }, { additionalProperties: false }), response: { 200: Type.Object({ data: Type.Array(ActivitySchema) }), 404: Problem } } }, async (request) => {
    const access = await loadSpace(db, paramId(request))
    const year = (request.query as { year?: number }).year
    return { data: (await listActivities(db, access.space.id, { year, limit: 1000 })).map(presentActivity) }
  })

  app.post('/api/v1/spaces/:id/activities', { preValidation: team, schema: { operationId: 'recordActivity', tags: [TAG], summary: 'Record an activity on the 4 × 4 grid (the space’s team)', params: IdParams, body: ActivityApiInput, response: { 201: Type.Object({ id: Type.String() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    const id = await recordActivity(db, request.actor, paramId(request), activityData(request.body as ActivityApiInputT))
    return reply.status(201).send({ id })
  })

  const activityParams = Type.Object({ id: Type.String(), activityId: Type.String() })
  app.put('/api/v1/spaces/:id/activities/:activityId', { preValidation: team, schema: { operationId: 'updateActivity', tags: [TAG], summary: 'Edit an activity (the space’s team)', params: activityParams, body: ActivityApiInput, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    await updateActivity(db, request.actor, paramId(request), paramId(request, 'activityId'), activityData(request.body as ActivityApiInputT))
    return { ok: true }
  })
  app.delete('/api/v1/spaces/:id/activities/:activityId', { preValidation: team, schema: { operationId: 'deleteActivity', tags: [TAG], summary: 'Delete an activity recorded by mistake (the space’s team)', params: activityParams, response: { 204: Type.Null(), ...WRITE_ERRORS } } }, async (request, reply) => {
    await deleteActivity(db, request.actor, paramId(request), paramId(request, 'activityId'))
    return reply.status(204).send()
  })
}
