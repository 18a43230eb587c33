/**
 * JSON API of calls to engage (`/api/v1/mobilisation/calls`): the list, one call with its progress and pledges,
 * and every act of the pages — drafting, changing, publishing, closing — with the same rights.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type, { type Static } from 'typebox'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { IdParams, Page, pageMeta, PageQuery } from '../../../core/http/schemas.js'
import { centsText } from '../amounts.js'
import { ENGAGEMENT_TAG } from '../cache-tags.js'
import { listCallPledges } from '../pledges/pledges.queries.js'
import { presentPledge, PledgeSchema } from '../pledges/pledges.schemas.js'
import { authorizeCallManage } from './calls.policy.js'
import { callContent, callPhase, callProgress, listCalls, type Call } from './calls.queries.js'
import { CallApiQuery, callInput, CallCreateBody, CallSchema, CallSummarySchema, CallUpdateBody } from './calls.schemas.js'
import { closeCall, createCall, loadCall, publishCall, updateCall } from './calls.service.js'

type Db = FastifyInstance['db']

/** A call as the API shows it, with its progress against each goal. */
async function presentCall(db: Db, call: Call): Promise<Static<typeof CallSchema>> {
  const content = await callContent(db, call)
  const progress = await callProgress(db, call.id, content.goals)
  return {
    id: call.id,
    title: call.title,
    summary: call.summary,
    status: call.status,
    phase: callPhase(call),
    organisation: { id: call.organisation_id, name: call.organisation_name, href: `/acteurs/${call.organisation_id}` },
    territory: { id: call.territory_id, name: call.territory_name },
    starts_on: call.starts_on,
    ends_on: call.ends_on,
    published_at: call.published_at,
    space: content.space,
    audience: { worlds: content.audience.world, sizes: content.audience.size, territories: content.audience.territory },
    needs: content.needs.map((n) => ({ id: n.id, title: n.title, href: `/besoins/${n.id}` })),
    progress: progress.map((g) => ({ kind: g.kind, unit: g.unit, target: centsText(g.target), pledged: centsText(g.pledged), fulfilled: centsText(g.fulfilled), pledges: g.pledges })),
    href: `/mobilisation/appels/${call.id}`,
  }
}

export async function callApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const tags: [string] = ['mobilisation']
  const manageCall = async (request: FastifyRequest) => authorizeCallManage(request.actor, await loadCall(db, request.actor, paramId(request)))

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/calls',
    public: true,
    operationId: 'listMobilisationCalls',
    tags,
    summary: 'Calls to engage (published; the caller’s organisations’ drafts too), latest period first',
    querystring: CallApiQuery,
    response: { 200: Page(CallSummarySchema, { totalDescription: 'Calls matching' }) },
    handler: async (request) => {
      const q = request.query
      const page = await listCalls(db, { territoryId: q.territory, phase: q.phase, ownOrganisationIds: [...request.actor.memberships.keys()] }, q.page ?? 1, q.per_page ?? 20)
      return { data: page.rows.map((c) => ({ id: c.id, title: c.title, phase: callPhase(c), territory: c.territory_id, starts_on: c.starts_on, ends_on: c.ends_on, href: `/mobilisation/appels/${c.id}` })), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/calls/:id',
    public: true,
    operationId: 'getMobilisationCall',
    tags,
    summary: 'One call to engage with its progress against each goal (a draft: its publisher’s members only)',
    params: IdParams,
    authorize: (request) => loadCall(db, request.actor, paramId(request)),
    response: { 200: Type.Object({ data: CallSchema }, { description: 'The call' }) },
    handler: async (_request, _reply, call) => ({ data: await presentCall(db, call) }),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/calls/:id/pledges',
    public: true,
    operationId: 'listMobilisationCallPledges',
    tags,
    summary: 'The active pledges of a call, newest first',
    params: IdParams,
    querystring: Type.Object(PageQuery(), { additionalProperties: false }),
    authorize: (request) => loadCall(db, request.actor, paramId(request)),
    response: { 200: Page(PledgeSchema) },
    handler: async (request, _reply, call) => {
      const page = await listCallPledges(db, call.id, request.query.page ?? 1, request.query.per_page ?? 20)
      return { data: page.rows.map((p) => presentPledge(p, { own: false })), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/calls',
    operationId: 'createMobilisationCall',
    tags,
    summary: 'Drafts a call to engage for an organisation the caller administers',
    body: CallCreateBody,
    invalidates: [],
    response: { 201: Type.Object({ data: CallSchema }, { description: 'The draft' }) },
    handler: async (request) => {
      const body = request.body
      const id = await createCall(db, request.actor, { organisationId: body.organisation_id, spaceId: body.space_id ?? null, ...callInput(body) })
      return { data: await presentCall(db, await loadCall(db, request.actor, id)) }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/mobilisation/calls/:id',
    operationId: 'updateMobilisationCall',
    tags,
    summary: 'Changes a call (its publisher’s admins)',
    params: IdParams,
    body: CallUpdateBody,
    errors: [409],
    invalidates: [ENGAGEMENT_TAG],
    authorize: manageCall,
    response: { 200: Type.Object({ data: CallSchema }, { description: 'The call as changed' }) },
    handler: async (request, _reply, call) => {
      await updateCall(db, request.actor, call.id, callInput(request.body))
      return { data: await presentCall(db, await loadCall(db, request.actor, call.id)) }
    },
  })

  for (const [action, act, operationId, summary] of [
    ['publish', publishCall, 'publishMobilisationCall', 'Publishes a draft call (its publisher’s admins)'],
    ['close', closeCall, 'closeMobilisationCall', 'Closes a published call before its last day (its publisher’s admins)'],
  ] as const) {
    apiRoute(app, {
      method: 'POST',
      url: `/api/v1/mobilisation/calls/:id/${action}`,
      operationId,
      tags,
      summary,
      params: IdParams,
      errors: [409],
      invalidates: [ENGAGEMENT_TAG],
      authorize: manageCall,
      response: { 200: Type.Object({ data: CallSchema }, { description: 'The call' }) },
      handler: async (request, _reply, call) => {
        await act(db, request.actor, call.id)
        return { data: await presentCall(db, await loadCall(db, request.actor, call.id)) }
      },
    })
  }
}
