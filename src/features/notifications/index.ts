/**
 * Notifications: in-app messages to people (a counter in the layout, a list at `/notifications`).
 * Owns: `notifications`. Public exports: `notify` (for any feature, inside its transaction), the plugins.
 */
import type { FastifyInstance } from 'fastify'
import { notificationPages } from './notifications.pages.js'

export { notify, countUnread, listNotifications as listRecentNotifications } from './notifications.service.js'
export { unreadCountPlugin } from './notifications.pages.js'
export { notificationMessages } from './notifications.messages.js'
export { notificationsPersonalData } from './notifications.personal-data.js'
export type { NotificationTables } from './notifications.table.js'

export async function notificationsFeature(app: FastifyInstance): Promise<void> {
  await app.register(notificationPages)
}
