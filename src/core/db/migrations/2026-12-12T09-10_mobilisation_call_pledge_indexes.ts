import { sql, type Kysely } from 'kysely'

/**
 * The page of a call to engage read from indexes instead of every pledge of the call (issue 16, figures: a call with
 * 5 000 pledges):
 *
 * - its newest pledges (`order by pledged_on desc, id`, one page): read in the index's order, so that the joins to
 *   the organisations, needs and alliances touch one page of pledges instead of all of them before a sort;
 * - the late pledges its publisher should follow up: only pledges already told they are late are in the index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('mobilisation_pledges_call_recent_idx').on('mobilisation_pledges').columns(['call_id', 'status', 'pledged_on desc', 'id']).execute()
  await db.schema
    .createIndex('mobilisation_pledges_call_late_idx')
    .on('mobilisation_pledges')
    .columns(['call_id', 'late_notified_at'])
    .where(sql.ref('late_notified_at'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('mobilisation_pledges_call_late_idx').execute()
  await db.schema.dropIndex('mobilisation_pledges_call_recent_idx').execute()
}
