/**
 * Mobilisation's demonstration content on both databases, loaded with the whole demo: a published call to engage in
 * the pilot territory with five pledges of demo companies, two partly fulfilled; a demo fund with three contributors
 * whose ledger reconciles; a closed call for projects with eight applications, reviews, published decisions, two
 * signed grants with two tranches each and one grant report answered by an evaluation round; a valid SCDL export;
 * loading twice changes nothing.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { mobilisationSnapshot } from '../../../test/helpers/mobilisation.js'
import { checkScdlCsv } from '../../../test/helpers/scdl.js'
import { demoId, loadDemo } from '../demo/index.js'
import { loadMobilisationDemo } from './index.js'

for (const dialect of DIALECTS) {
  describe(`mobilisation demo [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      await loadDemo(t.db)
    })
    after(() => t.close())

    test('a call to engage in the pilot territory, with pledges of demo companies partly fulfilled', async () => {
      const call = await t.db.selectFrom('mobilisation_calls').selectAll().where('is_demo', '=', 1).executeTakeFirstOrThrow()
      assert.equal(call.status, 'published')
      assert.equal(call.territory_id, 'ept:200057941')
      assert.match(call.title, /démo/)
      const pledges = await t.db.selectFrom('mobilisation_pledges').selectAll().where('call_id', '=', call.id).execute()
      assert.equal(pledges.length, 5)
      assert.ok(pledges.every((p) => p.is_demo === 1 && p.world === 'entreprise'))
      const partly = pledges.filter((p) => Number(p.fulfilled_hundredths) > 0 && Number(p.fulfilled_hundredths) < Number(p.quantity_hundredths))
      assert.equal(partly.length, 2)
      const needs = await t.db.selectFrom('mobilisation_call_needs').select('need_id').where('call_id', '=', call.id).execute()
      assert.ok(needs.length > 0)
      const page = await new Client(t.app).get(`/mobilisation/appels/${call.id}`)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /Fictif — démonstration|démo/)
    })

    test('a demo fund with three contributors, a closed call of eight applications, decisions, two grants and a report', async () => {
      const fundId = demoId('mobilisation:fund:marne-bois')
      const fund = await t.db.selectFrom('mobilisation_funds').selectAll().where('id', '=', fundId).executeTakeFirstOrThrow()
      const contributors = await t.db.selectFrom('mobilisation_fund_contributors').selectAll().where('fund_id', '=', fundId).execute()
      assert.equal(contributors.length, 3)
      assert.ok(contributors.every((c) => Number(c.paid_cents) <= Number(c.pledged_cents)))
      assert.ok(contributors.some((c) => Number(c.paid_cents) < Number(c.pledged_cents)))
      assert.ok(Number(fund.granted_cents) <= Number(fund.paid_cents) + Number(fund.committed_cents))
      assert.ok(Number(fund.disbursed_cents) <= Number(fund.granted_cents))
      const calls = await t.db.selectFrom('mobilisation_project_calls').selectAll().where('fund_id', '=', fundId).execute()
      assert.equal(calls.length, 1)
      assert.equal(calls[0]?.status, 'decided')
      const applications = await t.db.selectFrom('mobilisation_applications').select('id').where('call_id', '=', calls[0]?.id as string).where('status', '=', 'submitted').execute()
      assert.equal(applications.length, 8)
      const reviews = await t.db.selectFrom('mobilisation_reviews').select('application_id').where('call_id', '=', calls[0]?.id as string).where('status', '=', 'submitted').execute()
      assert.ok(reviews.length >= 16)
      const decisions = await t.db.selectFrom('mobilisation_decisions').select(['outcome', 'published_at']).where('call_id', '=', calls[0]?.id as string).execute()
      assert.equal(decisions.length, 8)
      assert.equal(decisions.filter((d) => d.outcome === 'funded').length, 2)
      assert.ok(decisions.every((d) => d.published_at !== null))
      const grants = await t.db.selectFrom('mobilisation_grants').selectAll().where('fund_id', '=', fundId).execute()
      assert.equal(grants.length, 2)
      assert.ok(grants.every((g) => g.status === 'signed'))
      for (const g of grants) {
        const tranches = await t.db.selectFrom('mobilisation_grant_tranches').selectAll().where('grant_id', '=', g.id).execute()
        assert.equal(tranches.length, 2)
        assert.equal(tranches.reduce((s, tr) => s + Number(tr.amount_cents), 0), Number(g.amount_cents))
      }
      assert.equal(grants.reduce((s, g) => s + Number(g.amount_cents), 0), Number(fund.granted_cents))
      const answered = await t.db.selectFrom('mobilisation_grant_reports').select('round_id').where('grant_id', 'in', grants.map((g) => g.id)).where('round_id', 'is not', null).execute()
      assert.equal(answered.length, 1)
      const csv = await new Client(t.app).get(`/mobilisation/fonds/${fundId}/subventions.csv`)
      const { rows, problems } = checkScdlCsv(csv.body)
      assert.deepEqual(problems, [])
      assert.equal(rows.length, 2)
      const transparency = await new Client(t.app).get(`/mobilisation/fonds/${fundId}/transparence`)
      assert.equal(transparency.statusCode, 200)
      assert.match(textOf(transparency.body), /Essaimage des chantiers-école/)
    })

    test('loading again changes nothing', async () => {
      const before = await mobilisationSnapshot(t.db)
      assert.equal(await loadMobilisationDemo(t.db, demoId), false)
      assert.equal(await mobilisationSnapshot(t.db), before)
    })
  })
}
