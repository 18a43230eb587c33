/** The error-code registry and docs/errors.md list the same codes with the same statuses. */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { ERROR_CODES } from '../../src/core/errors.js'

test('docs/errors.md documents every code with its status, and nothing else', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
  const rows = [...doc.matchAll(/^\| `(ALLIANCE_ERR_[A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])])
  assert.deepEqual(Object.fromEntries(rows), { ...ERROR_CODES })
})
