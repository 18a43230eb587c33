/**
 * Queuing e-mail: a `mail_messages` row (template key, parameters, language: never a sentence) and a
 * `mail.send` job, both written with the caller's transaction, so a message exists if and only if the act
 * that caused it was committed. The job (core/mail/mail.jobs.ts) renders and sends it later, with retries.
 */
import type { Kysely } from 'kysely'
import type { CoreTables } from '../db/core.tables.js'
import { newId, nowIso } from '../db/values.js'
import type { Locale, Params } from '../i18n/index.js'
import { enqueueJob } from '../jobs/jobs.js'

/** The queue that sends e-mail. */
export const MAIL_QUEUE = 'mail.send'

export interface MailRequest {
  to: string
  /** the recipient's account, when there is one */
  userId?: string | null
  locale: Locale
  /** message-key prefix (`<prefix>.subject`, `.body`, `.action`), see core/mail/render.tsx */
  template: string
  /** template parameters; `link` (relative or absolute) becomes the message's action */
  params?: Params & { link?: string }
  /** notification kind: the message gets one-click unsubscribe headers and footer (needs `userId`) */
  unsubscribeKind?: string
}

/** Queues one message with `db` (pass the caller's transaction); returns its id. */
export async function queueMail(db: Kysely<any>, mail: MailRequest): Promise<string> {
  const id = newId()
  await (db as Kysely<CoreTables>)
    .insertInto('mail_messages')
    .values({
      id,
      recipient: mail.to.trim().toLowerCase(),
      user_id: mail.userId ?? null,
      locale: mail.locale,
      template: mail.template,
      params: JSON.stringify(mail.params ?? {}),
      unsubscribe_kind: mail.unsubscribeKind && mail.userId ? mail.unsubscribeKind : null,
      status: 'queued',
      subject: null,
      attempts: 0,
      last_error: null,
      transport: null,
      created_at: nowIso(),
      sent_at: null,
    })
    .execute()
  await enqueueJob(db, MAIL_QUEUE, { id })
  return id
}
