/**
 * What a process of Alliance runs besides HTTP: the bus between processes, the job store with every queue,
 * the mail transport, the metrics, and — in the server (unless `ALLIANCE_JOBS_IN_SERVER=0`) or in
 * `alliance worker` — the job runner. The server (`buildApp`) and the worker both start from here, so they
 * run the same jobs the same way.
 *
 * The list of jobs is composed here: the core's (`mail.send`, expired rate-limit windows) and each feature's
 * periodic and deferred work.
 */
import type { Config } from './core/config.js'
import { attachBus, openBus, type Bus } from './core/db/bus.js'
import type { Db } from './core/db/connect.js'
import { pruneRateLimits } from './core/http/rate-limit-store.js'
import type { I18n } from './core/i18n/index.js'
import { attachJobs, resolveSpec, JOBS_TOPIC, type JobDefinition, type JobStore } from './core/jobs/jobs.js'
import { PgBossJobStore } from './core/jobs/pgboss-store.js'
import { JobRunner } from './core/jobs/runner.js'
import { SqliteJobStore } from './core/jobs/sqlite-store.js'
import { mailJob } from './core/mail/mail.jobs.js'
import { createMailTransport, type MailTransport } from './core/mail/transport.js'
import { Metrics } from './core/ops/metrics.js'
import type { Database } from './database.js'
import { accountJobs, pruneSessions } from './features/accounts/index.js'
import { catalysisJobs } from './features/catalysis/index.js'
import { mobilisationJobs } from './features/mobilisation/index.js'
import { sweepExpiredRequests } from './features/listening/index.js'
import { notificationJobs } from './features/notifications/index.js'

/** A logger with pino's shape (Fastify's, or the worker's own). */
export interface RuntimeLog {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export interface Runtime {
  /** every message catalogue (mail is rendered in each recipient's language) */
  i18n: I18n
  bus: Bus
  store: JobStore
  transport: MailTransport
  metrics: Metrics
  definitions: JobDefinition[]
  /** null when this process does not run jobs */
  runner: JobRunner | null
  /** Starts the runner (if any). */
  start(): void
  /** Hands running jobs back (after `graceMs`), stops timers, closes the bus and the transport. */
  close(graceMs?: number): Promise<void>
}

export interface RuntimeOptions {
  config: Config
  db: Db<Database>
  i18n: I18n
  log: RuntimeLog
  /** run the jobs in this process */
  runJobs: boolean
}

/** Every job of the application, bound to this process's resources. */
function applicationJobs(options: RuntimeOptions, transport: MailTransport, metrics: Metrics): JobDefinition[] {
  const { config, db, i18n } = options
  const kysely = db.kysely
  const address = /<([^<>]+)>\s*$/.exec(config.mail.from)?.[1] ?? config.mail.from
  return [
    mailJob({ db: kysely, i18n, transport, publicUrl: config.publicUrl, secret: config.sessionSecret, messageIdDomain: address.split('@')[1] ?? 'alliance.invalid', metrics }),
    {
      name: 'maintenance.rate-limits',
      schedule: { everyMinutes: 10 },
      async handler() {
        await pruneRateLimits(kysely)
      },
    },
    {
      name: 'maintenance.sessions',
      schedule: { everyMinutes: 60 },
      async handler() {
        await pruneSessions(kysely, config.sessionIdleMinutes * 60_000)
      },
    },
    ...accountJobs(kysely),
    ...notificationJobs(kysely),
    ...catalysisJobs(kysely),
    ...mobilisationJobs(kysely),
    {
      name: 'listening.expire-requests',
      schedule: { everyMinutes: 60 },
      async handler() {
        await sweepExpiredRequests(kysely)
      },
    },
  ]
}

/** Opens the runtime of a process (see the module comment). */
export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, db, log } = options
  const metrics = new Metrics()
  const bus = await openBus(db.kysely, config.database.dialect === 'postgres' ? config.database.url : undefined, (error) => log.warn({ err: error }, 'database notifications connection lost'))
  attachBus(db.kysely, bus)
  const transport = createMailTransport(config.mail, {
    maxConnections: 8,
    log: (summary, raw) => log.info({ mail: summary, raw }, 'e-mail written to the log (SMTP_URL is not set)'),
  })
  const definitions = applicationJobs(options, transport, metrics)
  const store: JobStore =
    db.dialect === 'postgres' ? await PgBossJobStore.open(db.kysely, { maintenanceSeconds: config.jobs.maintenanceSeconds, supervise: options.runJobs }) : new SqliteJobStore(db.kysely)
  await store.install(definitions.map(resolveSpec))
  attachJobs(db.kysely, store, definitions, bus)
  metrics.readJobCountsFrom(() => store.counts())

  const runner = options.runJobs
    ? new JobRunner(store, definitions, { db: db.kysely, maintenanceMs: config.jobs.maintenanceSeconds * 1000, observer: metrics.jobObserver(), log })
    : null
  if (runner) {
    bus.subscribe(JOBS_TOPIC, (name) => runner.wake(name))
    bus.onResync(() => runner.wake())
  }
  let closed = false
  return {
    i18n: options.i18n,
    bus,
    store,
    transport,
    metrics,
    definitions,
    runner,
    start() {
      runner?.start()
    },
    async close(graceMs = 10_000) {
      if (closed) return
      closed = true
      await runner?.stop(graceMs)
      await store.stop()
      await bus.close()
      transport.close()
    },
  }
}
