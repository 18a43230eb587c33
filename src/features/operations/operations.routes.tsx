/**
 * The operators' console (platform admins; others get 404): `/admin/taches` (queues and dead jobs, with a
 * replay action), `/admin/courriels` (e-mail messages and their delivery; one message as read by its
 * recipient) and `/admin/identifiants` (organisation identifiers to verify, claims to decide). Replaying a job
 * changes no public page; verifying or moving an identifier changes organisations' public profiles.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../core/errors.js'
import { EmptyForm } from '../../core/http/schemas.js'
import { done, formRoute, pageRoute, paramId, paramText } from '../../core/http/routes.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import { renderStoredMail } from '../../core/mail/mail.jobs.js'
import { authorizePlatformAdmin } from '../accounts/index.js'
import { decideClaim, listOpenClaims, listUnverified, verifyIdentifiers } from '../organisations/index.js'
import { JobsQuery, MailQuery } from './operations.schemas.js'
import { findMail, jobsOverview, listMail, replayDeadJob } from './operations.service.js'
import { IdentifiersPage, JobsPage, MailListPage, MailPage } from './views/OperationsPages.js'

/** What verifying an identifier or deciding a claim changes in public pages: organisations' profiles and directory. */
const IDENTIFIER_PAGES = ['organisations']

export interface OperationsOptions {
  publicUrl: string
  secret: string
}

export async function operationsRoutes(app: FastifyInstance, options: OperationsOptions): Promise<void> {
  const admin = (request: FastifyRequest) => authorizePlatformAdmin(request.actor)

  const jobsView = async (request: FastifyRequest, reply: FastifyReply, page: number, status = 200) => {
    const overview = await jobsOverview(app.runtime.store, request.actor, page)
    return reply.page(<JobsPage counts={overview.counts} dead={overview.dead} problems={queryProblems(request.query)} />, status)
  }

  pageRoute(app, {
    url: '/admin/taches',
    querystring: lenient(JobsQuery),
    authorize: admin,
    handler: async (request, reply) => jobsView(request, reply, request.query.page ?? 1),
  })

  formRoute(app, {
    url: '/admin/taches/:queue/:id/rejouer',
    body: EmptyForm,
    invalidates: [],
    // A queue or id of the wrong shape names no job: 404, as an unknown one.
    authorize: (request) => {
      admin(request)
      const queue = paramText(request, 'queue') ?? ''
      if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(queue)) throw notFound()
      return { queue, id: paramId(request) }
    },
    render: (request, reply, _job, _state, status) => jobsView(request, reply, 1, status),
    handler: async (request, reply, job) => {
      await replayDeadJob(app.runtime.store, request.actor, job.queue, job.id)
      return done(reply, '/admin/taches', { kind: 'success', message: 'operations.jobs.replayed' })
    },
  })

  pageRoute(app, {
    url: '/admin/courriels',
    querystring: lenient(MailQuery),
    authorize: admin,
    handler: async (request, reply) => {
      const { page = 1, statut } = request.query
      const mail = await listMail(app.db, request.actor, { status: statut, page })
      return reply.page(<MailListPage mail={mail} status={statut} problems={queryProblems(request.query)} />)
    },
  })

  pageRoute(app, {
    url: '/admin/courriels/:id',
    authorize: async (request) => {
      admin(request)
      return findMail(app.db, request.actor, paramId(request))
    },
    handler: async (_request, reply, row) => {
      const rendered = renderStoredMail({ i18n: app.runtime.i18n, publicUrl: options.publicUrl, secret: options.secret }, row)
      return reply.page(
        <MailPage
          mail={{
            id: row.id,
            recipient: row.recipient,
            locale: row.locale,
            template: row.template,
            status: row.status,
            created_at: row.created_at,
            sent_at: row.sent_at,
            last_error: row.last_error,
            subject: row.subject ?? rendered.subject,
            text: rendered.text,
            unsubscribeUrl: rendered.unsubscribeUrl,
          }}
        />,
      )
    },
  })

  const identifiersView = async (request: FastifyRequest, reply: FastifyReply, status = 200) => {
    const [claims, unverified] = await Promise.all([listOpenClaims(app.db, request.actor), listUnverified(app.db, request.actor)])
    return reply.page(<IdentifiersPage claims={claims} unverified={unverified} />, status)
  }

  pageRoute(app, { url: '/admin/identifiants', authorize: admin, handler: async (request, reply) => identifiersView(request, reply) })

  formRoute(app, {
    url: '/admin/identifiants/:id/verifier',
    body: EmptyForm,
    invalidates: IDENTIFIER_PAGES,
    authorize: (request) => {
      admin(request)
      return paramId(request)
    },
    render: (request, reply, _id, _state, status) => identifiersView(request, reply, status),
    handler: async (request, reply, organisationId) => {
      await verifyIdentifiers(app.db, request.actor, organisationId)
      return done(reply, '/admin/identifiants', { kind: 'success', message: 'organisations.review.done' })
    },
  })

  for (const [path, grant] of [
    ['accorder', true],
    ['refuser', false],
  ] as const) {
    formRoute(app, {
      url: `/admin/identifiants/revendications/:id/${path}`,
      body: EmptyForm,
      invalidates: IDENTIFIER_PAGES,
      authorize: (request) => {
        admin(request)
        return paramId(request)
      },
      render: (request, reply, _id, _state, status) => identifiersView(request, reply, status),
      handler: async (request, reply, claimId) => {
        await decideClaim(app.db, request.actor, claimId, grant)
        return done(reply, '/admin/identifiants', { kind: 'success', message: 'organisations.review.done' })
      },
    })
  }
}
