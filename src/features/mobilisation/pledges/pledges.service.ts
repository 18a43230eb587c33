/**
 * Pledges (engagements): an organisation commits, dated and explicit — a kind of help, a quantity in its unit, a
 * schedule, and what it goes to (a call to engage, a need, an alliance). The pledge is valued on the day it is
 * made with the valuation feature's rates (`quoteValue`), and copies its organisation's world, size band and seat
 * so that dashboards add up without joins. Its admins change or withdraw it.
 */
import { sql, type Kysely } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { isCalendarDate, parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { canView, loadAllianceAccess } from '../../alliances/index.js'
import { levelsOf } from '../../listening/index.js'
import { communeSizeBand } from '../../territories/index.js'
import { quoteValue } from '../../valuation/index.js'
import { readQuantity } from '../amounts.js'
import { callContent, callPhase, unsafeFindCall } from '../calls/calls.queries.js'
import { canSeeCall } from '../calls/calls.policy.js'
import { HELP, isHelpKind, type HelpKind } from '../help.js'
import { authorizeActingFor, nullWhenNotFound } from '../mobilisation.policy.js'
import { authorizePledgeManage, authorizePledgeView } from './pledges.policy.js'
import { unsafeFindPledge, type Pledge } from './pledges.queries.js'

type Db = Kysely<Database>

export interface PledgeInput {
  organisationId: string
  helpKind: string
  /** typed quantity in the kind's unit (`1 500,50` €, `12,5` h, `3` items, `10` days) */
  quantity: string
  /** volunteering: how many people give these hours */
  volunteers?: string
  callId?: string | null
  needId?: string | null
  allianceId?: string | null
  /** first day of the help (default: today) */
  startsOn?: string
  dueOn: string
  schedule?: string
}

export interface PledgeChange {
  quantity: string
  volunteers?: string
  dueOn: string
  schedule?: string
}

/** Loads a pledge through the policy (404 for another organisation's withdrawn pledge). */
export async function loadPledge(db: Db, actor: Actor, id: string): Promise<Pledge> {
  const pledge = await unsafeFindPledge(db, id)
  if (!pledge) throw notFound()
  return authorizePledgeView(actor, pledge)
}

function volunteersOf(problems: FieldProblem[], kind: HelpKind, text: string | undefined): number | null {
  const value = (text ?? '').trim()
  if (kind !== 'volunteering' || value === '') return null
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < 1 || n > 100_000) {
    problems.push({ field: 'volunteers', message: 'mobilisation.error.volunteers' })
    return null
  }
  return n
}

/** True when the organisation is among those the call is aimed at (world, size band, seat inside a territory). */
async function inAudience(db: Db, callId: string, organisation: { world: string; size_band: string | null; seat_commune_id: string }): Promise<boolean> {
  const { audience } = await callContent(db, { id: callId, space_id: null })
  if (audience.world.length > 0 && !audience.world.includes(organisation.world)) return false
  if (audience.size.length > 0 && (organisation.size_band === null || !audience.size.includes(organisation.size_band))) return false
  if (audience.territory.length === 0) return true
  const inside = await db.selectFrom('territory_closure').select('ancestor_id').where('descendant_id', '=', organisation.seat_commune_id).where('ancestor_id', 'in', audience.territory).executeTakeFirst()
  return inside !== undefined
}

/**
 * Records a pledge for an organisation the actor administers (404 when not a member, 403 when not an admin).
 * Refused, with every problem at once (400): an unknown kind, a negative, zero or three-decimal quantity, a due day
 * before the start or past, no target, a kind the call has no goal for, an organisation outside the call's audience,
 * a need no longer open. A call that ended answers 409; an alliance the actor may not see, 404. Returns its id.
 */
export async function createPledge(db: Db, actor: Actor, input: PledgeInput): Promise<string> {
  authorizeActingFor(actor, input.organisationId)
  const user = requireUser(actor)
  const organisation = await db.selectFrom('organisations').select(['id', 'world', 'size_band', 'seat_commune_id']).where('id', '=', input.organisationId).executeTakeFirstOrThrow()
  const problems: FieldProblem[] = []
  const today = parisToday()
  const kind = isHelpKind(input.helpKind) ? input.helpKind : null
  if (!kind) problems.push({ field: 'help_kind', message: 'form.error.choice' })
  const quantity = kind ? readQuantity(problems, 'quantity', input.quantity, HELP[kind].unit) : null
  const volunteers = kind ? volunteersOf(problems, kind, input.volunteers) : null
  const startsOn = input.startsOn?.trim() || today
  if (!isCalendarDate(startsOn)) problems.push({ field: 'starts_on', message: 'form.error.date' })
  if (!isCalendarDate(input.dueOn)) problems.push({ field: 'due_on', message: 'form.error.date' })
  else if (input.dueOn < today) problems.push({ field: 'due_on', message: 'mobilisation.error.duePast' })
  else if (isCalendarDate(startsOn) && input.dueOn < startsOn) problems.push({ field: 'due_on', message: 'mobilisation.error.dueBeforeStart' })
  if (!input.callId && !input.needId && !input.allianceId) problems.push({ field: 'call_id', message: 'mobilisation.error.pledgeTarget' })
  if ((input.schedule ?? '').length > 1000) problems.push({ field: 'schedule', message: 'form.error.maxLength', params: { max: 1000 } })

  // Input first (400, every field at once), then what the input names (404 for what the actor may not see).
  const missing = () => (problems.length > 0 ? validationError(problems) : notFound())
  if (input.callId) {
    const call = await unsafeFindCall(db, input.callId)
    if (!call || !canSeeCall(actor, call)) throw missing()
    const phase = callPhase(call, today)
    if (phase !== 'open') throw new AppError('ALLIANCE_ERR_DEADLINE_PASSED', phase === 'upcoming' ? 'mobilisation.error.callNotStarted' : 'mobilisation.error.callEnded', { params: { date: phase === 'upcoming' ? call.starts_on : call.ends_on } })
    const { goals } = await callContent(db, call)
    if (kind && !goals.some((g) => g.kind === kind)) problems.push({ field: 'help_kind', message: 'mobilisation.error.kindNotAsked' })
    if (!(await inAudience(db, call.id, organisation))) problems.push({ field: 'organisation_id', message: 'mobilisation.error.notInAudience' })
  }
  if (input.needId) {
    const need = await db.selectFrom('needs').select(['id', 'status']).where('id', '=', input.needId).executeTakeFirst()
    if (!need) throw missing()
    if (need.status !== 'ouvert' && need.status !== 'en_discussion') problems.push({ field: 'need_id', message: 'mobilisation.error.needClosed' })
  }
  if (input.allianceId) {
    const access = await loadAllianceAccess(db, actor, input.allianceId).catch(nullWhenNotFound)
    if (!access || !canView(actor, access)) throw missing()
  }
  if (problems.length > 0 || !kind || quantity === null) throw validationError(problems)

  const quote = await quoteValue(db, { contributionType: HELP[kind].types[0] as string, unit: HELP[kind].unit, quantityHundredths: quantity, day: today, ...(input.allianceId ? { allianceId: input.allianceId } : {}) })
  const levels = await levelsOf(db, organisation.seat_commune_id)
  const seat = await db.selectFrom('territories').select('population').where('id', '=', organisation.seat_commune_id).executeTakeFirst()
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('mobilisation_pledges')
    .values({
      id,
      organisation_id: organisation.id,
      world: organisation.world,
      size_band: organisation.size_band,
      commune_id: levels.commune,
      epci_id: levels.epci,
      ept_id: levels.ept,
      departement_id: levels.departement,
      region_id: levels.region,
      commune_band: communeSizeBand(seat?.population ?? null),
      call_id: input.callId ?? null,
      need_id: input.needId ?? null,
      alliance_id: input.allianceId ?? null,
      help_kind: kind,
      unit: HELP[kind].unit,
      quantity_hundredths: quantity,
      volunteers,
      fulfilled_hundredths: 0,
      value_cents: quote.cents === null ? null : Number(quote.cents),
      value_basis: quote.basis,
      rate_cents: quote.rate?.rateCents ?? null,
      realised_cents: quote.cents === null ? null : 0,
      rate_table_id: quote.table?.id ?? null,
      rate_table_version: quote.table?.version ?? null,
      pledged_on: today,
      starts_on: startsOn,
      due_on: input.dueOn,
      schedule: (input.schedule ?? '').trim(),
      status: 'active',
      withdrawn_on: null,
      withdrawn_reason: '',
      late_notified_at: null,
      is_demo: 0,
      created_by: user.userId,
      created_at: now,
      updated_at: now,
    })
    .execute()
  return id
}

/**
 * Changes an active pledge (its organisation's admins): quantity, volunteers, due day, schedule. The quantity may
 * not fall below what contributions already fulfil (400); the value is recomputed with the rate of the day it was
 * pledged. A new due day in the future clears the lateness notice.
 */
export async function updatePledge(db: Db, actor: Actor, id: string, change: PledgeChange): Promise<void> {
  const pledge = authorizePledgeManage(actor, await loadPledge(db, actor, id))
  if (pledge.status !== 'active') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.pledgeWithdrawn')
  const kind = pledge.help_kind as HelpKind
  const problems: FieldProblem[] = []
  const quantity = readQuantity(problems, 'quantity', change.quantity, HELP[kind].unit)
  const volunteers = volunteersOf(problems, kind, change.volunteers)
  if (!isCalendarDate(change.dueOn)) problems.push({ field: 'due_on', message: 'form.error.date' })
  else if (change.dueOn < pledge.starts_on) problems.push({ field: 'due_on', message: 'mobilisation.error.dueBeforeStart' })
  if ((change.schedule ?? '').length > 1000) problems.push({ field: 'schedule', message: 'form.error.maxLength', params: { max: 1000 } })
  if (quantity !== null && quantity < Number(pledge.fulfilled_hundredths)) problems.push({ field: 'quantity', message: 'mobilisation.error.belowFulfilled' })
  if (problems.length > 0 || quantity === null) throw validationError(problems)
  const quote = await quoteValue(db, { contributionType: HELP[kind].types[0] as string, unit: HELP[kind].unit, quantityHundredths: quantity, day: pledge.pledged_on, ...(pledge.alliance_id ? { allianceId: pledge.alliance_id } : {}) })
  const done = await db
    .updateTable('mobilisation_pledges')
    .set({
      quantity_hundredths: quantity,
      volunteers,
      due_on: change.dueOn,
      schedule: (change.schedule ?? '').trim(),
      value_cents: quote.cents === null ? null : Number(quote.cents),
      value_basis: quote.basis,
      rate_cents: quote.rate?.rateCents ?? null,
      // the same rule as the triggers that keep it when links change
      realised_cents: quote.basis === 'face' ? sql<number>`fulfilled_hundredths` : quote.rate ? sql<number>`(fulfilled_hundredths * ${quote.rate.rateCents} + 50) / 100` : null,
      rate_table_id: quote.table?.id ?? null,
      rate_table_version: quote.table?.version ?? null,
      late_notified_at: change.dueOn >= parisToday() ? null : pledge.late_notified_at,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('status', '=', 'active')
    // a contribution linked meanwhile: the CHECK would refuse; this keeps the answer a clear 400
    .where('fulfilled_hundredths', '<=', quantity)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw validationError([{ field: 'quantity', message: 'mobilisation.error.belowFulfilled' }])
}

/** Withdraws an active pledge (its admins), dated, with an optional reason; what was fulfilled stays recorded. */
export async function withdrawPledge(db: Db, actor: Actor, id: string, reason: string): Promise<void> {
  authorizePledgeManage(actor, await loadPledge(db, actor, id))
  if (reason.length > 1000) throw validationError([{ field: 'reason', message: 'form.error.maxLength', params: { max: 1000 } }])
  const done = await db.updateTable('mobilisation_pledges').set({ status: 'withdrawn', withdrawn_on: parisToday(), withdrawn_reason: reason.trim(), updated_at: nowIso() }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.pledgeWithdrawn')
}
