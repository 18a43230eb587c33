/**
 * The e-mail outbox: messages are written to the `outbox` table in the same transaction as the action that
 * causes them, and a sender (not configured yet) delivers them later. Until then the interface shows the
 * message's link to the person who triggered it (e.g. the invitation link to the inviting admin).
 */
import type { Kysely, Transaction } from 'kysely'
import type { CoreTables } from '../db/core.tables.js'
import { newId, nowIso } from '../db/values.js'

export interface OutgoingMail {
  recipient: string
  subject: string
  bodyText: string
  link?: string
}

/** Queues one message; returns its id. */
/** Accepts any database or transaction whose schema includes the core tables. */
export async function queueMail(db: Kysely<any> | Transaction<any>, mail: OutgoingMail): Promise<string> {
  const id = newId()
  await (db as Kysely<CoreTables>)
    .insertInto('outbox')
    .values({
      id,
      recipient: mail.recipient,
      subject: mail.subject,
      body_text: mail.bodyText,
      link: mail.link ?? null,
      created_at: nowIso(),
      sent_at: null,
    })
    .execute()
  return id
}
