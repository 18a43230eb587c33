/**
 * Released migrations never change: a database that applied one must be able to trust that its text is what ran.
 * `src/core/db/migrations/released.json` holds the SHA-256 of every released migration; this test fails when one
 * changes or disappears. A new migration is added to the lock when a release is cut (`npm run db:release-migrations`
 * on main, see docs/architecture.md "Releasing migrations"); until then it is not checked.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

const dir = new URL('../../src/core/db/migrations/', import.meta.url).pathname

const digest = (name: string) => createHash('sha256').update(readFileSync(join(dir, `${name}.ts`), 'utf8').replace(/\r\n/g, '\n')).digest('hex')

test('every released migration is unchanged', () => {
  const released = JSON.parse(readFileSync(join(dir, 'released.json'), 'utf8')) as Record<string, string>
  assert.ok(Object.keys(released).length >= 10)
  const changed = Object.entries(released)
    .filter(([name, sha]) => !existsSync(join(dir, `${name}.ts`)) || digest(name) !== sha)
    .map(([name]) => name)
  assert.deepEqual(changed, [], 'a released migration changed or disappeared: write a new migration instead')
})

test('every migration file is registered, in name order', () => {
  const index = readFileSync(join(dir, 'index.ts'), 'utf8')
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}_\w+\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
  const unregistered = files.filter((name) => !index.includes(`'${name}'`))
  assert.deepEqual(unregistered, [])
})
