/**
 * Form and query parsing against TypeBox schemas, so that an HTML form and the JSON API share one schema.
 *
 * An urlencoded body only holds strings (or arrays of strings for repeated keys). Before validation we trim
 * strings, drop empty optional fields, wrap single values for array properties, and convert numbers; then
 * each validation error becomes a `FieldProblem` with a translated message that names the rule
 * ("au moins 12 caractères"), or the schema's own `errorMessage` key when it has one.
 */
import type { TSchema } from 'typebox'
import Value from 'typebox/value'
import type { FastifyRequest } from 'fastify'
import { isId } from '../db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../errors.js'
import type { FormValues } from '../views/forms.js'

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] }

type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  errorMessage?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  format?: string
  anyOf?: JsonSchema[]
  enum?: unknown[]
}

function isArraySchema(schema: JsonSchema | undefined): boolean {
  return schema?.type === 'array'
}

/** Keeps only declared properties, trims strings, removes empty optional values, wraps array fields. */
function normalise(schema: JsonSchema, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const properties = schema.properties ?? {}
  const required = new Set(schema.required ?? [])
  for (const [name, prop] of Object.entries(properties)) {
    let value = input[name]
    if (isArraySchema(prop)) {
      if (value === undefined || value === '') value = []
      else if (!Array.isArray(value)) value = [value]
      value = (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '')
      out[name] = value
      continue
    }
    if (Array.isArray(value)) value = value[value.length - 1]
    if (typeof value === 'string') value = value.trim()
    if ((value === '' || value === undefined) && !required.has(name)) continue
    if (value === undefined) continue
    out[name] = value
  }
  return out
}

function messageFor(keyword: string, params: Record<string, unknown>, schema: JsonSchema | undefined): { message: string; params?: Record<string, string | number> } {
  if (schema?.errorMessage && keyword !== 'required') return { message: schema.errorMessage }
  switch (keyword) {
    case 'required':
      return { message: 'form.error.required' }
    case 'minLength':
      return Number(params.limit) <= 1 ? { message: 'form.error.required' } : { message: 'form.error.minLength', params: { min: Number(params.limit) } }
    case 'maxLength':
      return { message: 'form.error.maxLength', params: { max: Number(params.limit) } }
    case 'minimum':
    case 'exclusiveMinimum':
      return { message: 'form.error.minimum', params: { min: Number(params.limit) } }
    case 'maximum':
    case 'exclusiveMaximum':
      return { message: 'form.error.maximum', params: { max: Number(params.limit) } }
    case 'minItems':
      return { message: 'form.error.minItems', params: { min: Number(params.limit) } }
    case 'maxItems':
      return { message: 'form.error.maxItems', params: { max: Number(params.limit) } }
    case 'format':
      return { message: params.format === 'email' ? 'form.error.email' : 'form.error.format' }
    case 'type':
      return schema?.type === 'integer' || schema?.type === 'number' ? { message: 'form.error.number' } : { message: 'form.error.invalid' }
    default:
      return { message: 'form.error.invalid' }
  }
}

/**
 * Validates `input` (an urlencoded body or a query string object) against `schema`.
 * Returns the typed value, or one problem per field (the first rule broken), in the schema's property order.
 * Edge cases: unknown keys (including `_csrf`) are ignored, never applied; `__proto__` keys are dropped by
 * the normalisation (only declared properties are copied).
 */
export function parseForm<T extends TSchema>(schema: T, input: unknown): ParseResult<import('typebox').Static<T>> {
  const json = schema as unknown as JsonSchema
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  const candidate = Value.Convert(schema, normalise(json, body))
  if (Value.Check(schema, candidate)) return { ok: true, value: candidate as import('typebox').Static<T> }
  const byField = new Map<string, FieldProblem>()
  for (const error of Value.Errors(schema, candidate)) {
    let field = error.instancePath.split('/')[1] ?? ''
    if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties?: string[] }).requiredProperties ?? []
      for (const name of missing) {
        if (!byField.has(name)) byField.set(name, { field: name, ...messageFor('required', {}, json.properties?.[name]) })
      }
      continue
    }
    if (field === '' || byField.has(field)) continue
    if (error.keyword === 'anyOf' || error.keyword === 'const') {
      byField.set(field, { field, ...messageFor('enum', {}, json.properties?.[field]) })
      continue
    }
    const propSchema = json.properties?.[field]
    if ((candidate as Record<string, unknown>)[field] === '' && error.keyword === 'minLength') {
      byField.set(field, { field, message: 'form.error.required' })
      continue
    }
    const target = isArraySchema(propSchema) ? (propSchema?.items ?? propSchema) : propSchema
    const msg = messageFor(error.keyword, error.params as Record<string, unknown>, isArraySchema(propSchema) && /^\/[^/]+\/\d+/.test(error.instancePath) ? target : propSchema)
    byField.set(field, { field, ...msg })
  }
  const order = Object.keys(json.properties ?? {})
  const errors = [...byField.values()].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
  return { ok: false, errors }
}

/** Like `parseForm` but throws the 400 `AppError` (for services and API handlers). */
export function parseOrThrow<T extends TSchema>(schema: T, input: unknown): import('typebox').Static<T> {
  const result = parseForm(schema, input)
  if (!result.ok) throw validationError(result.errors)
  return result.value
}

/** The posted strings (and lists of strings) of a form, to re-render it after an error; `_csrf` is left out. */
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

/** An id from the URL, or a 404: malformed ids never reach the database. */
export function requireId(value: string | undefined): string {
  if (value === undefined || !isId(value)) throw notFound()
  return value
}

/** The URL parameter `name` of the request as an id (404 when malformed). */
export function paramId(request: FastifyRequest, name = 'id'): string {
  return requireId((request.params as Record<string, string | undefined>)[name])
}

/**
 * Runs a form's use case; field problems (400, 409 with fields) come back as a list to re-render the form
 * with; any other error goes on to the error handler.
 */
export async function withFieldErrors<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FieldProblem[]; status: number }> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    if (error instanceof AppError && error.fields.length > 0) return { ok: false, errors: error.fields, status: error.status }
    throw error
  }
}
