/** The unread count of the layout: set on every signed-in page view (not for the API, not for writes). */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { countUnread } from './notifications.service.js'

/** Sets `request.unreadNotifications` for signed-in page views (one indexed count). */
export const unreadCountPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', async (request) => {
      if (request.actor.userId === null || request.method !== 'GET' || request.url.startsWith('/api/')) return
      request.unreadNotifications = await countUnread(app.db, request.actor.userId)
    })
  },
  { name: 'alliance-unread-notifications', dependencies: ['alliance-sessions'] },
)
