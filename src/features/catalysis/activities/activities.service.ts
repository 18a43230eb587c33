/**
 * The activity log of a space on the 4 × 4 grid of catalysis: one of the sixteen activities, dates, a title,
 * the organisations involved, the time spent (optional) and the outputs, each linked to a real object — a
 * connection made (mise en relation), an alliance born, needs collected, a survey run, a meeting held.
 * Outputs are given as the addresses of those objects' pages (or as typed ids through the API) and must
 * exist. The space's team writes, edits and deletes activities.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { isId, newId, nowIso } from '../../../core/db/values.js'
import { notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { isCalendarDate } from '../../../core/time/calendar.js'
import { findTerm } from '../../vocabulary/index.js'
import { authorizeSpaceTeam } from '../catalysis.policy.js'
import type { OutputKind } from '../catalysis.table.js'
import { loadSpace } from '../spaces/spaces.service.js'

type Db = Kysely<Database>

export const OUTPUT_KINDS: readonly OutputKind[] = ['connection', 'alliance', 'need', 'survey', 'meeting']

/** An activity's content. */
export interface ActivityData {
  activity: string
  title: string
  description: string
  startedOn: string
  endedOn: string | null
  minutesSpent: number | null
  organisationIds: string[]
  outputs: Array<{ kind: OutputKind; targetId: string }>
}

/** The page addresses an output may be given as, and the kind of object each names. */
const OUTPUT_PATHS: Array<[RegExp, OutputKind]> = [
  [/^\/mises-en-relation\/([0-9a-f-]{36})$/, 'connection'],
  [/^\/alliances\/([0-9a-f-]{36})$/, 'alliance'],
  [/^\/besoins\/([0-9a-f-]{36})$/, 'need'],
  [/^\/(?:campagnes|repondre|etudes)\/([0-9a-f-]{36})$/, 'survey'],
  [/^\/rencontres\/([0-9a-f-]{36})$/, 'meeting'],
]

/**
 * Reads the outputs field of the form: one page address per line (a full URL or a path). Returns the outputs
 * or the problem naming the first line that is not the page of an object.
 */
export function parseOutputLinks(text: string): { outputs: ActivityData['outputs']; problem: FieldProblem | null } {
  const outputs: ActivityData['outputs'] = []
  for (const raw of text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')) {
    let path = raw
    try {
      if (/^https?:\/\//.test(raw)) path = new URL(raw).pathname
    } catch {
      return { outputs: [], problem: { field: 'outputs', message: 'catalysis.error.outputLink', params: { link: raw.slice(0, 80) } } }
    }
    path = path.replace(/\/+$/, '')
    const match = OUTPUT_PATHS.map(([re, kind]) => [re.exec(path), kind] as const).find(([m]) => m !== null)
    if (!match?.[0] || !isId(match[0][1] as string)) return { outputs: [], problem: { field: 'outputs', message: 'catalysis.error.outputLink', params: { link: raw.slice(0, 80) } } }
    outputs.push({ kind: match[1], targetId: match[0][1] as string })
  }
  return { outputs, problem: null }
}

/** The table holding each kind of output. */
const OUTPUT_TABLES = { connection: 'contact_requests', alliance: 'alliances', need: 'needs', survey: 'survey_campaigns', meeting: 'catalysis_meetings' } as const

async function missingOutput(db: Db, outputs: ActivityData['outputs']): Promise<ActivityData['outputs'][number] | undefined> {
  for (const kind of OUTPUT_KINDS) {
    const ids = [...new Set(outputs.filter((o) => o.kind === kind).map((o) => o.targetId))]
    if (ids.length === 0) continue
    const found = await db.selectFrom(OUTPUT_TABLES[kind]).select('id').where('id', 'in', ids).execute()
    const missing = ids.find((id) => !found.some((f) => f.id === id))
    if (missing) return { kind, targetId: missing }
  }
  return undefined
}

async function validateActivity(db: Db, data: ActivityData, extra: FieldProblem[]): Promise<ActivityData & { trade: string }> {
  const problems = [...extra]
  const term = findTerm('catalysis_activity', data.activity)
  if (!term?.parent) problems.push({ field: 'activity', message: 'catalysis.error.activity' })
  if (data.title.trim().length < 3) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 3 } })
  if (!isCalendarDate(data.startedOn)) problems.push({ field: 'started_on', message: 'catalysis.error.date' })
  if (data.endedOn !== null) {
    if (!isCalendarDate(data.endedOn)) problems.push({ field: 'ended_on', message: 'catalysis.error.date' })
    else if (isCalendarDate(data.startedOn) && data.endedOn < data.startedOn) problems.push({ field: 'ended_on', message: 'catalysis.error.endBeforeStart' })
  }
  if (data.minutesSpent !== null && (!Number.isInteger(data.minutesSpent) || data.minutesSpent < 0 || data.minutesSpent > 1_000_000)) {
    problems.push({ field: 'minutes_spent', message: 'catalysis.error.minutesSpent' })
  }
  const organisationIds = [...new Set(data.organisationIds)]
  if (organisationIds.length > 0) {
    const found = await db.selectFrom('organisations').select('id').where('id', 'in', organisationIds).execute()
    if (found.length !== organisationIds.length) problems.push({ field: 'organisation_ids', message: 'catalysis.error.organisationUnknown' })
  }
  if (!problems.some((p) => p.field === 'outputs')) {
    const missing = await missingOutput(db, data.outputs)
    if (missing) problems.push({ field: 'outputs', message: 'catalysis.error.outputMissing', params: { kind: missing.kind, id: missing.targetId } })
  }
  if (problems.length > 0) throw validationError(problems)
  return { ...data, title: data.title.trim(), description: data.description.trim(), organisationIds, trade: term!.parent as string }
}

async function writeLinks(trx: Db, activityId: string, data: ActivityData): Promise<void> {
  await trx.deleteFrom('catalysis_activity_organisations').where('activity_id', '=', activityId).execute()
  await trx.deleteFrom('catalysis_activity_outputs').where('activity_id', '=', activityId).execute()
  if (data.organisationIds.length > 0) await trx.insertInto('catalysis_activity_organisations').values(data.organisationIds.map((organisation_id) => ({ activity_id: activityId, organisation_id }))).execute()
  const outputs = [...new Map(data.outputs.map((o) => [`${o.kind}:${o.targetId}`, o])).values()]
  if (outputs.length > 0) await trx.insertInto('catalysis_activity_outputs').values(outputs.map((o) => ({ activity_id: activityId, kind: o.kind, target_id: o.targetId }))).execute()
}

/** Records an activity of the space (its team; others 403). Returns its id. */
export async function recordActivity(db: Db, actor: Actor, spaceId: string, data: ActivityData, problems: FieldProblem[] = []): Promise<string> {
  const access = await loadSpace(db, spaceId)
  authorizeSpaceTeam(actor, access)
  const clean = await validateActivity(db, data, problems)
  const id = newId()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('catalysis_activities')
      .values({
        id,
        space_id: spaceId,
        activity: clean.activity,
        trade: clean.trade,
        title: clean.title,
        description: clean.description,
        started_on: clean.startedOn,
        ended_on: clean.endedOn,
        year: Number(clean.startedOn.slice(0, 4)),
        minutes_spent: clean.minutesSpent,
        is_demo: 0,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await writeLinks(trx as unknown as Db, id, clean)
  })
  return id
}

async function loadActivity(db: Db, actor: Actor, spaceId: string, activityId: string) {
  const access = await loadSpace(db, spaceId)
  const activity = await db.selectFrom('catalysis_activities').selectAll().where('id', '=', activityId).where('space_id', '=', spaceId).executeTakeFirst()
  if (!activity) throw notFound()
  authorizeSpaceTeam(actor, access)
  return activity
}

/** Edits an activity (the space's team). */
export async function updateActivity(db: Db, actor: Actor, spaceId: string, activityId: string, data: ActivityData, problems: FieldProblem[] = []): Promise<void> {
  await loadActivity(db, actor, spaceId, activityId)
  const clean = await validateActivity(db, data, problems)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('catalysis_activities')
      .set({ activity: clean.activity, trade: clean.trade, title: clean.title, description: clean.description, started_on: clean.startedOn, ended_on: clean.endedOn, year: Number(clean.startedOn.slice(0, 4)), minutes_spent: clean.minutesSpent, updated_at: nowIso() })
      .where('id', '=', activityId)
      .execute()
    await writeLinks(trx as unknown as Db, activityId, clean)
  })
}

/** Deletes an activity recorded by mistake (the space's team). */
export async function deleteActivity(db: Db, actor: Actor, spaceId: string, activityId: string): Promise<void> {
  await loadActivity(db, actor, spaceId, activityId)
  await db.deleteFrom('catalysis_activities').where('id', '=', activityId).execute()
}
