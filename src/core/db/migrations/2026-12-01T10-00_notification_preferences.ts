import type { Kysely } from 'kysely'

/**
 * Notifications by kind, and each person's choice of e-mail pace per kind (immediately, daily digest, never).
 * `mail_state` says what became of a notification's e-mail: sent at once, waiting for the digest, digested,
 * or none (the person chose "never", or the notification predates this migration).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('kind', 'text').execute()
  await db.schema.alterTable('notifications').addColumn('mail_state', 'text', (c) => c.notNull().defaultTo('none')).execute()
  await db.schema.createIndex('notifications_digest_idx').on('notifications').columns(['mail_state', 'user_id']).execute()
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pace', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_preferences').execute()
  await db.schema.dropIndex('notifications_digest_idx').execute()
  await db.schema.alterTable('notifications').dropColumn('mail_state').execute()
  await db.schema.alterTable('notifications').dropColumn('kind').execute()
}
