/**
 * Mobilisation's daily checks, periodic jobs of `core/jobs` (`mobilisation.deadlines`, once a day at 07:00 Paris
 * time; `alliance mobilisation deadlines` runs the same by hand):
 *
 * - late pledges (`pledges/late.ts`): the pledging organisation hears it, and nobody else;
 * - a call for projects closes within `DEADLINE_NOTICE_DAYS`: the coordinators' admins of each alliance whose
 *   application is still a draft are told once (the call's `reminded_at`);
 * - a grant report is due within `REPORT_NOTICE_DAYS` and no evaluation round answers it yet: the coordinators'
 *   admins of the funded alliance are told once (the report's `reminded_at`).
 *
 * Each check is idempotent: the mark is set with `reminded_at is null` as condition in the transaction that
 * writes the notifications, so two processes or a job run twice never tell twice.
 */
import type { Kysely } from 'kysely'
import type { JobDefinition } from '../../core/jobs/jobs.js'
import { isoToParisLocal, parisToday } from '../../core/time/calendar.js'
import type { Database } from '../../database.js'
import { notifyDeadlineSoon, notifyReportDue } from './mobilisation.notifications.js'
import { flagLatePledges } from './pledges/late.js'

type Db = Kysely<Database>

/** Days before a call's deadline when alliances with a draft application are told. */
export const DEADLINE_NOTICE_DAYS = 7
/** Days before a grant report's due day when the funded alliance is told. */
export const REPORT_NOTICE_DAYS = 30

/** The day `days` after the Paris day `day`. */
function dayAfter(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Tells the alliances with a draft application to each call closing within the notice; returns the calls reminded. */
export async function remindDraftApplicants(db: Db, now: Date = new Date()): Promise<number> {
  const calls = await db
    .selectFrom('mobilisation_project_calls')
    .select(['id', 'title', 'deadline_at'])
    .where('status', '=', 'published')
    .where('reminded_at', 'is', null)
    .where('deadline_at', '>', now.toISOString())
    .where('deadline_at', '<=', new Date(now.getTime() + DEADLINE_NOTICE_DAYS * 86_400_000).toISOString())
    .orderBy('deadline_at')
    .execute()
  let reminded = 0
  for (const call of calls) {
    await db.transaction().execute(async (trx) => {
      const marked = await trx.updateTable('mobilisation_project_calls').set({ reminded_at: now.toISOString() }).where('id', '=', call.id).where('reminded_at', 'is', null).executeTakeFirst()
      if (Number(marked.numUpdatedRows) !== 1) return
      reminded++
      const drafts = await trx.selectFrom('mobilisation_applications').select(['id', 'alliance_id']).where('call_id', '=', call.id).where('status', '=', 'draft').orderBy('id').execute()
      const deadline = isoToParisLocal(call.deadline_at).replace('T', ' ')
      for (const draft of drafts) await notifyDeadlineSoon(trx, { applicationId: draft.id, allianceId: draft.alliance_id, call: call.title, deadline })
    })
  }
  return reminded
}

/** Tells the funded alliances of the reports due within the notice and not yet answered; returns the reports reminded. */
export async function remindReportsDue(db: Db, today: string = parisToday()): Promise<number> {
  const reports = await db
    .selectFrom('mobilisation_grant_reports as r')
    .innerJoin('mobilisation_grants as g', 'g.id', 'r.grant_id')
    .select(['r.id', 'r.grant_id', 'r.title', 'r.due_on', 'g.alliance_id'])
    .where('g.status', '=', 'signed')
    .where('r.round_id', 'is', null)
    .where('r.reminded_at', 'is', null)
    .where('r.due_on', '>=', today)
    .where('r.due_on', '<=', dayAfter(today, REPORT_NOTICE_DAYS))
    .orderBy('r.due_on')
    .execute()
  let reminded = 0
  for (const report of reports) {
    await db.transaction().execute(async (trx) => {
      const marked = await trx.updateTable('mobilisation_grant_reports').set({ reminded_at: new Date().toISOString() }).where('id', '=', report.id).where('reminded_at', 'is', null).executeTakeFirst()
      if (Number(marked.numUpdatedRows) !== 1) return
      reminded++
      await notifyReportDue(trx, { grantId: report.grant_id, allianceId: report.alliance_id, title: report.title, dueOn: report.due_on })
    })
  }
  return reminded
}

export interface DeadlineReport {
  latePledges: number
  callsReminded: number
  reportsReminded: number
}

/** Runs the three daily checks at `now`. */
export async function runDeadlineChecks(db: Db, now: Date = new Date()): Promise<DeadlineReport> {
  const today = parisToday(now)
  return {
    latePledges: await flagLatePledges(db, { today }),
    callsReminded: await remindDraftApplicants(db, now),
    reportsReminded: await remindReportsDue(db, today),
  }
}

/** The periodic job of the daily checks. */
export function mobilisationJobs(db: Db): JobDefinition[] {
  return [
    {
      name: 'mobilisation.deadlines',
      schedule: { dailyAt: '07:00' },
      timeoutSeconds: 300,
      async handler() {
        await runDeadlineChecks(db)
      },
    },
  ]
}
