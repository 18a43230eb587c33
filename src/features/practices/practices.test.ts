/**
 * The capitalisation library on both databases: a sheet needs a published review; the library finds it by
 * text and by each filter, and follows its alliance's changes; "S'en inspirer" starts an alliance that keeps the
 * link both ways.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { AppError } from '../../core/errors.js'
import { actorOf, buildAllianceWorld, type AllianceWorld } from '../../../test/helpers/alliances.js'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { fullAnswer, SHEET } from '../../../test/helpers/evaluation.js'
import { approveReview, closeRound, openRound, publishReview, saveAnswer } from '../evaluation/index.js'
import { loadSheetPage, searchSheets } from './practices.read.js'
import { refreshLibrary } from './practices.search.js'
import { createSheet, inspireAlliance } from './practices.service.js'
import { parisToday } from '../../core/time/calendar.js'

for (const dialect of DIALECTS) {
  describe(`practices [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    let roundId: string
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildAllianceWorld(t, 'pr')
    })
    after(() => t.close())

    test('a sheet is written from a published review only', async () => {
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      const admin = await actorOf(t.db, w.emails.partnerAdmin)
      const closes = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10)
      roundId = await openRound(t.db, coordinator, w.public.id, { title: 'Premier bilan', periodStart: '2024-01-01', periodEnd: parisToday(), closesOn: closes, disclosure: 'named' })
      await saveAnswer(t.db, admin, w.public.id, roundId, w.org.P, fullAnswer(3))
      await saveAnswer(t.db, coordinator, w.public.id, roundId, w.org.C, fullAnswer(4))
      await closeRound(t.db, coordinator, w.public.id, roundId)
      const early = await createSheet(t.db, coordinator, w.public.id, roundId, SHEET).catch((e: unknown) => e)
      assert.ok(early instanceof AppError && early.status === 409)
      await approveReview(t.db, admin, w.public.id, roundId, { organisationId: w.org.P, version: 1 })
      await approveReview(t.db, coordinator, w.public.id, roundId, { organisationId: w.org.C, version: 1 })
      await publishReview(t.db, coordinator, w.public.id, roundId)
      const short = await createSheet(t.db, coordinator, w.public.id, roundId, { ...SHEET, lessons: 'court', domains: [] }).catch((e: unknown) => e)
      assert.ok(short instanceof AppError && short.status === 400)
      assert.deepEqual(short.fields.map((f) => f.field), ['lessons', 'domains'])
      const forbidden = await createSheet(t.db, admin, w.public.id, roundId, SHEET).catch((e: unknown) => e)
      assert.ok(forbidden instanceof AppError && forbidden.status === 403)
      await createSheet(t.db, coordinator, w.public.id, roundId, SHEET)
    })

    test('the library finds the sheet by text and by every filter, and follows its alliance', async () => {
      const find = async (filters: Parameters<typeof searchSheets>[1]) => (await searchSheets(t.db, filters, 1, 20)).rows.map((r) => r.title)
      assert.deepEqual(await find({}), [SHEET.title])
      assert.deepEqual(await find({ text: 'ateliers numeriques' }), [SHEET.title])
      assert.deepEqual(await find({ text: 'introuvable' }), [])
      assert.deepEqual(await find({ sdg: 4, domain: 'numerique', form: 'experimentation_collective', world: 'entreprise', phase: 'experimentation', region: 'region:11' }), [SHEET.title])
      assert.deepEqual(await find({ world: 'fondation' }), [], 'the invited foundation is not yet a partner')
      assert.deepEqual(await find({ sdg: 13 }), [])
      // The alliance changes phase (its directory summary follows; a trigger notes it): the facet follows at the next search.
      await t.db.updateTable('alliance_directory').set({ phase: 'deploiement' }).where('alliance_id', '=', w.public.id).execute()
      assert.equal(await refreshLibrary(t.db), 1)
      assert.deepEqual(await find({ phase: 'deploiement' }), [SHEET.title])
      assert.deepEqual(await find({ phase: 'experimentation' }), [])
    })

    test('"S\'en inspirer" starts an alliance that copies the stakes and charter, and the link is kept both ways', async () => {
      const outsider = await actorOf(t.db, w.emails.nonMember)
      const sheet = await t.db.selectFrom('practice_sheets').select('id').executeTakeFirstOrThrow()
      const alliancesBefore = await t.db.selectFrom('alliances').select('id').execute()
      const refusedInput = await inspireAlliance(t.db, outsider, sheet.id, { coordinatorOrganisationId: w.org.C, name: 'Copie', territoryIds: ['commune:94033'], startedOn: '2026-01-05', visibility: 'public' }, { publicUrl: 'http://alliance.test' }).catch((e: unknown) => e)
      assert.ok(refusedInput instanceof AppError && refusedInput.status === 404, 'coordinating for an organisation one does not administer: it does not exist for the actor')
      assert.deepEqual(await t.db.selectFrom('alliances').select('id').execute(), alliancesBefore, 'nothing stored')
      const id = await inspireAlliance(t.db, outsider, sheet.id, { coordinatorOrganisationId: w.org.O, name: 'Ateliers numériques de Fontenay', territoryIds: ['commune:94033'], startedOn: '2026-01-05', visibility: 'public' }, { publicUrl: 'http://alliance.test' })
      const created = await t.db.selectFrom('alliances').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      const source = await t.db.selectFrom('alliances').selectAll().where('id', '=', w.public.id).executeTakeFirstOrThrow()
      assert.equal(created.stakes, source.stakes)
      const charter = await t.db.selectFrom('alliance_charters').selectAll().where('alliance_id', '=', id).executeTakeFirstOrThrow()
      assert.match(charter.principles, /côte à côte/)
      assert.match(charter.governance, /Coordinateur/)
      const journal = await t.db.selectFrom('alliance_journal_entries').select('title').where('alliance_id', '=', id).execute()
      assert.ok(journal.some((j) => j.title.includes(SHEET.title)))
      const page = await loadSheetPage(t.db, outsider, sheet.id)
      assert.deepEqual(page.replications.map((r) => r.name), ['Ateliers numériques de Fontenay'])
      assert.equal(page.replications[0]?.territories[0]?.departementCode, '94')
      assert.equal(page.valuation.report.count, 2)
    })
  })
}
