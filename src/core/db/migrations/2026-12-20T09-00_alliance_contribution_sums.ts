import { type Kysely, sql } from 'kysely'
import { clusteredByPrimaryKey, createRowTrigger, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * The sums of an alliance's contributions per partner organisation, type and unit, kept by triggers in the
 * transaction of every write to `alliance_contributions` (issue 12). The alliance's overview (sums by type) and its
 * contributions page (by type and by partner) added up every contribution of the alliance at each request, so their
 * cost grew with the years of an alliance; they now add up these rows, at most one per partner, type and unit.
 *
 * A row whose contributions are all gone stays with `n = 0` (readers skip it): a trigger runs one statement, and
 * subtracting then deleting would need two whose order between triggers the databases do not promise alike. No
 * foreign key: an alliance deleted with its contributions must not take its rows away before their triggers run.
 */
const COLUMNS = ['alliance_id', 'organisation_id', 'contribution_type', 'unit', 'quantity_hundredths']

const add = (row: 'new' | 'old', sign: 1 | -1) =>
  `insert into alliance_contribution_sums (alliance_id, organisation_id, contribution_type, unit, quantity_hundredths, n)
    values (${row}.alliance_id, ${row}.organisation_id, ${row}.contribution_type, ${row}.unit, ${sign} * ${row}.quantity_hundredths, ${sign})
    on conflict (alliance_id, organisation_id, contribution_type, unit) do update
    set quantity_hundredths = alliance_contribution_sums.quantity_hundredths + excluded.quantity_hundredths, n = alliance_contribution_sums.n + excluded.n`

const TRIGGERS: RowTrigger[] = [
  { name: 'alliance_contribution_sums_add', table: 'alliance_contributions', events: ['insert', 'update'], columns: COLUMNS, statement: () => add('new', 1) },
  { name: 'alliance_contribution_sums_remove', table: 'alliance_contributions', events: ['update', 'delete'], columns: COLUMNS, statement: () => add('old', -1) },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alliance_contribution_sums')
    .addColumn('alliance_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('contribution_type', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('alliance_contribution_sums_pk', ['alliance_id', 'organisation_id', 'contribution_type', 'unit'])
    .modifyEnd(clusteredByPrimaryKey(db))
    .execute()
  await sql`
    insert into alliance_contribution_sums (alliance_id, organisation_id, contribution_type, unit, quantity_hundredths, n)
    select alliance_id, organisation_id, contribution_type, unit, sum(quantity_hundredths), count(*)
    from alliance_contributions
    group by alliance_id, organisation_id, contribution_type, unit
  `.execute(db)
  for (const trigger of TRIGGERS) await createRowTrigger(db, trigger)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of TRIGGERS) await dropRowTrigger(db, trigger)
  await db.schema.dropTable('alliance_contribution_sums').execute()
}
