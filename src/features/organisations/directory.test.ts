/**
 * The directory page's filters on both databases: an invalid filter is dropped and named while the valid ones
 * still apply; an unknown territory is named too; a page past the end shows no actor but the count.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { makeOrganisation } from '../../../test/helpers/listening.js'

for (const dialect of DIALECTS) {
  describe(`directory filters [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
      await makeOrganisation(t.db, 'Jardins de Vincennes', 'association', '94080')
      await makeOrganisation(t.db, 'Menuiserie de Vincennes', 'entreprise', '94080')
      await makeOrganisation(t.db, 'Jardins stéphanois', 'association', '42218')
    })
    after(() => t.close())

    test('an invalid world is dropped and named next to its field; the text and the territory still filter', async () => {
      const res = await new Client(t.app).get('/acteurs?q=jardins&monde=martien&territoire=departement:94')
      assert.equal(res.statusCode, 200)
      const text = textOf(res.body)
      assert.match(text, /Jardins de Vincennes/)
      assert.doesNotMatch(text, /Jardins stéphanois|Menuiserie/)
      assert.match(text, /1 acteur\b/)
      assert.match(res.body, /href="#champ-monde"/)
      assert.match(text, /Choisissez le monde de l’organisation/)
      assert.match(res.body, /<option value="association"/)
    })

    test('a page or territory that cannot be read is named in a notice, the other filters kept', async () => {
      const res = await new Client(t.app).get('/acteurs?monde=association&page=-3&territoire=departement:ZZ')
      assert.equal(res.statusCode, 200)
      const text = textOf(res.body)
      assert.match(text, /Ces filtres sont invalides et n’ont pas été appliqués : Page — .* Territoire choisi — /)
      assert.match(text, /2 acteurs\b/)
      const unknown = textOf((await new Client(t.app).get('/acteurs?territoire=departement:2A')).body)
      assert.match(unknown, /Ce filtre est invalide .* Territoire choisi — Ce territoire n’existe pas/)
      assert.match(unknown, /3 acteurs\b/)
    })

    test('a page past the end lists nobody but keeps the count', async () => {
      const text = textOf((await new Client(t.app).get('/acteurs?page=40')).body)
      assert.match(text, /3 acteurs\b/)
      assert.match(text, /Aucun acteur ne correspond/)
    })
  })
}
