/**
 * The connection's statement reuse: SQLite's cache of compiled statements and PostgreSQL's named reads
 * (ADR 0009) give the same rows as a fresh statement would, across a schema change made by someone else.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import { DIALECTS } from '../../../test/helpers/dialects.js'

for (const dialect of DIALECTS) {
  describe(`statement reuse [${dialect.name}]`, () => {
    test('a read repeated across a change of its table’s columns returns the new columns', async () => {
      const database = await dialect.open({ migrate: false })
      try {
        await database.db.kysely.connection().execute(async (db) => {
          await sql`create table reuse_probe (id integer primary key, label text not null)`.execute(db)
          await sql`insert into reuse_probe (id, label) values (1, 'un'), (2, 'deux')`.execute(db)
          // More than five runs: PostgreSQL has settled on its plan for the statement by then.
          for (let i = 0; i < 7; i++) {
            const rows = (await sql<Record<string, unknown>>`select * from reuse_probe where id = ${1}`.execute(db)).rows
            assert.deepEqual(rows, [{ id: 1, label: 'un' }])
          }
          await sql`alter table reuse_probe add column note text`.execute(db)
          await sql`update reuse_probe set note = 'ajoutée' where id = ${1}`.execute(db)
          const after = (await sql<Record<string, unknown>>`select * from reuse_probe where id = ${1}`.execute(db)).rows
          assert.deepEqual(after, [{ id: 1, label: 'un', note: 'ajoutée' }])
          const again = (await sql<Record<string, unknown>>`select * from reuse_probe where id = ${2}`.execute(db)).rows
          assert.deepEqual(again, [{ id: 2, label: 'deux', note: null }])
        })
      } finally {
        await database.close()
      }
    })

    if (dialect.name === 'postgres') {
      test('reads are prepared once per connection under a name; writes stay unnamed', async () => {
        const database = await dialect.open({ migrate: false })
        try {
          await database.db.kysely.connection().execute(async (db) => {
            await sql`create table reuse_probe (id integer primary key, label text not null)`.execute(db)
            for (let i = 0; i < 3; i++) {
              await sql`insert into reuse_probe (id, label) values (${i}, ${`n${i}`})`.execute(db)
              await sql`select label from reuse_probe where id = ${i}`.execute(db)
            }
            const prepared = (
              await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'alliance\_%'`.execute(db)
            ).rows.map((r) => r.statement)
            assert.ok(prepared.some((s) => s.startsWith('select label from reuse_probe')), 'the read is named')
            assert.ok(!prepared.some((s) => s.startsWith('insert')), 'the write is not')
            assert.equal(prepared.filter((s) => s.startsWith('select label from reuse_probe')).length, 1, 'prepared once for three runs')
          })
        } finally {
          await database.close()
        }
      })
    }
  })
}
