/**
 * The territory search ranks and pages like a person expects: exact names and codes first, then names that
 * start with the query, then by population and level; every result reachable page by page, the total said.
 * The test geography gets the Meurthe-et-Moselle (54) here, for Villey-Saint-Étienne.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { TEST_DEPARTEMENTS } from '../../../test/helpers/geography.js'
import { loadGeography, readGeographySource, subsetSource } from './index.js'
import { searchTerritories, searchTerritoriesPage } from './territories.queries.js'

for (const dialect of DIALECTS) {
  describe(`territory search, ranked and paged [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      await loadGeography(t.db, subsetSource(readGeographySource(), [...TEST_DEPARTEMENTS, '54']), { force: true })
    })
    after(() => t.close())

    test('"saint etienne": Saint-Étienne and its Métropole first, names starting with it next, Villey-Saint-Étienne after them', async () => {
      const all = await searchTerritoriesPage(t.db, 'saint etienne', { perPage: 100 })
      const ids = all.rows.map((r) => r.id)
      assert.equal(all.total, ids.length)
      assert.deepEqual(ids.slice(0, 2), ['commune:42218', 'epci:244200770'])
      const villey = ids.indexOf('commune:54584')
      assert.ok(villey > 0, 'Villey-Saint-Étienne is found')
      const startsWith = all.rows.filter((r) => /^saint[ -]etienne/i.test(r.name.normalize('NFD').replace(/\p{M}/gu, '')))
      assert.ok(startsWith.length > 3)
      for (const r of startsWith) assert.ok(ids.indexOf(r.id) < villey, `${r.name} before Villey-Saint-Étienne`)
      // Among the names that start with the query (not exact), the most populous first.
      const tier0 = startsWith.filter((r) => r.id !== 'commune:42218').map((r) => r.population ?? 0)
      assert.deepEqual(tier0, [...tier0].sort((a, b) => b - a))
      assert.deepEqual((await searchTerritories(t.db, 'st etienne', { limit: 2 })).map((r) => r.id), ['commune:42218', 'epci:244200770'])
    })

    test('exact names and codes come first; a level breaks ties of population', async () => {
      assert.deepEqual((await searchTerritories(t.db, 'paris', { limit: 2 })).map((r) => r.id), ['departement:75', 'commune:75056'])
      assert.equal((await searchTerritories(t.db, '94300', { limit: 1 }))[0]?.id, 'commune:94080')
      assert.equal((await searchTerritories(t.db, '42218', { limit: 1 }))[0]?.id, 'commune:42218')
    })

    test('pages cover every result once, and a page past the end is empty with the total', async () => {
      const all = await searchTerritoriesPage(t.db, 'saint', { perPage: 100 })
      assert.ok(all.total > 30, `total ${all.total}`)
      const seen: string[] = []
      for (let page = 1; page <= Math.floor(Math.min(all.total, 100) / 7); page++) seen.push(...(await searchTerritoriesPage(t.db, 'saint', { page, perPage: 7 })).rows.map((r) => r.id))
      assert.deepEqual(seen, all.rows.map((r) => r.id).slice(0, seen.length))
      const past = await searchTerritoriesPage(t.db, 'saint', { page: 10_000, perPage: 20 })
      assert.deepEqual(past.rows, [])
      assert.equal(past.total, all.total)
      assert.equal((await searchTerritoriesPage(t.db, 's')).total, 0)
    })

    test('the search page says the total, shows 20 at a time and links the next pages, keeping the query', async () => {
      const client = new Client(t.app)
      const total = (await searchTerritoriesPage(t.db, 'saint')).total
      assert.ok(total > 40, `total ${total}`)
      const first = await client.get('/territoires?q=saint')
      assert.equal(first.statusCode, 200)
      const text = textOf(first.body)
      assert.match(text, new RegExp(`${total} résultats`))
      assert.match(text, new RegExp(`Résultats 1 à 20 sur ${total}`))
      assert.equal((first.body.match(/<li><a href="\/territoires\/(commune|epci|ept|departement|region)\//g) ?? []).length, 20)
      assert.match(first.body, /href="\/territoires\?q=saint&amp;page=2" rel="next"/)
      const ranked = await client.get('/territoires?q=saint+etienne')
      assert.ok(ranked.body.indexOf('/territoires/commune/42218') < ranked.body.indexOf('/territoires/epci/244200770'))
      assert.ok(ranked.body.indexOf('/territoires/epci/244200770') < ranked.body.indexOf('/territoires/commune/54584'))
      const second = await client.get('/territoires?q=saint&page=2')
      assert.equal(second.statusCode, 200)
      assert.match(textOf(second.body), new RegExp(`Résultats 21 à ${Math.min(40, total)} sur ${total}`))
      assert.match(second.body, /rel="prev"/)
      const past = await client.get('/territoires?q=saint&page=999')
      assert.equal(past.statusCode, 200)
      assert.doesNotMatch(textOf(past.body), /Aucun territoire ne correspond/)
      assert.equal((await client.get('/territoires?q=saint+etienne&page=zero')).statusCode, 200, 'an invalid page is ignored')
    })

    test('the API pages too, with the totals; `limit` still works', async () => {
      const client = new Client(t.app)
      const res = await client.get('/api/v1/territories?q=saint&per_page=5&page=2')
      assert.equal(res.statusCode, 200)
      const body = res.json() as { data: Array<{ id: string }>; total: number; page: number; per_page: number; page_count: number }
      assert.equal(body.data.length, 5)
      assert.equal(body.page, 2)
      assert.equal(body.page_count, Math.ceil(body.total / 5))
      const first = (await client.get('/api/v1/territories?q=saint+etienne&limit=2')).json() as { data: Array<{ id: string }> }
      assert.deepEqual(first.data.map((d) => d.id), ['commune:42218', 'epci:244200770'])
      const past = (await client.get('/api/v1/territories?q=saint&per_page=5&page=5000')).json() as { data: unknown[]; total: number }
      assert.deepEqual(past.data, [])
      assert.equal(past.total, body.total)
      assert.equal((await client.get('/api/v1/territories?q=saint&per_page=500')).statusCode, 400)
    })
  })
}
