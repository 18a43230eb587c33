/**
 * Reminders before meetings, written as a job: `sendDueReminders` finds the seated registrations of
 * meetings (not cancelled) starting within the next `REMINDER_HOURS` that have not been reminded, marks each
 * one and tells the person, in one transaction per meeting. It is idempotent — a registration is reminded
 * once, whoever runs it and however often (the mark is set with `reminder_sent_at is null` as condition) —
 * so it can run from a scheduler, at start-up or from the command line (`alliance catalysis reminders`).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import { tell } from '../catalysis.notify.js'
import { formatMeetingTime } from '../paris-time.js'
import { REMINDER_HOURS } from './meetings.codes.js'
import { findMeetingDetails, locationOf } from './meetings.queries.js'

type Db = Kysely<Database>

/** Sends the reminders due at `now`; returns how many people were reminded. */
export async function sendDueReminders(db: Db, publicUrl: string, now: Date = new Date()): Promise<number> {
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
        .innerJoin('users', 'users.id', 'catalysis_registrations.user_id')
        .select(['catalysis_registrations.id as registration_id', 'users.id', 'users.email'])
        .where('catalysis_registrations.meeting_id', '=', meeting_id)
        .where('catalysis_registrations.status', '=', 'inscrit')
        .where('catalysis_registrations.reminder_sent_at', 'is', null)
        .execute()
      const reminded = []
      for (const p of people) {
        const marked = await trx.updateTable('catalysis_registrations').set({ reminder_sent_at: from }).where('id', '=', p.registration_id).where('reminder_sent_at', 'is', null).executeTakeFirst()
        if (Number(marked.numUpdatedRows) === 1) reminded.push({ id: p.id, email: p.email })
      }
      const where = locationOf(meeting) ?? meeting.online_url ?? ''
      await tell(trx, 'meetingReminder', reminded, { meeting: meeting.title, when: formatMeetingTime('fr', meeting.starts_at, meeting.ends_at), where }, `/rencontres/${meeting_id}`, publicUrl)
      return reminded.length
    })
  }
  return sent
}
