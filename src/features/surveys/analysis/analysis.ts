/**
 * Results of a campaign, computed with the statistics engine on the weighted design: for each closed question
 * the weighted estimates with 95 % intervals, the unweighted n and the weighted base (one strategy per question
 * type, `question-types.ts`); breakdowns by segment (world, commune-size band, région, territory) with Rao–Scott
 * tests; the ternary balance of the three levers.
 *
 * The small-cell rule (`suppression.ts`) is applied here, where the views are computed, so that no page, chart,
 * export or API can forget it: every figure it hides is absent from the stored document.
 */
import { allQuestions, BREAKDOWN_ROLES, isClosed, profileQuestion, questionNumber, type Definition, type ProfileRole, type Question } from '../surveys.definition.js'
import { isLeverRanking } from '../builder/templates.js'
import type { WeightedDesign } from '../weighting/weighting.js'
import { ColumnReader } from './columns.js'
import { RESULTS_FORMAT, type BreakdownResult, type QuestionResult, type StudyResults, type TernaryResult } from './model.js'
import { engineMessage, strategyOf, type OverallContext, type QuestionStrategy } from './question-types.js'
import type { Snapshot } from './snapshot.js'

/** What a view is computed from: the questionnaire, its snapshot, the weighted design and the versions. */
export interface AnalysisInput {
  def: Definition
  snapshot: Snapshot
  weighted: WeightedDesign
  dataVersion: number
  weightingVersion: number
}

/** The segments a campaign's results can be broken down by (profile questions present). */
export function availableSegments(def: Definition): ProfileRole[] {
  return BREAKDOWN_ROLES.filter((r) => profileQuestion(def, r) !== undefined)
}

/** The segment the ternary plot uses when none is chosen: the first one the questionnaire has. */
export function defaultSegment(def: Definition): ProfileRole | null {
  return availableSegments(def)[0] ?? null
}

function emptyResult(def: Definition, q: Question): QuestionResult {
  return {
    key: q.key,
    number: questionNumber(def, q.key),
    label: q.label,
    type: q.type,
    profile: q.profile,
    calibrated: false,
    base: { n: 0, weighted: 0 },
    status: 'ok',
    error: null,
    categories: null,
    subtotal: null,
    mean: null,
    unit: q.number?.unit ?? '',
    ranking: null,
    breakdown: null,
  }
}

function contextOf(input: AnalysisInput): OverallContext {
  const design = input.weighted.design
  return { design, reader: new ColumnReader(input.def, input.snapshot, input.weighted.rows), nRows: design.data.n, calibrated: input.weighted.calibrated }
}

/** Computes the overall results of every closed question (no breakdown). */
export function computeOverall(input: AnalysisInput): StudyResults {
  const ctx = contextOf(input)
  let baseWeighted = 0
  for (const w of ctx.design.weights) baseWeighted += w
  const questions: QuestionResult[] = []
  for (const q of allQuestions(input.def)) {
    if (!isClosed(q.type)) continue
    const result = emptyResult(input.def, q)
    try {
      ;(strategyOf(q.type) as QuestionStrategy).overall(ctx, q, result)
    } catch (error) {
      Object.assign(result, { status: 'error', error: engineMessage(error), categories: null, subtotal: null, ranking: null, mean: null })
    }
    questions.push(result)
  }
  return {
    format: RESULTS_FORMAT,
    view: 'overall',
    computedAt: new Date().toISOString(),
    dataVersion: input.dataVersion,
    weightingVersion: input.weightingVersion,
    weighted: input.weighted.summary !== null,
    n: ctx.nRows,
    excluded: input.snapshot.n - ctx.nRows,
    baseWeighted,
    segments: availableSegments(input.def),
    questions,
    ternary: null,
  }
}

/** The ternary plot's data: the overall balance and the segments whose three shares are all published. */
function ternaryFrom(q: QuestionResult, breakdown: BreakdownResult): TernaryResult {
  const order = ['vision', 'gestion', 'action']
  const index = order.map((c) => breakdown.columns.findIndex((col) => col.code === c))
  const overallItems = q.ranking?.items ?? []
  const overall = order.map((c) => overallItems.find((i) => i.code === c)?.first?.estimate)
  return {
    questionKey: q.key,
    role: breakdown.role,
    overall: overall.every((v) => v !== undefined) ? (overall as [number, number, number]) : null,
    points: breakdown.domains
      .filter((d) => d.hidden === null && d.n !== null && index.every((i) => d.values[i] != null))
      .map((d) => ({ code: d.code, label: d.label, n: d.n as number, status: d.status, shares: index.map((i) => d.values[i]?.estimate ?? 0) as [number, number, number] })),
  }
}

/**
 * Adds breakdowns by `role` to the overall results (every closed question except the segment's own), and the
 * ternary plot of the lever ranking by that segment. `questionsToBreak` limits the breakdowns (the overall view
 * only breaks down the lever question, for its ternary plot, without tests).
 */
export function withBreakdowns(input: AnalysisInput, overall: StudyResults, role: ProfileRole, questionsToBreak: 'all' | 'levers'): StudyResults {
  const segment = profileQuestion(input.def, role)
  if (!segment) return overall
  const base = contextOf(input)
  const ctx = { ...base, role, by: base.reader.factor(segment, '__by'), labels: new Map(segment.options.map((o) => [o.code, o.label])), withTests: questionsToBreak === 'all' }
  let ternary: TernaryResult | null = null
  const questions = overall.questions.map((qr) => {
    const q = allQuestions(input.def).find((x) => x.key === qr.key) as Question
    const lever = isLeverRanking(q)
    if (qr.status === 'error' || qr.status === 'suppressed' || q.profile === role) return qr
    if (questionsToBreak === 'levers' && !lever) return qr
    try {
      const breakdown = (strategyOf(q.type) as QuestionStrategy).breakdown(ctx, q)
      if (lever && ternary === null) ternary = ternaryFrom(qr, breakdown)
      return questionsToBreak === 'all' ? { ...qr, breakdown } : qr
    } catch (error) {
      return { ...qr, breakdown: { role, kind: 'share' as const, columns: [], domains: [], tests: [], testNote: engineMessage(error), testWithheld: false } }
    }
  })
  return { ...overall, view: questionsToBreak === 'all' ? `by:${role}` : overall.view, questions, ternary }
}

/** The overall view: every question, plus the ternary plot of the levers by the default segment. */
export function computeOverallView(input: AnalysisInput): StudyResults {
  const overall = computeOverall(input)
  const role = defaultSegment(input.def)
  return role ? withBreakdowns(input, overall, role, 'levers') : overall
}
