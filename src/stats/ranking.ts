/**
 * Ranking questions ("classez ces leviers par ordre de priorité", spec §10): % ranked first, mean rank,
 * % in the top k, Borda points, each with linearised standard errors on the (calibrated) design.
 *
 * Bases (documented choice, as the oracle): the first-choice share is computed on respondents who gave
 * a first choice — complete OR partial rankings (only the first item ranked); mean rank, top-k and Borda
 * use complete rankings only (the three ranks present), jointly, so they share one base. A respondent
 * with no rank at all is outside every base. Identities (tested): Σ first shares = 1, Σ mean ranks =
 * m(m+1)/2, Σ top-k = k, Σ Borda = m(m−1)/2, mean rank = m − Borda.
 */
import {
  factorColumn,
  factorFromCodes,
  getColumn,
  getNumeric,
  withColumns,
  type Column,
  type SurveyData,
} from './data.js'
import type { Design } from './design.js'
import { InvalidInputError } from './errors.js'
import { svyMean, type Estimate, type EstimateOptions } from './estimates.js'

/** A ranking question: its items, one rank column per item, and optionally the first-choice factor. */
export interface RankingQuestion {
  /** Item labels, e.g. ['Vision', 'Gestion', 'Action'] (the first-choice factor's levels). */
  readonly items: readonly string[]
  /** Numeric rank column of each item (1 = first; missing = not ranked). */
  readonly rankColumns: readonly string[]
  /** Factor of the first choice (levels = items); derived from the rank-1 item when absent. */
  readonly firstChoice?: string
  /** Short keys for derived column names (default: items in lower case). */
  readonly keys?: readonly string[]
}

/** Names of the derived columns written by `addRankingVariables`. */
export interface RankingColumns {
  /** Name of the first-choice factor column. */
  readonly firstChoice: string
  readonly first: readonly string[]
  readonly meanRank: readonly string[]
  readonly topK: readonly string[]
  readonly borda: readonly string[]
  readonly complete: string
  readonly k: number
}

function keysOf(q: RankingQuestion): string[] {
  const keys = q.keys ? [...q.keys] : q.items.map((i) => i.toLowerCase())
  if (keys.length !== q.items.length || q.rankColumns.length !== q.items.length) {
    throw new InvalidInputError(
      `Ranking question with ${q.items.length} items, ${q.rankColumns.length} rank columns and ${keys.length} keys.`,
      'Give one rank column and one key per item.',
    )
  }
  return keys
}

/**
 * Adds the derived variables of a ranking question to the data (README names): `first_<key>` (1/0,
 * missing without first choice), `mrank_<key>`, `top<k>_<key>`, `borda_<key>` (complete rankings only),
 * `complete_rank` (1/0). Edge cases: a complete ranking that is not a permutation of 1..m, or a rank
 * outside 1..m, throws `InvalidInputError` naming the row; a first choice contradicting rank 1 too.
 */
export function addRankingVariables(
  data: SurveyData,
  q: RankingQuestion,
  k = 2,
): { data: SurveyData; columns: RankingColumns } {
  const keys = keysOf(q)
  const m = q.items.length
  const n = data.n
  if (!(k >= 1 && k <= m && Number.isInteger(k)))
    throw new InvalidInputError(
      `top-k with k = ${k} for ${m} items.`,
      `Use an integer k between 1 and ${m}.`,
    )
  const ranks = q.rankColumns.map((c) => getNumeric(data, c).values)
  let firstCodes: Int32Array
  let firstName = q.firstChoice ?? 'first_choice'
  if (q.firstChoice) {
    const f = getColumn(data, q.firstChoice)
    if (f.kind !== 'factor')
      throw new InvalidInputError(
        `First choice "${q.firstChoice}" must be categorical.`,
        'Give a factor whose levels are the items.',
        { variable: q.firstChoice },
      )
    const map = f.levels.map((l) => q.items.indexOf(l))
    if (map.some((x) => x < 0)) {
      const bad = f.levels.find((l) => !q.items.includes(l)) as string
      throw new InvalidInputError(
        `Level "${bad}" of "${q.firstChoice}" is not an item of the question.`,
        'Use the items as levels of the first-choice variable.',
        { variable: q.firstChoice, category: bad },
      )
    }
    firstCodes = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const c = f.codes[i] as number
      firstCodes[i] = c < 0 ? -1 : (map[c] as number)
    }
  } else {
    firstName = 'first_choice'
    firstCodes = new Int32Array(n).fill(-1)
  }
  const cols: Record<string, Column> = {}
  const first = keys.map((kk) => `first_${kk}`)
  const mrank = keys.map((kk) => `mrank_${kk}`)
  const topk = keys.map((kk) => `top${k}_${kk}`)
  const borda = keys.map((kk) => `borda_${kk}`)
  const firstVals = keys.map(() => new Float64Array(n))
  const mrVals = keys.map(() => new Float64Array(n))
  const tkVals = keys.map(() => new Float64Array(n))
  const bdVals = keys.map(() => new Float64Array(n))
  const complete = new Float64Array(n)
  const seen = new Uint8Array(m + 1)
  for (let i = 0; i < n; i++) {
    let present = 0
    let rank1 = -1
    for (let j = 0; j < m; j++) {
      const r = (ranks[j] as Float64Array)[i] as number
      if (Number.isNaN(r)) continue
      if (!(Number.isInteger(r) && r >= 1 && r <= m)) {
        throw new InvalidInputError(
          `Rank ${r} of item "${q.items[j]}" at row ${i + 1} is outside 1..${m}.`,
          'Ranks must be integers from 1 to the number of items (missing = not ranked).',
          { variable: q.rankColumns[j] },
        )
      }
      present++
      if (r === 1) rank1 = j
    }
    const isComplete = present === m
    if (isComplete) {
      seen.fill(0)
      for (let j = 0; j < m; j++) {
        const r = (ranks[j] as Float64Array)[i] as number
        if (seen[r])
          throw new InvalidInputError(
            `Row ${i + 1} gives rank ${r} twice.`,
            'A complete ranking must be a permutation of 1..m.',
            { variable: q.rankColumns[j] },
          )
        seen[r] = 1
      }
    }
    if (!q.firstChoice) firstCodes[i] = rank1
    else if (rank1 >= 0 && firstCodes[i] !== rank1) {
      throw new InvalidInputError(
        `Row ${i + 1}: first choice "${q.items[firstCodes[i] as number] ?? 'missing'}" but rank 1 is "${q.items[rank1]}".`,
        'Make the first-choice variable agree with the ranks.',
        { variable: q.firstChoice },
      )
    }
    complete[i] = isComplete ? 1 : 0
    const fc = firstCodes[i] as number
    for (let j = 0; j < m; j++) {
      ;(firstVals[j] as Float64Array)[i] = fc < 0 ? NaN : fc === j ? 1 : 0
      const r = (ranks[j] as Float64Array)[i] as number
      ;(mrVals[j] as Float64Array)[i] = isComplete ? r : NaN
      ;(tkVals[j] as Float64Array)[i] = isComplete ? (r <= k ? 1 : 0) : NaN
      ;(bdVals[j] as Float64Array)[i] = isComplete ? m - r : NaN
    }
  }
  if (!q.firstChoice) cols[firstName] = factorFromCodes(firstCodes, q.items, firstName)
  keys.forEach((_, j) => {
    cols[first[j] as string] = { kind: 'numeric', values: firstVals[j] as Float64Array }
    cols[mrank[j] as string] = { kind: 'numeric', values: mrVals[j] as Float64Array }
    cols[topk[j] as string] = { kind: 'numeric', values: tkVals[j] as Float64Array }
    cols[borda[j] as string] = { kind: 'numeric', values: bdVals[j] as Float64Array }
  })
  cols.complete_rank = { kind: 'numeric', values: complete }
  return {
    data: withColumns(data, cols),
    columns: {
      firstChoice: firstName,
      first,
      meanRank: mrank,
      topK: topk,
      borda,
      complete: 'complete_rank',
      k,
    },
  }
}

/** The indicators of a ranking question with SEs, and its two bases. */
export interface RankingSummary {
  /** Share ranked first, per item (svymean of the first-choice factor). */
  readonly firstChoice: Estimate
  readonly meanRank: Estimate
  readonly topK: Estimate
  readonly borda: Estimate
  /** Borda share = mean Borda points / (m(m−1)/2), sums to 1. */
  readonly bordaShare: Float64Array
  readonly bases: {
    readonly firstChoice: { readonly n: number; readonly weighted: number }
    readonly completeRanking: { readonly n: number; readonly weighted: number }
  }
}

/**
 * All ranking indicators of a question on a design whose data already holds the derived variables
 * (`addRankingVariables`). Edge case: nobody answered → NaN estimates with `NO_RESPONDENTS` warnings.
 */
export function rankingSummary(
  design: Design,
  columns: RankingColumns,
  options: EstimateOptions = {},
): RankingSummary {
  const firstChoice = svyMean(design, [columns.firstChoice], options)
  const meanRank = svyMean(design, columns.meanRank, options)
  const topK = svyMean(design, columns.topK, options)
  const borda = svyMean(design, columns.borda, options)
  const m = columns.meanRank.length
  const bordaShare = borda.estimate.map((b) => b / ((m * (m - 1)) / 2))
  return {
    firstChoice,
    meanRank,
    topK,
    borda,
    bordaShare,
    bases: { firstChoice: firstChoice.base, completeRanking: meanRank.base },
  }
}

/** Convenience: a first-choice factor from labels (e.g. parsed CSV), levels = items. */
export function firstChoiceColumn(
  values: ArrayLike<string | null | undefined>,
  items: readonly string[],
  name = 'first_choice',
): Column {
  return factorColumn(values, items, name)
}
