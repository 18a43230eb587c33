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
import { Migrator, sql, type DatabaseIntrospector, type Kysely, type MigrationResult, type TableMetadata } from 'kysely'
import { dialectOf } from './dialect.js'
import { migrations } from './migrations/index.js'

/**
 * What the migrator asks of the database (does its schema exist, do its tables exist), answered from `schema`
 * alone. Kysely's own PostgreSQL introspector lists every table of every schema and calls
 * `has_schema_privilege(name, …)` on each: when another schema is dropped during that scan (test schemas on a
 * shared server, a restore), it fails with "schema … does not exist" — naming the other schema — and the
 * migration, the rollback or `/readyz` fails with it. Reading one schema by its oid never races that way.
 */
function schemaIntrospector(db: Kysely<any>, schema: string): DatabaseIntrospector {
  const getTables = async (): Promise<TableMetadata[]> => {
    const { rows } = await sql<{ name: string; is_view: boolean }>`
      select c.relname as name, c.relkind in ('v', 'm') as is_view
      from pg_catalog.pg_class c join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = ${schema} and c.relkind in ('r', 'p', 'v', 'm')`.execute(db)
    return rows.map((r) => ({ name: r.name, schema, isView: r.is_view, columns: [] }))
  }
  return {
    async getSchemas() {
      const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)
      return rows
    },
    getTables,
    async getMetadata() {
      return { tables: await getTables() }
    },
  }
}

/** `db` whose `introspection` is `introspector` (Kysely keeps its state in private fields: calls go to `db` itself). */
function withIntrospector(db: Kysely<any>, introspector: DatabaseIntrospector): Kysely<any> {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspector
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * On PostgreSQL the migrator's bookkeeping tables live in the current schema, named explicitly (Kysely
 * otherwise looks for them in every schema and can mistake another schema's table for its own), and the
 * migrator looks at that schema only (see `schemaIntrospector`).
 */
async function migrator(db: Kysely<any>): Promise<Migrator> {
  const provider = { getMigrations: async () => migrations }
  if (dialectOf(db) !== 'postgres') return new Migrator({ db, provider, allowUnorderedMigrations: true })
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const schema = rows[0]?.schema ?? 'public'
  return new Migrator({ db: withIntrospector(db, schemaIntrospector(db, schema)), provider, migrationTableSchema: schema, allowUnorderedMigrations: true })
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
