/**
 * The HTTP kernel shared by every feature: cookies, urlencoded forms, security headers (strict CSP, no
 * inline script), rate limiting, static files, CSRF protection on every state-changing request, the
 * authentication gate (routes are private unless they say `config: { public: true }`), language choice,
 * one-shot flash messages, page rendering, and one error handler that answers an HTML page for pages and
 * `application/problem+json` for `/api/` routes.
 */
import { validateHeaderValue } from 'node:http'
import { fileURLToPath } from 'node:url'
import { constants as zlibConstants } from 'node:zlib'
import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyCompress from '@fastify/compress'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { h, type VNode } from 'preact'
import { anonymousActor, type Actor } from '../access/actor.js'
import type { Config } from '../config.js'
import { AppError, type ErrorCode, type FieldProblem } from '../errors.js'
import { isLocale, type I18n, type Locale, type MessageKey, type Translate } from '../i18n/index.js'
import type { Flash, NavItem, ViewContext } from '../views/context.js'
import { renderDocument } from '../views/render.js'
import Type from 'typebox'
import { ErrorPage } from './ErrorPage.js'
import { markFormInput, pageRoute } from './routes.js'
import { lenient, validationProblems } from './validation.js'
import { registerPageCache } from './page-cache.js'
import { databaseRateLimitStore } from './rate-limit-store.js'
import { registerSecurityHeaders } from './security-headers.js'
import { registerStaticAssets } from './static-assets.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers without a signed-in person. Default: private (401). */
    public?: boolean
    /** Set to false only for state-changing routes that cannot carry a CSRF token (none so far). */
    csrf?: boolean
  }
  interface FastifyRequest {
    actor: Actor
    locale: Locale
    t: Translate
    flash: Flash | null
    /** Unread notifications of the signed-in person (set by whichever plugin keeps notifications). */
    unreadNotifications: number
  }
  interface FastifyReply {
    /** Renders a page component inside the site's view context (status defaults to 200). */
    page(page: VNode<any>, status?: number): FastifyReply
    /** Sets a one-shot message shown on the next page (after a POST-redirect-GET). */
    setFlash(flash: Flash): FastifyReply
    /** The view context of this request (for components rendered outside `page`). */
    viewContext(): ViewContext
  }
}

export interface SiteOptions {
  config: Config
  i18n: I18n
  nav: NavItem[]
  /** Whether the fictional demonstration dataset is loaded (cached by the caller). */
  isDemo(): boolean
  /** URL prefixes whose routes (registered by third-party plugins) are public. */
  publicPrefixes: string[]
  /** The search offered on "not found" pages. */
  notFoundSearch: { action: string; label: MessageKey; hint: MessageKey }
  /** Where signed-in people read their notifications (the layout shows a link with the unread count). */
  notificationsHref?: string
}

const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url))
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** True for JSON API routes, which answer problem+json instead of HTML. */
export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/')
}

/**
 * The flash message read back from its signed cookie: the key is checked against the catalogues and only text or
 * number parameters are kept. Anything else (a key since removed, a malformed value) shows no message.
 */
function flashOf(value: unknown, t: Translate): Flash | null {
  if (typeof value !== 'object' || value === null || !('kind' in value) || !('message' in value)) return null
  const { kind, message } = value
  if ((kind !== 'success' && kind !== 'info') || typeof message !== 'string' || !t.has(message)) return null
  const params: Record<string, string | number> = {}
  const given = 'params' in value && typeof value.params === 'object' && value.params !== null ? value.params : {}
  for (const [name, param] of Object.entries(given)) if (typeof param === 'string' || typeof param === 'number') params[name] = param
  return { kind, message, params }
}

const LOCAL_ORIGIN = 'http://alliance.invalid'

/**
 * A "return to" target is only ever a path of this site (open redirects). The value is read as a browser would
 * read a `Location` (WHATWG URL parsing: tabs and newlines removed, backslashes as slashes), and refused unless it
 * stays on this origin; what comes back is the parsed path, percent-encoded, so it is always a valid header value.
 * Edge cases: `//evil.example`, `/\\evil.example`, `/\t/evil.example`, any control character or space → `fallback`.
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return fallback
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this test's job
  if (/[\u0000-\u001F\u007F-\u009F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF\\]/.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, LOCAL_ORIGIN)
  } catch {
    return fallback
  }
  if (url.origin !== LOCAL_ORIGIN || url.pathname.startsWith('//')) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

async function httpKernel(app: FastifyInstance, options: SiteOptions): Promise<void> {
  const { config, i18n } = options
  const secure = config.publicUrl.startsWith('https://')

  // Routes added by third-party plugins (static files, API documentation) are public by nature.
  app.addHook('onRoute', (route) => {
    if (options.publicPrefixes.some((prefix) => route.url.startsWith(prefix))) {
      route.config = { ...(route.config ?? {}), public: true }
    }
  })

  await app.register(fastifyCookie, { secret: config.sessionSecret })
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 })
  registerSecurityHeaders(app, { hsts: secure })
  // A header value Node refuses (a newline in a redirect target, a file name…) would make Node answer a raw 500
  // with its own message, past our error handler: such a header is dropped and the error goes through the
  // handler (a 500 without details).
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined) continue
      try {
        for (const item of [value].flat()) validateHeaderValue(name, String(item))
      } catch (cause) {
        reply.removeHeader(name)
        request.log.error({ err: cause, header: name }, 'invalid header value')
        throw new AppError('ALLIANCE_ERR_INTERNAL', 'error.internal', { cause })
      }
    }
    return payload
  })
  await app.register(fastifyRateLimit, {
    global: false,
    // Counted in the database: one limit for every instance, kept across restarts.
    store: databaseRateLimitStore(app.db),
    errorResponseBuilder: (_request, context) =>
      new AppError('ALLIANCE_ERR_RATE_LIMITED', 'error.rateLimited', {
        params: { seconds: Math.ceil(context.ttl / 1000) },
      }),
  })
  registerPageCache(app, { ttlSeconds: config.pageCacheSeconds, personalCookies: ['alliance_session', 'flash'] })
  registerStaticAssets(app, PUBLIC_DIR, () => new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound'))
  // Pages, JSON and SVG answers are compressed (static files are compressed ahead of time; so are cached pages).
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } } })
  await app.register(fastifyCsrf, {
    cookieKey: '_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure },
  })

  const french = i18n.translator('fr')
  app.decorateRequest('actor', null as unknown as Actor)
  app.decorateRequest('locale', 'fr')
  app.decorateRequest('t', null as unknown as Translate)
  app.decorateRequest('flash', null)
  app.decorateRequest('unreadNotifications', 0)

  app.addHook('onRequest', async (request, reply) => {
    request.actor = anonymousActor
    const lang = request.cookies.lang
    request.locale = isLocale(lang) ? lang : 'fr'
    request.t = isLocale(lang) ? i18n.translator(lang) : french
    if (!SAFE_METHODS.has(request.method) || isApiRequest(request)) return
    const raw = request.cookies.flash
    if (raw) {
      const unsigned = request.unsignCookie(raw)
      if (unsigned.valid && unsigned.value) {
        try {
          request.flash = flashOf(JSON.parse(unsigned.value), request.t)
        } catch {
          request.flash = null
        }
      }
      reply.clearCookie('flash', { path: '/' })
    }
  })

  // Authentication gate, then CSRF, for every route (features cannot forget either). Both run before
  // schema validation, so an anonymous or forged request learns nothing about the expected input.
  app.addHook('preValidation', (request, reply, done) => {
    if (String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) markFormInput(request.body)
    const routeConfig = request.routeOptions.config
    // Unknown URLs answer 404 to everyone (the not-found handler is not a private route).
    if (!request.is404 && !routeConfig.public && request.actor.userId === null) {
      done(new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated'))
      return
    }
    if (!SAFE_METHODS.has(request.method) && routeConfig.csrf !== false) {
      app.csrfProtection(request, reply, done)
      return
    }
    done()
  })

  app.decorateReply('viewContext', function viewContext(this: FastifyReply): ViewContext {
    const request = this.request
    let token: string | undefined
    return {
      locale: request.locale,
      t: request.t,
      path: request.url,
      user:
        request.actor.userId === null
          ? null
          : {
              id: request.actor.userId,
              displayName: request.actor.displayName,
              isPlatformAdmin: request.actor.isPlatformAdmin,
            },
      csrfToken: () => (token ??= this.generateCsrf()),
      demo: options.isDemo(),
      nav: options.nav,
      flash: request.flash,
      notifications:
        options.notificationsHref && request.actor.userId !== null
          ? { href: options.notificationsHref, unread: request.unreadNotifications }
          : null,
    }
  })

  app.decorateReply('page', function page(this: FastifyReply, node: VNode<any>, status = 200) {
    const html = renderDocument(this.viewContext(), node)
    if (this.request.actor.userId !== null) this.header('cache-control', 'no-store')
    return this.status(status).type('text/html; charset=utf-8').send(html)
  })

  app.decorateReply('setFlash', function setFlash(this: FastifyReply, flash: Flash) {
    return this.setCookie('flash', JSON.stringify(flash), {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure,
      maxAge: 60,
    })
  })

  pageRoute(app, {
    url: '/langue/:locale',
    public: true,
    params: Type.Object({ locale: Type.String({ maxLength: 5 }) }),
    querystring: lenient(Type.Object({ retour: Type.Optional(Type.String({ maxLength: 2000 })) })),
    handler: async (request, reply) => {
      const { locale } = request.params
      if (!isLocale(locale)) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
      reply.setCookie('lang', locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure })
      return reply.redirect(safeReturnPath(request.query.retour), 303)
    },
  })

  app.setNotFoundHandler(async (request, reply) => {
    return sendError(request, reply, new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound'))
  })

  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    return sendError(request, reply, toAppError(error, request))
  })

  function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
    if (error.status >= 500) request.log.error({ err: error.cause ?? error }, 'request failed')
    else if (error.status === 401 || error.status === 403 || error.status === 429) {
      request.log.info({ code: error.code, url: request.url, actor: request.actor.userId ?? 'anon' }, 'request denied')
    }
    // Errors raised before our onRequest hook (a malformed URL…) find the request undecorated.
    request.actor ??= anonymousActor
    request.t ??= french
    const t = request.t
    if (error.status === 429) reply.header('retry-after', String(error.params.seconds ?? 60))
    if (isApiRequest(request)) {
      return reply
        .status(error.status)
        .type('application/problem+json; charset=utf-8')
        .send(problemJson(error, t))
    }
    if (error.status === 401) {
      const back = request.method === 'GET' ? request.url : (request.headers.referer ? new URL(request.headers.referer, 'http://x').pathname : '/')
      return reply.redirect(`/connexion?retour=${encodeURIComponent(back)}`, 303)
    }
    return reply.page(h(ErrorPage, { error, search: error.status === 404 ? options.notFoundSearch : undefined }), error.status)
  }
}

/** RFC 9457 problem details, with our stable `code` and the field problems translated. */
export function problemJson(error: AppError, t: Translate) {
  return {
    type: 'about:blank',
    title: t(`error.title.${error.status}`),
    status: error.status,
    code: error.code,
    detail: t(error.messageKey, error.params),
    ...(error.fields.length > 0
      ? { errors: error.fields.map((f: FieldProblem) => ({ field: f.field, message: t(f.message, f.params) })) }
      : {}),
    ...(error.link ? { link: error.link.href } : {}),
  }
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'ALLIANCE_ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ALLIANCE_ERR_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ALLIANCE_ERR_BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ALLIANCE_ERR_BAD_REQUEST',
  FST_CSRF_INVALID_TOKEN: 'ALLIANCE_ERR_CSRF',
  FST_CSRF_MISSING_SECRET: 'ALLIANCE_ERR_CSRF',
  FST_ERR_BAD_URL: 'ALLIANCE_ERR_BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'ALLIANCE_ERR_BAD_REQUEST',
}

/** Maps anything thrown to an `AppError`; unknown errors become a 500 whose details stay in the log. */
function toAppError(error: FastifyError | AppError, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error
  if (error.validation) {
    return new AppError('ALLIANCE_ERR_VALIDATION', 'error.validation', { fields: validationProblems(error.validation, error.validationContext ?? 'body') })
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined
  if (mapped) {
    const key = mapped === 'ALLIANCE_ERR_CSRF' ? 'error.csrf' : mapped === 'ALLIANCE_ERR_PAYLOAD_TOO_LARGE' ? 'error.payloadTooLarge' : 'error.badRequest'
    return new AppError(mapped, key, { cause: error })
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 404) return new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound', { cause: error })
    if (error.statusCode === 429) return new AppError('ALLIANCE_ERR_RATE_LIMITED', 'error.rateLimited', { cause: error, params: { seconds: 60 } })
    return new AppError('ALLIANCE_ERR_BAD_REQUEST', 'error.badRequest', { cause: error })
  }
  request.log.error({ err: error }, 'unexpected error')
  return new AppError('ALLIANCE_ERR_INTERNAL', 'error.internal', { cause: error })
}

export const httpPlugin = fp(httpKernel, { name: 'alliance-http', fastify: '5.x' })
