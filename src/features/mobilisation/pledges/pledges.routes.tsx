/**
 * Pages of pledges: making one (`/mobilisation/engagements/nouveau?appel=…|besoin=…|alliance=…`), one pledge
 * (`/mobilisation/engagements/:id`), changing or withdrawing it, linking the contributions that fulfil it, and an
 * organisation's page of what it promised and did (`/mobilisation/organisations/:id`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { isAdminOf, type Actor } from '../../../core/access/actor.js'
import { notFound } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId, postedValues } from '../../../core/http/routes.js'
import { Id, IdParams } from '../../../core/http/schemas.js'
import { lenient } from '../../../core/http/validation.js'
import { emptyForm, type FormState } from '../../../core/views/forms.js'
import { canView, loadAllianceAccess, quantityInput } from '../../alliances/index.js'
import { ENGAGEMENT_TAG } from '../cache-tags.js'
import { EmptyBody, ReasonBody } from '../mobilisation.schemas.js'
import { canSeeCall } from '../calls/calls.policy.js'
import { callContent, unsafeFindCall } from '../calls/calls.queries.js'
import { administeredOrganisations, nullWhenNotFound } from '../mobilisation.policy.js'
import { linkContribution, unlinkContribution } from './fulfilment.service.js'
import { authorizePledgeFulfil, authorizePledgeManage, isPledger } from './pledges.policy.js'
import { isLate, listFulfilments, listLinkableContributions, listOrganisationPledges, organisationTotals, type Pledge } from './pledges.queries.js'
import { LinkBody, PledgeCreateBody, PledgeTargetQuery, PledgeUpdateBody } from './pledges.schemas.js'
import { createPledge, loadPledge, updatePledge, withdrawPledge } from './pledges.service.js'
import { LinkForm, OrganisationPledgesPage, PledgeEditForm, PledgeForm, PledgePage, type PledgeTarget } from './views/PledgeViews.js'

const PER_PAGE = 20

export async function pledgePages(app: FastifyInstance): Promise<void> {
  const db = app.db

  /** What a new pledge goes to, as far as the actor may see it (unknown or hidden targets are left out). */
  async function targetOf(actor: Actor, ids: { call?: string; need?: string; alliance?: string }): Promise<PledgeTarget> {
    const call = ids.call ? await unsafeFindCall(db, ids.call) : undefined
    const need = ids.need ? await db.selectFrom('needs').select(['id', 'title']).where('id', '=', ids.need).executeTakeFirst() : undefined
    const alliance = ids.alliance ? await loadAllianceAccess(db, actor, ids.alliance).catch(nullWhenNotFound) : null
    return {
      call: call && canSeeCall(actor, call) ? { id: call.id, title: call.title, kinds: (await callContent(db, call)).goals.map((g) => g.kind) } : null,
      need: need ?? null,
      alliance: alliance && canView(actor, alliance) ? { id: alliance.alliance.id, name: alliance.alliance.name } : null,
    }
  }
  const organisationOptions = async (actor: Actor) => {
    const ids = administeredOrganisations(actor)
    if (ids.length === 0) return []
    return (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).orderBy('search_name').execute()).map((o) => ({ value: o.id, label: o.name }))
  }
  const idOf = (value: string | string[] | undefined) => (typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value) ? value : undefined)

  pageRoute(app, {
    url: '/mobilisation/engagements/nouveau',
    querystring: lenient(PledgeTargetQuery),
    handler: async (request, reply) => {
      const target = await targetOf(request.actor, { call: request.query.appel, need: request.query.besoin, alliance: request.query.alliance })
      return reply.page(<PledgeForm state={emptyForm} organisations={await organisationOptions(request.actor)} target={target} />)
    },
  })

  formRoute(app, {
    url: '/mobilisation/engagements',
    body: PledgeCreateBody,
    invalidates: [ENGAGEMENT_TAG],
    render: async (request, reply, _ctx, state, status) => {
      const posted = postedValues(request)
      const target = await targetOf(request.actor, { call: idOf(posted.call_id), need: idOf(posted.need_id), alliance: idOf(posted.alliance_id) })
      return reply.page(<PledgeForm state={state} organisations={await organisationOptions(request.actor)} target={target} />, status)
    },
    handler: async (request, reply) => {
      const b = request.body
      const id = await createPledge(db, request.actor, { organisationId: b.organisation_id, helpKind: b.help_kind, quantity: b.quantity, volunteers: b.volunteers, callId: b.call_id ?? null, needId: b.need_id ?? null, allianceId: b.alliance_id ?? null, startsOn: b.starts_on, dueOn: b.due_on, schedule: b.schedule })
      return done(reply, `/mobilisation/engagements/${id}`, { kind: 'success', message: 'mobilisation.flash.pledged' })
    },
  })

  const pledgePage = async (request: FastifyRequest, pledge: Pledge, withdrawState?: FormState) => {
    const fulfilments = await listFulfilments(db, pledge.id)
    const own = isPledger(request.actor, pledge)
    const late = own && isLate({ ...pledge, fulfilled_hundredths: Number(pledge.fulfilled_hundredths), quantity_hundredths: Number(pledge.quantity_hundredths) })
    return <PledgePage pledge={pledge} fulfilments={fulfilments} own={own} admin={isAdminOf(request.actor, pledge.organisation_id)} late={late} withdrawState={withdrawState} />
  }

  pageRoute(app, {
    url: '/mobilisation/engagements/:id',
    public: true,
    params: IdParams,
    authorize: (request) => loadPledge(db, request.actor, paramId(request)),
    handler: async (request, reply, pledge) => reply.page(await pledgePage(request, pledge)),
  })

  const managePledge = async (request: FastifyRequest) => authorizePledgeManage(request.actor, await loadPledge(db, request.actor, paramId(request)))
  const fulfilPledge = async (request: FastifyRequest) => authorizePledgeFulfil(request.actor, await loadPledge(db, request.actor, paramId(request)))

  pageRoute(app, {
    url: '/mobilisation/engagements/:id/modifier',
    params: IdParams,
    authorize: managePledge,
    handler: async (request, reply, pledge) => {
      const values = { quantity: quantityInput(request.locale, Number(pledge.quantity_hundredths)), volunteers: pledge.volunteers === null ? '' : String(pledge.volunteers), due_on: pledge.due_on, schedule: pledge.schedule }
      return reply.page(<PledgeEditForm pledge={pledge} state={{ values, errors: [] }} />)
    },
  })

  formRoute(app, {
    url: '/mobilisation/engagements/:id/modifier',
    params: IdParams,
    body: PledgeUpdateBody,
    invalidates: [ENGAGEMENT_TAG],
    authorize: managePledge,
    render: (_request, reply, pledge, state, status) => reply.page(<PledgeEditForm pledge={pledge} state={state} />, status),
    handler: async (request, reply, pledge) => {
      const b = request.body
      await updatePledge(db, request.actor, pledge.id, { quantity: b.quantity, volunteers: b.volunteers, dueOn: b.due_on, schedule: b.schedule })
      return done(reply, `/mobilisation/engagements/${pledge.id}`, { kind: 'success', message: 'mobilisation.flash.saved' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/engagements/:id/retrait',
    params: IdParams,
    body: ReasonBody,
    invalidates: [ENGAGEMENT_TAG],
    authorize: managePledge,
    render: async (request, reply, pledge, state, status) => reply.page(await pledgePage(request, pledge, state), status),
    handler: async (request, reply, pledge) => {
      await withdrawPledge(db, request.actor, pledge.id, request.body.reason ?? '')
      return done(reply, `/mobilisation/engagements/${pledge.id}`, { kind: 'success', message: 'mobilisation.flash.pledgeWithdrawn' })
    },
  })

  const linkForm = async (pledge: Pledge, state: FormState) => <LinkForm pledge={pledge} state={state} contributions={await listLinkableContributions(db, pledge)} />

  pageRoute(app, {
    url: '/mobilisation/engagements/:id/realisations',
    params: IdParams,
    authorize: fulfilPledge,
    handler: async (_request, reply, pledge) => reply.page(await linkForm(pledge, emptyForm)),
  })

  formRoute(app, {
    url: '/mobilisation/engagements/:id/realisations',
    params: IdParams,
    body: LinkBody,
    invalidates: [ENGAGEMENT_TAG],
    authorize: fulfilPledge,
    render: async (_request, reply, pledge, state, status) => reply.page(await linkForm(pledge, state), status),
    handler: async (request, reply, pledge) => {
      await linkContribution(db, request.actor, pledge.id, { contributionId: request.body.contribution_id, quantity: request.body.quantity })
      return done(reply, `/mobilisation/engagements/${pledge.id}`, { kind: 'success', message: 'mobilisation.flash.linked' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/engagements/:id/realisations/:fulfilmentId/retirer',
    params: Type.Object({ id: Id, fulfilmentId: Type.String() }),
    body: EmptyBody,
    invalidates: [ENGAGEMENT_TAG],
    authorize: fulfilPledge,
    render: async (request, reply, pledge, _state, status) => reply.page(await pledgePage(request, pledge), status),
    handler: async (request, reply, pledge) => {
      await unlinkContribution(db, request.actor, pledge.id, paramId(request, 'fulfilmentId'))
      return done(reply, `/mobilisation/engagements/${pledge.id}`, { kind: 'success', message: 'mobilisation.flash.unlinked' })
    },
  })

  pageRoute(app, {
    url: '/mobilisation/organisations/:id',
    public: true,
    cache: { tags: [ENGAGEMENT_TAG] },
    params: IdParams,
    querystring: lenient(Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) })),
    authorize: async (request) => {
      const organisation = await db.selectFrom('organisations').select(['id', 'name', 'world']).where('id', '=', paramId(request)).executeTakeFirst()
      if (!organisation) throw notFound()
      return organisation
    },
    handler: async (request, reply, organisation) => {
      const own = isPledger(request.actor, { organisation_id: organisation.id })
      const [totals, pledges] = await Promise.all([organisationTotals(db, organisation.id), listOrganisationPledges(db, organisation.id, { own }, request.query.page ?? 1, PER_PAGE)])
      return reply.page(<OrganisationPledgesPage organisation={organisation} totals={totals} pledges={pledges} own={own} />)
    },
  })
}
