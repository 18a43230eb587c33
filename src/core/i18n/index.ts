/**
 * Translations. French is the default and the reference; English is complete (a test checks that both
 * catalogues have the same keys). Domain words (besoin, envie d'engagement, catalyseur…) stay French in both.
 *
 * Messages are plain strings with `{name}` placeholders. A key may have plural forms `key.one` / `key.other`,
 * chosen from the `count` parameter with `Intl.PluralRules`. Numbers in parameters are formatted for the locale.
 */

export const LOCALES = ['fr', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export type Catalogue = Record<string, string>

/** A feature's messages in both languages. */
export interface MessageBundle {
  fr: Catalogue
  en: Catalogue
}

export type Params = Record<string, string | number | undefined>

/** Translates `key` with `params`; returns the key itself when missing so that a gap is visible, not fatal. */
export type Translate = (key: string, params?: Params) => string

export interface I18n {
  translator(locale: Locale): Translate
  keys(locale: Locale): Set<string>
}

/** True when `value` is a supported locale code. */
export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en'
}

/**
 * Merges the bundles of every feature. Edge case: the same key defined twice is a programming error and
 * throws at boot, so two features cannot silently overwrite each other's wording.
 */
export function createI18n(bundles: MessageBundle[]): I18n {
  const catalogues: Record<Locale, Map<string, string>> = { fr: new Map(), en: new Map() }
  for (const bundle of bundles) {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(bundle[locale])) {
        if (catalogues[locale].has(key)) throw new Error(`Message ${key} défini deux fois (${locale})`)
        catalogues[locale].set(key, value)
      }
    }
  }
  const translators = new Map<Locale, Translate>()
  for (const locale of LOCALES) {
    const catalogue = catalogues[locale]
    const plural = new Intl.PluralRules(locale)
    translators.set(locale, (key, params) => {
      let template = catalogue.get(key)
      if (params && typeof params.count === 'number') {
        template =
          catalogue.get(`${key}.${params.count === 0 ? 'zero' : plural.select(params.count)}`) ??
          catalogue.get(`${key}.${plural.select(params.count)}`) ??
          catalogue.get(`${key}.other`) ??
          template
      }
      if (template === undefined) return key
      if (!params) return template
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = params[name]
        if (value === undefined) return whole
        return typeof value === 'number' ? formatNumber(locale, value) : value
      })
    })
  }
  return {
    translator(locale) {
      return translators.get(locale) as Translate
    },
    keys(locale) {
      return new Set(catalogues[locale].keys())
    },
  }
}

// Intl formatters are costly to build (tens of microseconds): one per locale and precision, reused.
const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<Locale, Intl.DateTimeFormat>()

/** Formats a number the French or English way (narrow no-break spaces as thousands separators in French). */
export function formatNumber(locale: Locale, value: number, digits = 0): string {
  const key = `${locale}:${digits}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    numberFormats.set(key, format)
  }
  return format.format(value)
}

/** Formats an ISO date (or date-time) as a day in the locale, e.g. « 26 novembre 2026 ». */
export function formatDate(locale: Locale, iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  let format = dateFormats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' })
    dateFormats.set(locale, format)
  }
  return format.format(date)
}
