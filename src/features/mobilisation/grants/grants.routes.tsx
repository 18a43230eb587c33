/**
 * Pages of grant agreements (`/mobilisation/conventions/:id`): reading one, preparing its terms (`/conditions`),
 * signing it for one side (`/signature`), recording a payment (`/versements`), answering a reporting obligation with
 * an evaluation round (`/rapports/:reportId`); and a fund's public transparency page (`/mobilisation/fonds/:id/
 * transparence`) with its SCDL Subventions 2.1.1 file (`/subventions.csv`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { isAdminOf } from '../../../core/access/actor.js'
import { done, formRoute, pageRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams } from '../../../core/http/schemas.js'
import { lenient } from '../../../core/http/validation.js'
import type { FormState } from '../../../core/views/forms.js'
import { quantityInput } from '../../alliances/index.js'
import { listDepartements } from '../../territories/index.js'
import { FUNDS_TAG } from '../cache-tags.js'
import { loadFund } from '../funds/funds.service.js'
import { authorizeGrantManage, authorizeGrantView, type GrantAccess } from './grants.policy.js'
import { grantsByDepartement, listPublicGrants, listReports, listTranches } from './grants.queries.js'
import { GrantPaymentForm, GrantTermsForm, SignBody, termsInputOfForm } from './grants.schemas.js'
import { answerReport, loadGrant, prepareGrant, recordGrantPayment, REPORT_ROWS, signGrant } from './grants.service.js'
import { scdlCsv, scdlRows } from './scdl.js'
import { GrantPage, TransparencyPage, type GrantForms } from './views/GrantViews.js'

const PageOnly = lenient(Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }))

/** The sides `access`'s reader may sign for now. */
export function signableSides(actor: FastifyRequest['actor'], access: GrantAccess): Array<'fund' | 'beneficiary'> {
  const g = access.grant
  if (g.status !== 'to_sign') return []
  const sides: Array<'fund' | 'beneficiary'> = []
  if (access.fundAdmin && !g.fund_signed_at) sides.push('fund')
  if (!g.beneficiary_signed_at && g.call_status === 'decided' && isAdminOf(actor, g.beneficiary_organisation_id)) sides.push('beneficiary')
  return sides
}

export async function grantPages(app: FastifyInstance): Promise<void> {
  const db = app.db
  const loadGrantOf = (request: FastifyRequest) => loadGrant(db, request.actor, paramId(request))
  const viewGrant = async (request: FastifyRequest) => authorizeGrantView(request.actor, await loadGrantOf(request))
  const manageGrant = async (request: FastifyRequest) => authorizeGrantManage(request.actor, await loadGrantOf(request))

  const grantPage = async (request: FastifyRequest, access: GrantAccess, forms: GrantForms = {}) => {
    const [tranches, reports] = await Promise.all([listTranches(db, access.grant.id), listReports(db, access.grant.id)])
    const g = access.grant
    let terms = forms.terms
    if (!terms) {
      const values: FormState['values'] = { object: g.object, conditions: g.conditions, dispositif_aide: g.dispositif_aide ?? '', in_kind: Number(g.in_kind) === 1 ? ['oui'] : [], notification_ue: Number(g.notification_ue) === 1 ? ['oui'] : [] }
      for (const tr of tranches) {
        values[`tranche_amount_${tr.number}`] = quantityInput(request.locale, Number(tr.amount_cents))
        values[`tranche_due_${tr.number}`] = tr.due_on
        values[`tranche_condition_${tr.number}`] = tr.condition
      }
      if (tranches.length === 0) values.tranche_amount_1 = quantityInput(request.locale, Number(g.amount_cents))
      reports.filter((r) => r.round_id === null).slice(0, REPORT_ROWS).forEach((r, i) => {
        values[`report_title_${i + 1}`] = r.title
        values[`report_start_${i + 1}`] = r.period_start
        values[`report_end_${i + 1}`] = r.period_end
        values[`report_due_${i + 1}`] = r.due_on
      })
      terms = { values, errors: [] }
    }
    return <GrantPage access={access} tranches={tranches} reports={reports} canSign={signableSides(request.actor, access)} forms={{ ...forms, terms }} />
  }

  pageRoute(app, {
    url: '/mobilisation/conventions/:id',
    params: IdParams,
    authorize: viewGrant,
    handler: async (request, reply, access) => reply.page(await grantPage(request, access)),
  })

  formRoute(app, {
    url: '/mobilisation/conventions/:id/conditions',
    params: IdParams,
    body: GrantTermsForm,
    invalidates: [],
    authorize: manageGrant,
    render: async (request, reply, access, state, status) => reply.page(await grantPage(request, access, { terms: state }), status),
    handler: async (request, reply, access) => {
      await prepareGrant(db, request.actor, access.grant.id, termsInputOfForm(request.body))
      return done(reply, `/mobilisation/conventions/${access.grant.id}`, { kind: 'success', message: 'mobilisation.flash.saved' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/conventions/:id/signature',
    params: IdParams,
    body: SignBody,
    invalidates: [FUNDS_TAG],
    authorize: viewGrant,
    render: async (request, reply, access, _state, status) => reply.page(await grantPage(request, access), status),
    handler: async (request, reply, access) => {
      await signGrant(db, request.actor, access.grant.id, request.body.side)
      return done(reply, `/mobilisation/conventions/${access.grant.id}`, { kind: 'success', message: 'mobilisation.flash.grantSigned' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/conventions/:id/versements',
    params: IdParams,
    body: GrantPaymentForm,
    invalidates: [FUNDS_TAG],
    authorize: manageGrant,
    render: async (request, reply, access, state, status) => reply.page(await grantPage(request, access, { payment: state }), status),
    handler: async (request, reply, access) => {
      const b = request.body
      await recordGrantPayment(db, request.actor, access.grant.id, { tranche: b.tranche, amount: b.amount, paidOn: b.paid_on || undefined })
      return done(reply, `/mobilisation/conventions/${access.grant.id}`, { kind: 'success', message: 'mobilisation.flash.paymentRecorded' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/conventions/:id/rapports/:reportId',
    params: Type.Object({ id: Id, reportId: Id }),
    body: Type.Object({}, { additionalProperties: false }),
    invalidates: [],
    authorize: viewGrant,
    render: async (request, reply, access, _state, status) => reply.page(await grantPage(request, access), status),
    handler: async (request, reply, access) => {
      const roundId = await answerReport(db, request.actor, access.grant.id, paramId(request, 'reportId'))
      return done(reply, `/evaluation/${access.grant.alliance_id}/temps/${roundId}`, { kind: 'success', message: 'mobilisation.flash.reportRoundOpened' })
    },
  })

  // --- transparency -------------------------------------------------------------------------------------------
  const loadFundOf = (request: FastifyRequest) => loadFund(db, request.actor, paramId(request))

  pageRoute(app, {
    url: '/mobilisation/fonds/:id/transparence',
    public: true,
    cache: { tags: [FUNDS_TAG] },
    params: IdParams,
    querystring: PageOnly,
    authorize: loadFundOf,
    handler: async (request, reply, { fund }) => {
      const [grants, byDepartement, departements] = await Promise.all([listPublicGrants(db, fund.id, request.query.page ?? 1, 50), grantsByDepartement(db, fund.id), listDepartements(db)])
      return reply.page(<TransparencyPage fund={fund} grants={grants} byDepartement={byDepartement} departements={new Map(departements.map((d) => [d.id, d.name]))} />)
    },
  })

  pageRoute(app, {
    url: '/mobilisation/fonds/:id/subventions.csv',
    public: true,
    cache: { tags: [FUNDS_TAG] },
    params: IdParams,
    authorize: loadFundOf,
    handler: async (_request, reply: FastifyReply, { fund }) => {
      const csv = scdlCsv(await scdlRows(db, fund.id))
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="subventions-${fund.id}.csv"`).send(csv)
    },
  })
}
