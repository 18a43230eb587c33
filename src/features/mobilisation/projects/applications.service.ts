/**
 * Applications of alliances to calls for projects: the coordinators' admins of an alliance start a draft, fill it
 * (answers to the call's questions, the budget table, the organisation that would receive the grant), submit it once
 * before the deadline (a Paris time) when every eligibility rule holds, and may withdraw it until decisions are
 * published. Nothing is stored after the deadline.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { isUniqueViolation } from '../../../core/db/dialect.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { authorizeView, canView, isCoordinatorAdmin, loadAllianceAccess } from '../../alliances/index.js'
import { readEuros } from '../amounts.js'
import { bookGrantRelease } from '../funds/ledger.js'
import { notifyApplicationSubmitted } from '../mobilisation.notifications.js'
import { loadApplicationAccess, loadProjectCall } from './access.js'
import { readBudget, type ExpenseInput, type ResourceInput } from './budget.js'
import { checkEligibility, RULE_FIELDS, type EligibilityCheck } from './eligibility.js'
import { authorizeApplicationEdit, type ApplicationAccess } from './projects.policy.js'
import { listCallSdgs, projectCallPhase, type ProjectCall } from './projects.queries.js'
import { answerValues, readAnswers, type Answers } from './questions.js'

type Db = Kysely<Database>

export interface ApplicationInput {
  title: string
  summary: string
  beneficiaryOrganisationId: string
  /** euros asked of the fund, as typed */
  requested: string
  expenses: ExpenseInput[]
  resources: ResourceInput[]
  /** `q_<key>` fields (form-like values, or the same keys in JSON) */
  answers: Record<string, unknown>
}

/** 409 unless the call takes applications now (after its opening, before its deadline: Paris times). */
function assertOpen(call: ProjectCall): void {
  const phase = projectCallPhase(call)
  if (phase === 'upcoming') throw new AppError('ALLIANCE_ERR_DEADLINE_PASSED', 'mobilisation.error.notOpenYet', { params: { date: call.opens_at } })
  if (phase !== 'open') throw new AppError('ALLIANCE_ERR_DEADLINE_PASSED', 'mobilisation.error.deadlinePassed', { params: { date: call.deadline_at } })
}

/**
 * Starts the draft application of an alliance (its coordinators' admins: 403 for other people who see the alliance,
 * 404 for those who do not). 409 when the call is not open, or when the alliance already applied. Returns its id.
 */
export async function startApplication(db: Db, actor: Actor, callId: string, allianceId: string): Promise<string> {
  const { call } = await loadProjectCall(db, actor, callId)
  const user = requireUser(actor)
  const alliance = await loadAllianceAccess(db, actor, allianceId)
  authorizeView(actor, alliance)
  if (!isCoordinatorAdmin(actor, alliance)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.applicantAdminOnly')
  assertOpen(call)
  const beneficiary = alliance.own.find((p) => p.status === 'active' && p.role === 'coordinateur' && actor.memberships.get(p.organisation_id) === 'admin')
  const id = newId()
  const now = nowIso()
  try {
    await db
      .insertInto('mobilisation_applications')
      .values({ id, call_id: callId, alliance_id: allianceId, beneficiary_organisation_id: beneficiary?.organisation_id as string, title: alliance.alliance.name.slice(0, 200), summary: '', requested_cents: 0, budget_cents: 0, answers: '{}', status: 'draft', eligibility: '', submitted_at: null, submitted_by: null, withdrawn_at: null, withdrawn_reason: '', is_demo: 0, created_by: user.userId, created_at: now, updated_at: now })
      .execute()
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    const existing = await db.selectFrom('mobilisation_applications').select('id').where('call_id', '=', callId).where('alliance_id', '=', allianceId).executeTakeFirstOrThrow()
    throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.alreadyApplied', { cause: error, link: { href: `/mobilisation/candidatures/${existing.id}`, label: 'mobilisation.application.see' } })
  }
  return id
}

/** The draft's content checked (every problem at once); `final` also requires the shown required answers. */
async function readApplication(db: Db, access: ApplicationAccess, input: ApplicationInput, options: { final: boolean }) {
  const { call, application } = access
  const problems: FieldProblem[] = []
  if (input.title.trim().length < 3 || input.title.trim().length > 200) problems.push({ field: 'title', message: 'mobilisation.error.applicationTitle' })
  if (input.summary.trim().length > 5000) problems.push({ field: 'summary', message: 'form.error.maxLength', params: { max: 5000 } })
  else if (options.final && input.summary.trim().length < 20) problems.push({ field: 'summary', message: 'form.error.minLength', params: { min: 20 } })
  const partner = await db
    .selectFrom('alliance_partners')
    .select('organisation_id')
    .where('alliance_id', '=', application.alliance_id)
    .where('organisation_id', '=', input.beneficiaryOrganisationId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!partner) problems.push({ field: 'beneficiary_organisation_id', message: 'mobilisation.error.beneficiary' })
  const requested = readEuros(problems, 'requested', input.requested)
  const budget = await readBudget(db, problems, requested, input.expenses, input.resources, parisToday())
  const { answers, problems: answerProblems } = readAnswers(call.questions, input.answers, options)
  problems.push(...answerProblems)
  return { problems, requested: requested ?? 0, budget, answers }
}

async function writeDraft(db: Db, applicationId: string, input: ApplicationInput, content: Awaited<ReturnType<typeof readApplication>>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('mobilisation_applications')
      .set({ title: input.title.trim(), summary: input.summary.trim(), beneficiary_organisation_id: input.beneficiaryOrganisationId, requested_cents: content.requested, budget_cents: content.budget.expensesCents, answers: JSON.stringify(content.answers), updated_at: nowIso() })
      .where('id', '=', applicationId)
      .where('status', '=', 'draft')
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_ALREADY_SUBMITTED', 'mobilisation.error.alreadySubmitted')
    await trx.deleteFrom('mobilisation_budget_lines').where('application_id', '=', applicationId).execute()
    if (content.budget.lines.length > 0) await trx.insertInto('mobilisation_budget_lines').values(content.budget.lines.map((l) => ({ application_id: applicationId, ...l }))).execute()
  })
}

/**
 * Saves a draft (the alliance's coordinators' admins). Refused, with nothing stored: after the deadline (409), once
 * submitted (409), any invalid field — a budget whose lines do not add up, a three-decimal amount, an answer outside
 * its question's choices (400, every problem at once).
 */
export async function saveApplication(db: Db, actor: Actor, id: string, input: ApplicationInput): Promise<void> {
  const access = authorizeApplicationEdit(actor, await loadApplicationAccess(db, actor, id))
  if (access.application.status !== 'draft') throw new AppError('ALLIANCE_ERR_ALREADY_SUBMITTED', 'mobilisation.error.alreadySubmitted')
  assertOpen(access.call)
  const content = await readApplication(db, access, input, { final: false })
  if (content.problems.length > 0) throw validationError(content.problems)
  await writeDraft(db, id, input, content)
}

/** The eligibility of an application as it stands (for its applicants, who see the alliance). */
export async function eligibilityOf(db: Db, actor: Actor, access: ApplicationAccess): Promise<EligibilityCheck[]> {
  const alliance = await loadAllianceAccess(db, actor, access.application.alliance_id)
  if (!canView(actor, alliance)) return []
  return checkEligibility(db, authorizeView(actor, alliance), access.call, await listCallSdgs(db, access.call.id), access.application)
}

/**
 * Submits the saved draft, once (the alliance's coordinators' admins): before the deadline (409 after), every
 * required answer given and every eligibility rule met (400 naming each failed rule; nothing changes). The checks are
 * kept with the application; the fund's admins are told.
 */
export async function submitApplication(db: Db, actor: Actor, id: string): Promise<void> {
  const access = authorizeApplicationEdit(actor, await loadApplicationAccess(db, actor, id))
  const user = requireUser(actor)
  const { application, call } = access
  if (application.status !== 'draft') throw new AppError('ALLIANCE_ERR_ALREADY_SUBMITTED', 'mobilisation.error.alreadySubmitted')
  assertOpen(call)
  const saved = JSON.parse(application.answers) as Answers
  const problems: FieldProblem[] = [...readAnswers(call.questions, answerValues(call.questions, saved), { final: true }).problems]
  if (application.summary.trim().length < 20) problems.push({ field: 'summary', message: 'form.error.minLength', params: { min: 20 } })
  const checks = await eligibilityOf(db, actor, access)
  for (const check of checks) if (!check.ok) problems.push({ field: RULE_FIELDS[check.rule], message: `mobilisation.eligibility.${check.rule}.failed`, params: check.params })
  if (problems.length > 0) throw validationError(problems)
  await db.transaction().execute(async (trx) => {
    const now = nowIso()
    const done = await trx.updateTable('mobilisation_applications').set({ status: 'submitted', eligibility: JSON.stringify(checks), submitted_at: now, submitted_by: user.userId, updated_at: now }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_ALREADY_SUBMITTED', 'mobilisation.error.alreadySubmitted')
    await notifyApplicationSubmitted(trx, { id, hostOrganisationId: call.host_organisation_id, call: call.title, alliance: application.alliance_name }, user.userId)
  })
}

/**
 * Withdraws a draft or a submitted application (the alliance's coordinators' admins), dated, with a reason; 409 once
 * decisions are published. A decision not yet published goes with it (a grant it booked is given back to the fund).
 */
export async function withdrawApplication(db: Db, actor: Actor, id: string, reason: string): Promise<void> {
  const access = authorizeApplicationEdit(actor, await loadApplicationAccess(db, actor, id))
  const user = requireUser(actor)
  if (reason.length > 1000) throw validationError([{ field: 'reason', message: 'form.error.maxLength', params: { max: 1000 } }])
  if (access.application.status === 'withdrawn') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.alreadyWithdrawn')
  await db.transaction().execute(async (trx) => {
    const decision = await trx.selectFrom('mobilisation_decisions').select(['published_at']).where('application_id', '=', id).executeTakeFirst()
    if (decision?.published_at) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.decided')
    const grant = await trx.selectFrom('mobilisation_grants').select(['id', 'fund_id', 'amount_cents']).where('application_id', '=', id).executeTakeFirst()
    if (grant) {
      await bookGrantRelease(trx, { fundId: grant.fund_id, grantId: grant.id, cents: Number(grant.amount_cents), day: parisToday(), note: 'withdrawn', userId: user.userId })
      await trx.deleteFrom('mobilisation_grants').where('id', '=', grant.id).execute()
    }
    await trx.deleteFrom('mobilisation_decisions').where('application_id', '=', id).execute()
    const now = nowIso()
    const done = await trx.updateTable('mobilisation_applications').set({ status: 'withdrawn', withdrawn_at: now, withdrawn_reason: reason.trim(), updated_at: now }).where('id', '=', id).where('status', '!=', 'withdrawn').executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1) throw notFound()
  })
}
