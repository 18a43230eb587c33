import type { Kysely } from 'kysely'
import { createRowTrigger, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * The library's list of alliances whose facets may have changed (`practice_dirty`). A sheet's facets partly
 * belong to its alliance (visibility, phase, form, SDGs, partners' worlds), which its France directory row
 * sums up; a trigger on that row notes the alliance when it has sheets, whoever wrote the row. The library
 * re-indexes the sheets of the noted alliances before a search — work in proportion to what changed, where
 * comparing every sheet with its alliance took 200–900 ms over 20 000 sheets.
 */
const DIRECTORY_TRIGGER: RowTrigger = {
  name: 'practice_dirty_directory',
  table: 'alliance_directory',
  events: ['insert', 'update', 'delete'],
  statement: (row) =>
    `insert into practice_dirty (alliance_id) select ${row}.alliance_id where ${row}.scope_id = 'france' and exists (select 1 from practice_sheets s where s.alliance_id = ${row}.alliance_id) on conflict do nothing`,
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('practice_dirty').addColumn('alliance_id', 'text', (c) => c.primaryKey().notNull()).execute()
  await createRowTrigger(db, DIRECTORY_TRIGGER)
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropRowTrigger(db, DIRECTORY_TRIGGER)
  await db.schema.dropTable('practice_dirty').execute()
}
