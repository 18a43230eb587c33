/**
 * What the evaluation pages and API read, each through the policy: the evaluation space of an alliance (rounds,
 * trajectories), one round (who answered, the actor's own answers, crossed views once closed), a review (partners
 * while it is a draft; everyone once published on a public alliance).
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../core/access/actor.js'
import { notFound } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { parisToday } from '../../core/time/calendar.js'
import { authorizeView, isCoordinatorAdmin, listPartners, loadAllianceAccess, type AllianceAccess, type AllianceScope } from '../alliances/index.js'
import { crossedView, trajectories, type CrossedView } from './crossed.js'
import { CURRENT_GRID, gridOf } from './evaluation.grid.js'
import { authorizeEvaluation, partnerOrganisations } from './evaluation.policy.js'
import { answerStatuses, findOwnAnswer, findRound, listRounds, listSubmittedAnswers, roundStatus, type Answer, type Round, type RoundRow, type RoundStatus } from './evaluation.queries.js'
import { findReview, type Review } from './review.service.js'

type Db = Kysely<Database>

export interface EvaluationSpace {
  access: AllianceAccess
  scope: AllianceScope
  rounds: Array<RoundRow & { status: RoundStatus }>
  trajectories: ReturnType<typeof trajectories>
  coordinate: boolean
}

/** The evaluation space of an alliance (members of its active partners). */
export async function loadEvaluationSpace(db: Db, actor: Actor, allianceId: string): Promise<EvaluationSpace> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeEvaluation(actor, access)
  const today = parisToday()
  const rounds = (await listRounds(db, scope)).map((r) => ({ ...r, status: roundStatus(r, today) }))
  const closed = rounds.filter((r) => r.status === 'closed')
  const answers = await listSubmittedAnswers(db, scope, closed.map((r) => r.id))
  return { access, scope, rounds, trajectories: trajectories(CURRENT_GRID, closed, answers), coordinate: isCoordinatorAdmin(actor, access) }
}

export interface RoundView {
  access: AllianceAccess
  scope: AllianceScope
  round: Round
  status: RoundStatus
  /** every active partner (and any that answered and left since), with whether it submitted */
  respondents: Array<{ organisationId: string; name: string; world: string; submitted: boolean }>
  /** the actor's own partner organisations and their answer (draft or submitted), to write or read */
  own: Array<{ organisationId: string; name: string; admin: boolean; answer: Answer | undefined }>
  /** crossed views, once the round is closed */
  crossed: CrossedView | null
  review: Review | undefined
  coordinate: boolean
}

/** One round, for the members of the alliance's active partners; a round of another alliance is a 404. */
export async function loadRoundView(db: Db, actor: Actor, allianceId: string, roundId: string): Promise<RoundView> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeEvaluation(actor, access)
  const round = await findRound(db, scope, roundId)
  if (!round) throw notFound()
  const status = roundStatus(round, parisToday())
  const [partners, statuses, review] = await Promise.all([listPartners(db, scope), answerStatuses(db, scope, roundId), findReview(db, scope, roundId)])
  const active = partners.filter((p) => p.status === 'active' || (p.status === 'left' && statuses.get(p.organisation_id)?.status === 'submitted'))
  const respondents = active.map((p) => ({ organisationId: p.organisation_id, name: p.organisation_name, world: p.world, submitted: statuses.get(p.organisation_id)?.status === 'submitted' }))
  const admins = new Set(partnerOrganisations(actor, access, { admin: true }))
  const own = await Promise.all(
    partnerOrganisations(actor, access, { admin: false }).map(async (organisationId) => ({
      organisationId,
      name: partners.find((p) => p.organisation_id === organisationId)?.organisation_name ?? '',
      admin: admins.has(organisationId),
      answer: await findOwnAnswer(db, scope, roundId, organisationId),
    })),
  )
  let crossed: CrossedView | null = null
  if (status === 'closed') {
    const answers = await listSubmittedAnswers(db, scope, [roundId])
    crossed = crossedView({ grid: gridOf(round.grid_version), disclosure: round.disclosure, expected: partners.filter((p) => p.status === 'active').map((p) => ({ organisationId: p.organisation_id, name: p.organisation_name, world: p.world })), answers })
  }
  return { access, scope, round, status, respondents, own, crossed, review, coordinate: isCoordinatorAdmin(actor, access) }
}

/**
 * A round's review with the rights of its page: once published on a public alliance, everyone who sees the
 * alliance; before, the members of its active partners (403/404 otherwise). Undefined before it exists.
 */
export async function readReview(db: Db, actor: Actor, allianceId: string, roundId: string): Promise<{ access: AllianceAccess; round: Round; review: Review | undefined }> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const seen = authorizeView(actor, access)
  const published = await db.selectFrom('evaluation_reviews').select('published_at').where('alliance_id', '=', seen.allianceId).where('round_id', '=', roundId).executeTakeFirst()
  const scope = published?.published_at && access.alliance.visibility === 'public' ? seen : authorizeEvaluation(actor, access)
  const round = await findRound(db, scope, roundId)
  if (!round) throw notFound()
  return { access, round, review: await findReview(db, scope, roundId) }
}

/** A review that exists, with the alliance and round it belongs to. */
export interface ReadableReview {
  access: AllianceAccess
  round: Round
  review: Review
}

/** Like `readReview`, for the review's own pages: 404 before it is established. */
export async function readExistingReview(db: Db, actor: Actor, allianceId: string, roundId: string): Promise<ReadableReview> {
  const { access, round, review } = await readReview(db, actor, allianceId, roundId)
  if (!review) throw notFound()
  return { access, round, review }
}

/** The published reviews of a public alliance (none for a partners-only alliance), newest round first. */
export async function listPublishedReviews(db: Db, allianceId: string): Promise<Array<{ roundId: string; number: number; title: string; periodStart: string; periodEnd: string; publishedAt: string }>> {
  const rows = await db
    .selectFrom('evaluation_reviews')
    .innerJoin('evaluation_rounds', 'evaluation_rounds.id', 'evaluation_reviews.round_id')
    .innerJoin('alliances', 'alliances.id', 'evaluation_reviews.alliance_id')
    .select(['evaluation_rounds.id', 'evaluation_rounds.number', 'evaluation_rounds.title', 'evaluation_rounds.period_start', 'evaluation_rounds.period_end', 'evaluation_reviews.published_at'])
    .where('evaluation_reviews.alliance_id', '=', allianceId)
    .where('alliances.visibility', '=', 'public')
    .where('evaluation_reviews.published_at', 'is not', null)
    .orderBy('evaluation_rounds.number', 'desc')
    .execute()
  return rows.map((r) => ({ roundId: r.id, number: r.number, title: r.title, periodStart: r.period_start, periodEnd: r.period_end, publishedAt: r.published_at as string }))
}

/** The review as the JSON export gives it: its document, version, approvals and publication. */
export function reviewJson(review: Review) {
  return {
    round_id: review.round_id,
    alliance_id: review.alliance_id,
    version: review.version,
    built_at: review.built_at,
    published_at: review.published_at,
    approvals: review.approvals,
    pending: review.pending.map((p) => ({ organisation_id: p.organisationId, name: p.name })),
    document: review.document,
  }
}
