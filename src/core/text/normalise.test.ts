import assert from 'node:assert/strict'
import { test } from 'node:test'
import { normaliseJoiningElisions, normaliseQuery, normaliseText } from './normalise.js'

test('accents, case, hyphens and apostrophes do not matter', () => {
  assert.equal(normaliseText('Saint-Étienne'), 'saint etienne')
  assert.equal(normaliseText("L'Haÿ-les-Roses"), 'l hay les roses')
  assert.equal(normaliseJoiningElisions("L'Haÿ-les-Roses"), 'lhay les roses')
  assert.equal(normaliseText('  Œuvre   d’Art '), 'oeuvre d art')
})

test('queries expand st/ste', () => {
  assert.equal(normaliseQuery('St-Maur'), 'saint maur')
  assert.equal(normaliseQuery('ste genevieve'), 'sainte genevieve')
  assert.equal(normaliseQuery('stade'), 'stade')
})
