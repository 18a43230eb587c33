/**
 * The organisations API on both databases: paging past the end is empty with its totals, text is trimmed before
 * its length is checked, rights come before input, and the OpenAPI document names the components clients reuse.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { makeOrganisation } from '../../../test/helpers/listening.js'

type ApiPage = { data: Array<{ name: string; href: string }>; total: number; page: number; per_page: number; page_count: number }

for (const dialect of DIALECTS) {
  describe(`organisations API [${dialect.name}]`, () => {
    let t: TestApp
    let admin: Client
    let orgId: string
    before(async () => {
      t = await buildTestApp(dialect)
      for (const [i, seat] of ['94080', '94052', '94017', '42218', '94033'].entries()) await makeOrganisation(t.db, `Association numéro ${i + 1}`, 'association', seat)
      admin = new Client(t.app)
      await admin.signUp('api-admin@example.org')
      const created = await admin.json('POST', '/api/v1/organisations', { name: 'Fondation de l’API', world: 'fondation', seat_commune_code: '94080', perimeter: ['commune:94080'] })
      assert.equal(created.statusCode, 201, created.body)
      orgId = (created.json() as { data: { id: string } }).data.id
    })
    after(() => t.close())

    test('pages the directory; a page past the end is empty and still gives the totals', async () => {
      const client = new Client(t.app)
      const first = (await client.get('/api/v1/organisations?territory=departement:94&per_page=2')).json() as ApiPage
      assert.deepEqual([first.total, first.page, first.per_page, first.page_count, first.data.length], [5, 1, 2, 3, 2])
      assert.match(first.data[0]?.href ?? '', /^\/acteurs\/[0-9a-f-]{36}$/)
      const last = (await client.get('/api/v1/organisations?territory=departement:94&per_page=2&page=3')).json() as ApiPage
      assert.equal(last.data.length, 1)
      const past = await client.get('/api/v1/organisations?territory=departement:94&per_page=2&page=50')
      assert.equal(past.statusCode, 200)
      assert.deepEqual(past.json(), { data: [], total: 5, page: 50, per_page: 2, page_count: 3 })
      const names = new Set<string>()
      for (let page = 1; ; page++) {
        const body = (await client.get(`/api/v1/organisations?per_page=2&page=${page}`)).json() as ApiPage
        if (body.data.length === 0) break
        for (const row of body.data) names.add(row.name)
      }
      assert.equal(names.size, 6, 'a client paging until an empty page sees every row once')
    })

    test('rejects invalid filters and a whitespace-only name (trimmed before its length is checked), storing nothing', async () => {
      const bad = await new Client(t.app).get('/api/v1/organisations?page=abc&world=martien&territory=pays:FR')
      assert.equal(bad.statusCode, 400)
      const fields = (bad.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()
      assert.deepEqual(fields, ['page', 'territory', 'world'])
      const before = await t.db.selectFrom('organisations').select('id').execute()
      const blank = await admin.json('POST', '/api/v1/organisations', { name: '    ', world: 'fondation', seat_commune_code: '94080', perimeter: ['commune:94080'] })
      assert.equal(blank.statusCode, 400)
      assert.deepEqual((blank.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field), ['name'])
      const nul = await admin.json('POST', '/api/v1/organisations', { name: 'Nom\u0000caché', world: 'fondation', seat_commune_code: '94080', perimeter: ['commune:94080'] })
      assert.equal(nul.statusCode, 400)
      assert.equal((await t.db.selectFrom('organisations').select('id').execute()).length, before.length)
    })

    test('replacing a profile: rights before input — outside the organisation 404, a member 403, whatever the body', async () => {
      const outsider = new Client(t.app)
      await outsider.signUp('api-outsider@example.org')
      const name = async () => (await t.db.selectFrom('organisations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()).name
      for (const body of [{ name: 'x' }, { name: 'Piratée', world: 'fondation', seat_commune_code: '94080', perimeter: ['commune:94080'] }]) {
        const res = await outsider.json('PUT', `/api/v1/organisations/${orgId}`, body)
        assert.equal(res.statusCode, 404)
        assert.match(String(res.headers['content-type']), /application\/problem\+json/)
      }
      assert.equal((await outsider.json('PUT', '/api/v1/organisations/pas-un-id', { name: 'x' })).statusCode, 404)
      assert.equal((await new Client(t.app).get('/api/v1/organisations/pas-un-id')).statusCode, 404)
      assert.equal(await name(), 'Fondation de l’API')
      const replaced = await admin.json('PUT', `/api/v1/organisations/${orgId}`, { name: '  Fondation renommée  ', world: 'fondation', seat_commune_code: '94080', perimeter: ['commune:94080', 'departement:94'] })
      assert.equal(replaced.statusCode, 200)
      const data = (replaced.json() as { data: { name: string; perimeter: Array<{ id: string }>; identifiers: unknown; href: string } }).data
      assert.equal(data.name, 'Fondation renommée')
      assert.deepEqual(data.identifiers, { siret: null, rna: null })
      assert.equal(data.href, `/acteurs/${orgId}`)
      assert.equal(await name(), 'Fondation renommée')
    })

    test('the OpenAPI document names the components and declares what the routes answer', async () => {
      const doc = (await new Client(t.app).get('/api/openapi.json')).json() as {
        components: { schemas: Record<string, { properties?: Record<string, { enum?: string[]; format?: string }> }> }
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
      }
      for (const name of ['Organisation', 'OrganisationSummary', 'OrganisationPage', 'OrganisationInput', 'OrganisationWorld']) assert.ok(doc.components.schemas[name], name)
      assert.ok(doc.components.schemas.OrganisationWorld)
      const put = doc.paths['/api/v1/organisations/{id}']?.put?.responses ?? {}
      assert.deepEqual(Object.keys(put).sort(), ['200', '400', '401', '403', '404', '409', '413', '500'])
      assert.ok(doc.paths['/api/v1/organisations']?.get?.responses['400'])
    })
  })
}
