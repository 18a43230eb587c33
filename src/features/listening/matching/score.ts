/**
 * The reference score of a need–resource pair (see docs/matching.md): a sum of named components, each shown
 * to people in words — contribution-type fit (required: a pair without a type in common is never proposed),
 * territorial proximity (the resource's reach must cover the need's territory; then the closest level shared
 * by the need's territory and the resource organisation's seat), domain and SDG overlap, complementarity of
 * worlds, capacity fit, freshness.
 *
 * Pure: no database. The SQL rankings (`sql.ts`, `pruned.ts`, `rank.ts`) compute the same sum from the same
 * weights and the same capacity measures; the tests prove both equal on random data.
 */
import { parisToday } from '../../../core/time/calendar.js'
import { domainBit, NATIONAL, sdgsOf } from '../listening.codes.js'
import type { Levels } from '../listening.places.js'

/** Points of each component (documented in docs/matching.md; change both together). */
export const WEIGHTS = {
  type: 30,
  proximity: { commune: 25, epci: 20, departement: 14, region: 8, reach: 4, national: 2 },
  domain: 15,
  sdgEach: 3,
  sdgMaxCount: 3,
  world: 8,
  capacity: { full: 6, partial: 3, unknown: 2, short: 0 },
  freshness: [
    { days: 30, points: 5 },
    { days: 90, points: 4 },
    { days: 180, points: 3 },
    { days: 365, points: 2 },
  ],
  freshnessOlder: 1,
} as const

/** The most freshness points (a proposed item updated in the last month). */
export const FRESHEST = WEIGHTS.freshness[0].points

/** What a need seeks of one contribution type (amounts in cents, hours per person). */
export interface Demand {
  amount_min_cents: number | null
  amount_max_cents: number | null
  hours: number | null
  people: number | null
}

export interface NeedSide {
  id: string
  organisation_id: string
  world: string
  domain: string
  sdg_mask: number
  territory_id: string
  levels: Levels
  updated_at: string
  /** contribution type → what is sought */
  demands: Map<string, Demand>
}

export interface ResourceSide {
  id: string
  organisation_id: string
  world: string
  contribution_type: string
  domain_mask: number
  sdg_mask: number
  reach_territory_id: string
  seat: Levels
  amount_max_cents: number | null
  hours: number | null
  people: number | null
  available_until: string | null
  updated_at: string
}

/** One reason of a score: `code` names its message (`listening.reason.<code>`), `params` fill it. */
export interface Component {
  code: ReasonCode
  points: number
  params: Record<string, string | number>
}

/** The codes of the reasons (each has a message `listening.reason.<code>`). */
export type ReasonCode =
  | 'type'
  | `proximity.${keyof typeof WEIGHTS.proximity}`
  | 'domain'
  | 'sdg'
  | 'world'
  | `capacity.${keyof typeof WEIGHTS.capacity}`
  | `freshness.${(typeof WEIGHTS.freshness)[number]['days']}`
  | 'freshness.older'

/** Every reason code, in the order a score lists them (for the API's closed list). */
export const REASON_CODES: readonly ReasonCode[] = [
  'type',
  ...(Object.keys(WEIGHTS.proximity) as Array<keyof typeof WEIGHTS.proximity>).map((level) => `proximity.${level}` as const),
  'domain',
  'sdg',
  'world',
  ...(Object.keys(WEIGHTS.capacity) as Array<keyof typeof WEIGHTS.capacity>).map((band) => `capacity.${band}` as const),
  ...WEIGHTS.freshness.map((band) => `freshness.${band.days}` as const),
  'freshness.older',
]

export interface PairScore {
  total: number
  components: Component[]
}

/** Which side is proposed: its freshness counts. */
export type Direction = 'resources' | 'needs'

/**
 * How the capacity of a contribution type is measured: money (cents: the need's minimum, else its maximum,
 * against the resource's maximum), time (hours × people, one person when not given), or not at all (goods,
 * places, expertise…: capacity is "to be agreed together").
 */
export type CapacityMeasure = 'money' | 'time' | null

export function capacityMeasure(type: string): CapacityMeasure {
  if (type === 'mecenat_financier') return 'money'
  if (type === 'mecenat_competences' || type === 'benevolat') return 'time'
  return null
}

/** ISO cut-offs of the freshness bands, from `now`. */
export function freshnessCutoffs(now: Date): string[] {
  return WEIGHTS.freshness.map((band) => new Date(now.getTime() - band.days * 86400_000).toISOString())
}

/** The quantity a need seeks of `type` in the type's measure (null: no figure, or no measure). */
export function demandTotal(type: string, d: Demand | undefined): number | null {
  if (!d) return null
  switch (capacityMeasure(type)) {
    case 'money':
      return d.amount_min_cents ?? d.amount_max_cents
    case 'time':
      return d.hours === null ? null : d.hours * (d.people ?? 1)
    default:
      return null
  }
}

/** The quantity a resource offers in its type's measure (null: no figure, or no measure). */
export function offerTotal(type: string, r: Pick<ResourceSide, 'amount_max_cents' | 'hours' | 'people'>): number | null {
  switch (capacityMeasure(type)) {
    case 'money':
      return r.amount_max_cents
    case 'time':
      return r.hours === null ? null : r.hours * (r.people ?? 1)
    default:
      return null
  }
}

/** Which capacity band a numeric demand and offer fall in (types without figures are "unknown"). */
export function capacityBand(demand: number | null, offer: number | null): keyof typeof WEIGHTS.capacity {
  if (demand === null || offer === null) return 'unknown'
  if (offer >= demand) return 'full'
  if (offer * 2 >= demand) return 'partial'
  return 'short'
}

function proximityLevel(need: Levels, seat: Levels, reach: string): keyof typeof WEIGHTS.proximity {
  if (need.commune !== null && need.commune === seat.commune) return 'commune'
  if ((need.ept !== null && need.ept === seat.ept) || (need.epci !== null && need.epci === seat.epci)) return 'epci'
  if (need.departement !== null && need.departement === seat.departement) return 'departement'
  if (need.region !== null && need.region === seat.region) return 'region'
  return reach === NATIONAL ? 'national' : 'reach'
}

/**
 * True when the resource can no longer be proposed at `now`: its availability ended before today — a day of
 * the French calendar (Europe/Paris), so a resource available "until 30 November" is proposed all that day.
 */
export function isPastAvailability(availableUntil: string | null, now: Date): boolean {
  return availableUntil !== null && availableUntil < parisToday(now)
}

/**
 * The reference score of a pair, or null when the pair is excluded: no contribution type in common, a reach
 * that does not cover the need's territory (`covering` = the ids of the territories containing it), or a
 * resource no longer available at `now`. `direction` says which side is proposed (its freshness counts).
 */
export function scorePair(need: NeedSide, resource: ResourceSide, covering: ReadonlySet<string>, now: Date, direction: Direction = 'resources'): PairScore | null {
  const type = resource.contribution_type
  if (!need.demands.has(type)) return null
  if (resource.reach_territory_id !== NATIONAL && !covering.has(resource.reach_territory_id)) return null
  if (isPastAvailability(resource.available_until, now)) return null
  const components: Component[] = [{ code: 'type', points: WEIGHTS.type, params: { type } }]
  const level = proximityLevel(need.levels, resource.seat, resource.reach_territory_id)
  components.push({ code: `proximity.${level}`, points: WEIGHTS.proximity[level], params: {} })
  if ((resource.domain_mask & domainBit(need.domain)) !== 0) components.push({ code: 'domain', points: WEIGHTS.domain, params: { domain: need.domain } })
  const common = sdgsOf(need.sdg_mask & resource.sdg_mask)
  if (common.length > 0) {
    components.push({ code: 'sdg', points: Math.min(common.length, WEIGHTS.sdgMaxCount) * WEIGHTS.sdgEach, params: { sdgs: common.join(', '), count: common.length } })
  }
  if (need.world !== resource.world) components.push({ code: 'world', points: WEIGHTS.world, params: { need: need.world, resource: resource.world } })
  const band = capacityBand(demandTotal(type, need.demands.get(type)), offerTotal(type, resource))
  components.push({ code: `capacity.${band}`, points: WEIGHTS.capacity[band], params: { type } })
  const updated = direction === 'resources' ? resource.updated_at : need.updated_at
  const bandIndex = freshnessCutoffs(now).findIndex((cutoff) => updated >= cutoff)
  const fresh = WEIGHTS.freshness[bandIndex]
  components.push(fresh ? { code: `freshness.${fresh.days}`, points: fresh.points, params: {} } : { code: 'freshness.older', points: WEIGHTS.freshnessOlder, params: {} })
  return { total: components.reduce((s, c) => s + c.points, 0), components }
}
