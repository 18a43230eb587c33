/**
 * Which published figures must be hidden so that no count of fewer than 5 respondents can be read or
 * recomputed from what a study publishes (its page, charts, CSV and JSON exports, API: they all publish the
 * same computed views). The rule (docs/stats.md, "Published figures"):
 *
 * 1. **Bases.** A base (a question's respondents, or a segment's in a breakdown) of fewer than 5 respondents
 *    shows nothing; from 5 to 29 it is shown and marked fragile.
 * 2. **Small cells (primary).** A category chosen by 1 to 4 respondents — or by all but 1 to 4 of its base (its
 *    complement) — shows neither its count nor its share nor its interval ("moins de 5"). A count of 0 is shown:
 *    it describes nobody.
 * 3. **What would give a hidden cell away (secondary).** A hidden count can be recomputed from a published total
 *    when it is the only one hidden on that total's line (base minus the other categories). So:
 *    - in a question's answers, one hidden category always comes with a second (the smallest non-zero one
 *      shown); a scale whose mean is published keeps at least three values hidden (the mean is a second
 *      equation), or hides its mean; a subtotal is hidden when one of its categories is;
 *    - in a breakdown (segments × answers, with the overall answers and the segment sizes published), a
 *      hidden cell lies on a rectangle of hidden cells (same row, same column, one more row), so that neither
 *      the row nor the column total gives it back; a segment under 5 respondents is hidden with a second one
 *      (or with the respondents who did not answer the segment question, when they are fewer than 5);
 *    - a ranking's top-2 share and mean rank of an item are hidden when one of its rank counts is small, and
 *      then for a second item too (the ranks of every item sum to the complete base).
 * The functions here are pure (counts in, hidden flags out) and are applied once, where the views are computed.
 */

/** Below this many respondents a count is never published (and a base shows nothing). */
export const MIN_SHOWN = 5
/** Below this many respondents a base is shown but flagged fragile. */
export const MIN_ROBUST = 30

/** Why a figure is not published: a small cell itself, or a cell hidden to protect a small one. */
export type Suppression = 'small' | 'secondary'

/** Whether a base can be shown: fully, with a fragility mark, or not at all. */
export type BaseStatus = 'ok' | 'fragile' | 'suppressed'

/** The status of a base of `n` respondents. */
export function baseStatus(n: number): BaseStatus {
  return n < MIN_SHOWN ? 'suppressed' : n < MIN_ROBUST ? 'fragile' : 'ok'
}

/** True when a count is small: 1 to 4 respondents (0 describes nobody and is shown). */
export function isSmall(count: number): boolean {
  return count > 0 && count < MIN_SHOWN
}

/** True when a cell of `count` among `total` is small, or its complement is. */
export function isPrimary(count: number, total: number): boolean {
  return isSmall(count) || isSmall(total - count)
}

/** Hides the smallest non-zero published entry of `counts` not yet hidden; false when none is left. */
function hideSmallest(counts: readonly number[], hidden: Array<Suppression | null>, eligible: (i: number) => boolean = () => true): boolean {
  let best = -1
  for (let i = 0; i < counts.length; i++) {
    if (hidden[i] !== null || !eligible(i) || (counts[i] as number) === 0) continue
    if (best < 0 || (counts[i] as number) < (counts[best] as number)) best = i
  }
  if (best < 0) return false
  hidden[best] = 'secondary'
  return true
}

/**
 * Protects one line of counts that partition a published total (a question's answers). Returns one flag per
 * entry. `minHidden` is how many entries must be hidden as soon as one is (2 for a plain line: the total gives
 * a lone hidden entry back; 3 for a scale whose mean is published). `cannot` is true when that many non-zero
 * entries do not exist (the caller then hides what depends on the line, e.g. the mean).
 */
export function protectLine(counts: readonly number[], options: { minHidden?: number } = {}): { hidden: Array<Suppression | null>; cannot: boolean } {
  const total = counts.reduce((a, b) => a + b, 0)
  const hidden: Array<Suppression | null> = counts.map((c) => (isPrimary(c, total) ? 'small' : null))
  const need = options.minHidden ?? 2
  let cannot = false
  const hiddenCount = () => hidden.filter((h) => h !== null).length
  if (hiddenCount() > 0) {
    while (hiddenCount() < need) {
      if (!hideSmallest(counts, hidden)) {
        cannot = true
        break
      }
    }
  }
  return { hidden, cannot }
}

/**
 * Protects a breakdown table: `cells[r][c]` respondents of row (segment) r giving answer c, rows partitioning
 * the question's respondents. `rowHidden[r]` marks rows published as nothing (a segment under 5, or the
 * unpublished row of respondents without a segment): all their cells are hidden. The column totals (the overall
 * answers) and the row sizes are published. Returns the hidden flags of every cell, and the rows to hide
 * entirely (the given ones plus those hidden to protect a small row).
 *
 * Method: (1) rows: when the hidden rows hold together 1 to 4 respondents (one small row alone is the grand
 * total minus the others), the smallest published row is hidden too, until they hold 0 or at least 5;
 * (2) cells: each small cell of a published row is put on a rectangle of hidden cells — another cell of its
 * row, the cell of its column in another row, and the fourth corner — choosing the rectangle that hides the
 * fewest respondents (a hidden row's cells cost nothing). A cell on such a cycle cannot be recomputed from
 * row and column totals.
 */
export function protectTable(cells: readonly (readonly number[])[], rowHidden: readonly boolean[]): { hidden: Array<Array<Suppression | null>>; rowsHidden: boolean[] } {
  const rows = cells.length
  const cols = rows > 0 ? (cells[0] as readonly number[]).length : 0
  const sizes = cells.map((row) => row.reduce((a, b) => a + b, 0))
  const rowsHidden = [...rowHidden]
  // (1) rows
  const hiddenSize = () => sizes.reduce((a, s, r) => (rowsHidden[r] ? a + s : a), 0)
  while (isSmall(hiddenSize())) {
    let best = -1
    for (let r = 0; r < rows; r++) if (!rowsHidden[r] && (sizes[r] as number) > 0 && (best < 0 || (sizes[r] as number) < (sizes[best] as number))) best = r
    if (best < 0) break
    rowsHidden[best] = true
  }
  const hidden: Array<Array<Suppression | null>> = cells.map((row, r) =>
    row.map((count) => (rowsHidden[r] ? (isSmall(sizes[r] as number) || rowHidden[r] ? 'small' : 'secondary') : isPrimary(count, sizes[r] as number) ? 'small' : null)),
  )
  // (2) cells: a rectangle for each small cell of a published row that is not yet on one
  const isHidden = (r: number, c: number) => (hidden[r] as Array<Suppression | null>)[c] !== null
  const onRectangle = (r: number, c: number) => {
    for (let r2 = 0; r2 < rows; r2++) {
      if (r2 === r || !isHidden(r2, c)) continue
      for (let c2 = 0; c2 < cols; c2++) if (c2 !== c && isHidden(r, c2) && isHidden(r2, c2)) return true
    }
    return false
  }
  const cost = (r: number, c: number) => (isHidden(r, c) ? 0 : ((cells[r] as readonly number[])[c] as number))
  // a column (or row) that nobody is in is known to hold zeros everywhere: hiding its cells protects nothing
  const columnTotals = Array.from({ length: cols }, (_, c) => cells.reduce((a, row) => a + (row[c] as number), 0))
  for (let r = 0; r < rows; r++) {
    if (rowsHidden[r]) continue
    for (let c = 0; c < cols; c++) {
      if ((hidden[r] as Array<Suppression | null>)[c] !== 'small' || onRectangle(r, c)) continue
      let best: { r2: number; c2: number; cost: number } | null = null
      for (let r2 = 0; r2 < rows; r2++) {
        if (r2 === r || (sizes[r2] as number) === 0) continue
        for (let c2 = 0; c2 < cols; c2++) {
          if (c2 === c || (columnTotals[c2] as number) === 0) continue
          const total = cost(r, c2) + cost(r2, c) + cost(r2, c2)
          if (!best || total < best.cost) best = { r2, c2, cost: total }
        }
      }
      if (!best) {
        // a single row or column: the line rule (every other cell of the row) is all that can be done
        for (let c2 = 0; c2 < cols; c2++) if (!isHidden(r, c2)) (hidden[r] as Array<Suppression | null>)[c2] = 'secondary'
        continue
      }
      for (const [hr, hc] of [
        [r, best.c2],
        [best.r2, c],
        [best.r2, best.c2],
      ] as const) {
        if (!isHidden(hr, hc)) (hidden[hr] as Array<Suppression | null>)[hc] = 'secondary'
      }
    }
  }
  return { hidden, rowsHidden }
}

/**
 * Protects the ranks of a ranking's items on the complete-ranking base: `ranks[j][r]` respondents ranking item
 * j at rank r + 1. An item's top-2 share and mean rank reveal its rank counts; they are hidden when one is
 * small, and then for a second item (the ranks of all items sum to the base). Returns one flag per item.
 */
export function protectRanks(ranks: readonly (readonly number[])[]): Array<Suppression | null> {
  const hidden: Array<Suppression | null> = ranks.map((counts) => (counts.some(isSmall) ? 'small' : null))
  if (hidden.filter((h) => h !== null).length === 1) {
    let best = -1
    const smallest = (j: number) => Math.min(...(ranks[j] as readonly number[]).filter((c) => c > 0))
    for (let j = 0; j < ranks.length; j++) if (hidden[j] === null && (best < 0 || smallest(j) < smallest(best))) best = j
    if (best >= 0) hidden[best] = 'secondary'
  }
  return hidden
}
