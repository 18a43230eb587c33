/**
 * Every route of the application is in some feature's rights matrix (`src/features/<name>/<name>.rights.ts`
 * exports `RIGHTS_ROUTES`, the `METHOD /url` keys its matrix test checks for each kind of person), so that a new
 * route without its row fails here. Routes of the kernel and of third-party plugins (static files, the API
 * document) are listed below with why they need no matrix.
 */
import assert from 'node:assert/strict'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { DIALECTS } from '../helpers/dialects.js'

/** Routes that act on no object of anyone: the same answer for every person. */
const NO_OBJECT: Record<string, string> = {
  'GET /langue/:locale': 'sets the language cookie and redirects',
  'GET /api/openapi.json': 'the public API document',
  'GET /healthz': 'process probe',
  'GET /readyz': 'readiness probe',
  // The official geography: public reference data, nobody's object, the same page and answer for everyone.
  'GET /territoires': 'territory search',
  'GET /territoires/:kind/:code': 'a territory page',
  'GET /carte/departements.svg': 'the map sprite',
  'GET /api/v1/territories': 'territory search (API)',
  'GET /api/v1/territories/:kind/:code': 'a territory (API)',
}

const root = new URL('../../src/features/', import.meta.url).pathname

function rightsFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...rightsFiles(path))
    else if (name.endsWith('.rights.ts')) out.push(path)
  }
  return out
}

let t: TestApp
before(async () => {
  t = await buildTestApp(DIALECTS[0] as (typeof DIALECTS)[number])
})
after(async () => t.close())

test('every route is covered by a rights matrix', async () => {
  const covered = new Set<string>()
  for (const file of rightsFiles(root)) {
    const module = (await import(file)) as { RIGHTS_ROUTES?: readonly string[] }
    assert.ok(Array.isArray(module.RIGHTS_ROUTES), `${file} exports RIGHTS_ROUTES`)
    for (const route of module.RIGHTS_ROUTES) covered.add(route)
  }
  const missing = t.app.routeInventory
    .map((r) => `${r.method} ${r.url}`)
    .filter((key) => !covered.has(key) && !(key in NO_OBJECT) && !/^GET \/(static|api\/docs)/.test(key))
  assert.deepEqual([...new Set(missing)].sort(), [])
  const stale = [...covered].filter((key) => !t.app.routeInventory.some((r) => `${r.method} ${r.url}` === key))
  assert.deepEqual(stale, [], 'a matrix lists a route that no longer exists')
})
