/**
 * A short-lived cache of public pages as anonymous visitors see them (a "microcache", as a reverse proxy
 * would keep). Most traffic of a civic platform is anonymous reading of the same territory and directory
 * pages; serving them from memory keeps the server fast on a small machine.
 *
 * Correctness rules:
 * - only routes that opt in (`config: { cache: true }`), only GET, only visitors without a session or a
 *   flash cookie, only 200 HTML answers that set no cookie;
 * - the key is the language plus the full URL (path and query);
 * - any successful state-changing request (POST, PUT, PATCH, DELETE with a status below 400) empties the
 *   cache, so this process never serves a page older than its last write;
 * - entries also expire after `ttlSeconds`, which bounds staleness for writes made by another process
 *   (the CLI, or other servers sharing a PostgreSQL database). `ttlSeconds = 0` turns the cache off.
 * - memory is bounded (entries and bytes); the oldest entries go first.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page may be served from the anonymous page cache. */
    cache?: boolean
  }
}

interface Entry {
  /** the page encoded once (UTF-8): a hit writes these bytes as they are */
  html: Buffer
  bytes: number
  expires: number
}

export interface PageCacheOptions {
  ttlSeconds: number
  maxEntries?: number
  maxBytes?: number
  /** Cookies whose presence makes a visitor non-anonymous (session, one-shot messages). */
  personalCookies: string[]
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

export function registerPageCache(app: FastifyInstance, options: PageCacheOptions): void {
  if (options.ttlSeconds <= 0) return
  const maxEntries = options.maxEntries ?? 2000
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024
  const entries = new Map<string, Entry>()
  let bytes = 0

  const clear = () => {
    entries.clear()
    bytes = 0
  }

  const keyOf = (request: FastifyRequest): string | null => {
    if (request.method !== 'GET' || request.routeOptions.config.cache !== true) return null
    const cookies = request.cookies
    for (const name of options.personalCookies) if (cookies[name] !== undefined) return null
    const lang = cookies.lang === 'en' ? 'en' : 'fr'
    return `${lang}|${request.url}`
  }

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = keyOf(request)
    if (key === null) return
    const entry = entries.get(key)
    if (!entry) return
    if (entry.expires <= Date.now()) {
      entries.delete(key)
      bytes -= entry.bytes
      return
    }
    reply.header('x-page-cache', 'hit')
    return reply.type('text/html; charset=utf-8').send(entry.html)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.getHeader('x-page-cache') === 'hit') return payload
    const key = keyOf(request)
    if (key === null || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('set-cookie') !== undefined) {
      return payload
    }
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload
    const html = Buffer.from(payload, 'utf8')
    const size = html.length
    if (size > maxBytes / 10) return payload
    while (entries.size >= maxEntries || bytes + size > maxBytes) {
      const oldest = entries.keys().next()
      if (oldest.done) break
      bytes -= entries.get(oldest.value)?.bytes ?? 0
      entries.delete(oldest.value)
    }
    entries.set(key, { html, bytes: size, expires: Date.now() + options.ttlSeconds * 1000 })
    bytes += size
    reply.header('x-page-cache', 'miss')
    return payload
  })

  app.addHook('onResponse', async (request, reply) => {
    if (!SAFE.has(request.method) && reply.statusCode < 400) clear()
  })
}
