import { type Kysely, sql } from 'kysely'

/**
 * How many territories of each kind lie inside each territory, kept with the geography (issue 12): every page of a
 * territory but a commune shows these counts, which were counted from the closure on each request (about 1 300
 * rows for a région, 8.7 ms on PostgreSQL). The geography loader rebuilds the table with the closure.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('territory_kind_counts')
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('territory_kind_counts_pk', ['territory_id', 'kind'])
    .execute()
  await sql`
    insert into territory_kind_counts (territory_id, kind, n)
    select c.ancestor_id, t.kind, count(*)
    from territory_closure c join territories t on t.id = c.descendant_id
    where c.descendant_id <> c.ancestor_id
    group by c.ancestor_id, t.kind
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('territory_kind_counts').execute()
}
