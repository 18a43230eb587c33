import { sql, type Kysely } from 'kysely'
import { clusteredByPrimaryKey, createRowTrigger, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * The listening section of every territory page, read from indexes and summaries instead of every need of the
 * territory (issue 12, item 1):
 *
 * - `needs.served_until`: the last day on which an available resource of another organisation, of a kind of
 *   help the need seeks, reaching its territory, can serve it (`9999-12-31` when one has no end date; '' when
 *   none). A need is an orphan on `today` when `served_until < today`: no job is needed when a resource's last
 *   day passes. The services keep it in the transaction that changes a need or a resource; indexes by level
 *   (`terr_<level>_id`) list and count the orphans of a territory.
 * - `listening_counts`: open needs by domain and by SDG, and available resources by kind of help, per territory
 *   of every level; triggers keep it, whoever writes needs or resources (services, the demo, bulk loads).
 */
const LEVELS = ['commune', 'epci', 'ept', 'departement', 'region'] as const
const OPEN_ENDED = '9999-12-31'

/** Rows `(territory, facet, code)` a need (`row`) adds to the counts while it is open. */
function needFacts(row: 'new' | 'old'): string {
  const territories = LEVELS.map((l) => `select ${row}.terr_${l}_id as territory_id`).join(' union all ')
  const sdgs = Array.from({ length: 17 }, (_, i) => `select 'sdg', '${i + 1}' where (${row}.sdg_mask & ${1 << i}) <> 0`).join(' union all ')
  return `select t.territory_id, f.facet, f.code from (${territories}) t cross join (select 'domain' as facet, ${row}.domain as code union all ${sdgs}) f
    where t.territory_id is not null and ${row}.status in ('ouvert', 'en_discussion')`
}

/** Rows a resource (`row`) adds to the counts while it is available. */
function resourceFacts(row: 'new' | 'old'): string {
  const territories = LEVELS.map((l) => `select ${row}.seat_${l}_id as territory_id`).join(' union all ')
  return `select t.territory_id, 'type' as facet, ${row}.contribution_type as code from (${territories}) t
    where t.territory_id is not null and ${row}.status = 'disponible'`
}

const add = (facts: string, sign: 1 | -1) =>
  `insert into listening_counts (territory_id, facet, code, n) select territory_id, facet, code, ${sign} from (${facts}) facts where true
    on conflict (territory_id, facet, code) do update set n = listening_counts.n + excluded.n`

const NEED_COLUMNS = ['status', 'domain', 'sdg_mask', ...LEVELS.map((l) => `terr_${l}_id`)]
const RESOURCE_COLUMNS = ['status', 'contribution_type', ...LEVELS.map((l) => `seat_${l}_id`)]

// Each change is "remove the old row's facts, add the new one's": one trigger adds (insert, update), the
// other removes (update, delete); both read the row they name whatever the event.
const TRIGGERS: RowTrigger[] = [
  { name: 'listening_counts_need_add', table: 'needs', events: ['insert', 'update'], columns: NEED_COLUMNS, statement: () => add(needFacts('new'), 1) },
  { name: 'listening_counts_need_remove', table: 'needs', events: ['update', 'delete'], columns: NEED_COLUMNS, statement: () => add(needFacts('old'), -1) },
  { name: 'listening_counts_resource_add', table: 'resources', events: ['insert', 'update'], columns: RESOURCE_COLUMNS, statement: () => add(resourceFacts('new'), 1) },
  { name: 'listening_counts_resource_remove', table: 'resources', events: ['update', 'delete'], columns: RESOURCE_COLUMNS, statement: () => add(resourceFacts('old'), -1) },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('needs').addColumn('served_until', 'text', (c) => c.notNull().defaultTo('')).execute()
  // The latest last day among the resources of one kind of help and one reach, newest first, other
  // organisations' included: the served day of a need is a few probes of this index.
  await sql`create index resources_served_idx on resources (contribution_type, reach_territory_id, status, (coalesce(available_until, ${sql.lit(OPEN_ENDED)})))`.execute(db)
  await sql`update needs set served_until = coalesce((
      select max((select coalesce(r.available_until, ${sql.lit(OPEN_ENDED)}) from resources r
          where r.contribution_type = nc.contribution_type and r.reach_territory_id = a.reach_id and r.status = 'disponible'
            and r.organisation_id <> needs.organisation_id
          order by coalesce(r.available_until, ${sql.lit(OPEN_ENDED)}) desc limit 1))
      from need_contributions nc
      cross join (select ancestor_id as reach_id from territory_closure where descendant_id = needs.territory_id union all select 'national') a
      where nc.need_id = needs.id), '')`.execute(db)
  for (const level of LEVELS) {
    await db.schema
      .createIndex(`needs_orphan_${level}_idx`)
      .on('needs')
      .columns([`terr_${level}_id`, 'served_until', 'status', 'domain'])
      .execute()
  }

  await db.schema
    .createTable('listening_counts')
    .addColumn('territory_id', 'text', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('listening_counts_pk', ['territory_id', 'facet', 'code'])
    .modifyEnd(clusteredByPrimaryKey(db))
    .execute()
  for (const level of LEVELS) {
    await sql`insert into listening_counts (territory_id, facet, code, n)
      select ${sql.ref(`terr_${level}_id`)}, 'domain', domain, count(*) from needs
      where ${sql.ref(`terr_${level}_id`)} is not null and status in ('ouvert', 'en_discussion') group by ${sql.ref(`terr_${level}_id`)}, domain`.execute(db)
    for (let i = 0; i < 17; i++) {
      await sql`insert into listening_counts (territory_id, facet, code, n)
        select ${sql.ref(`terr_${level}_id`)}, 'sdg', ${sql.lit(String(i + 1))}, count(*) from needs
        where ${sql.ref(`terr_${level}_id`)} is not null and status in ('ouvert', 'en_discussion') and (sdg_mask & ${sql.lit(1 << i)}) <> 0
        group by ${sql.ref(`terr_${level}_id`)}`.execute(db)
    }
    await sql`insert into listening_counts (territory_id, facet, code, n)
      select ${sql.ref(`seat_${level}_id`)}, 'type', contribution_type, count(*) from resources
      where ${sql.ref(`seat_${level}_id`)} is not null and status = 'disponible' group by ${sql.ref(`seat_${level}_id`)}, contribution_type`.execute(db)
  }
  for (const trigger of TRIGGERS) await createRowTrigger(db, trigger)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of TRIGGERS) await dropRowTrigger(db, trigger)
  await db.schema.dropTable('listening_counts').execute()
  for (const level of LEVELS) await db.schema.dropIndex(`needs_orphan_${level}_idx`).execute()
  await sql`drop index resources_served_idx`.execute(db)
  await db.schema.alterTable('needs').dropColumn('served_until').execute()
}
