/**
 * JSON API of pooled funds (`/api/v1/mobilisation/funds`): the list, one fund with its totals, its ledger (for its
 * governance), and every act of the pages with the same rights — creating and changing a fund, a contributor's
 * pledge, a payment received, the host's commitment, the committee.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { requireUser } from '../../../core/access/actor.js'
import { notFound } from '../../../core/errors.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams, named, Page, pageMeta, PageQuery } from '../../../core/http/schemas.js'
import { FUNDS_TAG } from '../cache-tags.js'
import { authorizeFundAdmin, authorizeFundGovernance } from './funds.policy.js'
import { findFund, listCommittee, listEntries, listFunds } from './funds.queries.js'
import { CommitmentBody, FundCreateBody, FundPaymentBody, FundPledgeBody, FundSchema, FundUpdateBody, LedgerEntrySchema, MemberBody, presentEntry, presentFund } from './funds.schemas.js'
import { addCommitteeMember, createFund, declareCommitment, loadFund, pledgeToFund, recordFundPayment, removeCommitteeMember, updateFund } from './funds.service.js'

const CommitteeMemberSchema = named('FundCommitteeMember', Type.Object({ user_id: Id, name: Type.String(), role: Type.String() }))

export async function fundApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const tags: [string] = ['mobilisation']
  const one = Type.Object({ data: FundSchema }, { description: 'The fund with its totals' })
  const present = async (id: string) => {
    const fund = await findFund(db, id)
    if (!fund) throw notFound()
    return { data: presentFund(fund) }
  }
  const loadFundOf = (request: FastifyRequest) => loadFund(db, request.actor, paramId(request))
  const adminFund = async (request: FastifyRequest) => authorizeFundAdmin(request.actor, await loadFundOf(request))
  const entry = Type.Object({ data: Type.Object({ id: Id }), fund: FundSchema }, { description: 'The ledger entry and the fund’s new totals' })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/funds',
    public: true,
    operationId: 'listFunds',
    tags,
    summary: 'Pooled funds, by name, with their totals',
    querystring: Type.Object(PageQuery(), { additionalProperties: false }),
    response: { 200: Page(FundSchema) },
    handler: async (request) => {
      const page = await listFunds(db, request.query.page ?? 1, request.query.per_page ?? 20)
      const funds = await Promise.all(page.rows.map((r) => findFund(db, r.id)))
      return { data: funds.filter((f) => f !== undefined).map(presentFund), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/funds/:id',
    public: true,
    operationId: 'getFund',
    tags,
    summary: 'One fund with its totals and committee',
    params: IdParams,
    authorize: loadFundOf,
    response: { 200: Type.Object({ data: FundSchema, committee: Type.Array(CommitteeMemberSchema) }, { description: 'The fund' }) },
    handler: async (_request, _reply, access) => ({ data: presentFund(access.fund), committee: (await listCommittee(db, access.fund.id)).map((m) => ({ user_id: m.user_id, name: m.display_name, role: m.role })) }),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/funds/:id/ledger',
    operationId: 'listFundLedger',
    tags,
    summary: 'The fund’s ledger entries, newest first (its admins and committee)',
    params: IdParams,
    querystring: Type.Object(PageQuery({ perPage: 50, maxPerPage: 200 }), { additionalProperties: false }),
    authorize: async (request) => authorizeFundGovernance(request.actor, await loadFundOf(request)),
    response: { 200: Page(LedgerEntrySchema) },
    handler: async (request, _reply, access) => {
      const page = await listEntries(db, access.fund.id, request.query.page ?? 1, request.query.per_page ?? 50)
      return { data: page.rows.map(presentEntry), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/funds',
    operationId: 'createFund',
    tags,
    summary: 'Creates a fund hosted by an organisation the caller administers (the caller chairs its committee)',
    body: FundCreateBody,
    invalidates: [FUNDS_TAG],
    response: { 201: one },
    handler: async (request) => {
      const b = request.body
      return present(await createFund(db, request.actor, { hostOrganisationId: b.host_organisation_id, name: b.name, description: b.description, legalForm: b.legal_form, siret: b.siret, territory: b.territory }))
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/mobilisation/funds/:id',
    operationId: 'updateFund',
    tags,
    summary: 'Changes a fund’s description (its admins)',
    params: IdParams,
    body: FundUpdateBody,
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    response: { 200: one },
    handler: async (request, _reply, access) => {
      const b = request.body
      await updateFund(db, request.actor, access.fund.id, { name: b.name, description: b.description, legalForm: b.legal_form, siret: b.siret, territory: b.territory })
      return present(access.fund.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/funds/:id/pledges',
    operationId: 'pledgeToFund',
    tags,
    summary: 'Pledges an amount to the fund for an organisation the caller administers',
    params: IdParams,
    body: FundPledgeBody,
    invalidates: [FUNDS_TAG],
    authorize: async (request) => {
      requireUser(request.actor)
      return loadFundOf(request)
    },
    response: { 201: entry },
    handler: async (request, _reply, access) => {
      const id = await pledgeToFund(db, request.actor, access.fund.id, { organisationId: request.body.organisation_id, amount: request.body.amount, note: request.body.note })
      return { data: { id }, fund: (await present(access.fund.id)).data }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/funds/:id/payments',
    operationId: 'recordFundPayment',
    tags,
    summary: 'Records a payment received from a contributor (the fund’s admins); never above what it pledged',
    params: IdParams,
    body: FundPaymentBody,
    errors: [409],
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    response: { 201: entry },
    handler: async (request, _reply, access) => {
      const b = request.body
      const id = await recordFundPayment(db, request.actor, access.fund.id, { organisationId: b.organisation_id, amount: b.amount, paidOn: b.paid_on, note: b.note })
      return { data: { id }, fund: (await present(access.fund.id)).data }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/funds/:id/commitments',
    operationId: 'declareFundCommitment',
    tags,
    summary: 'Declares a commitment of the host’s own money (the fund’s admins)',
    params: IdParams,
    body: CommitmentBody,
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    response: { 201: entry },
    handler: async (request, _reply, access) => {
      const b = request.body
      const id = await declareCommitment(db, request.actor, access.fund.id, { amount: b.amount, committedOn: b.committed_on, note: b.note })
      return { data: { id }, fund: (await present(access.fund.id)).data }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/funds/:id/committee',
    operationId: 'addFundCommitteeMember',
    tags,
    summary: 'Appoints a person to the committee by the e-mail of their account (the fund’s admins)',
    params: IdParams,
    body: MemberBody,
    errors: [409],
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    response: { 201: Type.Object({ data: Type.Array(CommitteeMemberSchema) }, { description: 'The committee' }) },
    handler: async (request, _reply, access) => {
      await addCommitteeMember(db, request.actor, access.fund.id, { email: request.body.email, role: request.body.role })
      return { data: (await listCommittee(db, access.fund.id)).map((m) => ({ user_id: m.user_id, name: m.display_name, role: m.role })) }
    },
  })

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/mobilisation/funds/:id/committee/:userId',
    operationId: 'removeFundCommitteeMember',
    tags,
    summary: 'Removes a person from the committee (the fund’s admins)',
    params: Type.Object({ id: Id, userId: Type.String() }),
    invalidates: [FUNDS_TAG],
    authorize: adminFund,
    response: { 204: Type.Null({ description: 'Removed' }) },
    handler: async (request, reply, access) => {
      await removeCommitteeMember(db, request.actor, access.fund.id, paramId(request, 'userId'))
      return reply.status(204).send()
    },
  })
}
