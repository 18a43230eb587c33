/**
 * What the rankings and the reference scorer read: the sides of needs and resources (the columns the score
 * uses), the declined pairs of a need, and the territories covering a set of territories. Each reads a
 * bounded number of queries, whatever the number of ids.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import type { NeedSide, ResourceSide } from './score.js'

type Db = Kysely<Database>

/** The columns of a resource side (all in `resources_match_idx`, so that the pruned ranking reads the index only). */
export const RESOURCE_SIDE_COLUMNS = [
  'id',
  'organisation_id',
  'world',
  'contribution_type',
  'domain_mask',
  'sdg_mask',
  'reach_territory_id',
  'seat_commune_id',
  'seat_epci_id',
  'seat_ept_id',
  'seat_departement_id',
  'seat_region_id',
  'amount_max_cents',
  'hours',
  'people',
  'available_until',
  'updated_at',
] as const

type ResourceSideRow = Pick<Database['resources'], (typeof RESOURCE_SIDE_COLUMNS)[number]>

function resourceSideOf(r: ResourceSideRow): ResourceSide {
  return {
    id: r.id,
    organisation_id: r.organisation_id,
    world: r.world,
    contribution_type: r.contribution_type,
    domain_mask: r.domain_mask,
    sdg_mask: r.sdg_mask,
    reach_territory_id: r.reach_territory_id,
    seat: { commune: r.seat_commune_id, epci: r.seat_epci_id, ept: r.seat_ept_id, departement: r.seat_departement_id, region: r.seat_region_id },
    amount_max_cents: r.amount_max_cents,
    hours: r.hours,
    people: r.people,
    available_until: r.available_until,
    updated_at: r.updated_at,
  }
}

/** The sides of resources by id (one query; unknown ids are absent from the map). */
export async function loadResourceSides(db: Db, ids: string[]): Promise<Map<string, ResourceSide>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('resources').select(RESOURCE_SIDE_COLUMNS).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, resourceSideOf(r)]))
}

/** The sides of needs by id, with what each seeks (two queries; unknown ids are absent from the map). */
export async function loadNeedSides(db: Db, ids: string[]): Promise<Map<string, NeedSide>> {
  if (ids.length === 0) return new Map()
  const [rows, contributions] = await Promise.all([
    db
      .selectFrom('needs')
      .select(['id', 'organisation_id', 'world', 'domain', 'sdg_mask', 'territory_id', 'terr_commune_id', 'terr_epci_id', 'terr_ept_id', 'terr_departement_id', 'terr_region_id', 'updated_at'])
      .where('id', 'in', ids)
      .execute(),
    db.selectFrom('need_contributions').selectAll().where('need_id', 'in', ids).execute(),
  ])
  const out = new Map<string, NeedSide>()
  for (const n of rows) {
    out.set(n.id, {
      id: n.id,
      organisation_id: n.organisation_id,
      world: n.world,
      domain: n.domain,
      sdg_mask: n.sdg_mask,
      territory_id: n.territory_id,
      levels: { commune: n.terr_commune_id, epci: n.terr_epci_id, ept: n.terr_ept_id, departement: n.terr_departement_id, region: n.terr_region_id },
      updated_at: n.updated_at,
      demands: new Map(),
    })
  }
  for (const c of contributions) {
    out.get(c.need_id)?.demands.set(c.contribution_type, { amount_min_cents: c.amount_min_cents, amount_max_cents: c.amount_max_cents, hours: c.hours, people: c.people })
  }
  return out
}

/** Resources whose contact request with this need was declined (usually none: read once, not per row). */
export async function declinedResources(db: Db, needId: string): Promise<string[]> {
  const rows = await db.selectFrom('contact_requests').select('resource_id').where('need_id', '=', needId).where('status', '=', 'refusee').execute()
  return rows.map((r) => r.resource_id)
}

/**
 * For each of `territoryIds`, the ids of the territories containing it (itself included): what a resource's
 * reach may be to cover it. One query for all of them (closure table); an unknown id maps to an empty set.
 */
export async function coveringSets(db: Db, territoryIds: string[]): Promise<Map<string, Set<string>>> {
  const wanted = [...new Set(territoryIds)]
  const out = new Map<string, Set<string>>(wanted.map((id) => [id, new Set<string>()]))
  if (wanted.length === 0) return out
  const rows = await db.selectFrom('territory_closure').select(['descendant_id', 'ancestor_id']).where('descendant_id', 'in', wanted).execute()
  for (const r of rows) out.get(r.descendant_id)?.add(r.ancestor_id)
  return out
}

/** A territory containing a need's territory, with the département and région it lies in. */
interface CoveringTerritory {
  id: string
  kind: string
  /** the code of the département it lies in, null when it spans several (an EPCI across a border) */
  departement_code: string | null
  /** the code of the région it lies in, null when it spans several */
  region_code: string | null
}

/** The territories containing `territoryId` (itself included), with the département and région each lies in. */
export async function coveringTerritories(db: Db, territoryId: string): Promise<CoveringTerritory[]> {
  return db
    .selectFrom('territory_closure')
    .innerJoin('territories', 'territories.id', 'territory_closure.ancestor_id')
    .select(['territories.id', 'territories.kind', 'territories.departement_code', 'territories.region_code'])
    .where('territory_closure.descendant_id', '=', territoryId)
    .orderBy('territories.id')
    .execute()
}
