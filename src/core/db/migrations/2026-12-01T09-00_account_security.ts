import type { Kysely } from 'kysely'

/**
 * Account security: e-mail verification (accounts created before it are taken as verified), single-use
 * tokens for verification and password reset (stored hashed), a TOTP second factor (secret stored encrypted,
 * last accepted time step against replays) with recovery codes (hashed), and the security log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email_verified_at', 'text').execute()
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute()
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute()
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute()
  await db.updateTable('users').set((eb) => ({ email_verified_at: eb.ref('created_at') })).execute()

  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('account_tokens_user_idx').on('account_tokens').columns(['user_id', 'purpose']).execute()

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
  await db.schema.createIndex('recovery_codes_user_idx').on('recovery_codes').columns(['user_id', 'code_hash']).execute()

  await db.schema
    .createTable('security_events')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('security_events_user_idx').on('security_events').columns(['user_id', 'created_at']).execute()
  await db.schema.createIndex('security_events_created_idx').on('security_events').column('created_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_events').execute()
  await db.schema.dropTable('recovery_codes').execute()
  await db.schema.dropTable('account_tokens').execute()
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute()
  await db.schema.alterTable('users').dropColumn('totp_enabled_at').execute()
  await db.schema.alterTable('users').dropColumn('totp_secret').execute()
  await db.schema.alterTable('users').dropColumn('email_verified_at').execute()
}
