/**
 * The questions of a call for projects are built with the surveys module's questionnaire builder (a questionnaire
 * of the fund's host organisation, edited at `/enquetes/:id`); the call freezes the definition when it is
 * published, so every applicant answers the same questions. Answers belong to the application (private to the
 * applicants and the committee) and are checked here by the core validation pipeline, from a schema built for the
 * call's questions: trimmed, control characters refused, every field at once, the house's messages.
 *
 * Form fields are `q_<key>` (and `q_<key>__<item>` for the ranks of a ranking question). Edge cases: a question
 * whose display condition is not met is neither required nor kept; a submission requires every shown required
 * question; a ranking must use ranks 1, 2, 3… without repeats or gaps.
 */
import { LRUCache } from 'lru-cache'
import Type, { type TSchema } from 'typebox'
import type { FieldProblem } from '../../../core/errors.js'
import { parseInput } from '../../../core/http/validation.js'
import { parseDefinition } from '../../surveys/index.js'

export type Definition = ReturnType<typeof parseDefinition>
export type Question = Definition['sections'][number]['questions'][number]
export type AnswerValue = string | string[] | number | Record<string, number>
export type Answers = Record<string, AnswerValue>

const SHORT_TEXT_MAX = 300
const LONG_TEXT_MAX = 5000

/** The form field of a question's answer. */
export function answerField(key: string): string {
  return `q_${key}`
}

/** The form field of one item's rank in a ranking question. */
export function rankField(key: string, code: string): string {
  return `q_${key}__${code}`
}

/** The call's questions (frozen JSON), or none. */
export function questionsOf(json: string): Definition | null {
  return json ? parseDefinition(json) : null
}

export function allQuestions(def: Definition | null): Question[] {
  return def ? def.sections.flatMap((s) => s.questions) : []
}

function rankCount(q: Question): number {
  return Math.min(q.rankCount ?? q.options.length, q.options.length)
}

function schemaOf(q: Question): Array<[string, TSchema]> {
  const codes = q.options.map((o) => o.code)
  switch (q.type) {
    case 'single':
      return [[answerField(q.key), Type.Optional(Type.Enum(codes, { errorMessage: 'mobilisation.answer.option' }))]]
    case 'multiple':
      return [[answerField(q.key), Type.Optional(Type.Array(Type.Enum(codes), { maxItems: codes.length, errorMessage: 'mobilisation.answer.option' }))]]
    case 'scale': {
      const s = q.scale ?? { min: 0, max: 10 }
      return [[answerField(q.key), Type.Optional(Type.Integer({ minimum: s.min, maximum: s.max }))]]
    }
    case 'number': {
      const n = q.number ?? { min: null, max: null, integer: false, unit: '' }
      const bounds = { ...(n.min !== null ? { minimum: n.min } : {}), ...(n.max !== null ? { maximum: n.max } : {}) }
      return [[answerField(q.key), Type.Optional(n.integer ? Type.Integer(bounds) : Type.Number(bounds))]]
    }
    case 'short_text':
      return [[answerField(q.key), Type.Optional(Type.String({ maxLength: SHORT_TEXT_MAX }))]]
    case 'long_text':
      return [[answerField(q.key), Type.Optional(Type.String({ maxLength: LONG_TEXT_MAX }))]]
    case 'ranking':
      return q.options.map((o) => [rankField(q.key, o.code), Type.Optional(Type.Integer({ minimum: 1, maximum: rankCount(q), errorMessage: 'mobilisation.answer.rank' }))])
  }
}

// One compiled schema per set of questions (the frozen JSON is the key): validators are costly to build.
const schemas = new LRUCache<string, TSchema>({ max: 200 })

function formSchema(json: string, def: Definition): TSchema {
  let schema = schemas.get(json)
  if (!schema) {
    schema = Type.Object(Object.fromEntries(allQuestions(def).flatMap(schemaOf)))
    schemas.set(json, schema)
  }
  return schema
}

/** True when the question is shown for these answers (no condition, or the earlier choice is one of its options). */
function shown(q: Question, answers: Answers): boolean {
  if (!q.condition) return true
  const earlier = answers[q.condition.question]
  const chosen = Array.isArray(earlier) ? earlier : typeof earlier === 'string' ? [earlier] : []
  return chosen.some((c) => q.condition?.options.includes(c))
}

/**
 * Reads the answers posted for the call's questions (`q_*` fields of a form, or the same keys in JSON). Returns the
 * answers to keep and every problem (fields `q_<key>`). `final` (a submission) requires the shown required questions.
 */
export function readAnswers(json: string, input: Record<string, unknown>, options: { final: boolean }): { answers: Answers; problems: FieldProblem[] } {
  const def = questionsOf(json)
  if (!def) return { answers: {}, problems: [] }
  const questions = allQuestions(def)
  // French decimals (`12,5`) are numbers too.
  const raw: Record<string, unknown> = {}
  for (const q of questions) {
    const fields = q.type === 'ranking' ? q.options.map((o) => rankField(q.key, o.code)) : [answerField(q.key)]
    for (const field of fields) {
      const value = input[field]
      raw[field] = q.type === 'number' && typeof value === 'string' ? value.replace(',', '.') : value
    }
  }
  const parsed = parseInput(formSchema(json, def), raw, { form: true })
  const problems: FieldProblem[] = parsed.ok ? [] : parsed.errors.map((p) => ({ ...p, field: p.field.replace(/__.*$/, '') }))
  const values = (parsed.ok ? parsed.value : {}) as Record<string, unknown>
  const answers: Answers = {}
  for (const q of questions) {
    const field = answerField(q.key)
    if (problems.some((p) => p.field === field)) continue
    if (q.type === 'ranking') {
      const ranks: Record<string, number> = {}
      for (const o of q.options) {
        const r = values[rankField(q.key, o.code)]
        if (typeof r === 'number') ranks[o.code] = r
      }
      const list = Object.values(ranks).sort((a, b) => a - b)
      if (list.length === 0) continue
      if (list.some((r, i) => r !== i + 1)) problems.push({ field, message: 'mobilisation.answer.rankSequence' })
      else if (options.final && !q.partialRanking && list.length !== rankCount(q)) problems.push({ field, message: 'mobilisation.answer.rankIncomplete', params: { count: rankCount(q) } })
      else answers[q.key] = ranks
      continue
    }
    const value = values[field]
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue
    answers[q.key] = value as AnswerValue
  }
  for (const q of questions) {
    const field = answerField(q.key)
    if (!shown(q, answers)) {
      delete answers[q.key]
      for (let i = problems.length - 1; i >= 0; i--) if (problems[i]?.field === field) problems.splice(i, 1)
      continue
    }
    if (options.final && q.required && answers[q.key] === undefined && !problems.some((p) => p.field === field)) problems.push({ field, message: 'form.error.required' })
  }
  const order = questions.map((q) => answerField(q.key))
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
  return { answers, problems }
}

/** The form values that show saved answers again (the same field names as the form). */
export function answerValues(json: string, answers: Answers): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {}
  for (const q of allQuestions(questionsOf(json))) {
    const a = answers[q.key]
    if (a === undefined) continue
    if (q.type === 'ranking' && typeof a === 'object' && !Array.isArray(a)) for (const [code, r] of Object.entries(a)) values[rankField(q.key, code)] = String(r)
    else values[answerField(q.key)] = Array.isArray(a) ? a : String(a)
  }
  return values
}
