/**
 * Valued totals of the public alliances of a place (France, a région, a département, any territory), by world
 * and by type of contribution, for one year or all years. Read from the summaries (`valuation.summaries.ts`),
 * valued now with the table each alliance uses, exactly as if every contribution were valued one by one.
 * Partners-only alliances are never counted: a total over a place is public.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'
import { findDefaultTable, listRates, unsafeFindRateTable, type RateTable } from './rates.queries.js'
import { perMille, valueCell, type Rate } from './valuation.engine.js'
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

/** Totals of the place `scopeId` (`france` or a territory id) for `year` (null: every year). */
export async function valuedTotalsOfPlace(db: Kysely<Database>, scopeId: string, year: number | null): Promise<PlaceTotals> {
  await refreshSummaries(db)
  const [cells, alliances, defaultTable] = await Promise.all([
    db.selectFrom('valuation_scope_cells').selectAll().where('scope_id', '=', scopeId).execute(),
    db
      .selectFrom('alliance_directory')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('scope_id', '=', scopeId)
      .where('visibility', '=', 'public')
      .executeTakeFirstOrThrow(),
    findDefaultTable(db),
  ])
  const tableIds = [...new Set(cells.map((c) => c.rate_table_id))]
  const tables = new Map<string, { table: RateTable; rates: Rate[] }>()
  for (const id of tableIds) {
    const table = id === '' ? defaultTable : await unsafeFindRateTable(db, id)
    if (table) tables.set(id, { table, rates: await listRates(db, table.id) })
  }
  const years = [...new Set(cells.map((c) => Number(c.month.slice(0, 4))))].sort((a, b) => a - b)
  const prefix = year === null ? '' : `${year}-`
  const byKey = new Map<string, { world: string; contributionType: string; cents: bigint; count: number }>()
  const unvalued = new Map<string, { contributionType: string; unit: string; quantityHundredths: number; count: number }>()
  const tableCounts = new Map<string, number>()
  let total = 0n
  let count = 0
  for (const c of cells) {
    if (!c.month.startsWith(prefix)) continue
    const n = Number(c.count)
    count += n
    tableCounts.set(c.rate_table_id, (tableCounts.get(c.rate_table_id) ?? 0) + n)
    const value = valueCell({ contributionType: c.contribution_type, unit: c.unit, month: c.month, fraction: Number(c.fraction), units: Number(c.units), count: n }, tables.get(c.rate_table_id)?.rates ?? [])
    const key = `${c.world}|${c.contribution_type}`
    const row = byKey.get(key) ?? { world: c.world, contributionType: c.contribution_type, cents: 0n, count: 0 }
    row.count += n
    if (value.cents === null) {
      const u = `${c.contribution_type}|${c.unit}`
      const line = unvalued.get(u) ?? { contributionType: c.contribution_type, unit: c.unit, quantityHundredths: 0, count: 0 }
      line.quantityHundredths += Number(c.quantity_hundredths)
      line.count += n
      unvalued.set(u, line)
    } else {
      row.cents += value.cents
      total += value.cents
    }
    byKey.set(key, row)
  }
  const byWorldAndType = [...byKey.values()]
  const roll = <K extends string>(key: (r: (typeof byWorldAndType)[number]) => K) => {
    const out = new Map<K, { cents: bigint; count: number }>()
    for (const r of byWorldAndType) {
      const g = out.get(key(r)) ?? { cents: 0n, count: 0 }
      g.cents += r.cents
      g.count += r.count
      out.set(key(r), g)
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
    byWorld: [...roll((r) => r.world)].map(([world, g]) => ({ world, ...g, perMille: perMille(g.cents, total) })),
    byType: [...roll((r) => r.contributionType)].map(([contributionType, g]) => ({ contributionType, ...g, perMille: perMille(g.cents, total) })),
    unvalued: [...unvalued.values()],
    tables: [...tables].map(([id, t]) => ({ table: t.table, isDefault: id === '', count: tableCounts.get(id) ?? 0 })).filter((t) => t.count > 0),
  }
}
