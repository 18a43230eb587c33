import { sql, type Kysely } from 'kysely'
import { clusteredByPrimaryKey, createRowTrigger, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * A territory's mobilisation dashboard read from running totals instead of every pledge of the territory (issue 16,
 * figures: a région holds ~52 000 pledges):
 *
 * - `mobilisation_territory_totals`: per territory (every level of the pledge's copied seat, and `national`), facet
 *   (`all`, `world`, `size`, `commune_band`, `departement`, `kind`) and code (`unit` for `kind`, '' otherwise), the
 *   active pledges' count, their value and what was realised (cents), their quantity and fulfilment (hundredths),
 *   how many have no value, and how many distinct organisations pledged (not kept for `kind`: 0);
 * - `mobilisation_territory_organisations`: per territory, facet and code, each organisation's active pledges — the
 *   distinct organisations above move when one of these goes from 0 to more or back.
 *
 * Triggers keep both in the transaction of every write, whoever writes pledges (services, the fulfilment triggers
 * that move `realised_cents`, the demo, bulk loads), like `listening_counts`.
 */
const LEVELS = ['commune', 'epci', 'ept', 'departement', 'region'] as const
const NATIONAL = 'national'

/** `(facet, code, unit)` of a pledge (`row`), the organisation facets first; `kind` is not counted in organisations. */
function facets(row: string, withKind: boolean): Array<[string, string, string]> {
  const list: Array<[string, string, string]> = [
    ["'all'", "''", "''"],
    ["'world'", `${row}.world`, "''"],
    ["'size'", `coalesce(${row}.size_band, '')`, "''"],
    ["'commune_band'", `coalesce(${row}.commune_band, '')`, "''"],
    ["'departement'", `coalesce(${row}.departement_id, '')`, "''"],
  ]
  if (withKind) list.push(["'kind'", `${row}.help_kind`, `${row}.unit`])
  return list
}

/** The territories a pledge (`row`) counts in: its seat's levels and the whole country. */
const territories = (row: string) => [...LEVELS.map((l) => `${row}.${l}_id`), `'${NATIONAL}'`]

function pledgeFacts(row: 'new' | 'old', withKind: boolean): string {
  const t = territories(row).map((e) => `select ${e} as territory_id`).join(' union all ')
  const f = facets(row, withKind)
    .map(([facet, code, unit]) => `select ${facet} as facet, ${code} as code, ${unit} as unit`)
    .join(' union all ')
  return `select t.territory_id, f.facet, f.code, f.unit from (${t}) t cross join (${f}) f where t.territory_id is not null and ${row}.status = 'active'`
}

const addTotals = (row: 'new' | 'old', sign: 1 | -1) =>
  `insert into mobilisation_territory_totals (territory_id, facet, code, unit, pledges, organisations, pledged_cents, realised_cents, quantity_hundredths, fulfilled_hundredths, unvalued)
    select territory_id, facet, code, unit, ${sign}, 0, ${sign} * coalesce(${row}.value_cents, 0), ${sign} * coalesce(${row}.realised_cents, 0),
      ${sign} * ${row}.quantity_hundredths, ${sign} * ${row}.fulfilled_hundredths, case when ${row}.value_cents is null then ${sign} else 0 end
    from (${pledgeFacts(row, true)}) facts where true
    on conflict (territory_id, facet, code, unit) do update set
      pledges = mobilisation_territory_totals.pledges + excluded.pledges,
      pledged_cents = mobilisation_territory_totals.pledged_cents + excluded.pledged_cents,
      realised_cents = mobilisation_territory_totals.realised_cents + excluded.realised_cents,
      quantity_hundredths = mobilisation_territory_totals.quantity_hundredths + excluded.quantity_hundredths,
      fulfilled_hundredths = mobilisation_territory_totals.fulfilled_hundredths + excluded.fulfilled_hundredths,
      unvalued = mobilisation_territory_totals.unvalued + excluded.unvalued`

const addOrganisation = (row: 'new' | 'old', sign: 1 | -1) =>
  `insert into mobilisation_territory_organisations (territory_id, facet, code, organisation_id, n)
    select territory_id, facet, code, ${row}.organisation_id, ${sign} from (${pledgeFacts(row, false)}) facts where true
    on conflict (territory_id, facet, code, organisation_id) do update set n = mobilisation_territory_organisations.n + excluded.n`

/** Moves the distinct organisations of `(territory, facet, code)` by `delta` (an SQL expression) when `when` holds. */
const moveOrganisations = (delta: string, when: string) =>
  `insert into mobilisation_territory_totals (territory_id, facet, code, unit, pledges, organisations, pledged_cents, realised_cents, quantity_hundredths, fulfilled_hundredths, unvalued)
    select new.territory_id, new.facet, new.code, '', 0, ${delta}, 0, 0, 0, 0, 0 where ${when}
    on conflict (territory_id, facet, code, unit) do update set organisations = mobilisation_territory_totals.organisations + excluded.organisations`

const TOTAL_COLUMNS = ['status', 'value_cents', 'realised_cents', 'quantity_hundredths', 'fulfilled_hundredths', 'help_kind', 'unit', 'world', 'size_band', 'commune_band', ...LEVELS.map((l) => `${l}_id`)]
const ORGANISATION_COLUMNS = ['status', 'organisation_id', 'world', 'size_band', 'commune_band', ...LEVELS.map((l) => `${l}_id`)]

// Each change is "remove the old row's facts, add the new one's", as for `listening_counts`; the statements read
// the row they name whatever the event.
const TRIGGERS: RowTrigger[] = [
  { name: 'mobilisation_totals_pledge_add', table: 'mobilisation_pledges', events: ['insert', 'update'], columns: TOTAL_COLUMNS, statement: () => addTotals('new', 1) },
  { name: 'mobilisation_totals_pledge_remove', table: 'mobilisation_pledges', events: ['update', 'delete'], columns: TOTAL_COLUMNS, statement: () => addTotals('old', -1) },
  { name: 'mobilisation_organisations_pledge_add', table: 'mobilisation_pledges', events: ['insert', 'update'], columns: ORGANISATION_COLUMNS, statement: () => addOrganisation('new', 1) },
  { name: 'mobilisation_organisations_pledge_remove', table: 'mobilisation_pledges', events: ['update', 'delete'], columns: ORGANISATION_COLUMNS, statement: () => addOrganisation('old', -1) },
  // an organisation's count in a territory's facet going from none to some (or back) moves the distinct organisations
  { name: 'mobilisation_organisations_first', table: 'mobilisation_territory_organisations', events: ['insert'], statement: () => moveOrganisations('1', 'new.n > 0') },
  {
    name: 'mobilisation_organisations_moved',
    table: 'mobilisation_territory_organisations',
    events: ['update'],
    columns: ['n'],
    statement: () => moveOrganisations('(case when new.n > 0 then 1 else 0 end) - (case when old.n > 0 then 1 else 0 end)', '(case when new.n > 0 then 1 else 0 end) <> (case when old.n > 0 then 1 else 0 end)'),
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mobilisation_territory_totals')
    .addColumn('territory_id', 'text', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('pledges', 'bigint', (c) => c.notNull())
    .addColumn('organisations', 'bigint', (c) => c.notNull())
    .addColumn('pledged_cents', 'bigint', (c) => c.notNull())
    .addColumn('realised_cents', 'bigint', (c) => c.notNull())
    .addColumn('quantity_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('fulfilled_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('unvalued', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_territory_totals_pk', ['territory_id', 'facet', 'code', 'unit'])
    .modifyEnd(clusteredByPrimaryKey(db))
    .execute()
  await db.schema
    .createTable('mobilisation_territory_organisations')
    .addColumn('territory_id', 'text', (c) => c.notNull())
    .addColumn('facet', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobilisation_territory_organisations_pk', ['territory_id', 'facet', 'code', 'organisation_id'])
    .modifyEnd(clusteredByPrimaryKey(db))
    .execute()

  // The existing pledges, one grouped pass per territory level and facet.
  for (const territory of territories('p')) {
    const known = territory.startsWith("'") ? '' : `and ${territory} is not null`
    for (const [facet, code, unit] of facets('p', true)) {
      const organisations = facet === "'kind'" ? '0' : 'count(distinct p.organisation_id)'
      await sql
        .raw(
          `insert into mobilisation_territory_totals (territory_id, facet, code, unit, pledges, organisations, pledged_cents, realised_cents, quantity_hundredths, fulfilled_hundredths, unvalued)
          select ${territory}, ${facet}, ${code}, ${unit}, count(*), ${organisations}, coalesce(sum(p.value_cents), 0), coalesce(sum(p.realised_cents), 0),
            sum(p.quantity_hundredths), sum(p.fulfilled_hundredths), sum(case when p.value_cents is null then 1 else 0 end)
          from mobilisation_pledges p where p.status = 'active' ${known} group by 1, 2, 3, 4`,
        )
        .execute(db)
      if (facet === "'kind'") continue
      await sql
        .raw(
          `insert into mobilisation_territory_organisations (territory_id, facet, code, organisation_id, n)
          select ${territory}, ${facet}, ${code}, p.organisation_id, count(*)
          from mobilisation_pledges p where p.status = 'active' ${known} group by 1, 2, 3, 4`,
        )
        .execute(db)
    }
  }
  for (const trigger of TRIGGERS) await createRowTrigger(db, trigger)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of TRIGGERS) await dropRowTrigger(db, trigger)
  await db.schema.dropTable('mobilisation_territory_organisations').execute()
  await db.schema.dropTable('mobilisation_territory_totals').execute()
}
