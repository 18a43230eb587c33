/**
 * `alliance db backup` / `restore` round trip on both databases: every table (and, on PostgreSQL, the job
 * schema) is the same after backing up, changing data and restoring.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { loadReferenceData } from '../../../test/helpers/reference-data.js'
import { openTestJobs } from '../../../test/helpers/jobs.js'
import type { DatabaseConfig } from '../config.js'
import { enqueueJob } from '../jobs/jobs.js'
import { queueMail } from '../mail/outbox.js'
import { MAIL_JOB } from '../mail/mail.jobs.js'
import { backupDatabase, restoreDatabase } from './backup.js'
import { connect, type Db } from './connect.js'
import { migrateToLatest } from './migrate.js'
import { newId, nowIso } from './values.js'

/** A digest of every row of every table (order-independent), by table. */
async function digests(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<Record<string, string>> {
  let tables: string[]
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
    tables = rows.map((r) => `"${r.name}"`)
  } else {
    const { rows } = await sql<{ schema: string; name: string }>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and (table_schema = current_schema() or table_schema = current_schema() || '_jobs')`.execute(db)
    tables = rows.map((r) => `"${r.schema}"."${r.name}"`)
  }
  const out: Record<string, string> = {}
  for (const table of tables.sort()) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.raw(table)}`.execute(db)
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v instanceof Date ? v.toISOString() : v))).sort()
    out[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`
  }
  return out
}

for (const dialect of DIALECTS) {
  describe(`database backup and restore [${dialect.name}]`, () => {
    test('a backup taken online restores every table as it was', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'alliance-backup-'))
      let db: Db<any>
      let config: DatabaseConfig
      let closeDb: () => Promise<void>
      if (dialect.name === 'sqlite') {
        config = { dialect: 'sqlite', file: join(dir, 'alliance.sqlite') }
        db = connect(config)
        await migrateToLatest(db.kysely)
        closeDb = () => db.close()
      } else {
        const database = await dialect.open()
        db = database.db
        const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)
        config = { dialect: 'postgres', url: `${process.env.TEST_DATABASE_URL as string}?options=${encodeURIComponent(`-c search_path=${rows[0]!.s}`)}`, poolSize: 2 }
        closeDb = () => database.close()
      }
      const jobs = await openTestJobs(db, [MAIL_JOB])
      try {
        await loadReferenceData(db.kysely)
        await db.kysely.insertInto('users').values({ id: newId(), email: 'sauve@example.org', password_hash: 'x', display_name: 'Sauvé', locale: 'fr', is_platform_admin: 0, is_demo: 0, created_at: nowIso(), updated_at: nowIso(), email_verified_at: nowIso() }).execute()
        await queueMail(db.kysely, { to: 'sauve@example.org', locale: 'fr', template: 'organisations.mail.inviteMember', params: { organisation: 'Les Jardins' } })
        const before = await digests(db.kysely, dialect.name)
        assert.ok(Object.keys(before).length > 10)

        const file = join(dir, dialect.name === 'sqlite' ? 'sauvegarde.sqlite' : 'sauvegarde.dump')
        const report = await backupDatabase(config, db.kysely, file)
        assert.ok(report.bytes > 0)

        // Life goes on after the backup…
        await db.kysely.deleteFrom('users').execute()
        await db.kysely.deleteFrom('mail_messages').execute()
        await db.kysely.insertInto('app_meta').values({ key: 'after-backup', value: '1', updated_at: nowIso() }).execute()
        await enqueueJob(db.kysely, MAIL_JOB.name, { id: newId() })
        assert.notDeepEqual(await digests(db.kysely, dialect.name), before)

        // …then the backup is restored (servers stopped: the test's own connection is closed on SQLite).
        await jobs.close()
        if (dialect.name === 'sqlite') {
          await db.close()
          await restoreDatabase(config, file)
          db = connect(config)
          closeDb = () => db.close()
        } else {
          await restoreDatabase(config, file)
        }
        assert.deepEqual(await digests(db.kysely, dialect.name), before)
        await assert.rejects(restoreDatabase(config, join(dir, 'absente.dump')), /introuvable/)
      } finally {
        await jobs.close().catch(() => {})
        await closeDb()
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}
