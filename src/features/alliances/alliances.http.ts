/**
 * What the alliance pages and API routes share: reading ids from the URL (junk answers 404 before any
 * query), loading an alliance through the policy, and turning a posted body into form values.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isId } from '../../core/db/values.js'
import { AppError, notFound, type FieldProblem } from '../../core/errors.js'
import type { FormValues } from '../../core/views/forms.js'
import { authorizeView, type AllianceAccess } from './alliances.policy.js'
import type { AllianceScope } from './alliances.queries.js'
import { loadAllianceAccess } from './alliances.service.js'

/** An id from the URL, or a 404 (malformed ids never reach the database). */
export function requireId(value: string | undefined): string {
  if (value === undefined || !isId(value)) throw notFound()
  return value
}

/** The URL parameter `name` of the request as an id. */
export function paramId(request: FastifyRequest, name = 'id'): string {
  return requireId((request.params as Record<string, string>)[name])
}

/** Loads the alliance of the URL and checks that the actor may see it (404 otherwise). */
export async function viewable(app: FastifyInstance, request: FastifyRequest): Promise<{ access: AllianceAccess; scope: AllianceScope }> {
  const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
  return { access, scope: authorizeView(request.actor, access) }
}

/** The posted strings (and lists of strings) of a form, for re-rendering it; `_csrf` is left out. */
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

/**
 * Runs a form's use case; field problems (400, 409 with fields) come back as a list to re-render the form
 * with, any other error goes to the error page.
 */
export async function withFieldErrors<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FieldProblem[]; status: number }> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    if (error instanceof AppError && error.fields.length > 0) return { ok: false, errors: error.fields, status: error.status }
    throw error
  }
}
