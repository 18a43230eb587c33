import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { testGeography } from '../../../test/helpers/geography.js'
import { buildGeography, readGeographySource } from './index.js'
import { loadGeography } from './geography.loader.js'
import { listAncestors, searchTerritories } from './territories.queries.js'

describe('the official geography (whole country, computed without a database)', () => {
  const built = buildGeography(readGeographySource())
  const kinds = (kind: string) => built.territories.filter((t) => t.kind === kind)

  test('every current commune, EPCI, EPT, département and région is there', () => {
    assert.ok(kinds('commune').length > 34_000, `communes: ${kinds('commune').length}`)
    assert.equal(kinds('ept').length, 11)
    assert.ok(kinds('epci').length > 1_200)
    assert.ok(kinds('departement').length >= 101)
    assert.ok(kinds('region').length >= 18)
  })

  test('it is not a tree: 89 EPCI span several départements, Grand Paris communes are in an EPT and in the Métropole', () => {
    const departementsPerEpci = new Map<string, number>()
    for (const l of built.links) {
      if (l.child_id.startsWith('epci:') && l.parent_id.startsWith('departement:')) {
        departementsPerEpci.set(l.child_id, (departementsPerEpci.get(l.child_id) ?? 0) + 1)
      }
    }
    assert.equal([...departementsPerEpci.values()].filter((n) => n > 1).length, 89)
    const vincennesParents = built.links.filter((l) => l.child_id === 'commune:94080').map((l) => l.parent_id).sort()
    assert.deepEqual(vincennesParents, ['departement:94', 'epci:200054781', 'ept:200057941'])
  })

  test('populations of départements and régions are the sums of their communes', () => {
    const communes = kinds('commune').filter((c) => c.departement_code === '94')
    const dep = built.territories.find((t) => t.id === 'departement:94')
    assert.equal(dep?.population, communes.reduce((s, c) => s + (c.population ?? 0), 0))
  })
})

for (const dialect of DIALECTS) {
  describe(`territories [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
    })
    after(() => t.close())

    test('loading is idempotent: the same version is skipped, nothing duplicated', async () => {
      const before = await t.db.selectFrom('territories').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      const report = await loadGeography(t.db, testGeography())
      assert.equal(report.skipped, true)
      const forced = await loadGeography(t.db, testGeography(), { force: true })
      assert.equal(forced.skipped, false)
      const after = await t.db.selectFrom('territories').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(after.n), Number(before.n))
    })

    test('search is accent-, case- and hyphen-insensitive, and finds INSEE and postal codes', async () => {
      const first = async (q: string) => (await searchTerritories(t.db, q))[0]?.id
      assert.equal(await first('saint etienne'), 'commune:42218')
      assert.equal(await first('SAINT-ÉTIENNE'), 'commune:42218')
      assert.equal(await first('st etienne'), 'commune:42218')
      assert.equal(await first('94080'), 'commune:94080')
      assert.equal(await first('94300'), 'commune:94080')
      assert.equal(await first('vincennes'), 'commune:94080')
      assert.equal(await first('lhay les roses'), 'commune:94038')
      assert.equal(await first('val de marne'), 'departement:94')
      const maur = await searchTerritories(t.db, 'maur')
      assert.ok(maur.some((r) => r.id === 'commune:94068'), 'finds Saint-Maur-des-Fossés from an inner word')
      assert.deepEqual(await searchTerritories(t.db, 'x'), [])
      const kinds = await searchTerritories(t.db, 'paris', { kinds: ['ept'] })
      assert.ok(kinds.length > 0 && kinds.every((k) => k.kind === 'ept'))
    })

    test('the closure puts an EPT inside its département, but not a Métropole spanning several', async () => {
      const ancestors = (await listAncestors(t.db, 'commune:94080')).map((a) => a.id).sort()
      assert.deepEqual(ancestors, ['departement:94', 'epci:200054781', 'ept:200057941', 'region:11'])
      const inside = await t.db.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', 'departement:94').execute()
      const ids = new Set(inside.map((r) => r.descendant_id))
      assert.ok(ids.has('ept:200057941'))
      assert.ok(!ids.has('epci:200054781'))
      assert.ok(ids.has('commune:94080'))
    })

    test('the counts of territories of each kind inside a territory, kept with the geography, are those of the closure', async () => {
      const byDefinition = await t.db
        .selectFrom('territory_closure')
        .innerJoin('territories', 'territories.id', 'territory_closure.descendant_id')
        .select(['territory_closure.ancestor_id as territory_id', 'territories.kind', (eb) => eb.fn.countAll<number>().as('n')])
        .whereRef('territory_closure.descendant_id', '<>', 'territory_closure.ancestor_id')
        .groupBy(['territory_closure.ancestor_id', 'territories.kind'])
        .execute()
      const kept = await t.db.selectFrom('territory_kind_counts').select(['territory_id', 'kind', 'n']).execute()
      const rows = (list: Array<{ territory_id: string; kind: string; n: number | string }>) => list.map((r) => `${r.territory_id} ${r.kind} ${Number(r.n)}`).sort()
      assert.ok(kept.length > 0)
      assert.deepEqual(rows(kept), rows(byDefinition))
      const departement = await new Client(t.app).get('/territoires/departement/94')
      const communes = kept.find((r) => r.territory_id === 'departement:94' && r.kind === 'commune')
      assert.ok(communes && communes.n > 0)
      // Fewer than 1 000: written without a thousands separator.
      assert.ok(communes.n < 1000 && departement.body.includes(`<dd>${communes.n}</dd>`), 'the page shows the kept count')
    })

    test('public pages need no account: a commune page shows the chain up with links', async () => {
      const res = await new Client(t.app).get('/territoires/commune/94080')
      assert.equal(res.statusCode, 200)
      const text = textOf(res.body)
      assert.match(text, /Vincennes/)
      assert.match(text, /48 193/)
      assert.match(text, /20 000 habitants et plus/)
      assert.match(res.body, /href="\/territoires\/ept\/200057941"/)
      assert.match(res.body, /href="\/territoires\/epci\/200054781"/)
      assert.match(res.body, /href="\/territoires\/departement\/94"/)
      assert.match(res.body, /href="\/territoires\/region\/11"/)
    })

    test('a département page lists its communes, paginated, and its intercommunalities', async () => {
      const client = new Client(t.app)
      const dep94 = await client.get('/territoires/departement/94')
      assert.equal(dep94.statusCode, 200)
      assert.ok(textOf(dep94.body).includes('47 communes'))
      assert.ok(dep94.body.includes('href="/territoires/ept/200057941"'), 'lists the EPT inside the département')
      const page1 = await client.get('/territoires/departement/95')
      assert.ok(textOf(page1.body).includes('183 communes'))
      assert.ok(page1.body.includes('rel="next"'), 'a next-page link')
      const page2 = await client.get('/territoires/departement/95?page=2')
      assert.equal(page2.statusCode, 200)
      assert.ok(page2.body.includes('rel="prev"'), 'a previous-page link')
      assert.equal((await client.get('/territoires/departement/95?page=abc')).statusCode, 200)
      const ept = await client.get('/territoires/ept/200057941')
      assert.match(textOf(ept.body), /13 communes/)
    })

    test('an unknown territory answers a 404 page with a search box', async () => {
      const client = new Client(t.app)
      for (const url of ['/territoires/commune/99999', '/territoires/planete/1', '/territoires/commune/%3Cscript%3E']) {
        const res = await client.get(url)
        assert.equal(res.statusCode, 404, url)
        assert.match(res.body, /role="search"/)
        assert.match(res.body, /name="q"/)
      }
    })

    test('the search page finds territories and tolerates bad input', async () => {
      const client = new Client(t.app)
      const res = await client.get('/territoires?q=saint+etienne')
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /href="\/territoires\/commune\/42218"/)
      assert.equal((await client.get('/territoires?q=' + 'a'.repeat(500))).statusCode, 200)
      assert.match(textOf((await client.get('/territoires?q=zzzzzz')).body), /Aucun territoire ne correspond/)
      assert.match(textOf((await client.get('/territoires')).body), /Île-de-France/)
    })

    test('JSON API: search and read, problem+json on bad input', async () => {
      const client = new Client(t.app)
      const res = await client.get('/api/v1/territories?q=vincennes')
      assert.equal(res.statusCode, 200)
      assert.equal((res.json() as { data: Array<{ id: string }> }).data[0]?.id, 'commune:94080')
      const one = await client.get('/api/v1/territories/departement/94')
      assert.equal((one.json() as { parents: Array<{ id: string }> }).parents[0]?.id, 'region:11')
      const bad = await client.get('/api/v1/territories?q=')
      assert.equal(bad.statusCode, 400)
      assert.match(String(bad.headers['content-type']), /application\/problem\+json/)
      assert.equal((await client.get('/api/v1/territories/commune/99999')).statusCode, 404)
    })
  })
}
