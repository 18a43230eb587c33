/**
 * Pages of calls to engage: the list (`/mobilisation/appels`), one call with its progress
 * (`/mobilisation/appels/:id`), drafting and changing it, publishing and closing it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { done, formRoute, pageRoute, paramId, postedValues } from '../../../core/http/routes.js'
import { IdParams } from '../../../core/http/schemas.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import { emptyForm, type FormState } from '../../../core/views/forms.js'
import { quantityInput } from '../../alliances/index.js'
import { ENGAGEMENT_TAG } from '../cache-tags.js'
import { EmptyBody } from '../mobilisation.schemas.js'
import { HELP_KINDS } from '../help.js'
import { administeredOrganisations } from '../mobilisation.policy.js'
import { FOLLOW_UP_GRACE_DAYS } from '../pledges/late.js'
import { listCallPledges } from '../pledges/pledges.queries.js'
import { authorizeCallManage, isPublisherAdmin } from './calls.policy.js'
import { callContent, callPhase, callProgress, countLateToFollow, listCalls, openNeedsInside, publisherChoices, type Call } from './calls.queries.js'
import { callInput, CallCreateBody, CallListQuery, CallUpdateBody } from './calls.schemas.js'
import { closeCall, createCall, loadCall, publishCall, updateCall } from './calls.service.js'
import { CallForm, CallListPage, CallPage } from './views/CallViews.js'

const PER_PAGE = 20

export async function callPages(app: FastifyInstance): Promise<void> {
  const db = app.db

  pageRoute(app, {
    url: '/mobilisation/appels',
    public: true,
    cache: { tags: [ENGAGEMENT_TAG] },
    querystring: lenient(CallListQuery),
    handler: async (request, reply) => {
      const q = request.query
      const page = await listCalls(db, { territoryId: q.territoire, phase: q.etat, ownOrganisationIds: [...request.actor.memberships.keys()] }, q.page ?? 1, PER_PAGE)
      return reply.page(<CallListPage page={page} phaseOf={(c) => callPhase(c)} filters={q} problems={queryProblems(request.query)} canCreate={request.actor.userId !== null} />)
    },
  })

  const choices = async (request: FastifyRequest) => {
    const { organisations, spaces } = await publisherChoices(db, administeredOrganisations(request.actor))
    return { organisations: organisations.map((o) => ({ value: o.id, label: o.name })), spaces: spaces.map((s) => ({ value: s.id, label: s.name })) }
  }

  pageRoute(app, {
    url: '/mobilisation/appels/nouveau',
    handler: async (request, reply) => reply.page(<CallForm action="/mobilisation/appels/nouveau" state={emptyForm} creating needs={[]} {...await choices(request)} />),
  })

  formRoute(app, {
    url: '/mobilisation/appels/nouveau',
    body: CallCreateBody,
    invalidates: [],
    render: async (request, reply, _ctx, state, status) => reply.page(<CallForm action="/mobilisation/appels/nouveau" state={state} creating needs={[]} {...await choices(request)} />, status),
    handler: async (request, reply) => {
      const body = request.body
      const id = await createCall(db, request.actor, { organisationId: body.organisation_id, spaceId: body.space_id ?? null, ...callInput(body) })
      return done(reply, `/mobilisation/appels/${id}`, { kind: 'success', message: 'mobilisation.flash.callDrafted' })
    },
  })

  pageRoute(app, {
    url: '/mobilisation/appels/:id',
    public: true,
    params: IdParams,
    querystring: lenient(CallListQuery),
    authorize: (request) => loadCall(db, request.actor, paramId(request)),
    handler: async (request, reply, call) => {
      const content = await callContent(db, call)
      const manage = isPublisherAdmin(request.actor, call)
      const [progress, pledges, toFollow] = await Promise.all([
        callProgress(db, call.id, content.goals),
        listCallPledges(db, call.id, request.query.page ?? 1, PER_PAGE),
        manage ? countLateToFollow(db, call.id, FOLLOW_UP_GRACE_DAYS) : Promise.resolve(null),
      ])
      return reply.page(<CallPage call={call} phase={callPhase(call)} content={content} progress={progress} pledges={pledges} manage={manage} toFollow={toFollow} />)
    },
  })

  const editForm = async (call: Call, state: FormState) => {
    const needs = await openNeedsInside(db, call.territory_id)
    return <CallForm action={`/mobilisation/appels/${call.id}/modifier`} state={state} creating={false} organisations={[]} spaces={[]} needs={needs.map((n) => ({ value: n.id, label: `${n.title} — ${n.organisation_name}` }))} />
  }
  const manageCall = async (request: FastifyRequest) => authorizeCallManage(request.actor, await loadCall(db, request.actor, paramId(request)))

  pageRoute(app, {
    url: '/mobilisation/appels/:id/modifier',
    params: IdParams,
    authorize: manageCall,
    handler: async (request, reply, call) => {
      const content = await callContent(db, call)
      const values: FormState['values'] = {
        title: call.title,
        summary: call.summary,
        territory: call.territory_id,
        starts_on: call.starts_on,
        ends_on: call.ends_on,
        need_ids: content.needs.map((n) => n.id),
        worlds: content.audience.world,
        sizes: content.audience.size,
        audience_territories: content.audience.territory.filter((id) => id !== call.territory_id).join('\n'),
      }
      for (const kind of HELP_KINDS) {
        const goal = content.goals.find((g) => g.kind === kind)
        if (goal) values[`goal_${kind}`] = quantityInput(request.locale, goal.target)
      }
      return reply.page(await editForm(call, { values, errors: [] }))
    },
  })

  formRoute(app, {
    url: '/mobilisation/appels/:id/modifier',
    params: IdParams,
    body: CallUpdateBody,
    invalidates: [ENGAGEMENT_TAG],
    authorize: manageCall,
    render: async (_request, reply, call, state, status) => reply.page(await editForm(call, state), status),
    handler: async (request, reply, call) => {
      await updateCall(db, request.actor, call.id, callInput(request.body))
      return done(reply, `/mobilisation/appels/${call.id}`, { kind: 'success', message: 'mobilisation.flash.saved' })
    },
  })

  for (const [action, act, flash] of [
    ['publier', publishCall, 'mobilisation.flash.callPublished'],
    ['cloturer', closeCall, 'mobilisation.flash.callClosed'],
  ] as const) {
    formRoute(app, {
      url: `/mobilisation/appels/:id/${action}`,
      params: IdParams,
      body: EmptyBody,
      invalidates: [ENGAGEMENT_TAG],
      authorize: manageCall,
      render: async (request, reply, call, state, status) => reply.page(await editForm(call, { ...state, values: postedValues(request) }), status),
      handler: async (request, reply, call) => {
        await act(db, request.actor, call.id)
        return done(reply, `/mobilisation/appels/${call.id}`, { kind: 'success', message: flash })
      },
    })
  }
}

