/**
 * Use cases of partnerships: typed links between two organisations (mécénat and its sub-types, pratiques
 * responsables, coopération économique, innovation sociétale), inside an alliance or on their own.
 *
 * A partnership involves two organisations, so one proposes it (its admins) and the other confirms or
 * declines it (its admins); only confirmed partnerships are shown publicly. Either side may end it (dated).
 * A partnership inside a partners-only alliance is seen only by that alliance's partners.
 */
import type { Kysely } from 'kysely'
import { isAdminOf, requireUser, type Actor } from '../../core/access/actor.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { findOrganisation } from '../organisations/index.js'
import { findTerm } from '../vocabulary/index.js'
import { isCalendarDate, parisToday } from '../../core/time/calendar.js'
import { loadAllianceAccess } from './alliances.access.js'
import { authorizeActingFor, canView } from './alliances.policy.js'
import { unsafeFindPartnership, type PartnershipRow } from './alliances.queries.js'
import type { PartnershipFormT } from './alliances.schemas.js'

type Db = Kysely<Database>

export interface PartnershipInput {
  organisationAId: string
  organisationBId: string
  allianceId: string | null
  type: string
  startedOn: string
  endedOn: string | null
  description: string
}

/** The use case's input from the form or API fields (same names in both). */
export function partnershipInputOf(v: PartnershipFormT): PartnershipInput {
  return {
    organisationAId: v.organisation_a_id,
    organisationBId: v.organisation_b_id,
    allianceId: v.alliance_id ?? null,
    type: v.partnership_type,
    startedOn: v.started_on,
    endedOn: v.ended_on ?? null,
    description: v.description ?? '',
  }
}

/**
 * Proposes a partnership on behalf of organisation A (the actor administers it) with organisation B. Inside
 * an alliance, both must be active partners of it. The same current link (same pair, same type, same
 * alliance or none) twice is a 409. Returns the new id. Order: the fields (400), then acting for A (404 when
 * it is not one of the actor's organisations, 403 without the admin role), then the alliance (404 when hidden,
 * 403 when A is not an active partner, 400 when B is not).
 */
export async function proposePartnership(db: Db, actor: Actor, input: PartnershipInput): Promise<string> {
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  if (input.organisationBId === input.organisationAId) problems.push({ field: 'organisation_b_id', message: 'alliances.error.partnershipSelf' })
  else if (!(await findOrganisation(db, input.organisationBId))) problems.push({ field: 'organisation_b_id', message: 'alliances.error.partnerOrganisation' })
  if (!findTerm('partnership_type', input.type)) problems.push({ field: 'partnership_type', message: 'alliances.error.partnershipType' })
  if (!isCalendarDate(input.startedOn)) problems.push({ field: 'started_on', message: 'form.error.date' })
  if (input.endedOn !== null) {
    if (!isCalendarDate(input.endedOn)) problems.push({ field: 'ended_on', message: 'form.error.date' })
    else if (isCalendarDate(input.startedOn) && input.endedOn < input.startedOn) problems.push({ field: 'ended_on', message: 'alliances.error.endBeforeStart', params: { date: input.startedOn } })
  }
  if (problems.length > 0) throw validationError(problems)
  authorizeActingFor(actor, input.organisationAId, { admin: true })
  if (input.allianceId !== null) {
    const access = await loadAllianceAccess(db, actor, input.allianceId).catch(() => null)
    if (!access || !canView(actor, access)) throw notFound()
    const partners = await db
      .selectFrom('alliance_partners')
      .select('organisation_id')
      .where('alliance_id', '=', input.allianceId)
      .where('status', '=', 'active')
      .where('organisation_id', 'in', [input.organisationAId, input.organisationBId])
      .execute()
    if (!partners.some((p) => p.organisation_id === input.organisationAId)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'alliances.error.partnerAdminOnly')
    if (!partners.some((p) => p.organisation_id === input.organisationBId)) problems.push({ field: 'organisation_b_id', message: 'alliances.error.partnershipNotPartner' })
  }
  if (problems.length > 0) throw validationError(problems)
  const duplicate = await db
    .selectFrom('partnerships')
    .select('id')
    .where('partnership_type', '=', input.type)
    .where('status', 'in', ['proposed', 'confirmed'])
    .where('ended_on', 'is', null)
    .where((eb) => (input.allianceId === null ? eb('alliance_id', 'is', null) : eb('alliance_id', '=', input.allianceId)))
    .where((eb) =>
      eb.or([
        eb.and([eb('organisation_a_id', '=', input.organisationAId), eb('organisation_b_id', '=', input.organisationBId)]),
        eb.and([eb('organisation_a_id', '=', input.organisationBId), eb('organisation_b_id', '=', input.organisationAId)]),
      ]),
    )
    .executeTakeFirst()
  if (duplicate && input.endedOn === null) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.partnershipDuplicate', { fields: [{ field: 'partnership_type', message: 'alliances.error.partnershipDuplicate' }] })
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('partnerships')
    .values({
      id,
      alliance_id: input.allianceId,
      organisation_a_id: input.organisationAId,
      organisation_b_id: input.organisationBId,
      partnership_type: input.type,
      status: 'proposed',
      started_on: input.startedOn,
      ended_on: input.endedOn,
      description: input.description.trim(),
      proposed_by: user.userId,
      answered_by: null,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

/** The partnership when the actor may see it: confirmed and visible, or proposed and one of its sides. */
async function visiblePartnership(db: Db, actor: Actor, id: string): Promise<PartnershipRow> {
  const partnership = await unsafeFindPartnership(db, id)
  if (!partnership) throw notFound()
  const side = actor.memberships.has(partnership.organisation_a_id) || actor.memberships.has(partnership.organisation_b_id)
  if (partnership.status !== 'confirmed' && !side) throw notFound()
  if (partnership.alliance_id !== null) {
    const access = await loadAllianceAccess(db, actor, partnership.alliance_id)
    if (!canView(actor, access)) throw notFound()
  }
  return partnership
}

/**
 * The partnership when the actor may act on it (404 when unseen; 403 when not allowed): `answer` belongs to
 * the admins of organisation B, `end` to the admins of either side. Called before any input is read.
 */
export async function authorizePartnershipAct(db: Db, actor: Actor, id: string, act: 'answer' | 'end'): Promise<PartnershipRow> {
  requireUser(actor)
  const partnership = await visiblePartnership(db, actor, id)
  if (act === 'answer' && !isAdminOf(actor, partnership.organisation_b_id)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'alliances.error.partnershipAnswerOnly')
  if (act === 'end' && !isAdminOf(actor, partnership.organisation_a_id) && !isAdminOf(actor, partnership.organisation_b_id)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'alliances.error.partnershipSideOnly')
  return partnership
}

/** Confirms or declines a proposed partnership (admins of organisation B only); answering twice is a 409. */
export async function answerPartnership(db: Db, actor: Actor, id: string, accept: boolean): Promise<PartnershipRow> {
  const user = requireUser(actor)
  const partnership = await authorizePartnershipAct(db, actor, id, 'answer')
  const updated = await db
    .updateTable('partnerships')
    .set({ status: accept ? 'confirmed' : 'declined', answered_by: user.userId, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.partnershipAnswered')
  return partnership
}

/** Ends a confirmed partnership on a day (admins of either side); its history stays. */
export async function endPartnership(db: Db, actor: Actor, id: string, endedOn: string): Promise<PartnershipRow> {
  const partnership = await authorizePartnershipAct(db, actor, id, 'end')
  const problems: FieldProblem[] = []
  if (!isCalendarDate(endedOn)) problems.push({ field: 'ended_on', message: 'form.error.date' })
  else if (endedOn < partnership.started_on) problems.push({ field: 'ended_on', message: 'alliances.error.endBeforeStart', params: { date: partnership.started_on } })
  else if (endedOn > parisToday()) problems.push({ field: 'ended_on', message: 'alliances.error.dateFuture' })
  if (problems.length > 0) throw validationError(problems)
  if (partnership.status !== 'confirmed' || partnership.ended_on !== null) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.partnershipNotCurrent')
  await db.updateTable('partnerships').set({ ended_on: endedOn, updated_at: nowIso() }).where('id', '=', id).where('ended_on', 'is', null).execute()
  return partnership
}
