/**
 * Explainable matching of needs and resources (see docs/matching.md).
 *
 * The score of a pair is a sum of named components, each shown to people in words: contribution-type fit
 * (required: a pair without a type in common is never proposed), territorial proximity (the resource's reach
 * must cover the need's territory; then the closest level shared by the need's territory and the resource
 * organisation's seat), domain and SDG overlap, complementarity of worlds, capacity fit, freshness.
 *
 * Two paths compute the same score:
 * - `scorePair` (TypeScript) is the reference: it explains each component and is what the pages show;
 * - `matchResourcesForNeed` / `matchNeedsForResource` rank candidates in SQL, read through indexes only
 *   (resources by status, contribution type and reach, where the reaches that cover a territory come from the
 *   closure table; needs by territory inside the reach). `fullScanResourcesForNeed` scores every resource
 *   (for the benchmark and the tests, which check both paths agree).
 * Ties are broken by the proposed item's last update (newest first), then by id. An organisation never sees
 * its own items proposed; a pair whose contact request was declined is not proposed again.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../database.js'
import { domainBit, domainsOf, NATIONAL, sdgsOf, typesOf } from './listening.codes.js'
import { coveringTerritories, coveringTerritoryIds, type Levels } from './listening.places.js'
import { profilesOfTypes, type MatchProfile } from './matching.profiles.js'

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

export interface Component {
  /** i18n key suffix: `listening.reason.<code>` */
  code: string
  points: number
  params: Record<string, string | number>
}

export interface PairScore {
  total: number
  components: Component[]
}

export type Direction = 'resources' | 'needs'

/** ISO cut-offs of the freshness bands, from `now`. */
export function freshnessCutoffs(now: Date): string[] {
  return WEIGHTS.freshness.map((band) => new Date(now.getTime() - band.days * 86400_000).toISOString())
}

function demandTotal(type: string, d: Demand | undefined): number | null {
  if (!d) return null
  if (type === 'mecenat_financier') return d.amount_min_cents ?? d.amount_max_cents
  if (type === 'mecenat_competences') return d.hours === null ? null : d.hours * (d.people ?? 1)
  if (type === 'benevolat') return d.hours === null ? null : d.hours * (d.people ?? 1)
  return null
}

function offerTotal(type: string, r: Pick<ResourceSide, 'amount_max_cents' | 'hours' | 'people'>): number | null {
  if (type === 'mecenat_financier') return r.amount_max_cents
  if (type === 'mecenat_competences' || type === 'benevolat') return r.hours === null ? null : r.hours * (r.people ?? 1)
  return null
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
 * The reference score of a pair, or null when the pair is excluded: no contribution type in common, a reach
 * that does not cover the need's territory (`covering` = the ids of the territories containing it), or a
 * resource no longer available at `now`. `direction` says which side is proposed (its freshness counts).
 */
export function scorePair(need: NeedSide, resource: ResourceSide, covering: ReadonlySet<string>, now: Date, direction: Direction = 'resources'): PairScore | null {
  const type = resource.contribution_type
  if (!need.demands.has(type)) return null
  if (resource.reach_territory_id !== NATIONAL && !covering.has(resource.reach_territory_id)) return null
  if (resource.available_until !== null && resource.available_until < now.toISOString().slice(0, 10)) return null
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
  const cutoffs = freshnessCutoffs(now)
  const bandIndex = cutoffs.findIndex((cutoff) => updated >= cutoff)
  components.push(
    bandIndex >= 0
      ? { code: `freshness.${WEIGHTS.freshness[bandIndex]?.days}`, points: WEIGHTS.freshness[bandIndex]?.points ?? 0, params: {} }
      : { code: 'freshness.older', points: WEIGHTS.freshnessOlder, params: {} },
  )
  return { total: components.reduce((s, c) => s + c.points, 0), components }
}

// --- SQL ---------------------------------------------------------------------------------------------------

const lit = (n: number) => sql.lit(n)

function caseCapacity(demandSql: RawBuilder<unknown> | null, offerSql: RawBuilder<unknown> | null): RawBuilder<number> {
  if (demandSql === null || offerSql === null) return sql<number>`${lit(WEIGHTS.capacity.unknown)}`
  return sql<number>`(case when ${demandSql} is null or ${offerSql} is null then ${lit(WEIGHTS.capacity.unknown)} when ${offerSql} >= ${demandSql} then ${lit(WEIGHTS.capacity.full)} when ${offerSql} * 2 >= ${demandSql} then ${lit(WEIGHTS.capacity.partial)} else ${lit(WEIGHTS.capacity.short)} end)`
}

function caseFreshness(column: RawBuilder<unknown>, now: Date): RawBuilder<number> {
  const cutoffs = freshnessCutoffs(now)
  const whens = WEIGHTS.freshness.map((band, i) => sql`when ${column} >= ${cutoffs[i]} then ${lit(band.points)}`)
  return sql<number>`(case ${sql.join(whens, sql` `)} else ${lit(WEIGHTS.freshnessOlder)} end)`
}

function caseSdg(maskColumn: RawBuilder<unknown>, sdgs: number[]): RawBuilder<number> {
  if (sdgs.length === 0) return sql<number>`0`
  const count = sql.join(
    sdgs.map((n) => sql`(case when (${maskColumn} & ${lit(1 << (n - 1))}) <> 0 then 1 else 0 end)`),
    sql` + `,
  )
  return sql<number>`(case when (${count}) >= ${lit(WEIGHTS.sdgMaxCount)} then ${lit(WEIGHTS.sdgMaxCount * WEIGHTS.sdgEach)} else (${count}) * ${lit(WEIGHTS.sdgEach)} end)`
}

/**
 * Proximity between fixed levels (`fixed`) and level columns with the prefix `prefix` (`r.seat_`, `n.terr_`);
 * `fallback` gives the points when no level is shared (national reach or a reach elsewhere).
 */
function caseProximity(fixed: Levels, prefix: string, fallback: RawBuilder<unknown>): RawBuilder<number> {
  const col = (level: string) => sql.raw(`${prefix}${level}_id`)
  const whens: RawBuilder<unknown>[] = []
  if (fixed.commune !== null) whens.push(sql`when ${col('commune')} = ${fixed.commune} then ${lit(WEIGHTS.proximity.commune)}`)
  const epci: RawBuilder<unknown>[] = []
  if (fixed.ept !== null) epci.push(sql`${col('ept')} = ${fixed.ept}`)
  if (fixed.epci !== null) epci.push(sql`${col('epci')} = ${fixed.epci}`)
  if (epci.length > 0) whens.push(sql`when ${sql.join(epci, sql` or `)} then ${lit(WEIGHTS.proximity.epci)}`)
  if (fixed.departement !== null) whens.push(sql`when ${col('departement')} = ${fixed.departement} then ${lit(WEIGHTS.proximity.departement)}`)
  if (fixed.region !== null) whens.push(sql`when ${col('region')} = ${fixed.region} then ${lit(WEIGHTS.proximity.region)}`)
  if (whens.length === 0) return sql<number>`${fallback}`
  return sql<number>`(case ${sql.join(whens, sql` `)} else ${fallback} end)`
}

/** The score of resource rows (alias `r`) for one need, as SQL (same sum as `scorePair`). */
function resourceScoreSql(need: NeedSide, now: Date): RawBuilder<number> {
  const capacityWhens = [...need.demands.entries()].map(([type, d]) => {
    const demand = demandTotal(type, d)
    const offer = type === 'mecenat_financier' ? sql`r.amount_max_cents` : type === 'mecenat_competences' || type === 'benevolat' ? sql`(r.hours * coalesce(r.people, 1))` : null
    return sql`when ${type} then ${caseCapacity(demand === null ? null : sql`${lit(demand)}`, offer)}`
  })
  return sql<number>`(${lit(WEIGHTS.type)}
    + ${caseProximity(need.levels, 'r.seat_', sql`(case when r.reach_territory_id = ${NATIONAL} then ${lit(WEIGHTS.proximity.national)} else ${lit(WEIGHTS.proximity.reach)} end)`)}
    + (case when (r.domain_mask & ${lit(domainBit(need.domain))}) <> 0 then ${lit(WEIGHTS.domain)} else 0 end)
    + ${caseSdg(sql`r.sdg_mask`, sdgsOf(need.sdg_mask))}
    + (case when r.world <> ${need.world} then ${lit(WEIGHTS.world)} else 0 end)
    + (case r.contribution_type ${sql.join(capacityWhens, sql` `)} else ${lit(WEIGHTS.capacity.unknown)} end)
    + ${caseFreshness(sql`r.updated_at`, now)})`
}

export interface RankedId {
  id: string
  score: number
}

export interface MatchOptions {
  limit: number
  offset?: number
  now: Date
}

/** Resources whose contact request with this need was declined (usually none: read once, not per row). */
async function declinedResources(db: Kysely<Database>, needId: string): Promise<string[]> {
  const rows = await db.selectFrom('contact_requests').select('resource_id').where('need_id', '=', needId).where('status', '=', 'refusee').execute()
  return rows.map((r) => r.resource_id)
}

function notDeclined(ids: string[]): RawBuilder<unknown> {
  return ids.length === 0 ? sql`1 = 1` : sql`r.id not in (${sql.join(ids)})`
}

// --- resources for a need: the pruned ranking -------------------------------------------------------------
//
// A branch-and-bound over groups of candidates (docs/matching.md, "How it is computed"). A group is one match
// profile (type, world, domains, SDGs: their points are known exactly for the need), one kind of reach
// (national or a territory covering the need), and one seat slice (the need's commune, the rest of its
// département, the rest of its région, elsewhere: the most proximity points its seats can earn). Its bound
// adds the best capacity and freshness points. Groups are read from `resources_match_idx`, whose key is
// (status, profile, reach, seat région, département, commune, date): a group is a few index ranges. The rows
// read are scored exactly in SQL; a group whose bound is below the current k-th best score is never read.

/** The need's territory as the pruned ranking sees it. */
interface NeedPlace {
  /** the reaches that cover the need: the territories containing it, and national */
  reaches: string[]
  /** for the need's EPCI and EPT: the département and région each lies in (null when spanning several) */
  groupings: Array<{ departement: string | null; region: string | null }>
}

async function needPlace(db: Kysely<Database>, need: NeedSide): Promise<NeedPlace> {
  const covering = await coveringTerritories(db, need.territory_id)
  const groupings = covering
    .filter((t) => t.id === need.levels.epci || t.id === need.levels.ept)
    .map((t) => ({ departement: t.departement_code === null ? null : `departement:${t.departement_code}`, region: t.region_code === null ? null : `region:${t.region_code}` }))
  return { reaches: [...covering.map((t) => t.id), NATIONAL], groupings }
}

/** A part of France where the seats of a group lie, from the closest to the need; the parts do not overlap. */
interface SeatSlice {
  /** the condition on the seat columns (those of the index key, then the exclusion of the closer slice) */
  where: RawBuilder<unknown>
  /** the most proximity points a seat of this slice can earn (before the reach fallback) */
  points: number
}

/**
 * The seat slices of a need: its commune, the rest of its département, the rest of its région, elsewhere —
 * those its levels allow (a région-level need has the last two). The points of a slice are those of the
 * closest level of the need that a seat in it can share: an EPCI or EPT crossing a border is shared beyond
 * its département or région.
 */
function seatSlices(need: NeedSide, place: NeedPlace): SeatSlice[] {
  const { commune, departement, region } = need.levels
  const areas: Array<{ area: 'commune' | 'departement' | 'region' | 'france'; inside: RawBuilder<unknown>; outside: RawBuilder<unknown> }> = []
  if (commune !== null && departement !== null && region !== null) {
    areas.push({ area: 'commune', inside: sql`r.seat_region_id = ${region} and r.seat_departement_id = ${departement} and r.seat_commune_id = ${commune}`, outside: sql`(r.seat_commune_id is null or r.seat_commune_id <> ${commune})` })
  }
  if (departement !== null && region !== null) {
    areas.push({ area: 'departement', inside: sql`r.seat_region_id = ${region} and r.seat_departement_id = ${departement}`, outside: sql`(r.seat_departement_id is null or r.seat_departement_id <> ${departement})` })
  }
  if (region !== null) areas.push({ area: 'region', inside: sql`r.seat_region_id = ${region}`, outside: sql`(r.seat_region_id is null or r.seat_region_id <> ${region})` })
  areas.push({ area: 'france', inside: sql`1 = 1`, outside: sql`1 = 0` })
  const p = WEIGHTS.proximity
  return areas.map(({ area, inside }, i) => {
    const closer = areas[i - 1]
    // Which levels of the need a seat in this slice may share (a closer slice takes the seats it contains).
    const innermost = closer === undefined
    const grouping = place.groupings.some((g) =>
      area === 'commune' || area === 'departement' || innermost ? true : area === 'region' ? g.departement === null : g.region === null,
    )
    const shared = [
      innermost && commune !== null ? p.commune : 0,
      grouping ? p.epci : 0,
      departement !== null && (innermost || area === 'commune' || area === 'departement') ? p.departement : 0,
      region !== null && (innermost || area !== 'france') ? p.region : 0,
    ]
    return { where: closer ? sql`${inside} and ${closer.outside}` : inside, points: Math.max(...shared) }
  })
}

/** The best capacity points a resource of this type can earn for this need. */
function bestCapacity(need: NeedSide, type: string): number {
  const figures = offerTotal(type, { amount_max_cents: 1, hours: 1, people: 1 }) !== null
  return figures && demandTotal(type, need.demands.get(type)) !== null ? Math.max(...Object.values(WEIGHTS.capacity)) : WEIGHTS.capacity.unknown
}

const FRESHEST = WEIGHTS.freshness[0].points

/** The exact type, domain and SDG points of a profile for this need, plus the best world, capacity and freshness. */
function profileBound(need: NeedSide, profile: MatchProfile): number {
  const domain = (profile.domain_mask & domainBit(need.domain)) !== 0 ? WEIGHTS.domain : 0
  const sdg = Math.min(sdgsOf(need.sdg_mask & profile.sdg_mask).length, WEIGHTS.sdgMaxCount) * WEIGHTS.sdgEach
  return WEIGHTS.type + domain + sdg + WEIGHTS.world + bestCapacity(need, profile.contribution_type) + FRESHEST
}

/**
 * The oldest update that still earns at least `points` of freshness (null: any date does). Reading a group
 * from this date on is enough when the rows below it cannot reach the threshold.
 */
function freshnessFloor(now: Date, points: number): string | null {
  const cutoffs = freshnessCutoffs(now)
  let floor: string | null = null
  WEIGHTS.freshness.forEach((band, i) => {
    if (band.points >= points) floor = cutoffs[i] ?? null
  })
  return points <= WEIGHTS.freshnessOlder ? null : floor
}

interface Group {
  profile: number
  slice: number
  reaches: string[]
  bound: number
  /** the freshness points down to which the group has been read (undefined: not yet) */
  readDownTo?: number
}

/** The groups of candidates of a need, from the best bound. */
function candidateGroups(need: NeedSide, place: NeedPlace, profiles: MatchProfile[]): Group[] {
  const slices = seatSlices(need, place)
  const territorial = place.reaches.filter((r) => r !== NATIONAL)
  const groups: Group[] = []
  for (const profile of profiles) {
    const base = profileBound(need, profile)
    slices.forEach((slice, i) => {
      // A resource sharing no level with the need earns the reach fallback: national or "intervient ici".
      const national = Math.max(slice.points, WEIGHTS.proximity.national)
      const local = Math.max(slice.points, WEIGHTS.proximity.reach)
      if (national === local) groups.push({ profile: profile.id, slice: i, reaches: place.reaches, bound: base + local })
      else {
        groups.push({ profile: profile.id, slice: i, reaches: [NATIONAL], bound: base + national })
        if (territorial.length > 0) groups.push({ profile: profile.id, slice: i, reaches: territorial, bound: base + local })
      }
    })
  }
  return groups.sort((a, b) => b.bound - a.bound)
}

interface Found {
  id: string
  score: number
  updated_at: string
}

const byRank = (a: Found, b: Found) => b.score - a.score || (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The first threshold is this many points below the best bound; while fewer than k are found, it goes down by as much. */
const THRESHOLD_STEP = 3

/**
 * The best resources for a need, read group by group (see above): candidates are the available resources of a
 * sought contribution type whose reach is one of the territories containing the need's (closure table) or
 * national, never the need's organisation's own, never a declined pair. Equal to ranking every candidate
 * (`fullScanResourcesForNeed`), including the order of ties.
 */
export async function matchResourcesForNeed(db: Kysely<Database>, need: NeedSide, options: MatchOptions): Promise<RankedId[]> {
  const k = (options.offset ?? 0) + options.limit
  const types = [...need.demands.keys()]
  if (types.length === 0 || k <= 0) return []
  const [place, declined, profiles] = await Promise.all([needPlace(db, need), declinedResources(db, need.id), profilesOfTypes(db, types)])
  const slices = seatSlices(need, place)
  const groups = candidateGroups(need, place, profiles)
  const score = resourceScoreSql(need, options.now)
  const today = options.now.toISOString().slice(0, 10)
  const exclusions = sql`r.organisation_id <> ${need.organisation_id} and (r.available_until is null or r.available_until >= ${today}) and ${notDeclined(declined)}`
  // The freshness a row of a group needs to reach the threshold; the groups to read (again) for a threshold.
  const needed = (g: Group, threshold: number) => Math.max(WEIGHTS.freshnessOlder, threshold - (g.bound - FRESHEST))
  const due = (threshold: number) => groups.filter((g) => g.bound >= threshold && (g.readDownTo === undefined || needed(g, threshold) < g.readDownTo))

  /** Reads the groups in one statement (one branch per slice, reaches and date floor) and keeps the top k. */
  const read = async (batch: Group[], threshold: number) => {
    const branches = new Map<string, { slice: number; reaches: string[]; floor: string | null; profiles: number[] }>()
    for (const g of batch) {
      g.readDownTo = needed(g, threshold)
      const floor = freshnessFloor(options.now, g.readDownTo)
      const key = `${g.slice}|${g.reaches.join(',')}|${floor}`
      const branch = branches.get(key) ?? { slice: g.slice, reaches: g.reaches, floor, profiles: [] }
      branch.profiles.push(g.profile)
      branches.set(key, branch)
    }
    const selects = [...branches.values()].map(
      (b) => sql`select ${sql.raw(SCORED_COLUMNS)} from resources r
        where r.status = 'disponible' and r.match_profile in (${sql.join(b.profiles)}) and r.reach_territory_id in (${sql.join(b.reaches)})
          and ${slices[b.slice]!.where} and ${b.floor === null ? sql`1 = 1` : sql`r.updated_at >= ${b.floor}`} and ${exclusions}`,
    )
    const { rows } = await sql<Found>`select r.id, r.updated_at, ${score} as score from (${sql.join(selects, sql` union all `)}) r
      order by score desc, r.updated_at desc, r.id asc limit ${lit(k)}`.execute(db)
    return rows.map((r) => ({ id: r.id, score: Number(r.score), updated_at: r.updated_at }))
  }

  let top: Found[] = []
  let threshold = (groups[0]?.bound ?? 0) - THRESHOLD_STEP
  for (;;) {
    const batch = due(threshold)
    if (batch.length > 0) {
      const seen = new Map(top.map((f) => [f.id, f]))
      for (const f of await read(batch, threshold)) seen.set(f.id, f)
      top = [...seen.values()].sort(byRank).slice(0, k)
    }
    if (top.length >= k) {
      // k candidates reach the k-th score: only groups that may reach it matter, down to that score.
      threshold = top[k - 1]!.score
      if (due(threshold).length === 0) break
    } else {
      if (groups.every((g) => g.readDownTo === WEIGHTS.freshnessOlder)) break
      threshold -= THRESHOLD_STEP
    }
  }
  return top.slice(options.offset ?? 0).map((f) => ({ id: f.id, score: f.score }))
}


/**
 * The same ranking by scoring every resource row (no index narrows the rows: coverage, type and status are
 * part of the scored expression). For the benchmark and the tests only.
 */
export async function fullScanResourcesForNeed(db: Kysely<Database>, need: NeedSide, options: MatchOptions): Promise<RankedId[]> {
  const types = [...need.demands.keys()]
  if (types.length === 0) return []
  const [covering, declined] = await Promise.all([coveringTerritoryIds(db, need.territory_id), declinedResources(db, need.id)])
  covering.push(NATIONAL)
  const today = options.now.toISOString().slice(0, 10)
  const score = resourceScoreSql(need, options.now)
  const { rows } = await sql<{ id: string; score: number }>`
    select id, score from (
      select r.id, r.updated_at,
        case when r.status = 'disponible'
          and r.contribution_type in (${sql.join(types)})
          and r.reach_territory_id in (${sql.join(covering)})
          and r.organisation_id <> ${need.organisation_id}
          and (r.available_until is null or r.available_until >= ${today})
          and ${notDeclined(declined)}
        then ${score} end as score
      from resources r
    ) scored
    where score is not null
    order by score desc, updated_at desc, id asc
    limit ${lit(options.limit)} offset ${lit(options.offset ?? 0)}`.execute(db)
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }))
}

/**
 * The best needs for a resource: open needs seeking its contribution type whose territory lies inside the
 * resource's reach (closure table), or anywhere for a national reach.
 */
export async function matchNeedsForResource(db: Kysely<Database>, resource: ResourceSide, options: MatchOptions): Promise<RankedId[]> {
  if (resource.available_until !== null && resource.available_until < options.now.toISOString().slice(0, 10)) return []
  const type = resource.contribution_type
  const offer = offerTotal(type, resource)
  const demandSql =
    type === 'mecenat_financier' ? sql`coalesce(nc.amount_min_cents, nc.amount_max_cents)` : type === 'mecenat_competences' || type === 'benevolat' ? sql`(nc.hours * coalesce(nc.people, 1))` : null
  const domains = domainsOf(resource.domain_mask)
  const score = sql<number>`(${lit(WEIGHTS.type)}
    + ${caseProximity(resource.seat, 'n.terr_', sql`${lit(resource.reach_territory_id === NATIONAL ? WEIGHTS.proximity.national : WEIGHTS.proximity.reach)}`)}
    + ${domains.length > 0 ? sql`(case when n.domain in (${sql.join(domains)}) then ${lit(WEIGHTS.domain)} else 0 end)` : sql`0`}
    + ${caseSdg(sql`n.sdg_mask`, sdgsOf(resource.sdg_mask))}
    + (case when n.world <> ${resource.world} then ${lit(WEIGHTS.world)} else 0 end)
    + ${caseCapacity(demandSql, offer === null ? null : sql`${lit(offer)}`)}
    + ${caseFreshness(sql`n.updated_at`, options.now)})`
  const inside =
    resource.reach_territory_id === NATIONAL ? sql`1 = 1` : sql`n.territory_id in (select descendant_id from territory_closure where ancestor_id = ${resource.reach_territory_id})`
  const { rows } = await sql<{ id: string; score: number }>`
    select n.id, ${score} as score
    from needs n
    inner join need_contributions nc on nc.need_id = n.id and nc.contribution_type = ${type}
    where n.status in ('ouvert', 'en_discussion')
      and ${inside}
      and n.organisation_id <> ${resource.organisation_id}
      and not exists (select 1 from contact_requests cr where cr.need_id = n.id and cr.resource_id = ${resource.id} and cr.status = 'refusee')
    order by score desc, n.updated_at desc, n.id asc
    limit ${lit(options.limit)} offset ${lit(options.offset ?? 0)}`.execute(db)
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }))
}

// --- loading sides ----------------------------------------------------------------------------------------

const RESOURCE_SIDE_COLUMNS = [
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

/** The columns the pruned ranking reads from each group (those of a resource side, all in `resources_match_idx`); the union of groups is scored once, outside. */
const SCORED_COLUMNS = RESOURCE_SIDE_COLUMNS.map((c) => `r.${c}`).join(', ')

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

export async function loadResourceSides(db: Kysely<Database>, ids: string[]): Promise<Map<string, ResourceSide>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('resources').select(RESOURCE_SIDE_COLUMNS).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, resourceSideOf(r)]))
}

export async function loadNeedSides(db: Kysely<Database>, ids: string[]): Promise<Map<string, NeedSide>> {
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

export interface Explained {
  needId: string
  resourceId: string
  score: PairScore
}

/** Resources proposed for a need, with each score explained (the reference scorer re-scores the ranked ids). */
export async function explainResourcesForNeed(db: Kysely<Database>, need: NeedSide, options: MatchOptions): Promise<Explained[]> {
  const ranked = await matchResourcesForNeed(db, need, options)
  const sides = await loadResourceSides(db, ranked.map((r) => r.id))
  const covering = new Set(await coveringTerritoryIds(db, need.territory_id))
  const out: Explained[] = []
  for (const r of ranked) {
    const side = sides.get(r.id)
    const score = side ? scorePair(need, side, covering, options.now, 'resources') : null
    if (side && score) out.push({ needId: need.id, resourceId: r.id, score })
  }
  return out
}

/** Needs proposed for a resource, with each score explained. */
export async function explainNeedsForResource(db: Kysely<Database>, resource: ResourceSide, options: MatchOptions): Promise<Explained[]> {
  const ranked = await matchNeedsForResource(db, resource, options)
  const needs = await loadNeedSides(db, ranked.map((r) => r.id))
  const out: Explained[] = []
  for (const r of ranked) {
    const need = needs.get(r.id)
    if (!need) continue
    const covering = new Set(await coveringTerritoryIds(db, need.territory_id))
    const score = scorePair(need, resource, covering, options.now, 'needs')
    if (score) out.push({ needId: need.id, resourceId: resource.id, score })
  }
  return out
}

export { typesOf }
