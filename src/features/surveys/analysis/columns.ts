/**
 * The analysis variables of one question, read from the snapshot's compact columns and restricted to the
 * weighted design's rows: factors of single choices and scales, 0/1 columns of multiple choices, numbers,
 * and the ranking variables. Also the counts the small-cell rule needs (per level, per segment × level).
 */
import { factorFromCodes, type FactorColumn } from '../../../stats/index.js'
import { MISSING_CODE, rankCountOf, scaleValues, slotLayout, type Definition, type Question, type SlotLayout } from '../surveys.definition.js'
import { numberColumn, slotCodes, slotNumbers, type Snapshot } from './snapshot.js'

/** Reads the columns of one question from the snapshot, restricted to the design's rows. */
export class ColumnReader {
  readonly layout: SlotLayout
  constructor(
    readonly def: Definition,
    readonly snapshot: Snapshot,
    readonly rows: Int32Array | null,
  ) {
    this.layout = slotLayout(def)
  }

  firstSlot(q: Question): number {
    return this.layout.byKey.get(q.key)?.first ?? 0
  }

  /** A single-choice question (levels: option codes) or a scale (levels: its values). */
  factor(q: Question, name: string): FactorColumn {
    if (q.type === 'scale') {
      const values = scaleValues(q)
      return factorFromCodes(slotCodes(this.snapshot, this.firstSlot(q), this.rows, values[0] ?? 0), values.map(String), name)
    }
    return factorFromCodes(slotCodes(this.snapshot, this.firstSlot(q), this.rows), q.options.map((o) => o.code), name)
  }

  /** One numeric column per option (0/1), NaN when missing. */
  perOption(q: Question): Float64Array[] {
    return q.options.map((_, j) => slotNumbers(this.snapshot, this.firstSlot(q) + j, this.rows))
  }

  /** A number question's column (NaN when missing). */
  number(q: Question): Float64Array {
    return numberColumn(this.snapshot, this.layout.byKey.get(q.key)?.numberIndex ?? 0, this.rows)
  }
}

/** Respondents per level of a factor's codes (−1 = missing). */
export function countLevels(codes: Int32Array, levels: number): number[] {
  const out = new Array<number>(levels).fill(0)
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number
    if (c >= 0) out[c] = (out[c] as number) + 1
  }
  return out
}

/**
 * Respondents per segment level × answer level (`table[s][a]`), and those who answered without a segment
 * (`unsegmented[a]`). `answer(i)` is the answer level of row i, or −1 when unanswered.
 */
export function crossCounts(by: FactorColumn, answers: number, answer: (i: number) => number): { table: number[][]; unsegmented: number[] } {
  const table = by.levels.map(() => new Array<number>(answers).fill(0))
  const unsegmented = new Array<number>(answers).fill(0)
  for (let i = 0; i < by.codes.length; i++) {
    const a = answer(i)
    if (a < 0) continue
    const s = by.codes[i] as number
    const row = s >= 0 ? (table[s] as number[]) : unsegmented
    row[a] = (row[a] as number) + 1
  }
  return { table, unsegmented }
}

/**
 * The analysis variables of a ranking question, derived in one pass from the compact columns with the
 * definitions of the engine's `addRankingVariables` (which copies thirteen full columns per call):
 * - `first`: the item ranked 1 (missing without one), whose shares are the "% ranked first" on every
 *   respondent who gave a first choice, complete or partial ranking;
 * - when complete rankings are possible (k ≥ m − 1; the last rank is implied when m − 1 items are
 *   ranked): `rankOf[j]`, the rank of item j as a factor with levels 1..m on complete rankings only. Its
 *   level shares give the mean rank (Σ r·p_r) and the top-2 share (p₁ + p₂) as exact linear contrasts —
 *   the same estimates and standard errors as the engine's numeric `mrank_`/`top2_` variables;
 * - for shorter rankings (k < m − 1): `top2[j]`, 1 when item j is ranked 1 or 2, on the respondents who
 *   ranked at least two items (mean rank undefined).
 * A test checks the results against `addRankingVariables` + `rankingSummary`.
 */
export interface RankingVariables {
  first: FactorColumn
  complete: boolean
  rankOf: FactorColumn[] | null
  top2: Float64Array[] | null
}

/** Derives the ranking variables described above; `needRanks` false gives the first choice only (breakdowns). */
export function rankingVariables(snapshot: Snapshot, rows: Int32Array | null, firstSlot: number, q: Question, needRanks: boolean): RankingVariables {
  const m = q.options.length
  const complete = rankCountOf(q) >= m - 1
  const n = rows ? rows.length : snapshot.n
  const first = new Int32Array(n).fill(-1)
  const given = new Int32Array(n)
  const missing = new Int32Array(n).fill(-1)
  // pass 1, column by column: first choice, number of items ranked, the unranked item
  for (let j = 0; j < m; j++) {
    const column = snapshot.slots[firstSlot + j] as Uint8Array
    for (let i = 0; i < n; i++) {
      const v = column[rows ? (rows[i] as number) : i] as number
      if (v === MISSING_CODE) missing[i] = j
      else {
        given[i] = (given[i] as number) + 1
        if (v === 1) first[i] = j
      }
    }
  }
  const levels = q.options.map((o) => o.code)
  const result: RankingVariables = { first: factorFromCodes(first, levels, 'first'), complete, rankOf: null, top2: null }
  if (!needRanks) return result
  const rankLevels = Array.from({ length: m }, (_, r) => String(r + 1))
  if (complete) {
    result.rankOf = levels.map((_, j) => {
      const column = snapshot.slots[firstSlot + j] as Uint8Array
      const codes = new Int32Array(n)
      for (let i = 0; i < n; i++) {
        const g = given[i] as number
        const v = column[rows ? (rows[i] as number) : i] as number
        codes[i] = g === m ? v - 1 : g === m - 1 ? (missing[i] === j ? m - 1 : v - 1) : -1
      }
      return factorFromCodes(codes, rankLevels, `rank${j}`)
    })
  } else {
    result.top2 = levels.map((_, j) => {
      const column = snapshot.slots[firstSlot + j] as Uint8Array
      const out = new Float64Array(n)
      for (let i = 0; i < n; i++) {
        const v = column[rows ? (rows[i] as number) : i] as number
        out[i] = (given[i] as number) < 2 ? NaN : v !== MISSING_CODE && v <= 2 ? 1 : 0
      }
      return out
    })
  }
  return result
}
