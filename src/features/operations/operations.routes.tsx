/**
 * The operators' console (platform admins; others get 404): `/admin/taches` (queues and dead jobs, with a
 * replay action) and `/admin/courriels` (e-mail messages and their delivery; one message as read by its
 * recipient). Replaying a job changes no public page. The identifier review (`/admin/identifiants`) belongs to
 * organisations.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../core/errors.js'
import { EmptyForm } from '../../core/http/schemas.js'
import { done, formRoute, pageRoute, paramId, paramText } from '../../core/http/routes.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import { renderStoredMail } from '../../core/mail/mail.jobs.js'
import { authorizePlatformAdmin } from '../accounts/index.js'
import { JobsQuery, MailQuery } from './operations.schemas.js'
import { findMail, jobsOverview, listMail, replayDeadJob } from './operations.service.js'
import { JobsPage, MailListPage, MailPage } from './views/OperationsPages.js'

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
}
