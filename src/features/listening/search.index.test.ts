/**
 * The actors' full-text index is refreshed incrementally (issue 12, item 1), on SQLite and PostgreSQL: the
 * position `(updated_at, id)` is kept, so many organisations sharing one timestamp (a bulk import) are indexed
 * once and a search that follows writes nothing; an organisation changed after the last refresh — at a later
 * instant, or at the same instant with a later id — is found by `/recherche`.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../../core/db/values.js'
import { normaliseText } from '../../core/text/normalise.js'
import { buildTestApp, Client, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { refreshActorIndex } from './listening.service.js'

const BULK_AT = '2026-11-30T10:00:00.000Z'

for (const dialect of DIALECTS) {
  describe(`actors' search index [${dialect.name}]`, () => {
    let t: TestApp
    let person: Client
    before(async () => {
      t = await buildTestApp(dialect)
      // signed in: no page from the page cache, every search runs
      person = new Client(t.app)
      await person.signUp('chercheuse@example.org')
    })
    after(() => t.close())

    async function insert(name: string, at: string, id = newId()): Promise<string> {
      await t.db
        .insertInto('organisations')
        .values({ id, world: 'association', name, search_name: normaliseText(name), siren: null, siret: null, rna: null, seat_commune_id: 'commune:94080', size_band: null, description: '', website: null, contact_email: null, contact_phone: null, is_demo: 0, created_by: null, created_at: at, updated_at: at })
        .execute()
      return id
    }
    const documents = async () => Number((await t.db.selectFrom('search_documents').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'organisation').executeTakeFirstOrThrow()).n)
    const search = async (q: string) => (await person.get(`/recherche?type=acteurs&q=${encodeURIComponent(q)}`)).body

    test('organisations sharing one timestamp are indexed once; the next refresh and searches re-index nothing', async () => {
      const ids: string[] = []
      for (let i = 0; i < 30; i++) ids.push(await insert(`Collectif des jardins ${i}`, BULK_AT, `0190${String(i).padStart(4, '0')}-0000-7000-8000-000000000000`))
      assert.equal(await refreshActorIndex(t.db), 30)
      assert.equal(await documents(), 30)
      assert.equal(await refreshActorIndex(t.db), 0)
      assert.match(await search('jardins'), /Collectif des jardins 29/)
      assert.equal(await refreshActorIndex(t.db), 0, 'the search left nothing to index and re-indexed nothing')
      const stored = await t.db.selectFrom('app_meta').select('value').where('key', '=', 'search_organisations_indexed_at').executeTakeFirstOrThrow()
      assert.equal(stored.value, `${BULK_AT} ${ids[29]}`)
    })

    test('an organisation changed after the last refresh is found by the search, later or at the same instant', async () => {
      const later = await insert('Ressourcerie du plateau', '2026-12-01T09:00:00.000Z')
      assert.match(await search('ressourcerie'), /Ressourcerie du plateau/)
      // same instant as the position, with a later id
      await insert('Atelier vélo solidaire', '2026-12-01T09:00:00.000Z', 'ffffffff-0000-7000-8000-000000000000')
      assert.match(await search('atelier velo'), /Atelier vélo solidaire/)
      // renamed: the new name is found, the old one no longer
      await t.db.updateTable('organisations').set({ name: 'Recyclerie du plateau', search_name: normaliseText('Recyclerie du plateau'), updated_at: '2026-12-02T09:00:00.000Z' }).where('id', '=', later).execute()
      assert.match(await search('recyclerie'), /Recyclerie du plateau/)
      assert.doesNotMatch(await search('ressourcerie'), /du plateau/)
      assert.equal(await documents(), 32)
    })
  })
}
