/**
 * `/notifications` (newest first, unread marked; opening one marks it read), "mark all read", the e-mail
 * preferences per kind (`/notifications/preferences`), and one-click unsubscribe (`/desabonnement/<token>`,
 * RFC 8058: mail clients POST `List-Unsubscribe=One-Click` without cookies, hence no CSRF token there — the
 * signed token is the authorisation). None of these writes changes a public page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireUser } from '../../core/access/actor.js'
import { notFound } from '../../core/errors.js'
import { EmptyForm } from '../../core/http/schemas.js'
import { done, formRoute, pageRoute, paramId, paramText } from '../../core/http/routes.js'
import { readUnsubscribeToken } from '../../core/mail/unsubscribe.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import { DIGEST_KIND, kindRegistry, type NotificationKind } from './notifications.kinds.js'
import { preferencesForm, UnsubscribeForm } from './notifications.schemas.js'
import { choosePaces, listNotifications, markAllRead, openNotification, pacesOf } from './notifications.service.js'
import { unsubscribe } from './unsubscribe.service.js'
import { NotificationsPage, PreferencesPage, UnsubscribePage } from './views/NotificationsPages.js'

export interface NotificationRoutesOptions {
  kinds: NotificationKind[]
  secret: string
}

export async function notificationRoutes(app: FastifyInstance, options: NotificationRoutesOptions): Promise<void> {
  const registry = kindRegistry(options.kinds)
  const kinds = [...registry.values()]

  const listView = async (request: FastifyRequest, reply: FastifyReply, status = 200) => {
    const user = requireUser(request.actor)
    return reply.page(<NotificationsPage rows={await listNotifications(app.db, user.userId)} />, status)
  }

  pageRoute(app, { url: '/notifications', handler: async (request, reply) => listView(request, reply) })

  pageRoute(app, {
    url: '/notifications/:id/ouvrir',
    authorize: (request) => paramId(request),
    handler: async (request, reply, id) => reply.redirect(await openNotification(app.db, request.actor, id), 303),
  })

  formRoute(app, {
    url: '/notifications/lues',
    body: EmptyForm,
    invalidates: [],
    render: (request, reply, _ctx, _state, status) => listView(request, reply, status),
    handler: async (request, reply) => {
      await markAllRead(app.db, request.actor)
      return done(reply, '/notifications', { kind: 'success', message: 'notifications.marked' })
    },
  })

  const preferencesView = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) => {
    const paces = await pacesOf(app.db, request.actor, kinds)
    return reply.page(<PreferencesPage kinds={kinds} paces={paces} state={state} />, status)
  }

  pageRoute(app, { url: '/notifications/preferences', handler: async (request, reply) => preferencesView(request, reply, emptyForm) })

  formRoute(app, {
    url: '/notifications/preferences',
    body: preferencesForm(kinds),
    invalidates: [],
    render: (request, reply, _ctx, state, status) => preferencesView(request, reply, state, status),
    handler: async (request, reply) => {
      const chosen = kinds.flatMap((kind) => {
        const pace = request.body[`pace.${kind.key}`]
        return pace === undefined ? [] : [{ kind: kind.key, pace }]
      })
      await choosePaces(app.db, request.actor, chosen)
      return done(reply, '/notifications/preferences', { kind: 'success', message: 'notifications.preferences.saved' })
    },
  })

  /** The person and kind of the link's signed token, or 404 (forged, or a kind that no longer exists). */
  const unsubscribeLink = (request: FastifyRequest) => {
    const token = paramText(request, 'token') ?? ''
    const read = readUnsubscribeToken(options.secret, token)
    const kind = read?.kind === DIGEST_KIND ? null : read ? registry.get(read.kind) : undefined
    if (!read || kind === undefined) throw notFound()
    return { ...read, token, label: kind === null ? 'notifications.digest.label' : kind.label }
  }
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')

  pageRoute(app, {
    url: '/desabonnement/:token',
    public: true,
    authorize: unsubscribeLink,
    handler: async (_request, reply, link) => noStore(reply).page(<UnsubscribePage action={`/desabonnement/${link.token}`} label={link.label} done={false} />),
  })

  formRoute(app, {
    url: '/desabonnement/:token',
    public: true,
    csrf: false,
    body: UnsubscribeForm,
    invalidates: [],
    authorize: unsubscribeLink,
    render: (_request, reply, link, state, status) => noStore(reply).page(<UnsubscribePage action={`/desabonnement/${link.token}`} label={link.label} done={false} state={state} />, status),
    handler: async (_request, reply, link) => {
      if (!(await unsubscribe(app.db, link.userId, link.kind, kinds))) throw notFound()
      return noStore(reply).page(<UnsubscribePage action={`/desabonnement/${link.token}`} label={link.label} done />)
    },
  })
}
