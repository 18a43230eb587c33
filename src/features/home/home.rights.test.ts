/**
 * The rights matrix of the home feature on both databases: each route × {anonymous, signed in, member of an
 * organisation, platform admin} answers 200, without changing any row.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, giveSecondFactor, type TestApp } from '../../../test/helpers/app.js'
import { addMember, insertOrganisation, userId } from '../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { ROUTES } from './home.rights.js'

for (const dialect of DIALECTS) {
  describe(`home rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    const people: Record<string, Client> = {}
    before(async () => {
      t = await buildTestApp(dialect)
      people.anonymous = new Client(t.app)
      for (const person of ['signedIn', 'member', 'platformAdmin']) {
        people[person] = new Client(t.app)
        await people[person].signUp(`home-${person.toLowerCase()}@example.org`)
      }
      await addMember(t.db, await userId(t.db, 'home-member@example.org'), await insertOrganisation(t.db, 'Organisation de la matrice', 'association'), 'member')
      await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', 'home-platformadmin@example.org').execute()
      await giveSecondFactor(t.db, 'home-platformadmin@example.org')
    })
    after(() => t.close())

    test('the matrix covers every route of the feature', () => {
      const inventory = t.app.routeInventory.map((r) => `${r.method} ${r.url}`).filter((key) => /^GET \/(a-propos)?$/.test(key))
      assert.deepEqual(ROUTES.map((r) => r.route).sort(), inventory.sort())
    })

    test('every person reads every route, and nothing changes', async () => {
      const rows = async () => JSON.stringify(await t.db.selectFrom('vocabulary_terms').select(['kind', 'code', 'origin']).orderBy('kind').orderBy('code').execute()) + JSON.stringify(await t.db.selectFrom('organisations').selectAll().orderBy('id').execute())
      const before = await rows()
      for (const route of ROUTES) {
        for (const [person, client] of Object.entries(people)) assert.equal((await client.get(route.path)).statusCode, 200, `${route.route} × ${person}`)
      }
      assert.equal(await rows(), before)
    })
  })
}
