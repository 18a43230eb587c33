/**
 * Pages of the selection: a reviewer scores an application (`/mobilisation/candidatures/:id/evaluation`) or declares
 * a conflict of interest with it (`/conflit`); a fund admin records a decision (`/decision`), reads the deliberation
 * (`/mobilisation/appels-a-projets/:id/deliberation`) and publishes the decisions (`/decisions`).
 *
 * A reviewer in conflict with an application gets 404 on every one of its pages (the policy hides it).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { done, formRoute, pageRoute, paramId } from '../../../core/http/routes.js'
import { IdParams } from '../../../core/http/schemas.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import type { FormState } from '../../../core/views/forms.js'
import { quantityInput } from '../../alliances/index.js'
import { FUNDS_TAG } from '../cache-tags.js'
import { findFund } from '../funds/funds.queries.js'
import { EmptyBody } from '../mobilisation.schemas.js'
import { loadApplicationAccess, loadProjectCall } from '../projects/access.js'
import { authorizeDecide, authorizeDeclareConflict, authorizeProjectCallManage, authorizeReview, type ApplicationAccess } from '../projects/projects.policy.js'
import { listCriteria } from '../projects/projects.queries.js'
import { decide, loadDeliberation, publishDecisions } from './decisions.service.js'
import { declareConflict, saveReview, scoreField } from './reviews.service.js'
import { ConflictBody, DecisionForm, ReviewForm, reviewInputOfForm } from './selection.schemas.js'
import { DecisionPage, DeliberationPage, ReviewPage } from './views/SelectionViews.js'

const DELIBERATION_PER_PAGE = 20
const PageOnly = lenient(Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }))

export async function selectionPages(app: FastifyInstance): Promise<void> {
  const db = app.db
  const loadApplicationOf = (request: FastifyRequest) => loadApplicationAccess(db, request.actor, paramId(request))

  // --- reviews ------------------------------------------------------------------------------------------------
  const reviewPage = async (access: ApplicationAccess, userId: string, state?: FormState, conflictState?: FormState) => {
    const { application, call } = access
    const [criteria, review, scores] = await Promise.all([
      listCriteria(db, call.id),
      db.selectFrom('mobilisation_reviews').selectAll().where('application_id', '=', application.id).where('user_id', '=', userId).executeTakeFirst(),
      db.selectFrom('mobilisation_scores').select(['position', 'score']).where('application_id', '=', application.id).where('user_id', '=', userId).execute(),
    ])
    const values: FormState['values'] = { comment: review?.comment ?? '' }
    for (const s of scores) values[scoreField(s.position)] = String(s.score)
    return <ReviewPage application={application} call={call} criteria={criteria} review={review ? { ...review, scores: new Map(scores.map((s) => [s.position, s.score])) } : null} state={state ?? { values, errors: [] }} conflictState={conflictState} />
  }
  const reviewer = async (request: FastifyRequest) => authorizeReview(request.actor, await loadApplicationOf(request))

  pageRoute(app, {
    url: '/mobilisation/candidatures/:id/evaluation',
    params: IdParams,
    authorize: reviewer,
    handler: async (request, reply, access) => reply.page(await reviewPage(access, request.actor.userId as string)),
  })

  formRoute(app, {
    url: '/mobilisation/candidatures/:id/evaluation',
    params: IdParams,
    body: ReviewForm,
    invalidates: [],
    authorize: reviewer,
    render: async (request, reply, access, state, status) => reply.page(await reviewPage(access, request.actor.userId as string, state), status),
    handler: async (request, reply, access) => {
      await saveReview(db, request.actor, access.application.id, reviewInputOfForm(request.body))
      const submitted = request.body.intent === 'submit'
      return done(reply, submitted ? `/mobilisation/candidatures/${access.application.id}` : `/mobilisation/candidatures/${access.application.id}/evaluation`, { kind: 'success', message: submitted ? 'mobilisation.flash.reviewSubmitted' : 'mobilisation.flash.draftSaved' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/candidatures/:id/conflit',
    params: IdParams,
    body: ConflictBody,
    invalidates: [],
    authorize: async (request) => authorizeDeclareConflict(request.actor, await loadApplicationOf(request)),
    render: async (request, reply, access, state, status) => reply.page(await reviewPage(access, request.actor.userId as string, undefined, state), status),
    handler: async (request, reply, access) => {
      await declareConflict(db, request.actor, access.application.id, request.body.reason)
      return done(reply, `/mobilisation/appels-a-projets/${access.call.id}`, { kind: 'success', message: 'mobilisation.flash.conflictDeclared' })
    },
  })

  // --- decisions ----------------------------------------------------------------------------------------------
  const decider = async (request: FastifyRequest) => authorizeDecide(request.actor, await loadApplicationOf(request))
  const decisionPage = async (access: ApplicationAccess, state: FormState) => {
    const fund = await findFund(db, access.call.fund_id)
    const grant = await db.selectFrom('mobilisation_grants').select('amount_cents').where('application_id', '=', access.application.id).executeTakeFirst()
    const available = fund ? Number(fund.paid_cents) + Number(fund.committed_cents) - Number(fund.granted_cents) + Number(grant?.amount_cents ?? 0) : 0
    return <DecisionPage application={access.application} call={access.call} state={state} available={available} />
  }

  pageRoute(app, {
    url: '/mobilisation/candidatures/:id/decision',
    params: IdParams,
    authorize: decider,
    handler: async (request, reply, access) => {
      const d = await db.selectFrom('mobilisation_decisions').selectAll().where('application_id', '=', access.application.id).executeTakeFirst()
      const values: FormState['values'] = d ? { outcome: d.outcome, amount: d.outcome === 'funded' ? quantityInput(request.locale, Number(d.amount_cents)) : '', conditions: d.conditions, reasons: d.reasons } : { amount: quantityInput(request.locale, Number(access.application.requested_cents)) }
      return reply.page(await decisionPage(access, { values, errors: [] }))
    },
  })

  formRoute(app, {
    url: '/mobilisation/candidatures/:id/decision',
    params: IdParams,
    body: DecisionForm,
    invalidates: [],
    authorize: decider,
    render: async (_request, reply, access, state, status) => reply.page(await decisionPage(access, state), status),
    handler: async (request, reply, access) => {
      const b = request.body
      await decide(db, request.actor, access.application.id, { outcome: b.outcome, amount: b.amount, conditions: b.conditions, reasons: b.reasons })
      return done(reply, `/mobilisation/appels-a-projets/${access.call.id}/deliberation`, { kind: 'success', message: 'mobilisation.flash.decisionRecorded' })
    },
  })

  // --- deliberation -------------------------------------------------------------------------------------------
  const deliberationPage = async (request: FastifyRequest, page: number) => {
    const deliberation = await loadDeliberation(db, request.actor, paramId(request), page, DELIBERATION_PER_PAGE)
    return <DeliberationPage deliberation={deliberation} page={page} pageCount={Math.max(1, Math.ceil(deliberation.total / DELIBERATION_PER_PAGE))} problems={queryProblems(request.query)} />
  }

  pageRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/deliberation',
    params: IdParams,
    querystring: PageOnly,
    handler: async (request, reply) => reply.page(await deliberationPage(request, request.query.page ?? 1)),
  })

  formRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/decisions',
    params: IdParams,
    body: EmptyBody,
    invalidates: [FUNDS_TAG],
    authorize: async (request) => authorizeProjectCallManage(request.actor, await loadProjectCall(db, request.actor, paramId(request))),
    render: async (request, reply, _access, _state, status) => reply.page(await deliberationPage(request, 1), status),
    handler: async (request, reply, access) => {
      await publishDecisions(db, request.actor, access.call.id)
      return done(reply, `/mobilisation/appels-a-projets/${access.call.id}/deliberation`, { kind: 'success', message: 'mobilisation.flash.decisionsPublished' })
    },
  })
}
