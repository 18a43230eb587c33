/**
 * 1 000 queued e-mails and a `kill -9` of the worker in the middle of sending them (issue 13's check), on
 * both databases: after a restart every message reaches the SMTP server; a message is sent twice only if it
 * was in flight at the kill (at most one per concurrent sender), and always with the same `Message-ID`.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import { connect, type Db } from '../../src/core/db/connect.js'
import { migrateToLatest } from '../../src/core/db/migrate.js'
import type { Database } from '../../src/database.js'
import { MAIL_JOB } from '../../src/core/mail/mail.jobs.js'
import { queueMail } from '../../src/core/mail/outbox.js'
import { DIALECTS } from '../helpers/dialects.js'
import { openTestJobs, waitFor } from '../helpers/jobs.js'
import { startTestSmtp } from '../helpers/smtp.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const COUNT = 1000

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['bin/alliance.js', 'worker'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ALLIANCE_JOBS_MAINTENANCE_SECONDS: '1', PUBLIC_URL: 'http://alliance.test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.resume()
  child.stderr?.resume()
  return child
}

function stopped(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()))
}

for (const dialect of DIALECTS) {
  describe(`kill -9 during 1 000 e-mails [${dialect.name}]`, () => {
    test('every message arrives after a restart; only messages in flight at the kill are sent twice, with the same Message-ID', { timeout: 240_000 }, async (t) => {
      const smtp = await startTestSmtp()
      const dir = mkdtempSync(join(tmpdir(), 'alliance-kill-'))
      let db: Db<Database>
      let databaseUrl: string
      let cleanup: () => Promise<void>
      if (dialect.name === 'sqlite') {
        const file = join(dir, 'alliance.sqlite')
        db = connect({ dialect: 'sqlite', file })
        await migrateToLatest(db.kysely)
        databaseUrl = `sqlite:${file}`
        cleanup = () => db.close()
      } else {
        const database = await dialect.open()
        db = database.db
        const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)
        databaseUrl = `${process.env.TEST_DATABASE_URL as string}?options=${encodeURIComponent(`-c search_path=${rows[0]!.s}`)}`
        cleanup = () => database.close()
      }
      const jobs = await openTestJobs(db, [MAIL_JOB])
      const workers: ChildProcess[] = []
      try {
        const ids: string[] = []
        await db.kysely.transaction().execute(async (trx) => {
          for (let i = 0; i < COUNT; i++) ids.push(await queueMail(trx, { to: `personne${i}@example.org`, locale: i % 2 ? 'fr' : 'en', template: 'organisations.mail.inviteMember', params: { inviter: 'Test', organisation: `Organisation ${i}`, days: 14 } }))
        })
        const env = { DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, MAIL_FROM: 'Alliance <envoi@alliance.test>' }

        const first = startWorker(env)
        workers.push(first)
        await waitFor('a third of the messages sent', () => smtp.messages.length >= COUNT / 3, 120_000)
        first.kill('SIGKILL')
        await stopped(first)
        const atKill = smtp.messages.length
        assert.ok(atKill < COUNT, `the kill landed before the end (${atKill} sent)`)

        const second = startWorker(env)
        workers.push(second)
        const distinct = () => new Set(smtp.messages.map((m) => m.messageId)).size
        await waitFor('every message delivered', () => distinct() >= COUNT, 150_000)

        // A message in flight at the kill may have reached the SMTP server without its status being recorded:
        // its job runs again only once its claim expires (the queue's timeout), after the first retry delay
        // (up to twice the delay with its jitter) and the next maintenance pass. Wait for that, with a margin.
        const recoveryMs = ((MAIL_JOB.timeoutSeconds ?? 60) + 2 * (MAIL_JOB.retryDelaySeconds ?? 30) + 30) * 1000
        const statuses = () => db.kysely.selectFrom('mail_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').orderBy('status').execute()
        const allSent = async () => {
          const rows = await statuses()
          return rows.length === 1 && rows[0]?.status === 'sent' && Number(rows[0].n) === COUNT
        }
        await waitFor('every message recorded as sent', allSent, recoveryMs).catch(() => undefined)
        assert.deepEqual((await statuses()).map((s) => [s.status, Number(s.n)]), [['sent', COUNT]])

        // Counted once every job has finished, so that the resends of recovered jobs are included.
        const expected = new Set(ids.map((id) => `<${id}@alliance.test>`))
        const received = smtp.messages.map((m) => m.messageId ?? '')
        assert.deepEqual(new Set(received), expected, 'every message, identified by its Message-ID')
        const duplicates = received.length - expected.size
        assert.ok(duplicates <= (MAIL_JOB.concurrency ?? 1), `${duplicates} messages sent twice: at most one per concurrent sender (${MAIL_JOB.concurrency})`)
        t.diagnostic(`${atKill} messages sent before the kill, ${duplicates} sent twice`)
      } finally {
        for (const worker of workers) {
          if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGTERM')
          await stopped(worker)
        }
        await jobs.close()
        await cleanup()
        await smtp.close()
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}
