/**
 * Grant agreements (conventions de subvention): a funded decision becomes an agreement the fund's admins prepare —
 * what it is for, its conditions, tranches (their sum is the grant), reporting obligations — and both sides sign.
 * Payments of tranches are recorded through the ledger. Each reporting obligation is answered by an evaluation round
 * of the funded alliance, opened by its coordinators: the round's review (bilan) is the grant report.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { isCalendarDate, parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { isCoordinatorAdmin, loadAllianceAccess } from '../../alliances/index.js'
import { openRound } from '../../evaluation/index.js'
import { readEuros } from '../amounts.js'
import { bookDisbursement } from '../funds/ledger.js'
import { isFundAdmin } from '../funds/funds.policy.js'
import { notifyPaymentRecorded } from '../mobilisation.notifications.js'
import { authorizeGrantManage, authorizeReportRound, signingSide, type GrantAccess } from './grants.policy.js'
import { listTranches, unsafeFindGrant } from './grants.queries.js'

type Db = Kysely<Database>

/** Rows offered by the agreement's form. */
export const TRANCHE_ROWS = 4
export const REPORT_ROWS = 3

export interface GrantTermsInput {
  object: string
  conditions: string
  inKind: boolean
  notificationUe: boolean
  dispositifAide?: string
  tranches: Array<{ amount?: string; dueOn?: string; condition?: string }>
  reports: Array<{ title?: string; periodStart?: string; periodEnd?: string; dueOn?: string }>
}

/** Loads a grant with the actor's roles around it. */
export async function loadGrant(db: Db, actor: Actor, id: string): Promise<GrantAccess> {
  const grant = await unsafeFindGrant(db, id)
  if (!grant) throw notFound()
  const alliance = await loadAllianceAccess(db, actor, grant.alliance_id)
  const partner = alliance.own.some((p) => p.status === 'active' && actor.memberships.has(p.organisation_id))
  return { grant, fundAdmin: isFundAdmin(actor, grant), partner, coordinatorAdmin: isCoordinatorAdmin(actor, alliance) }
}

const blank = (...values: Array<string | undefined>) => values.every((v) => (v ?? '').trim() === '')

/**
 * Prepares the agreement (the fund's admins), before anyone signed it (409 after). Refused (400, every problem at
 * once): an object longer than 256 characters (the open-data rule), tranches whose sum is not the grant, a tranche
 * without a due day, a report whose period ends before it starts or is due before it ends.
 */
export async function prepareGrant(db: Db, actor: Actor, id: string, input: GrantTermsInput): Promise<void> {
  const { grant } = authorizeGrantManage(actor, await loadGrant(db, actor, id))
  if (grant.status !== 'to_sign' || grant.fund_signed_at || grant.beneficiary_signed_at) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.grantSigned')
  const problems: FieldProblem[] = []
  const object = input.object.trim()
  if (object.length < 3 || object.length > 256) problems.push({ field: 'object', message: 'mobilisation.error.grantObject' })
  if (input.conditions.length > 2000) problems.push({ field: 'conditions', message: 'form.error.maxLength', params: { max: 2000 } })
  const dispositif = (input.dispositifAide ?? '').trim()
  if (dispositif.length > 100) problems.push({ field: 'dispositif_aide', message: 'form.error.maxLength', params: { max: 100 } })
  const tranches: Array<{ number: number; amount_cents: number; due_on: string; condition: string }> = []
  input.tranches.forEach((t, i) => {
    const n = i + 1
    if (blank(t.amount, t.dueOn, t.condition)) return
    const cents = readEuros(problems, `tranche_amount_${n}`, t.amount)
    if (!isCalendarDate(t.dueOn ?? '')) problems.push({ field: `tranche_due_${n}`, message: 'form.error.date' })
    if ((t.condition ?? '').length > 500) problems.push({ field: `tranche_condition_${n}`, message: 'form.error.maxLength', params: { max: 500 } })
    if (cents !== null) tranches.push({ number: tranches.length + 1, amount_cents: cents, due_on: t.dueOn ?? '', condition: (t.condition ?? '').trim() })
  })
  const sum = tranches.reduce((s, t) => s + t.amount_cents, 0)
  if (!problems.some((p) => p.field.startsWith('tranche_')) && sum !== Number(grant.amount_cents)) problems.push({ field: 'tranche_amount_1', message: 'mobilisation.error.tranchesSum', params: { sum: sum / 100, amount: Number(grant.amount_cents) / 100 } })
  const reports: Array<{ title: string; period_start: string; period_end: string; due_on: string }> = []
  input.reports.forEach((r, i) => {
    const n = i + 1
    if (blank(r.title, r.periodStart, r.periodEnd, r.dueOn)) return
    if ((r.title ?? '').trim().length < 3) problems.push({ field: `report_title_${n}`, message: 'form.error.minLength', params: { min: 3 } })
    const start = r.periodStart ?? ''
    const end = r.periodEnd ?? ''
    const due = r.dueOn ?? ''
    if (!isCalendarDate(start)) problems.push({ field: `report_start_${n}`, message: 'form.error.date' })
    if (!isCalendarDate(end)) problems.push({ field: `report_end_${n}`, message: 'form.error.date' })
    else if (isCalendarDate(start) && end < start) problems.push({ field: `report_end_${n}`, message: 'mobilisation.error.periodEnd' })
    if (!isCalendarDate(due)) problems.push({ field: `report_due_${n}`, message: 'form.error.date' })
    else if (isCalendarDate(end) && due < end) problems.push({ field: `report_due_${n}`, message: 'mobilisation.error.reportDue' })
    reports.push({ title: (r.title ?? '').trim(), period_start: start, period_end: end, due_on: due })
  })
  if (problems.length > 0) throw validationError(problems)
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('mobilisation_grants')
      .set({ object, conditions: input.conditions.trim(), in_kind: input.inKind ? 1 : 0, notification_ue: input.notificationUe ? 1 : 0, dispositif_aide: dispositif || null, updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', 'to_sign')
      .where('fund_signed_at', 'is', null)
      .where('beneficiary_signed_at', 'is', null)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.grantSigned')
    await trx.deleteFrom('mobilisation_grant_tranches').where('grant_id', '=', id).execute()
    if (tranches.length > 0) await trx.insertInto('mobilisation_grant_tranches').values(tranches.map((t) => ({ grant_id: id, ...t, paid_cents: 0, paid_on: null }))).execute()
    // Reports keep their link to a round: only those not yet answered are replaced.
    await trx.deleteFrom('mobilisation_grant_reports').where('grant_id', '=', id).where('round_id', 'is', null).execute()
    if (reports.length > 0) await trx.insertInto('mobilisation_grant_reports').values(reports.map((r) => ({ id: newId(), grant_id: id, ...r, round_id: null, reminded_at: null }))).execute()
  })
}

/**
 * Signs the agreement for one side: `fund` (its admins) or `beneficiary` (the beneficiary organisation's admins,
 * once decisions are published). 409 when that side already signed, the tranches do not add up to the grant or the
 * beneficiary has no SIRET (the open-data export requires it). When
 * both sides have signed, the agreement is signed on that Paris day (`dateConvention`).
 */
export async function signGrant(db: Db, actor: Actor, id: string, side: 'fund' | 'beneficiary'): Promise<void> {
  const { grant } = signingSide(actor, await loadGrant(db, actor, id), side)
  const user = requireUser(actor)
  if (grant.status !== 'to_sign') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.grantSigned')
  const [tranches, beneficiary] = await Promise.all([listTranches(db, id), db.selectFrom('organisations').select('siret').where('id', '=', grant.beneficiary_organisation_id).executeTakeFirst()])
  if (tranches.length === 0 || tranches.reduce((s, t) => s + Number(t.amount_cents), 0) !== Number(grant.amount_cents)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.grantNotReady')
  // The open-data export (SCDL `idBeneficiaire`, required) identifies every beneficiary by its SIRET.
  if (!beneficiary?.siret) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.beneficiarySiret')
  await db.transaction().execute(async (trx) => {
    const now = nowIso()
    const column = side === 'fund' ? ('fund_signed_at' as const) : ('beneficiary_signed_at' as const)
    const done = await trx
      .updateTable('mobilisation_grants')
      .set(side === 'fund' ? { fund_signed_at: now, fund_signed_by: user.userId, updated_at: now } : { beneficiary_signed_at: now, beneficiary_signed_by: user.userId, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'to_sign')
      .where(column, 'is', null)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.alreadySigned')
    await trx.updateTable('mobilisation_grants').set({ status: 'signed', signed_on: parisToday() }).where('id', '=', id).where('fund_signed_at', 'is not', null).where('beneficiary_signed_at', 'is not', null).execute()
  })
}

/**
 * Records a payment of a tranche of a signed agreement (the fund's admins), on a past or present day. Refused: more
 * than the tranche, the grant or the fund has left to pay (409, nothing recorded), an unknown tranche (400).
 */
export async function recordGrantPayment(db: Db, actor: Actor, id: string, input: { tranche: number; amount: string; paidOn?: string }): Promise<void> {
  const { grant } = authorizeGrantManage(actor, await loadGrant(db, actor, id))
  const user = requireUser(actor)
  if (grant.status !== 'signed') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.grantNotSigned')
  const problems: FieldProblem[] = []
  const tranches = await listTranches(db, id)
  if (!tranches.some((t) => t.number === input.tranche)) problems.push({ field: 'tranche', message: 'form.error.choice' })
  const cents = readEuros(problems, 'amount', input.amount)
  const day = input.paidOn?.trim() || parisToday()
  if (!isCalendarDate(day)) problems.push({ field: 'paid_on', message: 'form.error.date' })
  else if (day > parisToday()) problems.push({ field: 'paid_on', message: 'mobilisation.error.dayFuture' })
  if (problems.length > 0 || cents === null) throw validationError(problems)
  await db.transaction().execute(async (trx) => {
    await bookDisbursement(trx, { fundId: grant.fund_id, grantId: id, tranche: input.tranche, cents, day, userId: user.userId })
    await notifyPaymentRecorded(trx, { grantId: id, beneficiaryOrganisationId: grant.beneficiary_organisation_id, reference: grant.reference, amountEuros: cents / 100, paidOn: day }, user.userId)
  })
}

/**
 * Answers a reporting obligation with an evaluation round of the funded alliance (its coordinators' admins, once the
 * agreement is signed): a new round over the report's period, closing on its due day (the evaluation feature's
 * `openRound`, with its own rules), or a round of the alliance already opened (`roundId`). 409 when the obligation
 * already has its round.
 */
export async function answerReport(db: Db, actor: Actor, grantId: string, reportId: string, input: { roundId?: string } = {}): Promise<string> {
  const { grant } = authorizeReportRound(actor, await loadGrant(db, actor, grantId))
  if (grant.status !== 'signed') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.grantNotSigned')
  const report = await db.selectFrom('mobilisation_grant_reports').selectAll().where('id', '=', reportId).where('grant_id', '=', grantId).executeTakeFirst()
  if (!report) throw notFound()
  if (report.round_id) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.reportAnswered')
  let roundId = input.roundId
  if (roundId) {
    const round = await db.selectFrom('evaluation_rounds').select('id').where('id', '=', roundId).where('alliance_id', '=', grant.alliance_id).executeTakeFirst()
    if (!round) throw validationError([{ field: 'round_id', message: 'mobilisation.error.round' }])
  } else {
    roundId = await openRound(db, actor, grant.alliance_id, { title: `${report.title} — ${grant.reference}`.slice(0, 200), periodStart: report.period_start, periodEnd: report.period_end, closesOn: report.due_on, disclosure: 'named' })
  }
  const done = await db.updateTable('mobilisation_grant_reports').set({ round_id: roundId }).where('id', '=', reportId).where('round_id', 'is', null).executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.reportAnswered')
  return roundId
}
