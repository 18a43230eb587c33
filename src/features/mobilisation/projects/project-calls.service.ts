/**
 * Calls for projects (appels à projets) of a fund: perimeter, SDGs, eligibility rules, a weighted scoring grid,
 * questions built with the surveys module's builder, an opening and a deadline at a Paris local time. Drafted by the
 * fund's admins, published once (its rules and questions are then frozen), reviewed by committee members they
 * assign.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { isUniqueViolation } from '../../../core/db/dialect.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { parisLocalToIso } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { createQuestionnaire, parseDefinition } from '../../surveys/index.js'
import { readEuros } from '../amounts.js'
import { authorizeFundAdmin } from '../funds/funds.policy.js'
import { loadFund } from '../funds/funds.service.js'
import { notifyReviewerAssigned } from '../mobilisation.notifications.js'
import { resolveTerritoryField } from '../places.js'
import { loadProjectCall } from './access.js'
import { authorizeProjectCallManage } from './projects.policy.js'

type Db = Kysely<Database>

/** Rows of the grid offered by the form. */
export const CRITERIA_ROWS = 6

export interface ProjectCallInput {
  title: string
  summary: string
  territory: string
  sdgs: number[]
  /** euros as typed */
  minAmount: string
  maxAmount: string
  cofundingMinPercent: number
  minWorlds: number
  scoreMax: number
  /** Paris local date-times `YYYY-MM-DDTHH:MM` */
  opensAt: string
  deadlineAt: string
  criteria: Array<{ label: string; weight?: number }>
}

interface ProjectCallValues {
  territoryId: string
  minCents: number
  maxCents: number
  opensAt: string
  deadlineAt: string
  criteria: Array<{ position: number; label: string; weight: number }>
}

async function validateProjectCall(db: Db, input: ProjectCallInput): Promise<ProjectCallValues> {
  const problems: FieldProblem[] = []
  if (input.title.trim().length < 3) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 3 } })
  if (input.summary.trim().length < 10) problems.push({ field: 'summary', message: 'form.error.minLength', params: { min: 10 } })
  const [territoryId] = await resolveTerritoryField(db, problems, 'territory', input.territory, { single: true })
  if (input.sdgs.some((s) => !Number.isInteger(s) || s < 1 || s > 17)) problems.push({ field: 'sdgs', message: 'form.error.choice' })
  const minCents = readEuros(problems, 'min_amount', input.minAmount)
  const maxCents = readEuros(problems, 'max_amount', input.maxAmount)
  if (minCents !== null && maxCents !== null && maxCents < minCents) problems.push({ field: 'max_amount', message: 'mobilisation.error.maxBelowMin' })
  const opensAt = parisLocalToIso(input.opensAt)
  const deadlineAt = parisLocalToIso(input.deadlineAt)
  if (!opensAt) problems.push({ field: 'opens_at', message: 'mobilisation.error.localTime' })
  if (!deadlineAt) problems.push({ field: 'deadline_at', message: 'mobilisation.error.localTime' })
  else if (opensAt && deadlineAt <= opensAt) problems.push({ field: 'deadline_at', message: 'mobilisation.error.deadlineBeforeOpening' })
  else if (deadlineAt <= nowIso()) problems.push({ field: 'deadline_at', message: 'mobilisation.error.deadlinePast' })
  const criteria: ProjectCallValues['criteria'] = []
  input.criteria.forEach((c, i) => {
    const n = i + 1
    if (c.label.trim() === '' && c.weight === undefined) return
    if (c.label.trim().length < 3) problems.push({ field: `criterion_label_${n}`, message: 'form.error.minLength', params: { min: 3 } })
    const weight = c.weight ?? 1
    if (!Number.isInteger(weight) || weight < 1 || weight > 10) problems.push({ field: `criterion_weight_${n}`, message: 'mobilisation.error.weight' })
    criteria.push({ position: n, label: c.label.trim(), weight })
  })
  if (criteria.length === 0 && !problems.some((p) => p.field.startsWith('criterion_'))) problems.push({ field: 'criterion_label_1', message: 'mobilisation.error.noCriterion' })
  if (problems.length > 0 || minCents === null || maxCents === null || !opensAt || !deadlineAt) throw validationError(problems)
  return { territoryId: territoryId as string, minCents, maxCents, opensAt, deadlineAt, criteria }
}

function callColumns(input: ProjectCallInput, values: ProjectCallValues) {
  return {
    title: input.title.trim(),
    summary: input.summary.trim(),
    territory_id: values.territoryId,
    min_amount_cents: values.minCents,
    max_amount_cents: values.maxCents,
    cofunding_min_percent: input.cofundingMinPercent,
    min_worlds: input.minWorlds,
    score_max: input.scoreMax,
    opens_at: values.opensAt,
    deadline_at: values.deadlineAt,
  }
}

async function writeGrid(db: Kysely<Database>, callId: string, input: ProjectCallInput, values: ProjectCallValues): Promise<void> {
  await db.deleteFrom('mobilisation_criteria').where('call_id', '=', callId).execute()
  await db.deleteFrom('mobilisation_project_call_sdgs').where('call_id', '=', callId).execute()
  await db.insertInto('mobilisation_criteria').values(values.criteria.map((c) => ({ call_id: callId, ...c }))).execute()
  const sdgs = [...new Set(input.sdgs)]
  if (sdgs.length > 0) await db.insertInto('mobilisation_project_call_sdgs').values(sdgs.map((sdg) => ({ call_id: callId, sdg }))).execute()
}

/** Drafts a call for projects of a fund (its admins). Every problem at once (400). Returns its id. */
export async function createProjectCall(db: Db, actor: Actor, fundId: string, input: ProjectCallInput): Promise<string> {
  authorizeFundAdmin(actor, await loadFund(db, actor, fundId))
  const user = requireUser(actor)
  const values = await validateProjectCall(db, input)
  const id = newId()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mobilisation_project_calls')
      .values({ id, fund_id: fundId, ...callColumns(input, values), questionnaire_id: null, questions: '', status: 'draft', published_at: null, decided_at: null, reminded_at: null, is_demo: 0, created_by: user.userId, created_at: now, updated_at: now })
      .execute()
    await writeGrid(trx, id, input, values)
  })
  return id
}

/** Changes a draft (its fund's admins); a published call keeps its rules (409). */
export async function updateProjectCall(db: Db, actor: Actor, id: string, input: ProjectCallInput): Promise<void> {
  const { call } = authorizeProjectCallManage(actor, await loadProjectCall(db, actor, id))
  if (call.status !== 'draft') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.callPublished')
  const values = await validateProjectCall(db, input)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('mobilisation_project_calls').set({ ...callColumns(input, values), updated_at: nowIso() }).where('id', '=', id).execute()
    await writeGrid(trx, id, input, values)
  })
}

/**
 * Creates the call's questionnaire in the surveys module (a questionnaire of the fund's host organisation, from the
 * empty template), to be built at `/enquetes/<id>`. 409 once the call is published or when it already has one.
 */
export async function createCallQuestionnaire(db: Db, actor: Actor, id: string): Promise<string> {
  const { call } = authorizeProjectCallManage(actor, await loadProjectCall(db, actor, id))
  if (call.status !== 'draft') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.callPublished')
  if (call.questionnaire_id) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.questionnaireExists')
  const questionnaireId = await createQuestionnaire(db, actor, { organisationId: call.host_organisation_id, title: `${call.title} — questions`.slice(0, 200), template: 'vide', territoryId: null })
  await db.updateTable('mobilisation_project_calls').set({ questionnaire_id: questionnaireId, updated_at: nowIso() }).where('id', '=', id).where('questionnaire_id', 'is', null).execute()
  return questionnaireId
}

/**
 * Publishes a draft (its fund's admins): the questions are frozen from the questionnaire as it is now, so that every
 * applicant answers the same ones. 409 when already published or its deadline has passed.
 */
export async function publishProjectCall(db: Db, actor: Actor, id: string): Promise<void> {
  const { call } = authorizeProjectCallManage(actor, await loadProjectCall(db, actor, id))
  if (call.status !== 'draft') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.callPublished')
  if (call.deadline_at <= nowIso()) throw new AppError('ALLIANCE_ERR_DEADLINE_PASSED', 'mobilisation.error.deadlinePast')
  let questions = ''
  if (call.questionnaire_id) {
    const row = await db.selectFrom('survey_questionnaires').select('definition').where('id', '=', call.questionnaire_id).executeTakeFirst()
    if (row) questions = JSON.stringify(parseDefinition(row.definition))
  }
  const now = nowIso()
  const done = await db.updateTable('mobilisation_project_calls').set({ status: 'published', questions, published_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.callPublished')
}

/** Assigns a committee member to review the call's applications (fund admins); 409 when already assigned. */
export async function assignReviewer(db: Db, actor: Actor, callId: string, userId: string): Promise<void> {
  const { call } = authorizeProjectCallManage(actor, await loadProjectCall(db, actor, callId))
  const user = requireUser(actor)
  if (call.status === 'decided') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.decided')
  const member = await db.selectFrom('mobilisation_fund_members').select('user_id').where('fund_id', '=', call.fund_id).where('user_id', '=', userId).executeTakeFirst()
  if (!member) throw validationError([{ field: 'user_id', message: 'mobilisation.error.notCommittee' }])
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('mobilisation_reviewers').values({ call_id: callId, user_id: userId, assigned_by: user.userId, assigned_at: nowIso() }).execute()
      await notifyReviewerAssigned(trx, { callId, call: call.title, userId }, user.userId)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.alreadyReviewer', { cause: error })
    throw error
  }
}

/** Removes a reviewer (fund admins); their draft reviews go, submitted ones stay in the deliberation. */
export async function unassignReviewer(db: Db, actor: Actor, callId: string, userId: string): Promise<void> {
  const { call } = authorizeProjectCallManage(actor, await loadProjectCall(db, actor, callId))
  if (call.status === 'decided') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.decided')
  await db.transaction().execute(async (trx) => {
    const done = await trx.deleteFrom('mobilisation_reviewers').where('call_id', '=', callId).where('user_id', '=', userId).executeTakeFirst()
    if (Number(done.numDeletedRows) !== 1) throw notFound()
    const drafts = trx.selectFrom('mobilisation_reviews').select('application_id').where('call_id', '=', callId).where('user_id', '=', userId).where('status', '=', 'draft')
    await trx.deleteFrom('mobilisation_scores').where('user_id', '=', userId).where('application_id', 'in', drafts).execute()
    await trx.deleteFrom('mobilisation_reviews').where('call_id', '=', callId).where('user_id', '=', userId).where('status', '=', 'draft').execute()
  })
}
