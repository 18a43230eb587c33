import { type Kysely, sql } from 'kysely'
import { createRowTrigger, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * How many organisations are seated in each territory (their seat commune and every territory containing it),
 * kept by triggers in the transaction of every write to `organisations` (issue 12). Every territory page counted
 * its actors through the closure and the seat index on each request, up to 1 001 rows: the most expensive read of
 * a région's page on PostgreSQL (1.1–1.3 ms). The geography loader rebuilds the table with the closure.
 */
const add = (row: 'new' | 'old', sign: 1 | -1) =>
  `insert into territory_organisation_counts (territory_id, n)
    select ancestor_id, ${sign} from territory_closure where descendant_id = ${row}.seat_commune_id
    on conflict (territory_id) do update set n = territory_organisation_counts.n + excluded.n`

const TRIGGERS: RowTrigger[] = [
  { name: 'territory_organisation_counts_add', table: 'organisations', events: ['insert', 'update'], columns: ['seat_commune_id'], statement: () => add('new', 1) },
  { name: 'territory_organisation_counts_remove', table: 'organisations', events: ['update', 'delete'], columns: ['seat_commune_id'], statement: () => add('old', -1) },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('territory_organisation_counts')
    .addColumn('territory_id', 'text', (c) => c.primaryKey().notNull().references('territories.id').onDelete('cascade'))
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute()
  await sql`
    insert into territory_organisation_counts (territory_id, n)
    select c.ancestor_id, count(*)
    from organisations o join territory_closure c on c.descendant_id = o.seat_commune_id
    group by c.ancestor_id
  `.execute(db)
  for (const trigger of TRIGGERS) await createRowTrigger(db, trigger)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of TRIGGERS) await dropRowTrigger(db, trigger)
  await db.schema.dropTable('territory_organisation_counts').execute()
}
