/**
 * Evaluation of alliances (évaluation partenariale): dated rounds in which each active partner answers for its
 * organisation (the grid of 3 objects × 7 approaches, the 3 impacts for 3 scopes, lessons), crossed views after
 * closing and trajectories across rounds, the alliance's own indicators, and the partnership review (bilan)
 * approved by every partner and published.
 *
 * Owns: `evaluation_rounds`, `evaluation_answers`, `evaluation_ratings`, `evaluation_impacts`,
 * `evaluation_reviews`, `evaluation_review_approvals`, `evaluation_indicators`, `evaluation_indicator_values`.
 *
 * For other features (mobilisation follows what it finances through rounds and reviews):
 * - `openRound(db, actor, allianceId, input)` opens a round on an alliance (its coordinators' admins) and
 *   returns its id; refused input is a 400 naming every field, another round not yet closed a 409;
 * - `readReview(db, actor, allianceId, roundId)` reads a round's review with the rights of its page (partners
 *   while a draft, everyone once published on a public alliance): `review` is undefined before it exists;
 * - `listPublishedReviews(db, allianceId)`: the published reviews of a public alliance, newest round first.
 */
import type { FastifyInstance } from 'fastify'
import { evaluationApi } from './evaluation.api.js'
import { evaluationRoutes } from './evaluation.routes.js'
import { indicatorsApi } from './indicators.api.js'
import { indicatorRoutes } from './indicators.routes.js'

// The life of a round: mobilisation opens the report round of a grant; practices' tests publish a review with them.
export { openRound, closeRound } from './rounds.service.js'
export { saveAnswer } from './answers.service.js'
export { approveReview, publishReview } from './review.service.js'
export { listPublishedReviews } from './evaluation.read.js'
export type { EvaluationTables } from './evaluation.table.js'
export { loadEvaluationDemo } from './evaluation.demo.js'
export { evaluationMessages } from './evaluation.messages.js'
export { evaluationNotificationKinds, evaluationNotificationMessages } from './evaluation.notifications.js'
export { evaluationPersonalData } from './evaluation.personal-data.js'

/** The evaluation pages and API (registered by `src/app.ts`). */
export async function evaluationFeature(app: FastifyInstance): Promise<void> {
  await app.register(evaluationRoutes)
  await app.register(indicatorRoutes)
  await app.register(evaluationApi)
  await app.register(indicatorsApi)
}
