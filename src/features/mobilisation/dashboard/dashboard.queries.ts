/**
 * A territory's mobilisation dashboard: what its organisations pledged and realised (valued in euros with the
 * valuation rates of the day each pledge was made, and in each kind's unit), by world, size band, commune-size band
 * and département, and the share of its companies that pledged. Pledges carry copies of their organisation's world,
 * size and seat levels (`pledges.service.ts`), so each pledge counts in every level of its seat and in the country.
 * The dashboard reads the territory's running totals (`mobilisation_territory_totals`, kept by triggers in the
 * transaction of every write of a pledge: a few dozen rows per territory); withdrawn pledges are left out.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import { insideTerritory, type Territory } from '../../territories/index.js'
import type { MobilisationTerritoryTotalsTable } from '../mobilisation.table.js'

type Db = Kysely<Database>

/** The totals' territory of the whole country. */
const NATIONAL = 'national'

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
  const companies = db.selectFrom('organisations').where('world', '=', 'entreprise')
  const [rows, companyTotal] = await Promise.all([
    db
      .selectFrom('mobilisation_territory_totals')
      .select(['facet', 'code', 'unit', 'pledges', 'organisations', 'pledged_cents', 'realised_cents', 'quantity_hundredths', 'fulfilled_hundredths', 'unvalued'])
      .where('territory_id', '=', territory?.id ?? NATIONAL)
      .where('pledges', '>', 0)
      .execute(),
    (territory ? companies.where('seat_commune_id', 'in', insideTerritory(db, territory.id)) : companies).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const facets: Record<Exclude<MobilisationTerritoryTotalsTable['facet'], 'all' | 'kind'>, Breakdown[]> = { world: [], size: [], commune_band: [], departement: [] }
  const kinds: KindTotals[] = []
  let all: Breakdown = { code: '', pledges: 0, organisations: 0, pledgedCents: 0, realisedCents: 0 }
  let unvalued = 0
  let engaged = 0
  for (const r of rows) {
    if (r.facet === 'kind') {
      kinds.push({ kind: r.code, unit: r.unit, pledged: Number(r.quantity_hundredths), fulfilled: Number(r.fulfilled_hundredths) })
      continue
    }
    const b: Breakdown = { code: r.code, pledges: Number(r.pledges), organisations: Number(r.organisations), pledgedCents: Number(r.pledged_cents), realisedCents: Number(r.realised_cents) }
    if (r.facet === 'all') {
      all = b
      unvalued = Number(r.unvalued)
    } else facets[r.facet].push(b)
    if (r.facet === 'world' && r.code === 'entreprise') engaged = b.organisations
  }
  const order = (list: Breakdown[]): Breakdown[] => list.sort((a, b) => b.pledgedCents - a.pledgedCents || b.pledges - a.pledges || a.code.localeCompare(b.code))
  return {
    pledges: all.pledges,
    organisations: all.organisations,
    pledgedCents: all.pledgedCents,
    realisedCents: all.realisedCents,
    unvalued,
    byWorld: order(facets.world),
    bySize: order(facets.size),
    byCommuneBand: order(facets.commune_band),
    byDepartement: order(facets.departement),
    byKind: kinds.sort((a, b) => a.kind.localeCompare(b.kind) || a.unit.localeCompare(b.unit)),
    companies: { total: Number(companyTotal.n), engaged },
  }
}
