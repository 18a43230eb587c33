/**
 * Home and about pages on both databases: the map and its table, the page cache dropped by a change of
 * organisations only, and true words about the method (issue 10, item 5): no promise of what does not exist,
 * the seven lessons presented as the method's with only what exists on the platform, links that all answer.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { makeOrganisation } from '../../../test/helpers/listening.js'
import { availableLessons, availableSteps } from './home.capabilities.js'

/** The pages the capability sentences link to. */
function capabilityLinks(html: string): string[] {
  return [...html.matchAll(/<span class="capability-links">[\s\S]*?<\/span>/g)].flatMap((m) => [...m[0].matchAll(/href="([^"]+)"/g)].map((l) => l[1] as string))
}

/** A page's text, punctuation glued back (`textOf` leaves a space where a tag ended). */
const text = (html: string) => textOf(html).replace(/ ([,.])/g, '$1')

for (const dialect of DIALECTS) {
  describe(`home [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
      await makeOrganisation(t.db, 'Association des bords de Marne', 'association', '94080')
      await makeOrganisation(t.db, 'Entreprise de Nogent', 'entreprise', '94052')
      await makeOrganisation(t.db, 'Fondation stéphanoise', 'fondation', '42218')
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
      assert.match(res.body, /<title>Val-de-Marne : 2 acteurs<\/title>/)
      assert.match(res.body, /Val-de-Marne \(94\)<\/a><\/th><td class="num">2<\/td>/)
      assert.match(res.body, /Loire \(42\)<\/a><\/th><td class="num">1<\/td>/)
      assert.match(textOf(res.body), /3 acteurs sur la carte/)
      assert.match(textOf(res.body), /CC BY 4\.0/)
    })

    test('the home page promises nothing that does not exist, and its balance of levers is “propre à chacun”', async () => {
      const body = text((await new Client(t.app).get('/')).body)
      assert.doesNotMatch(body, /mesurer la valeur|valeur créée/)
      assert.doesNotMatch(body, /chaque territoire trouve son propre équilibre/i)
      assert.match(body, /un équilibre propre à chacun pour articuler trois leviers/)
      assert.match(body, /Passer de l’expérimentation à l’action et à la mobilisation\./)
      assert.match(body, /Sur la plateforme : les besoins, les ressources et envies d’engagement, les études publiées\./)
    })

    test('the about page gives the seven lessons as the method’s, and under each only what the platform does', async () => {
      const res = await new Client(t.app).get('/a-propos')
      const body = text(res.body)
      assert.match(body, /Licence Ouverte/)
      assert.match(body, /Le RAMEAU/)
      assert.doesNotMatch(body, /traduit en fonctions/)
      assert.match(body, /Ce sont ceux de la méthode, pas des fonctions/)
      assert.equal((res.body.match(/<li><p>/g) ?? []).length, 7)
      assert.match(body, /Une approche systémique des enjeux .* Besoins et ressources de tous les domaines/)
      assert.match(body, /des lieux et des liens\. Des espaces de catalyse .* Voir : les espaces de catalyse, les rencontres, les lieux\./)
    })

    test('every page the home and about pages link to exists and answers', async () => {
      const client = new Client(t.app)
      const targets = new Set([...capabilityLinks((await client.get('/')).body), ...capabilityLinks((await client.get('/a-propos')).body)])
      assert.ok(targets.has('/besoins') && targets.has('/espaces') && targets.has('/lexique'))
      for (const href of targets) {
        const res = await client.get(href)
        assert.equal(res.statusCode, 200, href)
      }
    })

    test('a capability whose page does not exist is neither linked nor described', () => {
      const steps = availableSteps(t.app, [{ title: 'home.method.listen', text: 'home.method.listenText', links: [{ href: '/besoins', label: 'home.link.needs' }, { href: '/evaluation-a-venir', label: 'home.link.needs' }] }])
      assert.deepEqual(steps[0]?.links.map((l) => l.href), ['/besoins'])
      const lessons = availableLessons(t.app, [
        { text: 'about.lesson.6', platform: { text: 'about.lesson.6.platform', links: [{ href: '/valorisation-a-venir', label: 'home.link.alliances' }] } },
        { text: 'about.lesson.1', platform: { text: 'about.lesson.1.platform', links: [{ href: '/alliances', label: 'home.link.alliances' }] } },
      ])
      assert.deepEqual(lessons, [{ text: 'about.lesson.6' }, { text: 'about.lesson.1', platform: { text: 'about.lesson.1.platform', links: [{ href: '/alliances', label: 'home.link.alliances' }] } }])
    })

    test('the cached home page is dropped when an organisation is registered, not when someone signs out', async () => {
      const visitor = new Client(t.app)
      await visitor.get('/')
      assert.equal((await visitor.get('/')).headers['x-page-cache'], 'hit')
      const person = new Client(t.app)
      await person.signUp('home-cache@example.org')
      await person.post('/deconnexion')
      assert.equal((await visitor.get('/')).headers['x-page-cache'], 'hit', 'signing out changes no public page')
      await person.signIn('home-cache@example.org')
      const created = await person.post('/acteurs/nouveau', { name: 'Collectif de Vincennes', world: 'collectif', seat: '94300', perimeter_levels: ['commune'] })
      assert.equal(created.statusCode, 303)
      const after = await visitor.get('/')
      assert.notEqual(after.headers['x-page-cache'], 'hit')
      assert.match(after.body, /<title>Val-de-Marne : 3 acteurs<\/title>/)
      assert.equal((await t.db.selectFrom('organisations').select('id').where('name', '=', 'Collectif de Vincennes').execute()).length, 1)
    })

    test('signed in (no page cache), the figures are read once per state of the organisations and follow each change', async () => {
      const person = new Client(t.app)
      await person.signUp('home-figures@example.org')
      const count = (body: string) => Number(/<title>Val-de-Marne : (\d+) acteurs?<\/title>/.exec(body)?.[1])
      const before = count((await person.get('/')).body)
      assert.ok(before >= 0)
      assert.equal(count((await person.get('/')).body), before, 'the same figures while nothing changes')
      const created = await person.post('/acteurs/nouveau', { name: 'Association des chiffres de Vincennes', world: 'association', seat: '94300', perimeter_levels: ['commune'] })
      assert.equal(created.statusCode, 303)
      const after = await person.get('/')
      assert.equal(after.headers['x-page-cache'], undefined, 'signed-in pages are never served from the page cache')
      assert.equal(count(after.body), before + 1)
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
