/**
 * The review (bilan partenarial) of a round: established when the round closes (or later by a coordinator for a
 * round closed by its date), rebuilt in a new version when a coordinator refreshes it, approved by each active
 * partner's admin for its organisation, then published by a coordinator once every active partner approved
 * the current version — public alliances only. A published review never changes.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { isUniqueViolation } from '../../core/db/dialect.js'
import { nowIso } from '../../core/db/values.js'
import { AppError, notFound } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { authorizeCoordinate, loadAllianceAccess, type AllianceAccess, type AllianceScope } from '../alliances/index.js'
import { notifyReviewReady, notifyReviewToApprove } from './evaluation.notifications.js'
import { authorizeActingFor } from './evaluation.policy.js'
import { findRound, roundStatus, type Round } from './evaluation.queries.js'
import type { EvaluationReviewsTable } from './evaluation.table.js'
import { reviewDocument, type ReviewDocument } from './review.js'
import { parisToday } from '../../core/time/calendar.js'

type Db = Kysely<Database>

export interface Review extends Omit<EvaluationReviewsTable, 'content'> {
  document: ReviewDocument
  /** approvals of the current version */
  approvals: Array<{ organisation_id: string; approver_name: string; approved_at: string }>
  /** active partners that have not approved the current version */
  pending: Array<{ organisationId: string; name: string }>
}

const refOf = (access: AllianceAccess, round: Round) => ({ allianceId: access.alliance.id, allianceName: access.alliance.name, roundId: round.id, number: round.number, closesOn: round.closes_on })

/** The review of a round, with the approvals of its current version and who is missing; undefined before it exists. */
export async function findReview(db: Db, scope: AllianceScope, roundId: string): Promise<Review | undefined> {
  const row = await db.selectFrom('evaluation_reviews').selectAll().where('alliance_id', '=', scope.allianceId).where('round_id', '=', roundId).executeTakeFirst()
  if (!row) return undefined
  const [approvals, active] = await Promise.all([
    db.selectFrom('evaluation_review_approvals').select(['organisation_id', 'approver_name', 'approved_at']).where('round_id', '=', roundId).where('version', '=', row.version).orderBy('approved_at').execute(),
    db
      .selectFrom('alliance_partners')
      .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
      .select(['alliance_partners.organisation_id', 'organisations.name'])
      .where('alliance_partners.alliance_id', '=', scope.allianceId)
      .where('alliance_partners.status', '=', 'active')
      .orderBy('organisations.search_name')
      .execute(),
  ])
  const approved = new Set(approvals.map((a) => a.organisation_id))
  const { content, ...rest } = row
  return { ...rest, document: JSON.parse(content) as ReviewDocument, approvals, pending: active.filter((p) => !approved.has(p.organisation_id)).map((p) => ({ organisationId: p.organisation_id, name: p.name })) }
}

/**
 * Establishes the review of a closed round, or a new version of it (coordinators' admins). Earlier approvals
 * belong to the earlier version: every partner approves the new one again and is notified. 409 before the
 * round closes and after publication.
 */
export async function buildReview(db: Db, actor: Actor, allianceId: string, roundId: string): Promise<number> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const user = requireUser(actor)
  const round = await findRound(db, scope, roundId)
  if (!round) throw notFound()
  const today = parisToday()
  if (roundStatus(round, today) !== 'closed') throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.reviewBeforeClose')
  const document = await reviewDocument(db, scope, round, today)
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('evaluation_reviews').select(['version', 'published_at']).where('round_id', '=', roundId).executeTakeFirst()
      if (existing?.published_at) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.reviewPublished')
      const version = (existing?.version ?? 0) + 1
      const now = nowIso()
      if (existing) {
        const updated = await trx.updateTable('evaluation_reviews').set({ version, content: JSON.stringify(document), built_at: now, built_by: user.userId }).where('round_id', '=', roundId).where('version', '=', existing.version).executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.reviewRace')
      } else {
        await trx.insertInto('evaluation_reviews').values({ round_id: roundId, alliance_id: scope.allianceId, version, content: JSON.stringify(document), built_at: now, built_by: user.userId, published_at: null, published_by: null }).execute()
      }
      await notifyReviewToApprove(trx, refOf(access, round), version, document.partners.map((p) => p.organisationId), user.userId)
      return version
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.reviewRace')
    throw error
  }
}

/**
 * Approves the current version of the review for an organisation (its admins, an active partner). Approving a
 * version that a newer one replaced, or the same version twice, is a 409; so is approving a published review.
 */
export async function approveReview(db: Db, actor: Actor, allianceId: string, roundId: string, input: { organisationId: string; version: number }): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeActingFor(actor, access, input.organisationId, { admin: true, adminKey: 'evaluation.error.approveAdminOnly' })
  const round = await findRound(db, scope, roundId)
  if (!round) throw notFound()
  const user = requireUser(actor)
  try {
    await db.transaction().execute(async (trx) => {
      const review = await trx.selectFrom('evaluation_reviews').select(['version', 'published_at']).where('round_id', '=', roundId).executeTakeFirst()
      if (!review) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.noReview')
      if (review.published_at) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.reviewPublished')
      if (review.version !== input.version) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.reviewOutdated', { params: { version: input.version, current: review.version } })
      const already = await trx.selectFrom('evaluation_review_approvals').select('approved_at').where('round_id', '=', roundId).where('version', '=', review.version).where('organisation_id', '=', input.organisationId).executeTakeFirst()
      if (already) throw new AppError('ALLIANCE_ERR_ALREADY_APPROVED', 'evaluation.error.alreadyApproved', { params: { version: review.version } })
      await trx.insertInto('evaluation_review_approvals').values({ round_id: roundId, version: review.version, organisation_id: input.organisationId, approved_by: user.userId, approver_name: actor.displayName, approved_at: nowIso() }).execute()
      const active = await trx.selectFrom('alliance_partners').select('organisation_id').where('alliance_id', '=', allianceId).where('status', '=', 'active').execute()
      const approved = new Set((await trx.selectFrom('evaluation_review_approvals').select('organisation_id').where('round_id', '=', roundId).where('version', '=', review.version).execute()).map((a) => a.organisation_id))
      if (active.every((p) => approved.has(p.organisation_id))) await notifyReviewReady(trx, refOf(access, round), user.userId)
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_ALREADY_APPROVED', 'evaluation.error.alreadyApproved', { params: { version: input.version } })
    throw error
  }
}

/**
 * Publishes the review (coordinators' admins): only for a public alliance, and once every active partner approved
 * the current version (409 `ALLIANCE_ERR_REVIEW_NOT_APPROVED` naming who is missing). Publishing twice is a 409.
 */
export async function publishReview(db: Db, actor: Actor, allianceId: string, roundId: string): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const user = requireUser(actor)
  const review = await findReview(db, scope, roundId)
  if (!review) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.noReview')
  if (review.published_at) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.reviewPublished')
  if (access.alliance.visibility !== 'public') throw new AppError('ALLIANCE_ERR_REVIEW_NOT_APPROVED', 'evaluation.error.publishPartnersOnly')
  if (review.pending.length > 0) throw new AppError('ALLIANCE_ERR_REVIEW_NOT_APPROVED', 'evaluation.error.publishPending', { params: { names: review.pending.map((p) => p.name).join(', '), count: review.pending.length } })
  const updated = await db.updateTable('evaluation_reviews').set({ published_at: nowIso(), published_by: user.userId }).where('round_id', '=', roundId).where('version', '=', review.version).where('published_at', 'is', null).executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'evaluation.error.reviewRace')
}
