/**
 * The `mail.send` job: renders a queued message in its recipient's language and hands it to the transport.
 *
 * Idempotent: a message already `sent` or `logged` is not sent again, so a job that runs twice sends twice
 * only when its first run was cut between the SMTP server's acceptance and the status update (a process
 * killed at that instant) — and then with the same `Message-ID`, which lets mail systems drop the duplicate.
 * A failed attempt is recorded on the message; when the job's retries are exhausted the message is `failed`
 * (and the job is dead, replayable by a platform admin, which sends the message again).
 */
import type { Kysely } from 'kysely'
import type { CoreTables } from '../db/core.tables.js'
import { commitTogether } from '../db/group-commit.js'
import { nowIso } from '../db/values.js'
import { isLocale, type I18n, type Params } from '../i18n/index.js'
import type { JobDefinition, JobSpec } from '../jobs/jobs.js'
import type { Metrics } from '../ops/metrics.js'
import { MAIL_QUEUE } from './outbox.js'
import { renderMail, type MailItem, type RenderedMail } from './render.js'
import type { MailTransport } from './transport.js'
import { unsubscribeUrl } from './unsubscribe.js'

export interface MailJobDeps {
  db: Kysely<any>
  i18n: I18n
  transport: MailTransport
  publicUrl: string
  /** signs unsubscribe links */
  secret: string
  /** the right part of `Message-ID`s (the sender's domain) */
  messageIdDomain: string
  metrics?: Metrics
}

/** Renders a stored message as its recipient will read it (also used by the admins' mail page). */
export function renderStoredMail(deps: Pick<MailJobDeps, 'i18n' | 'publicUrl' | 'secret'>, row: { locale: string; template: string; params: string; user_id: string | null; unsubscribe_kind: string | null }): RenderedMail & { unsubscribeUrl: string | null } {
  const t = deps.i18n.translator(isLocale(row.locale) ? row.locale : 'fr')
  const link = row.unsubscribe_kind && row.user_id ? unsubscribeUrl(deps.publicUrl, deps.secret, row.user_id, row.unsubscribe_kind) : null
  let params: Params = {}
  let items: MailItem[] = []
  try {
    params = JSON.parse(row.params) as Params
    // A digest carries its lines as JSON in `items`.
    if (typeof params.items === 'string') {
      items = JSON.parse(params.items) as MailItem[]
      delete params.items
    }
  } catch {
    params = {}
  }
  return { ...renderMail(t, { template: row.template, params, items, unsubscribeUrl: link }, deps.publicUrl), unsubscribeUrl: link }
}

/**
 * The queue's settings: 9 attempts over about an hour and a half (10 s, 20 s, 40 s… with jitter); 20 s per
 * attempt (above the transport's own timeouts), which is also how soon a message in flight in a killed
 * process is sent again (plus a retry delay); 16 messages at once per process, twice the SMTP pool's
 * connections, so that reading, rendering and recording states overlap the SMTP exchanges.
 */
export const MAIL_JOB: JobSpec = { name: MAIL_QUEUE, retryLimit: 8, retryDelaySeconds: 10, timeoutSeconds: 20, concurrency: 16 }

/** The job definition of `mail.send` (payload `{ id }` of a `mail_messages` row). */
export function mailJob(deps: MailJobDeps): JobDefinition<{ id: string }> {
  const db = deps.db as Kysely<CoreTables>
  return {
    ...MAIL_JOB,
    async handler({ id }, context) {
      const row = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst()
      // Erased with its account, already delivered, or kept from the old outbox: nothing to do.
      if (!row || row.status === 'sent' || row.status === 'logged' || row.status === 'held') return
      const mail = renderStoredMail(deps, row)
      const headers: Record<string, string> = mail.unsubscribeUrl ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}
      try {
        await deps.transport.send({ messageId: `<${row.id}@${deps.messageIdDomain}>`, to: row.recipient, subject: mail.subject, text: mail.text, html: mail.html, headers, language: isLocale(row.locale) ? row.locale : 'fr' })
      } catch (error) {
        const final = context.attempt >= context.maxAttempts
        await db
          .updateTable('mail_messages')
          .set({ attempts: row.attempts + 1, last_error: (error instanceof Error ? error.message : String(error)).slice(0, 1000), status: final ? 'failed' : 'queued' })
          .where('id', '=', id)
          .execute()
        deps.metrics?.mail.inc({ outcome: 'failed' })
        throw error
      }
      const status = deps.transport.kind === 'smtp' ? 'sent' : 'logged'
      // Shared with the other senders' states (one commit for a burst on SQLite); the job completes after it.
      await commitTogether(db, (trx) =>
        trx.updateTable('mail_messages').set({ status, subject: mail.subject, sent_at: nowIso(), attempts: row.attempts + 1, last_error: null, transport: deps.transport.kind }).where('id', '=', id).execute(),
      )
      deps.metrics?.mail.inc({ outcome: status })
    },
  }
}
