/**
 * All migrations run on a fresh SQLite and a fresh PostgreSQL database and give the same tables and
 * columns (SQLite's full-text index tables, `fts_*`, have no PostgreSQL twin, and PostgreSQL's stored vector
 * `search_documents.search_vector` no SQLite twin: each indexes the same documents its own way); the last
 * migration can be rolled back and applied again; SQLite's lexemes are read from the documents indexed before.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { migrateDown, migrateToLatest, pendingMigrations } from '../../src/core/db/migrate.js'
import { up as keepSqliteLexemes } from '../../src/core/db/migrations/2026-12-17T09-00_search_lexemes_on_sqlite.js'
import { searchDocuments } from '../../src/core/search/fulltext.js'
import { DIALECTS } from '../helpers/dialects.js'

/** Columns of one dialect's full-text machinery. */
const FULL_TEXT_ONLY = new Set(['search_documents.search_vector'])
/**
 * SQLite's job table: on PostgreSQL jobs live in pg-boss's own schema (ADR 0200). SQLite's tables of names, which
 * its trigram indexes (`fts_*`) read: PostgreSQL indexes the named columns themselves (ADR 0010).
 */
const SQLITE_ONLY_TABLES = new Set(['jobs', 'organisation_names', 'alliance_names'])

async function schemaOf(dialect: (typeof DIALECTS)[number]) {
  const database = await dialect.open()
  try {
    // PostgreSQL: this schema's columns only (Kysely's introspector scans every schema of the shared server, and
    // fails when another test drops its schema meanwhile).
    const tables =
      database.db.dialect === 'postgres'
        ? await columnsOfCurrentSchema(database.db.kysely)
        : await database.db.kysely.introspection.getTables()
    return Object.fromEntries(
      tables
        .filter((t) => !t.name.startsWith('kysely_') && !t.name.startsWith('fts_') && !SQLITE_ONLY_TABLES.has(t.name))
        .map((t) => [t.name, t.columns.filter((c) => !FULL_TEXT_ONLY.has(`${t.name}.${c.name}`)).map((c) => `${c.name}${c.isNullable ? '?' : ''}`).sort()])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    )
  } finally {
    await database.close()
  }
}

async function columnsOfCurrentSchema(db: import('kysely').Kysely<any>) {
  const { rows } = await sql<{ table: string; column: string; nullable: string }>`
    select c.table_name as "table", c.column_name as "column", c.is_nullable as nullable
    from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(db)
  const tables = new Map<string, Array<{ name: string; isNullable: boolean }>>()
  for (const row of rows) {
    const columns = tables.get(row.table) ?? []
    columns.push({ name: row.column, isNullable: row.nullable === 'YES' })
    tables.set(row.table, columns)
  }
  return [...tables].map(([name, columns]) => ({ name, columns }))
}

describe('migrations', () => {
  test('every dialect ends with the same tables and columns', async () => {
    const schemas = await Promise.all(DIALECTS.map((d) => schemaOf(d)))
    const [reference, ...others] = schemas
    assert.ok(reference && Object.keys(reference).includes('territories'))
    for (const other of others) assert.deepEqual(other, reference)
  })

  for (const dialect of DIALECTS) {
    test(`[${dialect.name}] the last migration rolls back and re-applies`, async () => {
      const database = await dialect.open()
      try {
        const down = await migrateDown(database.db.kysely)
        assert.equal(down[0]?.status, 'Success')
        const up = await migrateToLatest(database.db.kysely)
        assert.equal(up.applied.length, 1)
      } finally {
        await database.close()
      }
    })
  }

  const sqlite = DIALECTS.find((d) => d.name === 'sqlite')
  if (sqlite) {
    test('[sqlite] the lexemes of documents indexed before SQLite kept them are read from the documents', async () => {
      const database = await sqlite.open()
      try {
        const db = database.db.kysely
        await sql`drop table search_lexemes`.execute(db)
        await sql`insert into search_documents (kind, ref_id, content, facets) values ('note', 'a', 'jardin partage pour les jeune', 'fkindnote'), ('note', 'b', 'jardiniere et potager', 'fkindnote')`.execute(db)
        await keepSqliteLexemes(db)
        const { rows } = await sql<{ lexeme: string }>`select lexeme from search_lexemes order by lexeme`.execute(db)
        assert.deepEqual(
          rows.map((r) => r.lexeme),
          ['et', 'jardin', 'jardiniere', 'jeune', 'les', 'partage', 'potager', 'pour'],
        )
        const found = await searchDocuments(db, 'note', { text: 'jardin', facets: [] }, { limit: 10, offset: 0, cap: 10 })
        assert.deepEqual(found.ids, ['b', 'a'])
      } finally {
        await database.close()
      }
    })
  }

  const postgres = DIALECTS.find((d) => d.name === 'postgres')
  if (postgres) {
    test('[postgres] every normalised name sorts byte by byte, as on SQLite (collation "C", whatever the server’s)', async () => {
      const database = await postgres.open()
      try {
        const { rows } = await sql<{ table: string; collation: string | null }>`
          select table_name as "table", collation_name as collation from information_schema.columns
          where table_schema = current_schema() and column_name = 'search_name'`.execute(database.db.kysely)
        assert.ok(rows.length >= 6, `${rows.length} columns named search_name`)
        assert.deepEqual(
          rows.filter((r) => r.collation !== 'C').map((r) => r.table),
          [],
        )
      } finally {
        await database.close()
      }
    })

    test('[postgres] migrating, rolling back and /readyz ignore other schemas dropped meanwhile (a shared server)', async () => {
      const database = await postgres.open()
      const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      await other.connect()
      let stop = false
      let dropped = 0
      // Another test's schema coming and going, as on the shared test server (or during a restore).
      const churn = (async () => {
        while (!stop) {
          const schema = `t_churn_${Math.random().toString(16).slice(2, 12)}`
          await other.query(`create schema ${schema}; create table ${schema}.x (id serial primary key, label text)`)
          await other.query(`drop schema ${schema} cascade`)
          dropped++
        }
      })()
      try {
        const until = Date.now() + 3000
        let rounds = 0
        while (Date.now() < until || dropped < 20) {
          assert.deepEqual(await pendingMigrations(database.db.kysely), [])
          if (rounds % 10 === 0) {
            assert.equal((await migrateDown(database.db.kysely))[0]?.status, 'Success')
            assert.equal((await migrateToLatest(database.db.kysely)).applied.length, 1)
          }
          rounds++
        }
        assert.ok(dropped >= 20, `only ${dropped} schemas dropped meanwhile`)
      } finally {
        stop = true
        await churn
        await other.end()
        await database.close()
      }
    })
  }
})
