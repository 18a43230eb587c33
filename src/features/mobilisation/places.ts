/**
 * A territory typed in a form field (a name, a code, or a `kind:code` id) resolved to one territory of the
 * official geography with the organisations' resolver: an unknown or ambiguous entry is a problem of that field
 * that names the candidates.
 */
import type { Kysely } from 'kysely'
import type { FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { resolveOtherTerritories } from '../organisations/index.js'

/** The territory ids typed in `field` (one per line or `;`), or an empty list and a problem of `field`. */
export async function resolveTerritoryField(db: Kysely<Database>, problems: FieldProblem[], field: string, text: string | undefined, options: { single?: boolean; optional?: boolean } = {}): Promise<string[]> {
  const value = (text ?? '').trim()
  if (value === '') {
    if (!options.optional) problems.push({ field, message: 'form.error.required' })
    return []
  }
  const { ids, problem } = await resolveOtherTerritories(db, value)
  if (problem) {
    problems.push({ ...problem, field })
    return []
  }
  if (options.single && ids.length !== 1) {
    problems.push({ field, message: 'mobilisation.error.oneTerritory' })
    return []
  }
  return ids
}
