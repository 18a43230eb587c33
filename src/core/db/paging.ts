/**
 * Paging of lists, one rule for pages and API: `page` counts from 1; a page past the last one is **empty** and
 * still carries the totals, so that a client paging until it meets an empty page stops (it is never given the
 * last page again).
 */
import { sql, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely'

/** One page of a list with its totals. */
export interface PageOf<T> {
  rows: T[]
  /** Rows matching, over every page (may be capped by the query: see `capped` where a list has it). */
  total: number
  /** The page asked for (not clamped: past the end, `rows` is empty). */
  page: number
  perPage: number
  /** Number of non-empty pages (at least 1, so that "page 1 of 1" reads right on an empty list). */
  pageCount: number
}

/** The rows to skip and read for `page` (from 1) of `perPage` rows. Edge case: page < 1 is read as 1. */
export function pageWindow(page: number, perPage: number): { page: number; offset: number; limit: number } {
  const current = Math.max(1, Math.floor(page))
  return { page: current, offset: (current - 1) * perPage, limit: perPage }
}

/** Assembles a page from its rows and the total count (rows already read with `pageWindow`). */
export function pageOf<T>(rows: T[], total: number, page: number, perPage: number): PageOf<T> {
  return { rows, total, page: Math.max(1, Math.floor(page)), perPage, pageCount: Math.max(1, Math.ceil(total / perPage)) }
}

/**
 * Directories count their matches up to this many: an exact count over hundreds of thousands of rows would
 * cost more than the page itself, on every page, and nobody reads that far (people refine the filters).
 */
export const COUNT_CAP = 1000

/** A page whose total may stop at `COUNT_CAP` ("more than 1 000"). */
export interface CappedPageOf<T> extends PageOf<T> {
  /** True when more rows match than `total` (the count stopped at the cap). */
  capped: boolean
}

/**
 * The count of `countUpTo` as a query of one row (`n`), to be read alone or selected with a page's rows
 * (`rowsWithTotal`).
 */
export function cappedCount(db: Kysely<any>, query: SelectQueryBuilder<any, any, any>, cap = COUNT_CAP): SelectQueryBuilder<any, any, { n: number }> {
  return db.selectFrom(query.select(sql.lit(1).as('one')).limit(cap + 1).as('matches')).select((eb) => eb.fn.countAll<number>().as('n'))
}

/**
 * Counts the rows of `query` (a select without its columns) reading at most `cap + 1` of them: the total is
 * exact up to `cap`, then `cap` with `capped`. The cost stays that of `cap` rows whatever the table's size.
 */
export async function countUpTo(db: Kysely<any>, query: SelectQueryBuilder<any, any, any>, cap = COUNT_CAP): Promise<{ total: number; capped: boolean }> {
  const { n } = await cappedCount(db, query, cap).executeTakeFirstOrThrow()
  return cappedTotal(Number(n), cap)
}

/**
 * The count up to `cap` of a list just read in order from its start up to a window (`read` rows after
 * `window.offset`): for a list whose filter no index range holds (a name that contains a text), which walks its
 * rows in order and may read most of a table before its first match. Counting from the start would walk that
 * stretch a second time. Here, a window that ended before its limit met the end of the list (the rows before it
 * and its own are the count), and a full one counts only the rows after its last row: `count.after(rest)` counts
 * them as `cappedCount` does (up to `rest + 1`), from a range that starts after that row. An empty window past the
 * first rows tells nothing: `count.all()` counts from the start.
 */
export async function countPastWindow(
  window: { offset: number; limit: number },
  read: number,
  count: { after: (rest: number) => Promise<number>; all: () => Promise<{ total: number; capped: boolean }> },
  cap = COUNT_CAP,
): Promise<{ total: number; capped: boolean }> {
  if (read === 0) return window.offset === 0 ? cappedTotal(0, cap) : count.all()
  const seen = window.offset + read
  if (read < window.limit || seen > cap) return cappedTotal(seen, cap)
  return cappedTotal(seen + (await count.after(cap - seen)), cap)
}

/**
 * `countPastWindow`'s `after`: the rows of `matching` that come after `row` in the list's order (`columns`: a name,
 * then the id that breaks ties), counted up to `rest + 1`. Written as "a later name, or the same name and a later
 * id", two ranges of a name index: an index of the name alone still covers the first (no row is read to test it),
 * where a comparison of row values would read every row for its id.
 */
export async function countAfterRow(db: Kysely<any>, matching: SelectQueryBuilder<any, any, any>, columns: readonly [string, string], row: readonly [string, string], rest: number): Promise<number> {
  const [name, id] = columns.map((c) => sql.ref(c))
  const later = cappedCount(db, matching.where(sql<SqlBool>`${name} > ${row[0]}`), rest)
  const tied = cappedCount(db, matching.where(sql<SqlBool>`${name} = ${row[0]}`).where(sql<SqlBool>`${id} > ${row[1]}`), rest)
  const { n } = await db.selectNoFrom((eb) => eb(later, '+', tied).as('n')).executeTakeFirstOrThrow()
  return Math.min(Number(n), rest + 1)
}

/** The column that carries a page's total in `rowsWithTotal`. */
const TOTAL = 'page_total'

/**
 * The rows of one window of `list` and the number of rows matching, in one statement: `total` (a query of one
 * row `n` over the same rows as `list`: a count, a `cappedCount`, a summary's count) is selected with every
 * row as a subquery, which both databases compute once. Each statement costs a round trip to the database, the
 * better part of a short read. A window past the end (or of no rows) has no row to carry the total, which is
 * then read alone; an empty first window means that nothing matches.
 */
export async function rowsWithTotal<O>(
  list: SelectQueryBuilder<any, any, O>,
  total: SelectQueryBuilder<any, any, { n: number }>,
  window: { offset: number; limit: number },
): Promise<{ rows: O[]; total: number }> {
  if (window.limit > 0) {
    const read = (await list.select(total.as(TOTAL)).limit(window.limit).offset(window.offset).execute()) as Array<O & { [TOTAL]: number }>
    if (read.length > 0) return { rows: read.map(({ [TOTAL]: _, ...row }) => row as O), total: Number(read[0]![TOTAL]) }
    if (window.offset === 0) return { rows: [], total: 0 }
  }
  const { n } = await total.executeTakeFirstOrThrow()
  return { rows: [], total: Number(n) }
}

/** A count as the directories show it: exact up to `cap`, then `cap` with `capped` (for counts read from a summary). */
export function cappedTotal(n: number, cap = COUNT_CAP): { total: number; capped: boolean } {
  return { total: Math.min(n, cap), capped: n > cap }
}
