/**
 * Schemas of the published studies' API: the list (paged) and one study's document — the same document as
 * `/etudes/:id/resultats.json` — described to the end, with named components (`Study`, `StudyView`,
 * `StudyQuestion`…) that clients reuse. A figure hidden by the small-cell rule is `null` with its reason
 * (`StudyHiddenReason`); shares are in 0..1, intervals at 95 %.
 */
import Type from 'typebox'
import { Enum, IsoDateTime, named, Nullable, PageQuery, Page, TerritoryId } from '../../../core/http/schemas.js'
import { BREAKDOWN_ROLES, PROFILE_ROLES, QUESTION_TYPES } from '../surveys.definition.js'
import { CAMPAIGN_MODES } from '../campaigns/campaigns.schemas.js'

const Share = (description: string) => Type.Number({ description })
const Count = (description: string) => Type.Integer({ minimum: 0, description })

/** Why a figure is not published. */
export const HiddenReason = named(
  'StudyHiddenReason',
  Enum(['small', 'secondary'] as const, { description: '`small`: fewer than 5 respondents (or all but fewer than 5); `secondary`: hidden so that a small figure cannot be recomputed from the others' }),
)
const Hidden = Nullable(HiddenReason)

/** The status of a base: shown, fragile (fewer than 30 respondents), or not published (fewer than 5). */
export const BaseStatusSchema = named('StudyBaseStatus', Enum(['ok', 'fragile', 'suppressed'] as const, { description: 'Base of 30 respondents or more, of 5 to 29 (read with caution), or under 5 (nothing published)' }))

/** An estimate with its 95 % interval (null bounds: no interval, e.g. a calibration variable's share). */
export const IntervalSchema = named(
  'StudyInterval',
  Type.Object({
    estimate: Type.Number(),
    low: Nullable(Type.Number()),
    high: Nullable(Type.Number()),
  }),
)

const Category = named(
  'StudyCategory',
  Type.Object({
    code: Type.String(),
    label: Type.String(),
    n: Nullable(Count('Respondents who chose it')),
    value: Nullable(IntervalSchema),
    hidden: Hidden,
  }),
)

const Derived = named('StudyDerivedFigure', Type.Object({ value: Nullable(IntervalSchema), hidden: Hidden }, { description: 'A subtotal or a mean' }))

const RankingItem = named(
  'StudyRankingItem',
  Type.Object({
    code: Type.String(),
    label: Type.String(),
    first: Nullable(IntervalSchema),
    firstN: Nullable(Count('Respondents who ranked it first')),
    firstHidden: Hidden,
    meanRank: Nullable(IntervalSchema),
    top2: Nullable(IntervalSchema),
    ranksHidden: Hidden,
  }),
)

const Base = Type.Object({ n: Count('Respondents'), weighted: Type.Number({ description: 'Weighted base (population when weighted)' }) })

const Domain = named(
  'StudySegment',
  Type.Object({
    code: Type.String(),
    label: Type.String(),
    n: Nullable(Count('Respondents of the segment')),
    weighted: Nullable(Type.Number()),
    status: BaseStatusSchema,
    hidden: Hidden,
    values: Type.Array(Nullable(IntervalSchema), { description: 'One per column of the breakdown' }),
    cells: Type.Array(Hidden, { description: 'Why each value is hidden' }),
  }),
)

const Test = named(
  'StudyTest',
  Type.Object({
    statistic: Type.Number({ description: 'Rao–Scott F' }),
    ndf: Type.Number(),
    ddf: Type.Number(),
    p: Type.Number(),
    significant: Type.Boolean({ description: 'p < 0.05' }),
    column: Type.Optional(Type.String({ description: 'The option tested (multiple choice)' })),
  }),
)

const Breakdown = named(
  'StudyBreakdown',
  Type.Object({
    role: Enum(BREAKDOWN_ROLES),
    kind: Enum(['share', 'mean'] as const),
    columns: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
    domains: Type.Array(Domain),
    tests: Type.Array(Test),
    testNote: Nullable(Type.String({ description: 'Why there is no test (the statistics engine’s message)' })),
    testWithheld: Type.Boolean({ description: 'Some tests are not published: they would be computed over hidden cells' }),
  }),
)

const Question = named(
  'StudyQuestion',
  Type.Object({
    key: Type.String(),
    number: Type.Integer({ minimum: 1 }),
    label: Type.String(),
    type: Enum(QUESTION_TYPES),
    profile: Nullable(Enum(PROFILE_ROLES)),
    calibrated: Type.Boolean({ description: 'A weighting variable: its weighted shares equal the margins' }),
    base: Base,
    status: Enum(['ok', 'fragile', 'suppressed', 'error'] as const),
    error: Nullable(Type.String()),
    categories: Nullable(Type.Array(Category)),
    subtotal: Nullable(Type.Object({ label: Type.String(), value: Nullable(IntervalSchema), hidden: Hidden })),
    mean: Nullable(Derived),
    unit: Type.String(),
    ranking: Nullable(
      Type.Object({
        k: Type.Integer({ minimum: 1, description: 'Items to rank' }),
        m: Type.Integer({ minimum: 1, description: 'Items' }),
        items: Type.Array(RankingItem),
        completeBase: Nullable(Base),
      }),
    ),
    breakdown: Nullable(Breakdown),
  }),
)

const Ternary = named(
  'StudyTernary',
  Type.Object({
    questionKey: Type.String(),
    role: Enum(BREAKDOWN_ROLES),
    overall: Nullable(Type.Array(Share('Share ranked first'), { minItems: 3, maxItems: 3 })),
    points: Type.Array(
      Type.Object({
        code: Type.String(),
        label: Type.String(),
        n: Count('Respondents'),
        status: BaseStatusSchema,
        shares: Type.Array(Share('Share ranked first: vision, gestion, action'), { minItems: 3, maxItems: 3 }),
      }),
    ),
  }),
)

/** One results view of a study: everything, or everything broken down by a segment. */
export const StudyViewSchema = named(
  'StudyView',
  Type.Object({
    format: Type.Integer({ description: 'Layout version of the document' }),
    view: Type.String({ description: '`overall` or `by:<segment>`' }),
    computedAt: IsoDateTime,
    dataVersion: Type.Integer({ minimum: 0, description: 'Responses included' }),
    weightingVersion: Type.Integer({ minimum: 0, description: '0: unweighted' }),
    weighted: Type.Boolean(),
    n: Count('Respondents analysed'),
    excluded: Count('Respondents left out of the weighting (a weighting variable unanswered)'),
    baseWeighted: Type.Number(),
    segments: Type.Array(Enum(BREAKDOWN_ROLES)),
    questions: Type.Array(Question),
    ternary: Nullable(Ternary),
  }),
)

const Methodology = named(
  'StudyMethodology',
  Type.Object({
    title: Type.String(),
    organisation: Type.String(),
    author: Type.String(),
    territory: Nullable(Type.String()),
    segments: Type.Array(Type.String({ description: 'Target segment (vocabulary `respondent_segment`)' })),
    opensOn: Type.String({ description: 'First day of answering (Europe/Paris)' }),
    closesOn: Type.String({ description: 'Last day of answering (Europe/Paris)' }),
    mode: Enum(CAMPAIGN_MODES),
    n: Count('Respondents'),
    excluded: Count('Left out of the weighting'),
    weighted: Type.Boolean(),
    base: Type.Number({ description: 'Weighted base' }),
    baseLabel: Type.String({ description: 'What the base counts' }),
    margins: Type.Array(Type.Object({ roles: Type.Array(Type.String()) })),
    marginsSource: Type.String({ description: 'Where the margins come from (tables, years, addresses)' }),
    method: Type.String({ description: '`none`, `rake` or `calibrate`, with `+trim` when weights were trimmed' }),
    synthetic: Type.Boolean({ description: 'True when the responses are synthetic (demonstration)' }),
    publishedAt: Type.String({ description: 'Publication instant (ISO-8601 UTC)' }),
  }),
)

/** A published figure of an outside study, with the question it asked (compared only when it is the same). */
export const ExternalFigureSchema = named(
  'StudyOutsideFigure',
  Type.Object({
    question: Nullable(Type.String({ description: 'The study’s question it concerns (null: the whole study)' })),
    question_wording: Type.String({ description: 'The question the outside study asked, in its own words' }),
    same_question: Type.Boolean({ description: 'True when it is the same question (then compared with the estimate)' }),
    population: Type.String(),
    value_percent: Type.Number({ minimum: 0, maximum: 100 }),
    source: Type.String(),
    published_on: Type.String({ description: 'As written by the source (e.g. 2023-01-26, 2015-09)' }),
    base: Type.String(),
    url: Nullable(Type.String()),
  }),
)

/** A published study's document. */
export const StudySchema = named(
  'Study',
  Type.Object({
    id: Type.String(),
    href: Type.String({ description: 'The study page (relative)' }),
    citation: Type.String({ description: 'How to cite it, in the request’s language' }),
    methodology: Methodology,
    external_figures: Type.Array(ExternalFigureSchema),
    views: Type.Record(Type.String(), StudyViewSchema, { description: '`overall`, and `by:<segment>` for each segment' }),
  }),
)

/** A line of the list of published studies. */
export const StudySummarySchema = named(
  'StudySummary',
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    organisation: Type.String(),
    territory_id: Nullable(TerritoryId),
    published_at: IsoDateTime,
    synthetic: Type.Boolean({ description: 'True when the responses are synthetic (demonstration)' }),
    href: Type.String({ description: 'The study page (relative)' }),
  }),
)

/** `GET /api/v1/studies`. */
export const StudiesQuery = Type.Object(PageQuery(), { additionalProperties: false })

/** The answer of `GET /api/v1/studies`. */
export const StudiesPage = Page(StudySummarySchema, { totalDescription: 'Published studies' })
