/**
 * `alliance worker`: runs the background jobs without serving HTTP, next to servers started with
 * `ALLIANCE_JOBS_IN_SERVER=0` (or next to servers that run jobs too: each job still runs once). It applies
 * pending migrations first (under the migrator's lock, like the server), serves metrics on its own port when
 * asked, and stops gracefully on SIGTERM/SIGINT (running jobs get 10 s, then are handed back).
 */
import pino from 'pino'
import { appI18n } from './app.js'
import type { Config } from './core/config.js'
import { connect } from './core/db/connect.js'
import { migrateToLatest } from './core/db/migrate.js'
import { serveMetrics } from './core/ops/probes.js'
import type { Database } from './database.js'
import { openRuntime } from './runtime.js'

export async function startWorker(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel, base: { process: 'worker' } })
  const db = connect<Database>(config.database)
  await migrateToLatest(db.kysely)
  const runtime = await openRuntime({ config, db, i18n: appI18n(), log, runJobs: true })
  runtime.start()
  const metricsServer = await serveMetrics(runtime.metrics, config.metrics)
  console.log(`Alliance : tâches de fond en cours d'exécution (base ${config.database.dialect}, ${runtime.definitions.length} files)`)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) process.exit(1)
    closing = true
    console.log(`${signal} reçu : les tâches en cours se terminent ou sont rendues…`)
    const timer = setTimeout(() => process.exit(1), 25_000)
    timer.unref()
    try {
      metricsServer?.close()
      await runtime.close()
      await db.close()
      process.exit(0)
    } catch (error) {
      console.error(error)
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}
