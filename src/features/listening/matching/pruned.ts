/**
 * The best resources for a need, without scoring every resource: a branch-and-bound over groups of
 * candidates (docs/matching.md, "How it is computed"), equal to ranking every candidate with the reference
 * scorer (`score.ts`) — the tests prove it on random data, the order of ties included.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../../database.js'
import { domainBit, NATIONAL, sdgsOf } from '../listening.codes.js'
import { coveringTerritories, declinedResources, RESOURCE_SIDE_COLUMNS } from './loaders.js'
import { profilesOfTypes, type MatchProfile } from './profiles.js'
import { capacityMeasure, demandTotal, FRESHEST, freshnessCutoffs, WEIGHTS, type NeedSide } from './score.js'
import { availableOn, lit, notDeclined, resourceScoreSql } from './sql.js'

/** A ranked item: its id and its score (the sum of `score.ts`). */
export interface RankedId {
  id: string
  score: number
}

/** What a ranking is asked for: the best `limit` after `offset`, scored at `now`. */
export interface MatchOptions {
  limit: number
  offset?: number
  now: Date
}

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
  return capacityMeasure(type) !== null && demandTotal(type, need.demands.get(type)) !== null ? Math.max(...Object.values(WEIGHTS.capacity)) : WEIGHTS.capacity.unknown
}

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

/** The columns each group's branch reads (the union of groups is scored once, outside). */
const SCORED_COLUMNS = RESOURCE_SIDE_COLUMNS.map((c) => `r.${c}`).join(', ')

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
  const exclusions = sql`r.organisation_id <> ${need.organisation_id} and ${availableOn(options.now)} and ${notDeclined(declined)}`
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
