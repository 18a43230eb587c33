/**
 * Input validation, one pipeline for every route (HTML forms, query strings, the JSON API) and for services that
 * check input themselves: TypeBox schemas, compiled once.
 *
 * Before a value is checked against its schema it is normalised the same way everywhere:
 * - strings are trimmed, so that "   " is empty and a length is the length of what was meant;
 * - an empty string for an optional property means "not given" (the property is dropped);
 * - form-like inputs (urlencoded bodies, query strings) hold only strings: a single value is wrapped for an array
 *   property (and empty entries dropped), a repeated key for a scalar keeps its last value, an absent required
 *   array is an empty list (an unchecked group of checkboxes), and numbers / booleans are converted;
 * - **control characters are refused** in every string, whatever its schema: the C0 controls other than tab,
 *   line feed and carriage return (NUL included), DEL, the C1 controls, U+2028/U+2029 and unpaired surrogates.
 *   One rule on both databases (PostgreSQL refuses NUL in text; SQLite would store it), reported as a field
 *   problem, never a 500.
 * Then defaults are applied, the value is checked, and every broken rule becomes a `FieldProblem` whose message
 * is an i18n key naming the rule ("au moins 12 caractères"), or the schema's own `errorMessage` key — the same
 * words for a form and for the API, in the reader's language.
 */
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import Value from 'typebox/value'
import type { FastifySchemaCompiler } from 'fastify'
import { validationError, type FieldProblem } from '../errors.js'
import type { MessageKey } from '../i18n/index.js'

/** Marks a parsed urlencoded body (set by the HTTP kernel) so that it is normalised as a form. */
export const FORM_INPUT: unique symbol = Symbol('form input')
/** Where a lenient query's problems are left on the value (see `lenient`). */
const QUERY_PROBLEMS: unique symbol = Symbol('query problems')
const lenientSchemas = new WeakSet<object>()

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] }

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  allOf?: JsonSchema[]
  /** the i18n key of the field's message (`withMessage`) */
  errorMessage?: MessageKey
  format?: string
  pattern?: string
}

// Tab, LF and CR are text; every other control character, the line/paragraph separators and unpaired
// surrogates are refused.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this expression's job
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** True when `text` holds a character the platform refuses in text (see the module's rule). */
export function hasForbiddenCharacter(text: string): boolean {
  return FORBIDDEN.test(text)
}

function propertiesOf(schema: JsonSchema): { properties: Record<string, JsonSchema>; required: Set<string> } | null {
  if (schema.properties) return { properties: schema.properties, required: new Set(schema.required ?? []) }
  if (schema.allOf) {
    const properties: Record<string, JsonSchema> = {}
    const required = new Set<string>()
    for (const part of schema.allOf) {
      const inner = propertiesOf(part)
      if (!inner) continue
      Object.assign(properties, inner.properties)
      for (const name of inner.required) required.add(name)
    }
    return { properties, required }
  }
  return null
}

const isArraySchema = (schema: JsonSchema | undefined) => schema?.type === 'array'
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Normalises `value` for `schema`; returns undefined for "not given". Collects control-character problems. */
function normalise(schema: JsonSchema, value: unknown, form: boolean, path: string, problems: FieldProblem[]): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (hasForbiddenCharacter(value)) problems.push({ field: fieldOf(path), message: 'form.error.controlCharacter' })
    return trimmed
  }
  if (isArraySchema(schema)) {
    if (value === undefined) return undefined
    const list = Array.isArray(value) ? value : [value]
    const items = list.map((item, i) => normalise(schema.items ?? {}, item, form, `${path}/${i}`, problems))
    return form ? items.filter((item) => item !== '' && item !== undefined) : items
  }
  if (form && Array.isArray(value)) return normalise(schema, value[value.length - 1], form, path, problems)
  const shape = propertiesOf(schema)
  if (shape && isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      if (key === '_csrf' || key === '__proto__' || key === 'constructor' || key === 'prototype') continue
      const prop = shape.properties[key]
      if (!prop) {
        // A form's unknown fields are ignored; JSON keeps them so that `additionalProperties: false` can refuse them.
        if (!form) out[key] = value[key]
        continue
      }
      const normalised = normalise(prop, value[key], form, `${path}/${key}`, problems)
      if ((normalised === '' || normalised === undefined) && !shape.required.has(key)) continue
      if (normalised === undefined) continue
      out[key] = normalised
    }
    if (form) {
      for (const [key, prop] of Object.entries(shape.properties)) {
        if (out[key] === undefined && isArraySchema(prop) && shape.required.has(key)) out[key] = []
      }
    }
    return out
  }
  return value
}

function fieldOf(instancePath: string): string {
  return instancePath.split('/')[1] ?? ''
}

interface ValidationIssue {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
}

function ruleMessage(keyword: string, params: Record<string, unknown>, schema: JsonSchema | undefined, value: unknown): Omit<FieldProblem, 'field'> {
  if (schema?.errorMessage && keyword !== 'required') return { message: schema.errorMessage }
  switch (keyword) {
    case 'required':
      return { message: 'form.error.required' }
    case 'minLength':
      return value === '' || Number(params.limit) <= 1 ? { message: 'form.error.required' } : { message: 'form.error.minLength', params: { min: Number(params.limit) } }
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
      if (params.format === 'email') return { message: 'form.error.email' }
      if (params.format === 'date') return { message: 'form.error.date' }
      if (params.format === 'date-time') return { message: 'form.error.dateTime' }
      return { message: 'form.error.format' }
    case 'type':
      if (schema?.type === 'integer') return { message: 'form.error.integer' }
      if (schema?.type === 'number') return { message: 'form.error.number' }
      return { message: 'form.error.invalid' }
    case 'additionalProperties':
    case 'boolean': // "schema is false": the `additionalProperties: false` of the parent refuses this property
      return { message: 'form.error.unknownField' }
    case 'enum':
    case 'const':
    case 'anyOf':
      return { message: 'form.error.choice' }
    default:
      return { message: 'form.error.invalid' }
  }
}

/** The schema of the property at `instancePath` (`/a/0/b`), walking objects and arrays. */
function schemaAt(schema: JsonSchema, instancePath: string): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema
  for (const segment of instancePath.split('/').slice(1)) {
    if (!current) return undefined
    if (isArraySchema(current)) current = current.items
    else current = propertiesOf(current)?.properties[segment]
  }
  return current
}

function valueAt(value: unknown, instancePath: string): unknown {
  let current = value
  for (const segment of instancePath.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}

/**
 * One problem per field (the first rule broken), in the schema's property order. A property that is wrong in
 * several nested places (an item of a list) is reported once, on the property.
 */
function problemsOf(schema: JsonSchema, value: unknown, issues: Iterable<ValidationIssue>, early: FieldProblem[]): FieldProblem[] {
  const byField = new Map<string, FieldProblem>()
  for (const problem of early) if (!byField.has(problem.field)) byField.set(problem.field, problem)
  for (const issue of issues) {
    if (issue.keyword === 'required') {
      const parent = schemaAt(schema, issue.instancePath)
      const missing = (issue.params.requiredProperties as string[] | undefined) ?? []
      for (const name of missing) {
        const field = issue.instancePath === '' ? name : fieldOf(issue.instancePath)
        if (!byField.has(field)) byField.set(field, { field, ...ruleMessage('required', {}, parent?.properties?.[name], undefined) })
      }
      continue
    }
    if (issue.keyword === 'additionalProperties') {
      const extra = (issue.params.additionalProperties as string[] | undefined) ?? []
      for (const name of extra) {
        const field = issue.instancePath === '' ? name : fieldOf(issue.instancePath)
        if (!byField.has(field)) byField.set(field, { field, message: 'form.error.unknownField' })
      }
      continue
    }
    const field = fieldOf(issue.instancePath)
    if (field === '' || byField.has(field)) continue
    byField.set(field, { field, ...ruleMessage(issue.keyword, issue.params, schemaAt(schema, issue.instancePath), valueAt(value, issue.instancePath)) })
  }
  const order = Object.keys(propertiesOf(schema)?.properties ?? {})
  const rank = (field: string) => {
    const i = order.indexOf(field)
    return i === -1 ? order.length : i
  }
  return [...byField.values()].sort((a, b) => rank(a.field) - rank(b.field))
}

interface Checker {
  check(input: unknown, form: boolean): ParseResult<unknown>
}

const checkers = new WeakMap<object, Checker>()

const compiled = new WeakMap<object, ReturnType<typeof Compile>>()

function compile(schema: TSchema) {
  let validator = compiled.get(schema)
  if (!validator) {
    validator = Compile(schema)
    compiled.set(schema, validator)
  }
  return validator
}

/**
 * Every issue of `value`. TypeBox stops listing after a failed union, so each property of an object is checked on
 * its own (every field is reported at once, as a person fixing a form needs).
 */
function issuesOf(schema: TSchema, value: unknown): ValidationIssue[] {
  const whole = [...compile(schema).Errors(value)] as ValidationIssue[]
  const shape = propertiesOf(schema as unknown as JsonSchema)
  if (!shape || !isPlainObject(value)) return whole
  const issues = whole.filter((issue) => issue.instancePath === '' || !Object.hasOwn(shape.properties, fieldOf(issue.instancePath)))
  for (const [name, prop] of Object.entries(shape.properties)) {
    if (value[name] === undefined) continue
    const validator = compile(prop as unknown as TSchema)
    if (validator.Check(value[name])) continue
    for (const issue of validator.Errors(value[name]) as Iterable<ValidationIssue>) issues.push({ ...issue, instancePath: `/${name}${issue.instancePath}` })
  }
  return issues
}

function checkerFor(schema: TSchema): Checker {
  let checker = checkers.get(schema)
  if (checker) return checker
  const validator = compile(schema)
  const json = schema as unknown as JsonSchema
  checker = {
    check(input, form) {
      const early: FieldProblem[] = []
      const normalised = normalise(json, input ?? (propertiesOf(json) ? {} : input), form, '', early)
      const converted = Value.Convert(schema, Value.Default(schema, normalised))
      if (early.length === 0 && validator.Check(converted)) return { ok: true, value: converted }
      return { ok: false, errors: problemsOf(json, converted, issuesOf(schema, converted), early) }
    },
  }
  checkers.set(schema, checker)
  return checker
}

/**
 * Validates `input` against `schema` with the platform's normalisation (see the module's JSDoc). `form: true`
 * for urlencoded bodies and query strings (values are strings). Returns the typed value or every field problem.
 * Edge cases: `_csrf` and `__proto__` keys are never copied; a form's unknown keys are ignored, a JSON body's are
 * kept (refused when the schema says `additionalProperties: false`).
 */
export function parseInput<T extends TSchema>(schema: T, input: unknown, options: { form?: boolean } = {}): ParseResult<import('typebox').Static<T>> {
  return checkerFor(schema).check(input, options.form ?? true) as ParseResult<import('typebox').Static<T>>
}

/** Like `parseInput` but throws the 400 `AppError` with every field problem (for services). */
export function parseOrThrow<T extends TSchema>(schema: T, input: unknown, options: { form?: boolean } = {}): import('typebox').Static<T> {
  const result = parseInput(schema, input, options)
  if (!result.ok) throw validationError(result.errors)
  return result.value
}

/**
 * A query-string schema whose invalid parameters are dropped instead of refusing the request (a page's filters:
 * `?q=eau&domaine=nope` keeps the text, ignores the unknown domain and says so). The problems are read with
 * `queryProblems(request.query)`.
 */
export function lenient<T extends TSchema>(schema: T): T {
  // A faithful copy (TypeBox keeps its kind in non-enumerable symbols), remembered as lenient.
  const copy = Object.create(Object.getPrototypeOf(schema), Object.getOwnPropertyDescriptors(schema)) as T
  lenientSchemas.add(copy)
  return copy
}

/** The parameters a lenient query dropped, as field problems (empty when every parameter was valid). */
export function queryProblems(query: unknown): FieldProblem[] {
  return (query as { [QUERY_PROBLEMS]?: FieldProblem[] } | null)?.[QUERY_PROBLEMS] ?? []
}

/** Fastify's validator compiler for every route: the pipeline above, errors carried as field problems. */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const checker = checkerFor(schema)
  const isLenient = lenientSchemas.has(schema)
  return (input: unknown) => {
    const form = httpPart !== 'body' || (isPlainObject(input) && (input as { [FORM_INPUT]?: boolean })[FORM_INPUT] === true)
    const result = checker.check(input, form)
    if (result.ok) return { value: result.value }
    if (isLenient && isPlainObject(input)) {
      const kept: Record<string, unknown> = { ...input }
      for (const problem of result.errors) delete kept[problem.field]
      const retry = checker.check(kept, form)
      if (retry.ok) {
        const value = retry.value as Record<PropertyKey, unknown>
        Object.defineProperty(value, QUERY_PROBLEMS, { value: result.errors, enumerable: false })
        return { value }
      }
    }
    return {
      error: result.errors.map((problem) => ({
        keyword: 'alliance',
        instancePath: problem.field === '' ? '' : `/${problem.field}`,
        schemaPath: '#',
        params: { problem },
        message: problem.message,
      })),
    }
  }
}

/** The field problems of a Fastify validation error raised by `validatorCompiler`. */
export function validationProblems(validation: ReadonlyArray<{ params?: unknown; instancePath?: string; message?: string }>, part = 'body'): FieldProblem[] {
  return validation.map((issue) => {
    const problem = (issue.params as { problem?: FieldProblem } | undefined)?.problem
    return problem ?? { field: fieldOf(issue.instancePath ?? '') || part, message: 'form.error.invalid' }
  })
}
