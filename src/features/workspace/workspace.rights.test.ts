/** The rights matrix of « Mon espace »: signed-in people only (each sees their own), on both databases. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { buildRightsWorld, inventoryRoutes, own, runRightsMatrix, type RightsRow, type RightsWorld } from '../../../test/helpers/rights.js'
import { RIGHTS_ROUTES } from './workspace.rights.js'

for (const dialect of DIALECTS) {
  describe(`workspace rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: RightsWorld
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildRightsWorld(t, 'espace')
    })
    after(() => t.close())

    const rows: RightsRow[] = [{ route: 'GET /mon-espace', path: '/mon-espace', expect: own(200) }]
    const snapshot = async () => JSON.stringify(await t.db.selectFrom('notifications').select(['id', 'read_at']).orderBy('id').execute())

    test('the matrix covers every route of « Mon espace »', () => {
      assert.deepEqual(rows.map((r) => r.route), [...RIGHTS_ROUTES])
      assert.deepEqual([...RIGHTS_ROUTES], inventoryRoutes(t, /^[A-Z]+ \/mon-espace/))
    })

    test('every cell answers as expected; each person sees their own organisations only', async () => {
      assert.deepEqual(await runRightsMatrix(w, rows, snapshot), [])
      const member = textOf((await w.people.member.get('/mon-espace')).body)
      assert.match(member, /Les Jardins espace/)
      assert.doesNotMatch(member, /La Fabrique espace/)
      const admin = textOf((await w.people.orgAdmin.get('/mon-espace')).body)
      assert.match(admin, /La Fabrique espace/)
      assert.doesNotMatch(admin, /Les Jardins espace/)
    })
  })
}
