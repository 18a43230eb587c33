/**
 * Calls to engage and pledges on both databases: a local authority drafts and publishes a call, a company pledges
 * to it through the page without JavaScript, the call's progress counts the pledge; writes require an account,
 * invalid pledges (negative, three decimals, past due date) are refused with every field named and nothing stored,
 * and a pledge for an organisation one does not administer answers 404.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { parisToday } from '../../../core/time/calendar.js'
import { buildTestApp, Client, textOf, type TestApp } from '../../../../test/helpers/app.js'
import { addMember, insertOrganisation, userId } from '../../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

const pledges = (db: TestApp['db']) => db.selectFrom('mobilisation_pledges').selectAll().execute()

for (const dialect of DIALECTS) {
  describe(`mobilisation calls and pledges [${dialect.name}]`, () => {
    let t: TestApp
    let authority: Client
    let company: Client
    let outsider: Client
    let cityId: string
    let companyId: string
    let callId: string
    const today = parisToday()
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      authority = new Client(t.app)
      company = new Client(t.app)
      outsider = new Client(t.app)
      await authority.signUp('ville@example.org')
      await company.signUp('entreprise@example.org')
      await outsider.signUp('ailleurs@example.org')
      cityId = await insertOrganisation(t.db, 'Ville de Vitry', 'collectivite')
      companyId = await insertOrganisation(t.db, 'Entreprise du port', 'entreprise')
      await addMember(t.db, await userId(t.db, 'ville@example.org'), cityId, 'admin')
      await addMember(t.db, await userId(t.db, 'entreprise@example.org'), companyId, 'admin')
    })
    after(() => t.close())

    test('drafting a call requires an account and refuses invalid input', async () => {
      const anonymous = new Client(t.app)
      assert.equal((await anonymous.json('POST', '/api/v1/mobilisation/calls', {})).statusCode, 401)
      const page = await anonymous.get('/mobilisation/appels/nouveau')
      assert.equal(page.statusCode, 303)
      const bad = await authority.json('POST', '/api/v1/mobilisation/calls', { organisation_id: cityId, title: ' ', summary: 'x', territory: 'commune:94080', starts_on: '2026-02-30', ends_on: today })
      assert.equal(bad.statusCode, 400)
      const fields = (bad.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field)
      for (const field of ['title', 'starts_on']) assert.ok(fields.includes(field), `${field} in ${fields.join(', ')}`)
      assert.equal((await t.db.selectFrom('mobilisation_calls').select('id').execute()).length, 0)
    })

    test('a local authority drafts and publishes a call through the pages', async () => {
      const res = await authority.post('/mobilisation/appels/nouveau', { organisation_id: cityId, title: 'Mobilisation pour l’emploi des jeunes', summary: 'Les entreprises du territoire s’engagent pour l’emploi des jeunes.', territory: 'commune:94080', starts_on: today, ends_on: shiftDay(today, 60), goal_euros: '10000', goal_skills: '200' })
      assert.equal(res.statusCode, 303)
      const call = await t.db.selectFrom('mobilisation_calls').selectAll().executeTakeFirstOrThrow()
      callId = call.id
      assert.equal(call.status, 'draft')
      assert.equal((await t.db.selectFrom('mobilisation_call_goals').select(['help_kind', 'target_hundredths']).where('call_id', '=', callId).orderBy('help_kind').execute()).length, 2)
      // A draft is the publisher's: another organisation's draft answers 404.
      assert.equal((await outsider.get(`/mobilisation/appels/${callId}`)).statusCode, 404)
      assert.equal((await company.post(`/mobilisation/appels/${callId}/publier`, {})).statusCode, 404)
      const published = await authority.post(`/mobilisation/appels/${callId}/publier`, {})
      assert.equal(published.statusCode, 303)
      assert.equal((await t.db.selectFrom('mobilisation_calls').select('status').where('id', '=', callId).executeTakeFirstOrThrow()).status, 'published')
      assert.equal((await new Client(t.app).get(`/mobilisation/appels/${callId}`)).statusCode, 200)
    })

    test('pledging requires an account; invalid pledges are refused and nothing is stored', async () => {
      const anonymous = new Client(t.app)
      assert.equal((await anonymous.json('POST', '/api/v1/mobilisation/pledges', { organisation_id: companyId, help_kind: 'euros', quantity: '10', due_on: today, call_id: callId })).statusCode, 401)
      const form = await anonymous.get(`/mobilisation/engagements/nouveau?appel=${callId}`)
      assert.equal(form.statusCode, 303)
      for (const quantity of ['-100', '10,555']) {
        const res = await company.post('/mobilisation/engagements', { organisation_id: companyId, help_kind: 'euros', quantity, due_on: shiftDay(today, 30), call_id: callId })
        assert.equal(res.statusCode, 400, quantity)
        assert.match(res.body, /href="#champ-quantity"/)
      }
      const past = await company.post('/mobilisation/engagements', { organisation_id: companyId, help_kind: 'euros', quantity: '100', due_on: shiftDay(today, -1), call_id: callId })
      assert.equal(past.statusCode, 400)
      assert.match(past.body, /href="#champ-due_on"/)
      const notAsked = await company.json('POST', '/api/v1/mobilisation/pledges', { organisation_id: companyId, help_kind: 'goods', quantity: '3', due_on: shiftDay(today, 30), call_id: callId })
      assert.equal(notAsked.statusCode, 400)
      // Acting for an organisation one does not administer: 404, not a field error.
      const other = await outsider.post('/mobilisation/engagements', { organisation_id: companyId, help_kind: 'euros', quantity: '100', due_on: shiftDay(today, 30), call_id: callId })
      assert.equal(other.statusCode, 404)
      assert.equal((await pledges(t.db)).length, 0)
    })

    test('a company pledges to the call; the call shows its progress', async () => {
      const res = await company.post('/mobilisation/engagements', { organisation_id: companyId, help_kind: 'euros', quantity: '2 500,50', due_on: shiftDay(today, 30), call_id: callId, schedule: 'Deux versements' })
      assert.equal(res.statusCode, 303)
      const [pledge] = await pledges(t.db)
      assert.ok(pledge)
      assert.equal(res.headers.location, `/mobilisation/engagements/${pledge.id}`)
      assert.equal(Number(pledge.quantity_hundredths), 250050)
      assert.equal(pledge.organisation_id, companyId)
      assert.equal(pledge.call_id, callId)
      assert.equal(pledge.pledged_on, today)
      const page = textOf((await new Client(t.app).get(`/mobilisation/appels/${callId}`)).body)
      assert.match(page, /2\s500,50/)
      const api = await new Client(t.app).get(`/api/v1/mobilisation/calls/${callId}`)
      assert.equal(api.statusCode, 200)

      const withdrawnByOther = await outsider.post(`/mobilisation/engagements/${pledge.id}/retrait`, { reason: '' })
      assert.ok([403, 404].includes(withdrawnByOther.statusCode))
      const withdrawn = await company.post(`/mobilisation/engagements/${pledge.id}/retrait`, { reason: 'Budget revu' })
      assert.equal(withdrawn.statusCode, 303)
      assert.equal((await t.db.selectFrom('mobilisation_pledges').select('status').where('id', '=', pledge.id).executeTakeFirstOrThrow()).status, 'withdrawn')
    })

    test('an organisation’s page of pledges pages past the end with its totals', async () => {
      const res = await new Client(t.app).get(`/api/v1/mobilisation/organisations/${companyId}/pledges?page=50`)
      assert.equal(res.statusCode, 200)
      const body = res.json() as { data: unknown[]; total: number }
      assert.deepEqual(body.data, [])
      assert.equal(typeof body.total, 'number')
    })
  })
}
