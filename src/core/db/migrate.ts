/**
 * Runs the migrations (Kysely's Migrator over the static list in `migrations/index.ts`).
 *
 * Edge case: Kysely does not wrap SQLite DDL in a transaction; each migration is small and the migrator's
 * lock table prevents two processes from migrating at once.
 */
import { Migrator, type Kysely, type MigrationResult } from 'kysely'
import { migrations } from './migrations/index.js'

export interface MigrationReport {
  applied: string[]
  pending: number
}

/** Brings the schema to the latest version; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const applied = (results ?? [])
    .filter((r: MigrationResult) => r.status === 'Success')
    .map((r) => r.migrationName)
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'inconnue'
    throw new Error(`La migration ${failed} a échoué : ${String(error)}`, { cause: error })
  }
  return { applied, pending: 0 }
}

/** Names of the migrations not yet applied (for `alliance db status`). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const all = await migrator.getMigrations()
  return all.filter((m) => !m.executedAt).map((m) => m.name)
}
