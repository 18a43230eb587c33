/**
 * The questionnaire builder's operations on a definition: add, rename, move and remove sections; add,
 * edit, move and remove questions; add, relabel, move and remove options; display conditions, profile
 * roles and subtotals. Pure functions over a `Definition` (the service loads, authorises and saves), each
 * throwing a 400 with field problems when the result would break a rule, so nothing half-done is saved.
 *
 * Rules checked after every change (`checkDefinition`): one question per profile role; a display condition
 * refers to an earlier single or multiple choice question and to its options; a subtotal names at least two
 * options of its single-choice question; a ranking ranks at most its number of items.
 */
import Value from 'typebox/value'
import { validationError, type FieldProblem } from '../../../core/errors.js'
import { hasForbiddenCharacter } from '../../../core/http/validation.js'
import {
  allQuestions,
  DefinitionSchema,
  earlierChoiceQuestions,
  hasOptions,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  questionNumber,
  type Definition,
  type ProfileRole,
  type Question,
  type QuestionType,
} from '../surveys.definition.js'
import type { QuestionEditFormT } from './builder.schemas.js'

/** Where a question sits: its section and index. */
function locate(def: Definition, key: string): { s: number; i: number } {
  for (let s = 0; s < def.sections.length; s++) {
    const i = (def.sections[s] as Definition['sections'][number]).questions.findIndex((q) => q.key === key)
    if (i >= 0) return { s, i }
  }
  throw validationError([{ field: 'question', message: 'surveys.error.questionUnknown' }])
}

function sectionIndex(def: Definition, key: string): number {
  const s = def.sections.findIndex((x) => x.key === key)
  if (s < 0) throw validationError([{ field: 'section', message: 'surveys.error.sectionUnknown' }])
  return s
}

/** Checks the rules every saved questionnaire obeys; returns the problems (empty when fine). */
export function checkDefinition(def: Definition): FieldProblem[] {
  const problems: FieldProblem[] = []
  const roles = new Set<ProfileRole>()
  for (const q of allQuestions(def)) {
    const n = questionNumber(def, q.key)
    if (q.profile) {
      if (roles.has(q.profile)) problems.push({ field: 'profile', message: 'surveys.error.profileTwice', params: { number: n } })
      roles.add(q.profile)
      if (q.type !== 'single') problems.push({ field: 'profile', message: 'surveys.error.profileSingle', params: { number: n } })
    }
    if (q.condition) {
      const target = earlierChoiceQuestions(def, q.key).find((x) => x.key === q.condition?.question)
      if (!target) problems.push({ field: 'condition', message: 'surveys.error.conditionEarlier', params: { number: n } })
      else if (q.condition.options.some((c) => !target.options.some((o) => o.code === c))) {
        problems.push({ field: 'condition', message: 'surveys.error.conditionOption', params: { number: n } })
      }
    }
    if (q.subtotal) {
      if (q.type !== 'single' || q.subtotal.options.some((c) => !q.options.some((o) => o.code === c))) {
        problems.push({ field: 'subtotal', message: 'surveys.error.subtotal', params: { number: n } })
      }
    }
    if (q.type === 'ranking' && q.rankCount !== undefined && q.options.length > 0 && q.rankCount > q.options.length) {
      problems.push({ field: 'rank_count', message: 'surveys.error.rankCount', params: { max: q.options.length } })
    }
    const codes = new Set(q.options.map((o) => o.code))
    if (codes.size !== q.options.length) problems.push({ field: 'options', message: 'surveys.error.optionDuplicate', params: { number: n } })
  }
  if (allQuestions(def).length > MAX_QUESTIONS) problems.push({ field: 'question', message: 'surveys.error.tooManyQuestions', params: { max: MAX_QUESTIONS } })
  if (problems.length === 0 && !Value.Check(DefinitionSchema, def)) problems.push({ field: 'question', message: 'form.error.invalid' })
  return problems
}

/** Problems that prevent answering (a campaign cannot open on them): no question, choices without options. */
export function readinessProblems(def: Definition): FieldProblem[] {
  const questions = allQuestions(def)
  if (questions.length === 0) return [{ field: 'questionnaire', message: 'surveys.error.noQuestion' }]
  return questions
    .filter((q) => hasOptions(q.type) && q.options.length < 2)
    .map((q) => ({ field: 'questionnaire', message: 'surveys.error.fewOptions', params: { number: questionNumber(def, q.key) } }))
}

/** Appends a section; returns its key. Edge case: more than 30 sections is a 400. */
export function addSection(def: Definition, title: string): string {
  if (def.sections.length >= 30) throw validationError([{ field: 'title', message: 'surveys.error.tooManySections' }])
  const key = `s${def.next++}`
  def.sections.push({ key, title, questions: [] })
  return key
}

/** Renames, moves or deletes a section. Edge cases: only an empty section can go, and never the last one. */
export function sectionOperation(def: Definition, key: string, op: 'rename' | 'up' | 'down' | 'delete', title: string | undefined): void {
  const s = sectionIndex(def, key)
  const section = def.sections[s] as Definition['sections'][number]
  if (op === 'rename') {
    if (!title) throw validationError([{ field: 'title', message: 'form.error.required' }])
    section.title = title
  } else if (op === 'delete') {
    if (section.questions.length > 0) throw validationError([{ field: 'section', message: 'surveys.error.sectionNotEmpty' }])
    if (def.sections.length === 1) throw validationError([{ field: 'section', message: 'surveys.error.lastSection' }])
    def.sections.splice(s, 1)
  } else {
    const t = op === 'up' ? s - 1 : s + 1
    if (t < 0 || t >= def.sections.length) return
    def.sections[s] = def.sections[t] as Definition['sections'][number]
    def.sections[t] = section
  }
}

/** Sensible defaults of a new question of `type`. */
export function newQuestion(key: string, type: QuestionType, label: string): Question {
  const q: Question = { key, type, label, help: '', required: true, options: [], condition: null, profile: null, subtotal: null }
  if (type === 'ranking') q.partialRanking = false
  if (type === 'scale') q.scale = { min: 0, max: 10, minLabel: '', maxLabel: '' }
  if (type === 'number') q.number = { min: null, max: null, integer: false, unit: '' }
  if (type === 'short_text' || type === 'long_text') q.required = false
  return q
}

/** Appends a question of `type` to a section with sensible defaults; returns its key. */
export function addQuestion(def: Definition, sectionKey: string, type: QuestionType, label: string): string {
  const s = sectionIndex(def, sectionKey)
  if (allQuestions(def).length >= MAX_QUESTIONS) throw validationError([{ field: 'label', message: 'surveys.error.tooManyQuestions', params: { max: MAX_QUESTIONS } }])
  const key = `q${def.next++}`
  ;(def.sections[s] as Definition['sections'][number]).questions.push(newQuestion(key, type, label))
  return key
}

/** Moves a question one place up or down, across section boundaries at the ends of a section. */
export function moveQuestion(def: Definition, key: string, direction: 'up' | 'down'): void {
  const { s, i } = locate(def, key)
  const section = def.sections[s] as Definition['sections'][number]
  const [q] = section.questions.splice(i, 1) as [Question]
  if (direction === 'up') {
    if (i > 0) section.questions.splice(i - 1, 0, q)
    else if (s > 0) (def.sections[s - 1] as Definition['sections'][number]).questions.push(q)
    else section.questions.splice(0, 0, q)
  } else {
    if (i < section.questions.length) section.questions.splice(i + 1, 0, q)
    else if (s < def.sections.length - 1) (def.sections[s + 1] as Definition['sections'][number]).questions.unshift(q)
    else section.questions.push(q)
  }
  const problems = checkDefinition(def)
  if (problems.length > 0) throw validationError([{ field: 'question', message: 'surveys.error.moveBreaksCondition' }])
}

/** Removes a question. Edge case: a question others' display conditions depend on is refused (400). */
export function deleteQuestion(def: Definition, key: string): void {
  const { s, i } = locate(def, key)
  const dependents = allQuestions(def).filter((q) => q.condition?.question === key)
  if (dependents.length > 0) {
    throw validationError([{ field: 'question', message: 'surveys.error.usedByCondition', params: { numbers: dependents.map((q) => questionNumber(def, q.key)).join(', ') } }])
  }
  ;(def.sections[s] as Definition['sections'][number]).questions.splice(i, 1)
}

/**
 * Applies the question editor: the fixed fields, the option labels (`optionLabels`, by code), then the
 * operation (`save`, `add-option`, `option-up:<code>`, `option-down:<code>`, `option-delete:<code>`).
 * Returns the problems; on problems the definition must not be saved.
 */
export function editQuestion(def: Definition, key: string, form: QuestionEditFormT, optionLabels: Record<string, string>): FieldProblem[] {
  const { s, i } = locate(def, key)
  const q = (def.sections[s] as Definition['sections'][number]).questions[i] as Question
  const problems: FieldProblem[] = []
  q.label = form.label
  q.help = form.help ?? ''
  q.required = form.required === 'on'
  // option labels
  for (const o of q.options) {
    const label = optionLabels[o.code]
    if (label === undefined) continue
    if (label.trim() === '') problems.push({ field: `option_${o.code}`, message: 'surveys.error.optionLabel' })
    else if (hasForbiddenCharacter(label)) problems.push({ field: `option_${o.code}`, message: 'form.error.controlCharacter' })
    else if (label.length > 300) problems.push({ field: `option_${o.code}`, message: 'form.error.maxLength', params: { max: 300 } })
    else o.label = label.trim()
  }
  if (q.type === 'ranking') {
    q.rankCount = form.rank_count
    if (q.rankCount === undefined) delete q.rankCount
    q.partialRanking = form.partial === 'on'
  }
  if (q.type === 'scale') {
    const [min, max] = form.scale_range === '1-5' ? [1, 5] : [0, 10]
    q.scale = { min: min as 0 | 1, max: max as 10 | 5, minLabel: form.min_label ?? '', maxLabel: form.max_label ?? '' }
  }
  if (q.type === 'number') {
    const min = form.number_min ?? null
    const max = form.number_max ?? null
    if (min !== null && max !== null && min > max) problems.push({ field: 'number_max', message: 'surveys.error.numberBounds' })
    q.number = { min, max, integer: form.number_integer === 'on', unit: form.number_unit ?? '' }
  }
  // display condition: every ticked option belongs to one earlier choice question
  if (form.condition.length === 0) q.condition = null
  else {
    const targets = new Set(form.condition.map((c) => c.split(':')[0] as string))
    if (targets.size > 1) problems.push({ field: 'condition', message: 'surveys.error.conditionOneQuestion' })
    else {
      const target = [...targets][0] as string
      q.condition = { question: target, options: form.condition.map((c) => c.split(':')[1] as string) }
    }
  }
  q.profile = form.profile ?? null
  if (form.subtotal.length === 0) q.subtotal = null
  else if (form.subtotal.length < 2) problems.push({ field: 'subtotal', message: 'surveys.error.subtotalTwo' })
  else if (!form.subtotal_label) problems.push({ field: 'subtotal_label', message: 'form.error.required' })
  else q.subtotal = { label: form.subtotal_label, options: form.subtotal }

  // the operation
  const op = form.op
  if (op === 'add-option') {
    const label = (form.new_option ?? '').trim()
    if (!hasOptions(q.type)) problems.push({ field: 'new_option', message: 'surveys.error.noOptions' })
    else if (label === '') problems.push({ field: 'new_option', message: 'surveys.error.optionLabel' })
    else if (q.options.length >= MAX_OPTIONS) problems.push({ field: 'new_option', message: 'surveys.error.tooManyOptions', params: { max: MAX_OPTIONS } })
    else q.options.push({ code: `o${def.next++}`, label })
  } else if (op.startsWith('option-')) {
    const [action, code] = op.slice('option-'.length).split(':') as [string, string]
    const index = q.options.findIndex((o) => o.code === code)
    if (index < 0) problems.push({ field: 'options', message: 'surveys.error.optionUnknown' })
    else if (action === 'delete') {
      const users = allQuestions(def).filter((x) => x.condition?.question === q.key && x.condition.options.includes(code))
      if (users.length > 0) problems.push({ field: `option_${code}`, message: 'surveys.error.optionUsed', params: { numbers: users.map((x) => questionNumber(def, x.key)).join(', ') } })
      else {
        q.options.splice(index, 1)
        if (q.subtotal) {
          const rest = q.subtotal.options.filter((c) => c !== code)
          q.subtotal = rest.length >= 2 ? { ...q.subtotal, options: rest } : null
        }
        if (q.rankCount !== undefined && q.rankCount > q.options.length) q.rankCount = Math.max(1, q.options.length)
      }
    } else {
      const target = action === 'up' ? index - 1 : index + 1
      if (target >= 0 && target < q.options.length) {
        const [o] = q.options.splice(index, 1) as [Question['options'][number]]
        q.options.splice(target, 0, o)
      }
    }
  }
  if (problems.length > 0) return problems
  return checkDefinition(def)
}
