/**
 * Grant agreements through their pages and API on both databases: signing needs both sides (and the beneficiary's
 * SIRET); payments are refused above the tranche or with a negative amount, nothing stored; a report is answered
 * by an evaluation round of the funded alliance; the fund's transparency page and its SCDL Subventions 2.1.1 export
 * (CSV and JSON) follow the schema's rules (`test/helpers/scdl.ts`).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { parisToday } from '../../../core/time/calendar.js'
import { buildTestApp, textOf, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { buildSelectionWorld, mobilisationSnapshot, type SelectionWorld } from '../../../../test/helpers/mobilisation.js'
import { checkScdlCsv, scdlRowProblems } from '../../../../test/helpers/scdl.js'

for (const dialect of DIALECTS) {
  describe(`mobilisation grants [${dialect.name}]`, () => {
    let t: TestApp
    let w: SelectionWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildSelectionWorld(t, 'gr')
    })
    after(() => t.close())

    const grant = () => t.db.selectFrom('mobilisation_grants').selectAll().where('id', '=', w.grantId).executeTakeFirstOrThrow()

    test('an agreement is signed by both sides, the beneficiary identified by its SIRET', async () => {
      const anonymous = await w.clients.anonymous.post(`/mobilisation/conventions/${w.grantId}/signature`, { side: 'fund' })
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/connexion/)
      await t.db.updateTable('organisations').set({ siret: null }).where('id', '=', w.org.C).execute()
      const noSiret = await w.clients.applicantAdmin.post(`/mobilisation/conventions/${w.grantId}/signature`, { side: 'beneficiary' })
      assert.equal(noSiret.statusCode, 409)
      assert.equal((await grant()).beneficiary_signed_at, null)
      await t.db.updateTable('organisations').set({ siret: '44306184100047' }).where('id', '=', w.org.C).execute()
      const wrongSide = await w.clients.fundAdmin.post(`/mobilisation/conventions/${w.grantId}/signature`, { side: 'beneficiary' })
      assert.equal(wrongSide.statusCode, 403)
      const beneficiary = await w.clients.applicantAdmin.post(`/mobilisation/conventions/${w.grantId}/signature`, { side: 'beneficiary' })
      assert.equal(beneficiary.statusCode, 303)
      assert.equal((await grant()).status, 'to_sign')
      const fund = await w.clients.fundAdmin.json('POST', `/api/v1/mobilisation/grants/${w.grantId}/signatures`, { side: 'fund' })
      assert.equal(fund.statusCode, 200)
      assert.equal(fund.json().data.status, 'signed')
      const signed = await grant()
      assert.equal(signed.status, 'signed')
      assert.equal(signed.signed_on, parisToday())
      const twice = await w.clients.fundAdmin.json('POST', `/api/v1/mobilisation/grants/${w.grantId}/signatures`, { side: 'fund' })
      assert.equal(twice.statusCode, 409)
    })

    test('payments: a negative amount or more than the tranche is refused and nothing is stored', async () => {
      const before = await mobilisationSnapshot(t.db)
      const negative = await w.clients.fundAdmin.post(`/mobilisation/conventions/${w.grantId}/versements`, { tranche: '1', amount: '-100' })
      assert.equal(negative.statusCode, 400)
      assert.match(negative.body, /href="#champ-amount"/)
      const decimals = await w.clients.fundAdmin.json('POST', `/api/v1/mobilisation/grants/${w.grantId}/payments`, { tranche: 1, amount: '10.005' })
      assert.equal(decimals.statusCode, 400)
      const above = await w.clients.fundAdmin.post(`/mobilisation/conventions/${w.grantId}/versements`, { tranche: '1', amount: '3500' })
      assert.equal(above.statusCode, 409)
      assert.equal(await mobilisationSnapshot(t.db), before)
      const paid = await w.clients.fundAdmin.post(`/mobilisation/conventions/${w.grantId}/versements`, { tranche: '1', amount: '3000' })
      assert.equal(paid.statusCode, 303)
      const tranche = await t.db.selectFrom('mobilisation_grant_tranches').selectAll().where('grant_id', '=', w.grantId).where('number', '=', 1).executeTakeFirstOrThrow()
      assert.equal(Number(tranche.paid_cents), 300_000)
      assert.equal(Number((await grant()).disbursed_cents), 300_000)
      const fund = await t.db.selectFrom('mobilisation_funds').selectAll().where('id', '=', w.fundId).executeTakeFirstOrThrow()
      assert.equal(Number(fund.disbursed_cents), 300_000)
      const page = await w.clients.applicantMember.get(`/mobilisation/conventions/${w.grantId}`)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /3\s000,00\s€/)
    })

    test('a reporting obligation is answered by an evaluation round of the funded alliance', async () => {
      const res = await w.clients.applicantAdmin.post(`/mobilisation/conventions/${w.grantId}/rapports/${w.reportId}`, {})
      assert.equal(res.statusCode, 303)
      const report = await t.db.selectFrom('mobilisation_grant_reports').selectAll().where('id', '=', w.reportId).executeTakeFirstOrThrow()
      assert.notEqual(report.round_id, null)
      const round = await t.db.selectFrom('evaluation_rounds').selectAll().where('id', '=', report.round_id as string).executeTakeFirstOrThrow()
      assert.equal(round.alliance_id, w.allianceId)
      assert.equal(String(res.headers.location), `/evaluation/${w.allianceId}/temps/${round.id}`)
      const again = await w.clients.applicantAdmin.json('POST', `/api/v1/mobilisation/grants/${w.grantId}/reports/${w.reportId}/round`, {})
      assert.equal(again.statusCode, 409)
    })

    test('the transparency page and the SCDL Subventions 2.1.1 export follow the schema', async () => {
      const page = await w.clients.anonymous.get(`/mobilisation/fonds/${w.fundId}/transparence`)
      assert.equal(page.statusCode, 200)
      const text = textOf(page.body)
      assert.match(text, /Ingénierie de l’alliance des quartiers/)
      assert.match(text, /Val-de-Marne/)
      assert.match(page.body, /<svg/)
      const csv = await w.clients.anonymous.get(`/mobilisation/fonds/${w.fundId}/subventions.csv`)
      assert.equal(csv.statusCode, 200)
      assert.match(String(csv.headers['content-type']), /^text\/csv/)
      const { rows, problems } = checkScdlCsv(csv.body)
      assert.deepEqual(problems, [])
      assert.equal(rows.length, 1)
      const row = rows[0] as Record<string, string>
      assert.equal(row.idAttribuant, '73282932000074')
      assert.equal(row.idBeneficiaire, '44306184100047')
      assert.equal(row.rnaBeneficiaire, 'W941000123')
      assert.equal(row.montant, '5000.00')
      assert.equal(row.conditionsVersement, 'échelonné')
      assert.match(row.datesPeriodeVersement as string, /^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/)
      assert.equal(row.notificationUE, 'non')
      const json = await w.clients.anonymous.get(`/api/v1/mobilisation/funds/${w.fundId}/scdl`)
      assert.equal(json.statusCode, 200)
      const data = json.json().data as Array<Record<string, unknown>>
      assert.equal(data.length, 1)
      const first = data[0] as Record<string, unknown>
      assert.equal(first.montant, 5000)
      assert.equal(first.notificationUE, false)
      const asText = Object.fromEntries(Object.entries(first).map(([k, v]) => [k, v === null ? '' : typeof v === 'boolean' ? (v ? 'oui' : 'non') : typeof v === 'number' ? (k === 'montant' ? v.toFixed(2) : String(v)) : String(v)]))
      assert.deepEqual(scdlRowProblems(asText), [])
      const list = await w.clients.anonymous.get(`/api/v1/mobilisation/funds/${w.fundId}/grants?page=9`)
      assert.equal(list.statusCode, 200)
      assert.deepEqual(list.json().data, [])
      assert.equal(list.json().total, 1)
    })
  })
}
