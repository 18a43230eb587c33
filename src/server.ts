/**
 * Starts the HTTP server: prepares the database (the heavy part — first install, demo dataset, migrations — in
 * a short-lived `alliance db prepare` child process, see `src/setup.ts`), builds the app (with the job runner unless
 * `ALLIANCE_JOBS_IN_SERVER=0`), listens, serves metrics on their own port when asked, and shuts down
 * gracefully on SIGTERM/SIGINT: stop accepting connections, let requests in flight finish, hand running jobs
 * back, close the database. A second signal, or 25 seconds, ends the process at once.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Config } from './core/config.js'
import { connect } from './core/db/connect.js'
import { serveMetrics } from './core/ops/probes.js'
import type { Database } from './database.js'
import { buildApp } from './app.js'
import { heavyPreparationPending, setupDatabase } from './setup.js'

const CLI = fileURLToPath(new URL('../bin/alliance.js', import.meta.url))

/**
 * Runs `alliance db prepare` in a child process (same environment, same output) and waits for it: the objects
 * the preparation builds die with the child, so this process's heap and resident peak stay those of serving.
 * SIGTERM or SIGINT meanwhile is passed on to the child (its transactions roll back), and the server then stops
 * with the child's failure instead of leaving it running.
 */
function prepareInChild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'db', 'prepare'], { stdio: 'inherit' })
    const passOn = (signal: NodeJS.Signals) => child.kill(signal)
    process.on('SIGTERM', passOn)
    process.on('SIGINT', passOn)
    const done = () => {
      process.off('SIGTERM', passOn)
      process.off('SIGINT', passOn)
    }
    child.on('error', (error) => {
      done()
      reject(error)
    })
    child.on('exit', (code, signal) => {
      done()
      if (code === 0) resolve()
      else reject(new Error(`alliance db prepare a échoué (${signal ?? `code ${code}`})`))
    })
  })
}

export async function startServer(config: Config): Promise<void> {
  const started = performance.now()
  const db = connect<Database>(config.database)
  const inMemory = config.database.dialect === 'sqlite' && config.database.file === ':memory:'
  if (!inMemory && (await heavyPreparationPending(db.kysely, { demo: config.demo }))) await prepareInChild()
  // Idempotent: after the child, only the light part is left (vocabulary, feature demos already there, sweeps).
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
