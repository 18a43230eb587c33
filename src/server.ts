/**
 * Starts the HTTP server: prepares the database, builds the app (with the job runner unless
 * `ALLIANCE_JOBS_IN_SERVER=0`), listens, serves metrics on their own port when asked, and shuts down
 * gracefully on SIGTERM/SIGINT: stop accepting connections, let requests in flight finish, hand running jobs
 * back, close the database. A second signal, or 25 seconds, ends the process at once.
 */
import type { Config } from './core/config.js'
import { connect } from './core/db/connect.js'
import { serveMetrics } from './core/ops/probes.js'
import type { Database } from './database.js'
import { buildApp } from './app.js'
import { setupDatabase } from './setup.js'

export async function startServer(config: Config): Promise<void> {
  const started = performance.now()
  const db = connect<Database>(config.database)
  await setupDatabase(db.kysely, {
    demo: config.demo,
    sessionIdleMinutes: config.sessionIdleMinutes,
    log: (message) => console.log(message),
  })
  const app = await buildApp(config, { db, runJobs: config.jobs.inServer })
  const address = await app.listen({ host: config.host, port: config.port })
  const metricsServer = await serveMetrics(app.runtime.metrics, config.metrics)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const url = config.host === '0.0.0.0' || config.host === '::' ? `http://localhost:${config.port}` : address
  console.log(`Alliance est prête sur ${url} (démarrage en ${seconds} s, base ${config.database.dialect}, tâches ${config.jobs.inServer ? 'dans ce processus' : 'dans alliance worker'})`)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) process.exit(1)
    closing = true
    console.log(`${signal} reçu : arrêt en cours (requêtes en cours terminées, tâches rendues)…`)
    const timer = setTimeout(() => process.exit(1), 25_000)
    timer.unref()
    try {
      metricsServer?.close()
      await app.close()
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
