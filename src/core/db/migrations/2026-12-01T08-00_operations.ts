import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

/**
 * Running for real: e-mail messages sent through background jobs, rate limits and page-cache versions shared
 * by every instance, and (SQLite only) the table of the in-process job runner. On PostgreSQL jobs live in
 * pg-boss's own schema, created by the library (ADR 0200), so `jobs` has no PostgreSQL twin.
 *
 * `mail_messages` replaces `outbox`: a message is stored as a template key, its parameters and the
 * recipient's language (rendered when sent), with its delivery state. Rows of the old outbox were never sent
 * (no sender existed); they are kept as `held` so that they stay visible and exportable, and are not sent
 * late with links that may have expired.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_messages')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('unsubscribe_kind', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('transport', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema.createIndex('mail_messages_recipient_idx').on('mail_messages').column('recipient').execute()
  await db.schema.createIndex('mail_messages_created_idx').on('mail_messages').columns(['created_at', 'id']).execute()
  const legacyParams =
    dialectOf(db) === 'postgres'
      ? sql`json_build_object('body', body_text, 'link', link)::text`
      : sql`json_object('body', body_text, 'link', link)`
  await sql`insert into mail_messages (id, recipient, user_id, locale, template, params, unsubscribe_kind, status, subject, attempts, last_error, transport, created_at, sent_at)
    select id, recipient, null, 'fr', 'mail.legacy', ${legacyParams}, null, 'held', subject, 0, null, null, created_at, null from outbox`.execute(db)
  await db.schema.dropTable('outbox').execute()

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('reset_at_ms', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rate_limits_reset_idx').on('rate_limits').column('reset_at_ms').execute()

  await db.schema
    .createTable('page_cache_versions')
    .addColumn('tag', 'text', (c) => c.primaryKey().notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()

  if (dialectOf(db) === 'sqlite') {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey().notNull())
      .addColumn('queue', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('unique_key', 'text', (c) => c.unique())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('retry_delay_seconds', 'integer', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .execute()
    await db.schema.createIndex('jobs_fetch_idx').on('jobs').columns(['queue', 'state', 'run_at']).execute()
    await db.schema.createIndex('jobs_expiry_idx').on('jobs').columns(['state', 'expires_at']).execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await db.schema.dropTable('jobs').execute()
  await db.schema.dropTable('page_cache_versions').execute()
  await db.schema.dropTable('rate_limits').execute()
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema.createIndex('outbox_recipient_idx').on('outbox').column('recipient').execute()
  await sql`insert into outbox (id, recipient, subject, body_text, link, created_at, sent_at)
    select id, recipient, coalesce(subject, template), '', null, created_at, sent_at from mail_messages`.execute(db)
  await db.schema.dropTable('mail_messages').execute()
}
