/**
 * A territory's mobilisation dashboard: what its organisations pledged and realised (valued in euros with the
 * valuation rates of the day each pledge was made, and in each kind's unit), by world, size band, commune-size band
 * and département, and the share of its companies that pledged. Pledges carry copies of their organisation's world,
 * size and seat levels (`pledges.service.ts`), so each breakdown is one grouped scan of an index on the territory's
 * level; withdrawn pledges are left out.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import { insideTerritory, type Territory } from '../../territories/index.js'

type Db = Kysely<Database>

/** The column of the pledges' copied levels that places a pledge inside a territory of this kind. */
const LEVEL_COLUMN = { commune: 'commune_id', epci: 'epci_id', ept: 'ept_id', departement: 'departement_id', region: 'region_id' } as const

export interface Breakdown {
  code: string
  pledges: number
  organisations: number
  pledgedCents: number
  realisedCents: number
}

export interface KindTotals {
  kind: string
  unit: string
  pledged: number
  fulfilled: number
}

export interface Dashboard {
  pledges: number
  organisations: number
  pledgedCents: number
  realisedCents: number
  /** pledges of kinds without a rate (not valued) */
  unvalued: number
  byWorld: Breakdown[]
  bySize: Breakdown[]
  byCommuneBand: Breakdown[]
  byDepartement: Breakdown[]
  byKind: KindTotals[]
  companies: { total: number; engaged: number }
}

/** The dashboard of a territory, or of France when `territory` is null. */
export async function territoryDashboard(db: Db, territory: Territory | null): Promise<Dashboard> {
  const base = () => {
    let q = db.selectFrom('mobilisation_pledges').where('status', '=', 'active')
    if (territory) q = q.where(LEVEL_COLUMN[territory.kind], '=', territory.id)
    return q
  }
  const grouped = (column: 'world' | 'size_band' | 'commune_band' | 'departement_id') =>
    base()
      .select((eb) => [
        eb.ref(column).as('code'),
        eb.fn.countAll<number>().as('pledges'),
        eb.fn.count<number>('organisation_id').distinct().as('organisations'),
        eb.fn.coalesce(eb.fn.sum<number>('value_cents'), eb.lit(0)).as('pledged'),
        eb.fn.coalesce(eb.fn.sum<number>('realised_cents'), eb.lit(0)).as('realised'),
      ])
      .groupBy(column)
      .execute()
  const companiesInside = (q: ReturnType<typeof companies>) => (territory ? q.where('seat_commune_id', 'in', insideTerritory(db, territory.id)) : q)
  const companies = () => db.selectFrom('organisations').where('world', '=', 'entreprise')
  const [worlds, sizes, bands, departements, kinds, totals, companyTotal, engaged] = await Promise.all([
    grouped('world'),
    grouped('size_band'),
    grouped('commune_band'),
    grouped('departement_id'),
    base()
      .select((eb) => ['help_kind', 'unit', eb.fn.sum<number>('quantity_hundredths').as('pledged'), eb.fn.sum<number>('fulfilled_hundredths').as('fulfilled')])
      .groupBy(['help_kind', 'unit'])
      .execute(),
    base()
      .select((eb) => [
        eb.fn.countAll<number>().as('pledges'),
        eb.fn.count<number>('organisation_id').distinct().as('organisations'),
        eb.fn.coalesce(eb.fn.sum<number>('value_cents'), eb.lit(0)).as('pledged'),
        eb.fn.coalesce(eb.fn.sum<number>('realised_cents'), eb.lit(0)).as('realised'),
        eb.fn.sum<number>(sql<number>`case when value_cents is null then 1 else 0 end`).as('unvalued'),
      ])
      .executeTakeFirstOrThrow(),
    companiesInside(companies()).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base().select((eb) => eb.fn.count<number>('organisation_id').distinct().as('n')).where('world', '=', 'entreprise').executeTakeFirstOrThrow(),
  ])
  const breakdown = (rows: Awaited<ReturnType<typeof grouped>>): Breakdown[] =>
    rows
      .map((r) => ({ code: (r.code as string | null) ?? '', pledges: Number(r.pledges), organisations: Number(r.organisations), pledgedCents: Number(r.pledged), realisedCents: Number(r.realised) }))
      .sort((a, b) => b.pledgedCents - a.pledgedCents || b.pledges - a.pledges || a.code.localeCompare(b.code))
  return {
    pledges: Number(totals.pledges),
    organisations: Number(totals.organisations),
    pledgedCents: Number(totals.pledged),
    realisedCents: Number(totals.realised),
    unvalued: Number(totals.unvalued ?? 0),
    byWorld: breakdown(worlds),
    bySize: breakdown(sizes),
    byCommuneBand: breakdown(bands),
    byDepartement: breakdown(departements),
    byKind: kinds.map((k) => ({ kind: k.help_kind, unit: k.unit, pledged: Number(k.pledged), fulfilled: Number(k.fulfilled) })),
    companies: { total: Number(companyTotal.n), engaged: Number(engaged.n) },
  }
}
