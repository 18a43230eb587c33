/**
 * Pages of pooled funds: the list (`/mobilisation/fonds`), creating one, one fund (`/mobilisation/fonds/:id`) with
 * the acts of its ledger and governance — a contributor's pledge, a payment received, the host's commitment, the
 * committee —, changing it, and its ledger (`/grand-livre`, for its governance).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { requireUser } from '../../../core/access/actor.js'
import { done, formRoute, pageRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams } from '../../../core/http/schemas.js'
import { lenient } from '../../../core/http/validation.js'
import { emptyForm, type FormState } from '../../../core/views/forms.js'
import { FUNDS_TAG } from '../cache-tags.js'
import { EmptyBody } from '../mobilisation.schemas.js'
import { administeredOrganisations } from '../mobilisation.policy.js'
import { listProjectCalls } from '../projects/projects.queries.js'
import { authorizeFundAdmin, authorizeFundGovernance, type FundAccess } from './funds.policy.js'
import { listCommittee, listContributors, listEntries, listFunds } from './funds.queries.js'
import { CommitmentBody, FundCreateBody, FundPaymentBody, FundPledgeBody, FundUpdateBody, MemberBody } from './funds.schemas.js'
import { addCommitteeMember, createFund, declareCommitment, loadFund, pledgeToFund, recordFundPayment, removeCommitteeMember, updateFund } from './funds.service.js'
import { FundForm, FundListPage, FundPage, LedgerPage, type FundForms } from './views/FundViews.js'

const PageOnly = lenient(Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }))

export async function fundPages(app: FastifyInstance): Promise<void> {
  const db = app.db

  const organisationOptions = async (request: FastifyRequest) => {
    const ids = administeredOrganisations(request.actor)
    if (ids.length === 0) return []
    return (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).orderBy('search_name').execute()).map((o) => ({ value: o.id, label: o.name }))
  }

  pageRoute(app, {
    url: '/mobilisation/fonds',
    public: true,
    cache: { tags: [FUNDS_TAG] },
    querystring: PageOnly,
    handler: async (request, reply) => reply.page(<FundListPage page={await listFunds(db, request.query.page ?? 1, 20)} canCreate={request.actor.userId !== null} />),
  })

  pageRoute(app, {
    url: '/mobilisation/fonds/nouveau',
    handler: async (request, reply) => reply.page(<FundForm action="/mobilisation/fonds/nouveau" state={emptyForm} creating organisations={await organisationOptions(request)} />),
  })

  formRoute(app, {
    url: '/mobilisation/fonds/nouveau',
    body: FundCreateBody,
    invalidates: [FUNDS_TAG],
    render: async (request, reply, _ctx, state, status) => reply.page(<FundForm action="/mobilisation/fonds/nouveau" state={state} creating organisations={await organisationOptions(request)} />, status),
    handler: async (request, reply) => {
      const b = request.body
      const id = await createFund(db, request.actor, { hostOrganisationId: b.host_organisation_id, name: b.name, description: b.description, legalForm: b.legal_form, siret: b.siret, territory: b.territory })
      return done(reply, `/mobilisation/fonds/${id}`, { kind: 'success', message: 'mobilisation.flash.fundCreated' })
    },
  })

  const fundPage = async (request: FastifyRequest, access: FundAccess, forms: FundForms = {}) => {
    const { fund } = access
    const [committee, contributors, ownOrganisations, calls] = await Promise.all([
      listCommittee(db, fund.id),
      listContributors(db, fund.id),
      request.actor.userId ? organisationOptions(request) : Promise.resolve([]),
      listProjectCalls(db, { fundId: fund.id, hostOrganisationIds: access.admin ? [fund.host_organisation_id] : [] }, 1, 50),
    ])
    return <FundPage fund={fund} admin={access.admin} governance={access.admin || access.committee} committee={committee} contributors={contributors} ownOrganisations={ownOrganisations} calls={calls.rows} forms={forms} />
  }
  const loadFundOf = (request: FastifyRequest) => loadFund(db, request.actor, paramId(request))
  const adminFund = async (request: FastifyRequest) => authorizeFundAdmin(request.actor, await loadFundOf(request))

  pageRoute(app, {
    url: '/mobilisation/fonds/:id',
    public: true,
    cache: { tags: [FUNDS_TAG] },
    params: IdParams,
    authorize: loadFundOf,
    handler: async (request, reply, access) => reply.page(await fundPage(request, access)),
  })

  const fundForm = (access: FundAccess, state: FormState) => <FundForm action={`/mobilisation/fonds/${access.fund.id}/modifier`} state={state} creating={false} organisations={[]} />

  pageRoute(app, {
    url: '/mobilisation/fonds/:id/modifier',
    params: IdParams,
    authorize: adminFund,
    handler: async (_request, reply, access) => {
      const f = access.fund
      return reply.page(fundForm(access, { values: { name: f.name, description: f.description, legal_form: f.legal_form, siret: f.siret, territory: f.territory_id }, errors: [] }))
    },
  })

  formRoute(app, {
    url: '/mobilisation/fonds/:id/modifier',
    params: IdParams,
    body: FundUpdateBody,
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    render: (_request, reply, access, state, status) => reply.page(fundForm(access, state), status),
    handler: async (request, reply, access) => {
      const b = request.body
      await updateFund(db, request.actor, access.fund.id, { name: b.name, description: b.description, legalForm: b.legal_form, siret: b.siret, territory: b.territory })
      return done(reply, `/mobilisation/fonds/${access.fund.id}`, { kind: 'success', message: 'mobilisation.flash.saved' })
    },
  })

  pageRoute(app, {
    url: '/mobilisation/fonds/:id/grand-livre',
    params: IdParams,
    querystring: PageOnly,
    authorize: async (request) => authorizeFundGovernance(request.actor, await loadFundOf(request)),
    handler: async (request, reply, access) => reply.page(<LedgerPage fund={access.fund} entries={await listEntries(db, access.fund.id, request.query.page ?? 1, 50)} />),
  })

  // The fund page's own forms: each re-renders the page with its problems.
  formRoute(app, {
    url: '/mobilisation/fonds/:id/promesses',
    params: IdParams,
    body: FundPledgeBody,
    invalidates: [FUNDS_TAG],
    authorize: async (request) => {
      requireUser(request.actor)
      return loadFundOf(request)
    },
    render: async (request, reply, access, state, status) => reply.page(await fundPage(request, access, { pledge: state }), status),
    handler: async (request, reply, access) => {
      await pledgeToFund(db, request.actor, access.fund.id, { organisationId: request.body.organisation_id, amount: request.body.amount, note: request.body.note })
      return done(reply, `/mobilisation/fonds/${access.fund.id}`, { kind: 'success', message: 'mobilisation.flash.fundPledged' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/fonds/:id/versements',
    params: IdParams,
    body: FundPaymentBody,
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    render: async (request, reply, access, state, status) => reply.page(await fundPage(request, access, { payment: state }), status),
    handler: async (request, reply, access) => {
      const b = request.body
      await recordFundPayment(db, request.actor, access.fund.id, { organisationId: b.organisation_id, amount: b.amount, paidOn: b.paid_on, note: b.note })
      return done(reply, `/mobilisation/fonds/${access.fund.id}`, { kind: 'success', message: 'mobilisation.flash.paymentRecorded' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/fonds/:id/engagements-hote',
    params: IdParams,
    body: CommitmentBody,
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    render: async (request, reply, access, state, status) => reply.page(await fundPage(request, access, { commitment: state }), status),
    handler: async (request, reply, access) => {
      const b = request.body
      await declareCommitment(db, request.actor, access.fund.id, { amount: b.amount, committedOn: b.committed_on, note: b.note })
      return done(reply, `/mobilisation/fonds/${access.fund.id}`, { kind: 'success', message: 'mobilisation.flash.commitmentDeclared' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/fonds/:id/comite',
    params: IdParams,
    body: MemberBody,
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    render: async (request, reply, access, state, status) => reply.page(await fundPage(request, access, { member: state }), status),
    handler: async (request, reply, access) => {
      await addCommitteeMember(db, request.actor, access.fund.id, { email: request.body.email, role: request.body.role })
      return done(reply, `/mobilisation/fonds/${access.fund.id}`, { kind: 'success', message: 'mobilisation.flash.memberAdded' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/fonds/:id/comite/:userId/retirer',
    params: Type.Object({ id: Id, userId: Type.String() }),
    body: EmptyBody,
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    render: async (request, reply, access, _state, status) => reply.page(await fundPage(request, access), status),
    handler: async (request, reply, access) => {
      await removeCommitteeMember(db, request.actor, access.fund.id, paramId(request, 'userId'))
      return done(reply, `/mobilisation/fonds/${access.fund.id}`, { kind: 'success', message: 'mobilisation.flash.memberRemoved' })
    },
  })
}
