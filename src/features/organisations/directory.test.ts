/**
 * The directory page's filters on both databases: an invalid filter is dropped and named while the valid ones
 * still apply; an unknown territory is named too; a page past the end shows no actor but the count. A territory
 * holding more actors than the count's cap is listed by walking the names, in the same order and pages; a name
 * filter gives what a scan would, whether the trigram index or the walk answers it.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { makeOrganisation } from '../../../test/helpers/listening.js'
import { newId, nowIso } from '../../core/db/values.js'
import { COUNT_CAP } from '../../core/db/paging.js'
import { listOrganisations } from './organisations.queries.js'

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

    test('a territory with more actors than the cap lists them by name, page after page, none from elsewhere', async () => {
      // Seats alternate between Vincennes (94) and Saint-Étienne (42), so that the names of the two départements
      // interleave: a walk of the name index must skip Saint-Étienne's actors and keep the order.
      const now = nowIso()
      const rows = Array.from({ length: 2 * COUNT_CAP + 20 }, (_, i) => {
        const name = `Acteur ${String(i).padStart(4, '0')}`
        return { id: newId(), world: 'association', name, search_name: name.toLowerCase(), seat_commune_id: i % 2 === 0 ? 'commune:94080' : 'commune:42218', description: '', is_demo: 0, created_at: now, updated_at: now }
      })
      for (let i = 0; i < rows.length; i += 200) await t.db.insertInto('organisations').values(rows.slice(i, i + 200)).execute()
      const inside = rows.filter((r) => r.seat_commune_id === 'commune:94080').map((r) => r.name)
      const expected = [...inside, 'Jardins de Vincennes', 'Menuiserie de Vincennes']
      const first = await listOrganisations(t.db, { territoryId: 'departement:94' }, 1, 20)
      assert.deepEqual([first.total, first.capped], [COUNT_CAP, true])
      assert.deepEqual(
        first.rows.map((r) => r.name),
        expected.slice(0, 20),
      )
      const later = await listOrganisations(t.db, { territoryId: 'departement:94', world: 'association' }, 51, 20)
      assert.deepEqual(
        later.rows.map((r) => r.name),
        [...inside, 'Jardins de Vincennes'].slice(1000, 1020),
      )
      const few = await listOrganisations(t.db, { territoryId: 'departement:94', text: 'vincennes' }, 1, 20)
      assert.deepEqual([few.capped, few.rows.map((r) => r.name)], [false, ['Jardins de Vincennes', 'Menuiserie de Vincennes']])
    })

    test('a name filter answers as a scan would, whether its matches are few (trigram index) or many (walk by name)', async () => {
      // 1 200 farms, seats alternating between the two départements: `ferme` matches more than the count's cap,
      // `rme 0` exactly the cap and `ferme 1` 200 (all read from the trigram index); `fe` is too short for trigrams
      // and walks the names.
      const now = nowIso()
      const farms = Array.from({ length: 1200 }, (_, i) => {
        const name = `Ferme ${String(i).padStart(4, '0')}`
        return { id: newId(), world: i % 3 === 0 ? 'entreprise' : 'association', name, search_name: name.toLowerCase(), seat_commune_id: i % 2 === 0 ? 'commune:94080' : 'commune:42218', description: '', is_demo: 0, created_at: now, updated_at: now }
      })
      for (let i = 0; i < farms.length; i += 200) await t.db.insertInto('organisations').values(farms.slice(i, i + 200)).execute()
      const all = await t.db.selectFrom('organisations').innerJoin('territories as seat', 'seat.id', 'organisations.seat_commune_id').select(['organisations.id', 'organisations.name', 'organisations.search_name', 'organisations.world', 'seat.departement_code']).execute()
      const scan = (text: string, world?: string, departement?: string) =>
        all
          .filter((o) => o.search_name.includes(text) && (!world || o.world === world) && (!departement || o.departement_code === departement))
          .sort((a, b) => (a.search_name < b.search_name ? -1 : a.search_name > b.search_name ? 1 : a.id < b.id ? -1 : 1))
      for (const [text, world, departement, page] of [
        ['ferme', undefined, undefined, 1],
        ['ferme', 'entreprise', '94', 3],
        ['rme 0', undefined, undefined, 50],
        ['ferme 1', undefined, undefined, 2],
        ['ferme 1', 'entreprise', undefined, 1],
        ['ferme 1', undefined, '42', 5],
        ['erme 01', 'association', '94', 1],
        ['fe', undefined, '94', 1],
        ['zzz', undefined, undefined, 1],
      ] as const) {
        const expected = scan(text, world, departement)
        const listed = await listOrganisations(t.db, { text, world, territoryId: departement ? `departement:${departement}` : undefined }, page, 20)
        const label = `${text} ${world ?? ''} ${departement ?? ''} page ${page}`
        assert.deepEqual([listed.total, listed.capped], [Math.min(expected.length, COUNT_CAP), expected.length > COUNT_CAP], label)
        assert.deepEqual(
          listed.rows.map((r) => r.id),
          expected.slice((page - 1) * 20, page * 20).map((o) => o.id),
          label,
        )
      }
    })
  })
}
