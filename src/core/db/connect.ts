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
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, SqliteDialect } from 'kysely'
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

/** Distinct read statements given a name in this process, and on each connection, at most. */
const NAMED_STATEMENTS = 2000
const NAMED_PER_CONNECTION = 300

/**
 * PostgreSQL parses and plans an unnamed statement at every execution. On a signed-in territory page that is more
 * than half of the database's work: 27 short reads, each planned in 0.1–0.9 ms and run in less. A named
 * statement is parsed once per connection, and after five runs PostgreSQL itself chooses between its plan for the
 * values given and one generic plan kept for every value (`plan_cache_mode = auto`, the server's default).
 * Reads (`select`, `with`) are named by their text; each connection keeps at most NAMED_PER_CONNECTION of them
 * (the server holds them for the connection's life), and texts beyond the process's NAMED_STATEMENTS, writes
 * and very long texts (bulk statements) stay unnamed. See docs/adr/0009-postgresql-named-reads.md.
 */
function withNamedReads(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>()
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text)
    if (name === undefined && names.size < NAMED_STATEMENTS && text.length <= 8000 && /^(select|with)\b/i.test(text)) {
      name = `alliance_${names.size}`
      names.set(text, name)
    }
    return name
  }
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const prepared = new Set<string>()
    // Bumped when the server refuses a statement prepared before a schema change: its next names are new ones.
    let generation = 0
    const run = (name: string, text: string, values: unknown[]) => {
      prepared.add(name)
      return client.query({ name, text, values })
    }
    return {
      query(textOrCursor: any, parameters?: ReadonlyArray<unknown>): any {
        if (typeof textOrCursor !== 'string') return client.query(textOrCursor)
        const values = (parameters ?? []) as unknown[]
        const base = nameOf(textOrCursor)
        const name = base === undefined ? undefined : generation === 0 ? base : `${base}_${generation}`
        if (name === undefined || (!prepared.has(name) && prepared.size >= NAMED_PER_CONNECTION)) return client.query(textOrCursor, values)
        return run(name, textOrCursor, values).catch((error: { code?: string; message?: string }) => {
          // A table read by this statement changed its columns since the connection prepared it (another
          // process migrated): prepare it again under a new name, once.
          if (error?.code !== '0A000' || !/cached plan must not change result type/.test(error.message ?? '')) throw error
          generation += 1
          return run(`${base}_${generation}`, textOrCursor, values).catch(() => {
            throw error
          })
        })
      },
      release: () => client.release(),
    }
  }
  return {
    async connect() {
      const client = await pool.connect()
      let found = wrapped.get(client)
      if (!found) {
        found = wrap(client)
        wrapped.set(client, found)
      }
      return found
    },
    end: () => pool.end(),
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
  const kysely = new Kysely<T>({ dialect: new PostgresDialect({ pool: withNamedReads(pool) }) })
  return {
    kysely,
    dialect: 'postgres',
    async close() {
      await kysely.destroy()
    },
  }
}
