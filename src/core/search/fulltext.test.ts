/**
 * Full-text search on both databases: every word a prefix, accents and plurals ignored, facets as filters,
 * newest first, counts capped, re-indexed documents found by their new words; also when a prefix stands for
 * more lexemes than are expanded (searched as a prefix) and when a word begins no lexeme.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Kysely } from 'kysely'
import { DIALECTS, type TestDatabase } from '../../../test/helpers/dialects.js'
import { indexDocuments, searchDocuments, type SearchDocument } from './fulltext.js'

const page = { limit: 10, offset: 0, cap: 100 }
const doc = (id: string, text: string, territory = 'departement:94'): SearchDocument => ({ kind: 'note', id, text, facets: [['territory', territory]] })

for (const dialect of DIALECTS) {
  describe(`full-text search [${dialect.name}]`, () => {
    let database: TestDatabase
    let db: Kysely<any>
    const ids = async (text: string, facets: Array<[string, string]> = []) => (await searchDocuments(db, 'note', { text, facets }, page)).ids

    before(async () => {
      database = await dialect.open()
      db = database.db.kysely
      await indexDocuments(db, [
        doc('a', 'Jardin partagé pour les jeunes du quartier'),
        doc('b', 'Insertion des jeunes par le sport', 'departement:93'),
        doc('c', 'La jeunesse et les associations sportives'),
        doc('d', 'Véhicules électriques à prêter'),
      ])
    })
    after(() => database.close())

    test('every word is a prefix; accents, case and plurals do not matter; all words must be present', async () => {
      assert.deepEqual(await ids('jeun'), ['c', 'b', 'a'])
      assert.deepEqual(await ids('JEUNES insert'), ['b'])
      assert.deepEqual(await ids('associ'), ['c'])
      assert.deepEqual(await ids('vehicule electrique'), ['d'])
      assert.deepEqual(await ids('véhic'), ['d'])
      assert.deepEqual(await ids('jardin sport'), [])
      assert.deepEqual(await ids('zzzz'), [])
    })

    test('facets filter, alone or with words; on PostgreSQL stop words alone leave the facets', async () => {
      assert.deepEqual(await ids('jeun', [['territory', 'departement:94']]), ['c', 'a'])
      assert.deepEqual(await ids('', [['territory', 'departement:93']]), ['b'])
      // PostgreSQL's French configuration drops stop words; SQLite's FTS5 has none, so "pour" must be present.
      assert.deepEqual(await ids('pour', [['territory', 'departement:93']]), dialect.name === 'postgres' ? ['b'] : [])
    })

    test('a re-indexed document is found by its new words only, and counts as the newest', async () => {
      await indexDocuments(db, [doc('a', 'Potager solidaire ouvert aux bénévoles')])
      assert.deepEqual(await ids('jardin'), [])
      assert.deepEqual(await ids('benevol'), ['a'])
      assert.deepEqual(await ids('potag solid'), ['a'])
      assert.deepEqual((await ids('jeun')).sort(), ['b', 'c'])
    })

    test('counts stop at the cap; pages follow each other', async () => {
      await indexDocuments(db, Array.from({ length: 30 }, (_, i) => doc(`m${i}`, `Mentorat numéro ${i}`)))
      const first = await searchDocuments(db, 'note', { text: 'mentor', facets: [] }, { limit: 10, offset: 0, cap: 25 })
      assert.deepEqual([first.total, first.capped, first.ids.length], [25, true, 10])
      assert.equal(first.ids[0], 'm29')
      const second = await searchDocuments(db, 'note', { text: 'mentor', facets: [] }, { limit: 10, offset: 10, cap: 100 })
      assert.deepEqual([second.total, second.capped], [30, false])
      assert.equal(second.ids[0], 'm19')
    })

    test('a prefix standing for many words still finds them all', async () => {
      // 80 distinct words beginning with "ateli": more than either database expands, so it searches the prefix.
      await indexDocuments(db, Array.from({ length: 80 }, (_, i) => doc(`w${i}`, `ateli${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`)))
      const found = await searchDocuments(db, 'note', { text: 'ateli', facets: [] }, { limit: 100, offset: 0, cap: 1000 })
      assert.equal(found.total, 80)
    })
  })
}
