/**
 * The trigram index of names on both databases: it finds a substring anywhere in a name, answers null past the
 * cap or for a needle too short for trigrams, and follows every write to the named tables (SQLite keeps a table of
 * names by triggers; PostgreSQL indexes the column itself).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DIALECTS, type TestDatabase } from '../../../test/helpers/dialects.js'
import { insertOrganisation } from '../../../test/helpers/alliances.js'
import { loadTestGeography } from '../../../test/helpers/geography.js'
import { normaliseText } from '../text/normalise.js'
import { byName, namesContaining } from './names.js'

for (const dialect of DIALECTS) {
  describe(`names containing a text [${dialect.name}]`, () => {
    let t: TestDatabase
    const ids: Record<string, string> = {}
    before(async () => {
      t = await dialect.open()
      await loadTestGeography(t.db.kysely)
      for (const name of ['Jardins de Vincennes', 'Les Jardiniers du Val', 'Menuiserie Dubois', 'Club sportif de Vincennes']) ids[name] = await insertOrganisation(t.db.kysely, name, 'association')
    })
    after(() => t.close())

    const found = async (needle: string, cap?: number) => (await namesContaining(t.db.kysely, 'organisations', needle, cap))?.map((r) => r.id).sort() ?? null

    test('a substring anywhere in a name, across words, and nothing for a missing one', async () => {
      assert.deepEqual(await found('jardin'), [ids['Jardins de Vincennes'], ids['Les Jardiniers du Val']].sort())
      assert.deepEqual(await found('s de vin'), [ids['Jardins de Vincennes']])
      assert.deepEqual(await found('de vincennes'), [ids['Jardins de Vincennes'], ids['Club sportif de Vincennes']].sort())
      assert.deepEqual(await found('zzzz'), [])
      assert.deepEqual(await found('vincennes de'), [], 'the words of the text, not in its order')
    })

    test('null past the cap, and for a needle the trigrams cannot answer', async () => {
      assert.equal(await found('vincennes', 1), null)
      assert.deepEqual(await found('vincennes', 2), [ids['Jardins de Vincennes'], ids['Club sportif de Vincennes']].sort())
      assert.equal(await found('de'), null, 'two letters hold no trigram')
      assert.equal(await found('jar%'), null, 'not a normalised text')
    })

    test('the index follows a new name, a renamed one and a deleted one', async () => {
      const db = t.db.kysely
      const renamed = 'Atelier Dubois'
      await db.updateTable('organisations').set({ name: renamed, search_name: normaliseText(renamed) }).where('id', '=', ids['Menuiserie Dubois']!).execute()
      assert.deepEqual(await found('menuiserie'), [])
      assert.deepEqual(await found('atelier'), [ids['Menuiserie Dubois']])
      assert.deepEqual(await namesContaining(db, 'organisations', 'atelier'), [{ id: ids['Menuiserie Dubois'], search_name: 'atelier dubois' }], 'each match with its new name')
      // An update that leaves the name alone keeps it findable.
      await db.updateTable('organisations').set({ world: 'entreprise' }).where('id', '=', ids['Menuiserie Dubois']!).execute()
      assert.deepEqual(await found('dubois'), [ids['Menuiserie Dubois']])
      await db.deleteFrom('organisation_perimeters').where('organisation_id', '=', ids['Les Jardiniers du Val']!).execute()
      await db.deleteFrom('organisations').where('id', '=', ids['Les Jardiniers du Val']!).execute()
      assert.deepEqual(await found('jardin'), [ids['Jardins de Vincennes']])
      const added = await insertOrganisation(db, 'Jardin partagé des Murs', 'association')
      assert.deepEqual(await found('jardin'), [ids['Jardins de Vincennes'], added].sort())
    })

    test('byName orders as the databases do: name, then id', () => {
      const rows = [
        { id: 'b', search_name: 'la ruche' },
        { id: 'a', search_name: 'laboratoire' },
        { id: 'a', search_name: 'la ruche' },
      ]
      assert.deepEqual(rows.sort(byName), [
        { id: 'a', search_name: 'la ruche' },
        { id: 'b', search_name: 'la ruche' },
        { id: 'a', search_name: 'laboratoire' },
      ])
    })
  })
}
