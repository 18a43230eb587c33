/**
 * Pooled funds on both databases: each page and API write requires an account, refuses invalid input with every
 * field named and nothing stored, and does what it says (asserted on the database); the ledger reconciles (paid ≤
 * pledged, granted ≤ paid in + host commitments) under concurrent acts too.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../../../core/db/values.js'
import { buildTestApp, Client, type TestApp } from '../../../../test/helpers/app.js'
import { actorOf, addMember, insertOrganisation, userId } from '../../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { bookGrant } from './ledger.js'
import { createFund, declareCommitment, pledgeToFund, recordFundPayment } from './funds.service.js'

const SIRET = '73282932000074'
const FUND_FORM = { name: 'Fonds ODD 17 du Val-de-Marne', description: 'Un fonds pour l’ingénierie des alliances du territoire.', legal_form: 'fondation', siret: SIRET, territory: 'commune:94080' }

async function fundRows(db: TestApp['db']) {
  return db.selectFrom('mobilisation_funds').selectAll().execute()
}

for (const dialect of DIALECTS) {
  describe(`mobilisation funds [${dialect.name}]`, () => {
    let t: TestApp
    let admin: Client
    let contributor: Client
    let outsider: Client
    let hostId: string
    let companyId: string
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      admin = new Client(t.app)
      contributor = new Client(t.app)
      outsider = new Client(t.app)
      await admin.signUp('fonds-admin@example.org')
      await contributor.signUp('fonds-contrib@example.org')
      await outsider.signUp('fonds-outsider@example.org')
      hostId = await insertOrganisation(t.db, 'Fondation du territoire', 'fondation')
      companyId = await insertOrganisation(t.db, 'Entreprise mécène', 'entreprise')
      await addMember(t.db, await userId(t.db, 'fonds-admin@example.org'), hostId, 'admin')
      await addMember(t.db, await userId(t.db, 'fonds-contrib@example.org'), companyId, 'admin')
    })
    after(() => t.close())

    test('creating a fund requires an account (page and API)', async () => {
      const anonymous = new Client(t.app)
      const page = await anonymous.get('/mobilisation/fonds/nouveau')
      assert.equal(page.statusCode, 303)
      assert.match(String(page.headers.location), /^\/connexion/)
      const api = await anonymous.json('POST', '/api/v1/mobilisation/funds', { host_organisation_id: hostId, ...FUND_FORM })
      assert.equal(api.statusCode, 401)
      assert.equal((await fundRows(t.db)).length, 0)
    })

    test('an invalid fund names every field and stores nothing', async () => {
      const res = await admin.post('/mobilisation/fonds/nouveau', { host_organisation_id: hostId, ...FUND_FORM, name: '  ', siret: '12345678901234', legal_form: 'sarl' })
      assert.equal(res.statusCode, 400)
      for (const field of ['name', 'legal_form']) assert.match(res.body, new RegExp(`href="#champ-${field}"`), field)
      // The service's own rules (the SIRET's checksum, the territory) once the form's shape is right.
      const siret = await admin.post('/mobilisation/fonds/nouveau', { host_organisation_id: hostId, ...FUND_FORM, siret: '12345678901234', territory: 'nulle part' })
      assert.equal(siret.statusCode, 400)
      for (const field of ['siret', 'territory']) assert.match(siret.body, new RegExp(`href="#champ-${field}"`), field)
      const api = await admin.json('POST', '/api/v1/mobilisation/funds', { host_organisation_id: hostId, ...FUND_FORM, siret: '1' })
      assert.equal(api.statusCode, 400)
      assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8')
      assert.equal((await fundRows(t.db)).length, 0)
    })

    test('hosting a fund for an organisation one is not an admin of answers 404', async () => {
      const res = await outsider.post('/mobilisation/fonds/nouveau', { host_organisation_id: hostId, ...FUND_FORM })
      assert.equal(res.statusCode, 404)
      assert.equal((await fundRows(t.db)).length, 0)
    })

    test('a fund is created, pledged to and paid into through the pages; the ledger reconciles', async () => {
      const created = await admin.post('/mobilisation/fonds/nouveau', { host_organisation_id: hostId, ...FUND_FORM })
      assert.equal(created.statusCode, 303)
      const [fund] = await fundRows(t.db)
      assert.ok(fund)
      assert.equal(created.headers.location, `/mobilisation/fonds/${fund.id}`)
      assert.equal(fund.host_organisation_id, hostId)
      assert.equal(fund.siret, SIRET)

      const pledged = await contributor.post(`/mobilisation/fonds/${fund.id}/promesses`, { organisation_id: companyId, amount: '1500,50', note: '' })
      assert.equal(pledged.statusCode, 303)
      const badAmount = await contributor.post(`/mobilisation/fonds/${fund.id}/promesses`, { organisation_id: companyId, amount: '10,555', note: '' })
      assert.equal(badAmount.statusCode, 400)
      const negative = await contributor.post(`/mobilisation/fonds/${fund.id}/promesses`, { organisation_id: companyId, amount: '-10', note: '' })
      assert.equal(negative.statusCode, 400)

      // Only the fund's admins record a payment received.
      const byContributor = await contributor.post(`/mobilisation/fonds/${fund.id}/versements`, { organisation_id: companyId, amount: '100', note: '' })
      assert.equal(byContributor.statusCode, 403)
      const paid = await admin.post(`/mobilisation/fonds/${fund.id}/versements`, { organisation_id: companyId, amount: '1000', note: '' })
      assert.equal(paid.statusCode, 303)
      const tooMuch = await admin.post(`/mobilisation/fonds/${fund.id}/versements`, { organisation_id: companyId, amount: '500,51', note: '' })
      assert.equal(tooMuch.statusCode, 409)

      const after = await t.db.selectFrom('mobilisation_funds').selectAll().where('id', '=', fund.id).executeTakeFirstOrThrow()
      assert.equal(Number(after.pledged_cents), 150050)
      assert.equal(Number(after.paid_cents), 100000)
      const entries = await t.db.selectFrom('mobilisation_fund_entries').select(['kind', 'amount_cents']).where('fund_id', '=', fund.id).orderBy('recorded_at').execute()
      assert.deepEqual(entries.map((e) => [e.kind, Number(e.amount_cents)]), [['pledge', 150050], ['payment', 100000]])

      const ledger = await admin.get(`/api/v1/mobilisation/funds/${fund.id}/ledger?page=99`)
      assert.equal(ledger.statusCode, 200)
      const body = ledger.json() as { data: unknown[]; total: number }
      assert.deepEqual(body.data, [])
      assert.equal(body.total, 2)
      assert.equal((await outsider.get(`/api/v1/mobilisation/funds/${fund.id}/ledger`)).statusCode, 403)
    })

    test('the API creates a fund and records a pledge', async () => {
      const res = await admin.json('POST', '/api/v1/mobilisation/funds', { host_organisation_id: hostId, ...FUND_FORM, name: 'Fonds par l’API' })
      assert.equal(res.statusCode, 201)
      const id = (res.json() as { data: { id: string } }).data.id
      const row = await t.db.selectFrom('mobilisation_funds').select('name').where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.name, 'Fonds par l’API')
      const pledge = await contributor.json('POST', `/api/v1/mobilisation/funds/${id}/pledges`, { organisation_id: companyId, amount: '250' })
      assert.equal(pledge.statusCode, 201)
      const contributorRow = await t.db.selectFrom('mobilisation_fund_contributors').select('pledged_cents').where('fund_id', '=', id).where('organisation_id', '=', companyId).executeTakeFirstOrThrow()
      assert.equal(Number(contributorRow.pledged_cents), 25000)
    })

    test('concurrent payments never exceed the pledge; concurrent grants never overspend the fund', async () => {
      const adminActor = await actorOf(t.db, 'fonds-admin@example.org')
      const contributorActor = await actorOf(t.db, 'fonds-contrib@example.org')
      const fundId = await createFund(t.db, adminActor, { hostOrganisationId: hostId, ...FUND_FORM, name: 'Fonds concurrent', legalForm: 'fondation' })
      await pledgeToFund(t.db, contributorActor, fundId, { organisationId: companyId, amount: '1000' })
      const payments = await Promise.allSettled(Array.from({ length: 8 }, () => recordFundPayment(t.db, adminActor, fundId, { organisationId: companyId, amount: '300' })))
      assert.equal(payments.filter((p) => p.status === 'fulfilled').length, 3)
      await declareCommitment(t.db, adminActor, fundId, { amount: '200', note: 'Délibération du conseil' })
      // Available: 900 paid in + 200 committed = 1 100 €; eight decisions of 250 € at once: four pass, never five.
      const grants = await Promise.allSettled(
        Array.from({ length: 8 }, () => t.db.transaction().execute((trx) => bookGrant(trx, { fundId, grantId: newId(), cents: 25000, day: '2026-12-05', userId: null }))),
      )
      assert.equal(grants.filter((g) => g.status === 'fulfilled').length, 4)
      for (const g of grants) if (g.status === 'rejected') assert.equal((g.reason as { code?: string }).code, 'ALLIANCE_ERR_INSUFFICIENT_FUNDS')
      const fund = await t.db.selectFrom('mobilisation_funds').selectAll().where('id', '=', fundId).executeTakeFirstOrThrow()
      assert.equal(Number(fund.paid_cents), 90000)
      assert.equal(Number(fund.granted_cents), 100000)
      assert.ok(Number(fund.paid_cents) <= Number(fund.pledged_cents))
      assert.ok(Number(fund.granted_cents) <= Number(fund.paid_cents) + Number(fund.committed_cents))
      const granted = await t.db.selectFrom('mobilisation_fund_entries').select('amount_cents').where('fund_id', '=', fundId).where('kind', '=', 'grant').execute()
      assert.equal(granted.reduce((sum, e) => sum + Number(e.amount_cents), 0), 100000)
    })
  })
}
