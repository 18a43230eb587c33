/** Kysely types of the core tables (no domain words): metadata and the e-mail outbox. */
export interface AppMetaTable {
  key: string
  value: string
  updated_at: string
}

export interface OutboxTable {
  id: string
  recipient: string
  subject: string
  body_text: string
  /** The action link of the message (shown in the interface while sending mail is not configured). */
  link: string | null
  created_at: string
  sent_at: string | null
}

export interface CoreTables {
  app_meta: AppMetaTable
  outbox: OutboxTable
}
