import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { numericColumn, surveyData } from './data.js'
import { createDesign, withWeights } from './design.js'
import { InvalidInputError, TrimmingFailedError } from './errors.js'
import { trimWeights } from './trimming.js'

const data = surveyData({ one: numericColumn([1, 1, 1, 1, 1, 1]) })
const base = createDesign(data, 1)
const design = withWeights(base, Float64Array.of(0.2, 1, 1, 1, 1, 3.8))
const sum = (w: Float64Array): number => w.reduce((a, b) => a + b, 0)

describe('trimWeights (R 4.1-1)', () => {
  test('clips to the limits and shares the excess equally among untrimmed units; the total is kept', () => {
    const r = trimWeights(design, { lower: 0.5, upper: 2 })
    // excess = (0.2 − 0.5) + (3.8 − 2) = 1.5, shared by 4 units
    assert.deepEqual(Array.from(r.weights), [0.5, 1.375, 1.375, 1.375, 1.375, 2])
    assert.ok(Math.abs(sum(r.weights) - sum(design.weights)) < 1e-12)
    assert.equal(r.nTrimmedLower, 1)
    assert.equal(r.nTrimmedUpper, 1)
    assert.equal(r.passes, 1)
    assert.equal(r.design.steps, design.steps, 'the calibration chain is kept for the variance')
  })
  test('not strict: units pushed out of the limits by the share stay out; strict repeats', () => {
    const d = withWeights(base, Float64Array.of(3, 1.9, 1.9, 1.9, 0.8, 0.8))
    const loose = trimWeights(d, { lower: 0.5, upper: 2 })
    assert.ok(loose.nAboveUpperAfter + loose.nBelowLowerAfter > 0)
    const strict = trimWeights(d, { lower: 0.5, upper: 2, strict: true })
    assert.equal(strict.nAboveUpperAfter + strict.nBelowLowerAfter, 0)
    assert.ok(strict.passes > 1)
    assert.ok(Math.abs(sum(strict.weights) - sum(d.weights)) < 1e-12)
  })
  test('nothing outside: unchanged', () => {
    const r = trimWeights(design, { lower: 0.1, upper: 4 })
    assert.equal(r.passes, 0)
    assert.deepEqual(Array.from(r.weights), Array.from(design.weights))
  })
  test('typed errors: inverted limits, nobody left to absorb the excess', () => {
    assert.throws(() => trimWeights(design, { lower: 2, upper: 1 }), InvalidInputError)
    assert.throws(() => trimWeights(design, { lower: 5, upper: 6 }), TrimmingFailedError)
  })
})
