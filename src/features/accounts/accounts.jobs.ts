/** The background work of accounts: answering "forgotten password" requests, removing expired registrations. */
import type { Kysely } from 'kysely'
import type { JobDefinition } from '../../core/jobs/jobs.js'
import type { Database } from '../../database.js'
import { PASSWORD_RESET_QUEUE, pruneUnverifiedAccounts, sendPasswordReset } from './accounts.service.js'

export function accountJobs(db: Kysely<Database>): JobDefinition[] {
  return [
    {
      name: PASSWORD_RESET_QUEUE,
      retryLimit: 3,
      retryDelaySeconds: 10,
      // Idempotent enough: a second run sends a second link, each valid alone for an hour.
      async handler(payload: { email: string; ip: string | null }) {
        await sendPasswordReset(db, payload)
      },
    },
    {
      name: 'accounts.prune-unverified',
      schedule: { everyMinutes: 60 },
      async handler() {
        await pruneUnverifiedAccounts(db)
      },
    },
  ]
}
