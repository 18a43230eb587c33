/**
 * Deliberation and decisions. After the deadline, the fund's admins read the deliberation view and record a decision
 * per submitted application — funded (an amount, conditions) or rejected — with the reasons sent to the applicants.
 * A funded decision becomes a grant agreement to sign and books its amount in the fund's ledger at once (a guarded
 * update: concurrent decisions never grant more than the fund holds). Decisions can change until they are
 * published; publishing sends each applicant its decision and reasons.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { lockForUpdate } from '../../../core/db/dialect.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, validationError, type FieldProblem } from '../../../core/errors.js'
import { parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { readEuros } from '../amounts.js'
import { bookGrant, bookGrantRelease } from '../funds/ledger.js'
import { notifyDecision, notifyGrantToSign } from '../mobilisation.notifications.js'
import type { DecisionOutcome } from '../mobilisation.table.js'
import { loadApplicationAccess, loadProjectCall } from '../projects/access.js'
import { authorizeDecide, authorizeProjectCallManage, type ProjectCallAccess } from '../projects/projects.policy.js'
import { listCriteria, projectCallPhase } from '../projects/projects.queries.js'
import { conflictsOfCall } from './conflicts.js'
import { detailsOf, rankApplications } from './deliberation.js'

type Db = Kysely<Database>

export const OUTCOMES: readonly DecisionOutcome[] = ['funded', 'rejected']

export interface DecisionInput {
  outcome: string
  /** euros granted, as typed (funded only) */
  amount?: string
  conditions?: string
  /** sent to the applicants */
  reasons: string
}

/** The reference of a grant (`referenceDecision`): stable, unique in its fund, readable on the phone. */
export function grantReference(grantId: string): string {
  return `SUB-${grantId.slice(-8).toUpperCase()}`
}

/**
 * Who sees the deliberation view: the fund's admins, and the call's reviewers once they have submitted a review of
 * every application they may review — nobody sees others' scores before giving theirs (403 saying how many are
 * left). Reviewers do not see the applications they are in conflict with.
 */
export async function loadDeliberation(db: Db, actor: Actor, callId: string, page: number, perPage: number) {
  const access = await loadProjectCall(db, actor, callId)
  const user = requireUser(actor)
  if (!access.fundAdmin && !access.reviewer) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.committeeOnly')
  const reviewers = (await db.selectFrom('mobilisation_reviewers').select('user_id').where('call_id', '=', callId).execute()).map((r) => r.user_id)
  const people = [...new Set([...reviewers, user.userId])]
  const conflicts = await conflictsOfCall(db, callId, people)
  const mine = new Set(conflicts.filter((c) => c.user_id === user.userId).map((c) => c.application_id))
  if (access.reviewer) {
    const submitted = await db.selectFrom('mobilisation_applications').select('id').where('call_id', '=', callId).where('status', '=', 'submitted').execute()
    const reviewed = new Set((await db.selectFrom('mobilisation_reviews').select('application_id').where('call_id', '=', callId).where('user_id', '=', user.userId).where('status', '=', 'submitted').execute()).map((r) => r.application_id))
    const pending = submitted.filter((a) => !mine.has(a.id) && !reviewed.has(a.id)).length
    if (pending > 0) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.reviewsPending', { params: { count: pending } })
  }
  const excludedReviews = new Set(conflicts.map((c) => `${c.application_id}:${c.user_id}`))
  const hiddenIds = access.fundAdmin ? new Set<string>() : mine
  const ranked = await rankApplications(db, callId, { hiddenIds, excludedReviews })
  const start = (Math.max(1, page) - 1) * perPage
  const rows = ranked.slice(start, start + perPage)
  const [details, criteria, decisions] = await Promise.all([
    detailsOf(db, rows.map((r) => r.id), excludedReviews),
    listCriteria(db, callId),
    rows.length === 0 ? Promise.resolve([]) : db.selectFrom('mobilisation_decisions').selectAll().where('application_id', 'in', rows.map((r) => r.id)).execute(),
  ])
  const excludedBy = new Map<string, number>()
  for (const c of conflicts) if (reviewers.includes(c.user_id)) excludedBy.set(c.application_id, (excludedBy.get(c.application_id) ?? 0) + 1)
  return {
    access,
    criteria,
    total: ranked.length,
    rows: rows.map((r) => ({ ...r, details: details.get(r.id), decision: decisions.find((d) => d.application_id === r.id) ?? null, excluded: excludedBy.get(r.id) ?? 0, conflicted: mine.has(r.id) })),
    undecided: ranked.length - (await db.selectFrom('mobilisation_decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('call_id', '=', callId).executeTakeFirstOrThrow().then((r) => Number(r.n))),
  }
}

function assertDecidable(access: Pick<ProjectCallAccess, 'call'>): void {
  const phase = projectCallPhase(access.call)
  if (phase === 'decided') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.decided')
  if (phase !== 'review') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.beforeDeadline', { params: { date: access.call.deadline_at } })
}

/**
 * Records (or changes) the decision on a submitted application (a fund admin without conflict of interest), after
 * the deadline and until decisions are published (409 otherwise). Refused (400): an unknown outcome, reasons shorter
 * than 10 characters, a funded decision without an amount or above the call's maximum, a three-decimal amount. A
 * grant above what the fund can still grant is refused (409 `INSUFFICIENT_FUNDS`) and nothing is recorded.
 */
export async function decide(db: Db, actor: Actor, applicationId: string, input: DecisionInput): Promise<void> {
  const access = authorizeDecide(actor, await loadApplicationAccess(db, actor, applicationId))
  const user = requireUser(actor)
  const { application, call } = access
  assertDecidable(access)
  if (application.status !== 'submitted') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.notSubmitted')
  const problems: FieldProblem[] = []
  const outcome = (OUTCOMES as readonly string[]).includes(input.outcome) ? (input.outcome as DecisionOutcome) : null
  if (!outcome) problems.push({ field: 'outcome', message: 'form.error.choice' })
  const amount = outcome === 'funded' ? readEuros(problems, 'amount', input.amount) : 0
  if (amount !== null && amount > Number(call.max_amount_cents)) problems.push({ field: 'amount', message: 'mobilisation.error.aboveMax', params: { max: Number(call.max_amount_cents) / 100 } })
  if (input.reasons.trim().length < 10) problems.push({ field: 'reasons', message: 'form.error.minLength', params: { min: 10 } })
  if ((input.conditions ?? '').length > 2000) problems.push({ field: 'conditions', message: 'form.error.maxLength', params: { max: 2000 } })
  if (problems.length > 0 || !outcome || amount === null) throw validationError(problems)
  const day = parisToday()
  await db.transaction().execute(async (trx) => {
    // One decision at a time per application (PostgreSQL row lock; SQLite writes one transaction at a time).
    await lockForUpdate(trx, trx.selectFrom('mobilisation_applications').select('id').where('id', '=', applicationId)).executeTakeFirstOrThrow()
    const previous = await trx.selectFrom('mobilisation_decisions').select('published_at').where('application_id', '=', applicationId).executeTakeFirst()
    if (previous?.published_at) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.decided')
    const grant = await trx.selectFrom('mobilisation_grants').select(['id', 'amount_cents']).where('application_id', '=', applicationId).executeTakeFirst()
    const now = nowIso()
    if (outcome === 'funded') {
      const grantId = grant?.id ?? newId()
      const delta = amount - Number(grant?.amount_cents ?? 0)
      if (delta > 0) await bookGrant(trx, { fundId: call.fund_id, grantId, cents: delta, day, userId: user.userId })
      if (delta < 0) await bookGrantRelease(trx, { fundId: call.fund_id, grantId, cents: -delta, day, userId: user.userId })
      if (grant) {
        if (delta !== 0) await trx.deleteFrom('mobilisation_grant_tranches').where('grant_id', '=', grantId).execute()
        await trx.updateTable('mobilisation_grants').set({ amount_cents: amount, conditions: (input.conditions ?? '').trim(), updated_at: now }).where('id', '=', grantId).execute()
      } else {
        await trx
          .insertInto('mobilisation_grants')
          .values({ id: grantId, fund_id: call.fund_id, call_id: call.id, application_id: applicationId, alliance_id: application.alliance_id, beneficiary_organisation_id: application.beneficiary_organisation_id, reference: grantReference(grantId), object: application.title.slice(0, 256), amount_cents: amount, disbursed_cents: 0, conditions: (input.conditions ?? '').trim(), status: 'to_sign', in_kind: 0, notification_ue: 0, dispositif_aide: null, fund_signed_by: null, fund_signed_at: null, beneficiary_signed_by: null, beneficiary_signed_at: null, signed_on: null, tranche_count: 0, first_due_on: null, last_due_on: null, is_demo: 0, created_at: now, updated_at: now })
          .execute()
      }
    } else if (grant) {
      await bookGrantRelease(trx, { fundId: call.fund_id, grantId: grant.id, cents: Number(grant.amount_cents), day, userId: user.userId })
      await trx.deleteFrom('mobilisation_grants').where('id', '=', grant.id).execute()
    }
    const values = { outcome, amount_cents: amount, conditions: (input.conditions ?? '').trim(), reasons: input.reasons.trim(), decided_by: user.userId, decided_at: now }
    if (previous) await trx.updateTable('mobilisation_decisions').set(values).where('application_id', '=', applicationId).execute()
    else await trx.insertInto('mobilisation_decisions').values({ application_id: applicationId, call_id: call.id, ...values, published_at: null }).execute()
  })
}

/**
 * Publishes the decisions of a call (its fund's admins): every submitted application must have one (409 saying how
 * many do not). Each applying alliance's coordinators receive their decision and its reasons; the beneficiaries of
 * grants are asked to sign their agreement.
 */
export async function publishDecisions(db: Db, actor: Actor, callId: string): Promise<void> {
  const access = authorizeProjectCallManage(actor, await loadProjectCall(db, actor, callId))
  const user = requireUser(actor)
  assertDecidable(access)
  await db.transaction().execute(async (trx) => {
    const applications = await trx
      .selectFrom('mobilisation_applications as a')
      .leftJoin('mobilisation_decisions as d', 'd.application_id', 'a.id')
      .leftJoin('mobilisation_grants as g', 'g.application_id', 'a.id')
      .select(['a.id', 'a.alliance_id', 'a.beneficiary_organisation_id', 'd.outcome', 'd.amount_cents', 'd.reasons', 'g.id as grant_id', 'g.reference'])
      .where('a.call_id', '=', callId)
      .where('a.status', '=', 'submitted')
      .execute()
    const undecided = applications.filter((a) => a.outcome === null).length
    if (undecided > 0) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.undecided', { params: { count: undecided } })
    const now = nowIso()
    const done = await trx.updateTable('mobilisation_project_calls').set({ status: 'decided', decided_at: now, updated_at: now }).where('id', '=', callId).where('status', '=', 'published').executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.decided')
    await trx.updateTable('mobilisation_decisions').set({ published_at: now }).where('call_id', '=', callId).execute()
    for (const a of applications) {
      const outcome = a.outcome as DecisionOutcome
      await notifyDecision(trx, { applicationId: a.id, allianceId: a.alliance_id, call: access.call.title, outcome, amountEuros: Number(a.amount_cents ?? 0) / 100, reasons: a.reasons ?? '' }, user.userId)
      if (outcome === 'funded' && a.grant_id) await notifyGrantToSign(trx, { id: a.grant_id, beneficiaryOrganisationId: a.beneficiary_organisation_id, fund: access.call.fund_name, reference: a.reference ?? '' }, user.userId)
    }
  })
}
