/**
 * Request helpers of the listening pages: the values of a posted form as the form components redisplay them
 * (the CSRF token left out), and the 404 for an id that cannot exist (checked before any query).
 */
import { isId } from '../../core/db/values.js'
import { notFound } from '../../core/errors.js'
import type { FormValues } from '../../core/views/forms.js'

/** Strings and lists of strings of a form body, for redisplay after an error. */
export function formValuesOf(body: unknown): FormValues {
  const values: FormValues = {}
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === '_csrf') continue
      if (typeof value === 'string') values[key] = value
      else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string')
    }
  }
  return values
}

/** `id` when it has the shape of an id; otherwise a 404. */
export function requireId(id: string): string {
  if (!isId(id)) throw notFound()
  return id
}

