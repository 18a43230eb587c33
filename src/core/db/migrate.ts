/**
 * Runs the migrations (Kysely's Migrator over the static list in `migrations/index.ts`).
 *
 * Edge case: Kysely does not wrap SQLite DDL in a transaction; each migration is small and the migrator's
 * lock table prevents two processes from migrating at once.
 *
 * Migrations may run out of name order (`allowUnorderedMigrations`): each feature's migrations only touch its
 * own tables, and features are built on parallel branches, so a database migrated on one branch must accept
 * another branch's earlier-dated migration when the branches meet. The order of a fresh install is the order
 * of the names.
 */
import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely'
import { dialectOf } from './dialect.js'
import { migrations } from './migrations/index.js'

/**
 * On PostgreSQL the migrator's bookkeeping tables live in the current schema, named explicitly: Kysely
 * otherwise looks for them in every schema and can mistake another schema's table for its own.
 */
async function migrator(db: Kysely<any>): Promise<Migrator> {
  const provider = { getMigrations: async () => migrations }
  if (dialectOf(db) !== 'postgres') return new Migrator({ db, provider, allowUnorderedMigrations: true })
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const schema = rows[0]?.schema ?? 'public'
  return new Migrator({ db, provider, migrationTableSchema: schema, allowUnorderedMigrations: true })
}

export interface MigrationReport {
  applied: string[]
}

/** Brings the schema to the latest version; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const { error, results } = await (await migrator(db)).migrateToLatest()
  const applied = (results ?? [])
    .filter((r: MigrationResult) => r.status === 'Success')
    .map((r) => r.migrationName)
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'inconnue'
    throw new Error(`La migration ${failed} a échoué : ${String(error)}`, { cause: error })
  }
  return { applied }
}

/** Names of the migrations not yet applied (for `alliance db status`). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations()
  return all.filter((m) => !m.executedAt).map((m) => m.name)
}

/** Rolls back the most recent migration (for the migration round-trip test and for operators). */
export async function migrateDown(db: Kysely<any>): Promise<MigrationResult[]> {
  const { error, results } = await (await migrator(db)).migrateDown()
  if (error) throw new Error(`Le retour arrière a échoué : ${String(error)}`, { cause: error })
  return results ?? []
}
