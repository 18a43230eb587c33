/**
 * The dashboard of a space: what happens inside its perimeter — needs by status (with the orphan needs),
 * available resources by kind of help, connections by status, public alliances by phase, survey campaigns and
 * published studies, meetings (held and to come, with their participants) and places.
 *
 * Every figure reads indexes or summaries, never every row of a région: needs and resources through their
 * territory indexes over the perimeter's closure, alliances through the alliances directory (one row per
 * alliance and territory containing it), meetings and places through their copied territory levels with
 * counters on each meeting row. Nested perimeter territories (a commune inside a listed EPT) count once.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import { listOrphanNeeds } from '../../listening/index.js'
import { parisToday } from '../../../core/time/calendar.js'
import { cachedDashboard } from '../summaries.js'
import { insidePerimeter, type Perimeter } from '../territory-scope.js'

type Db = Kysely<Database>

export interface Dashboard {
  needs: Record<string, number>
  orphanNeeds: number
  resources: Array<{ code: string; n: number }>
  connections: Record<string, number>
  alliances: Array<{ code: string; n: number }>
  campaigns: number
  studies: number
  meetings: { past: number; upcoming: number; participants: number; present: number }
  places: number
  /** when the figures were computed (ISO instant) */
  computedAt: string
}

/** The perimeter without territories already inside another of its territories. */
export async function outerPerimeter(db: Db, perimeter: Perimeter): Promise<Perimeter> {
  if (perimeter.length < 2) return perimeter
  const ids = perimeter.map((t) => t.id)
  const nested = await db.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', 'in', ids).where('descendant_id', 'in', ids).whereRef('ancestor_id', '!=', 'descendant_id').execute()
  const inner = new Set(nested.map((n) => n.descendant_id))
  return perimeter.filter((t) => !inner.has(t.id))
}

const count = (n: unknown) => Number(n ?? 0)

/** The figures of a space's dashboard over `perimeter` (see the module's note on cost). */
export async function spaceDashboard(db: Db, perimeter: Perimeter, now = new Date()): Promise<Dashboard> {
  const outer = await outerPerimeter(db, perimeter)
  const ids = outer.map((t) => t.id)
  const inside = db.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', 'in', ids.length ? ids : ['-'])
  const nowIso = now.toISOString()
  const meetingsIn = insidePerimeter(outer, 'catalysis_meetings', 'terr_commune_id')
  const [needs, resources, connections, alliances, campaigns, studies, meetings, places, orphans] = await Promise.all([
    db.selectFrom('needs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('territory_id', 'in', inside).groupBy('status').execute(),
    db.selectFrom('resources').select(['contribution_type as code', (eb) => eb.fn.countAll<number>().as('n')]).where('seat_commune_id', 'in', inside).where('status', '=', 'disponible').groupBy('contribution_type').execute(),
    db
      .selectFrom('contact_requests')
      .innerJoin('needs', 'needs.id', 'contact_requests.need_id')
      .select(['contact_requests.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('needs.territory_id', 'in', inside)
      .groupBy('contact_requests.status')
      .execute(),
    db
      .selectFrom('alliance_directory')
      .select(['phase as code', sql<number>`count(distinct alliance_id)`.as('n')])
      .where('scope_id', 'in', ids.length ? ids : ['-'])
      .where('visibility', '=', 'public')
      .groupBy('phase')
      .execute(),
    db.selectFrom('survey_campaigns').select((eb) => eb.fn.countAll<number>().as('n')).where('territory_id', 'in', inside).executeTakeFirstOrThrow(),
    db
      .selectFrom('survey_publications')
      .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_publications.campaign_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_campaigns.territory_id', 'in', inside)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('catalysis_meetings')
      .select([
        sql<number>`sum(case when starts_at < ${nowIso} then 1 else 0 end)`.as('past'),
        sql<number>`sum(case when starts_at >= ${nowIso} then 1 else 0 end)`.as('upcoming'),
        sql<number>`sum(registered_count)`.as('participants'),
        sql<number>`sum(present_count)`.as('present'),
      ])
      .where(meetingsIn)
      .where('visibility', '=', 'public')
      .executeTakeFirstOrThrow(),
    db.selectFrom('catalysis_places').select((eb) => eb.fn.countAll<number>().as('n')).where(insidePerimeter(outer, 'catalysis_places', 'commune_id')).executeTakeFirstOrThrow(),
    Promise.all(outer.map((t) => listOrphanNeeds(db, t.id, parisToday(now), 0))),
  ])
  return {
    needs: Object.fromEntries(needs.map((r) => [r.status, count(r.n)])),
    orphanNeeds: orphans.reduce((s, o) => s + o.total, 0),
    resources: resources.map((r) => ({ code: r.code, n: count(r.n) })).sort((a, b) => b.n - a.n),
    connections: Object.fromEntries(connections.map((r) => [r.status, count(r.n)])),
    alliances: alliances.map((r) => ({ code: r.code, n: count(r.n) })),
    campaigns: count(campaigns.n),
    studies: count(studies.n),
    meetings: { past: count(meetings.past), upcoming: count(meetings.upcoming), participants: count(meetings.participants), present: count(meetings.present) },
    places: count(places.n),
    computedAt: now.toISOString(),
  }
}

/** The dashboard of a perimeter, kept until a write changes what it counts (see `summaries.ts`). */
export function perimeterDashboard(db: Db, perimeter: Perimeter): Promise<Dashboard> {
  const key = perimeter.map((t) => t.id).sort().join(',')
  return cachedDashboard(db, key, () => spaceDashboard(db, perimeter))
}
