/**
 * The daily checks on both databases: a call for projects closing within a week reminds the alliances whose
 * application is still a draft, once (a second run, or a run by another process, tells nobody again); a call further
 * away, or already closed, reminds nobody; a grant report due within 30 days with no evaluation round is told to the
 * coordinators' admins of the funded alliance once, and not while the grant is unsigned.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { applicationInput, buildSelectionWorld, projectCallInput, shiftDay, type SelectionWorld } from '../../../test/helpers/mobilisation.js'
import { remindDraftApplicants, remindReportsDue, runDeadlineChecks } from './deadlines.js'
import { saveApplication, startApplication, submitApplication } from './projects/applications.service.js'
import { createProjectCall, publishProjectCall } from './projects/project-calls.service.js'

for (const dialect of DIALECTS) {
  describe(`mobilisation daily checks [${dialect.name}]`, () => {
    let t: TestApp
    let w: SelectionWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildSelectionWorld(t, 'dl')
    })
    after(() => t.close())

    const notices = (kind: string) => t.db.selectFrom('notifications').select(['user_id', 'link', 'params']).where('kind', '=', kind).orderBy('user_id').execute()

    test('a call closing within a week reminds the alliances with a draft, once; a submitted application is not reminded', async () => {
      const callId = await createProjectCall(t.db, w.actors.fundAdmin, w.fundId, { ...projectCallInput('Appel qui ferme bientôt'), deadlineAt: '2027-06-30T12:00' })
      await publishProjectCall(t.db, w.actors.fundAdmin, callId)
      const draftId = await startApplication(t.db, w.actors.applicantAdmin, callId, w.allianceId)
      await saveApplication(t.db, w.actors.applicantAdmin, draftId, applicationInput(w.org.C))
      const before = (await notices('mobilisation.deadline-soon')).length

      assert.equal(await remindDraftApplicants(t.db, new Date('2027-06-20T08:00:00Z')), 0, 'ten days before: too early')
      assert.equal(await remindDraftApplicants(t.db, new Date('2027-06-25T08:00:00Z')), 1)
      const sent = (await notices('mobilisation.deadline-soon')).slice(before)
      assert.ok(sent.length >= 1, 'the coordinators’ admins are told')
      assert.ok(sent.every((n) => n.link === `/mobilisation/candidatures/${draftId}`))
      assert.ok(sent.some((n) => n.user_id === w.actors.applicantAdmin.userId))
      assert.match(String(sent[0]?.params), /2027-06-30 12:00/, 'the deadline in Paris time')
      const call = await t.db.selectFrom('mobilisation_project_calls').select('reminded_at').where('id', '=', callId).executeTakeFirstOrThrow()
      assert.ok(call.reminded_at)

      assert.equal(await remindDraftApplicants(t.db, new Date('2027-06-26T08:00:00Z')), 0, 'a second run reminds nobody')
      assert.equal((await notices('mobilisation.deadline-soon')).length, before + sent.length)
    })

    test('a call whose applications are all submitted marks the call and tells nobody', async () => {
      const callId = await createProjectCall(t.db, w.actors.fundAdmin, w.fundId, { ...projectCallInput('Appel déjà rempli'), deadlineAt: '2027-09-30T12:00' })
      await publishProjectCall(t.db, w.actors.fundAdmin, callId)
      const id = await startApplication(t.db, w.actors.applicantAdmin, callId, w.allianceId)
      await saveApplication(t.db, w.actors.applicantAdmin, id, applicationInput(w.org.C))
      await submitApplication(t.db, w.actors.applicantAdmin, id)
      const before = (await notices('mobilisation.deadline-soon')).length
      assert.equal(await remindDraftApplicants(t.db, new Date('2027-09-27T08:00:00Z')), 1)
      assert.equal((await notices('mobilisation.deadline-soon')).length, before)
    })

    test('a report due within 30 days is told once to the funded alliance, only once the grant is signed', async () => {
      const report = await t.db.selectFrom('mobilisation_grant_reports').select(['due_on', 'round_id']).where('id', '=', w.reportId).executeTakeFirstOrThrow()
      assert.equal(report.round_id, null)
      const day = shiftDay(report.due_on, -10)
      const grant = await t.db.selectFrom('mobilisation_grants').select('status').where('id', '=', w.grantId).executeTakeFirstOrThrow()
      if (grant.status !== 'signed') {
        assert.equal(await remindReportsDue(t.db, day), 0, 'an unsigned grant reminds nobody')
        await t.db.updateTable('mobilisation_grants').set({ status: 'signed' }).where('id', '=', w.grantId).execute()
      }
      assert.equal(await remindReportsDue(t.db, shiftDay(report.due_on, -40)), 0, 'forty days before: too early')
      const checks = await runDeadlineChecks(t.db, new Date(`${day}T08:00:00Z`))
      assert.ok(checks.reportsReminded >= 1)
      const sent = (await notices('mobilisation.report-due')).filter((n) => n.link === `/mobilisation/conventions/${w.grantId}`)
      assert.ok(sent.some((n) => n.user_id === w.actors.applicantAdmin.userId), 'the coordinator’s admin is told')
      assert.equal(await remindReportsDue(t.db, day), 0, 'a second run tells nobody')
      assert.equal((await notices('mobilisation.report-due')).filter((n) => n.link === `/mobilisation/conventions/${w.grantId}`).length, sent.length)
    })
  })
}
