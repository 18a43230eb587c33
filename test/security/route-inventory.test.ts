/**
 * Every registered route is in the authorisation matrix with the right access, and every signed-in route
 * refuses an anonymous caller without changing any row (pages redirect to sign-in, the API answers 401).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, type TestApp } from '../helpers/app.js'
import { DIALECTS } from '../helpers/dialects.js'
import { MATRIX, PLUGIN_PREFIXES } from './authorization-matrix.js'

const SAMPLE_PARAMS: Record<string, string> = {
  ':id': '0190b3c4-0000-7000-8000-000000000001',
  ':invitationId': '0190b3c4-0000-7000-8000-000000000002',
  ':userId': '0190b3c4-0000-7000-8000-000000000003',
  ':partnerId': '0190b3c4-0000-7000-8000-000000000004',
  ':contributionId': '0190b3c4-0000-7000-8000-000000000005',
  ':token': 'abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  ':kind': 'commune',
  ':code': '94080',
  ':locale': 'fr',
  ':queue': 'mail.send',
}

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of ['users', 'sessions', 'organisations', 'organisation_perimeters', 'organisation_sdgs', 'memberships', 'invitations', 'mail_messages', 'needs', 'resources', 'contact_requests', 'contact_messages', 'notifications', 'alliances', 'alliance_partners', 'partnerships'] as const) {
    const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

for (const dialect of DIALECTS) {
  describe(`route inventory [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
    })
    after(() => t.close())

    const appRoutes = () => t.app.routeInventory.filter((r) => !PLUGIN_PREFIXES.some((p) => r.url.startsWith(p)))

    test('every route is in the authorisation matrix, with the same access', () => {
      const missing = appRoutes()
        .map((r) => `${r.method} ${r.url}`)
        .filter((key) => !(key in MATRIX))
      assert.deepEqual(missing, [], 'routes missing from test/security/authorization-matrix.ts')
      for (const route of appRoutes()) {
        const expected = MATRIX[`${route.method} ${route.url}`]
        assert.equal(route.public, expected === 'public', `${route.method} ${route.url} should be ${expected}`)
      }
      const stale = Object.keys(MATRIX).filter((key) => !appRoutes().some((r) => `${r.method} ${r.url}` === key))
      assert.deepEqual(stale, [], 'matrix entries for routes that no longer exist')
    })

    test('every state-changing route declares what it changes in the page cache (`invalidates`)', () => {
      // A write that declares nothing empties the whole anonymous page cache of every instance (the safe
      // default of core/http/page-cache.ts): each write names its tags, or `[]` when nothing public changes.
      const missing = appRoutes()
        .filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.invalidates === undefined)
        .map((r) => `${r.method} ${r.url}`)
        .sort()
      assert.deepEqual(missing, [], `${missing.length} write routes declare no \`invalidates\` (formRoute / apiRoute take it):\n  ${missing.join('\n  ')}`)
    })

    test('every signed-in route refuses an anonymous caller and changes nothing', async () => {
      const before = await rowCounts(t)
      const client = new Client(t.app)
      const token = await client.csrf()
      for (const route of appRoutes().filter((r) => !r.public)) {
        const url = route.url.replace(/:[a-zA-Z]+/g, (p) => SAMPLE_PARAMS[p] ?? 'x')
        const res =
          route.method === 'GET'
            ? await client.get(url)
            : url.startsWith('/api/')
              ? await client.json(route.method as 'POST', url, {}, { csrf: token })
              : await client.post(url, { name: 'x' }, { csrf: token })
        if (url.startsWith('/api/')) {
          assert.equal(res.statusCode, 401, `${route.method} ${url}`)
          assert.match(String(res.headers['content-type']), /problem\+json/)
        } else {
          assert.equal(res.statusCode, 303, `${route.method} ${url}`)
          assert.match(String(res.headers.location), /^\/connexion\?retour=/, `${route.method} ${url}`)
        }
      }
      assert.deepEqual(await rowCounts(t), before)
    })

    test('every public GET page answers without an account', async () => {
      const client = new Client(t.app)
      for (const route of appRoutes().filter((r) => r.public && r.method === 'GET')) {
        const url = route.url.replace(/:[a-zA-Z]+/g, (p) => SAMPLE_PARAMS[p] ?? 'x')
        const res = await client.get(url)
        assert.ok([200, 303, 400, 404, 410].includes(res.statusCode), `${url} → ${res.statusCode}`)
        assert.ok(res.statusCode < 500)
      }
    })
  })
}
