/**
 * JSON API of applications to calls for projects, with the rights of the pages: starting an application for an
 * alliance the caller's organisation coordinates (`POST /api/v1/mobilisation/project-calls/:id/applications`),
 * reading one (applicants and committee; a reviewer in conflict gets 404), changing it, submitting it (once, before
 * the deadline in Paris time), withdrawing it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../../core/errors.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { IdParams } from '../../../core/http/schemas.js'
import { ReasonBody } from '../mobilisation.schemas.js'
import { loadApplicationAccess, loadProjectCall } from './access.js'
import { eligibilityOf, saveApplication, startApplication, submitApplication, withdrawApplication } from './applications.service.js'
import { authorizeApplicationEdit, authorizeApplicationView, type ApplicationAccess } from './projects.policy.js'
import { listBudgetLines, unsafeFindApplication } from './projects.queries.js'
import { ApplicationBody, applicationInputOfBody, ApplicationSchema, presentApplication, StartApplicationBody } from './projects.schemas.js'

export async function projectApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const tags: [string] = ['mobilisation']
  const one = Type.Object({ data: ApplicationSchema }, { description: 'The application' })
  const loadApplicationOf = (request: FastifyRequest) => loadApplicationAccess(db, request.actor, paramId(request))
  const present = async (request: FastifyRequest, id: string) => {
    const access = await loadApplicationAccess(db, request.actor, id)
    const application = await unsafeFindApplication(db, id)
    if (!application) throw notFound()
    const [lines, eligibility] = await Promise.all([
      listBudgetLines(db, id),
      application.status === 'draft' ? eligibilityOf(db, request.actor, access) : Promise.resolve(application.eligibility ? JSON.parse(application.eligibility) : []),
    ])
    return { data: presentApplication(application, lines, eligibility) }
  }
  const edit = async (request: FastifyRequest): Promise<ApplicationAccess> => authorizeApplicationEdit(request.actor, await loadApplicationOf(request))

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/project-calls/:id/applications',
    operationId: 'startApplication',
    tags,
    summary: 'Starts the draft application of an alliance coordinated by an organisation the caller administers',
    params: IdParams,
    body: StartApplicationBody,
    errors: [409],
    invalidates: [],
    authorize: (request) => loadProjectCall(db, request.actor, paramId(request)),
    response: { 201: one },
    handler: async (request, _reply, access) => present(request, await startApplication(db, request.actor, access.call.id, request.body.alliance_id)),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/mobilisation/applications/:id',
    operationId: 'getApplication',
    tags,
    summary: 'One application (its applicants, the fund’s admins, the call’s reviewers without a conflict of interest)',
    params: IdParams,
    authorize: async (request) => authorizeApplicationView(request.actor, await loadApplicationOf(request)),
    response: { 200: one },
    handler: async (request, _reply, access) => present(request, access.application.id),
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/mobilisation/applications/:id',
    operationId: 'updateApplication',
    tags,
    summary: 'Changes a draft application: its budget must balance (expenses = resources, the fund’s line included)',
    params: IdParams,
    body: ApplicationBody,
    formFields: [[/^expense_/, 'expenses'], [/^resource_/, 'resources'], [/^q_/, 'answers']],
    errors: [409],
    invalidates: [],
    authorize: edit,
    response: { 200: one },
    handler: async (request, _reply, access) => {
      await saveApplication(db, request.actor, access.application.id, applicationInputOfBody(request.body))
      return present(request, access.application.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/applications/:id/submit',
    operationId: 'submitApplication',
    tags,
    summary: 'Submits the application, once, before the call’s deadline (Europe/Paris); eligibility is checked and kept',
    params: IdParams,
    errors: [409],
    invalidates: [],
    authorize: edit,
    response: { 200: one },
    handler: async (request, _reply, access) => {
      await submitApplication(db, request.actor, access.application.id)
      return present(request, access.application.id)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/mobilisation/applications/:id/withdraw',
    operationId: 'withdrawApplication',
    tags,
    summary: 'Withdraws the application (dated, with an optional reason) until the decisions are published',
    params: IdParams,
    body: ReasonBody,
    errors: [409],
    invalidates: [],
    authorize: edit,
    response: { 200: one },
    handler: async (request, _reply, access) => {
      await withdrawApplication(db, request.actor, access.application.id, request.body.reason ?? '')
      return present(request, access.application.id)
    },
  })
}
