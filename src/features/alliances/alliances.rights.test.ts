/**
 * Runs the rights matrix of alliances (`alliances.rights.ts`) on both databases: every cell answers as
 * expected and every refused request (401, 303 to sign-in, 403, 404) changed no row; the table covers every
 * alliance and partnership route of the inventory; acting for an organisation named in the input that is not one
 * of the person's answers 404 and changes nothing.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { allianceSnapshot, buildAllianceWorld, PEOPLE, type AllianceFixture, type AllianceWorld, type Person } from '../../../test/helpers/alliances.js'
import { ACTING_FOR_TABLE, RIGHTS_ROUTES, RIGHTS_TABLE, type RightsRoute } from './alliances.rights.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

const DENIED = new Set([303, 401, 403, 404])

async function send(w: AllianceWorld, person: Person, route: Pick<RightsRoute, 'route' | 'path'>, fixture: AllianceFixture, body: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
  const client = w.clients[person]
  const [method] = route.route.split(' ') as [string]
  const url = route.path(fixture, w)
  if (method === 'GET') return client.get(url)
  if (url.startsWith('/api/')) return client.json(method as 'POST' | 'PUT' | 'PATCH' | 'DELETE', url, method === 'DELETE' ? undefined : body)
  return client.post(url, body as Record<string, string>)
}

for (const dialect of DIALECTS) {
  describe(`alliance rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildAllianceWorld(t, 'm')
    })
    after(() => t.close())

    test('the matrix covers every alliance and partnership route', () => {
      const inventory = t.app.routeInventory
        .map((r) => `${r.method} ${r.url}`)
        .filter((key) => /^[A-Z]+ \/(alliances|partenariats|api\/v1\/alliances|api\/v1\/partnerships)/.test(key))
        .sort()
      assert.deepEqual([...RIGHTS_ROUTES].sort(), inventory)
    })

    for (const visibility of ['public', 'partners'] as const) {
      test(`every cell answers as expected, and refused requests change nothing — ${visibility} alliance`, async () => {
        const fixture = visibility === 'public' ? w.public : w.partners
        const mismatches: string[] = []
        for (const route of RIGHTS_TABLE) {
          const expected = route.expect(visibility)
          const denied = PEOPLE.filter((p) => DENIED.has(expected[p]) && !(expected[p] === 303 && p !== 'anonymous'))
          const allowed = PEOPLE.filter((p) => !denied.includes(p))
          const before = await allianceSnapshot(t.db)
          for (const person of [...denied, ...allowed]) {
            if (person === allowed[0]) {
              assert.equal(await allianceSnapshot(t.db), before, `${route.route} (${visibility}): a refused request changed a row`)
            }
            const res = await send(w, person, route, fixture, route.body?.(fixture, w))
            if (res.statusCode !== expected[person]) mismatches.push(`${route.route} × ${person}: expected ${expected[person]}, got ${res.statusCode}`)
            if (res.statusCode === 303 && expected[person] === 303 && person === 'anonymous') {
              if (!String(res.headers.location).startsWith('/connexion')) mismatches.push(`${route.route} × anonymous: redirected to ${res.headers.location}`)
            }
            if (res.statusCode >= 500) mismatches.push(`${route.route} × ${person}: ${res.statusCode}`)
          }
          if (allowed.length === 0) assert.equal(await allianceSnapshot(t.db), before, `${route.route} (${visibility}): a refused request changed a row`)
        }
        assert.deepEqual(mismatches, [])
      })
    }

    for (const visibility of ['public', 'partners'] as const) {
      test(`acting for an organisation one is not a member of answers 404 once the input is valid, and changes nothing — ${visibility} alliance`, async () => {
        const fixture = visibility === 'public' ? w.public : w.partners
        const mismatches: string[] = []
        const before = await allianceSnapshot(t.db)
        for (const route of ACTING_FOR_TABLE) {
          for (const person of route.people) {
            // Nobody of the matrix belongs to the invited organisation I (only its own admin does).
            const res = await send(w, person, route, fixture, route.body(fixture, w, w.org.I))
            if (res.statusCode !== 404) mismatches.push(`${route.route} × ${person}: expected 404, got ${res.statusCode} ${res.body.slice(0, 200)}`)
          }
        }
        assert.deepEqual(mismatches, [])
        assert.equal(await allianceSnapshot(t.db), before)
      })
    }
  })
}
