/** The background work of notifications: the daily digest of the notifications people chose to receive so. */
import type { Kysely } from 'kysely'
import type { JobDefinition } from '../../core/jobs/jobs.js'
import type { Database } from '../../database.js'
import { sendDailyDigests } from './notifications.service.js'

export function notificationJobs(db: Kysely<Database>): JobDefinition[] {
  return [
    {
      name: 'notifications.daily-digest',
      // 07:00 in Paris; a day missed while stopped is sent at the next start.
      schedule: { dailyAt: '07:00' },
      timeoutSeconds: 600,
      async handler() {
        await sendDailyDigests(db)
      },
    },
  ]
}
