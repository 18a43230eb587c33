/**
 * `npm run bench:operations` — running for real (issue 13). One JSON line per database (SQLite always,
 * PostgreSQL when BENCH_PG_URL is set):
 * - `mail_per_s`: 2 000 queued e-mails delivered by `alliance worker` (a child process) to a local SMTP server
 *   (`smtp-server` in this process), from the first message received to the last;
 * - `job_latency_p95_ms`: 300 jobs enqueued one by one in their own transaction, 20 ms apart; time from the
 *   enqueue to the start of the handler (runner in this process, woken through the bus);
 * - `cluster_rps_1`, `cluster_rps_3`: the same page mix (anonymous cached pages, anonymous search, signed-in
 *   pages) through nginx with one and with three `alliance serve` instances, 32 connections, 20 s each, run in
 *   the order 1, 3, 3, 1 and averaged per size (three instances need PostgreSQL: null on SQLite);
 * - `failover_errors`: failed requests (errors, non-2xx) of the mix of idempotent GETs through nginx while one of
 *   three instances is killed with SIGKILL in the middle of 10 s of load (PostgreSQL);
 * - `peak_rss_mb`: the largest peak resident memory (VmHWM) of one instance over the runs.
 * Data (full geography + demo dataset) is built once under bench/.data/ (SQLite) or in the schema
 * `bench_operations` of BENCH_PG_URL, and reused. `BENCH_PARTS=mail,latency,cluster` picks the measures
 * (default: all), `BENCH_MAILS` and `BENCH_DURATION` their size.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { sql } from 'kysely'
import pg from 'pg'
import { connect, type Db } from '../src/core/db/connect.js'
import { migrateToLatest } from '../src/core/db/migrate.js'
import { enqueueJob, type JobDefinition } from '../src/core/jobs/jobs.js'
import { JobRunner } from '../src/core/jobs/runner.js'
import { MAIL_JOB } from '../src/core/mail/mail.jobs.js'
import { queueMail } from '../src/core/mail/outbox.js'
import type { Database } from '../src/database.js'
import { signUp } from '../src/features/accounts/index.js'
import { setupDatabase } from '../src/setup.js'
import { HttpClient, NGINX, startCluster } from '../test/helpers/cluster.js'
import { openTestJobs, waitFor } from '../test/helpers/jobs.js'
import { startTestSmtp } from '../test/helpers/smtp.js'
import { BENCH_DIR, percentile, round } from './data.js'
import { residentMb } from './server.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const MAILS = Number(process.env.BENCH_MAILS ?? 2000)
const DURATION = Number(process.env.BENCH_DURATION ?? 20)
const CONNECTIONS = 32
/** `BENCH_PARTS=mail,latency,cluster` (default: all) runs only some measures, e.g. to compare a change. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'mail,latency,cluster').split(',').map((p) => p.trim()))
const BENCH_USER = { email: 'banc@example.org', password: 'un mot de passe de banc d’essai', displayName: 'Banc' }

/** Processor time (user + system, ms) a process has used so far, from /proc (Linux). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

/**
 * `mail_per_s`: a worker child process sends MAILS queued messages to a local SMTP server. Also
 * `mail_cpu_ms`: the worker's processor time per message, a figure a busy machine does not distort much.
 */
async function mailThroughput(db: Db<Database>, databaseUrl: string): Promise<{ rate: number; cpuMsPerMail: number }> {
  const smtp = await startTestSmtp({ parse: false })
  const jobs = await openTestJobs(db, [MAIL_JOB])
  let worker: ChildProcess | null = null
  try {
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < MAILS; i++) await queueMail(trx, { to: `banc${i}@example.org`, locale: i % 2 ? 'fr' : 'en', template: 'organisations.mail.inviteMember', params: { inviter: 'Banc', organisation: `Organisation ${i}`, days: 14, link: '/invitations/x' } })
    })
    worker = spawn(process.execPath, ['bin/alliance.js', 'worker'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', ALLIANCE_SESSION_SECRET: 'bench-secret-'.padEnd(48, 'x'), LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, PUBLIC_URL: 'http://alliance.bench' },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const times: number[] = []
    const seen = smtp.messages.length
    const pid = worker.pid
    // The worker's processor time from the first message to the last (its start-up left out).
    let cpuAtFirst: number | null = null
    await waitFor('every bench message delivered', () => {
      while (times.length < smtp.messages.length - seen) times.push(performance.now())
      if (cpuAtFirst === null && times.length > 0) cpuAtFirst = cpuMs(pid)
      return smtp.messages.length - seen >= MAILS
    }, 600_000)
    const first = times[0] ?? 0
    const last = times[times.length - 1] ?? first
    const cpu = cpuMs(pid) - (cpuAtFirst ?? 0)
    return { rate: round((MAILS - 1) / ((last - first) / 1000), 0), cpuMsPerMail: round(cpu / (MAILS - 1), 2) }
  } finally {
    if (worker && worker.exitCode === null) {
      await new Promise<void>((resolve) => {
        worker!.once('exit', () => resolve())
        worker!.kill('SIGTERM')
      })
    }
    await db.kysely.deleteFrom('mail_messages').where('recipient', 'like', 'banc%@example.org').execute()
    await jobs.close()
    await smtp.close()
  }
}

/** `job_latency_p95_ms`: enqueue → handler start, with the runner in this process. */
async function jobLatency(db: Db<Database>): Promise<number> {
  const latencies: number[] = []
  const ping: JobDefinition<{ at: number }> = {
    name: 'bench.ping',
    async handler(payload) {
      latencies.push(Date.now() - payload.at)
    },
  }
  const jobs = await openTestJobs(db, [ping])
  const runner = new JobRunner(jobs.store, [ping], { db: db.kysely })
  jobs.bus.subscribe('jobs', (name) => runner.wake(name))
  runner.start()
  try {
    for (let i = 0; i < 300; i++) {
      await db.kysely.transaction().execute((trx) => enqueueJob(trx, 'bench.ping', { at: Date.now() }))
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await waitFor('every ping ran', () => latencies.length >= 300, 60_000)
    return round(percentile(latencies, 95), 1)
  } finally {
    await runner.stop()
    await jobs.close()
  }
}

/** The page mix: anonymous pages (cached), an anonymous search, and signed-in pages (sessions from the database). */
function pageMix(cookie: string) {
  const signedIn = { cookie }
  return [
    { method: 'GET' as const, path: '/' },
    { method: 'GET' as const, path: '/territoires/commune/94080' },
    { method: 'GET' as const, path: '/acteurs' },
    { method: 'GET' as const, path: '/alliances' },
    { method: 'GET' as const, path: '/recherche?q=jardin' },
    { method: 'GET' as const, path: '/compte', headers: signedIn },
    { method: 'GET' as const, path: '/notifications', headers: signedIn },
    { method: 'GET' as const, path: '/besoins', headers: signedIn },
  ]
}

async function signedInCookie(url: string): Promise<string> {
  const client = new HttpClient(url)
  const token = await client.csrf('/connexion')
  const res = await client.postForm('/connexion', { email: BENCH_USER.email, password: BENCH_USER.password, _csrf: token })
  if (res.status !== 303) throw new Error(`bench sign-in failed (${res.status})`)
  const cookie = /alliance_session=[^;]+/.exec(res.headers.getSetCookie().join('; '))?.[0]
  if (!cookie) throw new Error('no session cookie')
  return cookie
}

async function clusterRun(instances: number, env: Record<string, string>, options: { killAfterMs?: number; duration: number }) {
  const cluster = await startCluster(instances, { ALLIANCE_RATE_LIMIT: '0', ...env })
  try {
    const requests = pageMix(await signedInCookie(cluster.url))
    // Warm-up: caches filled, connections open.
    await autocannon({ url: cluster.url, connections: CONNECTIONS, duration: 3, requests })
    const killer = options.killAfterMs === undefined ? null : setTimeout(() => cluster.kill(instances - 1), options.killAfterMs)
    const result = await autocannon({ url: cluster.url, connections: CONNECTIONS, duration: options.duration, requests })
    if (killer) clearTimeout(killer)
    const rss = Math.max(...cluster.instances.filter((i) => i.child.exitCode === null && i.child.signalCode === null).map((i) => residentMb(i.child.pid, 'VmHWM')))
    // What nginx saw: upstreams failing (and the request passed to the next one), or no upstream left.
    const log = cluster.errorLog()
    const upstream = { failed: (log.match(/upstream prematurely closed|Connection refused|Connection reset by peer/g) ?? []).length, noLive: (log.match(/no live upstreams/g) ?? []).length }
    return {
      rps: round(result.requests.average, 0),
      // autocannon counts timeouts among `errors` already.
      errors: result.errors + result.non2xx,
      failed: { socket: result.errors - result.timeouts, timeouts: result.timeouts, non2xx: result.non2xx },
      upstream,
      rss,
    }
  } finally {
    await cluster.stop()
  }
}

async function run(dialect: 'sqlite' | 'postgres', db: Db<Database>, databaseUrl: string) {
  const known = await db.kysely.selectFrom('users').select('id').where('email', '=', BENCH_USER.email).executeTakeFirst()
  if (!known) await signUp(db.kysely, BENCH_USER)
  const mail = PARTS.has('mail') ? await mailThroughput(db, databaseUrl) : null
  const latency = PARTS.has('latency') ? await jobLatency(db) : null
  const line: Record<string, unknown> = { bench: 'operations', database: dialect, mail_per_s: mail?.rate ?? null, mail_cpu_ms: mail?.cpuMsPerMail ?? null, job_latency_p95_ms: latency }
  if (!PARTS.has('cluster')) return line
  if (!NGINX) {
    console.warn('!!! nginx is missing (apt-get install nginx): cluster figures skipped')
    return { ...line, cluster_rps_1: null, cluster_rps_3: null, failover_errors: null, peak_rss_mb: null }
  }
  const env = { DATABASE_URL: databaseUrl }
  if (dialect === 'postgres') {
    // One, three, three, then one instance again: the drift of a shared machine over the runs weighs on both
    // sizes alike, and each figure is the mean of its two runs (`cluster_runs` keeps them all).
    const runs: ({ instances: number } & Awaited<ReturnType<typeof clusterRun>>)[] = []
    for (const instances of [1, 3, 3, 1]) runs.push({ instances, ...(await clusterRun(instances, env, { duration: DURATION })) })
    const of = (instances: number) => runs.filter((r) => r.instances === instances)
    const meanRps = (instances: number) => round(of(instances).reduce((sum, r) => sum + r.rps, 0) / of(instances).length, 0)
    const errors = (instances: number) => of(instances).reduce((sum, r) => sum + r.errors, 0)
    const failover = await clusterRun(3, env, { duration: 10, killAfterMs: 5000 })
    const one = meanRps(1)
    const three = meanRps(3)
    // `failover_detail`: socket errors (a connection cut mid-answer), answers slower than autocannon's 10 s (a busy
    // machine), non-2xx answers; and what nginx logged of the killed instance (retried on the next one).
    Object.assign(line, {
      cluster_rps_1: one,
      cluster_rps_3: three,
      ratio_3_to_1: round(three / one, 2),
      cluster_runs: runs.map(({ instances, rps }) => ({ instances, rps })),
      failover_errors: failover.errors,
      failover_detail: { ...failover.failed, nginx: failover.upstream },
      errors_1: errors(1),
      errors_3: errors(3),
    })
    return { ...line, peak_rss_mb: round(Math.max(...runs.map((r) => r.rss), failover.rss), 1) }
  }
  const one = await clusterRun(1, env, { duration: DURATION })
  return { ...line, cluster_rps_1: one.rps, cluster_rps_3: null, failover_errors: null, note: 'several instances need PostgreSQL', errors_1: one.errors, peak_rss_mb: round(one.rss, 1) }
}

// SQLite: the demo dataset on the full geography, built once.
{
  const file = join(BENCH_DIR, 'operations.sqlite')
  const db = connect<Database>({ dialect: 'sqlite', file })
  try {
    await setupDatabase(db.kysely, { demo: true, sessionIdleMinutes: 120 })
    console.log(JSON.stringify(await run('sqlite', db, `sqlite:${file}`)))
  } finally {
    await db.close()
  }
}

const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const schema = 'bench_operations'
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`create schema if not exists ${schema}`)
  await admin.end()
  const url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`
  const db = connect<Database>({ dialect: 'postgres', url, poolSize: 4 })
  try {
    await migrateToLatest(db.kysely)
    await setupDatabase(db.kysely, { demo: true, sessionIdleMinutes: 120 })
    await sql`analyze`.execute(db.kysely)
    console.log(JSON.stringify(await run('postgres', db, url)))
  } finally {
    await db.close()
  }
} else {
  console.warn('BENCH_PG_URL is not set: PostgreSQL (and the three-instance figures) skipped')
}
