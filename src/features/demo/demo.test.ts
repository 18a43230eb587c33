import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { termsOf } from '../vocabulary/index.js'
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, demoId, loadDemo } from './index.js'

for (const dialect of DIALECTS) {
  describe(`demo dataset [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
    })
    after(() => t.close())

    test('loads about 60 fictional organisations of every world, mostly in the pilot territory, idempotently', async () => {
      const first = await loadDemo(t.db)
      assert.equal(first.loaded, true)
      assert.equal(first.organisations, DEMO_ORGANISATIONS.length)
      assert.ok(first.organisations >= 55 && first.organisations <= 70)
      const second = await loadDemo(t.db)
      assert.equal(second.loaded, false)
      const rows = await t.db.selectFrom('organisations').select(['world', 'is_demo', 'seat_commune_id']).execute()
      assert.equal(rows.length, first.organisations)
      assert.ok(rows.every((r) => r.is_demo === 1))
      assert.deepEqual(new Set(rows.map((r) => r.world)), new Set(termsOf('world').map((w) => w.code)))
      const inPilot = await t.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('seat_commune_id', 'in', (eb) => eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', 'ept:200057941'))
        .executeTakeFirstOrThrow()
      assert.ok(Number(inPilot.n) >= 50)
      const people = await t.db.selectFrom('users').select(['email', 'is_demo']).execute()
      assert.ok(people.length >= first.organisations)
      assert.ok(people.every((p) => p.is_demo === 1 && p.email.endsWith('@demo.alliance.invalid')))
    })

    test('identifiers are deterministic and cannot collide with real ones', async () => {
      const id = demoId('organisation:trait-d-union')
      const org = await t.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(org.name, 'Trait d’Union Joinville')
      assert.match(org.rna ?? '', /^W000\d{6}$/)
      const companies = await t.db.selectFrom('organisations').select('siret').where('siret', 'is not', null).execute()
      assert.ok(companies.length > 0 && companies.every((c) => c.siret?.startsWith('000')))
    })

    test('every page says the data is fictional; a demo actor carries a badge; the documented demo sign-in works', async () => {
      const client = new Client(t.app)
      await new Promise((resolve) => setTimeout(resolve, 10))
      const page = await client.get(`/acteurs/${demoId('organisation:trait-d-union')}`)
      assert.match(textOf(page.body), /Fictif — démonstration/)
      const res = await client.signIn('association@demo.alliance.invalid', DEMO_PASSWORD)
      assert.equal(res.statusCode, 303)
      const account = await client.get('/compte')
      assert.match(textOf(account.body), /Trait d’Union Joinville/)
    })
  })
}
