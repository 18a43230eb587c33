/**
 * Input schemas of evaluation (TypeBox: one schema for the form and the API), and the translation between an
 * answer and its form fields (`level.<object>.<approach>`, `comment.…`, `level.impact.<impact>.<scope>`).
 */
import Type, { type Static } from 'typebox'
import { codesOf } from '../vocabulary/index.js'
import type { AnswerInput, LevelInput } from './answers.service.js'
import { cellKey, impactKey, type EvaluationGrid } from './evaluation.grid.js'
import type { Answer } from './evaluation.queries.js'

const ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const day = (description: string) => Type.String({ maxLength: 10, description })

export const RoundForm = Type.Object({
  title: Type.String({ maxLength: 200 }),
  period_start: day('First day of the period the round looks back on'),
  period_end: day('Last day of that period'),
  opens_on: Type.Optional(day('First day answers are accepted (default: today)')),
  closes_on: day('Last day answers are accepted'),
  disclosure: Type.String({ maxLength: 10, description: '`named`: crossed views show each organisation; `worlds`: only distributions per world' }),
})
export type RoundFormT = Static<typeof RoundForm>

export const ExtendForm = Type.Object({ closes_on: day('The new closing day') })
export const ApproveForm = Type.Object({
  organisation_id: Type.String({ pattern: ID, description: 'The partner organisation approving (its admins only)' }),
  version: Type.Integer({ minimum: 1, description: 'The version read (a newer one answers 409)' }),
})
export type ApproveFormT = Static<typeof ApproveForm>

export const IndicatorForm = Type.Object({
  name: Type.String({ maxLength: 200 }),
  unit: Type.String({ maxLength: 50 }),
  direction: Type.String({ maxLength: 20, description: 'Vocabulary kind `indicator_direction`' }),
  baseline: Type.Optional(Type.String({ maxLength: 30, description: 'Exact decimal, two decimals at most' })),
  baseline_on: Type.Optional(day('Day of the baseline')),
  target: Type.Optional(Type.String({ maxLength: 30 })),
  target_on: Type.Optional(day('Day of the target')),
  sdg_target: Type.Optional(Type.String({ maxLength: 6, description: 'An SDG target, e.g. `4.1`' })),
  source: Type.String({ maxLength: 500 }),
})
export type IndicatorFormT = Static<typeof IndicatorForm>

export const ValueForm = Type.Object({
  indicator_id: Type.String({ pattern: ID }),
  organisation_id: Type.String({ pattern: ID, description: 'The partner organisation recording the value' }),
  measured_on: day('Day of the measure'),
  value: Type.String({ maxLength: 30, description: 'Exact decimal, two decimals at most, negative allowed' }),
  source: Type.String({ maxLength: 500 }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
})
export type ValueFormT = Static<typeof ValueForm>

const LevelSchema = Type.Object(
  {
    level: Type.Union([Type.Integer(), Type.Null()], { description: '1–4 on the scale, 0 for "ne sait pas", null for not answered yet' }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export const AnswerApiInput = Type.Object(
  {
    ratings: Type.Record(Type.String({ maxLength: 60 }), LevelSchema, { description: 'Keyed `object.approach`, e.g. `produit.pertinence`' }),
    impacts: Type.Record(Type.String({ maxLength: 60 }), LevelSchema, { description: 'Keyed `impact.scope`, e.g. `confiance.territoire`' }),
    what_worked: Type.Optional(Type.String({ maxLength: 8000 })),
    difficulties: Type.Optional(Type.String({ maxLength: 8000 })),
    lessons: Type.Optional(Type.String({ maxLength: 8000 })),
    submit: Type.Optional(Type.Boolean({ description: 'true: the organisation’s admin submits; false or absent: a draft' })),
  },
  { additionalProperties: false },
)
export type AnswerApiInputT = Static<typeof AnswerApiInput>

export const DISCLOSURE_CODES = ['named', 'worlds'] as const
export const DIRECTION_CODES = codesOf('indicator_direction')

const formSchemas = new Map<number, ReturnType<typeof buildAnswerForm>>()

function buildAnswerForm(grid: EvaluationGrid) {
  const properties: Record<string, ReturnType<typeof Type.String>> = {}
  const keys = [...grid.objects.flatMap((o) => grid.approaches.map((a) => cellKey(o, a))), ...grid.impacts.flatMap((i) => grid.scopes.map((s) => `impact.${impactKey(i, s)}`))]
  for (const key of keys) {
    properties[`level.${key}`] = Type.String({ maxLength: 3 })
    properties[`comment.${key}`] = Type.String({ maxLength: 2000 })
  }
  for (const name of ['what_worked', 'difficulties', 'lessons']) properties[name] = Type.String({ maxLength: 8000 })
  properties.submit = Type.String({ maxLength: 3 })
  return Type.Partial(Type.Object(properties))
}

/** The schema of the answer form of a grid version (built once): a select and a comment per cell and impact. */
export function answerFormSchema(grid: EvaluationGrid) {
  let schema = formSchemas.get(grid.version)
  if (!schema) {
    schema = buildAnswerForm(grid)
    formSchemas.set(grid.version, schema)
  }
  return schema
}

/** A parsed answer form as the service's input: levels from their selects, comments, the two buttons. */
export function answerFromForm(grid: EvaluationGrid, form: Record<string, string | undefined>): AnswerInput {
  const text = (name: string) => form[name] ?? ''
  const level = (name: string): number | null => {
    const v = text(name)
    return v === '' ? null : /^-?\d+$/.test(v) ? Number(v) : Number.NaN
  }
  const read = (key: string): LevelInput => ({ level: level(`level.${key}`), comment: text(`comment.${key}`) })
  const ratings: AnswerInput['ratings'] = {}
  for (const o of grid.objects) for (const a of grid.approaches) ratings[cellKey(o, a)] = read(cellKey(o, a))
  const impacts: AnswerInput['impacts'] = {}
  for (const i of grid.impacts) for (const s of grid.scopes) impacts[impactKey(i, s)] = read(`impact.${impactKey(i, s)}`)
  return { ratings, impacts, whatWorked: text('what_worked'), difficulties: text('difficulties'), lessons: text('lessons'), submit: text('submit') === 'oui' }
}

/** The API's answer body as the service's input. */
export function answerFromApi(body: AnswerApiInputT): AnswerInput {
  const levels = (record: AnswerApiInputT['ratings']) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, { level: v.level, comment: v.comment ?? '' }]))
  return { ratings: levels(body.ratings), impacts: levels(body.impacts), whatWorked: body.what_worked ?? '', difficulties: body.difficulties ?? '', lessons: body.lessons ?? '', submit: body.submit === true }
}

/** A stored answer as form values (to show it again). */
export function answerFormValues(grid: EvaluationGrid, answer: Answer | undefined): Record<string, string> {
  const values: Record<string, string> = {}
  if (!answer) return values
  for (const o of grid.objects) {
    for (const a of grid.approaches) {
      const v = answer.ratings.get(cellKey(o, a))
      if (v?.level !== null && v?.level !== undefined) values[`level.${cellKey(o, a)}`] = String(v.level)
      if (v?.comment) values[`comment.${cellKey(o, a)}`] = v.comment
    }
  }
  for (const i of grid.impacts) {
    for (const s of grid.scopes) {
      const v = answer.impacts.get(impactKey(i, s))
      if (v?.level !== null && v?.level !== undefined) values[`level.impact.${impactKey(i, s)}`] = String(v.level)
      if (v?.comment) values[`comment.impact.${impactKey(i, s)}`] = v.comment
    }
  }
  values.what_worked = answer.what_worked
  values.difficulties = answer.difficulties
  values.lessons = answer.lessons
  return values
}
