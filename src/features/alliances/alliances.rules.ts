/**
 * Rules of alliance input that a schema cannot express, shared by the services of every aggregate: calendar
 * days that exist and follow each other, codes of the lexique, and the unique constraints that settle races.
 */
import { isUniqueViolation } from '../../core/db/dialect.js'
import type { AppError, FieldProblem } from '../../core/errors.js'
import { isCalendarDate, parisToday } from '../../core/time/calendar.js'
import { findTerm } from '../vocabulary/index.js'
import type { MessageKey } from '../../core/i18n/index.js'

export interface DateRules {
  required?: boolean
  /** the day may not be after today (in France) */
  notFuture?: boolean
  /** the day may not be before `date`; `message` names the rule broken */
  notBefore?: { date: string; message: MessageKey }
}

/**
 * The problem with a calendar day typed in `field`, or null. Edge cases: an empty value is a problem only when
 * `required`; `2025-02-30` is not a day; "today" is taken in Europe/Paris.
 */
export function dateProblem(field: string, value: string | null | undefined, rules: DateRules = {}): FieldProblem | null {
  if (value === null || value === undefined || value === '') return rules.required ? { field, message: 'form.error.required' } : null
  if (!isCalendarDate(value)) return { field, message: 'form.error.date' }
  if (rules.notFuture && value > parisToday()) return { field, message: 'alliances.error.dateFuture' }
  if (rules.notBefore && value < rules.notBefore.date) return { field, message: rules.notBefore.message, params: { date: rules.notBefore.date } }
  return null
}

/** True when `code` is a term of the lexique's `kind` (forms of co-construction, phases, roles…). */
export function known(kind: Parameters<typeof findTerm>[0], code: string): boolean {
  return findTerm(kind, code) !== undefined
}

/**
 * Runs `work`; a unique-constraint violation (two people doing the same thing at the same instant, which the
 * checks before could not see) becomes the `AppError` of `onUnique` instead of a 500.
 */
export async function guarded<T>(work: () => Promise<T>, onUnique: () => AppError): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw onUnique()
    throw error
  }
}
