/**
 * Starts the HTTP server: prepares the database, builds the app, listens, and shuts down gracefully on
 * SIGTERM/SIGINT (stop accepting, finish requests in flight, close the database).
 */
import type { Config } from './core/config.js'
import { connect } from './core/db/connect.js'
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
  const app = await buildApp(config, { db })
  const address = await app.listen({ host: config.host, port: config.port })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const url = config.host === '0.0.0.0' || config.host === '::' ? `http://localhost:${config.port}` : address
  console.log(`Alliance est prête sur ${url} (démarrage en ${seconds} s, base ${config.database.dialect})`)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    console.log(`${signal} reçu : arrêt en cours…`)
    const timer = setTimeout(() => process.exit(1), 10_000)
    timer.unref()
    try {
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
