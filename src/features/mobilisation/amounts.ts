/**
 * Reading the amounts and quantities people type (`1 500,50`, `1500.50`) into exact integers with the alliances'
 * rule (`parseQuantity`): euros become cents, other units hundredths. Each problem becomes a field problem whose
 * message says what is wrong (negative, three decimals, zero, not a whole number, too large, not a number).
 */
import type { FieldProblem } from '../../core/errors.js'
import { parseQuantity, type ContributionUnit } from '../alliances/index.js'

/** The message key of each way a typed amount can be wrong. */
export const AMOUNT_PROBLEMS = {
  format: 'mobilisation.error.amount.format',
  negative: 'mobilisation.error.amount.negative',
  zero: 'mobilisation.error.amount.zero',
  decimals: 'mobilisation.error.amount.decimals',
  whole: 'mobilisation.error.amount.whole',
  tooLarge: 'mobilisation.error.amount.tooLarge',
} as const

/**
 * The quantity typed in `field` in `unit` (× 100, exact), or null with a problem added to `problems`. Edge cases:
 * an empty text is `required` unless `optional` (then null without a problem); `0` is refused unless `allowZero`.
 */
export function readQuantity(problems: FieldProblem[], field: string, text: string | undefined, unit: ContributionUnit, options: { optional?: boolean; allowZero?: boolean } = {}): number | null {
  const value = (text ?? '').trim()
  if (value === '') {
    if (!options.optional) problems.push({ field, message: 'form.error.required' })
    return null
  }
  if (options.allowZero && /^0+(?:[.,]0+)?$/.test(value)) return 0
  const parsed = parseQuantity(value, unit)
  if (parsed.ok) return parsed.hundredths
  problems.push({ field, message: AMOUNT_PROBLEMS[parsed.problem] })
  return null
}

/** Euros typed in `field`, in cents (see `readQuantity`). */
export function readEuros(problems: FieldProblem[], field: string, text: string | undefined, options: { optional?: boolean; allowZero?: boolean } = {}): number | null {
  return readQuantity(problems, field, text, 'eur', options)
}

/** Cents as the decimal text the API and the SCDL export write (`1500.5` → `"1500.50"`). */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
