/**
 * Job helpers for tests: the store of a test database (pg-boss in the test schema's own job schema, or the
 * SQLite table), attached with an in-process bus, and `waitFor` for conditions reached by background work.
 */
import { attachBus, openBus, type Bus } from '../../src/core/db/bus.js'
import type { Db } from '../../src/core/db/connect.js'
import { attachJobs, resolveSpec, type JobSpec, type JobStore } from '../../src/core/jobs/jobs.js'
import { PgBossJobStore } from '../../src/core/jobs/pgboss-store.js'
import { SqliteJobStore } from '../../src/core/jobs/sqlite-store.js'

/** Opens the job store of `db` with these queues installed, attached together with a bus. */
export async function openTestJobs(db: Db<any>, specs: JobSpec[], options: { maintenanceSeconds?: number } = {}): Promise<{ store: JobStore; bus: Bus; close(): Promise<void> }> {
  const bus = await openBus(db.kysely, db.dialect === 'postgres' ? process.env.TEST_DATABASE_URL : undefined)
  attachBus(db.kysely, bus)
  const store: JobStore = db.dialect === 'postgres' ? await PgBossJobStore.open(db.kysely, { maintenanceSeconds: options.maintenanceSeconds ?? 3600, supervise: false }) : new SqliteJobStore(db.kysely)
  await store.install(specs.map(resolveSpec))
  attachJobs(db.kysely, store, specs, bus)
  return {
    store,
    bus,
    async close() {
      await store.stop()
      await bus.close()
    },
  }
}

/** Waits until `condition` holds (checked every 25 ms), or fails after `timeoutMs` with `what`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
