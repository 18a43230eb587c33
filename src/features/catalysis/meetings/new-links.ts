/**
 * The new links a meeting (or a space's meetings) created: pairs of organisations from different worlds
 * who said they met there and had never been linked before — no earlier encounter at a meeting, no accepted
 * mise en relation, no alliance they were both partners of — with the connections and alliances that
 * followed (requests between them sent from the meeting's start on; alliances both joined from that day on).
 *
 * Every prior link is read for the organisations concerned only (three index lookups over lists of ids),
 * then each pair is judged in memory: a meeting of 200 participants costs a few queries, not one per pair.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import { parisDayOf } from '../paris-time.js'
import { participatingOrganisations } from './meetings.queries.js'

type Db = Kysely<Database>

export interface LinkNode {
  id: string
  name: string
  world: string
}

export interface NewLink {
  a: string
  b: string
  meetingId: string
  metAt: string
  /** the mise en relation that followed (latest), with its status */
  connection: { id: string; status: string } | null
  /** alliances both joined after meeting (public ones named) */
  alliances: Array<{ id: string; name: string | null }>
}

export interface NewLinksFigure {
  nodes: LinkNode[]
  /** pairs already linked before (the "before" network) */
  before: Array<[string, string]>
  /** pairs that met at the meeting(s) but were already linked, or were of the same world */
  met: Array<[string, string]>
  newLinks: NewLink[]
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`)

/** Chunks a list for `in (…)` lists (PostgreSQL and SQLite both take far more, but plans stay small). */
function chunks<T>(list: T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/** Earliest known link of each pair among `ids` before `until` (encounters, accepted connections, alliances). */
async function priorLinks(db: Db, ids: string[], until: string): Promise<Map<string, string>> {
  const first = new Map<string, string>()
  const note = (a: string, b: string, at: string) => {
    const k = key(a, b)
    const known = first.get(k)
    if (known === undefined || at < known) first.set(k, at)
  }
  if (ids.length < 2) return first
  for (const part of chunks(ids)) {
    const [encounters, requests, partners] = await Promise.all([
      db.selectFrom('catalysis_encounters').select(['organisation_a_id as a', 'organisation_b_id as b', 'met_at as at']).where('organisation_a_id', 'in', part).where('organisation_b_id', 'in', ids).where('met_at', '<', until).execute(),
      db.selectFrom('contact_requests').select(['from_organisation_id as a', 'to_organisation_id as b', 'created_at as at']).where('from_organisation_id', 'in', part).where('to_organisation_id', 'in', ids).where('status', '=', 'acceptee').where('created_at', '<', until).execute(),
      db
        .selectFrom('alliance_partners as p1')
        .innerJoin('alliance_partners as p2', (j) => j.onRef('p2.alliance_id', '=', 'p1.alliance_id').onRef('p2.organisation_id', '>', 'p1.organisation_id'))
        .select(['p1.organisation_id as a', 'p2.organisation_id as b', sql<string>`case when p1.joined_on > p2.joined_on then p1.joined_on else p2.joined_on end`.as('at')])
        .where('p1.organisation_id', 'in', part)
        .where('p2.organisation_id', 'in', ids)
        .where('p1.status', 'in', ['active', 'left'])
        .where('p2.status', 'in', ['active', 'left'])
        .where('p1.joined_on', 'is not', null)
        .where('p2.joined_on', 'is not', null)
        .execute(),
    ])
    for (const r of encounters) note(r.a, r.b, r.at)
    for (const r of requests) note(r.a, r.b, r.at)
    // an alliance joined on a day links the pair from the start of that day (Paris days, compared as text)
    for (const r of partners) if (r.at < parisDayOf(until)) note(r.a, r.b, `${r.at}T00:00:00.000Z`)
  }
  return first
}

/**
 * The figure of the meetings `meetingIds`: their participants (all organisations of a single meeting; for
 * several, those met there), the links before the earliest one, the pairs met, the new links.
 */
export async function newLinksOf(db: Db, meetingIds: string[]): Promise<NewLinksFigure> {
  if (meetingIds.length === 0) return { nodes: [], before: [], met: [], newLinks: [] }
  const encounters = await db.selectFrom('catalysis_encounters').selectAll().where('meeting_id', 'in', meetingIds).orderBy('met_at').execute()
  let nodes: LinkNode[]
  if (meetingIds.length === 1) nodes = await participatingOrganisations(db, meetingIds[0] as string)
  else {
    const ids = [...new Set(encounters.flatMap((e) => [e.organisation_a_id, e.organisation_b_id]))]
    nodes = ids.length ? await db.selectFrom('organisations').select(['id', 'name', 'world']).where('id', 'in', ids).orderBy('search_name').execute() : []
  }
  for (const e of encounters) {
    for (const id of [e.organisation_a_id, e.organisation_b_id]) {
      if (!nodes.some((n) => n.id === id)) nodes.push(...(await db.selectFrom('organisations').select(['id', 'name', 'world']).where('id', '=', id).execute()))
    }
  }
  const ids = nodes.map((n) => n.id)
  const worldOf = new Map(nodes.map((n) => [n.id, n.world]))
  const latest = encounters.reduce((max, e) => (e.met_at > max ? e.met_at : max), '')
  const earliest = encounters[0]?.met_at ?? (await db.selectFrom('catalysis_meetings').select('starts_at').where('id', '=', meetingIds[0] as string).executeTakeFirstOrThrow()).starts_at
  const prior = await priorLinks(db, ids, latest === '' ? earliest : latest)
  const before = [...prior.entries()].filter(([, at]) => at < earliest).map(([k]) => k.split('|') as [string, string])
  const met: Array<[string, string]> = []
  const fresh: typeof encounters = []
  const seen = new Set<string>()
  for (const e of encounters) {
    const k = key(e.organisation_a_id, e.organisation_b_id)
    const known = prior.get(k)
    const crossWorld = worldOf.get(e.organisation_a_id) !== worldOf.get(e.organisation_b_id)
    if (!seen.has(k) && crossWorld && (known === undefined || known >= e.met_at)) fresh.push(e)
    else met.push([e.organisation_a_id, e.organisation_b_id])
    seen.add(k)
  }
  const newLinks = await followers(db, fresh)
  return { nodes, before, met, newLinks }
}

/** The connections and alliances that followed each new pair. */
async function followers(db: Db, pairs: Array<{ meeting_id: string; organisation_a_id: string; organisation_b_id: string; met_at: string }>): Promise<NewLink[]> {
  if (pairs.length === 0) return []
  const ids = [...new Set(pairs.flatMap((p) => [p.organisation_a_id, p.organisation_b_id]))]
  const earliest = pairs.reduce((min, p) => (p.met_at < min ? p.met_at : min), pairs[0]!.met_at)
  const requests: Array<{ id: string; a: string; b: string; status: string; created_at: string }> = []
  const alliances: Array<{ alliance_id: string; a: string; b: string; at: string; name: string; visibility: string }> = []
  for (const part of chunks(ids)) {
    requests.push(
      ...(await db.selectFrom('contact_requests').select(['id', 'from_organisation_id as a', 'to_organisation_id as b', 'status', 'created_at']).where('from_organisation_id', 'in', part).where('to_organisation_id', 'in', ids).where('created_at', '>=', earliest).execute()),
    )
    alliances.push(
      ...(await db
        .selectFrom('alliance_partners as p1')
        .innerJoin('alliance_partners as p2', (j) => j.onRef('p2.alliance_id', '=', 'p1.alliance_id').onRef('p2.organisation_id', '>', 'p1.organisation_id'))
        .innerJoin('alliances', 'alliances.id', 'p1.alliance_id')
        .select(['p1.alliance_id', 'p1.organisation_id as a', 'p2.organisation_id as b', sql<string>`case when p1.joined_on > p2.joined_on then p1.joined_on else p2.joined_on end`.as('at'), 'alliances.name', 'alliances.visibility'])
        .where('p1.organisation_id', 'in', part)
        .where('p2.organisation_id', 'in', ids)
        .where('p1.status', '=', 'active')
        .where('p2.status', '=', 'active')
        .execute()),
    )
  }
  return pairs.map((p) => {
    const k = key(p.organisation_a_id, p.organisation_b_id)
    const day = parisDayOf(p.met_at)
    const connection = requests.filter((r) => key(r.a, r.b) === k && r.created_at >= p.met_at).sort((x, y) => (x.created_at < y.created_at ? 1 : -1))[0]
    return {
      a: p.organisation_a_id,
      b: p.organisation_b_id,
      meetingId: p.meeting_id,
      metAt: p.met_at,
      connection: connection ? { id: connection.id, status: connection.status } : null,
      alliances: alliances.filter((x) => key(x.a, x.b) === k && x.at !== null && x.at >= day).map((x) => ({ id: x.alliance_id, name: x.visibility === 'public' ? x.name : null })),
    }
  })
}
