/**
 * @deprecated Transitional: the routes not yet converted to `core/http/routes.ts` read their input through these
 * names. New code uses `formRoute` / `pageRoute` / `apiRoute` (typed input, one validation pipeline) and
 * `parseInput` / `parseOrThrow` from `validation.ts`. This file goes when the last route is converted.
 */
import type { TSchema } from 'typebox'
import { AppError, type FieldProblem } from '../errors.js'
import { parseInput, type ParseResult } from './validation.js'

export { parseOrThrow } from './validation.js'
export { formValuesOf, paramId, requireId } from './routes.js'

/** @deprecated Use `parseInput(schema, input)` (same pipeline). */
export function parseForm<T extends TSchema>(schema: T, input: unknown): ParseResult<import('typebox').Static<T>> {
  return parseInput(schema, input)
}

/** @deprecated `formRoute` re-renders forms with every problem; this catches field problems by hand. */
export async function withFieldErrors<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FieldProblem[]; status: number }> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    if (error instanceof AppError && error.fields.length > 0) return { ok: false, errors: error.fields, status: error.status }
    throw error
  }
}
