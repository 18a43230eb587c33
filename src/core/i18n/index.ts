/**
 * Translations. French is the default and the reference; English is complete (a test checks that both
 * catalogues have the same keys). Domain words (besoin, envie d'engagement, catalyseur…) stay French in both.
 *
 * One layout for every catalogue (`<feature>.messages.ts`):
 *
 * ```ts
 * const fr = { 'listening.count.needs': '{count, plural, =0 {Aucun besoin} one {# besoin} other {# besoins}}' }
 * const en: Record<keyof typeof fr, string> = { 'listening.count.needs': '…' }
 * export const listeningMessages = defineMessages(fr, en)
 * declare module '../../core/i18n/index.js' { interface MessageKeys extends Record<keyof typeof fr, true> {} }
 * ```
 *
 * Keys are checked by the compiler: `Translate` takes a `MessageKey`, the union of every catalogue's keys (the
 * `declare module` block above), so a mistyped or removed key fails to compile. A key built from a code takes a
 * typed map (`{ a: 'x.a' } as const satisfies Record<Code, MessageKey>`, `translateLabel` for codes read as
 * strings) or a template literal over a closed union; only a key that truly comes from data (stored in the
 * database, a cookie, the mail outbox) is checked at run time, by `t.has` / `translateStored`. At run time
 * a missing key still shows as the key itself.
 *
 * Messages use ICU MessageFormat (`intl-messageformat`) where plurals or selections are needed
 * (`{count, plural, …}`, `{kind, select, …}`); other messages are plain text with `{name}` placeholders, filled
 * without the ICU parser (faster). Numbers in parameters are formatted for the locale.
 * Plurals are ICU only: a key is never chosen by suffix from `count` (a key such as `….amount.zero` is a message
 * of its own, not a plural form).
 */
import { type Formatters, IntlMessageFormat } from 'intl-messageformat'

export const LOCALES = ['fr', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export type Catalogue = Record<string, string>

/**
 * Every message key of the application: each catalogue adds its keys by declaration merging (see the module's
 * JSDoc), so that `t('…')` can be checked by the compiler.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface MessageKeys {}
export type MessageKey = Extract<keyof MessageKeys, string>

/** A feature's catalogue: French, and English with exactly the same keys (the compiler checks it). */
export function defineMessages<F extends Record<string, string>>(fr: F, en: Record<keyof F, string>): MessageBundle {
  return { fr, en: en as Catalogue }
}

/** A feature's messages in both languages. */
export interface MessageBundle {
  fr: Catalogue
  en: Catalogue
}

export type Params = Record<string, string | number | undefined>

/** Translates a key that comes from data: an unknown key shows as written (the same fallback as `Translate`). */
export function translateStored(t: Translate, key: string, params?: Params): string {
  return t.has(key) ? t(key, params) : key
}

/**
 * Translates the code `value` of a closed list through `labels`, a typed map from its codes to their message keys
 * (`{ a: 'x.a', b: 'x.b' } as const satisfies Record<Code, MessageKey>`), for codes read as plain strings (a
 * column, a query parameter). A code the map does not know shows as written.
 */
export function translateLabel(t: Translate, labels: Readonly<Record<string, MessageKey>>, value: string | number, params?: Params): string {
  const key = Object.hasOwn(labels, value) ? labels[value] : undefined
  return key === undefined ? String(value) : t(key, params)
}

/** Translates `key` with `params`; returns the key itself when missing so that a gap is visible, not fatal. */
export interface Translate {
  (key: MessageKey, params?: Params): string
  /**
   * True when `key` is a message of the catalogues. Only for keys that truly come from data (a key stored in the
   * database or a cookie, a mail template read from the outbox); a key written in the code is checked by the
   * compiler instead.
   */
  has(key: string): key is MessageKey
}

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
    const translate = (key: MessageKey, params?: Params): string => {
      const template = catalogue.get(key)
      if (template === undefined) return key
      if (ICU.test(template)) return formatIcu(locale, template, params ?? {})
      if (!params) return template
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = params[name]
        if (value === undefined) return whole
        return typeof value === 'number' ? formatNumber(locale, value) : value
      })
    }
    translators.set(locale, Object.assign(translate, { has: (key: string): key is MessageKey => catalogue.has(key) }))
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

const ICU = /\{\s*\w+\s*,\s*(plural|select|selectordinal)\s*,/
const icuFormats = new Map<string, IntlMessageFormat>()

/**
 * The Intl objects ICU messages use, one per kind, locale and options. intl-messageformat's own cache serialises
 * every call's arguments to find them again, which made a plural message cost twice as much to format.
 */
const icuIntl = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>()
function reusedIntl<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let made = icuIntl.get(key) as T | undefined
  if (!made) {
    made = make()
    icuIntl.set(key, made)
  }
  return made
}
const optionsKey = (options: object | undefined) => (options === undefined ? '' : JSON.stringify(options))
const icuFormatters: Formatters = {
  getNumberFormat: (locales, options) => reusedIntl(`number|${String(locales)}|${optionsKey(options)}`, () => new Intl.NumberFormat(locales, options)),
  getDateTimeFormat: (locales, options) => reusedIntl(`date|${String(locales)}|${optionsKey(options)}`, () => new Intl.DateTimeFormat(locales, options)),
  getPluralRules: (locales, options) => reusedIntl(`plural|${String(locales)}|${options?.type ?? ''}`, () => new Intl.PluralRules(locales, options)),
}

/** Formats an ICU message (compiled once per locale and text). A malformed message shows as written, not a crash. */
function formatIcu(locale: Locale, template: string, params: Params): string {
  const key = `${locale}\u0000${template}`
  let format = icuFormats.get(key)
  if (!format) {
    format = new IntlMessageFormat(template, locale === 'fr' ? 'fr-FR' : 'en-GB', undefined, { formatters: icuFormatters })
    icuFormats.set(key, format)
  }
  try {
    return String(format.format(params as Record<string, string | number>))
  } catch {
    return template
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

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * Formats an instant as a day and a time of Paris, e.g. « 26 novembre 2026, 14:05 » (`seconds`: 14:05:09, for
 * logs). An unreadable value is returned as given.
 */
export function formatDateTime(locale: Locale, iso: string, options: { seconds?: boolean } = {}): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const key = `${locale}:${options.seconds === true}`
  let format = timeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit', ...(options.seconds ? { second: '2-digit' } : {}), timeZone: 'Europe/Paris' })
    timeFormats.set(key, format)
  }
  return `${formatDate(locale, iso)}, ${format.format(date)}`
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
