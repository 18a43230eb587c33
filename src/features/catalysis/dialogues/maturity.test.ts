/**
 * The maturity grid and a dialogue's self-diagnosis: grids with overlapping, missing or inverted ranges are
 * refused with a clear message and nothing stored; scoring follows the documented rules; on both databases a
 * dialogue launches its questionnaire through the surveys module, participants answer it, the level is
 * computed and published only once every participating organisation agrees.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import type { AppError } from '../../../core/errors.js'
import { respondentKeyOfUser, saveAnswers } from '../../surveys/index.js'
import { syncVocabulary } from '../../vocabulary/index.js'
import { actorOf, addMember, buildCatalysisWorld, insertOrganisation, insertUser, openCatalysisDatabase, PILOT_EPT, type CatalysisWorld } from '../../../../test/helpers/catalysis.js'
import { DIALECTS, type TestDatabase } from '../../../../test/helpers/dialects.js'
import { loadTestGeography } from '../../../../test/helpers/geography.js'
import { createDialogue, giveView, raiseFinding } from './dialogues.service.js'
import { importanceByWorld, listFindings } from './dialogues.queries.js'
import { DEFAULT_GRID, gridProblems, levelOf, scoreAnswers, type Grid } from './maturity.grid.js'
import { answerConsent, computeMaturity, currentGrid, launchSelfDiagnosis, saveGrid } from './maturity.service.js'

const withLevels = (ranges: Array<[number, number]>): Grid => ({ ...DEFAULT_GRID, levels: DEFAULT_GRID.levels.map((l, i) => ({ ...l, min: ranges[i]![0], max: ranges[i]![1] })) })

describe('the maturity grid', () => {
  test('the default grid is valid, says which level is documented, and covers 0 to 100', () => {
    assert.deepEqual(gridProblems(DEFAULT_GRID), [])
    const documented = DEFAULT_GRID.levels.filter((l) => l.source !== null)
    assert.deepEqual(documented.map((l) => l.label), ['Accompagner les initiatives locales inspirantes'])
    assert.equal(levelOf(DEFAULT_GRID, 0).code, 'rencontre')
    assert.equal(levelOf(DEFAULT_GRID, 100).code, 'essaimage')
  })
  test('overlapping, missing, inverted or out-of-bounds ranges are refused', () => {
    assert.deepEqual(gridProblems(withLevels([[0, 40], [30, 55], [55, 80], [80, 100]])).map((p) => p.message), ['catalysis.error.gridOverlap'])
    assert.deepEqual(gridProblems(withLevels([[0, 30], [35, 55], [55, 80], [80, 100]])).map((p) => p.message), ['catalysis.error.gridGap'])
    assert.ok(gridProblems(withLevels([[0, 30], [30, 55], [80, 55], [80, 100]])).some((p) => p.message === 'catalysis.error.gridRange'))
    assert.deepEqual(gridProblems(withLevels([[5, 30], [30, 55], [55, 80], [80, 100]])).map((p) => p.message), ['catalysis.error.gridBounds'])
  })
  test('scoring: means per criterion, weighted mean, the level of its range, levers ranked first', () => {
    const s = scoreAnswers(DEFAULT_GRID, [
      { q1: { action: 1, vision: 2, gestion: 3 }, q2: 'plutot', q3: 4, q4: 3, q8: 5, q9: 3, q10: 3, q11: 1 },
      { q1: { vision: 1, action: 2, gestion: 3 }, q2: 'tout_a_fait', q3: 6, q4: 12, q8: 5, q9: 3, q10: 3, q11: 1 },
    ])!
    assert.equal(s.criteria.cooperation, 50)
    assert.equal(s.criteria.conviction, 83.5)
    assert.equal(s.criteria.diversite, 65)
    // (50×2 + 83.5 + 65 + 50×2 + 30 + 30×2 + 10) / 10
    assert.equal(s.score, 44.9)
    assert.equal(s.level.code, 'initiatives')
    assert.deepEqual(s.leverFirst, { vision: 50, gestion: 0, action: 50 })
    assert.equal(scoreAnswers(DEFAULT_GRID, [{ q5: 'texte' }]), null)
  })
  test('property: every score from 0 to 100 falls in exactly one level of a valid grid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 97 }), fc.integer({ min: 1, max: 97 }), fc.integer({ min: 1, max: 97 }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b, c, score) => {
        const [x, y, z] = [...new Set([a, b, c])].sort((p, q) => p - q)
        if (x === undefined || y === undefined || z === undefined) return
        const grid = withLevels([[0, x], [x, y], [y, z], [z, 100]])
        assert.deepEqual(gridProblems(grid), [])
        const matching = grid.levels.filter((l, i) => score >= l.min && (score < l.max || (i === 3 && score <= 100)))
        assert.equal(matching.length, 1)
        assert.equal(levelOf(grid, score).code, matching[0]!.code)
      }),
    )
  })
})

for (const dialect of DIALECTS) {
  describe(`dialogues and maturity [${dialect.name}]`, () => {
    let database: TestDatabase
    let w: CatalysisWorld
    before(async () => {
      database = await openCatalysisDatabase(dialect)
      await syncVocabulary(database.db.kysely)
      await loadTestGeography(database.db.kysely)
      w = await buildCatalysisWorld(database.db.kysely, 'm')
    })
    after(() => database.close())

    test('saving a grid: platform admins only, overlapping thresholds refused and nothing stored, versions kept', async () => {
      const db = database.db.kysely
      assert.equal((await currentGrid(db)).version, 1)
      await assert.rejects(saveGrid(db, w.actors.adminA, DEFAULT_GRID, 'Un essai'), (e: AppError) => e.status === 403)
      await assert.rejects(saveGrid(db, w.actors.platformAdmin, withLevels([[0, 40], [30, 55], [55, 80], [80, 100]]), 'Chevauchement'), (e: AppError) => e.fields.some((f) => f.message === 'catalysis.error.gridOverlap'))
      assert.equal((await currentGrid(db)).version, 1)
      assert.equal(await saveGrid(db, w.actors.platformAdmin, withLevels([[0, 25], [25, 55], [55, 80], [80, 100]]), 'Seuil du premier niveau abaissé'), 2)
      assert.equal((await currentGrid(db)).grid.levels[0]!.max, 25)
    })

    test('a dialogue: diagnosis with the worlds’ views, self-diagnosis through the surveys module, level, consent, publication', async () => {
      const db = database.db.kysely
      const company = await insertOrganisation(db, 'Entreprise participante', 'entreprise', 'commune:94017')
      await addMember(db, await insertUser(db, 'chef@example.org'), company, 'admin')
      const chef = await actorOf(db, 'chef@example.org')
      const id = await createDialogue(db, w.actors.memberA, w.spaceId, { title: 'Dialogue du territoire', purpose: '', territoryId: PILOT_EPT, subjectOrganisationId: null, startedOn: '2026-01-05', participantIds: [w.org.C, company] })
      // bad input: no subject, bad date, unknown participant
      await assert.rejects(createDialogue(db, w.actors.memberA, w.spaceId, { title: 'X', purpose: '', territoryId: null, subjectOrganisationId: null, startedOn: '2026-02-31', participantIds: ['0190a0a0-0000-7000-8000-000000000000'] }), (e: AppError) => e.fields.map((f) => f.field).join() === 'title,started_on,territory,participant_ids')
      await assert.rejects(createDialogue(db, w.actors.adminO, w.spaceId, { title: 'Dialogue', purpose: '', territoryId: PILOT_EPT, subjectOrganisationId: null, startedOn: '2026-01-05', participantIds: [] }), (e: AppError) => e.status === 403)

      const finding = await raiseFinding(db, chef, id, { organisationId: company, kind: 'fragilite', title: 'Mobilité vers l’emploi', description: '', domain: 'mobilite', sdgs: [8, 11], priority: 'haute' })
      await giveView(db, w.actors.adminC, id, finding, { organisationId: w.org.C, importance: 4, comment: 'Essentiel' })
      await giveView(db, chef, id, finding, { organisationId: company, importance: 2, comment: '' })
      await giveView(db, chef, id, finding, { organisationId: company, importance: 3, comment: 'Révisé' })
      await assert.rejects(giveView(db, w.actors.memberA, id, finding, { organisationId: w.org.A, importance: 3, comment: '' }), (e: AppError) => e.status === 403)
      const [f] = await listFindings(db, id)
      const byWorld = importanceByWorld(f!)
      assert.deepEqual(Object.fromEntries([...byWorld].map(([k, v]) => [k, v.mean])), { association: 4, entreprise: 3 })

      await assert.rejects(computeMaturity(db, w.actors.memberA, id), (e: AppError) => e.code === 'ALLIANCE_ERR_CONFLICT')
      const campaignId = await launchSelfDiagnosis(db, w.actors.memberA, id, '2099-12-31')
      const campaign = await db.selectFrom('survey_campaigns').innerJoin('survey_questionnaires', 'survey_questionnaires.id', 'survey_campaigns.questionnaire_id').select(['survey_campaigns.id', 'survey_campaigns.opens_on', 'survey_campaigns.closes_on', 'survey_questionnaires.definition', 'survey_questionnaires.template']).where('survey_campaigns.id', '=', campaignId).executeTakeFirstOrThrow()
      assert.equal(campaign.template, 'acteurs')
      const answers = { q_q1__action: '1', q_q1__vision: '2', q_q1__gestion: '3', q_q2: 'tout_a_fait', q_q3: '8', q_q4: '10', q_q6: 'entreprise', q_q7: 't94080', q_q8: '8', q_q9: '8', q_q10: '8', q_q11: '8' }
      for (const person of [chef, w.actors.adminC]) await saveAnswers(db, campaign, { key: respondentKeyOfUser(campaignId, person.userId as string), userId: person.userId }, answers, 'submit')
      const score = await computeMaturity(db, w.actors.memberA, id)
      assert.equal(score.score, 84)
      assert.equal(score.level.code, 'essaimage')
      const asked = await db.selectFrom('notifications').select('user_id').where('message_key', '=', 'catalysis.notify.consentRequest').execute()
      assert.deepEqual(asked.map((n) => n.user_id).sort(), [chef.userId, w.actors.adminC.userId].sort())

      assert.deepEqual(await answerConsent(db, chef, id, company, 'accord'), { published: false })
      assert.deepEqual(await answerConsent(db, w.actors.adminC, id, w.org.C, 'refus'), { published: false })
      assert.deepEqual(await answerConsent(db, w.actors.adminC, id, w.org.C, 'accord'), { published: true })
      assert.ok((await db.selectFrom('catalysis_maturity_results').select('published_at').where('dialogue_id', '=', id).executeTakeFirstOrThrow()).published_at)
      await assert.rejects(answerConsent(db, w.actors.memberA, id, w.org.C, 'refus'), (e: AppError) => e.status === 403)
    })
  })
}
