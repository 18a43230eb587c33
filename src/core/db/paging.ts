/**
 * Paging of lists, one rule for pages and API: `page` counts from 1; a page past the last one is **empty** and
 * still carries the totals, so that a client paging until it meets an empty page stops (it is never given the
 * last page again).
 */

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
