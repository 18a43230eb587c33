/**
 * Reminders before meetings, a periodic job of `core/jobs` (`catalysis.meeting-reminders`, every 15 minutes):
 * `sendDueReminders` finds the seated registrations of meetings (not cancelled) starting within the next
 * `REMINDER_HOURS` that have not been reminded, marks each one and notifies the person, in one transaction per
 * meeting. It is idempotent — a registration is reminded once, whoever runs it and however often (the mark is
 * set with `reminder_sent_at is null` as condition, and the notification is written in the same transaction) —
 * so a job run twice, two processes, or the manual `alliance catalysis reminders` never remind twice.
 */
import type { Kysely } from 'kysely'
import type { JobDefinition } from '../../../core/jobs/jobs.js'
import type { Database } from '../../../database.js'
import { notifyReminder } from '../catalysis.notifications.js'
import { REMINDER_HOURS } from './meetings.codes.js'
import { findMeetingDetails, locationOf } from './meetings.queries.js'

type Db = Kysely<Database>

/** The queue of the reminders job. */
export const REMINDERS_JOB = 'catalysis.meeting-reminders'

/** Sends the reminders due at `now`; returns how many people were reminded. */
export async function sendDueReminders(db: Db, now: Date = new Date()): Promise<number> {
  const from = now.toISOString()
  const to = new Date(now.getTime() + REMINDER_HOURS * 3600_000).toISOString()
  const due = await db
    .selectFrom('catalysis_registrations')
    .innerJoin('catalysis_meetings', 'catalysis_meetings.id', 'catalysis_registrations.meeting_id')
    .select('catalysis_registrations.meeting_id')
    .distinct()
    .where('catalysis_meetings.starts_at', '>', from)
    .where('catalysis_meetings.starts_at', '<=', to)
    .where('catalysis_meetings.status', '=', 'prevue')
    .where('catalysis_registrations.status', '=', 'inscrit')
    .where('catalysis_registrations.reminder_sent_at', 'is', null)
    .execute()
  let sent = 0
  for (const { meeting_id } of due) {
    const meeting = await findMeetingDetails(db, meeting_id)
    if (!meeting) continue
    sent += await db.transaction().execute(async (trx) => {
      const people = await trx
        .selectFrom('catalysis_registrations')
        .select(['id', 'user_id'])
        .where('meeting_id', '=', meeting_id)
        .where('status', '=', 'inscrit')
        .where('reminder_sent_at', 'is', null)
        .execute()
      const reminded: string[] = []
      for (const p of people) {
        const marked = await trx.updateTable('catalysis_registrations').set({ reminder_sent_at: from }).where('id', '=', p.id).where('reminder_sent_at', 'is', null).executeTakeFirst()
        if (Number(marked.numUpdatedRows) === 1) reminded.push(p.user_id)
      }
      if (reminded.length > 0) await notifyReminder(trx, meeting, locationOf(meeting) ?? meeting.online_url ?? '', reminded)
      return reminded.length
    })
  }
  return sent
}

/** The background work of catalysis: the reminders before meetings (composed in src/runtime.ts). */
export function catalysisJobs(db: Db): JobDefinition[] {
  return [
    {
      name: REMINDERS_JOB,
      // A reminder goes out between 48 h and 47 h 45 before the meeting; a slot missed while stopped runs at start.
      schedule: { everyMinutes: 15 },
      timeoutSeconds: 300,
      async handler() {
        await sendDueReminders(db)
      },
    },
  ]
}
