/**
 * What a results view holds: the shape stored in the result cache and in a publication, rendered by the pages,
 * written by the CSV and JSON exports and returned by the API (`studies.schemas.ts` describes it for the
 * OpenAPI document). Every figure the small-cell rule hides is `null` with the reason next to it
 * (`analysis/suppression.ts`), so that no reader of the document can forget the rule.
 */
import type { ProfileRole, Question } from '../surveys.definition.js'
import type { BaseStatus, Suppression } from './suppression.js'

/** Version of the document's layout: views of an older layout are computed again (cache, publications). */
export const RESULTS_FORMAT = 2

/** An estimate with its 95 % interval (proportions in 0..1). */
export interface Interval {
  estimate: number
  low: number
  high: number
}

/** One answer option (or scale value) of a question: its share with interval and its count. */
export interface CategoryResult {
  code: string
  label: string
  /** Respondents who chose it; null when hidden (or when the whole base is). */
  n: number | null
  /** null when hidden, or when the whole base is suppressed. */
  value: Interval | null
  /** Why it is hidden (small cell, or hidden to protect one), null when shown. */
  hidden: Suppression | null
}

/** One item of a ranking question: share ranked first, mean rank, top-2 share (null when not computable or hidden). */
export interface RankingItemResult {
  code: string
  label: string
  first: Interval | null
  firstN: number | null
  /** Why the share ranked first is hidden. */
  firstHidden: Suppression | null
  meanRank: Interval | null
  top2: Interval | null
  /** Why the mean rank and top-2 share are hidden. */
  ranksHidden: Suppression | null
}

/** One segment of a breakdown: its bases, status and one value per column (null when hidden). */
export interface DomainResult {
  code: string
  label: string
  /** Respondents of the segment who answered the question; null when the segment is hidden. */
  n: number | null
  weighted: number | null
  status: BaseStatus
  /** The whole segment is not published: under 5 respondents ('small'), or hidden to protect one ('secondary'). */
  hidden: Suppression | null
  /** One value per column of the breakdown (options, items, or the mean); null when hidden. */
  values: Array<Interval | null>
  /** Why each value is hidden (null when shown). */
  cells: Array<Suppression | null>
}

/** A Rao–Scott F test of independence between an answer and the segment; `significant` at the 5 % level. */
export interface TestResult {
  statistic: number
  ndf: number
  ddf: number
  p: number
  significant: boolean
  /** For multiple choice: the option tested. */
  column?: string
}

/** A question broken down by a segment, with its tests (or why there is none). */
export interface BreakdownResult {
  role: ProfileRole
  /** What the values are: shares of options/items (`share`) or means (`mean`). */
  kind: 'share' | 'mean'
  columns: Array<{ code: string; label: string }>
  domains: DomainResult[]
  tests: TestResult[]
  /** Why there is no test (engine message), when there is none. */
  testNote: string | null
  /** Some tests are not published: they would be computed over hidden cells (see `suppression.ts`). */
  testWithheld: boolean
}

/** A published statistic derived from the answers (a subtotal, a mean) with why it may be hidden. */
export interface DerivedResult {
  value: Interval | null
  hidden: Suppression | null
}

/** Everything shown for one closed question; `status` 'error' carries the engine's message. */
export interface QuestionResult {
  key: string
  number: number
  label: string
  type: Question['type']
  profile: ProfileRole | null
  /** A calibration variable: its weighted shares equal the margins by construction. */
  calibrated: boolean
  base: { n: number; weighted: number }
  status: BaseStatus | 'error'
  error: string | null
  categories: CategoryResult[] | null
  subtotal: ({ label: string } & DerivedResult) | null
  mean: DerivedResult | null
  unit: string
  ranking: { k: number; m: number; items: RankingItemResult[]; completeBase: { n: number; weighted: number } | null } | null
  breakdown: BreakdownResult | null
}

/** A segment's balance of the three levers ranked first (vision, gestion, action). */
export interface TernaryPoint {
  code: string
  label: string
  n: number
  status: BaseStatus
  /** Shares ranked first of vision, gestion, action (sum 1). */
  shares: [number, number, number]
}

/** The ternary plot's data: the overall balance and one point per segment whose three shares are published. */
export interface TernaryResult {
  questionKey: string
  role: ProfileRole
  overall: [number, number, number] | null
  points: TernaryPoint[]
}

/** Everything a results page (or a published study) shows for one view. */
export interface StudyResults {
  /** Layout version (`RESULTS_FORMAT`). */
  format: number
  /** 'overall' or 'by:<role>' */
  view: string
  computedAt: string
  dataVersion: number
  weightingVersion: number
  weighted: boolean
  /** Respondents analysed, and those left out of the weighting (a margin variable unanswered). */
  n: number
  excluded: number
  baseWeighted: number
  segments: ProfileRole[]
  questions: QuestionResult[]
  ternary: TernaryResult | null
}
