/**
 * Calls to engage (appels à mobilisation): a local authority, a network or the animator of a catalysis space asks
 * the organisations of a territory — chosen by world, size band and territory — to commit on the territory's
 * priority needs, with a goal per kind of help over a period. Drafted, then published, closed early if need be.
 */
import type { Kysely, Transaction } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { isCalendarDate, parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { codesOf } from '../../vocabulary/index.js'
import { readQuantity } from '../amounts.js'
import { HELP, HELP_KINDS, type HelpKind } from '../help.js'
import { authorizeActingFor } from '../mobilisation.policy.js'
import { resolveTerritoryField } from '../places.js'
import { authorizeCallManage, authorizeCallView } from './calls.policy.js'
import { unsafeFindCall, type Call } from './calls.queries.js'

type Db = Kysely<Database>

/** Worlds that publish calls on their own: local authorities, the State, networks, territorial foundations. */
export const PUBLISHER_WORLDS: readonly string[] = ['collectivite', 'etat', 'accompagnement', 'syndicat', 'fondation']

export interface CallInput {
  organisationId: string
  spaceId?: string | null
  title: string
  summary: string
  /** a `kind:code` id, a name or a code */
  territory: string
  startsOn: string
  endsOn: string
  /** quantity typed per kind of help (euros, hours, items, days); empty: no goal of that kind */
  goals: Partial<Record<HelpKind, string>>
  needIds: string[]
  worlds: string[]
  sizes: string[]
  /** where the targeted organisations are (one territory per line); empty: the call's territory */
  audienceTerritories?: string
}

interface CallValues {
  territoryId: string
  goals: Array<{ kind: HelpKind; target: number }>
  needIds: string[]
  worlds: string[]
  sizes: string[]
  audienceTerritoryIds: string[]
}

/** Loads a call through the policy (404 for a draft of another organisation). */
export async function loadCall(db: Db, actor: Actor, id: string): Promise<Call> {
  const call = await unsafeFindCall(db, id)
  if (!call) throw notFound()
  return authorizeCallView(actor, call)
}

/** Every problem of a call's content at once (fields named as in the form and the API). */
async function validateCall(db: Db, input: Omit<CallInput, 'organisationId' | 'spaceId'>, options: { creating: boolean }): Promise<CallValues> {
  const problems: FieldProblem[] = []
  if (input.title.trim().length < 3) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 3 } })
  if (input.summary.trim().length < 10) problems.push({ field: 'summary', message: 'form.error.minLength', params: { min: 10 } })
  const [territoryId] = await resolveTerritoryField(db, problems, 'territory', input.territory, { single: true })
  const startsOk = isCalendarDate(input.startsOn)
  const endsOk = isCalendarDate(input.endsOn)
  if (!startsOk) problems.push({ field: 'starts_on', message: 'form.error.date' })
  if (!endsOk) problems.push({ field: 'ends_on', message: 'form.error.date' })
  else if (startsOk && input.endsOn < input.startsOn) problems.push({ field: 'ends_on', message: 'mobilisation.error.endsBeforeStarts' })
  else if (options.creating && input.endsOn < parisToday()) problems.push({ field: 'ends_on', message: 'mobilisation.error.endsPast' })
  const goals: CallValues['goals'] = []
  for (const kind of HELP_KINDS) {
    const target = readQuantity(problems, `goal_${kind}`, input.goals[kind], HELP[kind].unit, { optional: true })
    if (target !== null) goals.push({ kind, target })
  }
  if (goals.length === 0 && !problems.some((p) => p.field.startsWith('goal_'))) problems.push({ field: 'goal_euros', message: 'mobilisation.error.noGoal' })
  const worlds = [...new Set(input.worlds)]
  if (worlds.some((w) => !codesOf('world').includes(w))) problems.push({ field: 'worlds', message: 'form.error.choice' })
  const sizes = [...new Set(input.sizes)]
  if (sizes.some((s) => !codesOf('organisation_size').includes(s))) problems.push({ field: 'sizes', message: 'form.error.choice' })
  const audienceTerritoryIds = await resolveTerritoryField(db, problems, 'audience_territories', input.audienceTerritories, { optional: true })
  const needIds = [...new Set(input.needIds)]
  if (needIds.length > 50) problems.push({ field: 'need_ids', message: 'form.error.maxItems', params: { max: 50 } })
  else if (needIds.length > 0 && territoryId) {
    const found = await db
      .selectFrom('needs')
      .innerJoin('territory_closure', 'territory_closure.descendant_id', 'needs.territory_id')
      .select('needs.id')
      .where('needs.id', 'in', needIds)
      .where('territory_closure.ancestor_id', '=', territoryId)
      .where('needs.status', 'in', ['ouvert', 'en_discussion'])
      .execute()
    if (found.length !== needIds.length) problems.push({ field: 'need_ids', message: 'mobilisation.error.needs' })
  }
  if (problems.length > 0) throw validationError(problems)
  return { territoryId: territoryId as string, goals, needIds, worlds, sizes, audienceTerritoryIds }
}

/** 400 unless the organisation may publish calls: by its world, or as the animator of the space it publishes from. */
async function publisherProblems(db: Db, organisationId: string, spaceId: string | null | undefined): Promise<FieldProblem[]> {
  if (spaceId) {
    const space = await db.selectFrom('catalysis_spaces').select(['id', 'organisation_id']).where('id', '=', spaceId).executeTakeFirst()
    if (!space) return [{ field: 'space_id', message: 'mobilisation.error.space' }]
    if (space.organisation_id === organisationId) return []
    const coanimator = await db.selectFrom('catalysis_space_coanimators').select('organisation_id').where('space_id', '=', spaceId).where('organisation_id', '=', organisationId).where('status', '=', 'active').executeTakeFirst()
    return coanimator ? [] : [{ field: 'space_id', message: 'mobilisation.error.space' }]
  }
  const organisation = await db.selectFrom('organisations').select('world').where('id', '=', organisationId).executeTakeFirst()
  return organisation && PUBLISHER_WORLDS.includes(organisation.world) ? [] : [{ field: 'organisation_id', message: 'mobilisation.error.publisherWorld' }]
}

async function writeContent(trx: Transaction<Database>, callId: string, values: CallValues): Promise<void> {
  await trx.deleteFrom('mobilisation_call_goals').where('call_id', '=', callId).execute()
  await trx.deleteFrom('mobilisation_call_needs').where('call_id', '=', callId).execute()
  await trx.deleteFrom('mobilisation_call_audience').where('call_id', '=', callId).execute()
  await trx.insertInto('mobilisation_call_goals').values(values.goals.map((g) => ({ call_id: callId, help_kind: g.kind, target_hundredths: g.target }))).execute()
  if (values.needIds.length > 0) await trx.insertInto('mobilisation_call_needs').values(values.needIds.map((need_id) => ({ call_id: callId, need_id }))).execute()
  const audience = [
    ...values.worlds.map((code) => ({ call_id: callId, facet: 'world' as const, code })),
    ...values.sizes.map((code) => ({ call_id: callId, facet: 'size' as const, code })),
    ...(values.audienceTerritoryIds.length > 0 ? values.audienceTerritoryIds : [values.territoryId]).map((code) => ({ call_id: callId, facet: 'territory' as const, code })),
  ]
  await trx.insertInto('mobilisation_call_audience').values(audience).execute()
}

/**
 * Drafts a call for an organisation the actor administers (404 when not a member, 403 when not an admin). Every
 * problem of the content is reported at once (400), together with the publisher rule: a local authority, the State,
 * a network or a foundation publishes on its own; anyone else from a catalysis space it animates. Returns its id.
 */
export async function createCall(db: Db, actor: Actor, input: CallInput): Promise<string> {
  authorizeActingFor(actor, input.organisationId)
  const user = requireUser(actor)
  const publisher = await publisherProblems(db, input.organisationId, input.spaceId)
  let values: CallValues
  try {
    values = await validateCall(db, input, { creating: true })
  } catch (error) {
    if (error instanceof AppError) throw validationError([...publisher, ...error.fields])
    throw error
  }
  if (publisher.length > 0) throw validationError(publisher)
  const id = newId()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mobilisation_calls')
      .values({ id, organisation_id: input.organisationId, space_id: input.spaceId ?? null, title: input.title.trim(), summary: input.summary.trim(), territory_id: values.territoryId, starts_on: input.startsOn, ends_on: input.endsOn, status: 'draft', published_at: null, closed_at: null, is_demo: 0, created_by: user.userId, created_at: now, updated_at: now })
      .execute()
    await writeContent(trx, id, values)
  })
  return id
}

/** Changes a call's content (its publisher's admins), also once published: goals and needs may evolve. */
export async function updateCall(db: Db, actor: Actor, id: string, input: Omit<CallInput, 'organisationId' | 'spaceId'>): Promise<void> {
  const call = authorizeCallManage(actor, await loadCall(db, actor, id))
  if (call.status === 'closed') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.callClosed')
  const values = await validateCall(db, input, { creating: false })
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('mobilisation_calls').set({ title: input.title.trim(), summary: input.summary.trim(), territory_id: values.territoryId, starts_on: input.startsOn, ends_on: input.endsOn, updated_at: nowIso() }).where('id', '=', id).execute()
    await writeContent(trx, id, values)
  })
}

/** Publishes a draft (publisher's admins); 409 when it is no longer a draft or its last day has passed. */
export async function publishCall(db: Db, actor: Actor, id: string): Promise<void> {
  const call = authorizeCallManage(actor, await loadCall(db, actor, id))
  if (call.status !== 'draft') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.alreadyPublished')
  if (call.ends_on < parisToday()) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.endsPast')
  const now = nowIso()
  const done = await db.updateTable('mobilisation_calls').set({ status: 'published', published_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.alreadyPublished')
}

/** Closes a published call before its last day (publisher's admins); pledges already made stay and are followed. */
export async function closeCall(db: Db, actor: Actor, id: string): Promise<void> {
  const call = authorizeCallManage(actor, await loadCall(db, actor, id))
  if (call.status !== 'published') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.callNotOpen')
  const now = nowIso()
  await db.updateTable('mobilisation_calls').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'published').execute()
}
