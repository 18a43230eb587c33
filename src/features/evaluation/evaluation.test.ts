/**
 * The evaluation use cases on both databases: opening a round (dates checked, one pending round at a time),
 * answering for one's organisation (drafts by members, submission by admins, the scale, 404 for another
 * organisation, nothing stored on refusal), crossed views only after closing, the review's approvals and
 * publication, and the notifications of the acts that wait on someone.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId } from '../../core/db/values.js'
import { AppError } from '../../core/errors.js'
import { actorOf, addMember, buildAllianceWorld, insertOrganisation, userId, type AllianceWorld } from '../../../test/helpers/alliances.js'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { fullAnswer } from '../../../test/helpers/evaluation.js'
import { saveAnswer } from './answers.service.js'
import { cellKey, impactKey } from './evaluation.grid.js'
import { loadRoundView, readReview } from './evaluation.read.js'
import { approveReview, publishReview } from './review.service.js'
import { closeRound, openRound } from './rounds.service.js'
import { parisToday } from '../../core/time/calendar.js'

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

async function refused(work: Promise<unknown>, status: number, code?: string): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  assert.ok(error instanceof AppError, `expected an AppError ${status}, got ${String(error)}`)
  assert.equal(error.status, status, `${error.code} ${error.messageKey}`)
  if (code) assert.equal(error.code, code)
  return error
}

for (const dialect of DIALECTS) {
  describe(`evaluation rounds and reviews [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    let third: string
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildAllianceWorld(t, 'ev')
      // A third active partner (an association) whose admin is the coordinator's admin too.
      third = await insertOrganisation(t.db, 'ev Troisième association', 'association')
      await addMember(t.db, await userId(t.db, w.emails.coordinatorAdmin), third, 'admin')
      for (const alliance of [w.public.id, w.partners.id]) {
        await t.db.insertInto('alliance_partners').values({ id: newId(), alliance_id: alliance, organisation_id: third, role: 'operateur', status: 'active', brings: '', expects: '', invited_by: null, invited_at: '2024-01-01T00:00:00.000Z', responded_by: null, joined_on: '2024-02-01', left_on: null, left_reason: '', updated_at: '2024-01-01T00:00:00.000Z' }).execute()
      }
    })
    after(() => t.close())

    const today = () => parisToday()
    const roundInput = () => ({ title: 'Bilan de la première année', periodStart: '2024-01-01', periodEnd: '2024-12-31', closesOn: addDays(today(), 30), disclosure: 'named' })

    test('a round closing before it opens is refused with every wrong field, and nothing is stored', async () => {
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      const error = await refused(openRound(t.db, coordinator, w.public.id, { title: 'x', periodStart: '2024-12-31', periodEnd: '2024-01-01', opensOn: addDays(today(), 10), closesOn: addDays(today(), 5), disclosure: 'secret' }), 400)
      assert.deepEqual(error.fields.map((f) => f.field).sort(), ['closes_on', 'disclosure', 'period_end', 'title'])
      assert.equal((await t.db.selectFrom('evaluation_rounds').selectAll().execute()).length, 0)
      await refused(openRound(t.db, await actorOf(t.db, w.emails.partnerAdmin), w.public.id, roundInput()), 403)
      await refused(openRound(t.db, await actorOf(t.db, w.emails.nonMember), w.partners.id, roundInput()), 404)
    })

    test('three partners answer for their organisation; drafts stay private; the round closes; crossed views appear', async () => {
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      const member = await actorOf(t.db, w.emails.partnerMember)
      const admin = await actorOf(t.db, w.emails.partnerAdmin)
      const roundId = await openRound(t.db, coordinator, w.public.id, roundInput())
      const notified = await t.db.selectFrom('notifications').select('user_id').where('message_key', '=', 'evaluation.notify.roundOpened').execute()
      // Every member of an active partner is told, except the coordinator who opened it (not told of their own act).
      assert.deepEqual(new Set(notified.map((n) => n.user_id)), new Set([member.userId, admin.userId]))
      await refused(openRound(t.db, coordinator, w.public.id, roundInput()), 409)

      // A member drafts for its organisation; submitting is for its admins.
      await saveAnswer(t.db, member, w.public.id, roundId, w.org.P, fullAnswer(2, {}, false))
      await refused(saveAnswer(t.db, member, w.public.id, roundId, w.org.P, fullAnswer(2)), 403)
      // Answering for an organisation one is not in: 404, nothing stored.
      const before = await t.db.selectFrom('evaluation_answers').selectAll().execute()
      await refused(saveAnswer(t.db, member, w.public.id, roundId, w.org.C, fullAnswer(3)), 404)
      // A level outside the scale, and a submission with a cell left empty: 400 naming the fields.
      const bad = fullAnswer(3)
      bad.ratings[cellKey('produit', 'sens')] = { level: 7, comment: '' }
      bad.impacts[impactKey('confiance', 'territoire')] = undefined
      const error = await refused(saveAnswer(t.db, admin, w.public.id, roundId, w.org.P, bad), 400)
      assert.deepEqual(error.fields.map((f) => f.field), ['level.produit.sens', 'level.impact.confiance.territoire'])
      assert.deepEqual(await t.db.selectFrom('evaluation_answers').selectAll().execute(), before)

      await saveAnswer(t.db, admin, w.public.id, roundId, w.org.P, fullAnswer(2, { [cellKey('equilibre', 'clarte')]: 4 }))
      // While open, a partner sees its own answer only.
      const view = await loadRoundView(t.db, coordinator, w.public.id, roundId)
      assert.equal(view.crossed, null)
      assert.deepEqual(view.own.map((o) => o.organisationId).sort(), [w.org.C, third].sort())
      assert.ok(view.own.every((o) => o.answer === undefined))
      assert.equal(view.respondents.find((r) => r.organisationId === w.org.P)?.submitted, true)

      await saveAnswer(t.db, coordinator, w.public.id, roundId, w.org.C, fullAnswer(4, { [cellKey('equilibre', 'clarte')]: 0 }))
      await saveAnswer(t.db, coordinator, w.public.id, roundId, third, fullAnswer(3, {}, false))
      await closeRound(t.db, coordinator, w.public.id, roundId)
      await refused(closeRound(t.db, coordinator, w.public.id, roundId), 409, 'ALLIANCE_ERR_ROUND_CLOSED')
      await refused(saveAnswer(t.db, admin, w.public.id, roundId, w.org.P, fullAnswer(3)), 409, 'ALLIANCE_ERR_ROUND_CLOSED')

      const closed = await loadRoundView(t.db, member, w.public.id, roundId)
      const crossed = closed.crossed
      assert.ok(crossed)
      assert.equal(crossed.respondents.find((r) => r.organisationId === third)?.answered, false, 'a draft at closing is not an answer')
      const first = crossed.cells[0]
      assert.ok(first?.disagreement, 'disagreements first')
      assert.equal(first?.spread, 2)
      const clarte = crossed.cells.find((c) => c.key === 'equilibre.clarte')
      assert.equal(clarte?.dontKnow, 1)
      assert.equal(clarte?.spread, 0, '"ne sait pas" never enters a spread')
    })

    test('the review is approved by every active partner, twice is refused, then published', async () => {
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      const admin = await actorOf(t.db, w.emails.partnerAdmin)
      const member = await actorOf(t.db, w.emails.partnerMember)
      const round = await t.db.selectFrom('evaluation_rounds').select('id').where('alliance_id', '=', w.public.id).executeTakeFirstOrThrow()
      const { review } = await readReview(t.db, member, w.public.id, round.id)
      assert.ok(review)
      assert.equal(review.version, 1)
      assert.equal(review.document.partners.length, 3)
      await refused(readReview(t.db, await actorOf(t.db, w.emails.nonMember), w.public.id, round.id), 403)
      await refused(publishReview(t.db, coordinator, w.public.id, round.id), 409, 'ALLIANCE_ERR_REVIEW_NOT_APPROVED')
      await refused(approveReview(t.db, member, w.public.id, round.id, { organisationId: w.org.P, version: 1 }), 403)
      await approveReview(t.db, coordinator, w.public.id, round.id, { organisationId: w.org.C, version: 1 })
      await refused(approveReview(t.db, coordinator, w.public.id, round.id, { organisationId: w.org.C, version: 1 }), 409, 'ALLIANCE_ERR_ALREADY_APPROVED')
      await approveReview(t.db, coordinator, w.public.id, round.id, { organisationId: third, version: 1 })
      // The last approval (another partner's) tells the coordinators' admins that they may publish.
      await approveReview(t.db, admin, w.public.id, round.id, { organisationId: w.org.P, version: 1 })
      const ready = await t.db.selectFrom('notifications').select('user_id').where('message_key', '=', 'evaluation.notify.reviewReady').execute()
      assert.deepEqual(ready.map((r) => r.user_id), [coordinator.userId])
      await publishReview(t.db, coordinator, w.public.id, round.id)
      const published = await readReview(t.db, await actorOf(t.db, w.emails.nonMember), w.public.id, round.id)
      assert.ok(published.review?.published_at, 'a published review of a public alliance is read by everyone')
    })

    test('a partners-only alliance never publishes its review', async () => {
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      const admin = await actorOf(t.db, w.emails.partnerAdmin)
      const roundId = await openRound(t.db, coordinator, w.partners.id, { ...roundInput(), disclosure: 'worlds' })
      await saveAnswer(t.db, admin, w.partners.id, roundId, w.org.P, fullAnswer(3))
      await closeRound(t.db, coordinator, w.partners.id, roundId)
      const view = await loadRoundView(t.db, admin, w.partners.id, roundId)
      assert.equal(view.crossed?.tooFew, true, 'one answer shown per world would say who answered what')
      for (const org of [w.org.C, third]) await approveReview(t.db, coordinator, w.partners.id, roundId, { organisationId: org, version: 1 })
      await approveReview(t.db, admin, w.partners.id, roundId, { organisationId: w.org.P, version: 1 })
      await refused(publishReview(t.db, coordinator, w.partners.id, roundId), 409, 'ALLIANCE_ERR_REVIEW_NOT_APPROVED')
    })
  })
}
