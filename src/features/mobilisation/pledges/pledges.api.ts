/**
 * JSON API of pledges (`/api/v1/mobilisation/pledges`, `/api/v1/mobilisation/organisations/:id/pledges`): one
 * pledge, an organisation's pledges, and every act of the pages with the same rights — pledging, changing,
 * withdrawing, linking and unlinking contributions.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../../core/errors.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams, Page, pageMeta, PageQuery } from '../../../core/http/schemas.js'
import { ENGAGEMENT_TAG } from '../cache-tags.js'
import { ReasonBody } from '../mobilisation.schemas.js'
import { linkContribution, unlinkContribution } from './fulfilment.service.js'
import { authorizePledgeFulfil, authorizePledgeManage, isPledger } from './pledges.policy.js'
import { listOrganisationPledges, type Pledge } from './pledges.queries.js'
import { LinkBody, PledgeCreateBody, PledgeSchema, PledgeUpdateBody, presentPledge } from './pledges.schemas.js'
import { createPledge, loadPledge, updatePledge, withdrawPledge } from './pledges.service.js'

export async function pledgeApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const tags: [string] = ['mobilisation']
  const one = Type.Object({ data: PledgeSchema }, { description: 'The pledge' })
  const present = async (request: FastifyRequest, id: string) => {
    const pledge = await loadPledge(db, request.actor, id)
    return { data: presentPledge(pledge, { own: isPledger(request.actor, pledge) }) }
  }
  const managePledge = async (request: FastifyRequest) => authorizePledgeManage(request.actor, await loadPledge(db, request.actor, paramId(request)))
  const fulfilPledge = async (request: FastifyRequest) => authorizePledgeFulfil(request.actor, await loadPledge(db, request.actor, paramId(request)))

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/pledges/:id',
    public: true,
    operationId: 'getPledge',
    tags,
    summary: 'One pledge with what fulfilled it (a withdrawn pledge: its organisation’s members only)',
    params: IdParams,
    authorize: (request) => loadPledge(db, request.actor, paramId(request)),
    response: { 200: one },
    handler: async (request, _reply, pledge: Pledge) => ({ data: presentPledge(pledge, { own: isPledger(request.actor, pledge) }) }),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/organisations/:id/pledges',
    public: true,
    operationId: 'listOrganisationPledges',
    tags,
    summary: 'What an organisation pledged, newest first (withdrawn pledges and lateness: its members only)',
    params: IdParams,
    querystring: Type.Object(PageQuery(), { additionalProperties: false }),
    authorize: async (request) => {
      const organisation = await db.selectFrom('organisations').select('id').where('id', '=', paramId(request)).executeTakeFirst()
      if (!organisation) throw notFound()
      return organisation
    },
    response: { 200: Page(PledgeSchema) },
    handler: async (request, _reply, organisation) => {
      const own = isPledger(request.actor, { organisation_id: organisation.id })
      const page = await listOrganisationPledges(db, organisation.id, { own }, request.query.page ?? 1, request.query.per_page ?? 20)
      return { data: page.rows.map((p) => presentPledge(p, { own })), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/pledges',
    operationId: 'createPledge',
    tags,
    summary: 'Pledges help for an organisation the caller administers, to a call, a need or an alliance',
    body: PledgeCreateBody,
    errors: [409],
    invalidates: [ENGAGEMENT_TAG],
    response: { 201: one },
    handler: async (request) => {
      const b = request.body
      const id = await createPledge(db, request.actor, { organisationId: b.organisation_id, helpKind: b.help_kind, quantity: b.quantity, volunteers: b.volunteers, callId: b.call_id ?? null, needId: b.need_id ?? null, allianceId: b.alliance_id ?? null, startsOn: b.starts_on, dueOn: b.due_on, schedule: b.schedule })
      return present(request, id)
    },
  })

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/mobilisation/pledges/:id',
    operationId: 'updatePledge',
    tags,
    summary: 'Changes a pledge’s quantity, due day or schedule (its organisation’s admins)',
    params: IdParams,
    body: PledgeUpdateBody,
    errors: [409],
    invalidates: [ENGAGEMENT_TAG],
    authorize: managePledge,
    response: { 200: one },
    handler: async (request, _reply, pledge) => {
      const b = request.body
      await updatePledge(db, request.actor, pledge.id, { quantity: b.quantity, volunteers: b.volunteers, dueOn: b.due_on, schedule: b.schedule })
      return present(request, pledge.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/pledges/:id/withdraw',
    operationId: 'withdrawPledge',
    tags,
    summary: 'Withdraws a pledge (its organisation’s admins); what was fulfilled stays recorded',
    params: IdParams,
    body: ReasonBody,
    errors: [409],
    invalidates: [ENGAGEMENT_TAG],
    authorize: managePledge,
    response: { 200: one },
    handler: async (request, _reply, pledge) => {
      await withdrawPledge(db, request.actor, pledge.id, request.body.reason ?? '')
      return present(request, pledge.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/pledges/:id/fulfilments',
    operationId: 'linkPledgeContribution',
    tags,
    summary: 'Links a contribution of the pledging organisation to the pledge (its members), for all or part of it',
    params: IdParams,
    body: LinkBody,
    errors: [409],
    invalidates: [ENGAGEMENT_TAG],
    authorize: fulfilPledge,
    response: { 201: Type.Object({ data: Type.Object({ id: Id }), pledge: PledgeSchema }, { description: 'The link and the pledge' }) },
    handler: async (request, _reply, pledge) => {
      const id = await linkContribution(db, request.actor, pledge.id, { contributionId: request.body.contribution_id, quantity: request.body.quantity })
      return { data: { id }, pledge: (await present(request, pledge.id)).data }
    },
  })

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/mobilisation/pledges/:id/fulfilments/:fulfilmentId',
    operationId: 'unlinkPledgeContribution',
    tags,
    summary: 'Removes a link between a contribution and the pledge (its organisation’s members)',
    params: Type.Object({ id: Id, fulfilmentId: Type.String() }),
    invalidates: [ENGAGEMENT_TAG],
    authorize: fulfilPledge,
    response: { 204: Type.Null({ description: 'Removed' }) },
    handler: async (request, reply, pledge) => {
      await unlinkContribution(db, request.actor, pledge.id, paramId(request, 'fulfilmentId'))
      return reply.status(204).send()
    },
  })
}
