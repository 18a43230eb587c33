/**
 * Quantities of contributions: a unit (€, hours, days, people, items, m²) and an exact amount.
 *
 * Why integers: amounts are stored as hundredths (for euros, cents), so sums are exact on both databases
 * and a later valuation in euros can multiply stored quantities by documented rates without touching the
 * records. People and items are whole numbers. Input accepts the French way of writing numbers
 * (`1 500,50`) and the English one (`1500.50`).
 */
import { formatNumber, type Locale } from '../../core/i18n/index.js'

export const CONTRIBUTION_UNITS = ['eur', 'hours', 'days', 'people', 'items', 'm2'] as const
export type ContributionUnit = (typeof CONTRIBUTION_UNITS)[number]

/** Units counted in whole numbers. */
const WHOLE_UNITS: ReadonlySet<string> = new Set(['people', 'items'])

/** The largest quantity accepted (in hundredths): 10 000 000 000 units, well inside exact integers. */
export const MAX_HUNDREDTHS = 1_000_000_000_000

export type QuantityProblem = 'format' | 'negative' | 'zero' | 'decimals' | 'whole' | 'tooLarge'

export type ParsedQuantity = { ok: true; hundredths: number } | { ok: false; problem: QuantityProblem }

export function isContributionUnit(value: string): value is ContributionUnit {
  return (CONTRIBUTION_UNITS as readonly string[]).includes(value)
}

/**
 * Parses a typed quantity into exact hundredths. Spaces (also no-break) group thousands; one `,` or `.`
 * separates at most two decimals. Edge cases: `-5` is `negative`, `0` is `zero`, `1,234` is read as
 * 1.234 and refused (`decimals`), `2,5` people is refused (`whole`), text is `format`.
 */
export function parseQuantity(text: string, unit: ContributionUnit): ParsedQuantity {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '')
  if (/^[-−]/.test(compact) && /\d/.test(compact)) return { ok: false, problem: 'negative' }
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(compact)
  if (!match) return { ok: false, problem: 'format' }
  const whole = match[1] as string
  const fraction = match[2] ?? ''
  if (fraction.length > 2) return { ok: false, problem: 'decimals' }
  if (whole.replace(/^0+/, '').length > 11) return { ok: false, problem: 'tooLarge' }
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  if (hundredths === 0) return { ok: false, problem: 'zero' }
  if (hundredths > MAX_HUNDREDTHS) return { ok: false, problem: 'tooLarge' }
  if (WHOLE_UNITS.has(unit) && hundredths % 100 !== 0) return { ok: false, problem: 'whole' }
  return { ok: true, hundredths }
}

/**
 * The number as a person reads it, without the unit: `1 500,5` (h), `1 500,50` (€: cents always shown
 * when there are any), two decimals at most.
 */
export function formatHundredths(locale: Locale, hundredths: number, unit?: string): string {
  const digits = hundredths % 100 === 0 ? 0 : unit === 'eur' || hundredths % 10 !== 0 ? 2 : 1
  return formatNumber(locale, hundredths / 100, digits)
}

/** The number as typed in a form field (`1500,5` in French): no grouping, the locale's decimal mark. */
export function quantityInput(locale: Locale, hundredths: number): string {
  const whole = Math.floor(hundredths / 100)
  const fraction = hundredths % 100
  if (fraction === 0) return String(whole)
  const decimals = fraction % 10 === 0 ? String(fraction / 10) : String(fraction).padStart(2, '0')
  return `${whole}${locale === 'fr' ? ',' : '.'}${decimals}`
}
