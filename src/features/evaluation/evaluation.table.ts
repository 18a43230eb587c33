/** Kysely types of evaluation: rounds, answers (grid ratings, impacts, free text), reviews, indicators. */

/** `named`: crossed views show each organisation's answer; `worlds`: only distributions per world. */
export type Disclosure = 'named' | 'worlds'

/** A partner's answer is a `draft` (its members) until its admin `submitted` it; it can change until the round closes. */
export type AnswerStatus = 'draft' | 'submitted'

export interface EvaluationRoundsTable {
  id: string
  alliance_id: string
  /** 1, 2, 3… per alliance */
  number: number
  title: string
  /** the period the round looks back on (YYYY-MM-DD) */
  period_start: string
  period_end: string
  /** answers are accepted from `opens_on` to `closes_on` included (days in France) */
  opens_on: string
  closes_on: string
  /** the version of the evaluation grid answered (evaluation.grid.ts) */
  grid_version: number
  disclosure: Disclosure
  opened_by: string | null
  /** set when the coordinator closed the round early; a round is also closed after `closes_on` */
  closed_at: string | null
  closed_by: string | null
  is_demo: number
  created_at: string
  updated_at: string
}

export interface EvaluationAnswersTable {
  id: string
  round_id: string
  alliance_id: string
  organisation_id: string
  status: AnswerStatus
  what_worked: string
  difficulties: string
  lessons: string
  created_at: string
  updated_by: string | null
  updated_at: string
  submitted_by: string | null
  submitted_at: string | null
}

/**
 * One cell of the grid: an object × an approach, a level of the scale (0 = "ne sait pas"; null while a draft
 * only has a comment), a comment or evidence.
 */
export interface EvaluationRatingsTable {
  answer_id: string
  object: string
  approach: string
  level: number | null
  comment: string
}

/** One impact (innovation, performance, confiance) for one scope (organisation, publics, territoire). */
export interface EvaluationImpactsTable {
  answer_id: string
  impact: string
  scope: string
  level: number | null
  comment: string
}

/** The partnership review (bilan) of a round: a frozen JSON document in versions, approved per version. */
export interface EvaluationReviewsTable {
  round_id: string
  alliance_id: string
  version: number
  /** JSON of `ReviewDocument` */
  content: string
  built_at: string
  built_by: string | null
  published_at: string | null
  published_by: string | null
}

export interface EvaluationReviewApprovalsTable {
  round_id: string
  version: number
  organisation_id: string
  approved_by: string | null
  /** the approver's name at the time (kept if the account is later deleted) */
  approver_name: string
  approved_at: string
}

export interface EvaluationIndicatorsTable {
  id: string
  alliance_id: string
  name: string
  /** free text, e.g. "personnes accompagnées", "%", "tonnes" */
  unit: string
  /** code of the vocabulary kind `indicator_direction` */
  direction: string
  /** values × 100, exact (two decimals at most) */
  baseline_hundredths: number | null
  baseline_on: string | null
  target_hundredths: number | null
  target_on: string | null
  /** an SDG target such as `4.1` */
  sdg_target: string | null
  source: string
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface EvaluationIndicatorValuesTable {
  id: string
  indicator_id: string
  alliance_id: string
  /** the partner organisation that recorded the value */
  organisation_id: string
  measured_on: string
  value_hundredths: number
  source: string
  note: string
  recorded_by: string | null
  recorded_at: string
}

export interface EvaluationTables {
  evaluation_rounds: EvaluationRoundsTable
  evaluation_answers: EvaluationAnswersTable
  evaluation_ratings: EvaluationRatingsTable
  evaluation_impacts: EvaluationImpactsTable
  evaluation_reviews: EvaluationReviewsTable
  evaluation_review_approvals: EvaluationReviewApprovalsTable
  evaluation_indicators: EvaluationIndicatorsTable
  evaluation_indicator_values: EvaluationIndicatorValuesTable
}
