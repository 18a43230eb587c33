/**
 * Valued totals over many alliances (a département, a région, France) without reading millions of
 * contributions at each request.
 *
 * Two derived tables hold the contributions grouped so that rates can still be applied at read time, exactly
 * (see `valuation.engine.ts`): `valuation_alliance_cells` (per alliance, giving organisation, type, unit, month
 * and hundredths part; euros and stated values as cents) and `valuation_scope_cells` (the same summed over the public alliances of each place:
 * `france` and every territory containing an alliance's perimeter, by world and by the table the alliance
 * adopted). `valuation_alliance_state` remembers what each alliance's cells were added with, so that they can
 * be taken out exactly when it changes.
 *
 * What changes them is listed in `valuation_dirty`: triggers add an alliance when a contribution is written or
 * deleted, its visibility or perimeter changes, or a partner organisation changes world (whoever writes: the
 * services, the demo, an import); this feature adds one when a stated value or the adopted table changes. Reads
 * call `refreshSummaries` first: with nothing listed it costs one indexed lookup; a few alliances are
 * recomputed one by one; many at once (a bulk load, a new geography) rebuild everything in a few statements.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import { nowIso } from '../../core/db/values.js'
import type { Database } from '../../database.js'

type Db = Kysely<Database> | Transaction<Database>

/** Every alliance is in the place `france`. */
export const EVERYWHERE = 'france'
/** Above this many listed alliances, a refresh rebuilds everything instead of going one by one. */
const REBUILD_THRESHOLD = 2000
const GEOGRAPHY_KEY = 'valuation_summaries_geography'

/** Lists alliances whose summaries must be recomputed (inside the caller's transaction). */
export async function markDirty(db: Db, allianceIds: readonly string[]): Promise<void> {
  if (allianceIds.length === 0) return
  await db
    .insertInto('valuation_dirty')
    .values([...new Set(allianceIds)].map((alliance_id) => ({ alliance_id })))
    .onConflict((oc) => oc.column('alliance_id').doNothing())
    .execute()
}

interface CellRow {
  alliance_id: string
  organisation_id: string
  world: string
  contribution_type: string
  unit: string
  month: string
  fraction: number
  units: number
  quantity_hundredths: number
  count: number
}

/** The cells of some alliances (all of them when `ids` is null), computed from the contributions. */
function cellsQuery(ids: readonly string[] | null) {
  const filter = ids === null ? sql`` : sql`where c.alliance_id in (${sql.join(ids.map((id) => sql`${id}`))})`
  return sql<CellRow>`
    select c.alliance_id, c.organisation_id, o.world, c.contribution_type, c.unit,
      substr(c.contributed_on, 1, 7) as month,
      case when s.value_cents is not null then -1 when c.unit = 'eur' then 0 else c.quantity_hundredths % 100 end as fraction,
      sum(case when s.value_cents is not null then s.value_cents when c.unit = 'eur' then c.quantity_hundredths else c.quantity_hundredths / 100 end) as units,
      sum(c.quantity_hundredths) as quantity_hundredths,
      count(*) as count
    from alliance_contributions c
    join organisations o on o.id = c.organisation_id
    left join valuation_statements s on s.contribution_id = c.id
    ${filter}
    group by c.alliance_id, c.organisation_id, o.world, c.contribution_type, c.unit, substr(c.contributed_on, 1, 7),
      case when s.value_cents is not null then -1 when c.unit = 'eur' then 0 else c.quantity_hundredths % 100 end`
}

interface StateRow {
  alliance_id: string
  visibility: string
  rate_table_id: string
  scopes: string
}

/** What each alliance's cells are added with: visibility, adopted table ('' = default), places. */
async function statesOf(db: Db, ids: readonly string[]): Promise<StateRow[]> {
  if (ids.length === 0) return []
  const [alliances, choices, places] = await Promise.all([
    db.selectFrom('alliances').select(['id', 'visibility']).where('id', 'in', [...ids]).execute(),
    db.selectFrom('valuation_choices').select(['alliance_id', 'rate_table_id']).where('alliance_id', 'in', [...ids]).execute(),
    db
      .selectFrom('alliance_territories')
      .innerJoin('territory_closure', 'territory_closure.descendant_id', 'alliance_territories.territory_id')
      .select(['alliance_territories.alliance_id', 'territory_closure.ancestor_id'])
      .distinct()
      .where('alliance_territories.alliance_id', 'in', [...ids])
      .execute(),
  ])
  const choice = new Map(choices.map((c) => [c.alliance_id, c.rate_table_id]))
  const scopes = new Map<string, Set<string>>()
  for (const p of places) scopes.set(p.alliance_id, (scopes.get(p.alliance_id) ?? new Set()).add(p.ancestor_id))
  return alliances.map((a) => ({ alliance_id: a.id, visibility: a.visibility, rate_table_id: choice.get(a.id) ?? '', scopes: [EVERYWHERE, ...[...(scopes.get(a.id) ?? [])].sort()].join(' ') }))
}

const num = (v: unknown) => Number(v)
const scopeKey = (scope: string, table: string, c: Omit<CellRow, 'alliance_id' | 'organisation_id' | 'units' | 'quantity_hundredths' | 'count'>) => [scope, table, c.world, c.contribution_type, c.unit, c.month, c.fraction].join('\u0001')

/** Adds `sign` × the cells of public alliances to their places' cells. */
function addDeltas(deltas: Map<string, { key: string[]; units: number; quantity: number; count: number }>, state: StateRow | undefined, cells: CellRow[], sign: 1 | -1): void {
  if (state?.visibility !== 'public') return
  for (const scope of state.scopes.split(' ')) {
    for (const c of cells) {
      const key = scopeKey(scope, state.rate_table_id, c)
      const d = deltas.get(key) ?? { key: [scope, state.rate_table_id, c.world, c.contribution_type, c.unit, c.month, String(c.fraction)], units: 0, quantity: 0, count: 0 }
      d.units += sign * num(c.units)
      d.quantity += sign * num(c.quantity_hundredths)
      d.count += sign * num(c.count)
      deltas.set(key, d)
    }
  }
}

/** Recomputes the summaries of the listed alliances (claimed first, so two processes never count one twice). */
async function refreshSome(db: Kysely<Database>, ids: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const claimed = (await trx.deleteFrom('valuation_dirty').where('alliance_id', 'in', ids).returning('alliance_id').execute()).map((r) => r.alliance_id)
    if (claimed.length === 0) return
    const [oldStates, oldCells, newStates, newCells] = await Promise.all([
      trx.selectFrom('valuation_alliance_state').selectAll().where('alliance_id', 'in', claimed).execute(),
      trx.selectFrom('valuation_alliance_cells').selectAll().where('alliance_id', 'in', claimed).execute(),
      statesOf(trx, claimed),
      cellsQuery(claimed).execute(trx).then((r) => r.rows),
    ])
    const deltas = new Map<string, { key: string[]; units: number; quantity: number; count: number }>()
    for (const id of claimed) {
      addDeltas(deltas, oldStates.find((s) => s.alliance_id === id), oldCells.filter((c) => c.alliance_id === id), -1)
      addDeltas(deltas, newStates.find((s) => s.alliance_id === id), newCells.filter((c) => c.alliance_id === id), 1)
    }
    await trx.deleteFrom('valuation_alliance_cells').where('alliance_id', 'in', claimed).execute()
    await trx.deleteFrom('valuation_alliance_state').where('alliance_id', 'in', claimed).execute()
    const now = nowIso()
    for (let i = 0; i < newCells.length; i += 300) {
      await trx.insertInto('valuation_alliance_cells').values(newCells.slice(i, i + 300).map((c) => ({ ...c, fraction: num(c.fraction), units: num(c.units), quantity_hundredths: num(c.quantity_hundredths), count: num(c.count) }))).execute()
    }
    if (newStates.length > 0) await trx.insertInto('valuation_alliance_state').values(newStates.map((s) => ({ ...s, refreshed_at: now }))).execute()
    const changes = [...deltas.values()].filter((d) => d.units !== 0 || d.quantity !== 0 || d.count !== 0)
    for (let i = 0; i < changes.length; i += 300) {
      await trx
        .insertInto('valuation_scope_cells')
        .values(
          changes.slice(i, i + 300).map((d) => {
            const [scope_id, rate_table_id, world, contribution_type, unit, month, fraction] = d.key as [string, string, string, string, string, string, string]
            return { scope_id, rate_table_id, world, contribution_type, unit, month, fraction: Number(fraction), units: d.units, quantity_hundredths: d.quantity, count: d.count }
          }),
        )
        .onConflict((oc) =>
          oc.columns(['scope_id', 'rate_table_id', 'world', 'contribution_type', 'unit', 'month', 'fraction']).doUpdateSet((eb) => ({
            units: eb('valuation_scope_cells.units', '+', eb.ref('excluded.units')),
            quantity_hundredths: eb('valuation_scope_cells.quantity_hundredths', '+', eb.ref('excluded.quantity_hundredths')),
            count: eb('valuation_scope_cells.count', '+', eb.ref('excluded.count')),
          })),
        )
        .execute()
    }
    if (changes.length > 0) {
      const scopes = [...new Set(changes.map((d) => d.key[0] as string))]
      await trx.deleteFrom('valuation_scope_cells').where('scope_id', 'in', scopes).where('count', '<=', 0).execute()
    }
  })
}

/**
 * Rebuilds every summary from the contributions (a bulk load, a new geography): a handful of statements over
 * the whole table, inside one transaction.
 */
export async function rebuildSummaries(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('valuation_dirty').execute()
    await trx.deleteFrom('valuation_scope_cells').execute()
    await trx.deleteFrom('valuation_alliance_cells').execute()
    await trx.deleteFrom('valuation_alliance_state').execute()
    await sql`insert into valuation_alliance_cells (alliance_id, organisation_id, world, contribution_type, unit, month, fraction, units, quantity_hundredths, count) ${cellsQuery(null)}`.execute(trx)
    const now = nowIso()
    // Places: `france` for every alliance, and every territory containing its perimeter.
    const places = sql`
      select a.id as alliance_id, ${EVERYWHERE} as scope_id from alliances a
      union
      select at.alliance_id, tc.ancestor_id from alliance_territories at join territory_closure tc on tc.descendant_id = at.territory_id`
    await sql`
      insert into valuation_scope_cells (scope_id, rate_table_id, world, contribution_type, unit, month, fraction, units, quantity_hundredths, count)
      select p.scope_id, coalesce(ch.rate_table_id, ''), c.world, c.contribution_type, c.unit, c.month, c.fraction, sum(c.units), sum(c.quantity_hundredths), sum(c.count)
      from valuation_alliance_cells c
      join alliances a on a.id = c.alliance_id and a.visibility = 'public'
      join (${places}) p on p.alliance_id = c.alliance_id
      left join valuation_choices ch on ch.alliance_id = c.alliance_id
      group by p.scope_id, coalesce(ch.rate_table_id, ''), c.world, c.contribution_type, c.unit, c.month, c.fraction`.execute(trx)
    // The state of every alliance, written in pages so that the scopes list is built the same way as above.
    const ids = (await trx.selectFrom('alliances').select('id').execute()).map((r) => r.id)
    for (let i = 0; i < ids.length; i += 500) {
      const states = await statesOf(trx, ids.slice(i, i + 500))
      if (states.length > 0) await trx.insertInto('valuation_alliance_state').values(states.map((s) => ({ ...s, refreshed_at: now }))).execute()
    }
    const geography = await trx.selectFrom('app_meta').select('value').where('key', '=', 'geography_version').executeTakeFirst()
    await trx
      .insertInto('app_meta')
      .values({ key: GEOGRAPHY_KEY, value: geography?.value ?? '', updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: geography?.value ?? '', updated_at: now }))
      .execute()
  })
}

/**
 * Brings the summaries up to date before they are read: a new official geography (places may move) rebuilds
 * everything; listed alliances are recomputed. Idempotent and safe to run from several processes at once.
 */
export async function refreshSummaries(db: Kysely<Database>): Promise<void> {
  const [meta, dirty] = await Promise.all([
    db.selectFrom('app_meta').select(['key', 'value']).where('key', 'in', [GEOGRAPHY_KEY, 'geography_version']).execute(),
    db.selectFrom('valuation_dirty').select('alliance_id').limit(REBUILD_THRESHOLD + 1).execute(),
  ])
  const built = meta.find((m) => m.key === GEOGRAPHY_KEY)?.value
  const geography = meta.find((m) => m.key === 'geography_version')?.value ?? ''
  if (built !== geography || dirty.length > REBUILD_THRESHOLD) {
    await rebuildSummaries(db)
    return
  }
  for (let i = 0; i < dirty.length; i += 200) await refreshSome(db, dirty.slice(i, i + 200).map((d) => d.alliance_id))
}
