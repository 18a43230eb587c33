/**
 * The anonymised microdata of a campaign, for its analysts only: one row per respondent with the coded closed
 * answers and the weight — no response id, account, token, date or free text — in a shuffled order (seeded by
 * the campaign, so the export is reproducible but does not follow submission time). Written through
 * `core/csv.ts` like every CSV of the platform.
 */
import { toCsv, type CsvCell } from '../../../core/csv.js'
import { seededRandom } from '../../../core/random.js'
import { allQuestions, isClosed, MISSING_CODE, slotLayout, type Definition } from '../surveys.definition.js'
import type { WeightedDesign } from '../weighting/weighting.js'
import type { Snapshot } from './snapshot.js'

type Row = CsvCell[]

function num(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)))
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
  if (weighted.rows) weighted.rows.forEach((row, k) => { weight[row] = w[k] as number })
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
  order.forEach((i, k) => { rows.push([k + 1, ...readers.map((read) => read(i)), Number.isNaN(weight[i] as number) ? '' : num(weight[i] as number, 4)]) })
  return toCsv(rows)
}
