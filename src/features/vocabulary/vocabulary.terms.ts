/**
 * Lookups over the vocabulary: labels in the page's language, code lists for validation schemas, the lexique
 * anchor of each term (every label the interface shows links there) and where each term comes from.
 */
import type { Locale } from '../../core/i18n/index.js'
import { VOCABULARY, type KindInfo, type Term, type VocabularyKind } from './vocabulary.data.js'
import type { Origin } from './vocabulary.sources.js'

const byKind = new Map<VocabularyKind, KindInfo>(VOCABULARY.map((k) => [k.kind, k]))
const byKey = new Map<string, { term: Term; info: KindInfo }>()
for (const info of VOCABULARY) for (const term of info.terms) byKey.set(`${info.kind}:${term.code}`, { term, info })

/** The terms of a kind, in their reference order (empty for an unknown kind). */
export function termsOf(kind: VocabularyKind): Term[] {
  return byKind.get(kind)?.terms ?? []
}

/** The codes of a kind (for validation schemas); sub-terms are included unless `topLevelOnly`. */
export function codesOf(kind: VocabularyKind, topLevelOnly = false): string[] {
  return termsOf(kind)
    .filter((t) => !topLevelOnly || t.parent === undefined)
    .map((t) => t.code)
}

/** The term `code` of `kind`, or undefined (a code stored before a term was withdrawn, a typo in a URL…). */
export function findTerm(kind: VocabularyKind, code: string): Term | undefined {
  return byKey.get(`${kind}:${code}`)?.term
}

/** The label of a term in `locale`; the code itself when unknown (visible, never a crash). */
export function termLabel(kind: VocabularyKind, code: string, locale: Locale): string {
  const term = findTerm(kind, code)
  if (!term) return code
  return locale === 'fr' ? term.fr : term.en
}

/** The anchor of a term on the lexique page, e.g. `world-association` (characters other than `[\w-]` become `-`). */
export function termAnchor(kind: VocabularyKind, code: string): string {
  return `${kind}-${code}`.replace(/[^a-zA-Z0-9_-]/g, '-')
}

/** Options for a select or checkbox group, labels in `locale`. */
export function termOptions(kind: VocabularyKind, locale: Locale, topLevelOnly = false): Array<{ value: string; label: string }> {
  return termsOf(kind)
    .filter((t) => !topLevelOnly || t.parent === undefined)
    .map((t) => ({ value: t.code, label: locale === 'fr' ? t.fr : t.en }))
}

/** Where a term comes from: its own origin, else its kind's. Unknown terms are the platform's (`'alliance'`). */
export function termOrigin(kind: VocabularyKind, code: string): Origin {
  const found = byKey.get(`${kind}:${code}`)
  if (!found) return 'alliance'
  return found.term.origin ?? found.info.origin
}
