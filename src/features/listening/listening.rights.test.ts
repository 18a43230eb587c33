/**
 * The rights matrix of listening (`listening.rights.ts`) on SQLite and PostgreSQL: every route × every kind of
 * person answers the expected status, and every refused request (401, 303 to sign-in, 403, 404) changed no row.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { buildListeningWorld, listeningSnapshot } from '../../../test/helpers/listening.js'
import { RIGHTS_PEOPLE, RIGHTS_ROUTES, RIGHTS_TABLE, type ListeningFixture, type RightsPerson, type RightsRoute } from './listening.rights.js'

const DENIED = new Set([303, 401, 403, 404])

async function send(client: Client, route: RightsRoute, fixture: ListeningFixture): Promise<LightMyRequestResponse> {
  const [method] = route.route.split(' ') as [string]
  const url = route.path(fixture)
  if (method === 'GET') return client.get(url)
  const body = route.body?.(fixture) ?? {}
  if (url.startsWith('/api/')) return client.json(method as 'POST' | 'PUT', url, body)
  return client.post(url, body as Record<string, string | string[]>)
}

for (const dialect of DIALECTS) {
  describe(`listening rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let clients: Record<RightsPerson, Client>
    let fixture: ListeningFixture
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      ;({ clients, fixture } = await buildListeningWorld(t))
    })
    after(() => t.close())

    test('the matrix covers every route of listening', () => {
      const inventory = t.app.routeInventory
        .map((r) => `${r.method} ${r.url}`)
        .filter((key) => /^[A-Z]+ \/(besoins|ressources|recherche|mises-en-relation|api\/v1\/needs|api\/v1\/resources)(\/|$)/.test(key))
        .sort()
      assert.deepEqual([...RIGHTS_ROUTES].sort(), inventory)
    })

    test('every cell answers as expected, and refused requests change nothing', async () => {
      const mismatches: string[] = []
      for (const route of RIGHTS_TABLE) {
        const expected = route.expect
        const denied = RIGHTS_PEOPLE.filter((p) => DENIED.has(expected[p]) && !(expected[p] === 303 && p !== 'anonymous'))
        const allowed = RIGHTS_PEOPLE.filter((p) => !denied.includes(p))
        const snapshot = await listeningSnapshot(t.db)
        for (const person of [...denied, ...allowed]) {
          if (person === allowed[0]) assert.equal(await listeningSnapshot(t.db), snapshot, `${route.route}: a refused request changed a row`)
          const res = await send(clients[person], route, fixture)
          if (res.statusCode !== expected[person]) mismatches.push(`${route.route} × ${person}: expected ${expected[person]}, got ${res.statusCode}`)
          if (res.statusCode === 303 && person === 'anonymous' && !String(res.headers.location).startsWith('/connexion')) mismatches.push(`${route.route} × anonymous: redirected to ${res.headers.location}`)
          if (res.statusCode === 401 && !/problem\+json/.test(String(res.headers['content-type']))) mismatches.push(`${route.route} × ${person}: 401 is not problem+json`)
        }
        if (allowed.length === 0) assert.equal(await listeningSnapshot(t.db), snapshot, `${route.route}: a refused request changed a row`)
      }
      assert.deepEqual(mismatches, [])
    })
  })
}
