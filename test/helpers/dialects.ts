/**
 * The databases every query test runs on: SQLite always (in memory), PostgreSQL when `TEST_DATABASE_URL` is
 * set (`.ci/run` starts a throwaway server). Each test database is private: SQLite in memory, or a fresh
 * PostgreSQL schema dropped at the end. No mocks.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connect, type Db } from '../../src/core/db/connect.js'
import { migrateToLatest } from '../../src/core/db/migrate.js'
import type { Database } from '../../src/database.js'

export interface TestDialect {
  name: 'sqlite' | 'postgres'
  /** Opens an empty database with every migration applied. */
  open(options?: { migrate?: boolean }): Promise<TestDatabase>
}

export interface TestDatabase {
  db: Db<Database>
  close(): Promise<void>
}

const sqlite: TestDialect = {
  name: 'sqlite',
  async open(options = {}) {
    const db = connect<Database>({ dialect: 'sqlite', file: ':memory:' })
    if (options.migrate !== false) await migrateToLatest(db.kysely)
    return { db, close: () => db.close() }
  },
}

function postgres(url: string): TestDialect {
  return {
    name: 'postgres',
    async open(options = {}) {
      const schema = `t_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(`create schema ${schema}`)
      await admin.end()
      const db = connect<Database>({ dialect: 'postgres', url, poolSize: 4 }, { searchPath: schema })
      if (options.migrate !== false) await migrateToLatest(db.kysely)
      return {
        db,
        async close() {
          await db.close()
          const dropper = new pg.Client({ connectionString: url })
          await dropper.connect()
          await dropper.query(`drop schema ${schema} cascade`)
          // The job schema pg-boss created next to it, if any (core/jobs/pgboss-store.ts).
          await dropper.query(`drop schema if exists ${schema}_jobs cascade`)
          await dropper.end()
        },
      }
    },
  }
}

const pgUrl = process.env.TEST_DATABASE_URL

/** The dialects to run each database test on. */
export const DIALECTS: TestDialect[] = pgUrl ? [sqlite, postgres(pgUrl)] : [sqlite]
