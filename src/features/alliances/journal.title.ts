/**
 * How a journal entry's title reads: free text written by a person is shown as written; a message written by
 * the platform (or by another feature) is rendered in the reader's language from its key and parameters, with
 * what the row itself knows — the organisation's current name, the phases' labels in that language.
 */
import { type Locale, type MessageKey, type Translate, translateStored } from '../../core/i18n/index.js'
import { termLabel } from '../vocabulary/index.js'

/**
 * What an entry's title says: free text written by a person (2–200 characters once trimmed), or a message of
 * the platform's catalogues with its parameters (codes, names, numbers — never sentences), rendered in each
 * reader's language. Another feature passes a key of its own catalogue.
 */
export type JournalTitle = string | { key: MessageKey; params?: Record<string, string | number> }

/** The columns of a journal row this needs (`JournalRow` has them). */
export interface TitledEntry {
  title: string
  title_key: string | null
  title_params: string | null
  organisation_name: string | null
  phase_from: string | null
  phase_to: string | null
}

function paramsOf(json: string | null): Record<string, string | number> {
  if (!json) return {}
  try {
    const value = JSON.parse(json) as unknown
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string | number>) : {}
  } catch {
    return {}
  }
}

/**
 * The entry's title in `locale`. Edge cases: stored parameters win over what the row knows (a key of another
 * feature may name its own `organisation`); an unknown key shows as the key itself (visible, never a crash).
 */
export function journalTitleText(entry: TitledEntry, t: Translate, locale: Locale): string {
  if (entry.title_key === null) return entry.title
  const phase = (code: string | null) => (code ? termLabel('alliance_phase', code, locale) : '')
  return translateStored(t, entry.title_key, { organisation: entry.organisation_name ?? '', from: phase(entry.phase_from), to: phase(entry.phase_to), ...paramsOf(entry.title_params) })
}
