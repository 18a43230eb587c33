/**
 * All migrations run on a fresh SQLite and a fresh PostgreSQL database and give the same tables and
 * columns (SQLite's full-text index tables, `fts_*`, have no PostgreSQL twin, and PostgreSQL's stored vector
 * `search_documents.search_vector` and `search_lexemes` no SQLite twin: each indexes the same documents its
 * own way); the last
 * migration can be rolled back and applied again.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import { migrateDown, migrateToLatest } from '../../src/core/db/migrate.js'
import { DIALECTS } from '../helpers/dialects.js'

/** Columns and tables of one dialect's full-text machinery. */
const FULL_TEXT_ONLY = new Set(['search_documents.search_vector'])
const FULL_TEXT_TABLES = new Set(['search_lexemes'])
/** SQLite's job table: on PostgreSQL jobs live in pg-boss's own schema (ADR 0200). */
const SQLITE_ONLY_TABLES = new Set(['jobs'])

async function schemaOf(dialect: (typeof DIALECTS)[number]) {
  const database = await dialect.open()
  try {
    const tables = await database.db.kysely.introspection.getTables()
    const current =
      database.db.dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db.kysely)).rows[0]?.s : undefined
    return Object.fromEntries(
      tables
        .filter((t) => !t.name.startsWith('kysely_') && !t.name.startsWith('fts_') && !FULL_TEXT_TABLES.has(t.name) && !SQLITE_ONLY_TABLES.has(t.name) && (current === undefined || t.schema === current))
        .map((t) => [t.name, t.columns.filter((c) => !FULL_TEXT_ONLY.has(`${t.name}.${c.name}`)).map((c) => `${c.name}${c.isNullable ? '?' : ''}`).sort()])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    )
  } finally {
    await database.close()
  }
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
})
