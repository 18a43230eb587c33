/**
 * Summaries kept in memory for the two readings that would otherwise redo heavy work on every request:
 * - calendar feeds, keyed by feed and by the version of the meetings (their number and latest change, read
 *   from an index): a feed is rebuilt only after a meeting was created, changed or cancelled;
 * - the dashboard of a space's perimeter, recomputed at most once per `DASHBOARD_MINUTES` (its figures say
 *   when they were computed): over a région, orphan needs alone take a second.
 * Bounded (oldest entries leave first); per process, so that several servers each keep their own.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'

/** Minutes a space's dashboard figures are kept before being computed again. */
export const DASHBOARD_MINUTES = 5

export class Memo<V> {
  private readonly entries = new Map<string, { version: string; value: Promise<V> }>()
  constructor(private readonly max: number) {}

  /** The value of `key` at `version`, computed (once, even for concurrent callers) when missing or stale. */
  get(key: string, version: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key)
    if (hit && hit.version === version) return hit.value
    const value = compute()
    this.entries.delete(key)
    this.entries.set(key, { version, value })
    value.catch(() => this.entries.delete(key))
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string)
    return value
  }
}

const perDatabase = new WeakMap<Kysely<Database>, Map<string, Memo<unknown>>>()

/** The memo named `name` of a database (one per Kysely instance, so that two databases never share entries). */
export function memoOf<V>(db: Kysely<Database>, name: string, max: number): Memo<V> {
  let memos = perDatabase.get(db)
  if (!memos) perDatabase.set(db, (memos = new Map()))
  let memo = memos.get(name)
  if (!memo) memos.set(name, (memo = new Memo<unknown>(max)))
  return memo as Memo<V>
}

/** The version of every meeting at once: their number and latest change (an index range and an index end). */
export async function meetingsVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('catalysis_meetings').select([(eb) => eb.fn.max('updated_at').as('at'), (eb) => eb.fn.countAll<number>().as('n')]).executeTakeFirst()
  return `${row?.n ?? 0}:${row?.at ?? ''}`
}

/** The current dashboard period (changes every `DASHBOARD_MINUTES`). */
export function dashboardPeriod(now = Date.now()): string {
  return String(Math.floor(now / (DASHBOARD_MINUTES * 60_000)))
}
