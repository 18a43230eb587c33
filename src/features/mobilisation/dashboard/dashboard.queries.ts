/**
 * A territory's mobilisation dashboard: what its organisations pledged and realised (valued in euros with the
 * valuation rates of the day each pledge was made, and in each kind's unit), by world, size band, commune-size band
 * and département, and the share of its companies that pledged. Pledges carry copies of their organisation's world,
 * size and seat levels (`pledges.service.ts`), so the whole dashboard is one grouped scan of an index on the territory's
 * level, added up in memory (a few rows per organisation); withdrawn pledges are left out.
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
  // One scan of the territory's active pledges, grouped finely enough (organisation, its facets, kind and unit)
  // that every breakdown, its distinct organisations and the totals add up here: a handful of rows per organisation.
  let pledges = db.selectFrom('mobilisation_pledges').where('status', '=', 'active')
  if (territory) pledges = pledges.where(LEVEL_COLUMN[territory.kind], '=', territory.id)
  const companies = db.selectFrom('organisations').where('world', '=', 'entreprise')
  const [rows, companyTotal] = await Promise.all([
    pledges
      .select((eb) => [
        'organisation_id',
        'world',
        'size_band',
        'commune_band',
        'departement_id',
        'help_kind',
        'unit',
        eb.fn.countAll<number>().as('pledges'),
        eb.fn.sum<number>('value_cents').as('pledged'),
        eb.fn.sum<number>('realised_cents').as('realised'),
        eb.fn.sum<number>('quantity_hundredths').as('quantity'),
        eb.fn.sum<number>('fulfilled_hundredths').as('fulfilled'),
        eb.fn.sum<number>(sql<number>`case when value_cents is null then 1 else 0 end`).as('unvalued'),
      ])
      .groupBy(['organisation_id', 'world', 'size_band', 'commune_band', 'departement_id', 'help_kind', 'unit'])
      .execute(),
    (territory ? companies.where('seat_commune_id', 'in', insideTerritory(db, territory.id)) : companies).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const facets = { world: new Map<string, Tally>(), size_band: new Map<string, Tally>(), commune_band: new Map<string, Tally>(), departement_id: new Map<string, Tally>() }
  const kinds = new Map<string, KindTotals>()
  const all = tally()
  const engaged = new Set<string>()
  let unvalued = 0
  for (const r of rows) {
    const add = (t: Tally) => {
      t.pledges += Number(r.pledges)
      t.organisations.add(r.organisation_id)
      t.pledged += Number(r.pledged ?? 0)
      t.realised += Number(r.realised ?? 0)
    }
    add(all)
    for (const [column, map] of Object.entries(facets) as Array<[keyof typeof facets, Map<string, Tally>]>) {
      const code = (r[column] as string | null) ?? ''
      const t = map.get(code) ?? tally()
      map.set(code, t)
      add(t)
    }
    const key = `${r.help_kind}\u0000${r.unit}`
    const k = kinds.get(key) ?? { kind: r.help_kind, unit: r.unit, pledged: 0, fulfilled: 0 }
    kinds.set(key, k)
    k.pledged += Number(r.quantity ?? 0)
    k.fulfilled += Number(r.fulfilled ?? 0)
    unvalued += Number(r.unvalued ?? 0)
    if (r.world === 'entreprise') engaged.add(r.organisation_id)
  }
  const breakdown = (map: Map<string, Tally>): Breakdown[] =>
    [...map]
      .map(([code, t]) => ({ code, pledges: t.pledges, organisations: t.organisations.size, pledgedCents: t.pledged, realisedCents: t.realised }))
      .sort((a, b) => b.pledgedCents - a.pledgedCents || b.pledges - a.pledges || a.code.localeCompare(b.code))
  return {
    pledges: all.pledges,
    organisations: all.organisations.size,
    pledgedCents: all.pledged,
    realisedCents: all.realised,
    unvalued,
    byWorld: breakdown(facets.world),
    bySize: breakdown(facets.size_band),
    byCommuneBand: breakdown(facets.commune_band),
    byDepartement: breakdown(facets.departement_id),
    byKind: [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.unit.localeCompare(b.unit)),
    companies: { total: Number(companyTotal.n), engaged: engaged.size },
  }
}

interface Tally {
  pledges: number
  organisations: Set<string>
  pledged: number
  realised: number
}

function tally(): Tally {
  return { pledges: 0, organisations: new Set(), pledged: 0, realised: 0 }
}
