/**
 * A short-lived cache of public pages as anonymous visitors see them (a "microcache", as a reverse proxy
 * would keep). Most traffic of a civic platform is anonymous reading of the same territory and directory
 * pages; serving them from memory keeps the server fast on a small machine.
 *
 * Correctness rules:
 * - only routes that opt in (`config: { cache: true }` or `cache: { tags: [...] }`), only GET, only visitors
 *   without a session or a flash cookie, only 200 HTML answers that set no cookie;
 * - the key is the language plus the full URL (path and query);
 * - **targeted invalidation by tags with versions kept in the database** (`page_cache_versions`): a page
 *   depends on tags (`cache: true` = on every tag); a write that changes public data bumps the tags it
 *   touched — a route declares them (`config: { invalidates: ['alliances'] }`, `[]` for writes that change
 *   nothing public: signing in or out, reading notifications, one's account), a service may bump them inside
 *   its transaction (`invalidatePages(trx, tags)`), and a write route that declares nothing bumps `*` (every
 *   page), the safe default;
 * - an entry remembers the versions it was rendered under, **read before rendering**: a page rendered while a
 *   write commits is stored under the old versions and dropped at the next read, never kept as new;
 * - across instances: on PostgreSQL each process keeps the versions in memory, fed by LISTEN/NOTIFY (the bump
 *   notifies with its transaction, delivered at commit); while the listening connection is down the cache is
 *   bypassed, and versions are reloaded when it comes back. On SQLite each cacheable request asks whether this
 *   process changed the database since the versions were last read, and reads them again only then; commits of
 *   other processes (the CLI) are looked for once a second;
 * - entries also expire after `ttlSeconds` (`0` turns the cache off); memory is bounded (`lru-cache`: entries
 *   and bytes, the least recently used go first);
 * - a page is kept compressed (Brotli and gzip, made once when it is stored), and a hit answers with the coding
 *   the client accepts: neither the memory nor the processor pays for the HTML at each hit (a client that
 *   accepts neither gets the HTML, decompressed at its first hit and then kept with the entry); the Brotli made
 *   with the page is a fast one, replaced by Brotli's best, compressed aside in zlib's thread pool, when ready;
 * - a hit is written straight to the socket with the headers the page was first answered with (security
 *   headers, content type…), past the rest of the request's hooks and Fastify's reply pipeline, which cost
 *   more than half of a hit; the request id is the hit's own, and `onResponse` hooks (metrics) still run.
 */
import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants as zlib, gunzipSync, gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sql, type Kysely } from 'kysely'
import { LRUCache } from 'lru-cache'
import { busOf, type Bus } from '../db/bus.js'
import type { CoreTables } from '../db/core.tables.js'
import { dialectOf } from '../db/dialect.js'
import { preferredCoding } from './encoding.js'

/** Brotli as the answers' compression uses it (quality 4: fast, still much smaller than gzip). */
const BROTLI = { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } }

/**
 * Brotli at its best quality, for a page once stored: 10–15 % fewer bytes than quality 4 on the demo's pages, at
 * 15–40 ms of a thread of zlib's pool per page (1 ms at quality 4), too slow for the request that rendered it.
 */
const brotliBest = promisify(brotliCompress)
const BROTLI_BEST = (size: number) => ({ params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: size } })

/** The most pages waiting for their best compression; a page stored while the queue is full keeps quality 4. */
const REFINE_QUEUE = 32

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page may be served from the anonymous page cache (`true`: it depends on every tag). */
    cache?: boolean | { tags: string[] }
    /** What a successful write on this route changes in public pages (default `['*']`: everything). */
    invalidates?: string[]
  }
  interface FastifyRequest {
    /** the cache versions read when this request started (only for cacheable requests) */
    pageCacheStamp?: number
  }
}

/** The tag every page depends on: bumping it empties the whole cache. */
export const ALL_PAGES = '*'

/** The bus topic of page-cache bumps (`<tag>=<version>`): other in-memory summaries may listen to it too. */
export const PAGES_TOPIC = 'pages'

/**
 * Bumps the version of `tags` with `db` (pass the service's transaction so that the bump commits with the
 * change). Cached pages that depend on one of them are no longer served, in every process.
 */
export async function invalidatePages(db: Kysely<any>, tags: string[]): Promise<Array<{ tag: string; version: number }>> {
  const unique = [...new Set(tags)].sort()
  const bus = busOf(db)
  const bumped: Array<{ tag: string; version: number }> = []
  for (const tag of unique) {
    const row = await (db as Kysely<CoreTables>)
      .insertInto('page_cache_versions')
      .values({ tag, version: 1 })
      .onConflict((oc) => oc.column('tag').doUpdateSet((eb) => ({ version: eb('page_cache_versions.version', '+', 1) })))
      .returning('version')
      .executeTakeFirstOrThrow()
    if (bus) await bus.publish(db, PAGES_TOPIC, `${tag}=${row.version}`)
    bumped.push({ tag, version: Number(row.version) })
  }
  return bumped
}

/**
 * A stamp of what `tags` (and `*`) looked like, read from the database: it changes whenever a write bumps
 * one of them, in any process. Keys of in-memory caches of figures that the page-cache tags already
 * describe (the home page's counts) — read it **before** computing, as the page cache does, so that figures
 * computed while a write commits are stored under the old stamp and never served as new.
 */
export async function pageTagsStamp(db: Kysely<any>, tags: string[]): Promise<string> {
  const wanted = [...new Set([ALL_PAGES, ...tags])].sort()
  const rows = await (db as Kysely<CoreTables>).selectFrom('page_cache_versions').select(['tag', 'version']).where('tag', 'in', wanted).execute()
  const versions = new Map(rows.map((r) => [r.tag, Number(r.version)]))
  return wanted.map((tag) => `${tag}=${versions.get(tag) ?? 0}`).join('&')
}

/** The current versions of every tag, as this process knows them (null: unknown, bypass the cache). */
interface VersionSource {
  read(): Promise<Map<string, number> | null>
  /** a committed bump made by this process (known before its notification comes back) */
  apply(tag: string, version: number): void
  /** resolves when the versions are first known */
  ready: Promise<void>
}

/** Reads every tag's version (the statement is built once: on SQLite it runs at each cacheable request). */
function versionsReader(db: Kysely<CoreTables>): () => Promise<Map<string, number>> {
  const query = db.selectFrom('page_cache_versions').select(['tag', 'version']).compile()
  return async () => {
    const { rows } = await db.executeQuery(query)
    return new Map(rows.map((r) => [r.tag, Number(r.version)]))
  }
}

/** How long, at most, this process serves pages cached before another process's write (SQLite), in ms. */
const OTHER_WRITERS_EVERY_MS = 1000

/**
 * SQLite: the versions, read again only when the database may have changed since they were last read. Starting a
 * read costs 3–4 µs in WAL mode (a table's or `data_version`'s alike); `total_changes()` needs none (0.5 µs) and
 * counts the rows this connection changed: every write of this process, committed or not (a change only makes the
 * next request read again). Other processes' commits (the CLI) change `data_version`, asked at most once a second:
 * until then this process may serve a page cached before such a write, never one rendered after it under the old
 * versions, since a page is stored under the versions read before it was rendered. The mark is taken before the
 * versions are read, so a write in between makes the next request read them again.
 */
function sqliteVersions(db: Kysely<CoreTables>): VersionSource {
  const loadVersions = versionsReader(db)
  const ownChanges = sql<{ changes: number }>`select total_changes() as changes`.compile(db)
  const otherCommits = sql<{ data_version: number }>`pragma data_version`.compile(db)
  let known: { mark: string; versions: Map<string, number> } | null = null
  let dataVersion = 0
  let askedAt = Number.NEGATIVE_INFINITY
  const read = async () => {
    const now = Date.now()
    if (now - askedAt >= OTHER_WRITERS_EVERY_MS) {
      askedAt = now
      dataVersion = Number((await db.executeQuery(otherCommits)).rows[0]?.data_version ?? 0)
    }
    const mark = `${(await db.executeQuery(ownChanges)).rows[0]?.changes}:${dataVersion}`
    if (known?.mark === mark) return known.versions
    const versions = await loadVersions()
    known = { mark, versions }
    return versions
  }
  return { read, apply: () => {}, ready: Promise.resolve() }
}

/** PostgreSQL: versions in memory, fed by the bus; unknown while the bus is not listening. */
function busFedVersions(db: Kysely<CoreTables>, bus: Bus): VersionSource {
  const loadVersions = versionsReader(db)
  let versions: Map<string, number> | null = null
  let generation = 0
  const reload = () => {
    const mine = ++generation
    versions = null
    return loadVersions()
      .then((loaded) => {
        if (mine === generation) versions = loaded
      })
      .catch(() => {
        if (mine === generation) versions = null
      })
  }
  const apply = (tag: string, version: number) => {
    if (versions && (versions.get(tag) ?? 0) < version) versions.set(tag, version)
  }
  bus.subscribe(PAGES_TOPIC, (message) => {
    const [tag, raw] = message.split('=')
    const version = Number(raw)
    if (tag && Number.isFinite(version)) apply(tag, version)
  })
  bus.onResync(() => void reload())
  const ready = reload()
  return { read: async () => (bus.listening ? versions : null), apply, ready }
}

interface Entry {
  /** the page compressed once, as Brotli and gzip: a hit writes the bytes its client accepts as they are */
  br: Buffer
  gzip: Buffer
  /** the page as HTML, once a client that accepts no coding has asked for it */
  identity?: Buffer
  /** the headers of the answer that stored it, without those of that request or of its coding */
  headers: Record<string, string | string[]>
  /** the versions stamp it was rendered under */
  stamp: number
}

export interface PageCacheOptions {
  ttlSeconds: number
  maxEntries?: number
  /** bound of the compressed bytes kept (default 16 MiB: about ten times as much HTML) */
  maxBytes?: number
  /** Cookies whose presence makes a visitor non-anonymous (session, one-shot messages). */
  personalCookies: string[]
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Headers of a stored answer that belong to its request or to its coding, not to the page. */
const PER_ANSWER = new Set(['content-length', 'content-encoding', 'set-cookie', 'x-request-id', 'x-page-cache', 'vary'])

function pageHeaders(reply: FastifyReply): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || PER_ANSWER.has(name)) continue
    kept[name] = typeof value === 'number' ? String(value) : value
  }
  return kept
}

/** The stamp of a page: the sum of the versions it depends on (every bump of one of them raises it). */
function stampOf(versions: Map<string, number>, tags: string[] | null): number {
  let sum = 0
  if (tags === null) {
    for (const version of versions.values()) sum += version
    return sum
  }
  for (const tag of tags) sum += versions.get(tag) ?? 0
  return sum + (versions.get(ALL_PAGES) ?? 0)
}

export function registerPageCache(app: FastifyInstance, options: PageCacheOptions): void {
  const db = app.db as unknown as Kysely<CoreTables>
  let source: VersionSource | null = null

  // Writes bump what they changed, whether or not this process caches pages (other instances may).
  app.addHook('onSend', async (request, reply, payload) => {
    if (SAFE.has(request.method) || reply.statusCode >= 400) return payload
    const tags = request.routeOptions.config?.invalidates ?? [ALL_PAGES]
    if (tags.length === 0) return payload
    try {
      // Not in a transaction: committed on return, so this process applies it at once.
      for (const { tag, version } of await invalidatePages(app.db, tags)) source?.apply(tag, version)
    } catch (error) {
      request.log.error({ err: error }, 'page cache invalidation failed')
    }
    return payload
  })

  if (options.ttlSeconds <= 0) return
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024
  // Bounded by entries and bytes, the least recently used first; an entry also expires after the TTL.
  const entries = new LRUCache<string, Entry>({
    max: options.maxEntries ?? 2000,
    maxSize: maxBytes,
    sizeCalculation: (entry) => entry.br.length + entry.gzip.length + (entry.identity?.length ?? 0),
    ttl: options.ttlSeconds * 1000,
  })
  const versions = (): VersionSource => {
    if (source) return source
    const bus = busOf(app.db)
    source = dialectOf(app.db) !== 'postgres' ? sqliteVersions(db) : bus ? busFedVersions(db, bus) : { read: versionsReader(db), apply: () => {}, ready: Promise.resolve() }
    return source
  }
  app.addHook('onReady', async () => {
    await versions().ready
  })

  const tagsOf = (request: FastifyRequest): string[] | null => {
    const cache = request.routeOptions.config.cache
    return typeof cache === 'object' ? cache.tags : null
  }

  const keyOf = (request: FastifyRequest): string | null => {
    if (request.method !== 'GET' || !request.routeOptions.config.cache) return null
    const cookies = request.cookies
    for (const name of options.personalCookies) if (cookies[name] !== undefined) return null
    const lang = cookies.lang === 'en' ? 'en' : 'fr'
    return `${lang}|${request.url}`
  }

  // Pages waiting for their best Brotli, compressed one at a time off the event loop; the smaller bytes replace those
  // of the entry if it still holds the same rendering (`gzip` is its own buffer) when they are ready.
  const waiting = new Map<string, { rendering: Buffer; html: Buffer }>()
  let refining = false
  const refine = (key: string, entry: Entry, html: Buffer) => {
    if (waiting.size >= REFINE_QUEUE && !waiting.has(key)) return
    waiting.set(key, { rendering: entry.gzip, html })
    if (!refining) void refineWaiting()
  }
  const refineWaiting = async () => {
    refining = true
    try {
      for (let next = waiting.entries().next(); !next.done; next = waiting.entries().next()) {
        const [key, { rendering, html }] = next.value
        waiting.delete(key)
        const br = await brotliBest(html, BROTLI_BEST(html.length)).catch(() => null)
        const current = entries.peek(key)
        if (br && current && current.gzip === rendering && br.length < current.br.length) entries.set(key, { ...current, br }, { noUpdateTTL: true })
      }
    } finally {
      refining = false
    }
  }

  /** The page in the coding the client accepts, written to the socket (the reply is hijacked). */
  const sendEntry = (key: string, request: FastifyRequest, reply: FastifyReply, entry: Entry) => {
    const coding = preferredCoding(request.headers['accept-encoding'])
    let body: Buffer
    if (coding !== null) body = entry[coding]
    else if (entry.identity) body = entry.identity
    else {
      body = gunzipSync(entry.gzip)
      // Stored again so that the entry's size counts the HTML now kept with it.
      entries.set(key, { ...entry, identity: body }, { noUpdateTTL: true })
    }
    reply.hijack()
    reply.raw.writeHead(200, {
      ...entry.headers,
      'x-request-id': request.id,
      'x-page-cache': 'hit',
      vary: 'accept-encoding',
      'content-length': body.length,
      ...(coding === null ? {} : { 'content-encoding': coding }),
    })
    reply.raw.end(body)
  }

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = keyOf(request)
    if (key === null) return
    const current = await versions().read()
    if (current === null) return
    const stamp = stampOf(current, tagsOf(request))
    request.pageCacheStamp = stamp
    const entry = entries.get(key)
    if (!entry) return
    if (entry.stamp !== stamp) {
      entries.delete(key)
      return
    }
    sendEntry(key, request, reply, entry)
  })

  // Runs before the compression of answers (registered after): it sees the page as rendered, compresses it once
  // for the cache and answers with the client's coding, so the page is not compressed twice.
  app.addHook('onSend', async (request, reply, payload) => {
    const stamp = request.pageCacheStamp
    const key = stamp === undefined ? null : keyOf(request)
    if (key === null || stamp === undefined || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('set-cookie') !== undefined) {
      return payload
    }
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload
    const html = Buffer.from(payload, 'utf8')
    const entry: Entry = { br: brotliCompressSync(html, BROTLI), gzip: gzipSync(html), stamp, headers: pageHeaders(reply) }
    if (entry.br.length + entry.gzip.length > maxBytes / 10) return payload
    entries.set(key, entry)
    refine(key, entry, html)
    reply.header('x-page-cache', 'miss').header('vary', 'accept-encoding')
    const coding = preferredCoding(request.headers['accept-encoding'])
    if (coding === null) return payload
    reply.header('content-encoding', coding)
    return entry[coding]
  })
}
