/**
 * The selection through its pages and API on both databases: reviewing needs an account; a score outside the grid
 * is refused with every criterion named and nothing stored; a reviewer whose organisation is a partner of the
 * applying alliance is refused for the conflict; reviews submitted, a decision recorded (the grant booked in the
 * fund's ledger), decisions published; a decision with a three-decimal amount is refused and nothing is stored.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../../test/helpers/app.js'
import { addMember, userId } from '../../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { buildSelectionWorld, mobilisationSnapshot, type SelectionWorld } from '../../../../test/helpers/mobilisation.js'
import { addCommitteeMember } from '../funds/funds.service.js'
import { assignReviewer } from '../projects/project-calls.service.js'

for (const dialect of DIALECTS) {
  describe(`mobilisation selection [${dialect.name}]`, () => {
    let t: TestApp
    let w: SelectionWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildSelectionWorld(t, 'sel')
    })
    after(() => t.close())

    test('reviewing requires an account (page and API)', async () => {
      const page = await w.clients.anonymous.post(`/mobilisation/candidatures/${w.applicationId}/evaluation`, { intent: 'submit', score_1: '4', score_2: '3' })
      assert.equal(page.statusCode, 303)
      assert.match(String(page.headers.location), /^\/connexion/)
      const api = await w.clients.anonymous.json('PUT', `/api/v1/mobilisation/applications/${w.applicationId}/review`, { scores: [{ position: 1, score: 4 }], submit: true })
      assert.equal(api.statusCode, 401)
    })

    test('a score outside the grid is refused, every criterion named, nothing stored', async () => {
      const before = await mobilisationSnapshot(t.db)
      const res = await w.clients.reviewer.post(`/mobilisation/candidatures/${w.applicationId}/evaluation`, { intent: 'submit', score_1: '6', score_2: '2,5' })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /href="#champ-score_1"/)
      assert.match(res.body, /href="#champ-score_2"/)
      assert.match(textOf(res.body), /de 0 à 5/)
      const api = await w.clients.reviewer.json('PUT', `/api/v1/mobilisation/applications/${w.applicationId}/review`, { scores: [{ position: 1, score: -1 }, { position: 2, score: 3 }], submit: true })
      assert.equal(api.statusCode, 400)
      assert.equal(api.headers['content-type']?.toString().startsWith('application/problem+json'), true)
      assert.equal(await mobilisationSnapshot(t.db), before)
    })

    test('a reviewer whose organisation is a partner of the alliance is refused for the conflict', async () => {
      const client = new Client(t.app)
      await client.signUp('sel-partner-reviewer@example.org', 'un mot de passe très long', 'Dominique Partenaire')
      const id = await userId(t.db, 'sel-partner-reviewer@example.org')
      await addMember(t.db, id, w.org.P, 'member')
      await addCommitteeMember(t.db, w.actors.fundAdmin, w.fundId, { email: 'sel-partner-reviewer@example.org', role: 'member' })
      await assignReviewer(t.db, w.actors.fundAdmin, w.reviewCallId, id)
      const res = await client.post(`/mobilisation/candidatures/${w.applicationId}/evaluation`, { intent: 'submit', score_1: '5', score_2: '5' })
      assert.equal(res.statusCode, 403)
      assert.match(textOf(res.body), /partenaire de cette alliance/)
      const stored = await t.db.selectFrom('mobilisation_reviews').select('user_id').where('user_id', '=', id).execute()
      assert.deepEqual(stored, [])
    })

    test('reviews, a decision and its publication: the grant is booked and the applicants told', async () => {
      const draft = await w.clients.reviewer.post(`/mobilisation/candidatures/${w.applicationId}/evaluation`, { intent: 'draft', score_1: '4', comment: 'Bon début.' })
      assert.equal(draft.statusCode, 303)
      const saved = await t.db.selectFrom('mobilisation_reviews').selectAll().where('application_id', '=', w.applicationId).where('user_id', '=', w.actors.reviewer.userId as string).executeTakeFirstOrThrow()
      assert.equal(saved.status, 'draft')
      const submit = await w.clients.reviewer.json('PUT', `/api/v1/mobilisation/applications/${w.applicationId}/review`, { scores: [{ position: 1, score: 4 }, { position: 2, score: 3 }], comment: 'Solide et bien partagé.', submit: true })
      assert.equal(submit.statusCode, 200)
      const review = await t.db.selectFrom('mobilisation_reviews').selectAll().where('application_id', '=', w.applicationId).where('user_id', '=', w.actors.reviewer.userId as string).executeTakeFirstOrThrow()
      assert.equal(review.status, 'submitted')
      // (2 × 4 + 1 × 3) / (3 × 5) = 0.7333… → 733 thousandths
      assert.equal(review.total_milli, 733)
      const again = await w.clients.reviewer.json('PUT', `/api/v1/mobilisation/applications/${w.applicationId}/review`, { scores: [{ position: 1, score: 5 }, { position: 2, score: 5 }], submit: true })
      assert.equal(again.statusCode, 409)

      const deliberation = await w.clients.reviewer.get(`/mobilisation/appels-a-projets/${w.reviewCallId}/deliberation`)
      assert.equal(deliberation.statusCode, 200)
      assert.match(textOf(deliberation.body), /73,3/)
      assert.match(textOf(deliberation.body), /Solide et bien partagé/)

      const fundBefore = await t.db.selectFrom('mobilisation_funds').selectAll().where('id', '=', w.fundId).executeTakeFirstOrThrow()
      const before = await mobilisationSnapshot(t.db)
      const bad = await w.clients.fundAdmin.post(`/mobilisation/candidatures/${w.applicationId}/decision`, { outcome: 'funded', amount: '4000,125', reasons: 'Bien.' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /href="#champ-amount"/)
      assert.match(bad.body, /href="#champ-reasons"/)
      assert.equal(await mobilisationSnapshot(t.db), before)

      const decided = await w.clients.fundAdmin.post(`/mobilisation/candidatures/${w.applicationId}/decision`, { outcome: 'funded', amount: '4000', conditions: 'Un compte rendu à six mois.', reasons: 'Une alliance solide ; budget resserré.' })
      assert.equal(decided.statusCode, 303)
      const grant = await t.db.selectFrom('mobilisation_grants').selectAll().where('application_id', '=', w.applicationId).executeTakeFirstOrThrow()
      assert.equal(Number(grant.amount_cents), 400_000)
      assert.equal(grant.status, 'to_sign')
      const fundAfter = await t.db.selectFrom('mobilisation_funds').selectAll().where('id', '=', w.fundId).executeTakeFirstOrThrow()
      assert.equal(Number(fundAfter.granted_cents) - Number(fundBefore.granted_cents), 400_000)

      const api = await w.clients.fundAdmin.get(`/api/v1/mobilisation/project-calls/${w.reviewCallId}/deliberation`)
      assert.equal(api.statusCode, 200)
      const body = api.json()
      assert.equal(body.total, 1)
      assert.equal(body.data[0].decision.amount, '4000.00')
      assert.equal(body.data[0].score.n, 1, 'the conflicted reviewer’s absence leaves one review')
      assert.equal(body.data[0].excluded_reviewers, 2, 'the declared conflict and the partner’s conflict are counted')

      const published = await w.clients.fundAdmin.post(`/mobilisation/appels-a-projets/${w.reviewCallId}/decisions`, {})
      assert.equal(published.statusCode, 303)
      const call = await t.db.selectFrom('mobilisation_project_calls').select(['status', 'decided_at']).where('id', '=', w.reviewCallId).executeTakeFirstOrThrow()
      assert.equal(call.status, 'decided')
      const decision = await t.db.selectFrom('mobilisation_decisions').select('published_at').where('application_id', '=', w.applicationId).executeTakeFirstOrThrow()
      assert.notEqual(decision.published_at, null)
      const told = await t.db.selectFrom('notifications').select('kind').where('kind', 'like', 'mobilisation.%').execute()
      assert.ok(told.length > 0)
      const member = await w.clients.applicantMember.get(`/mobilisation/candidatures/${w.applicationId}`)
      assert.match(textOf(member.body), /Une alliance solide/)
    })
  })
}
