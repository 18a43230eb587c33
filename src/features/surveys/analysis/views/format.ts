/**
 * Number formats of survey results, in the page's language — the one percentage formatter of the surveys:
 * percentages with one decimal ("41,9 %"; whole for axis ticks and outside figures), intervals ("40,1 – 43,7"),
 * means, and population bases in millions ("50,2 millions").
 */
import { formatNumber, type Locale, type Translate } from '../../../../core/i18n/index.js'
import type { Interval } from '../model.js'

/** A share (0..1) as a percentage, with one decimal by default, and a no-break space before « % ». */
export function pct(locale: Locale, share: number, digits = 1): string {
  return `${formatNumber(locale, share * 100, digits)}\u00a0%`
}

/** A share interval as "40,1 – 43,7 %". */
export function pctInterval(locale: Locale, value: Interval | null): string {
  if (!value || !Number.isFinite(value.low) || !Number.isFinite(value.high)) return '—'
  return `${formatNumber(locale, value.low * 100, 1)} – ${formatNumber(locale, value.high * 100, 1)}\u00a0%`
}

/** A mean with two decimals. */
export function mean(locale: Locale, value: number): string {
  return formatNumber(locale, value, 2)
}

/** A mean interval as "1,99 – 2,05" ('—' when not computable). */
export function meanInterval(locale: Locale, value: Interval | null): string {
  if (!value || !Number.isFinite(value.low)) return '—'
  return `${formatNumber(locale, value.low, 2)} – ${formatNumber(locale, value.high, 2)}`
}

/** A population base: millions with one decimal from a million up, else the whole number. */
export function base(locale: Locale, t: Translate, value: number): string {
  if (value >= 1e6) return t('surveys.format.millions', { value: formatNumber(locale, value / 1e6, 1) })
  return formatNumber(locale, Math.round(value))
}
