/**
 * Opens the database: SQLite (embedded, default) or PostgreSQL, behind one Kysely instance.
 *
 * Why here: the pragmas and pool settings that make writes durable live in one place. SQLite runs in WAL mode
 * with `foreign_keys=ON`, `synchronous=FULL` (an acknowledged write survives a power loss) and a
 * `busy_timeout` so that a second process (the CLI next to the server) waits instead of failing.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../config.js'

export type Dialect = 'sqlite' | 'postgres'

/** An open database: the query builder, which dialect it speaks, and how to close it. */
export interface Db<T> {
  kysely: Kysely<T>
  dialect: Dialect
  close(): Promise<void>
}

/** PostgreSQL returns int8 (COUNT, SUM of integers) as strings; our counts fit in a double. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 /* int8 */) return (value: string) => Number(value)
    if (oid === 1700 /* numeric */) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format)
  },
}

/**
 * better-sqlite3 compiles a statement on every `prepare`; Kysely prepares each query it runs. Keeping the
 * compiled statements of the most recent SQL texts (queries are parameterised, so texts repeat) removes that
 * cost from every request. SQLite re-prepares a cached statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database, capacity = 1000) {
  const cache = new Map<string, SQLite.Statement>()
  return {
    prepare(sql: string): SQLite.Statement {
      let statement = cache.get(sql)
      if (statement) {
        cache.delete(sql)
      } else {
        statement = sqlite.prepare(sql)
        if (cache.size >= capacity) cache.delete(cache.keys().next().value as string)
      }
      cache.set(sql, statement)
      return statement
    },
    close(): void {
      cache.clear()
      sqlite.close()
    },
  }
}

/**
 * Connects according to `config`. Edge cases: a SQLite file's directory is created if missing;
 * `:memory:` gives a private in-memory database (tests); `searchPath` isolates a PostgreSQL schema (tests).
 */
export function connect<T>(config: DatabaseConfig, options: { searchPath?: string } = {}): Db<T> {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true })
    const sqlite = new SQLite(config.file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('busy_timeout = 5000')
    const kysely = new Kysely<T>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
    return {
      kysely,
      dialect: 'sqlite',
      async close() {
        await kysely.destroy()
      },
    }
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    types: pgTypes,
    // JIT compilation off for the application's sessions: it costs 15–30 ms on every query the planner guesses
    // expensive (a fund's SCDL export, a région's dashboard), far more than it saves on queries that read
    // through indexes (docs/adr/0007-postgresql-jit-off.md). The server's own settings stay untouched.
    options: ['-c jit=off', ...(options.searchPath ? [`-c search_path=${options.searchPath}`] : [])].join(' '),
  })
  const kysely = new Kysely<T>({ dialect: new PostgresDialect({ pool }) })
  return {
    kysely,
    dialect: 'postgres',
    async close() {
      await kysely.destroy()
    },
  }
}
