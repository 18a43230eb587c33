/**
 * `/notifications`: the signed-in person's notifications (newest first, unread in bold) and a button that
 * marks them all read. Also the hook that gives every page the unread count shown in the layout.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { requireUser } from '../../core/access/actor.js'
import { formatDate } from '../../core/i18n/index.js'
import { useView } from '../../core/views/context.js'
import { Layout } from '../../core/views/Layout.js'
import { countUnread, listNotifications, markAllRead, type NotificationRow } from './notifications.service.js'

function NotificationsPage({ rows }: { rows: NotificationRow[] }) {
  const { t, locale, csrfToken } = useView()
  const unread = rows.filter((r) => r.read_at === null).length
  return (
    <Layout title={t('notifications.title')}>
      <h1>{t('notifications.title')}</h1>
      <p class="lead">{t('notifications.intro')}</p>
      {unread > 0 ? (
        <form method="post" action="/notifications/lues" class="inline-form">
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <button type="submit" class="button button-secondary">
            {t('notifications.markRead')}
          </button>
        </form>
      ) : null}
      {rows.length === 0 ? (
        <p>{t('notifications.none')}</p>
      ) : (
        <ul class="listing-list">
          {rows.map((n) => (
            <li class={n.read_at === null ? 'unread' : undefined}>
              {n.read_at === null ? <span class="visually-hidden">{t('notifications.new')} </span> : null}
              {n.link ? <a href={n.link}>{t(n.message_key, n.params)}</a> : t(n.message_key, n.params)}
              <span class="listing-meta">{formatDate(locale, n.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

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

export async function notificationPages(app: FastifyInstance): Promise<void> {
  app.get('/notifications', async (request, reply) => {
    const user = requireUser(request.actor)
    const rows = await listNotifications(app.db, user.userId)
    return reply.page(<NotificationsPage rows={rows} />)
  })

  app.post('/notifications/lues', { config: { invalidates: [] } }, async (request, reply) => {
    const user = requireUser(request.actor)
    await markAllRead(app.db, user.userId)
    reply.setFlash({ kind: 'success', message: 'notifications.marked' })
    return reply.redirect('/notifications', 303)
  })
}
