import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { factorColumn, numericColumn, surveyData } from './data.js'
import { createDesign } from './design.js'
import { InvalidInputError } from './errors.js'
import { addRankingVariables, rankingSummary } from './ranking.js'

// 6 respondents: 4 complete rankings, 1 partial (only the first choice), 1 no answer
const ranks = {
  a: [1, 2, 3, 1, 1, null],
  b: [2, 1, 1, 3, null, null],
  c: [3, 3, 2, 2, null, null],
}
const data = surveyData({
  ra: numericColumn(ranks.a),
  rb: numericColumn(ranks.b),
  rc: numericColumn(ranks.c),
  w: numericColumn([1, 2, 1, 1, 3, 1]),
})
const q = { items: ['A', 'B', 'C'], rankColumns: ['ra', 'rb', 'rc'] }

describe('ranking questions', () => {
  const { data: d2, columns } = addRankingVariables(data, q, 2)
  const design = createDesign(d2, Float64Array.of(1, 2, 1, 1, 3, 1))
  const s = rankingSummary(design, columns)
  test('bases: first choice counts complete and partial rankings; the rest complete rankings only', () => {
    assert.deepEqual(s.bases.firstChoice, { n: 5, weighted: 8 })
    assert.deepEqual(s.bases.completeRanking, { n: 4, weighted: 5 })
  })
  test('% ranked first (first choice derived from the rank-1 item)', () => {
    assert.deepEqual(s.firstChoice.names, ['first_choiceA', 'first_choiceB', 'first_choiceC'])
    // A: rows 1, 4, 5 (weights 1 + 1 + 3), B: rows 2, 3 (2 + 1), C: nobody; over 8
    assert.deepEqual(Array.from(s.firstChoice.estimate), [5 / 8, 3 / 8, 0])
  })
  test('identities: Σ first = 1, Σ mean rank = 6, Σ top-2 = 2, Σ Borda = 3, mean rank = 3 − Borda', () => {
    const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0)
    assert.ok(Math.abs(sum(s.firstChoice.estimate) - 1) < 1e-15)
    assert.ok(Math.abs(sum(s.meanRank.estimate) - 6) < 1e-14)
    assert.ok(Math.abs(sum(s.topK.estimate) - 2) < 1e-14)
    assert.ok(Math.abs(sum(s.borda.estimate) - 3) < 1e-14)
    assert.ok(Math.abs(sum(s.bordaShare) - 1) < 1e-15)
    s.meanRank.estimate.forEach((m, j) => {
      assert.ok(Math.abs(m - (3 - (s.borda.estimate[j] as number))) < 1e-15)
    })
    // A's mean rank on complete rankings: (1·1 + 2·2 + 3·1 + 1·1) / 5
    assert.ok(Math.abs((s.meanRank.estimate[0] as number) - 9 / 5) < 1e-15)
    for (const se of [...s.firstChoice.se, ...s.meanRank.se, ...s.topK.se, ...s.borda.se])
      assert.ok(Number.isFinite(se) && se >= 0)
  })
  test('Borda and mean rank have the same SEs (Borda = 3 − rank)', () => {
    s.meanRank.se.forEach((se, j) => { assert.ok(Math.abs(se - (s.borda.se[j] as number)) < 1e-15) })
  })
  test('a given first-choice variable must agree with the ranks', () => {
    const bad = surveyData({
      ...data.columns,
      fc: factorColumn(['B', 'B', 'B', 'A', 'A', ''], ['A', 'B', 'C'], 'fc'),
    })
    assert.throws(
      () => addRankingVariables(bad, { ...q, firstChoice: 'fc' }),
      (e: unknown) => e instanceof InvalidInputError && e.variable === 'fc',
    )
  })
  test('invalid rankings are typed errors naming the rank column', () => {
    const dup = surveyData({
      ra: numericColumn([1]),
      rb: numericColumn([1]),
      rc: numericColumn([2]),
    })
    assert.throws(
      () => addRankingVariables(dup, q),
      (e: unknown) => e instanceof InvalidInputError && /twice/.test(e.message),
    )
    const out = surveyData({
      ra: numericColumn([4]),
      rb: numericColumn([1]),
      rc: numericColumn([2]),
    })
    assert.throws(
      () => addRankingVariables(out, q),
      (e: unknown) => e instanceof InvalidInputError && e.variable === 'ra',
    )
    assert.throws(() => addRankingVariables(data, q, 4), InvalidInputError)
  })
})
