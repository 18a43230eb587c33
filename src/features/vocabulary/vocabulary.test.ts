import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { termAnchor, VOCABULARY } from './index.js'

test('every term has a French and an English label and a one-line definition in both languages', () => {
  for (const info of VOCABULARY) {
    for (const term of info.terms) {
      for (const text of [term.fr, term.en, term.defFr, term.defEn]) assert.ok(text.trim().length > 0, `${info.kind}:${term.code}`)
      assert.ok(!term.defFr.includes('\n') && !term.defEn.includes('\n'))
    }
  }
})

test('the method’s reference lists are complete', () => {
  const kind = (k: string) => VOCABULARY.find((v) => v.kind === k)?.terms ?? []
  assert.equal(kind('world').length, 9)
  assert.equal(kind('sdg').length, 17)
  assert.match(kind('sdg')[16]?.defFr ?? '', /méthode de toute alliance/)
  assert.deepEqual(kind('lever').map((t) => t.fr), ['Vision partagée', 'Gestion régulatrice', 'Action collective transformatrice'])
  assert.deepEqual(kind('impact').map((t) => t.code), ['innovation', 'performance', 'confiance'])
  assert.equal(kind('coconstruction_form').length, 3)
  assert.equal(kind('catalysis_trade').length, 4)
  assert.equal(kind('catalysis_activity').length, 16)
  assert.deepEqual(kind('partnership_type').filter((t) => t.parent === 'mecenat').map((t) => t.code), ['mecenat_financier', 'mecenat_nature', 'mecenat_logistique', 'mecenat_competences'])
})

for (const dialect of DIALECTS) {
  describe(`lexique [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
    })
    after(() => t.close())

    test('the table holds the reference data', async () => {
      const rows = await t.db.selectFrom('vocabulary_terms').selectAll().execute()
      assert.equal(rows.length, VOCABULARY.reduce((n, v) => n + v.terms.length, 0))
    })

    test('/lexique has an anchor for every term, in French and in English', async () => {
      const client = new Client(t.app)
      const fr = await client.get('/lexique')
      assert.equal(fr.statusCode, 200)
      for (const info of VOCABULARY) for (const term of info.terms) assert.ok(fr.body.includes(`id="${termAnchor(info.kind, term.code)}"`), termAnchor(info.kind, term.code))
      await client.get('/langue/en?retour=/lexique')
      const en = await client.get('/lexique')
      assert.match(en.body, /<html lang="en">/)
      assert.match(en.body, /Partnerships for the goals/)
    })

    test('every lexique link on the main pages points to an existing entry', async () => {
      const client = new Client(t.app)
      const anchors = new Set(VOCABULARY.flatMap((info) => info.terms.map((term) => termAnchor(info.kind, term.code))))
      for (const url of ['/', '/territoires/commune/94080', '/acteurs', '/territoires/ept/200057941']) {
        const body = (await client.get(url)).body
        for (const m of body.matchAll(/href="\/lexique#([^"]+)"/g)) assert.ok(anchors.has(m[1] as string), `${url}: #${m[1]}`)
      }
    })

    test('the vocabulary API lists every kind', async () => {
      const res = await new Client(t.app).get('/api/v1/vocabulary')
      const body = res.json() as Array<{ kind: string; terms: unknown[] }>
      assert.deepEqual(body.map((k) => k.kind), VOCABULARY.map((k) => k.kind))
    })
  })
}
