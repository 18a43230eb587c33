/**
 * The questionnaire model: sections of questions, each of one type (single or multiple choice, ranking,
 * scale, number, short or long text), required or not, with help text, an optional display condition on an
 * earlier answer and an optional profile role (sex, age band, région… — what weighting and breakdowns use).
 *
 * A questionnaire is stored as one JSON document (`survey_questionnaires.definition`), so that moving a
 * question or an option is one atomic rewrite. `parseDefinition` checks a stored document against the
 * schema; `slotLayout` gives the compact storage layout of the closed answers (one character per slot, see
 * `surveys.answers.ts`), which is frozen once the questionnaire has answers.
 */
import { LRUCache } from 'lru-cache'
import Type, { type Static } from 'typebox'
import Value from 'typebox/value'

/** Question types; the order is the one offered in the builder. */
export const QUESTION_TYPES = ['single', 'multiple', 'ranking', 'scale', 'number', 'short_text', 'long_text'] as const
/** The type of a question. */
export type QuestionType = (typeof QUESTION_TYPES)[number]

/**
 * Profile roles: the respondent's characteristics that weighting margins and segment breakdowns refer to.
 * At most one question per role in a questionnaire.
 */
export const PROFILE_ROLES = ['sex', 'age', 'region', 'size', 'occupation', 'world', 'territory'] as const
/** A profile role (what a profile question measures). */
export type ProfileRole = (typeof PROFILE_ROLES)[number]

/** The roles results can be broken down by (the segments of the observatory's tables). */
export const BREAKDOWN_ROLES: readonly ProfileRole[] = ['world', 'size', 'region', 'territory']

/** Most options a choice question may have (one storage character per slot holds 0..74). */
export const MAX_OPTIONS = 60
/** Most questions in a questionnaire. */
export const MAX_QUESTIONS = 80
/** Code of a missing value in the compact storage. */
export const MISSING_CODE = 255

const Code = Type.String({ pattern: '^[a-z0-9_]{1,24}$' })
const OptionSchema = Type.Object({ code: Code, label: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false })

const QuestionSchema = Type.Object(
  {
    key: Type.String({ pattern: '^q[0-9]{1,4}$' }),
    type: Type.Union([
      Type.Literal('single'),
      Type.Literal('multiple'),
      Type.Literal('ranking'),
      Type.Literal('scale'),
      Type.Literal('number'),
      Type.Literal('short_text'),
      Type.Literal('long_text'),
    ]),
    label: Type.String({ minLength: 1, maxLength: 1000 }),
    help: Type.String({ maxLength: 2000 }),
    required: Type.Boolean(),
    options: Type.Array(OptionSchema, { maxItems: MAX_OPTIONS }),
    /** Ranking: how many items to rank (k of m). */
    rankCount: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_OPTIONS })),
    /** Ranking: whether the respondent may stop before k (ranks 1..j, j < k). */
    partialRanking: Type.Optional(Type.Boolean()),
    /** Scale: 0–10 or 1–5, with labelled ends. */
    scale: Type.Optional(
      Type.Object(
        {
          min: Type.Union([Type.Literal(0), Type.Literal(1)]),
          max: Type.Union([Type.Literal(10), Type.Literal(5)]),
          minLabel: Type.String({ maxLength: 100 }),
          maxLabel: Type.String({ maxLength: 100 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** Number: bounds and whether only integers are accepted. */
    number: Type.Optional(
      Type.Object(
        {
          min: Type.Union([Type.Number(), Type.Null()]),
          max: Type.Union([Type.Number(), Type.Null()]),
          integer: Type.Boolean(),
          unit: Type.String({ maxLength: 40 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** Show the question only when the answer to an earlier choice question is one of `options`. */
    condition: Type.Union([
      Type.Null(),
      Type.Object({ question: Type.String({ pattern: '^q[0-9]{1,4}$' }), options: Type.Array(Code, { minItems: 1, maxItems: MAX_OPTIONS }) }, { additionalProperties: false }),
    ]),
    profile: Type.Union([
      Type.Null(),
      Type.Literal('sex'),
      Type.Literal('age'),
      Type.Literal('region'),
      Type.Literal('size'),
      Type.Literal('occupation'),
      Type.Literal('world'),
      Type.Literal('territory'),
    ]),
    /** Single choice: a subtotal of some options shown as its own estimate (e.g. "total d'accord"). */
    subtotal: Type.Union([
      Type.Null(),
      Type.Object({ label: Type.String({ minLength: 1, maxLength: 100 }), options: Type.Array(Code, { minItems: 2, maxItems: MAX_OPTIONS }) }, { additionalProperties: false }),
    ]),
  },
  { additionalProperties: false },
)

const SectionSchema = Type.Object(
  {
    key: Type.String({ pattern: '^s[0-9]{1,4}$' }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    questions: Type.Array(QuestionSchema, { maxItems: MAX_QUESTIONS }),
  },
  { additionalProperties: false },
)

/** The schema of a stored questionnaire (checked on every read). */
export const DefinitionSchema = Type.Object(
  {
    sections: Type.Array(SectionSchema, { maxItems: 30 }),
    /** Next number for new question, section and option keys (keys are never reused). */
    next: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
)

/** A questionnaire: its sections and the next free key number. */
export type Definition = Static<typeof DefinitionSchema>
/** A section: a titled group of questions (a page of the questionnaire). */
export type Section = Definition['sections'][number]
/** A question with its type-specific settings. */
export type Question = Section['questions'][number]
/** An answer option or a ranking item: a stable code and a label. */
export type Option = Question['options'][number]

// Checked documents by their JSON text (an edit is a new key), the last 64 used.
const parsed = new LRUCache<string, Definition>({ max: 64 })

/**
 * Checks a stored document. Edge case: a document that does not match the schema (hand-edited database,
 * older format) throws, so the builder never works on a shape it does not understand.
 *
 * Every answer submission reads its questionnaire: the checked documents of the last few texts are kept
 * (keyed by the JSON text itself, so an edit is a new key) and handed out as deep copies, because callers
 * such as the builder modify what they get.
 */
export function parseDefinition(json: string): Definition {
  return structuredClone(sharedDefinition(json))
}

/**
 * The checked definition of a JSON text, shared with every other caller of the same text: read it, never
 * modify it (answering and analysis only read; the builder uses `parseDefinition`, which copies).
 */
export function sharedDefinition(json: string): Readonly<Definition> {
  const known = parsed.get(json)
  if (known) return known
  const value: unknown = JSON.parse(json)
  if (!Value.Check(DefinitionSchema, value)) {
    const first = [...Value.Errors(DefinitionSchema, value)][0]
    throw new Error(`Questionnaire illisible : ${first?.instancePath ?? ''} ${first?.message ?? ''}`)
  }
  parsed.set(json, value)
  return value
}

/** Every question in reading order. */
export function allQuestions(def: Definition): Question[] {
  return def.sections.flatMap((s) => s.questions)
}

/** The question with `key`, or undefined. */
export function findQuestion(def: Definition, key: string): Question | undefined {
  return allQuestions(def).find((q) => q.key === key)
}

/** The question holding a profile role, or undefined. */
export function profileQuestion(def: Definition, role: ProfileRole): Question | undefined {
  return allQuestions(def).find((q) => q.profile === role)
}

/** Choice questions that come before `key` (what a display condition may refer to). */
export function earlierChoiceQuestions(def: Definition, key: string): Question[] {
  const out: Question[] = []
  for (const q of allQuestions(def)) {
    if (q.key === key) break
    if (q.type === 'single' || q.type === 'multiple') out.push(q)
  }
  return out
}

/** Number of the question in reading order (1-based), as shown to people. */
export function questionNumber(def: Definition, key: string): number {
  return allQuestions(def).findIndex((q) => q.key === key) + 1
}

/** Whether a question type has options (choices or ranking items). */
export function hasOptions(type: QuestionType): boolean {
  return type === 'single' || type === 'multiple' || type === 'ranking'
}

/** Whether answers of this type are analysed statistically (texts are only listed to analysts). */
export function isClosed(type: QuestionType): boolean {
  return type !== 'short_text' && type !== 'long_text'
}

/** The scale's values (min..max) as option-like codes, e.g. '0'..'10'. */
export function scaleValues(q: Question): number[] {
  const s = q.scale ?? { min: 0, max: 10 }
  const out: number[] = []
  for (let v = s.min; v <= s.max; v++) out.push(v)
  return out
}

/** Ranking: number of items to rank (k), at most the number of items (m). */
export function rankCountOf(q: Question): number {
  return Math.min(q.rankCount ?? q.options.length, q.options.length)
}

/** Where the closed answers of one question live in the compact row. */
export interface QuestionSlots {
  question: Question
  /** First slot (character) of this question in `codes`. */
  first: number
  /** Number of slots: 1 for single and scale, one per option for multiple and ranking, 0 otherwise. */
  count: number
  /** Index among the number questions (`numbers`), or −1. */
  numberIndex: number
}

/** The compact layout of a questionnaire: slot and number counts, and where each question lives. */
export interface SlotLayout {
  slots: number
  numbers: number
  questions: QuestionSlots[]
  byKey: Map<string, QuestionSlots>
}

/**
 * The compact storage layout of a questionnaire's closed answers: single choice and scale take one slot
 * (the option index or scale value), multiple choice one 0/1 slot per option, ranking one slot per item
 * (its rank); numbers go to a separate list; texts are not in the compact row.
 */
export function slotLayout(def: Definition): SlotLayout {
  let slots = 0
  let numbers = 0
  const questions: QuestionSlots[] = []
  for (const q of allQuestions(def)) {
    let count = 0
    let numberIndex = -1
    if (q.type === 'single' || q.type === 'scale') count = 1
    else if (q.type === 'multiple' || q.type === 'ranking') count = q.options.length
    else if (q.type === 'number') numberIndex = numbers++
    questions.push({ question: q, first: slots, count, numberIndex })
    slots += count
  }
  return { slots, numbers, questions, byKey: new Map(questions.map((s) => [s.question.key, s])) }
}
