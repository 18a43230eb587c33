/**
 * The score of `score.ts` written as SQL, for the rankings that run in the database: the same components,
 * weights, capacity measures and freshness bands, as `case` expressions over the columns of `resources`
 * (alias `r`) or of `needs` (alias `n`) joined to the need's contribution of the resource's type (alias
 * `nc`). The values of the fixed side are inlined as literals or bound parameters; nothing here runs a query.
 */
import { sql, type RawBuilder } from 'kysely'
import { parisToday } from '../../../core/time/calendar.js'
import { domainBit, domainsOf, NATIONAL, sdgsOf } from '../listening.codes.js'
import type { Levels } from '../listening.places.js'
import { capacityMeasure, demandTotal, freshnessCutoffs, offerTotal, WEIGHTS, type CapacityMeasure, type NeedSide, type ResourceSide } from './score.js'

export const lit = (n: number) => sql.lit(n)

/** The resource's offered quantity in a measure, as SQL over `r` (see `offerTotal`). */
function offerSql(measure: CapacityMeasure): RawBuilder<unknown> | null {
  if (measure === 'money') return sql`r.amount_max_cents`
  if (measure === 'time') return sql`(r.hours * coalesce(r.people, 1))`
  return null
}

/** The need's sought quantity in a measure, as SQL over `nc` (see `demandTotal`). */
function demandSql(measure: CapacityMeasure): RawBuilder<unknown> | null {
  if (measure === 'money') return sql`coalesce(nc.amount_min_cents, nc.amount_max_cents)`
  if (measure === 'time') return sql`(nc.hours * coalesce(nc.people, 1))`
  return null
}

function caseCapacity(demand: RawBuilder<unknown> | null, offer: RawBuilder<unknown> | null): RawBuilder<number> {
  if (demand === null || offer === null) return sql<number>`${lit(WEIGHTS.capacity.unknown)}`
  return sql<number>`(case when ${demand} is null or ${offer} is null then ${lit(WEIGHTS.capacity.unknown)} when ${offer} >= ${demand} then ${lit(WEIGHTS.capacity.full)} when ${offer} * 2 >= ${demand} then ${lit(WEIGHTS.capacity.partial)} else ${lit(WEIGHTS.capacity.short)} end)`
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

/** The score of resource rows (alias `r`) for one need (same sum as `scorePair`, direction `resources`). */
export function resourceScoreSql(need: NeedSide, now: Date): RawBuilder<number> {
  const capacityWhens = [...need.demands.entries()].map(([type, d]) => {
    const demand = demandTotal(type, d)
    return sql`when ${type} then ${caseCapacity(demand === null ? null : sql`${lit(demand)}`, offerSql(capacityMeasure(type)))}`
  })
  return sql<number>`(${lit(WEIGHTS.type)}
    + ${caseProximity(need.levels, 'r.seat_', sql`(case when r.reach_territory_id = ${NATIONAL} then ${lit(WEIGHTS.proximity.national)} else ${lit(WEIGHTS.proximity.reach)} end)`)}
    + (case when (r.domain_mask & ${lit(domainBit(need.domain))}) <> 0 then ${lit(WEIGHTS.domain)} else 0 end)
    + ${caseSdg(sql`r.sdg_mask`, sdgsOf(need.sdg_mask))}
    + (case when r.world <> ${need.world} then ${lit(WEIGHTS.world)} else 0 end)
    + (case r.contribution_type ${sql.join(capacityWhens, sql` `)} else ${lit(WEIGHTS.capacity.unknown)} end)
    + ${caseFreshness(sql`r.updated_at`, now)})`
}

/** The score of need rows (alias `n`, with `nc` its contribution of the resource's type) for one resource (direction `needs`). */
export function needScoreSql(resource: ResourceSide, now: Date): RawBuilder<number> {
  const type = resource.contribution_type
  const offer = offerTotal(type, resource)
  const domains = domainsOf(resource.domain_mask)
  return sql<number>`(${lit(WEIGHTS.type)}
    + ${caseProximity(resource.seat, 'n.terr_', sql`${lit(resource.reach_territory_id === NATIONAL ? WEIGHTS.proximity.national : WEIGHTS.proximity.reach)}`)}
    + ${domains.length > 0 ? sql`(case when n.domain in (${sql.join(domains)}) then ${lit(WEIGHTS.domain)} else 0 end)` : sql`0`}
    + ${caseSdg(sql`n.sdg_mask`, sdgsOf(resource.sdg_mask))}
    + (case when n.world <> ${resource.world} then ${lit(WEIGHTS.world)} else 0 end)
    + ${caseCapacity(demandSql(capacityMeasure(type)), offer === null ? null : sql`${lit(offer)}`)}
    + ${caseFreshness(sql`n.updated_at`, now)})`
}

/** Resources (alias `r`) still available on the French day of `now`. */
export function availableOn(now: Date): RawBuilder<unknown> {
  return sql`(r.available_until is null or r.available_until >= ${parisToday(now)})`
}

/** Resources (alias `r`) other than those whose contact request with the need was declined. */
export function notDeclined(ids: string[]): RawBuilder<unknown> {
  return ids.length === 0 ? sql`1 = 1` : sql`r.id not in (${sql.join(ids)})`
}
