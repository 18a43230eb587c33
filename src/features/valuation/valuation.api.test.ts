/**
 * The valuation API and pages over HTTP on both databases, asserting on the database: an alliance's valued
 * totals equal the sum of its valued contributions (paged; past the last page: empty with the totals); a
 * partner states a value (three decimals refused with a clear message, nothing stored), removes it; the
 * coordinators adopt a table with a reason and write their own; platform admins publish a version (a rate
 * without source refused, nothing stored); an organisation's given and received contributions; a page's
 * invalid filter is dropped and named while the valid ones are kept.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildAllianceWorld, type AllianceWorld } from '../../../test/helpers/alliances.js'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { addContributionForTest } from '../../../test/helpers/evaluation.js'
import { ensureReferenceRateTable } from './rates.reference.js'

type Problem = { code: string; errors?: Array<{ field: string; message: string }> }
type Money = { cents: number; eur: string }

const rate = { contribution_type: 'benevolat', unit: 'hours', rate: '12,50', valid_from: '2024-01-01', method_note: 'Coût horaire convenu entre partenaires', source_text: 'Convention de l’alliance, article 4' }

for (const dialect of DIALECTS) {
  describe(`valuation API [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    let api: string
    let skills: string
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      await ensureReferenceRateTable(t.db)
      w = await buildAllianceWorld(t, 'vp')
      api = `/api/v1/valuation/alliances/${w.public.id}`
      skills = await addContributionForTest(t.db, w.public.id, w.org.P, { type: 'mecenat_competences', unit: 'hours', hundredths: 1050, day: '2025-03-10' })
      await addContributionForTest(t.db, w.public.id, w.org.C, { type: 'benevolat', unit: 'hours', hundredths: 2000, day: '2024-12-01' })
    })
    after(() => t.close())

    const rows = async (table: 'valuation_statements' | 'valuation_choices' | 'valuation_rate_tables' | 'valuation_rates') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    test('an alliance’s total is the sum of its valued contributions, every figure with its table; contributions paged', async () => {
      const totals = (await w.clients.anonymous.get(api)).json() as { data: { total: Money; count: number; method: { table: { version: number } | null }; contributions_href: string } }
      const list = (await w.clients.anonymous.get(`${api}/contributions?per_page=200`)).json() as { data: Array<{ value_cents: number | null; rate: { source_text: string } | null }>; total: number }
      assert.equal(list.total, totals.data.count)
      assert.equal(totals.data.total.cents, list.data.reduce((sum, c) => sum + (c.value_cents ?? 0), 0))
      assert.equal(totals.data.method.table?.version, 1)
      assert.ok(list.data.filter((c) => c.rate).every((c) => c.rate?.source_text), 'each rate names its source')
      assert.equal(totals.data.contributions_href, `${api}/contributions`)
      const past = (await w.clients.anonymous.get(`${api}/contributions?page=9&per_page=2`)).json() as { data: unknown[]; total: number; page: number; page_count: number }
      assert.deepEqual([past.data, past.total, past.page], [[], list.total, 9])
    })

    test('a partner states a value (three decimals refused, nothing stored), then removes it', async () => {
      const url = `${api}/contributions/${skills}`
      const refused = await w.clients.partnerMember.json('PUT', url, { value: '1 250,555', basis: 'Coût employeur des heures' })
      assert.equal(refused.statusCode, 400)
      assert.deepEqual((refused.json() as Problem).errors, [{ field: 'value', message: 'Deux décimales au plus (des centimes).' }])
      assert.equal(await rows('valuation_statements'), 0)
      const stated = await w.clients.partnerMember.json('PUT', url, { value: '1 250,50', basis: '  Coût employeur des heures  ', recipient_organisation_id: w.org.C })
      assert.equal(stated.statusCode, 200)
      const data = (stated.json() as { data: { value_cents: number; basis: string; statement: { basis: string } } }).data
      assert.deepEqual([data.value_cents, data.basis, data.statement.basis], [125050, 'stated', 'Coût employeur des heures'])
      const row = await t.db.selectFrom('valuation_statements').selectAll().executeTakeFirstOrThrow()
      assert.deepEqual([Number(row.value_cents), row.recipient_organisation_id], [125050, w.org.C])
      // The association C received it: its export lists it in its category of contributions in kind.
      const received = (await w.clients.coordinatorAdmin.get(`/api/v1/valuation/organisations/${w.org.C}/received?year=2025`)).json() as { data: Array<{ category: string; value_cents: number }> }
      assert.deepEqual(received.data.map((l) => [l.category, l.value_cents]), [['prestations_en_nature', 125050]])
      assert.equal((await w.clients.partnerAdmin.get(`/api/v1/valuation/organisations/${w.org.P}/received?year=2025`)).statusCode, 403, 'a company does not receive contributions in kind')
      const csv = await w.clients.coordinatorAdmin.get(`/valorisation/organisations/${w.org.C}/contributions-recues.csv?annee=2025`)
      assert.match(csv.body, /1250\.50/)
      assert.equal((await w.clients.partnerMember.json('DELETE', url, undefined)).statusCode, 204)
      assert.equal(await rows('valuation_statements'), 0)
    })

    test('coordinators write their own table and adopt it with a reason; no contribution row changes', async () => {
      const contributions = await t.db.selectFrom('alliance_contributions').selectAll().orderBy('id').execute()
      const created = await w.clients.coordinatorAdmin.json('POST', `${api}/rate-tables`, { title: 'Barème de l’alliance', method_note: 'Le coût horaire convenu entre les partenaires.', rates: [rate] })
      assert.equal(created.statusCode, 201)
      const table = (created.json() as { data: { id: string; version: number } }).data
      assert.equal(created.headers.location, `/api/v1/valuation/rate-tables/${table.id}`)
      assert.equal((await w.clients.coordinatorAdmin.json('PUT', `${api}/rate-table`, { rate_table_id: table.id, reason: 'court' })).statusCode, 400, 'a reason of ten characters at least')
      assert.equal(await rows('valuation_choices'), 0)
      assert.equal((await w.clients.coordinatorAdmin.json('PUT', `${api}/rate-table`, { rate_table_id: table.id, reason: 'Le coût convenu dans la convention de l’alliance' })).statusCode, 200)
      assert.equal(await rows('valuation_choices'), 1)
      const totals = (await w.clients.anonymous.get(`${api}?year=2024`)).json() as { data: { total: Money; by_type: Array<{ contribution_type: string; cents: number }>; method: { adopted: boolean; reason: string } } }
      assert.deepEqual(totals.data.by_type.find((x) => x.contribution_type === 'benevolat')?.cents, 40000, '12 + 20 hours at 12,50 €')
      assert.equal(totals.data.total.cents, 40000 + 150050, 'the gift of money at face value')
      assert.equal(totals.data.method.adopted, true)
      assert.deepEqual(await t.db.selectFrom('alliance_contributions').selectAll().orderBy('id').execute(), contributions)
      assert.equal((await w.clients.partnerAdmin.get(`/api/v1/valuation/rate-tables/${table.id}`)).statusCode, 200)
    })

    test('platform admins publish a version; a rate without source is refused with its field, nothing stored', async () => {
      const before = [await rows('valuation_rate_tables'), await rows('valuation_rates')]
      const refused = await w.clients.platformAdmin.json('POST', '/api/v1/valuation/rate-tables', { title: 'Barème 2', method_note: 'Nouvelle version du barème de la plateforme.', rates: [{ ...rate, source_text: '   ' }] })
      assert.equal(refused.statusCode, 400)
      assert.deepEqual((refused.json() as Problem).errors?.map((e) => e.field), ['rates'])
      assert.deepEqual([await rows('valuation_rate_tables'), await rows('valuation_rates')], before)
      assert.equal((await w.clients.coordinatorAdmin.json('POST', '/api/v1/valuation/rate-tables', { title: 'Barème 2', method_note: 'Nouvelle version du barème.', rates: [rate] })).statusCode, 403)
      const created = await w.clients.platformAdmin.json('POST', '/api/v1/valuation/rate-tables', { title: 'Barème 2', method_note: 'Nouvelle version du barème de la plateforme.', rates: [rate] })
      assert.equal(created.statusCode, 201)
      assert.equal((created.json() as { data: { version: number } }).data.version, 2)
      const list = (await w.clients.anonymous.get('/api/v1/valuation/rate-tables')).json() as { data: Array<{ version: number; is_default: boolean }>; total: number }
      assert.deepEqual(list.data.map((x) => [x.version, x.is_default]), [[2, true], [1, false]])
      assert.deepEqual((await w.clients.anonymous.get('/api/v1/valuation/rate-tables?page=2')).json(), { data: [], total: 2, page: 2, per_page: 20, page_count: 1 })
    })

    test('pages: an invalid filter is named and dropped, the valid ones kept; the rate table form keeps every problem', async () => {
      const page = await w.clients.anonymous.get('/valorisation?territoire=departement:94&annee=deux')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Un filtre n’a pas été appliqué/)
      assert.match(page.body, /« annee »/)
      assert.match(page.body, /Val-de-Marne/, 'the valid territory filter is kept')
      const before = await rows('valuation_rate_tables')
      const form = await w.clients.coordinatorAdmin.post(`/valorisation/alliances/${w.public.id}/baremes`, { title: '', method_note: 'Le coût horaire convenu.', 'rates.0.contribution_type': 'benevolat', 'rates.0.unit': 'hours', 'rates.0.rate': '12,505', 'rates.0.valid_from': '2024-01-01', 'rates.0.method_note': 'Convenu', 'rates.0.source_text': '' })
      assert.equal(form.statusCode, 400)
      for (const id of ['champ-title', 'champ-rates-0-rate', 'champ-rates-0-source_text']) assert.match(form.body, new RegExp(`href="#${id}"`), id)
      assert.equal(await rows('valuation_rate_tables'), before)
    })
  })
}
