/** The whole project type-checks (TypeScript strict, noUncheckedIndexedAccess): tsx runs code without checking. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

test('tsc --noEmit reports no error', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  const root = fileURLToPath(new URL('..', import.meta.url))
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8', timeout: 300_000 })
  assert.equal(result.status, 0, result.stdout + result.stderr)
})
