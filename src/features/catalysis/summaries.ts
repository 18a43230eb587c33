/**
 * Summaries kept in memory (`lru-cache`: bounded, with a time limit, one computation for concurrent readers)
 * for the two readings that would otherwise redo heavy work on every request:
 *
 * - **calendar feeds**, keyed by feed and by the version of the meetings (their number and latest change,
 *   read from an index at each request, so every process sees every write): a feed is rebuilt only after a
 *   meeting was created, changed or cancelled, or a place holding meetings changed (which touches them);
 * - **the dashboard of a space's perimeter**, kept until a write changes what it counts, and at most
 *   `DASHBOARD_MINUTES` (writes nobody announces: the command line, expiry jobs). Writes announce themselves
 *   on the bus of the database (delivered at commit, to every process on PostgreSQL): catalysis's own writes
 *   that change a figure (meetings, registrations, attendance, places) call `invalidateSummaries` in their
 *   transaction, and every write that bumps the public page cache (needs, resources, connections, alliances,
 *   surveys…, see `core/http/page-cache.ts`) counts too. The page says when its figures were computed.
 *
 * Per process and per database (two databases never share entries).
 */
import type { Kysely } from 'kysely'
import { LRUCache } from 'lru-cache'
import { busOf } from '../../core/db/bus.js'
import { PAGES_TOPIC } from '../../core/http/page-cache.js'
import type { Database } from '../../database.js'

type Db = Kysely<Database>

/** Minutes a space's dashboard is kept at most when no write announced a change. */
export const DASHBOARD_MINUTES = 5

/** The bus topic of catalysis writes that change a summary. */
const TOPIC = 'catalysis.summaries'

/** A cache whose entries belong to a generation: a new generation makes every older entry stale at once. */
class Summaries<V extends object> {
  private generation = 0
  private readonly cache: LRUCache<string, V, () => Promise<V>>

  constructor(options: { max: number; ttlMs: number; maxBytes?: number; sizeOf?: (value: V) => number }) {
    this.cache = new LRUCache<string, V, () => Promise<V>>({
      max: options.max,
      ttl: options.ttlMs,
      ...(options.maxBytes && options.sizeOf ? { maxSize: options.maxBytes, sizeCalculation: (value: V) => Math.max(1, options.sizeOf?.(value) ?? 1) } : {}),
      // the computation travels with the request (`context`): concurrent readers of one key share it
      fetchMethod: (_key, _stale, { context }) => context(),
    })
  }

  /** The value of `key` (at `version`, when the caller has one), computed once when missing or stale. */
  async get(key: string, compute: () => Promise<V>, version = ''): Promise<V> {
    const value = await this.cache.fetch(`${this.generation}\u0000${version}\u0000${key}`, { context: compute })
    if (value === undefined) throw new Error(`summary ${key} could not be computed`)
    return value
  }

  /** Every entry is stale from now on (those being computed too). */
  invalidate(): void {
    this.generation++
  }
}

interface DatabaseSummaries {
  feeds: Summaries<{ text: string }>
  dashboards: Summaries<object>
}

// keyed by the dialect adapter, which a database shares with its transactions (as the bus does)
const perDatabase = new WeakMap<object, DatabaseSummaries>()

/** The summaries of a database, listening to the writes that change them. */
function summariesOf(db: Db): DatabaseSummaries {
  let found = perDatabase.get(db.getExecutor().adapter)
  if (found) return found
  found = {
    // a feed of 5 000 meetings is about 2 MB of text: the memory they take is bounded, not only their number
    feeds: new Summaries<{ text: string }>({ max: 500, ttlMs: 24 * 3600_000, maxBytes: 48 * 1024 * 1024, sizeOf: (v) => v.text.length * 2 }),
    dashboards: new Summaries<object>({ max: 2000, ttlMs: DASHBOARD_MINUTES * 60_000 }),
  }
  perDatabase.set(db.getExecutor().adapter, found)
  const bus = busOf(db)
  if (bus) {
    const dashboards = found.dashboards
    bus.subscribe(TOPIC, () => dashboards.invalidate())
    bus.subscribe(PAGES_TOPIC, () => dashboards.invalidate())
    // messages may have been missed while the connection was down
    bus.onResync(() => dashboards.invalidate())
  }
  return found
}

/** A calendar feed (`key`: which feed), rebuilt when `version` changes. */
export async function cachedFeed(db: Db, key: string, version: string, build: () => Promise<string>): Promise<string> {
  return (await summariesOf(db).feeds.get(key, async () => ({ text: await build() }), version)).text
}

/** A dashboard (`key`: its perimeter), recomputed after a write changed what it counts. */
export function cachedDashboard<V extends object>(db: Db, key: string, compute: () => Promise<V>): Promise<V> {
  return summariesOf(db).dashboards.get(key, compute) as Promise<V>
}

/**
 * Announces, with `db` (the transaction of the write), that a catalysis write changed what summaries count:
 * every process drops its dashboards once the transaction commits. Without a bus (a bare database in a
 * service test), this process's dashboards are dropped at once.
 */
export async function invalidateSummaries(db: Db): Promise<void> {
  const bus = busOf(db)
  if (bus) await bus.publish(db, TOPIC, '')
  else perDatabase.get(db.getExecutor().adapter)?.dashboards.invalidate()
}

/** The version of every meeting at once: their number and latest change (an index range and an index end). */
export async function meetingsVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('catalysis_meetings').select([(eb) => eb.fn.max('updated_at').as('at'), (eb) => eb.fn.countAll<number>().as('n')]).executeTakeFirst()
  return `${row?.n ?? 0}:${row?.at ?? ''}`
}
