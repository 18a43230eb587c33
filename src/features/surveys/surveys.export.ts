/**
 * Exports of a study: the aggregated results as CSV (one row per estimate) and JSON (the published
 * document), both public once published, both built from views whose small cells are already suppressed;
 * and the anonymised microdata, for the campaign's analysts only.
 *
 * Microdata anonymisation: no response id, account, token, date or free text; one row per respondent with
 * the coded closed answers and the weight, in a shuffled order (seeded by the campaign, so the export is
 * reproducible but does not follow submission time).
 */
import { stringify } from 'csv-stringify/sync'
import { seededRandom } from '../../core/random.js'
import type { StudyResults } from './surveys.analysis.js'
import { allQuestions, isClosed, MISSING_CODE, slotLayout, type Definition } from './surveys.definition.js'
import type { ExternalFigure } from './surveys.queries.js'
import type { Methodology } from './surveys.service.js'
import type { Snapshot } from './surveys.snapshot.js'
import type { WeightedDesign } from './surveys.weighting.js'

type Row = Array<string | number>

function num(value: number | undefined | null, digits = 6): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return ''
  return String(Number(value.toFixed(digits)))
}

/** The aggregated results of every view as CSV rows (header first). */
export function resultsCsv(views: Record<string, StudyResults>): string {
  const rows: Row[] = [['view', 'question', 'question_label', 'segment', 'segment_level', 'item', 'item_label', 'statistic', 'estimate', 'ci_low', 'ci_high', 'n', 'weighted_base', 'status']]
  for (const [view, results] of Object.entries(views)) {
    for (const q of results.questions) {
      const status = q.status
      const base = num(q.base.weighted, 2)
      const qn = `Q${q.number}`
      if (view === 'overall') {
        for (const c of q.categories ?? []) rows.push([view, qn, q.label, '', '', c.code, c.label, 'share', num(c.value?.estimate), q.calibrated ? '' : num(c.value?.low), q.calibrated ? '' : num(c.value?.high), c.n ?? '', base, status])
        if (q.subtotal) rows.push([view, qn, q.label, '', '', 'subtotal', q.subtotal.label, 'share', num(q.subtotal.value?.estimate), num(q.subtotal.value?.low), num(q.subtotal.value?.high), '', base, status])
        if (q.mean) rows.push([view, qn, q.label, '', '', '', '', 'mean', num(q.mean.estimate), num(q.mean.low), num(q.mean.high), q.status === 'suppressed' ? '' : q.base.n, base, status])
        for (const i of q.ranking?.items ?? []) {
          rows.push([view, qn, q.label, '', '', i.code, i.label, 'first', num(i.first?.estimate), num(i.first?.low), num(i.first?.high), i.firstN ?? '', base, status])
          if (i.meanRank) rows.push([view, qn, q.label, '', '', i.code, i.label, 'mean_rank', num(i.meanRank.estimate), num(i.meanRank.low), num(i.meanRank.high), '', base, status])
          if (i.top2) rows.push([view, qn, q.label, '', '', i.code, i.label, 'top2', num(i.top2.estimate), num(i.top2.low), num(i.top2.high), '', base, status])
        }
      }
      const b = q.breakdown
      if (!b) continue
      for (const d of b.domains) {
        b.columns.forEach((c, j) => {
          const v = d.status === 'suppressed' ? null : d.values[j]
          rows.push([view, qn, q.label, b.role, d.code, c.code, c.label, b.kind === 'mean' ? 'mean' : q.type === 'ranking' ? 'first' : 'share', num(v?.estimate), num(v?.low), num(v?.high), d.status === 'suppressed' ? '' : d.n, d.status === 'suppressed' ? '' : num(d.weighted, 2), d.status])
        })
      }
      for (const test of b.tests) rows.push([view, qn, q.label, b.role, '', test.column ?? '', '', 'rao_scott_p', num(test.p, 8), '', '', '', '', test.significant ? 'significant' : 'not_significant'])
    }
  }
  return stringify(rows)
}

/** The published document as JSON (what `/etudes/:id/resultats.json` and the API return). */
export function resultsJson(input: { id: string; url: string; citation: string; methodology: Methodology; views: Record<string, StudyResults>; figures: ExternalFigure[] }) {
  return {
    id: input.id,
    url: input.url,
    citation: input.citation,
    methodology: input.methodology,
    external_figures: input.figures.map((f) => ({ question: f.question_key, population: f.population, value_percent: f.value, source: f.source, published_on: f.published_on, base: f.base, url: f.url })),
    views: input.views,
  }
}

/** Anonymised microdata of a campaign (analysts only): coded closed answers and the weight. */
export function microdataCsv(def: Definition, snapshot: Snapshot, weighted: WeightedDesign, seed: string): string {
  const layout = slotLayout(def)
  const header: string[] = []
  const readers: Array<(i: number) => string> = []
  for (const q of allQuestions(def)) {
    if (!isClosed(q.type)) continue
    const slots = layout.byKey.get(q.key)
    if (!slots) continue
    const col = (s: number) => snapshot.slots[s] as Uint8Array
    if (q.type === 'single') {
      header.push(q.key)
      readers.push((i) => {
        const v = col(slots.first)[i] as number
        return v === MISSING_CODE ? '' : (q.options[v]?.code ?? '')
      })
    } else if (q.type === 'scale') {
      header.push(q.key)
      readers.push((i) => {
        const v = col(slots.first)[i] as number
        return v === MISSING_CODE ? '' : String(v)
      })
    } else if (q.type === 'multiple' || q.type === 'ranking') {
      q.options.forEach((o, j) => {
        header.push(`${q.key}_${o.code}`)
        readers.push((i) => {
          const v = col(slots.first + j)[i] as number
          return v === MISSING_CODE ? '' : String(v)
        })
      })
    } else if (q.type === 'number') {
      header.push(q.key)
      readers.push((i) => {
        const v = (snapshot.numbers[slots.numberIndex] as Float64Array)[i] as number
        return Number.isNaN(v) ? '' : String(v)
      })
    }
  }
  const weight = new Float64Array(snapshot.n).fill(NaN)
  const w = weighted.design.weights
  if (weighted.rows) weighted.rows.forEach((row, k) => (weight[row] = w[k] as number))
  else for (let i = 0; i < snapshot.n; i++) weight[i] = w[i] as number
  // deterministic shuffle (Fisher–Yates) seeded by the campaign
  let seedNumber = 0
  for (const ch of seed) seedNumber = (Math.imul(seedNumber, 31) + ch.charCodeAt(0)) >>> 0
  const random = seededRandom(seedNumber)
  const order = Array.from({ length: snapshot.n }, (_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  const rows: Row[] = [['row', ...header, 'weight']]
  order.forEach((i, k) => rows.push([k + 1, ...readers.map((read) => read(i)), Number.isNaN(weight[i] as number) ? '' : num(weight[i] as number, 4)]))
  return stringify(rows)
}
