import { sql, type Kysely } from 'kysely'
import { createRowTrigger, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * A grant's tranches summed up on the grant (issue 16, figures: a fund's SCDL export of 10 000 grants): how many
 * tranches and their first and last due days, which the export's `conditionsVersement` and
 * `datesPeriodeVersement` need. Reading them from the grant instead of three look-ups into the tranches per
 * grant makes the export a single pass over the fund's grants (PostgreSQL: about 90 ms less for 9 500 grants).
 *
 * A trigger keeps the summary in the transaction of every write, whoever writes tranches (the terms of an
 * agreement, a decision that changes the amount, the demo, a bulk load).
 */
const summary = (row: 'new' | 'old') =>
  `update mobilisation_grants set
    tranche_count = (select count(*) from mobilisation_grant_tranches t where t.grant_id = ${row}.grant_id),
    first_due_on = (select min(t.due_on) from mobilisation_grant_tranches t where t.grant_id = ${row}.grant_id),
    last_due_on = (select max(t.due_on) from mobilisation_grant_tranches t where t.grant_id = ${row}.grant_id)
  where id = ${row}.grant_id`

const TRIGGERS: RowTrigger[] = [
  { name: 'mobilisation_grant_tranches_added', table: 'mobilisation_grant_tranches', events: ['insert', 'update'], columns: ['grant_id', 'due_on'], statement: () => summary('new') },
  { name: 'mobilisation_grant_tranches_removed', table: 'mobilisation_grant_tranches', events: ['update', 'delete'], columns: ['grant_id'], statement: () => summary('old') },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mobilisation_grants').addColumn('tranche_count', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('mobilisation_grants').addColumn('first_due_on', 'text').execute()
  await db.schema.alterTable('mobilisation_grants').addColumn('last_due_on', 'text').execute()
  await sql
    .raw(
      `update mobilisation_grants set
        tranche_count = (select count(*) from mobilisation_grant_tranches t where t.grant_id = mobilisation_grants.id),
        first_due_on = (select min(t.due_on) from mobilisation_grant_tranches t where t.grant_id = mobilisation_grants.id),
        last_due_on = (select max(t.due_on) from mobilisation_grant_tranches t where t.grant_id = mobilisation_grants.id)`,
    )
    .execute(db)
  for (const trigger of TRIGGERS) await createRowTrigger(db, trigger)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of TRIGGERS) await dropRowTrigger(db, trigger)
  await db.schema.alterTable('mobilisation_grants').dropColumn('last_due_on').execute()
  await db.schema.alterTable('mobilisation_grants').dropColumn('first_due_on').execute()
  await db.schema.alterTable('mobilisation_grants').dropColumn('tranche_count').execute()
}
