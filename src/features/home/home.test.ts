import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { loadDemo } from '../demo/index.js'

for (const dialect of DIALECTS) {
  describe(`home [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
      await loadDemo(t.db)
    })
    after(() => t.close())

    test('the map shades départements by number of actors, links each one, and gives the same figures as a table', async () => {
      const res = await new Client(t.app).get('/')
      assert.equal(res.statusCode, 200)
      const links = [...res.body.matchAll(/<a href="\/territoires\/departement\/([0-9AB]+)"><title>[^<]+<\/title><use href="(\/carte\/departements\.svg\?v=[0-9a-f]+)#d-([0-9AB]+)"/g)]
      assert.equal(links.length, 96)
      assert.ok(links.every((l) => l[1] === l[3]), 'each link draws its own département')
      // The outlines themselves come from one file, cached for a year, holding every département drawn.
      const sprite = await new Client(t.app).get(links[0]![2]!)
      assert.equal(sprite.statusCode, 200)
      assert.match(String(sprite.headers['content-type']), /^image\/svg\+xml/)
      assert.match(String(sprite.headers['cache-control']), /immutable/)
      for (const l of links) assert.ok(sprite.body.includes(`<path id="d-${l[3]}" d="m`), l[3])
      const count94 = Number(/<title>Val-de-Marne : (\d+) acteurs<\/title>/.exec(res.body)?.[1])
      assert.ok(count94 > 0)
      const row = new RegExp(`Val-de-Marne \\(94\\)</a></th><td class="num">${count94}</td>`)
      assert.match(res.body, row)
      assert.match(textOf(res.body), /CC BY 4\.0/)
    })

    test('the about page names the sources and licences', async () => {
      const res = await new Client(t.app).get('/a-propos')
      assert.match(textOf(res.body), /Licence Ouverte/)
      assert.match(textOf(res.body), /Le RAMEAU/)
    })

    test('the language switch only redirects to local paths', async () => {
      const client = new Client(t.app)
      const res = await client.get('/langue/en?retour=https://evil.example/')
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, '/')
      assert.equal((await client.get('/langue/de')).statusCode, 404)
      const home = await client.get('/')
      assert.match(home.body, /<html lang="en">/)
      assert.match(textOf(home.body), /Making alliances on your territory/)
    })
  })
}
