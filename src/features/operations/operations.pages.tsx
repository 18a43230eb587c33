/**
 * The operators' console (platform admins; others get 404): `/admin/taches` (queues and dead jobs, with a
 * replay action) and `/admin/courriels` (e-mail messages and their delivery; one message as read by its
 * recipient). Reading or replaying changes no public page.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { renderStoredMail } from '../../core/mail/mail.jobs.js'
import { requireId } from '../../core/http/forms.js'
import { decideClaim, listOpenClaims, listUnverified, verifyIdentifiers } from '../organisations/index.js'
import { jobsOverview, listMail, findMail, replayDeadJob, MAIL_STATUSES } from './operations.service.js'
import { IdentifiersPage, JobsPage, MailListPage, MailPage } from './views/OperationsPages.js'

const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })) }, { additionalProperties: false })
const MailQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    statut: Type.Optional(Type.Union([Type.Literal(''), ...MAIL_STATUSES.map((s) => Type.Literal(s))])),
  },
  { additionalProperties: false },
)

export interface OperationsOptions {
  publicUrl: string
  secret: string
}

export async function operationsPages(app: FastifyInstance, options: OperationsOptions): Promise<void> {
  app.get('/admin/taches', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const { page = 1 } = request.query as { page?: number }
    const overview = await jobsOverview(app.runtime.store, request.actor, page)
    return reply.page(<JobsPage {...overview} />)
  })

  app.post('/admin/taches/:queue/:id/rejouer', { config: { invalidates: [] } }, async (request, reply) => {
    const { queue, id } = request.params as { queue: string; id: string }
    await replayDeadJob(app.runtime.store, request.actor, queue, id)
    reply.setFlash({ kind: 'success', message: 'operations.jobs.replayed' })
    return reply.redirect('/admin/taches', 303)
  })

  app.get('/admin/courriels', { schema: { querystring: MailQuery } }, async (request, reply) => {
    const { page = 1, statut } = request.query as { page?: number; statut?: (typeof MAIL_STATUSES)[number] | '' }
    const status = statut === '' ? undefined : statut
    const list = await listMail(app.db, request.actor, { status, page })
    return reply.page(<MailListPage {...list} page={page} status={status} />)
  })

  app.get('/admin/identifiants', async (request, reply) => {
    const [claims, unverified] = await Promise.all([listOpenClaims(app.db, request.actor), listUnverified(app.db, request.actor)])
    return reply.page(<IdentifiersPage claims={claims} unverified={unverified} />)
  })

  // Verifying or moving an identifier changes public profiles: the default page invalidation applies.
  app.post('/admin/identifiants/:id/verifier', async (request, reply) => {
    await verifyIdentifiers(app.db, request.actor, requireId((request.params as { id: string }).id))
    reply.setFlash({ kind: 'success', message: 'organisations.review.done' })
    return reply.redirect('/admin/identifiants', 303)
  })

  for (const [path, grant] of [
    ['accorder', true],
    ['refuser', false],
  ] as const) {
    app.post(`/admin/identifiants/revendications/:id/${path}`, async (request, reply) => {
      await decideClaim(app.db, request.actor, requireId((request.params as { id: string }).id), grant)
      reply.setFlash({ kind: 'success', message: 'organisations.review.done' })
      return reply.redirect('/admin/identifiants', 303)
    })
  }

  app.get('/admin/courriels/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    const row = await findMail(app.db, request.actor, id)
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
  })
}
