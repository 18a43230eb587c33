/**
 * `/notifications` (newest first, unread marked; opening one marks it read), "mark all read", the e-mail
 * preferences per kind (`/notifications/preferences`), and one-click unsubscribe (`/desabonnement/<token>`,
 * RFC 8058: mail clients POST `List-Unsubscribe=One-Click` without cookies, hence no CSRF token there — the
 * signed token is the authorisation). Also the hook that gives every page the unread count.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import Type from 'typebox'
import { requireUser } from '../../core/access/actor.js'
import { requireId } from '../../core/http/forms.js'
import { AppError, type FieldProblem } from '../../core/errors.js'
import { readUnsubscribeToken } from '../../core/mail/unsubscribe.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import { DIGEST_KIND, kindRegistry, PACES, type NotificationKind, type Pace } from './notifications.kinds.js'
import { countUnread, listNotifications, markAllRead, openNotification, pacesOf, setPaces } from './notifications.service.js'
import { unsubscribe } from './unsubscribe.service.js'
import { NotificationsPage, PreferencesPage, UnsubscribePage } from './views/NotificationsPages.js'

/** Sets `request.unreadNotifications` for signed-in page views (not for the API). */
export const unreadCountPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', async (request) => {
      if (request.actor.userId === null || request.method !== 'GET' || request.url.startsWith('/api/')) return
      request.unreadNotifications = await countUnread(app.db, request.actor.userId)
    })
  },
  { name: 'alliance-unread-notifications', dependencies: ['alliance-sessions'] },
)

export interface NotificationPagesOptions {
  kinds: NotificationKind[]
  secret: string
}

export async function notificationPages(app: FastifyInstance, options: NotificationPagesOptions): Promise<void> {
  const registry = kindRegistry(options.kinds)
  const kinds = [...registry.values()]

  app.get('/notifications', async (request, reply) => {
    const user = requireUser(request.actor)
    const rows = await listNotifications(app.db, user.userId)
    return reply.page(<NotificationsPage rows={rows} />)
  })

  app.get('/notifications/:id/ouvrir', async (request, reply) => {
    const link = await openNotification(app.db, request.actor, requireId((request.params as { id: string }).id))
    return reply.redirect(link, 303)
  })

  app.post('/notifications/lues', { config: { invalidates: [] } }, async (request, reply) => {
    const user = requireUser(request.actor)
    await markAllRead(app.db, user.userId)
    reply.setFlash({ kind: 'success', message: 'notifications.marked' })
    return reply.redirect('/notifications', 303)
  })

  const preferencesView = async (request: FastifyRequest, state: FormState) => {
    const paces = await pacesOf(app.db, request.actor, kinds)
    return <PreferencesPage kinds={kinds} paces={paces} state={state} />
  }

  app.get('/notifications/preferences', async (request, reply) => reply.page(await preferencesView(request, emptyForm)))

  app.post('/notifications/preferences', { config: { invalidates: [] } }, async (request, reply) => {
    const user = requireUser(request.actor)
    const body = (request.body ?? {}) as Record<string, unknown>
    const chosen: Array<{ kind: string; pace: Pace }> = []
    const problems: FieldProblem[] = []
    for (const kind of kinds) {
      const value = body[`pace.${kind.key}`]
      if (value === undefined) continue
      if (typeof value !== 'string' || !(PACES as readonly string[]).includes(value)) problems.push({ field: `pace.${kind.key}`, message: 'form.error.invalid' })
      else chosen.push({ kind: kind.key, pace: value as Pace })
    }
    if (problems.length > 0) {
      const values = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'))
      return reply.page(await preferencesView(request, { values, errors: problems }), 400)
    }
    await setPaces(app.db, user.userId, chosen)
    reply.setFlash({ kind: 'success', message: 'notifications.preferences.saved' })
    return reply.redirect('/notifications/preferences', 303)
  })

  const tokenOf = (token: string) => {
    const read = readUnsubscribeToken(options.secret, token)
    if (!read || (read.kind !== DIGEST_KIND && !registry.has(read.kind))) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
    return read
  }

  app.get('/desabonnement/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const { kind } = tokenOf(token)
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')
    return reply.page(<UnsubscribePage action={`/desabonnement/${token}`} label={kind === DIGEST_KIND ? 'notifications.digest.label' : (registry.get(kind) as NotificationKind).label} done={false} />)
  })

  app.post('/desabonnement/:token', { config: { public: true, csrf: false, invalidates: [] }, schema: { body: Type.Optional(Type.Object({ 'List-Unsubscribe': Type.Optional(Type.Literal('One-Click')) })) } }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const { userId, kind } = tokenOf(token)
    const done = await unsubscribe(app.db, userId, kind, kinds)
    if (!done) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
    reply.header('cache-control', 'no-store')
    return reply.page(<UnsubscribePage action={`/desabonnement/${token}`} label={kind === DIGEST_KIND ? 'notifications.digest.label' : (registry.get(kind) as NotificationKind).label} done />)
  })
}
