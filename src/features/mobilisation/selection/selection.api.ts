/**
 * JSON API of the selection, with the rights of the pages: a reviewer's review of an application and a declared
 * conflict of interest, a fund admin's decision, the deliberation of a call (fund admins; reviewers once they
 * reviewed everything they may), publishing the decisions.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { requireUser } from '../../../core/access/actor.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { IdParams, PageQuery } from '../../../core/http/schemas.js'
import { FUNDS_TAG } from '../cache-tags.js'
import { EmptyBody } from '../mobilisation.schemas.js'
import { loadApplicationAccess, loadProjectCall } from '../projects/access.js'
import { authorizeDecide, authorizeDeclareConflict, authorizeProjectCallManage, authorizeReview } from '../projects/projects.policy.js'
import { decide, loadDeliberation, publishDecisions } from './decisions.service.js'
import { RANKING_METHOD } from './deliberation.js'
import { declareConflict, saveReview } from './reviews.service.js'
import { ConflictBody, DecisionBody, DeliberationSchema, presentDeliberationRow, ReviewBody, reviewInputOfBody } from './selection.schemas.js'

const Done = Type.Object({ data: Type.Object({ status: Type.String() }) }, { description: 'Recorded' })

export async function selectionApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const tags: [string] = ['mobilisation']
  const loadApplicationOf = (request: FastifyRequest) => loadApplicationAccess(db, request.actor, paramId(request))

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/mobilisation/applications/:id/review',
    operationId: 'saveReview',
    tags,
    summary: 'Saves or submits the caller’s review (an assigned reviewer without a conflict of interest); scores from 0 to the grid’s maximum',
    params: IdParams,
    body: ReviewBody,
    formFields: [[/^score_/, 'scores']],
    errors: [409],
    invalidates: [],
    authorize: async (request) => authorizeReview(request.actor, await loadApplicationOf(request)),
    response: { 200: Done },
    handler: async (request, _reply, access) => {
      await saveReview(db, request.actor, access.application.id, reviewInputOfBody(request.body))
      return { data: { status: request.body.submit ? 'submitted' : 'draft' } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/applications/:id/conflicts',
    operationId: 'declareConflict',
    tags,
    summary: 'Declares a conflict of interest with the application (an assigned reviewer): they no longer see it',
    params: IdParams,
    body: ConflictBody,
    errors: [409],
    invalidates: [],
    authorize: async (request) => authorizeDeclareConflict(request.actor, await loadApplicationOf(request)),
    response: { 201: Done },
    handler: async (request, _reply, access) => {
      await declareConflict(db, request.actor, access.application.id, request.body.reason)
      return { data: { status: 'declared' } }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/mobilisation/applications/:id/decision',
    operationId: 'decideApplication',
    tags,
    summary: 'Records the decision on a submitted application after the deadline (a fund admin without conflict); a funded decision books the grant',
    params: IdParams,
    body: DecisionBody,
    errors: [409],
    invalidates: [],
    authorize: async (request) => authorizeDecide(request.actor, await loadApplicationOf(request)),
    response: { 200: Done },
    handler: async (request, _reply, access) => {
      const b = request.body
      await decide(db, request.actor, access.application.id, { outcome: b.outcome, amount: b.amount, conditions: b.conditions, reasons: b.reasons })
      return { data: { status: b.outcome } }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/project-calls/:id/deliberation',
    operationId: 'getDeliberation',
    tags,
    summary: 'The ranked applications of a call with scores per criterion, spread, comments and decisions',
    description: 'Fund admins at any time; a reviewer once they submitted a review of every application they may review (403 before), without the applications they are in conflict with.',
    params: IdParams,
    querystring: Type.Object(PageQuery({ perPage: 20, maxPerPage: 100 }), { additionalProperties: false }),
    authorize: async (request) => {
      requireUser(request.actor)
      return loadProjectCall(db, request.actor, paramId(request))
    },
    response: { 200: DeliberationSchema },
    handler: async (request) => {
      const page = request.query.page ?? 1
      const perPage = request.query.per_page ?? 20
      const d = await loadDeliberation(db, request.actor, paramId(request), page, perPage)
      return {
        method: { id: RANKING_METHOD, description: request.t('mobilisation.deliberation.method') },
        criteria: d.criteria,
        data: d.rows.map(presentDeliberationRow),
        undecided: d.undecided,
        total: d.total,
        page,
        per_page: perPage,
        page_count: Math.ceil(d.total / perPage),
      }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/project-calls/:id/decisions/publish',
    operationId: 'publishDecisions',
    tags,
    summary: 'Publishes the decisions of a call (its fund’s admins): every submitted application must have one',
    params: IdParams,
    body: EmptyBody,
    errors: [409],
    invalidates: [FUNDS_TAG],
    authorize: async (request) => authorizeProjectCallManage(request.actor, await loadProjectCall(db, request.actor, paramId(request))),
    response: { 200: Done },
    handler: async (request, _reply, access) => {
      await publishDecisions(db, request.actor, access.call.id)
      return { data: { status: 'decided' } }
    },
  })
}
