/**
 * The one way to write a route. Three helpers register every route of the features:
 *
 * - `apiRoute` — a JSON route of `/api/v1`, documented in the OpenAPI document;
 * - `pageRoute` — an HTML page (GET), its filters read leniently (an invalid filter is dropped and named);
 * - `formRoute` — a posted HTML form: re-rendered with every problem at once, or done (flash + 303 redirect).
 *
 * All three run the same order, so that what a person learns depends only on their rights:
 * 1. sign-in (the kernel's gate: 401, or a redirect to the sign-in page) and CSRF on state-changing requests;
 * 2. `authorize(request)`: loads the object of the URL and checks the actor's rights on it — 404 when they may not
 *    see it, 403 when they may see but not act (read ids with `paramId`, which answers 404 to a malformed id);
 * 3. input validation against the TypeBox schemas (`core/http/validation.ts`: trimmed, control characters refused,
 *    every field at once) — 400 problem+json, or the form again with its error summary;
 * 4. `handler(request, reply, ctx)` with typed `request.params/query/body` (the TypeBox type provider) and the
 *    context `authorize` returned; rights that depend on the input (acting for an organisation one is not a member
 *    of: 404) are the service's.
 *
 * The OpenAPI side is derived: error answers (400, 401, 403, 404, 409…) are declared from what the route does, as
 * `application/problem+json` with the one `Problem` schema; the security requirement follows `public` and the
 * method (a write needs the session cookie and the `X-CSRF-Token` header).
 */
import type { IncomingMessage } from 'node:http'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault, RouteGenericInterface } from 'fastify'
import type { VNode } from 'preact'
import type { Static, TSchema, TUnknown } from 'typebox'
import { Compile } from 'typebox/compile'
import { isId } from '../db/values.js'
import { AppError, notFound, type FieldProblem } from '../errors.js'
import type { FormState } from '../views/forms.js'
import { Problem } from './schemas.js'
import { FORM_INPUT, validationProblems } from './validation.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Check every API answer against its declared schema (set when the application runs its tests). */
    checkResponses: boolean
  }
}

/** A request whose `params`, `query` and `body` are typed from the route's schemas (the TypeBox type provider). */
export type RouteRequest<P extends TSchema = TUnknown, Q extends TSchema = TUnknown, B extends TSchema = TUnknown> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  IncomingMessage,
  { params: P; querystring: Q; body: B },
  TypeBoxTypeProvider
>

/** What `authorize` returns is handed to the handler (the loaded object, the actor's scope on it…). */
export type Authorize<Ctx> = (request: FastifyRequest) => Promise<Ctx> | Ctx

const contexts = new WeakMap<FastifyRequest, unknown>()

function authorizeHook<Ctx>(authorize: Authorize<Ctx> | undefined) {
  return async (request: FastifyRequest) => {
    contexts.set(request, authorize ? await authorize(request) : undefined)
  }
}

function contextOf<Ctx>(request: FastifyRequest): Ctx {
  return contexts.get(request) as Ctx
}

/** The text field `name` of a parsed input (params, query or body) before its schema ran; undefined otherwise. */
function textField(input: unknown, name: string): string | undefined {
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined
  return typeof value === 'string' ? value : undefined
}

/**
 * The URL parameter `name` as the router matched it (a string), for `authorize`, which runs before the params
 * schema; undefined when the route has no such parameter. Prefer `paramId` for ids.
 */
export function paramText(request: FastifyRequest, name: string): string | undefined {
  return textField(request.params, name)
}

/**
 * The query-string field `name` as sent (a string), for `authorize`, which runs before the querystring schema;
 * undefined when absent or repeated. Check it with `requireId` or the schema's rules before use.
 */
export function queryText(request: FastifyRequest, name: string): string | undefined {
  return textField(request.query, name)
}

/** The form field `name` as posted (a string), for `authorize`, which runs before the body schema; as `queryText`. */
export function bodyText(request: FastifyRequest, name: string): string | undefined {
  return textField(request.body, name)
}

/** The URL parameter `name` as an id, or 404 (a malformed id never reaches the database). */
export function paramId(request: FastifyRequest, name = 'id'): string {
  const value = paramText(request, name)
  if (value === undefined || !isId(value)) throw notFound()
  return value
}

/** An id given in input (a form's hidden field, a query parameter), or 404. */
export function requireId(value: unknown): string {
  if (typeof value !== 'string' || !isId(value)) throw notFound()
  return value
}

// ---------------------------------------------------------------------------------------------------------------
// API routes

type SuccessStatus = 200 | 201 | 202 | 204
type ErrorStatus = 403 | 404 | 409 | 410 | 413 | 422 | 429 | 503
type SuccessSchemas = Partial<Record<SuccessStatus, TSchema>>
type SuccessBody<R extends SuccessSchemas> = { [K in keyof R]: R[K] extends TSchema ? Static<R[K]> : never }[keyof R]

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` names every invalid field',
  401: 'Not signed in',
  403: 'Signed in, but not allowed to do this (or the CSRF token is missing)',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  410: 'Gone (expired or already used)',
  413: 'Request body too large',
  422: 'Understood, but cannot be processed',
  429: 'Too many attempts: retry after the `Retry-After` delay',
  500: 'Unexpected error (no details are given)',
  503: 'Temporarily unavailable',
}
const SUCCESS_DESCRIPTIONS: Record<SuccessStatus, string> = { 200: 'Success', 201: 'Created', 202: 'Accepted', 204: 'Done, nothing to return' }

function problemResponse(status: number) {
  return { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/problem+json': { schema: Problem } } }
}

const SAFE_METHODS = new Set(['GET', 'HEAD'])

export interface ApiRouteSpec<P extends TSchema, Q extends TSchema, B extends TSchema, R extends SuccessSchemas, Ctx> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  operationId: string
  summary: string
  description?: string
  tags: [string]
  /** Answers without a signed-in person (default: private). */
  public?: boolean
  params?: P
  querystring?: Q
  body?: B
  /** The success answers (JSON). Error answers are declared from the rest of the spec. */
  response: R
  /** Error statuses the route answers besides those derived (400 with input, 401 when private, 404 with an id). */
  errors?: ErrorStatus[]
  /**
   * What a successful write changes in public pages: page-cache tags to bump (`core/http/page-cache.ts`), `[]`
   * when nothing public changes. Every write route declares it (the route-inventory test checks).
   */
  invalidates?: string[]
  /** Rate-limited route: `@fastify/rate-limit` options (adds 429 to the document). */
  rateLimit?: { max: number; timeWindow: number | string; keyGenerator?: (request: FastifyRequest) => string } | false
  authorize?: Authorize<Ctx>
  /**
   * The body property each problem of the service names after its HTML form's field (`criterion_label_2` is in
   * `criteria`): `[pattern, property]` pairs, the first matching pattern wins. An API error names the body's
   * properties only (a JSON pointer's first segment); in tests, a problem naming anything else is a failure.
   */
  formFields?: ReadonlyArray<readonly [RegExp, string]>
  handler(request: RouteRequest<P, Q, B>, reply: FastifyReply, ctx: Ctx): Promise<SuccessBody<R> | FastifyReply>
}

/** The property names of an object schema, or of every branch of a union or intersection (none otherwise). */
function propertyNames(schema: TSchema | undefined): string[] {
  const s = schema as { properties?: Record<string, unknown>; anyOf?: TSchema[]; allOf?: TSchema[] } | undefined
  return [...Object.keys(s?.properties ?? {}), ...[...(s?.anyOf ?? []), ...(s?.allOf ?? [])].flatMap(propertyNames)]
}

/**
 * The error with its problems named after the API's input (see `formFields`). Edge case: in tests a problem that
 * still names no property of the body, query or path is a programming error, thrown as such.
 */
function namedForApi(error: AppError, spec: { operationId: string; params?: TSchema; querystring?: TSchema; body?: TSchema; formFields?: ReadonlyArray<readonly [RegExp, string]> }, strict: boolean): AppError {
  if (error.fields.length === 0) return error
  const known = new Set([...propertyNames(spec.body), ...propertyNames(spec.querystring), ...propertyNames(spec.params)])
  const fields = error.fields.map((problem) => {
    if (known.has(problem.field)) return problem
    const property = spec.formFields?.find(([pattern]) => pattern.test(problem.field))?.[1]
    if (property !== undefined) return { ...problem, field: property }
    if (strict) throw new Error(`${spec.operationId}: the problem field “${problem.field}” is not a property of its input (declare it in formFields)`)
    return problem
  })
  return new AppError(error.code, error.messageKey, { fields, params: error.params, ...(error.link ? { link: error.link } : {}), cause: error })
}

/** Registers a JSON route of the API (see the module's JSDoc for the order of checks). */
export function apiRoute<P extends TSchema = TUnknown, Q extends TSchema = TUnknown, B extends TSchema = TUnknown, R extends SuccessSchemas = SuccessSchemas, Ctx = undefined>(
  app: FastifyInstance,
  spec: ApiRouteSpec<P, Q, B, R, Ctx>,
): void {
  const response: Record<string, unknown> = {}
  for (const [status, schema] of Object.entries(spec.response) as Array<[string, TSchema]>) {
    const description = (schema as { description?: string }).description ?? SUCCESS_DESCRIPTIONS[Number(status) as SuccessStatus]
    response[status] = status === '204' ? { description, type: 'null' } : { description, content: { 'application/json': { schema } } }
  }
  const errors = new Set<number>(spec.errors ?? [])
  if (spec.params || spec.querystring || spec.body) errors.add(400)
  if (!spec.public) errors.add(401)
  if (spec.params || spec.authorize) errors.add(404)
  if (!SAFE_METHODS.has(spec.method)) errors.add(403)
  if (spec.body) errors.add(413)
  if (spec.rateLimit) errors.add(429)
  errors.add(500)
  for (const status of [...errors].sort()) response[String(status)] = problemResponse(status)

  const write = !SAFE_METHODS.has(spec.method)
  app.route({
    method: spec.method,
    url: spec.url,
    config: { public: spec.public === true, ...(spec.invalidates ? { invalidates: spec.invalidates } : {}), ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}) },
    schema: {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: spec.tags,
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.querystring ? { querystring: spec.querystring } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      response,
      security: spec.public ? (write ? [{ session: [], csrf: [] }] : [{}, { session: [] }]) : write ? [{ session: [], csrf: [] }] : [{ session: [] }],
    },
    preValidation: authorizeHook(spec.authorize),
    handler: async (request, reply) => {
      let result: SuccessBody<R> | FastifyReply
      try {
        result = await spec.handler(request as unknown as RouteRequest<P, Q, B>, reply, contextOf<Ctx>(request))
      } catch (error) {
        throw error instanceof AppError ? namedForApi(error, spec, app.checkResponses) : error
      }
      const success = Object.keys(spec.response)
      if (!reply.sent && success.length === 1 && reply.statusCode === 200 && success[0] !== '200') reply.status(Number(success[0]))
      if (app.checkResponses && !reply.sent) checkResponse(spec.operationId, spec.response[reply.statusCode as SuccessStatus], result)
      return result
    },
  })
}

const responseValidators = new WeakMap<TSchema, ReturnType<typeof Compile>>()

/** Throws when `body` does not match the declared answer (a programming error the tests must see). */
function checkResponse(operationId: string, schema: TSchema | undefined, body: unknown): void {
  if (!schema || body === undefined || body === null) return
  let validator = responseValidators.get(schema)
  if (!validator) {
    validator = Compile(schema)
    responseValidators.set(schema, validator)
  }
  if (validator.Check(body)) return
  const issues = [...validator.Errors(body)].slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`)
  throw new Error(`${operationId}: the answer does not match its declared schema (${issues.join('; ')})`)
}

// ---------------------------------------------------------------------------------------------------------------
// Pages and forms (hidden from the OpenAPI document)

export interface PageRouteSpec<P extends TSchema, Q extends TSchema, Ctx> {
  url: string
  /** Answers without a signed-in person (default: private: a redirect to the sign-in page). */
  public?: boolean
  /** May be kept in the anonymous page cache (public pages only): `true` depends on every tag, or name the tags. */
  cache?: boolean | { tags: string[] }
  params?: P
  /** Wrap it in `lenient(...)` for filters (invalid ones dropped and named, see `queryProblems`). */
  querystring?: Q
  authorize?: Authorize<Ctx>
  handler(request: RouteRequest<P, Q>, reply: FastifyReply, ctx: Ctx): Promise<FastifyReply | string | Buffer | VNode | undefined>
}

/** Registers an HTML page (GET). */
export function pageRoute<P extends TSchema = TUnknown, Q extends TSchema = TUnknown, Ctx = undefined>(app: FastifyInstance, spec: PageRouteSpec<P, Q, Ctx>): void {
  app.route({
    method: 'GET',
    url: spec.url,
    config: { public: spec.public === true, ...(spec.cache ? { cache: spec.cache } : {}) },
    schema: { hide: true, ...(spec.params ? { params: spec.params } : {}), ...(spec.querystring ? { querystring: spec.querystring } : {}) },
    preValidation: authorizeHook(spec.authorize),
    handler: async (request, reply) => spec.handler(request as unknown as RouteRequest<P, Q>, reply, contextOf<Ctx>(request)),
  })
}

export interface FormRouteSpec<P extends TSchema, B extends TSchema, Ctx> {
  url: string
  /** Accepts a post without a signed-in person (signing up or in, a link's confirmation). Default: private. */
  public?: boolean
  /**
   * `false` only for a post that cannot carry the CSRF token and is authorised by a signed token in its URL
   * instead (a mail client's one-click unsubscribe, RFC 8058, sends no cookie).
   */
  csrf?: false
  params?: P
  body: B
  /** What a successful post changes in public pages: page-cache tags to bump, `[]` when nothing public changes. */
  invalidates: string[]
  /** Rate-limited form: `@fastify/rate-limit` options. */
  rateLimit?: { max: number; timeWindow: number | string; keyGenerator?: (request: FastifyRequest) => string } | false
  /** Runs before the body is validated (see the module's JSDoc). */
  authorize?: Authorize<Ctx>
  /** Renders the form with the posted values and every problem (status 400, or the service error's status). */
  render(request: FastifyRequest, reply: FastifyReply, ctx: Ctx, state: FormState, status: number): Promise<FastifyReply> | FastifyReply
  /**
   * Problems the schema cannot see, checked on the posted strings even when the schema already refused some field
   * (so that every problem shows at once, not in stages), e.g. a territory name that matches nothing.
   */
  check?(request: FastifyRequest, ctx: Ctx, values: FormState['values']): Promise<FieldProblem[]> | FieldProblem[]
  /** The use case: call the service, then `done(reply, …)` (flash + 303) — or render something else. */
  handler(request: RouteRequest<P, TUnknown, B>, reply: FastifyReply, ctx: Ctx): Promise<FastifyReply>
}

const formValues = new WeakMap<FastifyRequest, FormState['values']>()

/** The posted strings (and lists of strings) of a form, to show them again; `_csrf` is left out. */
export function formValuesOf(body: unknown): FormState['values'] {
  const values: FormState['values'] = {}
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === '_csrf') continue
      if (typeof value === 'string') values[key] = value
      else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string')
    }
  }
  return values
}

/** The posted values of the current form request (as typed, before normalisation). */
export function postedValues(request: FastifyRequest): FormState['values'] {
  return formValues.get(request) ?? formValuesOf(request.body)
}

/** Merges problems, one per field (the first wins), in the order given. */
function mergeProblems(...lists: FieldProblem[][]): FieldProblem[] {
  const byField = new Map<string, FieldProblem>()
  for (const list of lists) for (const problem of list) if (!byField.has(problem.field)) byField.set(problem.field, problem)
  return [...byField.values()]
}

/** Registers a posted HTML form (POST). */
export function formRoute<P extends TSchema = TUnknown, B extends TSchema = TUnknown, Ctx = undefined>(app: FastifyInstance, spec: FormRouteSpec<P, B, Ctx>): void {
  app.route({
    method: 'POST',
    url: spec.url,
    config: { public: spec.public === true, invalidates: spec.invalidates, ...(spec.csrf === false ? { csrf: false } : {}), ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}) },
    attachValidation: true,
    schema: { hide: true, ...(spec.params ? { params: spec.params } : {}), body: spec.body },
    preValidation: async (request) => {
      formValues.set(request, formValuesOf(request.body))
      contexts.set(request, spec.authorize ? await spec.authorize(request) : undefined)
    },
    handler: async (request, reply) => {
      const ctx = contextOf<Ctx>(request)
      const values = postedValues(request)
      const schemaProblems = request.validationError ? validationProblems(request.validationError.validation ?? [], 'body') : []
      const extra = spec.check ? await spec.check(request, ctx, values) : []
      if (schemaProblems.length > 0 || extra.length > 0) {
        return spec.render(request, reply, ctx, { values, errors: mergeProblems(schemaProblems, extra) }, 400)
      }
      try {
        return await spec.handler(request as unknown as RouteRequest<P, TUnknown, B>, reply, ctx)
      } catch (error) {
        if (error instanceof AppError && error.fields.length > 0) return spec.render(request, reply, ctx, { values, errors: error.fields }, error.status)
        throw error
      }
    },
  })
}

/** Ends a form: a one-shot message for the next page and a 303 redirect to `location` (POST-redirect-GET). */
export function done(reply: FastifyReply, location: string, flash?: Parameters<FastifyReply['setFlash']>[0]): FastifyReply {
  if (flash) reply.setFlash(flash)
  return reply.redirect(location, 303)
}

/** Marks a parsed urlencoded body so the validator normalises it as a form (called by the HTTP kernel). */
export function markFormInput(body: unknown): void {
  if (body && typeof body === 'object') Object.defineProperty(body, FORM_INPUT, { value: true, enumerable: false })
}
