/**
 * Reviewing applications: each assigned reviewer scores each application on the call's weighted grid, on their own
 * (nobody's scores are shown to a reviewer before they submit theirs), writes a comment, and submits once. A
 * reviewer may declare a conflict of interest with an application at any time: they no longer see it, and their
 * review of it (draft or submitted) is dropped from the deliberation.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { isUniqueViolation } from '../../../core/db/dialect.js'
import { nowIso } from '../../../core/db/values.js'
import { AppError, validationError, type FieldProblem } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { loadApplicationAccess } from '../projects/access.js'
import { authorizeDeclareConflict, authorizeReview } from '../projects/projects.policy.js'
import { listCriteria, type Criterion } from '../projects/projects.queries.js'

type Db = Kysely<Database>

export interface ReviewInput {
  /** criterion position → score as typed (empty: not scored yet) */
  scores: Record<number, string | number | undefined>
  comment: string
  intent: 'draft' | 'submit'
}

/** The field of a criterion's score. */
export function scoreField(position: number): string {
  return `score_${position}`
}

/**
 * The weighted score of a review in thousandths of the maximum (0–1000), rounded half up: Σ weight × score over
 * Σ weight × score_max. Edge case: an empty grid scores 0.
 */
export function weightedTotal(criteria: Criterion[], scores: Map<number, number>, scoreMax: number): number {
  const denominator = criteria.reduce((sum, c) => sum + c.weight, 0) * scoreMax
  if (denominator === 0) return 0
  const numerator = criteria.reduce((sum, c) => sum + c.weight * (scores.get(c.position) ?? 0), 0) * 1000
  return Math.floor((2 * numerator + denominator) / (2 * denominator))
}

/**
 * Saves or submits the actor's review of an application (an assigned reviewer without conflict: 403 with the
 * conflict's reason otherwise). Refused (400, every criterion at once): a score outside the grid (0 to the call's
 * maximum, whole numbers), a criterion left blank on submission. 409 once submitted or once decisions are published.
 */
export async function saveReview(db: Db, actor: Actor, applicationId: string, input: ReviewInput): Promise<void> {
  const access = authorizeReview(actor, await loadApplicationAccess(db, actor, applicationId))
  const user = requireUser(actor)
  if (access.call.status === 'decided') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.decided')
  const criteria = await listCriteria(db, access.call.id)
  const max = access.call.score_max
  const problems: FieldProblem[] = []
  const scores = new Map<number, number>()
  for (const c of criteria) {
    const raw = input.scores[c.position]
    const text = raw === undefined ? '' : String(raw).trim()
    if (text === '') {
      if (input.intent === 'submit') problems.push({ field: scoreField(c.position), message: 'mobilisation.error.scoreMissing' })
      continue
    }
    const value = Number(text)
    if (!/^\d+$/.test(text) || value > max) problems.push({ field: scoreField(c.position), message: 'mobilisation.error.scoreRange', params: { max } })
    else scores.set(c.position, value)
  }
  if (input.comment.length > 5000) problems.push({ field: 'comment', message: 'form.error.maxLength', params: { max: 5000 } })
  if (problems.length > 0) throw validationError(problems)
  const final = input.intent === 'submit'
  await db.transaction().execute(async (trx) => {
    const now = nowIso()
    const existing = await trx.selectFrom('mobilisation_reviews').select('status').where('application_id', '=', applicationId).where('user_id', '=', user.userId).executeTakeFirst()
    if (existing?.status === 'submitted') throw new AppError('ALLIANCE_ERR_ALREADY_SUBMITTED', 'mobilisation.error.reviewSubmitted')
    const row = { status: final ? ('submitted' as const) : ('draft' as const), comment: input.comment.trim(), total_milli: final ? weightedTotal(criteria, scores, max) : null, updated_at: now, submitted_at: final ? now : null }
    if (existing) {
      const done = await trx.updateTable('mobilisation_reviews').set(row).where('application_id', '=', applicationId).where('user_id', '=', user.userId).where('status', '=', 'draft').executeTakeFirst()
      if (Number(done.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_ALREADY_SUBMITTED', 'mobilisation.error.reviewSubmitted')
    } else {
      await trx.insertInto('mobilisation_reviews').values({ application_id: applicationId, user_id: user.userId, call_id: access.call.id, ...row }).execute()
    }
    await trx.deleteFrom('mobilisation_scores').where('application_id', '=', applicationId).where('user_id', '=', user.userId).execute()
    if (scores.size > 0) await trx.insertInto('mobilisation_scores').values([...scores].map(([position, score]) => ({ application_id: applicationId, user_id: user.userId, position, score }))).execute()
  })
}

/** Declares a conflict of interest with an application (an assigned reviewer who sees it); 409 when already declared. */
export async function declareConflict(db: Db, actor: Actor, applicationId: string, reason: string): Promise<void> {
  authorizeDeclareConflict(actor, await loadApplicationAccess(db, actor, applicationId))
  const user = requireUser(actor)
  if (reason.trim().length < 5) throw validationError([{ field: 'reason', message: 'form.error.minLength', params: { min: 5 } }])
  if (reason.length > 1000) throw validationError([{ field: 'reason', message: 'form.error.maxLength', params: { max: 1000 } }])
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('mobilisation_conflicts').values({ application_id: applicationId, user_id: user.userId, reason: reason.trim(), declared_at: nowIso() }).execute()
      await trx.deleteFrom('mobilisation_scores').where('application_id', '=', applicationId).where('user_id', '=', user.userId).execute()
      await trx.deleteFrom('mobilisation_reviews').where('application_id', '=', applicationId).where('user_id', '=', user.userId).execute()
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.conflictDeclared', { cause: error })
    throw error
  }
}
