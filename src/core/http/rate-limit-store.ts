/**
 * The store of `@fastify/rate-limit` in the database (`rate_limits`): a fixed window per key, counted with
 * one atomic upsert, so that a limit holds across every instance behind the proxy and survives restarts
 * (an attacker gains nothing by spreading attempts over instances or waiting for a deploy).
 *
 * Keys are namespaced by route (`POST /connexion|<client address>`). Expired rows are removed by the
 * periodic `maintenance.rate-limits` job. If the database fails, the request is refused by the plugin's
 * error path (`skipOnError` stays false): a limit that silently stops counting is not a limit.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { CoreTables } from '../db/core.tables.js'

type Result = { current: number; ttl: number }
type Callback = (error: Error | null, result?: Result) => void

/** Counts one hit of `key` in a window of `windowMs`; returns the hits so far and the time left. */
export async function countHit(db: Kysely<any>, key: string, windowMs: number, now = Date.now()): Promise<Result> {
  const resetAt = now + windowMs
  const row = await (db as Kysely<CoreTables>)
    .insertInto('rate_limits')
    .values({ key, hits: 1, reset_at_ms: resetAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.reset_at_ms <= ${now} then 1 else rate_limits.hits + 1 end`,
        reset_at_ms: sql<number>`case when rate_limits.reset_at_ms <= ${now} then ${resetAt} else rate_limits.reset_at_ms end`,
      }),
    )
    .returning(['hits', 'reset_at_ms'])
    .executeTakeFirstOrThrow()
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.reset_at_ms) - now) }
}

/** Removes windows that ended (run by a periodic job). */
export async function pruneRateLimits(db: Kysely<any>, now = Date.now()): Promise<number> {
  const result = await (db as Kysely<CoreTables>).deleteFrom('rate_limits').where('reset_at_ms', '<=', now).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** A store class for `@fastify/rate-limit` bound to `db`. */
export function databaseRateLimitStore(db: Kysely<any>) {
  return class DatabaseRateLimitStore {
    /** `@fastify/rate-limit` passes its options first (unused); children carry their route's prefix. */
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, `${this.prefix}${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      )
    }

    child(routeOptions: object): DatabaseRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo
      const method = ([] as string[]).concat(route?.method ?? '').join(',')
      return new DatabaseRateLimitStore(undefined, `${method} ${route?.url ?? ''}|`)
    }
  }
}
