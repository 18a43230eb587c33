/**
 * The demonstration dataset of evaluation, valuation and the library: three alliances with two or three rounds
 * (disagreements, a late partner, an open round), indicators, valued contributions with stated values, one
 * published review, two practice sheets, one replicated; loaded idempotently on both databases.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { demoId, loadDemo } from '../demo/index.js'
import { crossedView } from './crossed.js'
import { CURRENT_GRID } from './evaluation.grid.js'
import { listSubmittedAnswers } from './evaluation.queries.js'
import { authorizeView, loadAllianceAccess } from '../alliances/index.js'
import { anonymousActor } from '../../core/access/actor.js'
import { valuedTotalsOfPlace } from '../valuation/index.js'

for (const dialect of DIALECTS) {
  describe(`evaluation demo [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
      await loadDemo(t.db)
      await loadDemo(t.db)
    })
    after(() => t.close())

    test('three alliances with two or three rounds, one open, one published review, indicators', async () => {
      const rounds = await t.db.selectFrom('evaluation_rounds').select(['alliance_id', 'number']).execute()
      const perAlliance = new Map<string, number>()
      for (const r of rounds) perAlliance.set(r.alliance_id, (perAlliance.get(r.alliance_id) ?? 0) + 1)
      assert.equal(perAlliance.size, 3)
      assert.ok([...perAlliance.values()].every((n) => n >= 2 && n <= 3))
      const published = await t.db.selectFrom('evaluation_reviews').select('round_id').where('published_at', 'is not', null).execute()
      assert.equal(published.length, 1)
      assert.ok((await t.db.selectFrom('evaluation_indicators').select('id').execute()).length >= 6)
    })

    test('crossed views show disagreements and a partner that did not answer', async () => {
      const access = await loadAllianceAccess(t.db, anonymousActor, demoId('alliance:anti-gaspi'))
      const scope = authorizeView(anonymousActor, access)
      const answers = await listSubmittedAnswers(t.db, scope, [demoId('round:anti-gaspi:1')])
      const partners = await t.db.selectFrom('alliance_partners').innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id').select(['organisation_id', 'organisations.name', 'organisations.world']).where('alliance_id', '=', scope.allianceId).where('status', '=', 'active').execute()
      const view = crossedView({ grid: CURRENT_GRID, disclosure: 'named', expected: partners.map((p) => ({ organisationId: p.organisation_id, name: p.name, world: p.world })), answers })
      assert.ok(view.cells[0]?.disagreement)
      assert.ok(view.respondents.some((r) => !r.answered), 'a late partner')
    })

    test('two sheets, one replicated by a demo alliance; valued totals include stated values', async () => {
      const sheets = await t.db.selectFrom('practice_sheets').select('id').execute()
      assert.equal(sheets.length, 2)
      const inspired = await t.db.selectFrom('practice_inspirations').innerJoin('alliances', 'alliances.id', 'practice_inspirations.alliance_id').select(['alliances.is_demo', 'alliances.name']).execute()
      assert.deepEqual(inspired.map((r) => [r.name, r.is_demo]), [['Chantiers-école du Val-d’Oise', 1]])
      const statements = await t.db.selectFrom('valuation_statements').select('contribution_id').execute()
      assert.ok(statements.length > 0)
      const place = await valuedTotalsOfPlace(t.db, 'departement:94', null)
      assert.ok(place.total > 0n)
      assert.ok(place.tables.some((x) => !x.isDefault), 'an alliance adopted its own table')
    })
  })
}
