/**
 * Valued totals of the public alliances of a place (France, a région, a département, any territory), by world
 * and by type of contribution, for one year or all years. Read from the summaries (`valuation.summaries.ts`) and
 * valued by the database in one grouped statement, with the rates of every table the place's alliances use
 * written into it (`rateOfCell`) — exactly as if every contribution were valued one by one (see `valuation.engine.ts`):
 * value = units × rate + count × round(fraction × rate / 100), stated values and euros as their cents.
 * Partners-only alliances are never counted: a total over a place is public.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../database.js'
import { findDefaultTable, toRate, type RateTable } from './rates.queries.js'
import { perMille, type Rate } from './valuation.engine.js'
import { refreshSummaries } from './valuation.summaries.js'

export interface PlaceTotals {
  scopeId: string
  year: number | null
  /** years holding contributions in this place, oldest first */
  years: number[]
  /** public alliances placed here */
  alliances: number
  total: bigint
  count: number
  byWorldAndType: Array<{ world: string; contributionType: string; cents: bigint; count: number }>
  byWorld: Array<{ world: string; cents: bigint; perMille: number; count: number }>
  byType: Array<{ contributionType: string; cents: bigint; perMille: number; count: number }>
  unvalued: Array<{ contributionType: string; unit: string; quantityHundredths: number; count: number }>
  /** the tables that produced the figures: the platform default and any table alliances adopted */
  tables: Array<{ table: RateTable; isDefault: boolean; count: number }>
}

/**
 * The rate (cents) of a summary cell `c`, as one SQL expression: nested `case`s on the table, the type, the unit,
 * then the months of each rate in order; null when no rate covers the cell (it stays unvalued). A few
 * comparisons per cell whatever the number of tables and rates — where a join with the rates as a constant
 * relation made SQLite compare every cell with every rate. Rates of one table never cover the same type, unit
 * and month (`rates.service.ts`).
 */
function rateOfCell(tables: Map<string, Rate[]>): RawBuilder<unknown> {
  const nested = <T>(items: T[], keyOf: (item: T) => string, column: RawBuilder<unknown>, inner: (group: T[]) => RawBuilder<unknown>): RawBuilder<unknown> => {
    const groups = new Map<string, T[]>()
    for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item])
    const branches = [...groups].map(([key, group]) => sql`when ${key} then ${inner(group)}`)
    return sql`case ${column} ${sql.join(branches, sql` `)} end`
  }
  const rows = [...tables].flatMap(([tableKey, rates]) => rates.map((rate) => ({ tableKey, rate })))
  // No rate at all: nothing is valued but euros and stated values.
  if (rows.length === 0) return sql`cast(null as bigint)`
  return nested(rows, (r) => r.tableKey, sql`c.rate_table_id`, (ofTable) =>
    nested(ofTable, (r) => r.rate.contributionType, sql`c.contribution_type`, (ofType) =>
      nested(ofType, (r) => r.rate.unit, sql`c.unit`, (ofUnit) => {
        const months = [...ofUnit].sort((x, y) => x.rate.validFrom.localeCompare(y.rate.validFrom))
        const branches = months.map(({ rate }) => sql`when c.month < ${rate.validFrom.slice(0, 7)} then null when c.month <= ${rate.validTo ? rate.validTo.slice(0, 7) : '9999-12'} then ${sql.lit(rate.rateCents)}`)
        return sql`case ${sql.join(branches, sql` `)} end`
      }),
    ),
  )
}

interface Group {
  rate_table_id: string
  world: string
  contribution_type: string
  unit: string
  year: string
  count: number | string
  cents: number | string | null
  unvalued_count: number | string
  unvalued_quantity: number | string
}

/** The tables used by the place's cells ('' = the platform default) with their rates, in two reads. */
async function tablesOf(db: Kysely<Database>, scopeId: string): Promise<Map<string, { table: RateTable; rates: Rate[] }>> {
  const [keys, defaultTable] = await Promise.all([db.selectFrom('valuation_scope_cells').select('rate_table_id').distinct().where('scope_id', '=', scopeId).execute(), findDefaultTable(db)])
  const adopted = keys.map((k) => k.rate_table_id).filter((id) => id !== '')
  const [found, rates] = await Promise.all([
    adopted.length === 0 ? Promise.resolve([]) : db.selectFrom('valuation_rate_tables').selectAll().where('id', 'in', adopted).execute(),
    db
      .selectFrom('valuation_rates')
      .selectAll()
      .where('table_id', 'in', [...adopted, defaultTable?.id ?? ''])
      .orderBy('table_id')
      .orderBy('contribution_type')
      .orderBy('unit')
      .orderBy('valid_from')
      .execute(),
  ])
  const byId = new Map(found.map((t) => [t.id, t]))
  const tables = new Map<string, { table: RateTable; rates: Rate[] }>()
  for (const { rate_table_id: key } of keys) {
    const table = key === '' ? defaultTable : byId.get(key)
    if (table) tables.set(key, { table, rates: rates.filter((r) => r.table_id === table.id).map(toRate) })
  }
  return tables
}

/** Totals of the place `scopeId` (`france` or a territory id) for `year` (null: every year). */
export async function valuedTotalsOfPlace(db: Kysely<Database>, scopeId: string, year: number | null): Promise<PlaceTotals> {
  await refreshSummaries(db)
  // The count reads the directory while the tables and the totals are read (in parallel on PostgreSQL).
  const counted = db.selectFrom('alliance_directory').select((eb) => eb.fn.countAll<number>().as('n')).where('scope_id', '=', scopeId).where('visibility', '=', 'public').executeTakeFirstOrThrow()
  const totals = (async () => {
    const tables = await tablesOf(db, scopeId)
    // The rate of each cell is computed once (a materialised CTE: not copied into each sum that reads it).
    const { rows } = await sql<Group>`
      with valued as materialized (
        select c.rate_table_id, c.world, c.contribution_type, c.unit, c.month, c.fraction, c.units, c.quantity_hundredths, c.count,
          ${rateOfCell(new Map([...tables].map(([key, t]) => [key, t.rates])))} as rr
        from valuation_scope_cells c
        where c.scope_id = ${scopeId}
      )
      select rate_table_id, world, contribution_type, unit, substr(month, 1, 4) as year,
        sum(count) as count,
        sum(case when fraction = -1 or unit = 'eur' then units else units * rr + count * ((fraction * rr + 50) / 100) end) as cents,
        sum(case when fraction = -1 or unit = 'eur' or rr is not null then 0 else count end) as unvalued_count,
        sum(case when fraction = -1 or unit = 'eur' or rr is not null then 0 else quantity_hundredths end) as unvalued_quantity
      from valued
      group by rate_table_id, world, contribution_type, unit, substr(month, 1, 4)`.execute(db)
    return { tables, rows }
  })()
  const [alliances, { tables, rows }] = await Promise.all([counted, totals])
  const years = [...new Set(rows.map((g) => Number(g.year)))].sort((a, b) => a - b)
  const selected = year === null ? rows : rows.filter((g) => Number(g.year) === year)
  const byKey = new Map<string, { world: string; contributionType: string; cents: bigint; count: number }>()
  const unvalued = new Map<string, { contributionType: string; unit: string; quantityHundredths: number; count: number }>()
  const tableCounts = new Map<string, number>()
  let total = 0n
  let count = 0
  for (const g of selected) {
    const n = Number(g.count)
    const cents = g.cents === null ? 0n : BigInt(String(g.cents).split('.')[0] as string)
    count += n
    total += cents
    tableCounts.set(g.rate_table_id, (tableCounts.get(g.rate_table_id) ?? 0) + n)
    const key = `${g.world}|${g.contribution_type}`
    const row = byKey.get(key) ?? { world: g.world, contributionType: g.contribution_type, cents: 0n, count: 0 }
    row.cents += cents
    row.count += n
    byKey.set(key, row)
    if (Number(g.unvalued_count) > 0) {
      const u = `${g.contribution_type}|${g.unit}`
      const line = unvalued.get(u) ?? { contributionType: g.contribution_type, unit: g.unit, quantityHundredths: 0, count: 0 }
      line.quantityHundredths += Number(g.unvalued_quantity)
      line.count += Number(g.unvalued_count)
      unvalued.set(u, line)
    }
  }
  const byWorldAndType = [...byKey.values()]
  const roll = (key: (r: (typeof byWorldAndType)[number]) => string) => {
    const out = new Map<string, { cents: bigint; count: number }>()
    for (const x of byWorldAndType) {
      const g = out.get(key(x)) ?? { cents: 0n, count: 0 }
      g.cents += x.cents
      g.count += x.count
      out.set(key(x), g)
    }
    return out
  }
  return {
    scopeId,
    year,
    years,
    alliances: Number(alliances.n),
    total,
    count,
    byWorldAndType,
    byWorld: [...roll((x) => x.world)].map(([world, g]) => ({ world, ...g, perMille: perMille(g.cents, total) })),
    byType: [...roll((x) => x.contributionType)].map(([contributionType, g]) => ({ contributionType, ...g, perMille: perMille(g.cents, total) })),
    unvalued: [...unvalued.values()],
    tables: [...tables].map(([id, t]) => ({ table: t.table, isDefault: id === '', count: tableCounts.get(id) ?? 0 })).filter((t) => t.count > 0),
  }
}
