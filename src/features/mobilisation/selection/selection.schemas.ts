/**
 * Schemas of the selection: the review form (one `score_n` field per criterion of the grid, a comment, draft or
 * submit), a declared conflict, a decision; their API twins; and what the API shows of a deliberation. Scores are
 * read as text so that a score outside the grid is named by the service with the grid's maximum.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, IsoDateTime, named, Nullable } from '../../../core/http/schemas.js'
import { centsText } from '../amounts.js'
import { CRITERIA_ROWS } from '../projects/project-calls.service.js'
import type { loadDeliberation } from './decisions.service.js'
import { OUTCOMES } from './decisions.service.js'
import { RANKING_METHOD, type Stat } from './deliberation.js'
import type { ReviewInput } from './reviews.service.js'

const scoreFields: Record<string, TSchema> = Object.fromEntries(Array.from({ length: CRITERIA_ROWS }, (_, i) => [`score_${i + 1}`, Type.Optional(Type.String({ maxLength: 10 }))]))

/** The review form: `score_1` … `score_6`, the comment, and the button pressed. */
export const ReviewForm = Type.Object({ ...scoreFields, comment: Type.Optional(Type.String({ maxLength: 5000 })), intent: Enum(['draft', 'submit'] as const) })

export function reviewInputOfForm(body: Static<typeof ReviewForm>): ReviewInput {
  const rows = body as unknown as Record<string, string | undefined>
  const scores: ReviewInput['scores'] = {}
  for (let n = 1; n <= CRITERIA_ROWS; n++) scores[n] = rows[`score_${n}`]
  return { scores, comment: body.comment ?? '', intent: body.intent }
}

/** The API body of a review: the scores by criterion position. */
export const ReviewBody = Type.Object(
  {
    scores: Type.Array(Type.Object({ position: Type.Integer({ minimum: 1, maximum: CRITERIA_ROWS }), score: Type.Integer({ description: 'From 0 to the call’s `score_max`' }) }, { additionalProperties: false }), { maxItems: CRITERIA_ROWS }),
    comment: Type.Optional(Type.String({ maxLength: 5000 })),
    submit: Type.Boolean({ description: '`true` submits the review (once; every criterion scored), `false` keeps a draft' }),
  },
  { additionalProperties: false },
)

export function reviewInputOfBody(body: Static<typeof ReviewBody>): ReviewInput {
  const scores: ReviewInput['scores'] = {}
  for (const s of body.scores) scores[s.position] = s.score
  return { scores, comment: body.comment ?? '', intent: body.submit ? 'submit' : 'draft' }
}

export const ConflictBody = Type.Object({ reason: Type.String({ maxLength: 1000, description: 'The nature of the conflict (5 characters at least)' }) }, { additionalProperties: false })

const decisionFields = {
  outcome: Enum(OUTCOMES),
  amount: Type.Optional(Type.String({ maxLength: 30, description: 'Euros granted (funded only)' })),
  conditions: Type.Optional(Type.String({ maxLength: 2000 })),
  reasons: Type.String({ maxLength: 5000, description: 'Sent to the applicants (10 characters at least)' }),
}

export const DecisionForm = Type.Object(decisionFields)
export const DecisionBody = Type.Object(decisionFields, { additionalProperties: false })

const StatSchema = named('ScoreStat', Type.Object({ n: Type.Integer(), mean: Nullable(Type.Number()), spread: Nullable(Type.Number()) }))

export const DeliberationRowSchema = named(
  'DeliberationRow',
  Type.Object({
    rank: Type.Integer(),
    application: Type.Object({ id: Id, title: Type.String(), href: Type.String() }),
    alliance: Type.Object({ id: Id, name: Type.String() }),
    requested: Type.String({ description: 'Euros asked of the fund' }),
    submitted_at: IsoDateTime,
    score: StatSchema,
    criteria: Type.Array(Type.Object({ position: Type.Integer(), stat: StatSchema })),
    comments: Type.Array(Type.Object({ reviewer: Type.String(), comment: Type.String(), score: Type.Number() })),
    excluded_reviewers: Type.Integer({ description: 'Reviewers kept away by a conflict of interest' }),
    decision: Nullable(Type.Object({ outcome: Enum(OUTCOMES), amount: Type.String(), conditions: Type.String(), reasons: Type.String(), published_at: Nullable(IsoDateTime) })),
  }),
)

export const DeliberationSchema = Type.Object(
  {
    method: Type.Object({ id: Type.Literal(RANKING_METHOD), description: Type.String() }),
    criteria: Type.Array(Type.Object({ position: Type.Integer(), label: Type.String(), weight: Type.Integer() })),
    data: Type.Array(DeliberationRowSchema),
    undecided: Type.Integer(),
    total: Type.Integer(),
    page: Type.Integer(),
    per_page: Type.Integer(),
    page_count: Type.Integer(),
  },
  { description: 'The ranked applications with their scores, comments and decisions' },
)

type Deliberation = Awaited<ReturnType<typeof loadDeliberation>>
const stat = (s: Stat) => ({ n: s.n, mean: s.mean, spread: s.spread })

export function presentDeliberationRow(r: Deliberation['rows'][number]): Static<typeof DeliberationRowSchema> {
  return {
    rank: r.rank,
    application: { id: r.id, title: r.title, href: `/mobilisation/candidatures/${r.id}` },
    alliance: { id: r.alliance_id, name: r.alliance_name },
    requested: centsText(r.requested_cents),
    submitted_at: r.submitted_at,
    score: stat(r.score),
    criteria: [...(r.details?.criteria ?? new Map<number, Stat>())].map(([position, s]) => ({ position, stat: stat(s) })).sort((a, b) => a.position - b.position),
    comments: (r.details?.comments ?? []).map((c) => ({ reviewer: c.display_name, comment: c.comment, score: c.score })),
    excluded_reviewers: r.excluded,
    decision: r.decision ? { outcome: r.decision.outcome, amount: centsText(Number(r.decision.amount_cents)), conditions: r.decision.conditions, reasons: r.decision.reasons, published_at: r.decision.published_at } : null,
  }
}
