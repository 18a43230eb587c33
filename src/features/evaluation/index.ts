/**
 * Evaluation of alliances (évaluation partenariale): dated rounds in which each active partner answers for its
 * organisation (the grid of 3 objects × 7 approaches, the 3 impacts for 3 scopes, lessons), crossed views after
 * closing and trajectories across rounds, the alliance's own indicators, and the partnership review (bilan)
 * approved by every partner and published.
 *
 * Owns: `evaluation_rounds`, `evaluation_answers`, `evaluation_ratings`, `evaluation_impacts`,
 * `evaluation_reviews`, `evaluation_review_approvals`, `evaluation_indicators`, `evaluation_indicator_values`.
 *
 * For other features (mobilisation follows grants through rounds and reviews):
 * - `openRound(db, actor, allianceId, input)` opens a round on an alliance (its coordinators' admins);
 * - `readReview(db, actor, allianceId, roundId)` reads a round's review with the same rights as its page
 *   (partners while it is a draft, everyone once published on a public alliance), undefined before it exists;
 * - `listPublishedReviews(db, allianceId)`: the published reviews of a public alliance.
 */
import type { FastifyInstance } from 'fastify'
import { evaluationApi } from './evaluation.api.js'
import { evaluationPages } from './evaluation.pages.js'
import { indicatorPages } from './indicators.pages.js'

export { openRound, type RoundInput } from './rounds.service.js'
export { readReview, listPublishedReviews } from './evaluation.read.js'
export type { Review } from './review.service.js'
export type { ReviewDocument } from './review.js'
export type { EvaluationTables } from './evaluation.table.js'
export { loadEvaluationDemo } from './evaluation.demo.js'
export { evaluationMessages } from './evaluation.messages.js'
export { evaluationNotificationKinds, evaluationNotificationMessages } from './evaluation.notifications.js'
export { evaluationPersonalData } from './evaluation.personal-data.js'

export async function evaluationFeature(app: FastifyInstance): Promise<void> {
  await app.register(evaluationPages)
  await app.register(indicatorPages)
  await app.register(evaluationApi)
}
