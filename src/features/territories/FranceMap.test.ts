import assert from 'node:assert/strict'
import { test } from 'node:test'
import { classLowerBounds } from './FranceMap.js'

test('map classes: up to five classes of positive values, each starting at a distinct value', () => {
  const bounds = classLowerBounds(Array.from({ length: 100 }, (_, i) => i + 1))
  assert.equal(bounds.length, 5)
  assert.equal(bounds[0], 1)
  for (let i = 1; i < bounds.length; i++) assert.ok((bounds[i] as number) > (bounds[i - 1] as number))
  // few distinct values: fewer classes, never an empty one
  assert.deepEqual(classLowerBounds([0, 0, 3, 3, 3]), [3])
  assert.deepEqual(classLowerBounds([0, 2, 2, 9, 9, 40]).length, 3)
  assert.deepEqual(classLowerBounds([0, 0]), [])
})
