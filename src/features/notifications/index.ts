/**
 * Notifications: what waits on someone reaches them — an in-app line (with the unread count in the layout,
 * `/notifications`) and an e-mail at the pace each person chose per kind (immediately, daily digest, never;
 * `/notifications/preferences`, one-click unsubscribe links). Features declare their kinds with
 * `notificationKind` in their `<feature>.notifications.ts` and call `notify(trx, kind, …)` in the transaction
 * of the act; see docs/architecture.md.
 *
 * Owns: `notifications`, `notification_preferences`.
 */
import type { FastifyInstance } from 'fastify'
import type { NotificationKind } from './notifications.kinds.js'
import { notificationRoutes } from './notifications.routes.js'

export { notify, listNotifications as listRecentNotifications, setPaces } from './notifications.service.js'
export { notificationKind, type NotificationKind } from './notifications.kinds.js'
export { notificationJobs } from './notifications.jobs.js'
export { unreadCountPlugin } from './notifications.plugin.js'
export { notificationMessages } from './notifications.messages.js'
export { notificationsPersonalData } from './notifications.personal-data.js'
export type { NotificationTables } from './notifications.table.js'

export interface NotificationsFeatureOptions {
  /** every kind of the application (for the preferences page and unsubscribe links) */
  kinds: NotificationKind[]
  /** the session secret (it signs unsubscribe links) */
  secret: string
}

export async function notificationsFeature(app: FastifyInstance, options: NotificationsFeatureOptions): Promise<void> {
  await app.register(notificationRoutes, options)
}
