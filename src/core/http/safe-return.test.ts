import assert from 'node:assert/strict'
import { test } from 'node:test'
import { safeReturnPath } from './plugin.js'

test('a return target stays on this site, after the normalisation a browser applies', () => {
  for (const hostile of ['//evil.example', '/\\evil.example', '/\t/evil.example/phish', '/\n/x', '/\r/x', '/\u2028/x', 'https://evil.example', '/%09/x'.replace('%09', '\t'), '\\\\evil', ' /x', '/x\u0000']) {
    assert.equal(safeReturnPath(hostile), '/', JSON.stringify(hostile))
  }
  assert.equal(safeReturnPath('/territoires?q=a b#top'), '/territoires?q=a%20b#top')
  assert.equal(safeReturnPath('/%2F/evil.example'), '/%2F/evil.example')
  assert.equal(safeReturnPath(undefined, '/compte'), '/compte')
})
