/**
 * JSON API of calls for projects, with the rights of the pages: the list, drafting a call of a fund
 * (`POST /api/v1/mobilisation/funds/:id/project-calls`, its admins), reading one (public once published; a draft is
 * its fund's admins' only, 404 for everyone else), changing a draft, creating its questionnaire, publishing it, and
 * the reviewers the fund's admins assign and remove. Every act goes through `project-calls.service.ts`, as the pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../../core/errors.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams, Page, pageMeta, PageQuery } from '../../../core/http/schemas.js'
import { FUNDS_TAG } from '../cache-tags.js'
import { authorizeFundAdmin } from '../funds/funds.policy.js'
import { loadFund } from '../funds/funds.service.js'
import { administeredOrganisations } from '../mobilisation.policy.js'
import { EmptyBody } from '../mobilisation.schemas.js'
import { loadProjectCall } from './access.js'
import { assignReviewer, createCallQuestionnaire, createProjectCall, publishProjectCall, unassignReviewer, updateProjectCall } from './project-calls.service.js'
import { authorizeProjectCallManage } from './projects.policy.js'
import { listCallSdgs, listCriteria, listProjectCalls, listReviewers, projectCallPhase, unsafeFindProjectCall } from './projects.queries.js'
import { presentProjectCall, presentProjectCallSummary, presentReviewer, ProjectCallBody, projectCallInputOfBody, ProjectCallSchema, ProjectCallSummarySchema, ReviewerBody, ReviewerSchema } from './projects.schemas.js'

export async function projectCallApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const tags: [string] = ['mobilisation']
  const one = Type.Object({ data: ProjectCallSchema }, { description: 'The call for projects' })
  const reviewers = Type.Object({ data: Type.Array(ReviewerSchema) }, { description: 'The call’s reviewers' })
  const present = async (id: string) => {
    const [call, sdgs, criteria] = await Promise.all([unsafeFindProjectCall(db, id), listCallSdgs(db, id), listCriteria(db, id)])
    if (!call) throw notFound()
    return { data: presentProjectCall(call, { phase: projectCallPhase(call), sdgs, criteria }) }
  }
  const presentReviewers = async (callId: string) => ({ data: (await listReviewers(db, callId)).map(presentReviewer) })
  const loadCallOf = (request: FastifyRequest) => loadProjectCall(db, request.actor, paramId(request))
  const manageCall = async (request: FastifyRequest) => authorizeProjectCallManage(request.actor, await loadCallOf(request))

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/project-calls',
    public: true,
    operationId: 'listProjectCalls',
    tags,
    summary: 'Calls for projects (published; the drafts of the funds the caller administers too), latest deadline first',
    querystring: Type.Object(PageQuery(), { additionalProperties: false }),
    response: { 200: Page(ProjectCallSummarySchema, { totalDescription: 'Calls for projects the caller sees' }) },
    handler: async (request) => {
      const page = await listProjectCalls(db, { hostOrganisationIds: administeredOrganisations(request.actor) }, request.query.page ?? 1, request.query.per_page ?? 20)
      return { data: page.rows.map((c) => presentProjectCallSummary(c, projectCallPhase(c))), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/funds/:id/project-calls',
    operationId: 'createProjectCall',
    tags,
    summary: 'Drafts a call for projects of the fund (its admins): perimeter, SDGs, eligibility rules, the weighted grid, Paris opening and deadline',
    description: 'Rules the schema cannot check (a deadline after the opening and in the future, a maximum above the minimum, a known territory, criteria of at least 3 characters) are reported in `errors` like the schema’s, by body property (`criteria` for a criterion’s label).',
    params: IdParams,
    body: ProjectCallBody,
    formFields: [[/^criterion_/, 'criteria']],
    invalidates: [],
    authorize: async (request) => authorizeFundAdmin(request.actor, await loadFund(db, request.actor, paramId(request))),
    response: { 201: one },
    handler: async (request, _reply, { fund }) => present(await createProjectCall(db, request.actor, fund.id, projectCallInputOfBody(request.body))),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/project-calls/:id',
    public: true,
    operationId: 'getProjectCall',
    tags,
    summary: 'One call for projects with its rules and grid (a draft: its fund’s admins only)',
    params: IdParams,
    authorize: loadCallOf,
    response: { 200: one },
    handler: async (_request, _reply, { call }) => present(call.id),
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/mobilisation/project-calls/:id',
    operationId: 'updateProjectCall',
    tags,
    summary: 'Changes a draft call for projects (its fund’s admins); a published call keeps its rules (409)',
    params: IdParams,
    body: ProjectCallBody,
    formFields: [[/^criterion_/, 'criteria']],
    errors: [409],
    invalidates: [],
    authorize: manageCall,
    response: { 200: one },
    handler: async (request, _reply, { call }) => {
      await updateProjectCall(db, request.actor, call.id, projectCallInputOfBody(request.body))
      return present(call.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/project-calls/:id/questionnaire',
    operationId: 'createProjectCallQuestionnaire',
    tags,
    summary: 'Creates the draft call’s questionnaire in the surveys module, to be built at its `href` (its fund’s admins; once)',
    params: IdParams,
    body: EmptyBody,
    errors: [409],
    invalidates: [],
    authorize: manageCall,
    response: { 201: one },
    handler: async (request, _reply, { call }) => {
      await createCallQuestionnaire(db, request.actor, call.id)
      return present(call.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/project-calls/:id/publish',
    operationId: 'publishProjectCall',
    tags,
    summary: 'Publishes a draft call for projects (its fund’s admins): its rules and questions are frozen',
    params: IdParams,
    body: EmptyBody,
    errors: [409],
    invalidates: [FUNDS_TAG],
    authorize: manageCall,
    response: { 200: one },
    handler: async (request, _reply, { call }) => {
      await publishProjectCall(db, request.actor, call.id)
      return present(call.id)
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/project-calls/:id/reviewers',
    operationId: 'listProjectCallReviewers',
    tags,
    summary: 'The reviewers of a call for projects (its fund’s admins)',
    params: IdParams,
    authorize: manageCall,
    response: { 200: reviewers },
    handler: async (_request, _reply, { call }) => presentReviewers(call.id),
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/project-calls/:id/reviewers',
    operationId: 'assignProjectCallReviewer',
    tags,
    summary: 'Assigns a member of the fund’s committee to review the call’s applications (its fund’s admins); they are notified',
    params: IdParams,
    body: ReviewerBody,
    errors: [409],
    invalidates: [],
    authorize: manageCall,
    response: { 201: reviewers },
    handler: async (request, _reply, { call }) => {
      await assignReviewer(db, request.actor, call.id, request.body.user_id)
      return presentReviewers(call.id)
    },
  })

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/mobilisation/project-calls/:id/reviewers/:userId',
    operationId: 'removeProjectCallReviewer',
    tags,
    summary: 'Removes a reviewer (its fund’s admins): their draft reviews go, submitted ones stay in the deliberation',
    params: Type.Object({ id: Id, userId: Type.String() }),
    errors: [409],
    invalidates: [],
    authorize: manageCall,
    response: { 204: Type.Null({ description: 'Removed' }) },
    handler: async (request, reply, { call }) => {
      await unassignReviewer(db, request.actor, call.id, paramId(request, 'userId'))
      return reply.status(204).send()
    },
  })
}
