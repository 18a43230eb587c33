/**
 * The rights matrix of the home feature on both databases: each route × {anonymous, member of an organisation,
 * admin of another organisation, platform admin} answers 200 (public reading), and nothing changes.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { buildRightsWorld, everyone, inventoryRoutes, runRightsMatrix, type RightsRow, type RightsWorld } from '../../../test/helpers/rights.js'
import { ROUTES } from './home.rights.js'

for (const dialect of DIALECTS) {
  describe(`home rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: RightsWorld
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildRightsWorld(t, 'home')
    })
    after(() => t.close())

    const snapshot = async () =>
      JSON.stringify({
        terms: await t.db.selectFrom('vocabulary_terms').select(['kind', 'code', 'origin']).orderBy('kind').orderBy('code').execute(),
        organisations: await t.db.selectFrom('organisations').selectAll().orderBy('id').execute(),
      })

    test('the matrix covers every route of the feature', () => {
      assert.deepEqual(ROUTES.map((r) => r.route).sort(), inventoryRoutes(t, /^GET \/(a-propos)?$/))
    })

    test('every person reads every route, and nothing changes', async () => {
      const rows: RightsRow[] = ROUTES.map((r) => ({ ...r, expect: everyone(200) }))
      const before = await snapshot()
      assert.deepEqual(await runRightsMatrix(w, rows, snapshot), [])
      assert.equal(await snapshot(), before)
    })
  })
}
