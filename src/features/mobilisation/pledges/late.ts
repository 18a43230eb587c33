/**
 * The daily check of late pledges: an active pledge past its due day and not fully fulfilled is told to its
 * organisation — once, and to nobody else. The publisher of the call sees such pledges only after a grace period
 * (`FOLLOW_UP_GRACE_DAYS`), privately, so that a pledger always hears it first; public pages never show lateness.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../../core/db/values.js'
import { parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { notifyPledgeLate } from '../mobilisation.notifications.js'

/** Days between the pledger's notice and the moment the call's publisher sees the pledge among those to follow up. */
export const FOLLOW_UP_GRACE_DAYS = 14

/** Notifies the organisations of newly late pledges (at most `limit` per run); returns how many were flagged. */
export async function flagLatePledges(db: Kysely<Database>, options: { today?: string; limit?: number } = {}): Promise<number> {
  const today = options.today ?? parisToday()
  const late = await db
    .selectFrom('mobilisation_pledges as p')
    .leftJoin('mobilisation_calls as c', 'c.id', 'p.call_id')
    .leftJoin('needs as n', 'n.id', 'p.need_id')
    .leftJoin('alliances as a', 'a.id', 'p.alliance_id')
    .select(['p.id', 'p.organisation_id', 'p.due_on', 'c.title as call_title', 'n.title as need_title', 'a.name as alliance_name'])
    .where('p.status', '=', 'active')
    .where('p.due_on', '<', today)
    .where('p.late_notified_at', 'is', null)
    .whereRef('p.fulfilled_hundredths', '<', 'p.quantity_hundredths')
    .orderBy('p.due_on')
    .limit(options.limit ?? 500)
    .execute()
  let flagged = 0
  for (const pledge of late) {
    await db.transaction().execute(async (trx) => {
      const done = await trx.updateTable('mobilisation_pledges').set({ late_notified_at: nowIso() }).where('id', '=', pledge.id).where('late_notified_at', 'is', null).executeTakeFirst()
      if (Number(done.numUpdatedRows) !== 1) return
      flagged++
      await notifyPledgeLate(trx, { id: pledge.id, organisationId: pledge.organisation_id, dueOn: pledge.due_on, target: pledge.call_title ?? pledge.need_title ?? pledge.alliance_name ?? '' })
    })
  }
  return flagged
}
