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
 * How many decimals a quantity shows, the same everywhere it is written: none for a whole number, two for euros
 * with cents (`1 500,50`), otherwise as many as it has (`7,5` h, `0,25` h).
 */
function decimalsOf(hundredths: number, unit?: string): 0 | 1 | 2 {
  if (hundredths % 100 === 0) return 0
  return unit === 'eur' || hundredths % 10 !== 0 ? 2 : 1
}

/**
 * The number as a person reads it, without the unit, in the page's language: `1 500,5` (h), `1 500,50` (€),
 * thousands grouped.
 */
export function formatHundredths(locale: Locale, hundredths: number, unit?: string): string {
  return formatNumber(locale, hundredths / 100, decimalsOf(hundredths, unit))
}

/**
 * The exact number as plain text, without grouping: `1500.50` (€), `7.5` (h), `12` — what the API returns, and,
 * with the locale's decimal mark (`1500,5`), what a form field shows again. Integer arithmetic: never rounded.
 */
export function plainQuantity(hundredths: number, unit?: string, mark: '.' | ',' = '.'): string {
  const whole = Math.floor(hundredths / 100)
  const decimals = decimalsOf(hundredths, unit)
  if (decimals === 0) return String(whole)
  const fraction = String(hundredths % 100).padStart(2, '0').slice(0, decimals)
  return `${whole}${mark}${fraction}`
}

/** The quantity as a form field shows it again (`1500,50` in French, `1500.50` in English): see `plainQuantity`. */
export function quantityInput(locale: Locale, hundredths: number, unit?: string): string {
  return plainQuantity(hundredths, unit, locale === 'fr' ? ',' : '.')
}
