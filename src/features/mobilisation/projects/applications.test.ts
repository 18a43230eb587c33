/**
 * Applications on both databases: starting one needs an account; a budget whose lines do not add up and a
 * three-decimal amount are refused with every field named and nothing stored; the deadline is a Paris time, also on
 * the days the clocks change (the last Sundays of March and October): an application a minute late is refused with
 * nothing stored, one a minute early is accepted; through the pages, a late submission is refused too.
 */
import assert from 'node:assert/strict'
import { after, before, describe, mock, test } from 'node:test'
import { AppError } from '../../../core/errors.js'
import { buildTestApp, textOf, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { applicationInput, buildSelectionWorld, closeApplications, mobilisationSnapshot, projectCallInput, type SelectionWorld } from '../../../../test/helpers/mobilisation.js'
import { saveApplication, startApplication, submitApplication } from './applications.service.js'
import { createProjectCall, publishProjectCall } from './project-calls.service.js'
import { projectCallPhase } from './projects.queries.js'

for (const dialect of DIALECTS) {
  describe(`mobilisation applications [${dialect.name}]`, () => {
    let t: TestApp
    let w: SelectionWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildSelectionWorld(t, 'app')
    })
    after(() => t.close())

    /** A published call of the world's fund with the deadline written in Paris time, and a saved draft. */
    const draftFor = async (title: string, deadlineAt: string) => {
      const callId = await createProjectCall(t.db, w.actors.fundAdmin, w.fundId, { ...projectCallInput(title), deadlineAt })
      await publishProjectCall(t.db, w.actors.fundAdmin, callId)
      const id = await startApplication(t.db, w.actors.applicantAdmin, callId, w.allianceId)
      await saveApplication(t.db, w.actors.applicantAdmin, id, applicationInput(w.org.C))
      return { callId, id }
    }
    const status = async (id: string) => (await t.db.selectFrom('mobilisation_applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
    /** Runs `act` with the clock set to `iso` (Date only: the databases and sockets keep their own time). */
    const at = async <T,>(iso: string, act: () => Promise<T>): Promise<T> => {
      mock.timers.enable({ apis: ['Date'], now: new Date(iso) })
      try {
        return await act()
      } finally {
        mock.timers.reset()
      }
    }
    const refusedAsLate = async (act: () => Promise<unknown>) => {
      await assert.rejects(act, (error: unknown) => error instanceof AppError && error.code === 'ALLIANCE_ERR_DEADLINE_PASSED')
    }

    test('starting an application requires an account (page and API)', async () => {
      const page = await w.clients.anonymous.post(`/mobilisation/appels-a-projets/${w.reviewCallId}/candidatures`, { alliance_id: w.allianceId })
      assert.equal(page.statusCode, 303)
      assert.match(String(page.headers.location), /^\/connexion/)
      const api = await w.clients.anonymous.json('POST', `/api/v1/mobilisation/project-calls/${w.reviewCallId}/applications`, { alliance_id: w.allianceId })
      assert.equal(api.statusCode, 401)
    })

    test('a budget whose lines do not add up, or a three-decimal amount, is refused and nothing is stored', async () => {
      const { id } = await draftFor('Appel au budget', '2027-06-30T12:00')
      const before = await mobilisationSnapshot(t.db)
      const unbalanced = await w.clients.applicantAdmin.post(`/mobilisation/candidatures/${id}/modifier`, {
        intent: 'draft', title: 'Ingénierie de l’alliance', summary: 'Coordonner les partenaires du quartier pendant un an.', beneficiary_organisation_id: w.org.C, requested: '5000',
        expense_label_1: 'Animation', expense_amount_1: '10000', resource_source_1: 'own', resource_label_1: 'Fonds propres', resource_amount_1: '4000',
      })
      assert.equal(unbalanced.statusCode, 400)
      assert.match(textOf(unbalanced.body), /n’est pas équilibré/)
      const decimals = await w.clients.applicantAdmin.json('PUT', `/api/v1/mobilisation/applications/${id}`, {
        title: 'Ingénierie de l’alliance', summary: 'Coordonner les partenaires du quartier.', beneficiary_organisation_id: w.org.C, requested: '5000,123',
        expenses: [{ label: 'Animation', amount: '10000' }], resources: [{ source: 'own', label: 'Fonds propres', amount: '-5000' }],
      })
      assert.equal(decimals.statusCode, 400)
      const fields = (decimals.json().errors as Array<{ field: string }>).map((e) => e.field)
      assert.ok(fields.includes('requested'), fields.join(','))
      assert.ok(fields.includes('resources'), fields.join(','))
      assert.equal(await mobilisationSnapshot(t.db), before)
    })

    test('the deadline is a Paris time on the day summer time begins (28 March 2027, UTC+1 → UTC+2)', async () => {
      const { callId, id } = await draftFor('Appel du printemps', '2027-03-28T12:00')
      const call = await t.db.selectFrom('mobilisation_project_calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow()
      // Noon in Paris that day is 10:00 UTC (summer time), not 11:00 (winter time).
      assert.equal(call.deadline_at, '2027-03-28T10:00:00.000Z')
      assert.equal(projectCallPhase(call, '2027-03-28T09:59:00.000Z'), 'open')
      assert.equal(projectCallPhase(call, '2027-03-28T10:30:00.000Z'), 'review')
      const before = await mobilisationSnapshot(t.db)
      await at('2027-03-28T10:30:00.000Z', () => refusedAsLate(() => submitApplication(t.db, w.actors.applicantAdmin, id)))
      await at('2027-03-28T10:30:00.000Z', () => refusedAsLate(() => saveApplication(t.db, w.actors.applicantAdmin, id, applicationInput(w.org.C, 'Changé trop tard'))))
      assert.equal(await mobilisationSnapshot(t.db), before)
      await at('2027-03-28T09:59:00.000Z', () => submitApplication(t.db, w.actors.applicantAdmin, id))
      assert.equal(await status(id), 'submitted')
    })

    test('the deadline is a Paris time on the day winter time begins (31 October 2027, UTC+2 → UTC+1)', async () => {
      const { id } = await draftFor('Appel de l’automne', '2027-10-31T12:00')
      const before = await mobilisationSnapshot(t.db)
      // Noon in Paris that day is 11:00 UTC: at 11:01 UTC it is late, at 10:30 UTC (11:30 in Paris) it is not.
      await at('2027-10-31T11:01:00.000Z', () => refusedAsLate(() => submitApplication(t.db, w.actors.applicantAdmin, id)))
      assert.equal(await mobilisationSnapshot(t.db), before)
      await at('2027-10-31T10:30:00.000Z', () => submitApplication(t.db, w.actors.applicantAdmin, id))
      assert.equal(await status(id), 'submitted')
    })

    test('a deadline inside the spring gap does not exist and is refused', async () => {
      const res = await w.clients.fundAdmin.post(`/mobilisation/fonds/${w.fundId}/appels-a-projets/nouveau`, {
        title: 'Appel impossible', summary: 'Une heure qui n’existe pas.', territory: 'commune:94080', min_amount: '1000', max_amount: '20000', cofunding_min_percent: '20', min_worlds: '2', score_max: '5',
        opens_at: '2027-03-01T09:00', deadline_at: '2027-03-28T02:30', criterion_label_1: 'Pertinence', criterion_weight_1: '1',
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /href="#champ-deadline_at"/)
    })

    test('through the pages, a submission after the deadline is refused and nothing is stored', async () => {
      const { callId, id } = await draftFor('Appel clos', '2027-06-30T12:00')
      await closeApplications(t.db, callId)
      const before = await mobilisationSnapshot(t.db)
      const res = await w.clients.applicantAdmin.post(`/mobilisation/candidatures/${id}/modifier`, {
        intent: 'submit', title: 'Ingénierie de l’alliance', summary: 'Coordonner les partenaires du quartier pendant un an.', beneficiary_organisation_id: w.org.C, requested: '5000',
        expense_label_1: 'Animation', expense_amount_1: '10000', resource_source_1: 'own', resource_label_1: 'Fonds propres', resource_amount_1: '5000',
      })
      assert.equal(res.statusCode, 409)
      assert.match(textOf(res.body), /clôture des candidatures/)
      assert.equal(await mobilisationSnapshot(t.db), before)
      assert.equal(await status(id), 'draft')
    })
  })
}
