/**
 * Answers: read from the answer form, validated for their question type, and encoded into the compact
 * analysis row.
 *
 * Form fields: `q_<key>` (one value, or repeated for multiple choice), and for ranking one field per item
 * `q_<key>__<item>` holding its rank. Validation is the same for a draft and a submission, except that a
 * draft may leave required questions empty. A question whose display condition is not met is ignored (not
 * required, answer dropped), so the form works the same with or without JavaScript.
 *
 * Compact row (`survey_rows.codes`): one character per slot of `slotLayout`, value v as the character
 * 48 + v ('0' is 0), '.' when missing; numbers in `survey_rows.numbers` joined by ';' (empty = missing).
 */
import type { FieldProblem } from '../../../core/errors.js'
import { hasForbiddenCharacter } from '../../../core/http/validation.js'
import type { MessageKey } from '../../../core/i18n/index.js'
import {
  allQuestions,
  findQuestion,
  MAX_OPTIONS,
  rankCountOf,
  scaleValues,
  slotLayout,
  type Definition,
  type Question,
  type SlotLayout,
} from '../surveys.definition.js'

/** One answer: an option code, option codes, ranks by item, a number, or a text. */
export type AnswerValue = string | string[] | Record<string, number> | number
/** A respondent's answers by question key (the `survey_responses.answers` document). */
export type Answers = Record<string, AnswerValue>

/** Longest short-text answer, in characters. */
export const SHORT_TEXT_MAX = 300
/** Longest long-text answer, in characters. */
export const LONG_TEXT_MAX = 5000
/** Character of a missing slot value. */
export const MISSING_CHAR = '.'

/** The form field of a question (and of the error summary link). */
export function answerField(key: string): string {
  return `q_${key}`
}

/** The form field of one ranking item. */
export function rankField(key: string, item: string): string {
  return `q_${key}__${item}`
}

function first(value: unknown): string | undefined {
  if (Array.isArray(value)) return typeof value[value.length - 1] === 'string' ? (value[value.length - 1] as string) : undefined
  return typeof value === 'string' ? value : undefined
}

/** Parses a number typed the French or English way ("12,5", "1 200"); NaN when it is not one. */
export function parseLocaleNumber(text: string): number {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(compact)) return NaN
  return Number(compact)
}

/** Whether a question is shown given the other answers (its display condition). */
export function conditionMet(def: Definition, q: Question, answers: Answers): boolean {
  if (!q.condition) return true
  const target = findQuestion(def, q.condition.question)
  if (!target) return true
  const value = answers[target.key]
  if (typeof value === 'string') return q.condition.options.includes(value)
  if (Array.isArray(value)) return value.some((v) => q.condition?.options.includes(v))
  return false
}

/** The answers kept from a form and the problems found (field = `q_<key>`). */
export interface ParsedAnswers {
  answers: Answers
  problems: FieldProblem[]
}

/**
 * Reads and validates the answer form. `final` (a submission) also requires every required question that
 * is shown. Edge cases: unknown fields and unknown option codes are refused (never stored); a ranking that
 * repeats a rank, skips one or ranks more than k items is refused with a message naming the rule; a text with a
 * control character (the platform's one rule for text, `core/http/validation.ts`) is refused.
 */
export function readAnswers(def: Definition, body: unknown, final: boolean): ParsedAnswers {
  const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const answers: Answers = {}
  const problems: FieldProblem[] = []
  const add = (q: Question, message: MessageKey, params?: Record<string, string | number>) =>
    problems.push({ field: answerField(q.key), message, ...(params ? { params } : {}) })

  for (const q of allQuestions(def)) {
    const field = answerField(q.key)
    const codes = new Set(q.options.map((o) => o.code))
    switch (q.type) {
      case 'single': {
        const v = first(form[field])?.trim() ?? ''
        if (v === '') break
        if (!codes.has(v)) add(q, 'surveys.answer.invalidOption')
        else answers[q.key] = v
        break
      }
      case 'multiple': {
        const raw = form[field]
        const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string' && v.trim() !== '')
        if (list.length === 0) break
        if (list.length > MAX_OPTIONS || list.some((v) => !codes.has(v))) add(q, 'surveys.answer.invalidOption')
        else answers[q.key] = [...new Set(list)].sort((a, b) => q.options.findIndex((o) => o.code === a) - q.options.findIndex((o) => o.code === b))
        break
      }
      case 'ranking': {
        const k = rankCountOf(q)
        const ranks: Record<string, number> = {}
        let bad = false
        for (const o of q.options) {
          const v = first(form[`${field}__${o.code}`])?.trim() ?? ''
          if (v === '') continue
          const r = Number(v)
          if (!Number.isInteger(r) || r < 1 || r > k) {
            add(q, 'surveys.answer.rankOutOfRange', { max: k })
            bad = true
            break
          }
          ranks[o.code] = r
        }
        if (bad) break
        const values = Object.values(ranks)
        if (values.length === 0) break
        const seen = new Set<number>()
        const repeated = values.find((r) => {
          if (seen.has(r)) return true
          seen.add(r)
          return false
        })
        if (repeated !== undefined) {
          add(q, 'surveys.answer.rankRepeated', { rank: repeated })
          break
        }
        const max = Math.max(...values)
        if (max !== values.length) {
          add(q, 'surveys.answer.rankGap')
          break
        }
        if (!q.partialRanking && values.length !== k && final) {
          add(q, 'surveys.answer.rankIncomplete', { count: k })
          break
        }
        answers[q.key] = ranks
        break
      }
      case 'scale': {
        const v = first(form[field])?.trim() ?? ''
        if (v === '') break
        const n = Number(v)
        const values = scaleValues(q)
        if (!Number.isInteger(n) || !values.includes(n)) add(q, 'surveys.answer.scaleRange', { min: values[0] ?? 0, max: values[values.length - 1] ?? 10 })
        else answers[q.key] = n
        break
      }
      case 'number': {
        const v = first(form[field])?.trim() ?? ''
        if (v === '') break
        const n = parseLocaleNumber(v)
        const spec = q.number ?? { min: null, max: null, integer: false, unit: '' }
        if (!Number.isFinite(n)) add(q, 'surveys.answer.number')
        else if (spec.integer && !Number.isInteger(n)) add(q, 'surveys.answer.integer')
        else if (spec.min !== null && n < spec.min) add(q, 'surveys.answer.numberMin', { min: spec.min })
        else if (spec.max !== null && n > spec.max) add(q, 'surveys.answer.numberMax', { max: spec.max })
        else answers[q.key] = n
        break
      }
      case 'short_text':
      case 'long_text': {
        const v = first(form[field])?.trim() ?? ''
        if (v === '') break
        const max = q.type === 'short_text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX
        if (hasForbiddenCharacter(v)) add(q, 'form.error.controlCharacter')
        else if (v.length > max) add(q, 'surveys.answer.tooLong', { max })
        else answers[q.key] = v
        break
      }
    }
  }
  // display conditions: hidden questions are neither required nor kept
  for (const q of allQuestions(def)) {
    if (!conditionMet(def, q, answers)) {
      delete answers[q.key]
      const i = problems.findIndex((p) => p.field === answerField(q.key))
      if (i >= 0) problems.splice(i, 1)
      continue
    }
    if (final && q.required && answers[q.key] === undefined && !problems.some((p) => p.field === answerField(q.key))) {
      if (q.type === 'ranking' && !q.partialRanking) add(q, 'surveys.answer.rankIncomplete', { count: rankCountOf(q) })
      else add(q, 'surveys.answer.required')
    }
  }
  const order = allQuestions(def).map((q) => answerField(q.key))
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
  return { answers, problems }
}

/** The form values that re-display saved answers (same field names as the form). */
export function formValuesOfAnswers(def: Definition, answers: Answers): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {}
  for (const q of allQuestions(def)) {
    const a = answers[q.key]
    if (a === undefined) continue
    if (q.type === 'ranking' && typeof a === 'object' && !Array.isArray(a)) {
      for (const [item, rank] of Object.entries(a)) values[rankField(q.key, item)] = String(rank)
    } else if (Array.isArray(a)) values[answerField(q.key)] = a
    else values[answerField(q.key)] = String(a)
  }
  return values
}

/** The compact analysis row of a submitted answer set. */
export interface CompactRow {
  codes: string
  numbers: string
}

/** Encodes answers into the compact row of the questionnaire's slot layout (pass it when encoding many). */
export function encodeRow(def: Definition, answers: Answers, layout: SlotLayout = slotLayout(def)): CompactRow {
  const chars: string[] = new Array<string>(layout.slots).fill(MISSING_CHAR)
  const numbers: string[] = new Array<string>(layout.numbers).fill('')
  for (const s of layout.questions) {
    const q = s.question
    const a = answers[q.key]
    if (a === undefined) continue
    if (q.type === 'single' && typeof a === 'string') chars[s.first] = String.fromCharCode(48 + q.options.findIndex((o) => o.code === a))
    else if (q.type === 'scale' && typeof a === 'number') chars[s.first] = String.fromCharCode(48 + a)
    else if (q.type === 'multiple' && Array.isArray(a)) {
      q.options.forEach((o, i) => { chars[s.first + i] = a.includes(o.code) ? '1' : '0' })
    } else if (q.type === 'ranking' && typeof a === 'object' && !Array.isArray(a)) {
      q.options.forEach((o, i) => {
        const r = a[o.code]
        if (r !== undefined) chars[s.first + i] = String.fromCharCode(48 + r)
      })
    } else if (q.type === 'number' && typeof a === 'number') numbers[s.numberIndex] = String(a)
  }
  return { codes: chars.join(''), numbers: numbers.join(';') }
}
