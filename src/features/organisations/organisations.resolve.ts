/**
 * Turns what a person typed into territory ids: the seat commune ("Vincennes", "94300", "94080") and other
 * territories of the perimeter ("Val-de-Marne; Paris Est Marne et Bois"). When a text matches several
 * territories and none exactly once, the form asks the person to choose instead of guessing.
 */
import type { Kysely } from 'kysely'
import type { FieldProblem } from '../../core/errors.js'
import { normaliseQuery, normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { findTerritoryById, listAncestors, searchTerritories, type Territory, type TerritoryKind } from '../territories/index.js'

export interface SeatResolution {
  seatId: string | null
  candidates: Territory[]
  problem: FieldProblem | null
}

function isExact(t: Territory, query: string): boolean {
  const q = normaliseQuery(query)
  return normaliseText(t.name) === q || t.code.toLowerCase() === q || (t.postal_codes ?? '').split(' ').includes(q)
}

/** Resolves the seat field; `choice` (a commune id picked among candidates) wins when given. */
export async function resolveSeat(db: Kysely<Database>, seat: string, choice: string | undefined): Promise<SeatResolution> {
  if (choice && /^commune:[0-9][0-9AB][0-9]{3}$/.test(choice)) {
    const picked = await findTerritoryById(db, choice)
    if (picked) return { seatId: picked.id, candidates: [], problem: null }
  }
  const results = await searchTerritories(db, seat, { kinds: ['commune'], limit: 12 })
  const exact = results.filter((t) => isExact(t, seat))
  if (exact.length === 1) return { seatId: (exact[0] as Territory).id, candidates: [], problem: null }
  if (results.length === 0) return { seatId: null, candidates: [], problem: { field: 'seat', message: 'organisations.error.seatNotFound', params: { q: seat } } }
  return {
    seatId: null,
    candidates: exact.length > 1 ? exact : results,
    problem: { field: 'seat', message: 'organisations.error.seatAmbiguous', params: { q: seat } },
  }
}

/** Perimeter levels relative to the seat ("my département") → ids; levels the seat lacks are skipped. */
export async function perimeterFromLevels(db: Kysely<Database>, seatId: string, levels: readonly TerritoryKind[]): Promise<string[]> {
  if (levels.length === 0) return []
  const ancestors = await listAncestors(db, seatId)
  const ids: string[] = []
  for (const level of levels) {
    if (level === 'commune') ids.push(seatId)
    else ids.push(...ancestors.filter((a) => a.kind === level).map((a) => a.id))
  }
  return ids
}

/**
 * Resolves the free "other territories" field: entries separated by `;` or new lines, each a name or a code.
 * Returns ids, or one problem naming the first entry that is unknown or ambiguous (with suggestions).
 */
export async function resolveOtherTerritories(db: Kysely<Database>, text: string | undefined): Promise<{ ids: string[]; problem: FieldProblem | null }> {
  const entries = (text ?? '').split(/[;\n]/).map((e) => e.trim()).filter((e) => e !== '')
  const ids: string[] = []
  for (const entry of entries.slice(0, 20)) {
    if (/^(commune|epci|ept|departement|region):[0-9A-Za-z]{1,12}$/.test(entry)) {
      const found = await findTerritoryById(db, entry.replace(/:(.*)$/, (_, c: string) => ':' + c.toUpperCase()))
      if (found) {
        ids.push(found.id)
        continue
      }
    }
    const results = await searchTerritories(db, entry, { limit: 5 })
    const exact = results.filter((t) => isExact(t, entry))
    if (exact.length === 1) {
      ids.push((exact[0] as Territory).id)
      continue
    }
    const suggestions = (exact.length > 1 ? exact : results).map((t) => `${t.name} (${t.kind}:${t.code})`).join(', ')
    return {
      ids: [],
      problem: suggestions
        ? { field: 'perimeter_other', message: 'organisations.error.otherAmbiguous', params: { q: entry, suggestions } }
        : { field: 'perimeter_other', message: 'organisations.error.otherNotFound', params: { q: entry } },
    }
  }
  return { ids, problem: null }
}
