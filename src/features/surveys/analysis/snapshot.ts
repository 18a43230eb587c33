/**
 * The analysis snapshot: a campaign's submitted answers held in memory as typed columns (one byte per
 * slot and respondent, doubles for number answers), loaded incrementally from `survey_rows`.
 *
 * Why in memory rather than GROUP BY in SQL: aggregating a million rows takes about 1.2 s per query on
 * SQLite (measured; see docs/adr/0101-survey-analysis-snapshot.md), and a results page needs one per
 * question; the statistics engine then needs every respondent anyway (its variance is over respondents).
 * A snapshot costs one pass over the rows once, then only the new submissions: rows carry a sequence
 * number (`seq`, 1, 2, 3… per campaign, assigned with the campaign's `submitted_count` in the submitting
 * transaction), so the rows up to the campaign's current count are exactly the submitted ones.
 *
 * Memory is bounded: snapshots are evicted least-recently-used beyond `maxRows` respondents in total.
 * Edge case: a snapshot shares its columns with the snapshots of fewer rows handed out before; appending writes
 * past their rows (or into grown copies) and gives a new header, so a computation in progress keeps its rows.
 */
import type { Kysely } from 'kysely'
import { LRUCache } from 'lru-cache'
import type { Database } from '../../../database.js'
import { MISSING_CODE, type SlotLayout } from '../surveys.definition.js'

/** Typed columns of a campaign's submitted answers. */
export interface Snapshot {
  readonly campaignId: string
  /** Respondents loaded (rows 0..n−1). */
  n: number
  /** Sequence number of the last loaded row (= the campaign's submitted_count when current). */
  seq: number
  /** One column per slot (value 0..74, `MISSING_CODE` when missing); capacity ≥ n. */
  slots: Uint8Array[]
  /** One column per number question (NaN when missing); capacity ≥ n. */
  numbers: Float64Array[]
}

const BATCH = 20_000

function grow<T extends Uint8Array | Float64Array>(column: T, capacity: number, fill: number): T {
  if (column.length >= capacity) return column
  const next = new (column.constructor as new (n: number) => T)(Math.max(capacity, column.length * 2, 1024))
  next.set(column)
  next.fill(fill, column.length)
  return next
}

/** Appends rows (codes, numbers) to a snapshot. */
export function appendRows(snapshot: Snapshot, rows: ReadonlyArray<{ seq: number; codes: string; numbers: string }>): void {
  const start = snapshot.n
  const end = start + rows.length
  snapshot.slots = snapshot.slots.map((c) => grow(c, end, MISSING_CODE))
  snapshot.numbers = snapshot.numbers.map((c) => grow(c, end, NaN))
  const slotCount = snapshot.slots.length
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as { seq: number; codes: string; numbers: string }
    const i = start + r
    const codes = row.codes
    for (let s = 0; s < slotCount; s++) {
      const c = codes.charCodeAt(s)
      ;(snapshot.slots[s] as Uint8Array)[i] = c === 46 || Number.isNaN(c) ? MISSING_CODE : c - 48
    }
    if (snapshot.numbers.length > 0) {
      const parts = row.numbers.split(';')
      for (let k = 0; k < snapshot.numbers.length; k++) {
        const text = parts[k] ?? ''
        ;(snapshot.numbers[k] as Float64Array)[i] = text === '' ? NaN : Number(text)
      }
    }
    snapshot.seq = row.seq
  }
  snapshot.n = end
}

/**
 * Snapshots of several campaigns, kept in memory (`lru-cache`, bounded by `maxRows` respondents in total, least
 * recently used first out) and brought up to date on demand. One per application instance (tests build several
 * apps in one process).
 */
export class SnapshotStore {
  private readonly entries: LRUCache<string, Snapshot, { layout: SlotLayout; count: number; db: Kysely<Database> }>

  constructor(maxRows = 4_000_000) {
    this.entries = new LRUCache({
      maxSize: maxRows,
      sizeCalculation: (snapshot) => Math.max(1, snapshot.n),
      fetchMethod: async (campaignId, stale, { context }) => load(context.db, campaignId, context.layout, context.count, stale),
    })
  }

  /**
   * The snapshot of `campaignId` holding exactly the rows up to `submittedCount`. Rows are appended in sequence
   * order, so an older count (a caller that read the campaign before the latest submissions, or a publication's
   * frozen data version) is a view of the first rows, sharing the columns. Edge cases: a layout that changed
   * (cannot happen once answers exist, but a stale snapshot is never trusted) reloads from scratch; concurrent
   * callers share one load.
   */
  async get(db: Kysely<Database>, campaignId: string, layout: SlotLayout, submittedCount: number): Promise<Snapshot> {
    for (;;) {
      const current = this.entries.get(campaignId)
      if (current && fits(current, layout) && current.seq >= submittedCount) {
        return current.seq === submittedCount ? current : { ...current, n: submittedCount, seq: submittedCount }
      }
      const loaded = await this.entries.fetch(campaignId, { forceRefresh: true, context: { db, layout, count: submittedCount } })
      if (!loaded) throw new Error(`snapshot of ${campaignId} not loaded`)
      // a load started by a caller with an older count may have been shared: check again
      if (fits(loaded, layout) && loaded.seq >= submittedCount) return loaded.seq === submittedCount ? loaded : { ...loaded, n: submittedCount, seq: submittedCount }
    }
  }
}

function fits(snapshot: Snapshot, layout: SlotLayout): boolean {
  return snapshot.slots.length === layout.slots && snapshot.numbers.length === layout.numbers
}

/** Appends the rows after `previous` (or loads from scratch) up to `submittedCount`. */
async function load(db: Kysely<Database>, campaignId: string, layout: SlotLayout, submittedCount: number, previous: Snapshot | undefined): Promise<Snapshot> {
  const snapshot: Snapshot =
    previous && fits(previous, layout)
      ? { ...previous } // a new header: callers computing on the previous one keep their rows
      : { campaignId, n: 0, seq: 0, slots: Array.from({ length: layout.slots }, () => new Uint8Array(0)), numbers: Array.from({ length: layout.numbers }, () => new Float64Array(0)) }
  while (snapshot.seq < submittedCount) {
    const rows = await db
      .selectFrom('survey_rows')
      .select(['seq', 'codes', 'numbers'])
      .where('campaign_id', '=', campaignId)
      .where('seq', '>', snapshot.seq)
      .where('seq', '<=', submittedCount)
      .orderBy('seq')
      .limit(BATCH)
      .execute()
    if (rows.length === 0) break
    appendRows(snapshot, rows)
  }
  return snapshot
}

/** A factor's codes (−1 = missing) from a slot column, restricted to `rows` when given. */
export function slotCodes(snapshot: Snapshot, slot: number, rows: Int32Array | null, offset = 0): Int32Array {
  const column = snapshot.slots[slot] as Uint8Array
  const n = rows ? rows.length : snapshot.n
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const v = column[rows ? (rows[i] as number) : i] as number
    out[i] = v === MISSING_CODE ? -1 : v - offset
  }
  return out
}

/** A numeric column (NaN = missing) from a slot column, restricted to `rows` when given. */
export function slotNumbers(snapshot: Snapshot, slot: number, rows: Int32Array | null): Float64Array {
  const column = snapshot.slots[slot] as Uint8Array
  const n = rows ? rows.length : snapshot.n
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = column[rows ? (rows[i] as number) : i] as number
    out[i] = v === MISSING_CODE ? NaN : v
  }
  return out
}

/** A number question's column, restricted to `rows` when given. */
export function numberColumn(snapshot: Snapshot, index: number, rows: Int32Array | null): Float64Array {
  const column = snapshot.numbers[index] as Float64Array
  if (!rows) return column.slice(0, snapshot.n)
  const out = new Float64Array(rows.length)
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i] as number] as number
  return out
}
