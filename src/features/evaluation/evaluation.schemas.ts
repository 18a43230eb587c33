/**
 * Schemas of evaluation (TypeBox: one schema gives the handler's types, the validation and the OpenAPI
 * document): the inputs of the pages' forms and of the API, and what the API shows — named components that
 * clients reuse (`EvaluationRound`, `EvaluationAnswer`, `CrossedView`, `EvaluationReview`, `Indicator`…).
 *
 * An answer's form fields are `level.<object>.<approach>` / `comment.<object>.<approach>` for the grid and
 * `level.impact.<impact>.<scope>` / `comment.impact.…` for the impacts; the API keys them `object.approach` and
 * `impact.scope`. Both list the cells of every grid version (reference data in code), so that a round of any
 * version is answered through the one schema; the service checks the round's own grid and scale.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, ID_PATTERN, IdParams, IsoDate, IsoDateTime, named, Nullable, PageQuery } from '../../core/http/schemas.js'
import { codesOf } from '../vocabulary/index.js'
import { COMMENT_MAX, TEXT_MAX, type AnswerInput, type LevelInput } from './answers.service.js'
import { cellKey, DONT_KNOW, GRIDS, impactKey, type EvaluationGrid } from './evaluation.grid.js'
import type { Answer } from './evaluation.queries.js'

export const DISCLOSURE_CODES = ['named', 'worlds'] as const
export const ROUND_STATUS_CODES = ['upcoming', 'open', 'closed'] as const
export const ANSWER_STATUS_CODES = ['none', 'draft', 'submitted'] as const

const Disclosure = Enum(DISCLOSURE_CODES, { description: '`named`: crossed views show each organisation; `worlds`: only distributions per world (fewer than 3 answers merged into "autres mondes")' })
const Direction = Enum(codesOf('indicator_direction') as readonly string[], { description: 'Which way is progress (vocabulary kind `indicator_direction`)' })

// ---------------------------------------------------------------------------------------------------------------
// URL parameters (ids are read with `paramId` before validation: a malformed id answers 404)

export const RoundParams = Type.Object({ id: Id, roundId: Id })
export const AnswerParams = Type.Object({ id: Id, roundId: Id, organisationId: Type.String({ pattern: ID_PATTERN, description: 'One of your active partner organisations (another one answers 404)' }) })
export const IndicatorParams = Type.Object({ id: Id, indicatorId: Id })
export { IdParams }

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/** Opening a round (form and API). The order of the days is checked too (see `roundDayProblems`). */
export const RoundInput = named(
  'EvaluationRoundInput',
  Type.Object(
    {
      title: Type.String({ minLength: 3, maxLength: 200 }),
      period_start: Type.String({ ...IsoDate, description: 'First day of the period the round looks back on' }),
      period_end: Type.String({ ...IsoDate, description: 'Last day of that period' }),
      opens_on: Type.Optional(Type.String({ ...IsoDate, description: 'First day answers are accepted (default: today)' })),
      closes_on: Type.String({ ...IsoDate, description: 'Last day answers are accepted' }),
      disclosure: Disclosure,
    },
    { additionalProperties: false },
  ),
)

export const ExtendInput = Type.Object({ closes_on: Type.String({ ...IsoDate, description: 'The new closing day (not before today nor the opening day)' }) }, { additionalProperties: false })

export const ApproveInput = Type.Object(
  {
    organisation_id: Type.String({ pattern: ID_PATTERN, description: 'The partner organisation approving (its admins only; another organisation answers 404)' }),
    version: Type.Integer({ minimum: 1, description: 'The version read (a newer one answers 409)' }),
  },
  { additionalProperties: false },
)

/** A form with no field (a button): only the CSRF token is posted. */
export const NoInput = Type.Object({})

const Decimal = (description: string) => Type.String({ maxLength: 30, description: `${description}: an exact decimal, two decimals at most (comma or point)` })

export const IndicatorInput = named(
  'IndicatorInput',
  Type.Object(
    {
      name: Type.String({ minLength: 3, maxLength: 200 }),
      unit: Type.String({ minLength: 1, maxLength: 50 }),
      direction: Direction,
      baseline: Type.Optional(Decimal('Value at the start')),
      baseline_on: Type.Optional(Type.String({ ...IsoDate, description: 'Day of the baseline (required with a baseline)' })),
      target: Type.Optional(Decimal('Value aimed at')),
      target_on: Type.Optional(Type.String({ ...IsoDate, description: 'Day of the target (required with a target)' })),
      sdg_target: Type.Optional(Type.String({ maxLength: 6, description: 'An SDG target, e.g. `4.1` or `11.a`' })),
      source: Type.String({ minLength: 3, maxLength: 500 }),
    },
    { additionalProperties: false },
  ),
)
export type IndicatorInputT = Static<typeof IndicatorInput>

const valueFields = {
  organisation_id: Type.String({ pattern: ID_PATTERN, description: 'The partner organisation recording the value (one of yours; another answers 404)' }),
  measured_on: Type.String({ ...IsoDate, description: 'Day of the measure (not in the future)' }),
  value: Type.String({ minLength: 1, maxLength: 30, description: 'An exact decimal, two decimals at most, negative allowed' }),
  source: Type.String({ minLength: 3, maxLength: 500 }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
}
/** Recording a value in the API (the indicator is in the URL). */
export const ValueInput = named('IndicatorValueInput', Type.Object(valueFields, { additionalProperties: false }))
/** Recording a value from the indicators page (the indicator is chosen in the form). */
export const ValueForm = Type.Object({ indicator_id: Type.String({ pattern: ID_PATTERN }), ...valueFields })

/** Every cell key and impact key of every grid version (`produit.pertinence`, `confiance.territoire`…). */
function keysOfGrids(): { cells: string[]; impacts: string[] } {
  const cells = new Set<string>()
  const impacts = new Set<string>()
  for (const grid of GRIDS) {
    for (const o of grid.objects) for (const a of grid.approaches) cells.add(cellKey(o, a))
    for (const i of grid.impacts) for (const s of grid.scopes) impacts.add(impactKey(i, s))
  }
  return { cells: [...cells], impacts: [...impacts] }
}
const GRID_KEYS = keysOfGrids()
const LEVELS = [...new Set(GRIDS.flatMap((g) => [DONT_KNOW, ...g.levels]))].sort()

/** The answer form: a select and a comment per cell and impact, the free texts, and the button pressed. */
export const AnswerForm = (() => {
  const properties: Record<string, TSchema> = {}
  for (const key of [...GRID_KEYS.cells, ...GRID_KEYS.impacts.map((k) => `impact.${k}`)]) {
    properties[`level.${key}`] = Type.Optional(Type.String({ pattern: `^(${LEVELS.join('|')})$`, errorMessage: 'evaluation.error.level' }))
    properties[`comment.${key}`] = Type.Optional(Type.String({ maxLength: COMMENT_MAX }))
  }
  for (const name of ['what_worked', 'difficulties', 'lessons']) properties[name] = Type.Optional(Type.String({ maxLength: TEXT_MAX }))
  properties.submit = Type.Optional(Type.Literal('oui', { description: 'The "submit" button (admins); absent: a draft' }))
  return Type.Object(properties)
})()

const LevelInputSchema = Type.Object(
  {
    // The scale is the round's grid's: the service names a level outside it with its cell (`level.produit.sens`).
    level: Nullable(Type.Integer({ description: 'A level of the round’s scale (1–4), 0 for "ne sait pas", null for not answered yet' })),
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX, description: 'A comment or evidence' })),
  },
  { additionalProperties: false },
)
const levelsOf = (keys: string[], description: string) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Optional(LevelInputSchema)])), { additionalProperties: false, description })

/** An answer in the API. */
export const AnswerInputSchema = named(
  'EvaluationAnswerInput',
  Type.Object(
    {
      ratings: levelsOf(GRID_KEYS.cells, 'The grid, keyed `object.approach` (e.g. `produit.pertinence`); a cell left out is not answered'),
      impacts: levelsOf(GRID_KEYS.impacts, 'The impacts, keyed `impact.scope` (e.g. `confiance.territoire`)'),
      what_worked: Type.Optional(Type.String({ maxLength: TEXT_MAX })),
      difficulties: Type.Optional(Type.String({ maxLength: TEXT_MAX })),
      lessons: Type.Optional(Type.String({ maxLength: TEXT_MAX })),
      submit: Type.Optional(Type.Boolean({ description: 'true: the organisation’s admin submits (every cell answered); false or absent: a draft' })),
    },
    { additionalProperties: false },
  ),
)
export type AnswerInputT = Static<typeof AnswerInputSchema>

/** The rounds' list (API). */
export const RoundsQuery = Type.Object(PageQuery(), { additionalProperties: false })
export const IndicatorsQuery = Type.Object(PageQuery(), { additionalProperties: false })

// ---------------------------------------------------------------------------------------------------------------
// From forms and API bodies to the services' inputs

/** A parsed answer form as the service's input: levels from their selects, comments, the button pressed. */
export function answerFromForm(grid: EvaluationGrid, form: Readonly<Record<string, unknown>>): AnswerInput {
  const text = (name: string) => {
    const value = form[name]
    return typeof value === 'string' ? value : ''
  }
  const read = (key: string): LevelInput => {
    const level = text(`level.${key}`)
    return { level: level === '' ? null : Number(level), comment: text(`comment.${key}`) }
  }
  const ratings: AnswerInput['ratings'] = {}
  for (const o of grid.objects) for (const a of grid.approaches) ratings[cellKey(o, a)] = read(cellKey(o, a))
  const impacts: AnswerInput['impacts'] = {}
  for (const i of grid.impacts) for (const s of grid.scopes) impacts[impactKey(i, s)] = read(`impact.${impactKey(i, s)}`)
  return { ratings, impacts, whatWorked: text('what_worked'), difficulties: text('difficulties'), lessons: text('lessons'), submit: text('submit') === 'oui' }
}

/** The API's answer body as the service's input. */
export function answerFromApi(body: AnswerInputT): AnswerInput {
  const levels = (record: Record<string, Static<typeof LevelInputSchema> | undefined>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v ? { level: v.level, comment: v.comment ?? '' } : undefined]))
  return { ratings: levels(body.ratings), impacts: levels(body.impacts), whatWorked: body.what_worked ?? '', difficulties: body.difficulties ?? '', lessons: body.lessons ?? '', submit: body.submit === true }
}

/** A stored answer as form values (to show it again). */
export function answerFormValues(grid: EvaluationGrid, answer: Answer | undefined): Record<string, string> {
  const values: Record<string, string> = {}
  if (!answer) return values
  const put = (field: string, v: { level: number | null; comment: string } | undefined) => {
    if (v?.level !== null && v?.level !== undefined) values[`level.${field}`] = String(v.level)
    if (v?.comment) values[`comment.${field}`] = v.comment
  }
  for (const o of grid.objects) for (const a of grid.approaches) put(cellKey(o, a), answer.ratings.get(cellKey(o, a)))
  for (const i of grid.impacts) for (const s of grid.scopes) put(`impact.${impactKey(i, s)}`, answer.impacts.get(impactKey(i, s)))
  values.what_worked = answer.what_worked
  values.difficulties = answer.difficulties
  values.lessons = answer.lessons
  return values
}

// ---------------------------------------------------------------------------------------------------------------
// What the API shows

export const EvaluationRound = named(
  'EvaluationRound',
  Type.Object({
    id: Id,
    number: Type.Integer({ minimum: 1, description: 'Rounds of an alliance are numbered 1, 2, 3…' }),
    title: Type.String(),
    period_start: IsoDate,
    period_end: IsoDate,
    opens_on: IsoDate,
    closes_on: IsoDate,
    status: Enum(ROUND_STATUS_CODES, { description: 'From the days in France, or `closed` once closed early' }),
    disclosure: Disclosure,
    grid_version: Type.Integer({ minimum: 1, description: 'The version of the grid its partners answer (see the lexique)' }),
    submitted: Type.Integer({ minimum: 0, description: 'Partners that submitted their answer' }),
    href: Type.String({ description: 'The round’s page (relative)' }),
  }),
)

const Level = Nullable(Type.Integer({ minimum: 0, maximum: 4, description: '1–4 on the scale, 0 for "ne sait pas", null for not answered' }))
const LevelOut = Type.Object({ level: Level, comment: Type.String() })

export const EvaluationAnswer = named(
  'EvaluationAnswer',
  Type.Object({
    organisation_id: Id,
    status: Enum(ANSWER_STATUS_CODES, { description: '`none` before anything is saved' }),
    ratings: Type.Record(Type.String(), LevelOut, { description: 'Keyed `object.approach`; cells not answered are left out' }),
    impacts: Type.Record(Type.String(), LevelOut, { description: 'Keyed `impact.scope`' }),
    what_worked: Type.String(),
    difficulties: Type.String(),
    lessons: Type.String(),
    submitted_at: Nullable(IsoDateTime),
  }),
)

const Distribution = {
  counts: Type.Array(Type.Integer({ minimum: 0 }), { description: 'Answers at each level of the scale, lowest first' }),
  dontKnow: Type.Integer({ minimum: 0, description: '"Ne sait pas" answers (never in a spread)' }),
  answered: Type.Integer({ minimum: 0 }),
}

const CrossedItem = Type.Object({
  key: Type.String({ description: '`object.approach` or `impact.scope`' }),
  first: Type.String(),
  second: Type.String(),
  ...Distribution,
  named: Nullable(Type.Array(Type.Object({ organisationId: Id, name: Type.String(), world: Type.String(), level: Level, comment: Type.String() }), { description: 'Each organisation’s answer (rounds shown by name), null otherwise' })),
  groups: Nullable(Type.Array(Type.Object({ group: Type.String({ description: 'A world, or `autres`' }), ...Distribution, comments: Type.Array(Type.String()) }), { description: 'Distributions per world group (rounds shown per world), null otherwise' })),
  min: Level,
  max: Level,
  spread: Nullable(Type.Integer({ minimum: 0 })),
  disagreement: Type.Boolean({ description: 'Two levels apart or more' }),
})

/** Crossed views of a closed round (the same shape as in the review document). Never a score, never a ranking. */
export const CrossedViewSchema = named(
  'CrossedView',
  Type.Object({
    disclosure: Disclosure,
    respondents: Type.Array(Type.Object({ organisationId: Id, name: Type.String(), world: Type.String(), answered: Type.Boolean({ description: 'false: "n’a pas répondu" (a draft at closing is not an answer)' }) })),
    groups: Type.Array(Type.Object({ group: Type.String(), worlds: Type.Array(Type.String()), answers: Type.Integer({ minimum: 0 }) })),
    tooFew: Type.Boolean({ description: 'Shown per world with fewer than 3 answers: no distribution is shown' }),
    cells: Type.Array(CrossedItem, { description: 'The grid, disagreements first (largest spread first), then in the grid’s order' }),
    impacts: Type.Array(CrossedItem),
    lessons: Type.Array(Type.Object({ by: Type.String(), byWorld: Type.Boolean(), whatWorked: Type.String(), difficulties: Type.String(), lessons: Type.String() })),
  }),
)

const Trajectory = Type.Object({
  key: Type.String(),
  impact: Type.String(),
  scope: Type.String(),
  points: Type.Array(Type.Object({ roundId: Id, number: Type.Integer(), periodEnd: IsoDate, hidden: Type.Boolean(), ...Distribution })),
})

export const EvaluationRoundDetail = named(
  'EvaluationRoundDetail',
  Type.Object({
    round: EvaluationRound,
    respondents: Type.Array(Type.Object({ organisation_id: Id, name: Type.String(), world: Type.String(), submitted: Type.Boolean() })),
    crossed: Nullable(CrossedViewSchema),
  }),
)

const Cents = Type.String({ pattern: '^-?[0-9]+$', description: 'Integer cents, as a string (exact)' })

/** The frozen document of a review (format `alliance-bilan-partenarial/1`), camelCase as stored. */
const ReviewDocumentSchema = Type.Object({
  format: Type.Literal('alliance-bilan-partenarial/1'),
  builtAt: IsoDateTime,
  alliance: Type.Object({
    id: Id,
    name: Type.String(),
    stakes: Type.String(),
    description: Type.String(),
    form: Type.String(),
    phase: Type.String(),
    visibility: Type.String(),
    startedOn: IsoDate,
    territories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() })),
    sdgs: Type.Array(Type.Integer()),
    sdgTargets: Type.Array(Type.String()),
  }),
  round: Type.Object({ id: Id, number: Type.Integer(), title: Type.String(), periodStart: IsoDate, periodEnd: IsoDate, opensOn: IsoDate, closesOn: IsoDate, gridVersion: Type.Integer(), disclosure: Disclosure }),
  partners: Type.Array(Type.Object({ organisationId: Id, name: Type.String(), world: Type.String(), role: Type.String(), brings: Type.String(), expects: Type.String(), bringsObjectives: Type.Array(Type.String()), expectsObjectives: Type.Array(Type.String()) })),
  worlds: Type.Array(Type.Object({ world: Type.String(), partners: Type.Integer() })),
  valuation: Type.Object({
    table: Nullable(Type.Object({ id: Id, title: Type.String(), version: Type.Integer(), scope: Type.String(), methodNote: Type.String() })),
    adopted: Type.Boolean(),
    reason: Type.String(),
    totalCents: Cents,
    count: Type.Integer(),
    statedCount: Type.Integer(),
    unvaluedCount: Type.Integer(),
    byPartner: Type.Array(Type.Object({ organisationId: Id, name: Type.String(), world: Type.String(), cents: Cents, perMille: Type.Integer(), count: Type.Integer() })),
    byWorld: Type.Array(Type.Object({ world: Type.String(), cents: Cents, perMille: Type.Integer() })),
    byType: Type.Array(Type.Object({ contributionType: Type.String(), cents: Cents, perMille: Type.Integer(), count: Type.Integer() })),
    byLever: Type.Array(Type.Object({ lever: Type.String(), cents: Cents, perMille: Type.Integer() })),
    unvalued: Type.Array(Type.Object({ contributionType: Type.String(), unit: Type.String(), quantityHundredths: Type.Integer(), count: Type.Integer() })),
    rates: Type.Array(Type.Object({ contributionType: Type.String(), unit: Type.String(), rateCents: Type.Integer(), validFrom: IsoDate, validTo: Nullable(IsoDate), methodNote: Type.String(), sourceText: Type.String(), sourceUrl: Nullable(Type.String()) })),
  }),
  indicators: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      unit: Type.String(),
      direction: Type.String(),
      baselineHundredths: Nullable(Type.Integer()),
      baselineOn: Nullable(IsoDate),
      targetHundredths: Nullable(Type.Integer()),
      targetOn: Nullable(IsoDate),
      sdgTarget: Nullable(Type.String()),
      source: Type.String(),
      values: Type.Array(Type.Object({ on: IsoDate, valueHundredths: Type.Integer(), source: Type.String(), organisation: Type.String() })),
    }),
  ),
  crossed: CrossedViewSchema,
  trajectories: Type.Array(Trajectory),
})

export const EvaluationReview = named(
  'EvaluationReview',
  Type.Object({
    round_id: Id,
    alliance_id: Id,
    version: Type.Integer({ minimum: 1, description: 'Each rebuild is a new version; partners approve a version' }),
    built_at: IsoDateTime,
    published_at: Nullable(IsoDateTime),
    approvals: Type.Array(Type.Object({ organisation_id: Id, approver_name: Type.String(), approved_at: IsoDateTime }), { description: 'Approvals of the current version' }),
    pending: Type.Array(Type.Object({ organisation_id: Id, name: Type.String() }), { description: 'Active partners that have not approved the current version' }),
    document: ReviewDocumentSchema,
  }),
)

export const Indicator = named(
  'Indicator',
  Type.Object({
    id: Id,
    name: Type.String(),
    unit: Type.String(),
    direction: Direction,
    baseline_hundredths: Nullable(Type.Integer({ description: 'Value × 100 (exact)' })),
    baseline_on: Nullable(IsoDate),
    target_hundredths: Nullable(Type.Integer({ description: 'Value × 100 (exact)' })),
    target_on: Nullable(IsoDate),
    sdg_target: Nullable(Type.String()),
    source: Type.String(),
    values: Type.Array(Type.Object({ id: Id, measured_on: IsoDate, value_hundredths: Type.Integer({ description: 'Value × 100 (exact)' }), source: Type.String(), organisation_id: Id, organisation_name: Type.String(), note: Type.String() }), { description: 'Oldest first' }),
    href: Type.String({ description: 'The alliance’s indicators page (relative)' }),
  }),
)
