/**
 * The evaluation API over HTTP on both databases, asserting on the database: a round opened, answered for two
 * organisations, closed; its crossed views and its review exactly as the services compute them (no field lost
 * by the response schemas); approvals and publication; the indicators; lists paged (past the last page: empty
 * with the totals); and the bad input, each a clear message naming its field, nothing stored — a
 * rating outside the scale, a round closing before it opens, a value with three decimals, answering for an
 * organisation one is not in (404), approving twice (409).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { actorOf, buildAllianceWorld, type AllianceWorld } from '../../../test/helpers/alliances.js'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { parisToday } from '../../core/time/calendar.js'
import { ensureReferenceRateTable } from '../valuation/index.js'
import { cellKey, CURRENT_GRID, impactKey } from './evaluation.grid.js'
import { loadRoundView, readReview, reviewJson } from './evaluation.read.js'

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** An API answer: every cell and impact at `level`. */
function answer(level: number, submit: boolean) {
  const ratings: Record<string, { level: number; comment?: string }> = {}
  for (const o of CURRENT_GRID.objects) for (const a of CURRENT_GRID.approaches) ratings[cellKey(o, a)] = { level, comment: `  ${o} ${a}  ` }
  const impacts: Record<string, { level: number }> = {}
  for (const i of CURRENT_GRID.impacts) for (const s of CURRENT_GRID.scopes) impacts[impactKey(i, s)] = { level }
  return { ratings, impacts, lessons: 'Se parler tôt', submit }
}

type Problem = { code: string; detail: string; errors?: Array<{ field: string; message: string }> }

for (const dialect of DIALECTS) {
  describe(`evaluation API [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    let base: string
    let roundId: string
    before(async () => {
      t = await buildTestApp(dialect)
      await ensureReferenceRateTable(t.db)
      w = await buildAllianceWorld(t, 'ea')
      base = `/api/v1/evaluation/alliances/${w.public.id}`
    })
    after(() => t.close())

    const count = async (table: 'evaluation_rounds' | 'evaluation_answers' | 'evaluation_ratings' | 'evaluation_review_approvals' | 'evaluation_indicators' | 'evaluation_indicator_values') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    test('a round closing before it opens is refused naming each day, and nothing is stored', async () => {
      const today = parisToday()
      const res = await w.clients.coordinatorAdmin.json('POST', `${base}/rounds`, { title: 'Bilan', period_start: '2024-12-31', period_end: '2024-01-01', opens_on: addDays(today, 10), closes_on: addDays(today, 5), disclosure: 'named' })
      assert.equal(res.statusCode, 400)
      assert.match(String(res.headers['content-type']), /problem\+json/)
      const problem = res.json() as Problem
      assert.deepEqual(problem.errors?.map((e) => e.field).sort(), ['closes_on', 'period_end'])
      assert.match(problem.errors?.find((e) => e.field === 'closes_on')?.message ?? '', /ouverture/i)
      assert.equal(await count('evaluation_rounds'), 0)
    })

    test('a round opens, two partners answer, it closes: the crossed views and the review are what the services compute', async () => {
      const today = parisToday()
      const opened = await w.clients.coordinatorAdmin.json('POST', `${base}/rounds`, { title: '  Bilan de la première année  ', period_start: '2024-01-01', period_end: today, closes_on: addDays(today, 30), disclosure: 'named' })
      assert.equal(opened.statusCode, 201)
      const round = (opened.json() as { data: { id: string; title: string; status: string; href: string } }).data
      roundId = round.id
      assert.equal(opened.headers.location, `${base}/rounds/${roundId}`)
      assert.equal(round.title, 'Bilan de la première année', 'text is trimmed')
      assert.equal(round.status, 'open')
      assert.equal(round.href, `/evaluation/${w.public.id}/temps/${roundId}`)
      assert.equal((await t.db.selectFrom('evaluation_rounds').select('title').where('id', '=', roundId).executeTakeFirstOrThrow()).title, 'Bilan de la première année')

      // A rating outside the scale: the cell is named, nothing stored.
      const bad = answer(2, true)
      bad.ratings[cellKey('produit', 'sens')] = { level: 7 }
      const refused = await w.clients.partnerAdmin.json('PUT', `${base}/rounds/${roundId}/answers/${w.org.P}`, bad)
      assert.equal(refused.statusCode, 400)
      assert.deepEqual((refused.json() as Problem).errors?.map((e) => e.field), ['ratings'])
      assert.equal(await count('evaluation_answers'), 0)
      // Answering for an organisation one is not in: 404, nothing stored.
      assert.equal((await w.clients.partnerAdmin.json('PUT', `${base}/rounds/${roundId}/answers/${w.org.C}`, answer(2, true))).statusCode, 404)
      assert.equal(await count('evaluation_answers'), 0)

      const p = await w.clients.partnerAdmin.json('PUT', `${base}/rounds/${roundId}/answers/${w.org.P}`, answer(2, true))
      assert.equal(p.statusCode, 200)
      const saved = (p.json() as { data: { status: string; ratings: Record<string, { level: number; comment: string }> } }).data
      assert.equal(saved.status, 'submitted')
      assert.deepEqual(saved.ratings[cellKey('produit', 'sens')], { level: 2, comment: 'produit sens' })
      assert.equal(await count('evaluation_ratings'), 21)
      assert.equal((await w.clients.coordinatorAdmin.json('PUT', `${base}/rounds/${roundId}/answers/${w.org.C}`, answer(4, true))).statusCode, 200)

      const list = await w.clients.partnerMember.get(`${base}/rounds`)
      assert.deepEqual((list.json() as { data: Array<{ id: string; submitted: number }>; total: number }).data.map((r) => [r.id, r.submitted]), [[roundId, 2]])
      const past = (await w.clients.partnerMember.get(`${base}/rounds?page=3&per_page=1`)).json() as { data: unknown[]; total: number; page: number; page_count: number }
      assert.deepEqual(past, { data: [], total: 1, page: 3, per_page: 1, page_count: 1 })

      const closed = await w.clients.coordinatorAdmin.json('POST', `${base}/rounds/${roundId}/close`, {})
      assert.equal(closed.statusCode, 200)
      assert.equal((closed.json() as { data: { status: string } }).data.status, 'closed')
      assert.ok((await t.db.selectFrom('evaluation_rounds').select('closed_at').where('id', '=', roundId).executeTakeFirstOrThrow()).closed_at)

      const member = await actorOf(t.db, w.emails.partnerMember)
      const detail = (await w.clients.partnerMember.get(`${base}/rounds/${roundId}`)).json() as { data: { crossed: unknown } }
      const view = await loadRoundView(t.db, member, w.public.id, roundId)
      assert.deepEqual(detail.data.crossed, JSON.parse(JSON.stringify(view.crossed)))
      const review = (await w.clients.partnerMember.get(`${base}/rounds/${roundId}/review`)).json() as { data: unknown }
      const { review: stored } = await readReview(t.db, member, w.public.id, roundId)
      assert.ok(stored)
      assert.deepEqual(review.data, JSON.parse(JSON.stringify(reviewJson(stored))))
    })

    test('each partner approves once (twice: 409, nothing stored), then the review is published and public', async () => {
      const approve = (client: 'partnerAdmin' | 'coordinatorAdmin', organisation_id: string) => w.clients[client].json('POST', `${base}/rounds/${roundId}/review/approvals`, { organisation_id, version: 1 })
      assert.equal((await approve('partnerAdmin', w.org.P)).statusCode, 201)
      const twice = await approve('partnerAdmin', w.org.P)
      assert.equal(twice.statusCode, 409)
      assert.equal((twice.json() as Problem).code, 'ALLIANCE_ERR_ALREADY_APPROVED')
      assert.match((twice.json() as Problem).detail, /déjà approuvé/)
      assert.equal(await count('evaluation_review_approvals'), 1)
      assert.equal((await approve('partnerAdmin', w.org.C)).statusCode, 404, 'approving for an organisation one is not in')
      assert.equal((await approve('coordinatorAdmin', w.org.C)).statusCode, 201)
      const published = await w.clients.coordinatorAdmin.json('POST', `${base}/rounds/${roundId}/review/publication`, {})
      assert.equal(published.statusCode, 200)
      assert.ok((await t.db.selectFrom('evaluation_reviews').select('published_at').where('round_id', '=', roundId).executeTakeFirstOrThrow()).published_at)
      assert.equal((await w.clients.anonymous.get(`${base}/rounds/${roundId}/review`)).statusCode, 200, 'a published review of a public alliance is public')
    })

    test('indicators: defined, changed, a value recorded; three decimals refused; paged', async () => {
      const created = await w.clients.coordinatorAdmin.json('POST', `${base}/indicators`, { name: 'Jeunes accompagnés', unit: 'personnes', direction: 'hausse', baseline: '12', baseline_on: '2024-01-01', target: '40', target_on: '2026-12-31', sdg_target: '4.1', source: 'Registre des ateliers' })
      assert.equal(created.statusCode, 201)
      const indicator = (created.json() as { data: { id: string; baseline_hundredths: number; href: string } }).data
      assert.equal(indicator.baseline_hundredths, 1200)
      assert.equal(indicator.href, `/evaluation/${w.public.id}/indicateurs`)
      const changed = await w.clients.coordinatorAdmin.json('PATCH', `${base}/indicators/${indicator.id}`, { name: 'Jeunes accompagnés', unit: 'jeunes', direction: 'hausse', source: 'Registre des ateliers' })
      assert.equal(changed.statusCode, 200)
      assert.equal((await t.db.selectFrom('evaluation_indicators').select('unit').where('id', '=', indicator.id).executeTakeFirstOrThrow()).unit, 'jeunes')

      const value = { organisation_id: w.org.P, measured_on: '2025-06-30', value: '18,5', source: 'Feuilles de présence' }
      const threeDecimals = await w.clients.partnerMember.json('POST', `${base}/indicators/${indicator.id}/values`, { ...value, value: '18,555' })
      assert.equal(threeDecimals.statusCode, 400)
      assert.deepEqual((threeDecimals.json() as Problem).errors, [{ field: 'value', message: 'Deux décimales au plus.' }])
      assert.equal((await w.clients.partnerMember.json('POST', `${base}/indicators/${indicator.id}/values`, { ...value, organisation_id: w.org.C })).statusCode, 404)
      assert.equal(await count('evaluation_indicator_values'), 0)
      const recorded = await w.clients.partnerMember.json('POST', `${base}/indicators/${indicator.id}/values`, value)
      assert.equal(recorded.statusCode, 201)
      assert.equal(Number((await t.db.selectFrom('evaluation_indicator_values').select('value_hundredths').executeTakeFirstOrThrow()).value_hundredths), 1850)

      const list = (await w.clients.anonymous.get(`${base}/indicators`)).json() as { data: Array<{ values: unknown[] }>; total: number }
      assert.equal(list.total, 1)
      assert.equal(list.data[0]?.values.length, 1)
      assert.deepEqual((await w.clients.anonymous.get(`${base}/indicators?page=2`)).json(), { data: [], total: 1, page: 2, per_page: 20, page_count: 1 })
    })

    test('the OpenAPI document names the components and every answered status', async () => {
      const doc = (await w.clients.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } }
      for (const name of ['EvaluationRound', 'EvaluationAnswer', 'CrossedView', 'EvaluationReview', 'Indicator', 'EvaluationRoundInput']) assert.ok(name in doc.components.schemas, name)
      const approvals = doc.paths['/api/v1/evaluation/alliances/{id}/rounds/{roundId}/review/approvals']?.post
      assert.deepEqual(Object.keys(approvals?.responses ?? {}).sort(), ['201', '400', '401', '403', '404', '409', '413', '500'])
    })
  })
}
