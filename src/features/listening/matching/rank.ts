/**
 * The rankings people see, and their explanations:
 * - `matchNeedsForResource`: the open needs for a resource, ranked in SQL through the indexes (needs by
 *   territory inside the reach, joined to the contribution of the resource's type);
 * - `fullScanResourcesForNeed`: the resources for a need by scoring every row (for the benchmark and the
 *   tests, which check it equals the pruned ranking of `pruned.ts`);
 * - `explainResources` / `explainNeeds`: ranked ids re-scored by the reference scorer, each score with its
 *   reasons — in a bounded number of queries whatever the number of ids.
 * Ties are broken by the proposed item's last update (newest first), then by id. An organisation never sees
 * its own items proposed; a pair whose contact request was declined is not proposed again.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import { NATIONAL, OPEN_NEED_STATUSES } from '../listening.codes.js'
import { coveringSets, declinedResources, loadNeedSides, loadResourceSides } from './loaders.js'
import { matchResourcesForNeed, type MatchOptions, type RankedId } from './pruned.js'
import { isPastAvailability, scorePair, type NeedSide, type PairScore, type ResourceSide } from './score.js'
import { availableOn, lit, needScoreSql, notDeclined, resourceScoreSql } from './sql.js'

type Db = Kysely<Database>

/**
 * The same ranking as `matchResourcesForNeed` by scoring every resource row (no index narrows the rows:
 * coverage, type and status are part of the scored expression). For the benchmark and the tests only.
 */
export async function fullScanResourcesForNeed(db: Db, need: NeedSide, options: MatchOptions): Promise<RankedId[]> {
  const types = [...need.demands.keys()]
  if (types.length === 0) return []
  const [covering, declined] = await Promise.all([coveringSets(db, [need.territory_id]), declinedResources(db, need.id)])
  const reaches = [...(covering.get(need.territory_id) ?? []), NATIONAL]
  const { rows } = await sql<{ id: string; score: number }>`
    select id, score from (
      select r.id, r.updated_at,
        case when r.status = 'disponible'
          and r.contribution_type in (${sql.join(types)})
          and r.reach_territory_id in (${sql.join(reaches)})
          and r.organisation_id <> ${need.organisation_id}
          and ${availableOn(options.now)}
          and ${notDeclined(declined)}
        then ${resourceScoreSql(need, options.now)} end as score
      from resources r
    ) scored
    where score is not null
    order by score desc, updated_at desc, id asc
    limit ${lit(options.limit)} offset ${lit(options.offset ?? 0)}`.execute(db)
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }))
}

/**
 * The best needs for a resource: open needs seeking its contribution type whose territory lies inside the
 * resource's reach (closure table), or anywhere for a national reach. None once the resource's availability
 * has ended.
 */
export async function matchNeedsForResource(db: Db, resource: ResourceSide, options: MatchOptions): Promise<RankedId[]> {
  if (isPastAvailability(resource.available_until, options.now)) return []
  const inside =
    resource.reach_territory_id === NATIONAL ? sql`1 = 1` : sql`n.territory_id in (select descendant_id from territory_closure where ancestor_id = ${resource.reach_territory_id})`
  const { rows } = await sql<{ id: string; score: number }>`
    select n.id, ${needScoreSql(resource, options.now)} as score
    from needs n
    inner join need_contributions nc on nc.need_id = n.id and nc.contribution_type = ${resource.contribution_type}
    where n.status in (${sql.join([...OPEN_NEED_STATUSES])})
      and ${inside}
      and n.organisation_id <> ${resource.organisation_id}
      and not exists (select 1 from contact_requests cr where cr.need_id = n.id and cr.resource_id = ${resource.id} and cr.status = 'refusee')
    order by score desc, n.updated_at desc, n.id asc
    limit ${lit(options.limit)} offset ${lit(options.offset ?? 0)}`.execute(db)
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }))
}

/** A proposed pair with its score explained by the reference scorer. */
export interface Explained {
  needId: string
  resourceId: string
  score: PairScore
}

/** Ranked resources for a need, re-scored with their reasons (two queries). The ranking's order is kept. */
export async function explainResources(db: Db, need: NeedSide, ranked: RankedId[], now: Date): Promise<Explained[]> {
  const [sides, covering] = await Promise.all([loadResourceSides(db, ranked.map((r) => r.id)), coveringSets(db, [need.territory_id])])
  const around = covering.get(need.territory_id) ?? new Set<string>()
  const out: Explained[] = []
  for (const r of ranked) {
    const side = sides.get(r.id)
    const score = side ? scorePair(need, side, around, now, 'resources') : null
    if (score) out.push({ needId: need.id, resourceId: r.id, score })
  }
  return out
}

/**
 * Ranked needs for a resource, re-scored with their reasons: the needs' sides and the territories covering
 * all of them are read at once (three queries, not one per need). The ranking's order is kept.
 */
export async function explainNeeds(db: Db, resource: ResourceSide, ranked: RankedId[], now: Date): Promise<Explained[]> {
  const needs = await loadNeedSides(db, ranked.map((r) => r.id))
  const covering = await coveringSets(db, [...needs.values()].map((n) => n.territory_id))
  const out: Explained[] = []
  for (const r of ranked) {
    const need = needs.get(r.id)
    const score = need ? scorePair(need, resource, covering.get(need.territory_id) ?? new Set(), now, 'needs') : null
    if (need && score) out.push({ needId: need.id, resourceId: resource.id, score })
  }
  return out
}

/** The resources proposed for a need, each score explained. */
export async function explainResourcesForNeed(db: Db, need: NeedSide, options: MatchOptions): Promise<Explained[]> {
  return explainResources(db, need, await matchResourcesForNeed(db, need, options), options.now)
}

/** The needs proposed for a resource, each score explained. */
export async function explainNeedsForResource(db: Db, resource: ResourceSide, options: MatchOptions): Promise<Explained[]> {
  return explainNeeds(db, resource, await matchNeedsForResource(db, resource, options), options.now)
}
