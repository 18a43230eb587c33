/**
 * JSON API of grants, with the rights of the pages: one agreement (the fund's admins; the funded alliance's
 * partners once decisions are published), its terms, a side's signature, a payment, a report answered by an
 * evaluation round; a fund's public grants and its SCDL Subventions 2.1.1 rows (typed: numbers and booleans).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../../core/errors.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams, Page, pageMeta, PageQuery } from '../../../core/http/schemas.js'
import { FUNDS_TAG } from '../cache-tags.js'
import { loadFund } from '../funds/funds.service.js'
import { authorizeGrantManage, authorizeGrantView } from './grants.policy.js'
import { listPublicGrants, listReports, listTranches, unsafeFindGrant } from './grants.queries.js'
import { GrantPaymentBody, GrantSchema, GrantTermsBody, presentGrant, presentPublicGrant, presentScdlRow, PublicGrantSchema, ReportRoundBody, ScdlRowSchema, SignBody, termsInputOfBody } from './grants.schemas.js'
import { answerReport, loadGrant, prepareGrant, recordGrantPayment, signGrant } from './grants.service.js'
import { scdlRows } from './scdl.js'

export async function grantApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const tags: [string] = ['mobilisation']
  const one = Type.Object({ data: GrantSchema }, { description: 'The grant agreement' })
  const present = async (id: string) => {
    const [grant, tranches, reports] = await Promise.all([unsafeFindGrant(db, id), listTranches(db, id), listReports(db, id)])
    if (!grant) throw notFound()
    return { data: presentGrant(grant, tranches, reports) }
  }
  const loadGrantOf = (request: FastifyRequest) => loadGrant(db, request.actor, paramId(request))
  const viewGrant = async (request: FastifyRequest) => authorizeGrantView(request.actor, await loadGrantOf(request))
  const manageGrant = async (request: FastifyRequest) => authorizeGrantManage(request.actor, await loadGrantOf(request))

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/grants/:id',
    operationId: 'getGrant',
    tags,
    summary: 'One grant agreement with its tranches and reporting obligations',
    params: IdParams,
    authorize: viewGrant,
    response: { 200: one },
    handler: async (_request, _reply, access) => present(access.grant.id),
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/mobilisation/grants/:id',
    operationId: 'prepareGrant',
    tags,
    summary: 'Sets the agreement’s terms before anyone signed (the fund’s admins): tranches add up to the grant',
    params: IdParams,
    body: GrantTermsBody,
    formFields: [[/^tranche_/, 'tranches'], [/^report_/, 'reports']],
    errors: [409],
    invalidates: [],
    authorize: manageGrant,
    response: { 200: one },
    handler: async (request, _reply, access) => {
      await prepareGrant(db, request.actor, access.grant.id, termsInputOfBody(request.body))
      return present(access.grant.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/grants/:id/signatures',
    operationId: 'signGrant',
    tags,
    summary: 'Signs the agreement for the fund (its admins) or the beneficiary (its organisation’s admins)',
    params: IdParams,
    body: SignBody,
    errors: [409],
    invalidates: [FUNDS_TAG],
    authorize: viewGrant,
    response: { 200: one },
    handler: async (request, _reply, access) => {
      await signGrant(db, request.actor, access.grant.id, request.body.side)
      return present(access.grant.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/grants/:id/payments',
    operationId: 'recordGrantPayment',
    tags,
    summary: 'Records a payment of a tranche of a signed agreement (the fund’s admins); never above the tranche',
    params: IdParams,
    body: GrantPaymentBody,
    errors: [409],
    invalidates: [FUNDS_TAG],
    authorize: manageGrant,
    response: { 201: one },
    handler: async (request, _reply, access) => {
      const b = request.body
      await recordGrantPayment(db, request.actor, access.grant.id, { tranche: b.tranche, amount: b.amount, paidOn: b.paid_on })
      return present(access.grant.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/grants/:id/reports/:reportId/round',
    operationId: 'answerGrantReport',
    tags,
    summary: 'Answers a reporting obligation with an evaluation round of the funded alliance (its coordinators’ admins)',
    params: Type.Object({ id: Id, reportId: Id }),
    body: ReportRoundBody,
    errors: [409],
    invalidates: [],
    authorize: viewGrant,
    response: { 201: Type.Object({ data: Type.Object({ round_id: Id, href: Type.String() }) }, { description: 'The round answering the report' }) },
    handler: async (request, _reply, access) => {
      const roundId = await answerReport(db, request.actor, access.grant.id, paramId(request, 'reportId'), { roundId: request.body.round_id })
      return { data: { round_id: roundId, href: `/evaluation/${access.grant.alliance_id}/temps/${roundId}` } }
    },
  })

  const loadFundOf = (request: FastifyRequest) => loadFund(db, request.actor, paramId(request))

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/funds/:id/grants',
    public: true,
    operationId: 'listFundGrants',
    tags,
    summary: 'The signed grants of a fund, newest first: what, to whom, where, for which SDGs, how much',
    params: IdParams,
    querystring: Type.Object(PageQuery({ perPage: 50, maxPerPage: 200 }), { additionalProperties: false }),
    authorize: loadFundOf,
    response: { 200: Page(PublicGrantSchema) },
    handler: async (request, _reply, { fund }) => {
      const page = await listPublicGrants(db, fund.id, request.query.page ?? 1, request.query.per_page ?? 50)
      return { data: page.rows.map(presentPublicGrant), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/funds/:id/scdl',
    public: true,
    operationId: 'exportFundScdl',
    tags,
    summary: 'The fund’s signed grants in the SCDL Subventions 2.1.1 schema (the CSV is at `/mobilisation/fonds/{id}/subventions.csv`)',
    params: IdParams,
    authorize: loadFundOf,
    response: { 200: Type.Object({ schema: Type.Literal('scdl/subventions@2.1.1'), data: Type.Array(ScdlRowSchema) }, { description: 'One row per signed grant' }) },
    handler: async (_request, _reply, { fund }) => ({ schema: 'scdl/subventions@2.1.1' as const, data: (await scdlRows(db, fund.id)).map(presentScdlRow) }),
  })
}
