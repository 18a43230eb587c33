/**
 * Unit tests without a database: answer validation and encoding, the snapshot's columns, ranking variables
 * against the engine's own helpers, the small-cell rules, the weighting errors, the charts' geometry.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { AppError } from '../../../core/errors.js'
import { seededRandom } from '../../../core/random.js'
import { addRankingVariables, createDesign, numericColumn, rankingSummary, surveyData, svyCiProp } from '../../../stats/index.js'
import { REGION_OPTIONS, templateDefinition } from '../builder/templates.js'
import { encodeRow, parseLocaleNumber, readAnswers, type Answers } from '../respond/answers.js'
import { slotLayout, type Definition } from '../surveys.definition.js'
import { computeWeighting, unweightedDesign } from '../weighting/weighting.js'
import { computeOverall } from './analysis.js'
import { ternaryXY } from './charts/TernaryPlot.js'
import { appendRows, type Snapshot } from './snapshot.js'
import { baseStatus } from './suppression.js'

function rankingDefinition(m: number, k: number, partial: boolean): Definition {
  return {
    next: 10,
    sections: [
      {
        key: 's1',
        title: 'S',
        questions: [
          { key: 'q1', type: 'ranking', label: 'Classez', help: '', required: false, options: Array.from({ length: m }, (_, j) => ({ code: `i${j}`, label: `Item ${j}` })), rankCount: k, partialRanking: partial, condition: null, profile: null, subtotal: null },
          { key: 'q2', type: 'number', label: 'Nombre', help: '', required: false, options: [], number: { min: 0, max: 100, integer: false, unit: '' }, condition: null, profile: null, subtotal: null },
        ],
      },
    ],
  }
}

function snapshotOf(def: Definition, answers: Answers[]): Snapshot {
  const layout = slotLayout(def)
  const snapshot: Snapshot = { campaignId: 'c', n: 0, seq: 0, slots: Array.from({ length: layout.slots }, () => new Uint8Array(0)), numbers: Array.from({ length: layout.numbers }, () => new Float64Array(0)) }
  appendRows(snapshot, answers.map((a, i) => ({ seq: i + 1, ...encodeRow(def, a, layout) })))
  return snapshot
}

describe('answers', () => {
  const def = templateDefinition('barometre', { label: 'x', options: REGION_OPTIONS })

  test('French numbers are read; junk is not', () => {
    assert.equal(parseLocaleNumber('12,5'), 12.5)
    assert.equal(parseLocaleNumber('1 200'), 1200)
    assert.ok(Number.isNaN(parseLocaleNumber('12abc')))
    assert.ok(Number.isNaN(parseLocaleNumber('')))
  })

  test('rankings: repeated ranks, gaps, out-of-range ranks and incomplete rankings are refused with their rule', () => {
    const base = { q_q1__vision: '1', q_q1__gestion: '2', q_q1__action: '3' }
    assert.equal(readAnswers(def, { ...base, q_q1__action: '2' }, false).problems[0]?.message, 'surveys.answer.rankRepeated')
    assert.equal(readAnswers(def, { q_q1__vision: '1', q_q1__gestion: '3' }, false).problems[0]?.message, 'surveys.answer.rankGap')
    assert.equal(readAnswers(def, { ...base, q_q1__action: '4' }, false).problems[0]?.message, 'surveys.answer.rankOutOfRange')
    assert.equal(readAnswers(def, { q_q1__vision: '1', q_q1__gestion: '2' }, true).problems.find((p) => p.field === 'q_q1')?.message, 'surveys.answer.rankIncomplete')
    assert.deepEqual(readAnswers(def, { q_q1__vision: '1', q_q1__gestion: '2' }, false).answers.q1, { vision: 1, gestion: 2 }, 'a draft may be incomplete')
    const partial = rankingDefinition(5, 3, true)
    assert.deepEqual(readAnswers(partial, { q_q1__i3: '1' }, true).problems, [])
    assert.equal(readAnswers(partial, { q_q1__i3: '1', q_q1__i1: '2', q_q1__i0: '3', q_q1__i2: '4' }, true).problems[0]?.message, 'surveys.answer.rankOutOfRange')
  })

  test('encoding: one character per slot, missing as a dot, numbers apart', () => {
    const d = rankingDefinition(3, 3, false)
    assert.deepEqual(encodeRow(d, { q1: { i0: 2, i1: 1, i2: 3 }, q2: 4.5 }), { codes: '213', numbers: '4.5' })
    assert.deepEqual(encodeRow(d, {}), { codes: '...', numbers: '' })
  })
})

describe('results rules', () => {
  test('a base under 5 is suppressed, under 30 fragile', () => {
    assert.equal(baseStatus(4), 'suppressed')
    assert.equal(baseStatus(5), 'fragile')
    assert.equal(baseStatus(29), 'fragile')
    assert.equal(baseStatus(30), 'ok')
  })

  test('ranking variables (k = m − 1, last rank implied; partial rankings) equal the engine’s addRankingVariables + rankingSummary', () => {
    const def = rankingDefinition(4, 3, true)
    const r = seededRandom(7)
    const answers: Answers[] = []
    const full: number[][] = []
    for (let i = 0; i < 400; i++) {
      const order = [0, 1, 2, 3].sort(() => r() - 0.5)
      const depth = r() < 0.15 ? 1 + Math.floor(r() * 2) : 3
      const ranks: Record<string, number> = {}
      order.slice(0, depth).forEach((item, pos) => { ranks[`i${item}`] = pos + 1 })
      answers.push({ q1: ranks, q2: Math.round(r() * 20) })
      // the reference fills the implied 4th rank of 3-item rankings, as the feature documents
      full.push([0, 1, 2, 3].map((item) => ranks[`i${item}`] ?? (depth === 3 ? 4 : NaN)))
    }
    const snapshot = snapshotOf(def, answers)
    const results = computeOverall({ def, snapshot, weighted: unweightedDesign(snapshot), dataVersion: 400, weightingVersion: 0 })
    const mine = results.questions[0]?.ranking
    assert.ok(mine)
    const data = surveyData(Object.fromEntries([0, 1, 2, 3].map((j) => [`r${j}`, numericColumn(full.map((f) => f[j]))])))
    const ranked = addRankingVariables(data, { items: ['i0', 'i1', 'i2', 'i3'], rankColumns: ['r0', 'r1', 'r2', 'r3'], keys: ['i0', 'i1', 'i2', 'i3'] }, 2)
    const design = createDesign(ranked.data, 1)
    const summary = rankingSummary(design, ranked.columns)
    mine.items.forEach((item, j) => {
      assert.ok(Math.abs((item.first?.estimate ?? NaN) - (summary.firstChoice.estimate[j] as number)) < 1e-12)
      assert.ok(Math.abs((item.first?.low ?? NaN) - svyCiProp(design, `first_i${j}`).ciLow) < 1e-12)
      assert.ok(Math.abs((item.meanRank?.estimate ?? NaN) - (summary.meanRank.estimate[j] as number)) < 1e-12)
      assert.ok(Math.abs((item.top2?.estimate ?? NaN) - (summary.topK.estimate[j] as number)) < 1e-12)
    })
    assert.equal(mine.completeBase?.n, summary.bases.completeRanking.n)
    const number = results.questions[1]
    assert.equal(number?.base.n, 400)
    assert.ok(number?.mean?.value && number.mean.value.low < number.mean.value.estimate && number.mean.value.estimate < number.mean.value.high)
  })

  test('weighting errors name the margin and category (engine errors translated, nothing thrown raw)', () => {
    const def = templateDefinition('barometre', { label: 'x', options: REGION_OPTIONS })
    const snapshot = snapshotOf(def, [
      { q5: 'f', q6: 'a18_24' },
      { q5: 'f', q6: 'a25_34' },
    ])
    const settings = { preset: 'custom' as const, unit: 'totals' as const, base: 0, baseLabel: 'x', margins: [{ roles: ['sex' as const], cells: [{ codes: ['f'], value: 50 }, { codes: ['h'], value: 50 }] }], bounds: null, trim: null, source: '' }
    assert.throws(
      () => computeWeighting(snapshot, def, settings),
      (error: unknown) => error instanceof AppError && error.code === 'ALLIANCE_ERR_WEIGHTING_FAILED' && error.fields[0]?.field === 'm:sex:h' && error.fields[0].params?.category === 'Homme',
    )
  })
})

describe('charts', () => {
  test('the ternary plot puts each lever at its corner and the balance at the centre', () => {
    const top = ternaryXY([1, 0, 0])
    const left = ternaryXY([0, 1, 0])
    const right = ternaryXY([0, 0, 1])
    const centre = ternaryXY([1, 1, 1])
    assert.ok(top.y < left.y && left.y === right.y && left.x < right.x)
    assert.ok(Math.abs(centre.x - (top.x + left.x + right.x) / 3) < 1e-9)
    assert.ok(Math.abs(centre.y - (top.y + left.y + right.y) / 3) < 1e-9)
  })
})
