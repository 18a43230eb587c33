/**
 * Use cases of territory spaces: an organisation's admins declare that it animates a perimeter (one or
 * more territories at any level; spaces may overlap), with a mission and the trades it practises; they
 * invite co-animating organisations, whose admins accept or decline; they may remove one (or a co-animating
 * organisation may leave). Each use case authorises, validates every field at once, and writes in one
 * transaction.
 */
import type { Kysely } from 'kysely'
import { isAdminOf, type Actor } from '../../../core/access/actor.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { normaliseText } from '../../../core/text/normalise.js'
import type { Database } from '../../../database.js'
import { codesOf } from '../../vocabulary/index.js'
import { notifyCoanimation } from '../catalysis.notifications.js'
import { authorizeActFor, authorizeCoanimatorAnswer, authorizeSpaceAdmin, type SpaceAccess } from '../catalysis.policy.js'
import { checkTerritories } from '../territory-scope.js'
import { findSpaceAccess, tradeMask } from './spaces.queries.js'

type Db = Kysely<Database>

/** A space's content, from the form (territories resolved) or the API. */
export interface SpaceData {
  name: string
  mission: string
  trades: string[]
  territoryIds: string[]
}

/** Loads a space for the policy; 404 when it does not exist. */
export async function loadSpace(db: Db, id: string): Promise<SpaceAccess> {
  const access = await findSpaceAccess(db, id)
  if (!access) throw notFound()
  return access
}

async function validateSpace(db: Db, data: SpaceData, extra: FieldProblem[] = []): Promise<SpaceData> {
  const problems = [...extra]
  const name = data.name.trim()
  const mission = data.mission.trim()
  if (name.length < 3) problems.push({ field: 'name', message: 'form.error.minLength', params: { min: 3 } })
  if (mission.length < 10) problems.push({ field: 'mission', message: 'form.error.minLength', params: { min: 10 } })
  const known = codesOf('catalysis_trade', true)
  if (data.trades.length === 0) problems.push({ field: 'trades', message: 'catalysis.error.tradesRequired' })
  else if (data.trades.some((t) => !known.includes(t))) problems.push({ field: 'trades', message: 'form.error.invalid' })
  if (data.territoryIds.length === 0) {
    if (!problems.some((p) => p.field === 'territories')) problems.push({ field: 'territories', message: 'catalysis.error.perimeterRequired' })
  } else {
    const { problem } = await checkTerritories(db, data.territoryIds, 'territories')
    if (problem) problems.push(problem)
  }
  if (problems.length > 0) throw validationError(problems)
  return { name, mission, trades: [...new Set(data.trades)], territoryIds: [...new Set(data.territoryIds)] }
}

/**
 * Creates a space animated by `organisationId` (its admins only; another organisation answers 404).
 * `problems` carries the form's own problems (an unresolved territory) so that every field is reported at once.
 */
export async function createSpace(db: Db, actor: Actor, organisationId: string, data: SpaceData, problems: FieldProblem[] = []): Promise<string> {
  authorizeActFor(actor, organisationId, { admin: true, field: 'organisation_id' })
  const clean = await validateSpace(db, data, problems)
  const id = newId()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('catalysis_spaces')
      .values({ id, organisation_id: organisationId, name: clean.name, search_name: normaliseText(clean.name), mission: clean.mission, trade_mask: tradeMask(clean.trades), is_demo: 0, created_by: actor.userId, created_at: now, updated_at: now })
      .execute()
    await trx.insertInto('catalysis_space_territories').values(clean.territoryIds.map((territory_id) => ({ space_id: id, territory_id }))).execute()
  })
  return id
}

/** Edits a space (the animating organisation's admins; others 403). */
export async function updateSpace(db: Db, actor: Actor, id: string, data: SpaceData, problems: FieldProblem[] = []): Promise<void> {
  const access = await loadSpace(db, id)
  authorizeSpaceAdmin(actor, access)
  const clean = await validateSpace(db, data, problems)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('catalysis_spaces')
      .set({ name: clean.name, search_name: normaliseText(clean.name), mission: clean.mission, trade_mask: tradeMask(clean.trades), updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
    await trx.deleteFrom('catalysis_space_territories').where('space_id', '=', id).execute()
    await trx.insertInto('catalysis_space_territories').values(clean.territoryIds.map((territory_id) => ({ space_id: id, territory_id }))).execute()
  })
}

/**
 * Invites an organisation to co-animate the space (the space's admins). Errors: unknown organisation 400 on
 * `organisation_id`; the animating organisation itself 400; already invited or co-animating 409.
 */
export async function inviteCoanimator(db: Db, actor: Actor, spaceId: string, organisationId: string): Promise<void> {
  const access = await loadSpace(db, spaceId)
  authorizeSpaceAdmin(actor, access)
  const organisation = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', organisationId).executeTakeFirst()
  if (!organisation) throw validationError([{ field: 'organisation_id', message: 'catalysis.error.organisationUnknown' }])
  if (organisationId === access.space.organisation_id) throw validationError([{ field: 'organisation_id', message: 'catalysis.error.coanimatorSelf' }])
  if (access.coanimators.some((c) => c.organisation_id === organisationId)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.coanimatorExists')
  const animating = await db.selectFrom('organisations').select('name').where('id', '=', access.space.organisation_id).executeTakeFirstOrThrow()
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('catalysis_space_coanimators').values({ space_id: spaceId, organisation_id: organisationId, status: 'invitee', invited_by: actor.userId, created_at: nowIso(), answered_at: null }).execute()
    await notifyCoanimation(trx, access.space, organisationId, animating.name, actor.userId)
  })
}

/** Accepts or declines an invitation to co-animate (the invited organisation's admins; others 403). */
export async function answerCoanimation(db: Db, actor: Actor, spaceId: string, organisationId: string, accept: boolean): Promise<void> {
  const access = await loadSpace(db, spaceId)
  authorizeCoanimatorAnswer(actor, access, organisationId)
  if (accept) {
    await db.updateTable('catalysis_space_coanimators').set({ status: 'active', answered_at: nowIso() }).where('space_id', '=', spaceId).where('organisation_id', '=', organisationId).where('status', '=', 'invitee').execute()
  } else {
    await db.deleteFrom('catalysis_space_coanimators').where('space_id', '=', spaceId).where('organisation_id', '=', organisationId).where('status', '=', 'invitee').execute()
  }
}

/**
 * Removes a co-animating organisation (or withdraws its invitation): the space's admins, or the organisation's
 * own admins (it leaves). Others 403; an organisation that is not in the team 404.
 */
export async function removeCoanimator(db: Db, actor: Actor, spaceId: string, organisationId: string): Promise<void> {
  const access = await loadSpace(db, spaceId)
  const row = access.coanimators.find((c) => c.organisation_id === organisationId)
  if (!row) throw notFound()
  if (!isAdminOf(actor, organisationId)) authorizeSpaceAdmin(actor, access)
  await db.deleteFrom('catalysis_space_coanimators').where('space_id', '=', spaceId).where('organisation_id', '=', organisationId).execute()
}
