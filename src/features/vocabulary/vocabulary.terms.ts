/**
 * Lookups over the vocabulary: labels in the page's language, code lists for validation schemas, and the
 * lexique anchor of each term (every label the interface shows links there).
 */
import type { Locale } from '../../core/i18n/index.js'
import { VOCABULARY, type KindInfo, type Term, type VocabularyKind } from './vocabulary.data.js'

const byKind = new Map<VocabularyKind, KindInfo>(VOCABULARY.map((k) => [k.kind, k]))
const byKey = new Map<string, Term>()
for (const info of VOCABULARY) for (const term of info.terms) byKey.set(`${info.kind}:${term.code}`, term)

/** The terms of a kind, in their reference order. */
export function termsOf(kind: VocabularyKind): Term[] {
  return byKind.get(kind)?.terms ?? []
}

/** The codes of a kind (for validation schemas); sub-terms are included unless `topLevelOnly`. */
export function codesOf(kind: VocabularyKind, topLevelOnly = false): string[] {
  return termsOf(kind)
    .filter((t) => !topLevelOnly || t.parent === undefined)
    .map((t) => t.code)
}

export function findTerm(kind: VocabularyKind, code: string): Term | undefined {
  return byKey.get(`${kind}:${code}`)
}

/** The label of a term in `locale`; the code itself when unknown (visible, never a crash). */
export function termLabel(kind: VocabularyKind, code: string, locale: Locale): string {
  const term = findTerm(kind, code)
  if (!term) return code
  return locale === 'fr' ? term.fr : term.en
}

/** The anchor of a term on the lexique page, e.g. `world-association`. */
export function termAnchor(kind: VocabularyKind, code: string): string {
  return `${kind}-${code}`.replace(/[^a-zA-Z0-9_-]/g, '-')
}

/** The definition of a term in `locale`. */
export function termDefinition(kind: VocabularyKind, code: string, locale: Locale): string {
  const term = findTerm(kind, code)
  if (!term) return ''
  return locale === 'fr' ? term.defFr : term.defEn
}

/** Options for a select or checkbox group, labels in `locale`. */
export function termOptions(kind: VocabularyKind, locale: Locale, topLevelOnly = false): Array<{ value: string; label: string }> {
  return termsOf(kind)
    .filter((t) => !topLevelOnly || t.parent === undefined)
    .map((t) => ({ value: t.code, label: locale === 'fr' ? t.fr : t.en }))
}

export function kindInfo(kind: VocabularyKind): KindInfo | undefined {
  return byKind.get(kind)
}
