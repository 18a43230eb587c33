/**
 * The demo surveys: a synthetic national barometer weighted to 50,2 millions, whose published results are
 * exactly the statistics engine's output computed directly from the stored answers (the reference path:
 * factorColumn, rake, addRankingVariables, rankingSummary, svyCiProp, svyByCiProp, svyChisq — the engine's
 * own helpers, nothing of the feature); and the survey of the pilot territory's actors.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import {
  addRankingVariables,
  createDesign,
  factorColumn,
  jointMargin,
  numericColumn,
  rake,
  rankingSummary,
  surveyData,
  svyByCiProp,
  svyChisq,
  svyCiProp,
  type Design,
} from '../../../stats/index.js'
import { demoId, loadDemo } from '../../demo/index.js'
import type { StudyResults } from '../analysis/model.js'
import { MIN_SHOWN } from '../analysis/suppression.js'
import { demoCampaignIds, DEMO_BAROMETER_SIZE, loadSurveyDemo } from './demo.js'
import { populationPresetMargins, POPULATION_BASE } from '../weighting/presets.js'
import { AGE_OPTIONS, OCCUPATION_OPTIONS, REGION_OPTIONS, SEX_OPTIONS } from '../builder/templates.js'

function close(actual: number, expected: number, what: string, tolerance = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`)
}

const WORLDS = ['citoyen', 'elu', 'entreprise', 'association', 'fondation', 'academique', 'acteur_public', 'accompagnement']

for (const dialect of DIALECTS) {
  describe(`demo surveys [${dialect.name}]`, () => {
    let t: TestApp
    const ids = demoCampaignIds(demoId)
    let published: { views: Record<string, StudyResults>; methodology: { synthetic: boolean; base: number; n: number } }
    let reference: Design
    before(async () => {
      t = await buildTestApp(dialect)
      await loadDemo(t.db).catch((e) => console.error("TEMP", e.message))
      const row = await t.db.selectFrom('survey_publications').select('results').where('campaign_id', '=', ids.barometer).executeTakeFirstOrThrow()
      published = JSON.parse(row.results) as typeof published
      // the reference: the stored answers, straight into the engine
      const answers = (await t.db.selectFrom('survey_responses').select('answers').where('campaign_id', '=', ids.barometer).where('status', '=', 'submitted').execute()).map((r) => JSON.parse(r.answers) as Record<string, unknown>)
      const col = (key: string) => answers.map((a) => a[key] as string)
      const rank = (item: string) => numericColumn(answers.map((a) => (a.q1 as Record<string, number>)[item]))
      const agree = answers.map((a) => (a.q2 === 'tout_a_fait' || a.q2 === 'plutot' ? 1 : 0))
      const data = surveyData({
        sex: factorColumn(col('q5'), SEX_OPTIONS.map((o) => o.code), 'sex'),
        age: factorColumn(col('q6'), AGE_OPTIONS.map((o) => o.code), 'age'),
        region: factorColumn(col('q7'), REGION_OPTIONS.map((o) => o.code), 'region'),
        occupation: factorColumn(col('q9'), OCCUPATION_OPTIONS.map((o) => o.code), 'occupation'),
        world: factorColumn(col('q10'), WORLDS, 'world'),
        q2: factorColumn(col('q2'), ['tout_a_fait', 'plutot', 'plutot_pas', 'pas_du_tout'], 'q2'),
        agree: numericColumn(agree),
        rank_vision: rank('vision'),
        rank_gestion: rank('gestion'),
        rank_action: rank('action'),
      })
      const withRanks = addRankingVariables(data, { items: ['vision', 'gestion', 'action'], rankColumns: ['rank_vision', 'rank_gestion', 'rank_action'], keys: ['vision', 'gestion', 'action'] }, 2)
      // the INSEE margins, each in its source's numbers, rescaled to the 18-or-over base
      const margins = populationPresetMargins().map((m) => jointMargin(m.roles, m.cells.map((c) => ({ levels: c.codes, total: c.value }))))
      const raked = rake(createDesign(withRanks.data, POPULATION_BASE / answers.length), margins, { maxit: 100, epsilon: 1e-10, base: POPULATION_BASE })
      reference = raked.design
    })
    after(() => t.close())

    test('the barometer is synthetic, has 3 000 responses, is weighted to the INSEE adult population, and Action is the lever most often ranked first', async () => {
      const campaign = await t.db.selectFrom('survey_campaigns').selectAll().where('id', '=', ids.barometer).executeTakeFirstOrThrow()
      assert.equal(campaign.is_synthetic, 1)
      assert.equal(campaign.submitted_count, DEMO_BAROMETER_SIZE)
      assert.equal(campaign.weighting_version, 1)
      assert.equal(published.methodology.synthetic, true)
      close(published.methodology.base, POPULATION_BASE, 'base')
      const levers = published.views.overall?.questions.find((q) => q.key === 'q1')?.ranking?.items ?? []
      const first = Object.fromEntries(levers.map((i) => [i.code, i.first?.estimate ?? 0]))
      assert.ok((first.action ?? 0) > (first.vision ?? 0) && (first.action ?? 0) > (first.gestion ?? 0), JSON.stringify(first))
      const page = textOf((await new Client(t.app).get(`/etudes/${ids.barometer}`)).body)
      assert.match(page, /Base : Ensemble 53,7 millions \(Population de 18 ans ou plus, France \(INSEE, 1er janvier 2023\)\)/)
      assert.match(page, /Données synthétiques/)
      assert.match(page, /74 % — Français/)
      assert.match(page, /INSEE, Populations légales des régions en 2021 .*https:\/\/insee\.fr\/fr\/statistiques\/7728783/)
      assert.doesNotMatch(page, /INDICATIVES|source à confirmer/i)
    })

    test('outside figures are compared only when they asked the same question; the others are shown apart with their question', async () => {
      const html = (await new Client(t.app).get(`/etudes/${ids.barometer}`)).body
      const text = textOf(html)
      const compared = text.slice(text.indexOf('Q2.'), text.indexOf('Chiffres publiés sur une question différente'))
      assert.match(compared, /74 % — Français/)
      assert.doesNotMatch(compared, /69 %/, 'PHARE’s figure answers another question: never beside the estimate')
      const apart = text.slice(text.indexOf('Chiffres publiés sur une question différente'))
      assert.match(apart, /69 % — Français .*Question posée : « Être convaincu que les projets de co-construction génèrent de l’innovation/)
    })

    test('the synthetic élus are as many as France’s local elected officials, not three times more', () => {
      const world = published.views.overall?.questions.find((q) => q.key === 'q10')
      const elus = world?.categories?.find((c) => c.code === 'elu')
      assert.ok(elus?.value, 'the élus’ share is published')
      const weighted = elus.value.estimate * POPULATION_BASE
      // about 520 000 élus locaux (AFP, 2020): the estimate's interval contains it, far from the 1,5 million before
      assert.ok(elus.value.low * POPULATION_BASE < 520_000 && 520_000 < elus.value.high * POPULATION_BASE, `${Math.round(weighted)} élus`)
      assert.ok(weighted < 1_000_000, `${Math.round(weighted)} élus`)
    })

    test('the overseas régions are weighted with their INSEE population, and no hidden category publishes a share', () => {
      const region = published.views.overall?.questions.find((q) => q.key === 'q7')
      assert.ok(region?.categories)
      for (const code of ['r01', 'r02', 'r03', 'r04']) {
        const c = region.categories.find((x) => x.code === code)
        assert.ok(c && (c.hidden !== null || (c.value?.estimate ?? 0) > 0), code)
      }
      for (const view of Object.values(published.views)) {
        for (const q of view.questions) {
          for (const c of q.categories ?? []) if (c.hidden) assert.ok(c.value === null && c.n === null, `${view.view} ${q.key} ${c.code}`)
          for (const d of q.breakdown?.domains ?? []) d.cells.forEach((why, j) => { if (why) assert.equal(d.values[j], null) })
        }
      }
    })

    test('the published ranking results equal the engine computed directly: % first with intervals, mean rank, top 2', () => {
      const q1 = published.views.overall?.questions.find((q) => q.key === 'q1')
      assert.ok(q1?.ranking)
      const summary = rankingSummary(reference, addRankingVariables(reference.data, { items: ['vision', 'gestion', 'action'], rankColumns: ['rank_vision', 'rank_gestion', 'rank_action'], keys: ['vision', 'gestion', 'action'] }, 2).columns)
      q1.ranking.items.forEach((item, j) => {
        close(item.first?.estimate ?? NaN, summary.firstChoice.estimate[j] as number, `first ${item.code}`)
        const ci = svyCiProp(reference, `first_${item.code}`)
        close(item.first?.low ?? NaN, ci.ciLow, `first low ${item.code}`)
        close(item.first?.high ?? NaN, ci.ciHigh, `first high ${item.code}`)
        close(item.meanRank?.estimate ?? NaN, summary.meanRank.estimate[j] as number, `mean rank ${item.code}`)
        close((item.meanRank?.high ?? NaN) - (item.meanRank?.estimate ?? NaN), 1.959963984540054 * (summary.meanRank.se[j] as number), `mean rank SE ${item.code}`, 1e-7)
        close(item.top2?.estimate ?? NaN, summary.topK.estimate[j] as number, `top2 ${item.code}`)
        const top = svyCiProp(reference, `top2_${item.code}`)
        close(item.top2?.low ?? NaN, top.ciLow, `top2 low ${item.code}`)
      })
      close(q1.base.weighted, summary.bases.firstChoice.weighted, 'weighted base')
      assert.equal(q1.base.n, summary.bases.firstChoice.n)
    })

    test('the published shares, subtotal, breakdown and Rao–Scott test equal the engine computed directly', () => {
      const q2 = published.views.overall?.questions.find((q) => q.key === 'q2')
      assert.ok(q2?.categories)
      for (const c of q2.categories) {
        const ci = svyCiProp(reference, 'q2', { category: c.code })
        close(c.value?.estimate ?? NaN, ci.estimate, `q2 ${c.code}`)
        close(c.value?.low ?? NaN, ci.ciLow, `q2 low ${c.code}`)
        close(c.value?.high ?? NaN, ci.ciHigh, `q2 high ${c.code}`)
      }
      const agree = svyCiProp(reference, 'agree')
      close(q2.subtotal?.value?.estimate ?? NaN, agree.estimate, 'total d’accord')
      close(q2.subtotal?.value?.low ?? NaN, agree.ciLow, 'total d’accord low')
      const byWorld = published.views['by:world']?.questions.find((q) => q.key === 'q1')?.breakdown
      assert.ok(byWorld)
      const direct = svyByCiProp(reference, 'first_action', 'world')
      const actionColumn = byWorld.columns.findIndex((c) => c.code === 'action')
      direct.domains.forEach((domain, s) => {
        const mine = byWorld.domains.find((d) => d.code === domain)
        assert.ok(mine, domain)
        assert.equal(mine.n, direct.n[s])
        if (mine.status === 'suppressed') return
        const value = mine.values[actionColumn]
        close(value?.estimate ?? NaN, direct.estimate.first_action?.[s] as number, `action first, ${domain}`)
        close(value?.low ?? NaN, direct.ciLow.first_action?.[s] as number, `action first low, ${domain}`)
        close(value?.high ?? NaN, direct.ciHigh.first_action?.[s] as number, `action first high, ${domain}`)
      })
      const chisq = svyChisq(reference, 'first_choice', 'world', { dropEmptyLevels: true })
      const test = byWorld.tests[0]
      close(test?.statistic ?? NaN, chisq.tests.F?.statistic as number, 'Rao–Scott F')
      close(test?.p ?? NaN, chisq.tests.F?.pValue as number, 'Rao–Scott p')
      const ternary = published.views.overall?.ternary
      assert.equal(ternary?.role, 'world')
      // The worlds whose three lever shares are all published are plotted, and only those: a world whose cell small-
      // cell suppression hides (fewer than MIN_SHOWN respondents, or hidden to protect another) has no point.
      const points = ternary?.points ?? []
      assert.ok(points.length >= 3, `${points.length} worlds plotted`)
      for (const point of points) {
        assert.ok(point.n >= MIN_SHOWN, `${point.code}: n = ${point.n}`)
        const sum = point.shares[0] + point.shares[1] + point.shares[2]
        assert.ok(sum > 0 && sum <= 1 + 1e-9, `${point.code}: shares sum to ${sum}`)
      }
    })

    test('the actors survey of the pilot territory: signed-in answers of the demo people, fragile and hidden segments', async () => {
      const campaign = await t.db.selectFrom('survey_campaigns').selectAll().where('id', '=', ids.actors).executeTakeFirstOrThrow()
      assert.equal(campaign.territory_id, 'ept:200057941')
      assert.equal(campaign.mode, 'signed_in')
      const responses = await t.db.selectFrom('survey_responses').select(['user_id']).where('campaign_id', '=', ids.actors).execute()
      assert.ok(responses.length >= 40 && responses.every((r) => r.user_id !== null))
      const row = await t.db.selectFrom('survey_publications').select('results').where('campaign_id', '=', ids.actors).executeTakeFirstOrThrow()
      const doc = JSON.parse(row.results) as { views: Record<string, StudyResults> }
      const domains = doc.views['by:territory']?.questions.find((q) => q.key === 'q1')?.breakdown?.domains ?? []
      assert.ok(domains.some((d) => d.status === 'suppressed'))
      assert.ok(domains.every((d) => d.status !== 'ok'), 'no commune reaches 30 respondents')
      const page = await new Client(t.app).get(`/etudes/${ids.actors}?par=territory`)
      assert.match(textOf(page.body), /non publié \(moins de 5\)/)
    })

    test('loading again changes nothing', async () => {
      const before = Number((await t.db.selectFrom('survey_responses').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      assert.deepEqual(await loadSurveyDemo(t.db, demoId), { loaded: false })
      await loadDemo(t.db)
      const after = Number((await t.db.selectFrom('survey_responses').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      assert.equal(after, before)
    })
  })
}
