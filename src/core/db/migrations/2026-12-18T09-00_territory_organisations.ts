import { type Kysely, sql } from 'kysely'
import { binaryTextType, clusteredByPrimaryKey, createRowTrigger, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * The organisations seated in each territory (their seat commune and every territory containing it), by name:
 * one row per organisation and territory, kept by triggers in the transaction of every write to `organisations`
 * (issue 12). A territory page lists its first actors by name; without this, both databases walked the names of
 * every organisation of the platform and checked each seat, until a page was found: at 230 000 organisations, an
 * EPT holding 1.3 % of them read 1 900 names (10 ms on PostgreSQL), and the walk grows with the platform. Now the
 * page is the first rows of one key range. The geography loader rebuilds the table with the closure.
 */
const placesOf = (row: 'new' | 'old') => `select ancestor_id from territory_closure where descendant_id = ${row}.seat_commune_id`

const add = `insert into territory_organisations (territory_id, search_name, organisation_id)
    select ancestor_id, new.search_name, new.id from territory_closure where descendant_id = new.seat_commune_id`
const remove = `delete from territory_organisations
    where territory_id in (${placesOf('old')}) and search_name = old.search_name and organisation_id = old.id`

const TRIGGERS: RowTrigger[] = [
  { name: 'territory_organisations_add', table: 'organisations', events: ['insert'], statement: () => add },
  // One trigger for an update, so that the old rows go before the new ones come (they share their key when only
  // the seat moved within a territory, or when a column is set to the value it had).
  { name: 'territory_organisations_move', table: 'organisations', events: ['update'], columns: ['seat_commune_id', 'search_name'], statement: () => `${remove}; ${add}` },
  { name: 'territory_organisations_remove', table: 'organisations', events: ['delete'], statement: () => remove },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('territory_organisations')
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id').onDelete('cascade'))
    .addColumn('search_name', binaryTextType(db), (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('territory_organisations_pk', ['territory_id', 'search_name', 'organisation_id'])
    .modifyEnd(clusteredByPrimaryKey(db))
    .execute()
  await sql`
    insert into territory_organisations (territory_id, search_name, organisation_id)
    select c.ancestor_id, o.search_name, o.id
    from organisations o join territory_closure c on c.descendant_id = o.seat_commune_id
  `.execute(db)
  for (const trigger of TRIGGERS) await createRowTrigger(db, trigger)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of TRIGGERS) await dropRowTrigger(db, trigger)
  await db.schema.dropTable('territory_organisations').execute()
}
