/**
 * Exports of a published study: the aggregated results as CSV (one row per estimate, through `core/csv.ts`) and
 * JSON (the published document, also the API's answer). Both are built from the stored views, whose hidden
 * figures are already absent: a hidden cell is an empty estimate with its reason in `status`
 * (`hidden_small`: fewer than 5 respondents; `hidden_secondary`: hidden so that a small cell cannot be
 * recomputed), as on the pages.
 */
import { toCsv, type CsvCell } from '../../../core/csv.js'
import type { Interval, StudyResults } from '../analysis/model.js'
import type { Suppression } from '../analysis/suppression.js'
import type { ExternalFigure } from '../surveys.queries.js'
import type { PublicationDocument } from './studies.service.js'

type Row = CsvCell[]

function num(value: number | undefined | null, digits = 6): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return ''
  return String(Number(value.toFixed(digits)))
}

/** The status column of a figure: the base's status, or why the figure is hidden. */
function statusOf(base: string, hidden: Suppression | null | undefined): string {
  return hidden ? `hidden_${hidden}` : base
}

const CSV_HEADER = ['view', 'question', 'question_label', 'segment', 'segment_level', 'item', 'item_label', 'statistic', 'estimate', 'ci_low', 'ci_high', 'n', 'weighted_base', 'status']

/** The aggregated results of every view as CSV rows (header first). */
export function resultsCsv(views: Record<string, StudyResults>): string {
  const rows: Row[] = [CSV_HEADER]
  for (const [view, results] of Object.entries(views)) {
    for (const q of results.questions) {
      const base = num(q.base.weighted, 2)
      const qn = `Q${q.number}`
      const estimate = (statistic: string, code: string, label: string, v: Interval | null, n: number | null | '', status: string, interval = true): Row => [view, qn, q.label, '', '', code, label, statistic, num(v?.estimate), interval ? num(v?.low) : '', interval ? num(v?.high) : '', n ?? '', base, status]
      if (view === 'overall') {
        for (const c of q.categories ?? []) rows.push(estimate('share', c.code, c.label, c.value, c.n, statusOf(q.status, c.hidden), !q.calibrated))
        if (q.subtotal) rows.push(estimate('share', 'subtotal', q.subtotal.label, q.subtotal.value, '', statusOf(q.status, q.subtotal.hidden)))
        if (q.mean) rows.push(estimate('mean', '', '', q.mean.value, q.status === 'suppressed' || q.mean.hidden ? '' : q.base.n, statusOf(q.status, q.mean.hidden)))
        for (const i of q.ranking?.items ?? []) {
          rows.push(estimate('first', i.code, i.label, i.first, i.firstN, statusOf(q.status, i.firstHidden)))
          if (q.ranking?.completeBase || i.ranksHidden) rows.push(estimate('mean_rank', i.code, i.label, i.meanRank, '', statusOf(q.status, i.ranksHidden)))
          if (i.top2 || i.ranksHidden) rows.push(estimate('top2', i.code, i.label, i.top2, '', statusOf(q.status, i.ranksHidden)))
        }
      }
      const b = q.breakdown
      if (!b) continue
      for (const d of b.domains) {
        b.columns.forEach((c, j) => {
          const v = d.values[j] ?? null
          const statistic = b.kind === 'mean' ? 'mean' : q.type === 'ranking' ? 'first' : 'share'
          rows.push([view, qn, q.label, b.role, d.code, c.code, c.label, statistic, num(v?.estimate), num(v?.low), num(v?.high), d.n ?? '', d.weighted === null ? '' : num(d.weighted, 2), statusOf(d.status, d.cells[j] ?? d.hidden)])
        })
      }
      for (const test of b.tests) rows.push([view, qn, q.label, b.role, '', test.column ?? '', '', 'rao_scott_p', num(test.p, 8), '', '', '', '', test.significant ? 'significant' : 'not_significant'])
    }
  }
  return toCsv(rows)
}

/** An outside figure as the export and the API show it. */
export function presentFigure(f: ExternalFigure) {
  return {
    question: f.question_key,
    question_wording: f.question_wording,
    same_question: f.same_question === 1,
    population: f.population,
    value_percent: f.value,
    source: f.source,
    published_on: f.published_on,
    base: f.base,
    url: f.url,
  }
}

/** The published document as JSON (what `/etudes/:id/resultats.json` and the API return). */
export function resultsJson(input: { id: string; citation: string; doc: PublicationDocument; figures: ExternalFigure[] }) {
  return {
    id: input.id,
    href: `/etudes/${input.id}`,
    citation: input.citation,
    methodology: input.doc.methodology,
    external_figures: input.figures.map(presentFigure),
    views: input.doc.views,
  }
}
