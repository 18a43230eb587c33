/**
 * The API of calls for projects on both databases (`project-calls.api.ts`): every act needs an account (401
 * problem+json, nothing stored); invalid input is refused with every field named and nothing stored, whether the
 * schema or the service's rules find it; a call is drafted, read (a draft by its fund's admins only), changed,
 * published and given reviewers — each step asserted on the database.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { parisToday } from '../../../core/time/calendar.js'
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { buildSelectionWorld, mobilisationSnapshot, shiftDay, type SelectionWorld } from '../../../../test/helpers/mobilisation.js'

/** A complete API body: open tomorrow, deadline in 40 days (Paris times), a grid of two criteria. */
function callBody(title: string) {
  const today = parisToday()
  return {
    title,
    summary: 'Financer l’ingénierie des alliances du territoire.',
    territory: 'commune:94080',
    sdgs: [4, 17],
    min_amount: '1 000',
    max_amount: '20000,50',
    cofunding_min_percent: 20,
    min_worlds: 2,
    score_max: 5,
    opens_at: `${shiftDay(today, 1)}T09:00`,
    deadline_at: `${shiftDay(today, 40)}T12:00`,
    criteria: [{ label: 'Pertinence', weight: 2 }, { label: 'Coopération', weight: 1 }],
  }
}

/** The fields a problem+json answer names, after checking it is one. */
function problemFields(res: LightMyRequestResponse, status: number): string[] {
  assert.equal(res.statusCode, status, res.body)
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
  const problem = res.json() as { status: number; code: string; errors?: Array<{ field: string }> }
  assert.equal(problem.status, status)
  assert.match(problem.code, /^ALLIANCE_ERR_/)
  return (problem.errors ?? []).map((e) => e.field).sort()
}

for (const dialect of DIALECTS) {
  describe(`mobilisation calls for projects API [${dialect.name}]`, () => {
    let t: TestApp
    let w: SelectionWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildSelectionWorld(t, 'pca')
    })
    after(() => t.close())

    const callRow = (id: string) => t.db.selectFrom('mobilisation_project_calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const criteriaOf = async (id: string) => (await t.db.selectFrom('mobilisation_criteria').select(['position', 'label', 'weight']).where('call_id', '=', id).orderBy('position').execute()).map((c) => ({ ...c }))
    const sdgsOf = async (id: string) => (await t.db.selectFrom('mobilisation_project_call_sdgs').select('sdg').where('call_id', '=', id).orderBy('sdg').execute()).map((r) => r.sdg)
    const reviewersOf = async (id: string) => (await t.db.selectFrom('mobilisation_reviewers').select('user_id').where('call_id', '=', id).execute()).map((r) => r.user_id).sort()

    test('every act requires an account: 401 problem+json, nothing stored', async () => {
      const anonymous = w.clients.anonymous
      const before = await mobilisationSnapshot(t.db)
      const reviewerId = w.actors.reviewer.userId as string
      const answers = [
        await anonymous.json('POST', `/api/v1/mobilisation/funds/${w.fundId}/project-calls`, callBody('Appel anonyme')),
        await anonymous.json('PUT', `/api/v1/mobilisation/project-calls/${w.reviewCallId}`, callBody('Appel anonyme')),
        await anonymous.json('POST', `/api/v1/mobilisation/project-calls/${w.reviewCallId}/questionnaire`, {}),
        await anonymous.json('POST', `/api/v1/mobilisation/project-calls/${w.reviewCallId}/publish`, {}),
        await anonymous.get(`/api/v1/mobilisation/project-calls/${w.reviewCallId}/reviewers`),
        await anonymous.json('POST', `/api/v1/mobilisation/project-calls/${w.reviewCallId}/reviewers`, { user_id: reviewerId }),
        await anonymous.json('DELETE', `/api/v1/mobilisation/project-calls/${w.reviewCallId}/reviewers/${reviewerId}`, undefined),
      ]
      for (const res of answers) assert.deepEqual(problemFields(res, 401), [])
      assert.equal(await mobilisationSnapshot(t.db), before)
      // A published call is public, as its page.
      const published = await anonymous.get(`/api/v1/mobilisation/project-calls/${w.reviewCallId}`)
      assert.equal(published.statusCode, 200)
      assert.equal(published.json().data.status, 'published')
    })

    test('invalid input is refused with every field named, and nothing is stored', async () => {
      const admin = w.clients.fundAdmin
      const before = await mobilisationSnapshot(t.db)
      // What the schema finds: an empty title, an unknown SDG, a percentage above 100, a malformed time, no criteria.
      const bad = { ...callBody('x'), title: '', sdgs: [18], cofunding_min_percent: 120, deadline_at: '30/06/2027', criteria: [] }
      const schema = problemFields(await admin.json('POST', `/api/v1/mobilisation/funds/${w.fundId}/project-calls`, bad), 400)
      for (const field of ['title', 'sdgs', 'cofunding_min_percent', 'deadline_at', 'criteria']) assert.ok(schema.some((f) => f === field || f.startsWith(`${field}/`) || f.startsWith(`${field}.`)), `${field} in ${schema.join(',')}`)
      // What the service's rules find: an unknown territory, a maximum below the minimum, a deadline before the
      // opening, a three-decimal amount, a criterion too short.
      const rules = { ...callBody('Appel incohérent'), territory: 'commune:00000', min_amount: '5000', max_amount: '1000', deadline_at: `${shiftDay(parisToday(), 1)}T08:00`, opens_at: `${shiftDay(parisToday(), 2)}T09:00`, criteria: [{ label: 'ab', weight: 1 }] }
      const service = problemFields(await admin.json('POST', `/api/v1/mobilisation/funds/${w.fundId}/project-calls`, rules), 400)
      assert.deepEqual(service, ['criteria', 'deadline_at', 'max_amount', 'territory'])
      const decimals = problemFields(await admin.json('POST', `/api/v1/mobilisation/funds/${w.fundId}/project-calls`, { ...callBody('Appel aux millièmes'), min_amount: '1000,123' }), 400)
      assert.deepEqual(decimals, ['min_amount'])
      assert.equal(await mobilisationSnapshot(t.db), before)
      // Changing a draft and assigning its reviewers check their input the same way.
      const draft = await admin.json('POST', `/api/v1/mobilisation/funds/${w.fundId}/project-calls`, callBody('Appel à corriger'))
      assert.equal(draft.statusCode, 201)
      const id = draft.json().data.id as string
      const afterDraft = await mobilisationSnapshot(t.db)
      const update = problemFields(await admin.json('PUT', `/api/v1/mobilisation/project-calls/${id}`, { ...callBody('Appel à corriger'), max_amount: '' }), 400)
      assert.deepEqual(update, ['max_amount'])
      const reviewer = problemFields(await admin.json('POST', `/api/v1/mobilisation/project-calls/${id}/reviewers`, { user_id: 'nobody' }), 400)
      assert.deepEqual(reviewer, ['user_id'])
      // Someone outside the fund's committee cannot review its calls.
      const outsider = problemFields(await admin.json('POST', `/api/v1/mobilisation/project-calls/${id}/reviewers`, { user_id: w.actors.applicantAdmin.userId }), 400)
      assert.deepEqual(outsider, ['user_id'])
      assert.equal(await mobilisationSnapshot(t.db), afterDraft)
      assert.equal((await callRow(id)).title, 'Appel à corriger')
    })

    test('a call is drafted, read by its fund’s admins only, changed, published and given reviewers', async () => {
      const admin = w.clients.fundAdmin
      const created = await admin.json('POST', `/api/v1/mobilisation/funds/${w.fundId}/project-calls`, callBody('Appel par l’API'))
      assert.equal(created.statusCode, 201, created.body)
      const id = created.json().data.id as string
      let row = await callRow(id)
      assert.equal(row.fund_id, w.fundId)
      assert.equal(row.status, 'draft')
      assert.equal(row.title, 'Appel par l’API')
      assert.equal(Number(row.min_amount_cents), 100_000)
      assert.equal(Number(row.max_amount_cents), 2_000_050)
      assert.equal(row.territory_id, 'commune:94080')
      assert.equal(row.published_at, null)
      assert.deepEqual(await criteriaOf(id), [{ position: 1, label: 'Pertinence', weight: 2 }, { position: 2, label: 'Coopération', weight: 1 }])
      assert.deepEqual(await sdgsOf(id), [4, 17])
      assert.equal(created.json().data.phase, 'draft')

      // A draft is its fund's admins' only: 404 for everyone else, signed in or not, and left out of their list.
      const listed = async (person: 'anonymous' | 'applicantAdmin' | 'fundAdmin') => {
        const res = await w.clients[person].get('/api/v1/mobilisation/project-calls?per_page=100')
        assert.equal(res.statusCode, 200)
        return (res.json().data as Array<{ id: string }>).map((c) => c.id)
      }
      assert.ok((await listed('fundAdmin')).includes(id))
      assert.ok(!(await listed('anonymous')).includes(id))
      assert.ok(!(await listed('applicantAdmin')).includes(id))
      assert.ok((await listed('anonymous')).includes(w.reviewCallId))
      for (const person of ['anonymous', 'applicantAdmin', 'reviewer', 'platformAdmin'] as const) assert.equal((await w.clients[person].get(`/api/v1/mobilisation/project-calls/${id}`)).statusCode, 404, person)
      const read = await admin.get(`/api/v1/mobilisation/project-calls/${id}`)
      assert.equal(read.statusCode, 200)
      assert.deepEqual(read.json().data.criteria, [{ position: 1, label: 'Pertinence', weight: 2 }, { position: 2, label: 'Coopération', weight: 1 }])
      assert.equal(read.json().data.min_amount, created.json().data.min_amount)

      const changed = await admin.json('PUT', `/api/v1/mobilisation/project-calls/${id}`, { ...callBody('Appel par l’API, revu'), sdgs: [11], score_max: 10, criteria: [{ label: 'Impact social', weight: 3 }] })
      assert.equal(changed.statusCode, 200, changed.body)
      row = await callRow(id)
      assert.equal(row.title, 'Appel par l’API, revu')
      assert.equal(row.score_max, 10)
      assert.deepEqual(await criteriaOf(id), [{ position: 1, label: 'Impact social', weight: 3 }])
      assert.deepEqual(await sdgsOf(id), [11])

      const questionnaire = await admin.json('POST', `/api/v1/mobilisation/project-calls/${id}/questionnaire`, {})
      assert.equal(questionnaire.statusCode, 201, questionnaire.body)
      row = await callRow(id)
      assert.ok(row.questionnaire_id)
      assert.equal(questionnaire.json().data.questionnaire.id, row.questionnaire_id)
      const again = await admin.json('POST', `/api/v1/mobilisation/project-calls/${id}/questionnaire`, {})
      assert.equal(again.statusCode, 409)

      const reviewerId = w.actors.reviewer.userId as string
      const assigned = await admin.json('POST', `/api/v1/mobilisation/project-calls/${id}/reviewers`, { user_id: reviewerId })
      assert.equal(assigned.statusCode, 201, assigned.body)
      assert.deepEqual(assigned.json().data.map((r: { user_id: string }) => r.user_id), [reviewerId])
      assert.deepEqual(await reviewersOf(id), [reviewerId])
      const told = await t.db.selectFrom('notifications').select('user_id').where('user_id', '=', reviewerId).where('link', '=', `/mobilisation/appels-a-projets/${id}`).execute()
      assert.equal(told.length, 1, 'the reviewer is told')
      const twice = await admin.json('POST', `/api/v1/mobilisation/project-calls/${id}/reviewers`, { user_id: reviewerId })
      assert.equal(twice.statusCode, 409)
      const other = w.actors.conflictedReviewer.userId as string
      assert.equal((await admin.json('POST', `/api/v1/mobilisation/project-calls/${id}/reviewers`, { user_id: other })).statusCode, 201)
      const list = await admin.get(`/api/v1/mobilisation/project-calls/${id}/reviewers`)
      assert.equal(list.statusCode, 200)
      assert.deepEqual(list.json().data.map((r: { user_id: string }) => r.user_id).sort(), [reviewerId, other].sort())
      const removed = await admin.json('DELETE', `/api/v1/mobilisation/project-calls/${id}/reviewers/${other}`, undefined)
      assert.equal(removed.statusCode, 204)
      assert.deepEqual(await reviewersOf(id), [reviewerId])
      assert.equal((await admin.json('DELETE', `/api/v1/mobilisation/project-calls/${id}/reviewers/${other}`, undefined)).statusCode, 404)

      const published = await admin.json('POST', `/api/v1/mobilisation/project-calls/${id}/publish`, {})
      assert.equal(published.statusCode, 200, published.body)
      row = await callRow(id)
      assert.equal(row.status, 'published')
      assert.ok(row.published_at)
      assert.equal(published.json().data.phase, 'upcoming')
      // Published: public, and its rules are frozen.
      const seen = await w.clients.anonymous.get(`/api/v1/mobilisation/project-calls/${id}`)
      assert.equal(seen.statusCode, 200)
      assert.equal(seen.json().data.title, 'Appel par l’API, revu')
      assert.ok((await listed('anonymous')).includes(id))
      const before = await mobilisationSnapshot(t.db)
      assert.equal((await admin.json('PUT', `/api/v1/mobilisation/project-calls/${id}`, callBody('Trop tard'))).statusCode, 409)
      assert.equal((await admin.json('POST', `/api/v1/mobilisation/project-calls/${id}/publish`, {})).statusCode, 409)
      // Seeing a published call does not let one run it.
      assert.equal((await w.clients.reviewer.json('POST', `/api/v1/mobilisation/project-calls/${id}/reviewers`, { user_id: other })).statusCode, 403)
      assert.equal((await w.clients.reviewer.get(`/api/v1/mobilisation/project-calls/${id}/reviewers`)).statusCode, 403)
      assert.equal(await mobilisationSnapshot(t.db), before)
    })
  })
}
