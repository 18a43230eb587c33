/**
 * Paging reads: a page's rows and its total in one statement (`rowsWithTotal`), on both databases, at every
 * edge a list meets (first page, last page, past the end, nothing matching, no rows asked, a capped count).
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { cappedCount, countAfterRow, countPastWindow, countUpTo, rowsWithTotal } from './paging.js'

interface Probe {
  paging_probe: { id: number; label: string; even: number }
  walk_probe: { id: string; name: string }
}

for (const dialect of DIALECTS) {
  describe(`paging [${dialect.name}]`, () => {
    test('rowsWithTotal reads a window and the number of matches together, and the total alone where no row carries it', async () => {
      const database = await dialect.open({ migrate: false })
      try {
        await database.db.kysely.connection().execute(async (connection) => {
          const db = connection as unknown as Kysely<Probe>
          await sql`create table paging_probe (id integer primary key, label text not null, even integer not null)`.execute(db)
          for (let i = 1; i <= 25; i++) await sql`insert into paging_probe (id, label, even) values (${i}, ${`ligne ${i}`}, ${i % 2 === 0 ? 1 : 0})`.execute(db)
          const base = db.selectFrom('paging_probe')
          const list = base.select(['id', 'label']).orderBy('id')
          const total = base.select((eb) => eb.fn.countAll<number>().as('n'))

          const first = await rowsWithTotal(list, total, { offset: 0, limit: 10 })
          assert.equal(first.total, 25)
          assert.deepEqual(
            first.rows.map((r) => r.id),
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
          )
          assert.deepEqual(Object.keys(first.rows[0]!).sort(), ['id', 'label'], 'the total is not left in the rows')

          const last = await rowsWithTotal(list, total, { offset: 20, limit: 10 })
          assert.deepEqual(
            { total: last.total, ids: last.rows.map((r) => r.id) },
            { total: 25, ids: [21, 22, 23, 24, 25] },
          )
          assert.deepEqual(await rowsWithTotal(list, total, { offset: 30, limit: 10 }), { rows: [], total: 25 }, 'past the end: no rows, the total still')
          assert.deepEqual(await rowsWithTotal(list, total, { offset: 0, limit: 0 }), { rows: [], total: 25 }, 'no rows asked: the total alone')

          const none = base.where('label', '=', 'aucune')
          assert.deepEqual(
            await rowsWithTotal(none.select(['id', 'label']).orderBy('id'), none.select((eb) => eb.fn.countAll<number>().as('n')), { offset: 0, limit: 10 }),
            { rows: [], total: 0 },
          )

          const even = base.where('even', '=', 1)
          const capped = await rowsWithTotal(even.select('id').orderBy('id', 'desc'), cappedCount(db, even, 5), { offset: 0, limit: 3 })
          assert.deepEqual(
            { total: capped.total, ids: capped.rows.map((r) => r.id) },
            { total: 6, ids: [24, 22, 20] },
            'a capped count reads one row past its cap',
          )
          assert.deepEqual(await countUpTo(db, even, 5), { total: 5, capped: true })
          assert.deepEqual(await countUpTo(db, even, 20), { total: 12, capped: false })
        })
      } finally {
        await database.close()
      }
    })

    test('countPastWindow counts a walked list from the last row read, names tied across the window edge included', async () => {
      const database = await dialect.open({ migrate: false })
      try {
        await database.db.kysely.connection().execute(async (connection) => {
          const db = connection as unknown as Kysely<Probe>
          await sql`create table walk_probe (id text primary key, name text not null)`.execute(db)
          await sql`create index walk_probe_name on walk_probe (name)`.execute(db)
          // 60 names before any match, then 30 matches in groups of three that share a name.
          for (let i = 0; i < 60; i++) await sql`insert into walk_probe (id, name) values (${`a${String(i).padStart(3, '0')}`}, ${`avant ${String(i).padStart(3, '0')}`})`.execute(db)
          for (let i = 0; i < 30; i++) await sql`insert into walk_probe (id, name) values (${`m${String(i).padStart(3, '0')}`}, ${`match ${String(Math.floor(i / 3)).padStart(2, '0')}`})`.execute(db)
          const matching = db.selectFrom('walk_probe').where('name', 'like', '%match%')
          const list = matching.select(['id', 'name']).orderBy('name').orderBy('id')
          const count = async (window: { offset: number; limit: number }, cap: number) => {
            const rows = await list.limit(window.limit).offset(window.offset).execute()
            const last = rows.at(-1)
            return countPastWindow(
              window,
              rows.length,
              { after: (rest) => countAfterRow(db, matching, ['name', 'id'], [last!.name, last!.id], rest), all: () => countUpTo(db, matching, cap) },
              cap,
            )
          }
          // A window of 4 ends inside the second group of tied names ("match 01": m003 m004 m005).
          assert.deepEqual(await count({ offset: 0, limit: 4 }, 100), { total: 30, capped: false }, 'a full window: the rows after its last one, tied names included')
          assert.deepEqual(await count({ offset: 4, limit: 4 }, 100), { total: 30, capped: false }, 'a later page counts the rows before it')
          assert.deepEqual(await count({ offset: 24, limit: 10 }, 100), { total: 30, capped: false }, 'a window that meets the end is the count')
          assert.deepEqual(await count({ offset: 40, limit: 10 }, 100), { total: 30, capped: false }, 'past the end: counted from the start')
          assert.deepEqual(await count({ offset: 0, limit: 4 }, 20), { total: 20, capped: true }, 'capped after the window')
          assert.deepEqual(await count({ offset: 0, limit: 4 }, 29), { total: 29, capped: true }, 'one row past the cap')
          assert.deepEqual(await count({ offset: 0, limit: 4 }, 30), { total: 30, capped: false }, 'exactly the cap')
          assert.deepEqual(await count({ offset: 20, limit: 10 }, 25), { total: 25, capped: true }, 'a window that reaches past the cap')
          const none = db.selectFrom('walk_probe').where('name', 'like', '%rien%')
          assert.deepEqual(
            await countPastWindow({ offset: 0, limit: 4 }, 0, { after: async () => assert.fail('nothing to count after'), all: () => countUpTo(db, none) }),
            { total: 0, capped: false },
          )
        })
      } finally {
        await database.close()
      }
    })
  })
}
