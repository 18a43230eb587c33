/**
 * Kysely types of the core tables (no domain words): metadata, e-mail messages, shared rate limits, page-cache
 * versions, and the job table of the SQLite runner (PostgreSQL keeps its jobs in pg-boss's schema).
 */
export interface AppMetaTable {
  key: string
  value: string
  updated_at: string
}

/** One e-mail: what to say (template key, parameters, language) and how its delivery went. */
export interface MailMessagesTable {
  /** also the left part of the `Message-ID`, so a message sent twice carries the same id */
  id: string
  recipient: string
  /** the account the message is for, when there is one (unsubscribe links, personal data) */
  user_id: string | null
  locale: string
  /** message-key prefix of the template (`<prefix>.subject`, `<prefix>.body`, `<prefix>.action`) */
  template: string
  /** JSON object of the template's parameters */
  params: string
  /** the notification kind this message belongs to (adds `List-Unsubscribe`), null for account mail */
  unsubscribe_kind: string | null
  /** queued → sent (SMTP accepted it) | logged (no SMTP configured) | failed (retries exhausted) | held */
  status: 'queued' | 'sent' | 'logged' | 'failed' | 'held'
  /** the subject as sent, in the recipient's language */
  subject: string | null
  attempts: number
  last_error: string | null
  transport: 'smtp' | 'log' | null
  created_at: string
  sent_at: string | null
}

/** A fixed-window counter shared by every instance (the store of `@fastify/rate-limit`). */
export interface RateLimitsTable {
  key: string
  hits: number
  /** end of the current window, milliseconds since the epoch */
  reset_at_ms: number
}

/** The version of each page-cache tag; a write that changes public pages bumps the tags it touched. */
export interface PageCacheVersionsTable {
  tag: string
  version: number
}

/** SQLite only: the jobs of the in-process runner (see core/jobs/sqlite-store.ts). */
export interface JobsTable {
  id: string
  queue: string
  payload: string
  state: 'created' | 'retry' | 'active' | 'completed' | 'failed'
  unique_key: string | null
  attempts: number
  max_attempts: number
  retry_delay_seconds: number
  run_at: string
  started_at: string | null
  expires_at: string | null
  last_error: string | null
  created_at: string
  completed_at: string | null
}

/** The security log (see core/access/security-log.ts). */
export interface SecurityEventsTable {
  id: string
  /** the person concerned; null for a failed sign-in on an unknown address */
  user_id: string | null
  kind: string
  /** JSON object of details (never a password, token or code) */
  detail: string
  ip: string | null
  created_at: string
}

export interface CoreTables {
  app_meta: AppMetaTable
  mail_messages: MailMessagesTable
  rate_limits: RateLimitsTable
  page_cache_versions: PageCacheVersionsTable
  jobs: JobsTable
  security_events: SecurityEventsTable
}
