/**
 * Reads of a space's activity log: the grid of a year (count and time per activity, from one covering
 * index), the years that have activities, the timeline (newest first, with organisations and outputs) and
 * the labels of outputs. An output whose object is private (a mise en relation, a partners-only alliance, an
 * invitation-only meeting) is shown without its name.
 */
import { sql, type Kysely } from 'kysely'
import { pageOf, pageWindow, type PageOf } from '../../../core/db/paging.js'
import type { Database } from '../../../database.js'
import type { CatalysisActivitiesTable, OutputKind } from '../catalysis.table.js'

type Db = Kysely<Database>

export interface GridCell {
  activity: string
  count: number
  minutes: number
}

/** Count and time spent per activity of the grid, for one year of a space. */
export async function gridOfYear(db: Db, spaceId: string, year: number): Promise<GridCell[]> {
  const rows = await db
    .selectFrom('catalysis_activities')
    .select(['activity', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>(sql`coalesce(minutes_spent, 0)`).as('minutes')])
    .where('space_id', '=', spaceId)
    .where('year', '=', year)
    .groupBy('activity')
    .execute()
  return rows.map((r) => ({ activity: r.activity, count: Number(r.n), minutes: Number(r.minutes ?? 0) }))
}

/** The years of a space's activities with their count, oldest first. */
export async function activityYears(db: Db, spaceId: string): Promise<Array<{ year: number; count: number }>> {
  const rows = await db
    .selectFrom('catalysis_activities')
    .select(['year', (eb) => eb.fn.countAll<number>().as('n')])
    .where('space_id', '=', spaceId)
    .groupBy('year')
    .orderBy('year')
    .execute()
  return rows.map((r) => ({ year: Number(r.year), count: Number(r.n) }))
}

export interface OutputLabel {
  kind: OutputKind
  targetId: string
  /** null when the object is private */
  label: string | null
  href: string | null
}

export interface TimelineActivity extends CatalysisActivitiesTable {
  organisations: Array<{ id: string; name: string; world: string }>
  outputs: OutputLabel[]
}

/** Labels and links of outputs; private objects keep their kind only. */
export async function outputLabels(db: Db, outputs: Array<{ kind: OutputKind; target_id: string }>): Promise<Map<string, OutputLabel>> {
  const ids = (kind: OutputKind) => [...new Set(outputs.filter((o) => o.kind === kind).map((o) => o.target_id))]
  const none = Promise.resolve([] as Array<{ id: string; label: string; visible: number }>)
  const [alliances, needs, surveys, meetings] = await Promise.all([
    ids('alliance').length ? db.selectFrom('alliances').select(['id', 'name as label', sql<number>`case when visibility = 'public' then 1 else 0 end`.as('visible')]).where('id', 'in', ids('alliance')).execute() : none,
    ids('need').length ? db.selectFrom('needs').select(['id', 'title as label', sql<number>`1`.as('visible')]).where('id', 'in', ids('need')).execute() : none,
    ids('survey').length ? db.selectFrom('survey_campaigns').select(['id', 'title as label', sql<number>`1`.as('visible')]).where('id', 'in', ids('survey')).execute() : none,
    ids('meeting').length ? db.selectFrom('catalysis_meetings').select(['id', 'title as label', sql<number>`case when visibility = 'public' then 1 else 0 end`.as('visible')]).where('id', 'in', ids('meeting')).execute() : none,
  ])
  const hrefs: Record<OutputKind, (id: string) => string> = {
    connection: (id) => `/mises-en-relation/${id}`,
    alliance: (id) => `/alliances/${id}`,
    need: (id) => `/besoins/${id}`,
    survey: (id) => `/repondre/${id}`,
    meeting: (id) => `/rencontres/${id}`,
  }
  const found = new Map<string, { label: string; visible: number }>()
  for (const [kind, rows] of [['alliance', alliances], ['need', needs], ['survey', surveys], ['meeting', meetings]] as const) {
    for (const r of rows) found.set(`${kind}:${r.id}`, r)
  }
  const out = new Map<string, OutputLabel>()
  for (const o of outputs) {
    const key = `${o.kind}:${o.target_id}`
    const f = found.get(key)
    const visible = f !== undefined && Number(f.visible) === 1
    out.set(key, { kind: o.kind, targetId: o.target_id, label: visible ? f.label : null, href: visible ? hrefs[o.kind](o.target_id) : null })
  }
  return out
}

function activitiesOf(db: Db, spaceId: string, year: number | undefined) {
  const query = db.selectFrom('catalysis_activities').where('space_id', '=', spaceId)
  return year === undefined ? query : query.where('year', '=', year)
}

/** Activities of a space, newest first (optionally of one year), with organisations and outputs. */
export async function listActivities(db: Db, spaceId: string, options: { year?: number; limit: number }): Promise<TimelineActivity[]> {
  return withLinks(db, await activitiesOf(db, spaceId, options.year).selectAll().orderBy('started_on', 'desc').orderBy('id', 'desc').limit(options.limit).execute())
}

/** A page of a space's activities, newest first (past the last page: no rows, with the totals). */
export async function pageActivities(db: Db, spaceId: string, options: { year?: number; page: number; perPage: number }): Promise<PageOf<TimelineActivity>> {
  const window = pageWindow(options.page, options.perPage)
  const [{ n }, rows] = await Promise.all([
    activitiesOf(db, spaceId, options.year).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    activitiesOf(db, spaceId, options.year).selectAll().orderBy('started_on', 'desc').orderBy('id', 'desc').limit(window.limit).offset(window.offset).execute(),
  ])
  return pageOf(await withLinks(db, rows), Number(n), window.page, options.perPage)
}

/** One activity of a space with its links, or undefined. */
export async function findActivity(db: Db, spaceId: string, activityId: string): Promise<TimelineActivity | undefined> {
  const rows = await db.selectFrom('catalysis_activities').selectAll().where('id', '=', activityId).where('space_id', '=', spaceId).execute()
  return (await withLinks(db, rows))[0]
}

async function withLinks(db: Db, rows: CatalysisActivitiesTable[]): Promise<TimelineActivity[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [organisations, outputs] = await Promise.all([
    db
      .selectFrom('catalysis_activity_organisations')
      .innerJoin('organisations', 'organisations.id', 'catalysis_activity_organisations.organisation_id')
      .select(['catalysis_activity_organisations.activity_id', 'organisations.id', 'organisations.name', 'organisations.world'])
      .where('catalysis_activity_organisations.activity_id', 'in', ids)
      .orderBy('organisations.search_name')
      .execute(),
    db.selectFrom('catalysis_activity_outputs').selectAll().where('activity_id', 'in', ids).execute(),
  ])
  const labels = await outputLabels(db, outputs)
  return rows.map((r) => ({
    ...r,
    organisations: organisations.filter((o) => o.activity_id === r.id).map(({ id, name, world }) => ({ id, name, world })),
    outputs: outputs.filter((o) => o.activity_id === r.id).map((o) => labels.get(`${o.kind}:${o.target_id}`) as OutputLabel),
  }))
}

/** Counts of a year's outputs by kind (the yearly report's summary). */
export async function outputCountsOfYear(db: Db, spaceId: string, year: number): Promise<Record<OutputKind, number>> {
  const rows = await db
    .selectFrom('catalysis_activity_outputs')
    .innerJoin('catalysis_activities', 'catalysis_activities.id', 'catalysis_activity_outputs.activity_id')
    .select(['catalysis_activity_outputs.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('catalysis_activities.space_id', '=', spaceId)
    .where('catalysis_activities.year', '=', year)
    .groupBy('catalysis_activity_outputs.kind')
    .execute()
  const counts: Record<OutputKind, number> = { connection: 0, alliance: 0, need: 0, survey: 0, meeting: 0 }
  for (const r of rows) counts[r.kind] = Number(r.n)
  return counts
}
