/**
 * Campaigns for analysts: creation and settings, weighting (presets, margins, engine errors turned into
 * messages naming the category), results with intervals and breakdowns, microdata export, publication and
 * outside figures. Other organisations get 404; signed-out callers are sent to sign in.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, giveSecondFactor, textOf, type Form, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { analyst, anonymousResponses, barometerForm, campaign, questionnaire } from '../../../../test/helpers/surveys.js'
import { communeSizeBand } from '../../territories/index.js'

/** Sex and age margins as shares (percent) of a base of 1 000 000. */
function sexAgeShares(overrides: Form = {}): Form {
  return {
    op: 'apply',
    group_sex: '1',
    group_age: '2',
    unit: 'shares',
    base: '1 000 000',
    base_label: 'habitants du test',
    source: 'Marges de test',
    'm:sex:f': '52',
    'm:sex:h': '48',
    'm:age:a18_24': '10',
    'm:age:a25_34': '15',
    'm:age:a35_44': '17',
    'm:age:a45_54': '18',
    'm:age:a55_64': '18',
    'm:age:a65p': '22',
    ...overrides,
  }
}

for (const dialect of DIALECTS) {
  describe(`survey campaigns, weighting and results [${dialect.name}]`, () => {
    let t: TestApp
    let owner: Client
    let outsider: Client
    let questionnaireId: string
    let campaignId: string
    before(async () => {
      t = await buildTestApp(dialect)
      const a = await analyst(t, 'analyste@example.org', 'Observatoire des coopérations')
      owner = a.client
      outsider = (await analyst(t, 'curieux@example.org', 'Organisation voisine')).client
      questionnaireId = await questionnaire(owner, a.orgId)
      campaignId = await campaign(owner, questionnaireId, { title: 'Baromètre IDF' })
      await anonymousResponses(t, campaignId, 41)
      await anonymousResponses(t, campaignId, 1, () => barometerForm({ q_q4: 'Une fête de quartier avec la mairie' }))
    })
    after(() => t.close())

    const campaignsCount = async () => Number((await t.db.selectFrom('survey_campaigns').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const weightings = async (id: string) => t.db.selectFrom('survey_weightings').selectAll().where('campaign_id', '=', id).orderBy('version').execute()

    test('requires authentication for every analyst page', async () => {
      const anonymous = new Client(t.app)
      for (const url of [`/campagnes/${campaignId}`, `/campagnes/${campaignId}/redressement`, `/campagnes/${campaignId}/resultats`, `/campagnes/${campaignId}/microdonnees.csv`, `/enquetes/${questionnaireId}/campagnes/nouvelle`]) {
        const res = await anonymous.get(url)
        assert.equal(res.statusCode, 303, url)
        assert.match(String(res.headers.location), /^\/connexion/)
      }
      const before = await weightings(campaignId)
      assert.equal((await anonymous.post(`/campagnes/${campaignId}/redressement`, sexAgeShares())).statusCode, 303)
      assert.deepEqual(await weightings(campaignId), before)
    })

    test('another organisation gets 404 on the campaign, its weighting, results, microdata and actions', async () => {
      for (const url of [`/campagnes/${campaignId}`, `/campagnes/${campaignId}/redressement`, `/campagnes/${campaignId}/resultats`, `/campagnes/${campaignId}/microdonnees.csv`]) {
        assert.equal((await outsider.get(url)).statusCode, 404, url)
      }
      assert.equal((await outsider.post(`/campagnes/${campaignId}/redressement`, sexAgeShares())).statusCode, 404)
      assert.equal((await outsider.post(`/campagnes/${campaignId}/publication`, { op: 'publish', author: 'Intrus' })).statusCode, 404)
      assert.equal((await outsider.post(`/campagnes/${campaignId}`, { title: 'Volée', segments: ['citoyen'], opens_on: '2020-01-01', closes_on: '2099-01-01', mode: 'anonymous' })).statusCode, 404)
      assert.equal(await t.db.selectFrom('survey_publications').select('campaign_id').where('campaign_id', '=', campaignId).executeTakeFirst(), undefined)
      assert.equal((await t.db.selectFrom('survey_campaigns').select('title').where('id', '=', campaignId).executeTakeFirstOrThrow()).title, 'Baromètre IDF')
    })

    test('a platform admin acts as an analyst of any organisation: campaign, weighting page, results', async () => {
      const admin = new Client(t.app)
      await admin.signUp('admin-plateforme@example.org')
      await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', 'admin-plateforme@example.org').execute()
      await giveSecondFactor(t.db, 'admin-plateforme@example.org')
      for (const url of [`/campagnes/${campaignId}`, `/campagnes/${campaignId}/redressement`, `/campagnes/${campaignId}/resultats`, `/enquetes/${questionnaireId}`]) {
        assert.equal((await admin.get(url)).statusCode, 200, url)
      }
      assert.match(textOf((await admin.get('/enquetes')).body), /Baromètre test/)
    })

    test('updating a campaign with an invalid date names the field and changes nothing', async () => {
      const res = await owner.post(`/campagnes/${campaignId}`, { title: 'Baromètre IDF', segments: ['citoyen'], opens_on: '2020-01-01', closes_on: '31/12/2099', mode: 'anonymous' })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /href="#champ-closes_on"/)
      assert.equal((await t.db.selectFrom('survey_campaigns').select('closes_on').where('id', '=', campaignId).executeTakeFirstOrThrow()).closes_on, '2099-12-31')
    })

    test('creating a campaign: invalid dates and segments are named, nothing is stored; an empty questionnaire cannot open', async () => {
      const before = await campaignsCount()
      const bad = await owner.post(`/enquetes/${questionnaireId}/campagnes`, { title: 'Mauvaise', segments: [], opens_on: '2026-13-45', closes_on: '2026-01-01', mode: 'anonymous' })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /href="#champ-segments"/)
      const inverted = await owner.post(`/enquetes/${questionnaireId}/campagnes`, { title: 'Inversée', segments: ['citoyen'], opens_on: '2026-05-01', closes_on: '2026-04-01', mode: 'anonymous' })
      assert.equal(inverted.statusCode, 400)
      assert.match(textOf(inverted.body), /Le dernier jour de réponse doit suivre/)
      const empty = await questionnaire(owner, (await t.db.selectFrom('survey_questionnaires').select('organisation_id').where('id', '=', questionnaireId).executeTakeFirstOrThrow()).organisation_id, 'vide', 'Vide')
      const notReady = await owner.post(`/enquetes/${empty}/campagnes`, { title: 'Vide', segments: ['citoyen'], opens_on: '2026-05-01', closes_on: '2026-06-01', mode: 'anonymous' })
      assert.equal(notReady.statusCode, 400)
      assert.match(textOf(notReady.body), /Le questionnaire n’a encore aucune question/)
      assert.equal(await campaignsCount(), before)
      const page = await owner.get(`/enquetes/${questionnaireId}/campagnes/nouvelle`)
      assert.equal(page.statusCode, 200)
    })

    test('happy path: a campaign on a territory with its segments, dates and mode; settings can change, not the mode once answered', async () => {
      const id = await campaign(owner, questionnaireId, { title: 'Sur Vincennes', territory: 'Vincennes', segments: ['citoyen', 'association'], opens_on: '2026-03-01', closes_on: '2026-04-30', mode: 'anonymous' })
      const row = await t.db.selectFrom('survey_campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.territory_id, 'commune:94080')
      assert.equal(row.segments, 'citoyen,association')
      assert.equal(row.opens_on, '2026-03-01')
      assert.equal(row.closes_on, '2026-04-30')
      assert.equal(row.mode, 'anonymous')
      const page = await owner.get(`/campagnes/${id}`)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /http:\/\/alliance\.test\/repondre\//)
      const update = await owner.post(`/campagnes/${id}`, { title: 'Sur Vincennes, prolongée', territory: 'Vincennes', segments: ['citoyen'], opens_on: '2026-03-01', closes_on: '2026-05-31', mode: 'invitation' })
      assert.equal(update.statusCode, 303)
      const updated = await t.db.selectFrom('survey_campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(updated.closes_on, '2026-05-31')
      assert.equal(updated.mode, 'invitation')
      const locked = await owner.post(`/campagnes/${campaignId}`, { title: 'Baromètre IDF', segments: ['citoyen'], opens_on: '2020-01-01', closes_on: '2099-12-31', mode: 'signed_in' })
      assert.equal(locked.statusCode, 400)
      assert.match(textOf(locked.body), /son mode de réponse ne peut plus changer/)
      assert.equal((await t.db.selectFrom('survey_campaigns').select('mode').where('id', '=', campaignId).executeTakeFirstOrThrow()).mode, 'anonymous')
      const codes = await owner.post(`/campagnes/${campaignId}/codes`, { count: '3' })
      assert.equal(codes.statusCode, 400)
      assert.match(textOf(codes.body), /Les codes d’invitation servent aux campagnes en mode/)
    })

    test('weighting rejects margins naming a category nobody answered, saying which category and what to do; nothing is stored', async () => {
      const page = await owner.get(`/campagnes/${campaignId}/redressement?preset=population`)
      assert.equal(page.statusCode, 200)
      const presetText = textOf(page.body)
      // INSEE figures, cited with table, year and address; what the sources do not give is said, not invented
      assert.match(page.body, /name="m:sex\*age:f\*a18_24" type="text" inputmode="decimal" value="2750228"/)
      assert.match(page.body, /name="m:region:r04" type="text" inputmode="decimal" value="871157"/)
      assert.match(page.body, /name="m:region:r06" type="text" inputmode="decimal" value(="")? maxlength/)
      assert.match(presetText, /Mayotte \(Région\) : Pas de population légale 2021/)
      assert.match(presetText, /Populations légales des régions en 2021 .* \(2021\), https:\/\/insee\.fr\/fr\/statistiques\/7728783/)
      assert.doesNotMatch(presetText, /INDICATIVES|source à confirmer/i)
      // the population preset names every région; our respondents all live in Île-de-France
      const region: Form = { op: 'apply', group_region: '1', unit: 'shares', base: '1000', base_label: 'test' }
      for (const [code, share] of Object.entries({ r11: '60', r24: '40' })) region[`m:region:${code}`] = share
      const absent = await owner.post(`/campagnes/${campaignId}/redressement`, region)
      assert.equal(absent.statusCode, 400)
      const text = textOf(absent.body)
      assert.match(text, /Aucun répondant dans « Centre-Val de Loire » \(Région\)/)
      assert.match(text, /regroupez cette catégorie avec une voisine/)
      assert.match(absent.body, /href="#champ-m-region-r24"/)
      assert.deepEqual(await weightings(campaignId), [])
    })

    test('weighting rejects margins whose totals disagree, naming both margins', async () => {
      const totals = sexAgeShares({ unit: 'totals', 'm:sex:f': '600', 'm:sex:h': '400' })
      const res = await owner.post(`/campagnes/${campaignId}/redressement`, totals)
      assert.equal(res.statusCode, 400)
      assert.match(textOf(res.body), /La marge Âge totalise 100 mais la marge Sexe totalise 1 000 : donnez le même total à chaque marge/)
      assert.deepEqual(await weightings(campaignId), [])
    })

    test('weighting rejects infeasible bounds and bad numbers with what to do', async () => {
      const bounds = await owner.post(`/campagnes/${campaignId}/redressement`, sexAgeShares({ 'm:sex:f': '90', 'm:sex:h': '10', bounds_low: '0,95', bounds_high: '1,05' }))
      assert.equal(bounds.statusCode, 400)
      const said = textOf(bounds.body)
      // the margins that conflict, with their numbers and what to do (the engine's diagnosis)
      assert.match(said, /Les bornes 0,95 et 1,05 des rapports de poids ne peuvent pas être tenues/)
      assert.match(said, /« Femme » \(Sexe\) pèse 90,0 % de la population mais \d\d,\d % de l’échantillon \(\d+ répondants\) : leurs poids devraient être multipliés par \d,\d\d en moyenne, au-delà de la borne haute 1,05\. Relevez la borne haute à \d,\d\d au moins/)
      assert.match(bounds.body, /href="#champ-m-sex-f"/)
      const numbers = await owner.post(`/campagnes/${campaignId}/redressement`, sexAgeShares({ 'm:sex:f': 'beaucoup', base: '', bounds_low: '2', bounds_high: '3' }))
      assert.equal(numbers.statusCode, 400)
      const text = textOf(numbers.body)
      assert.match(text, /Saisissez un nombre positif ou nul/)
      assert.match(text, /Donnez la population totale/)
      assert.match(text, /Les bornes encadrent 1/)
      const none = await owner.post(`/campagnes/${campaignId}/redressement`, { op: 'apply', unit: 'shares', base: '100', base_label: 'x' })
      assert.equal(none.statusCode, 400)
      assert.match(textOf(none.body), /Choisissez au moins une variable de redressement/)
      assert.deepEqual(await weightings(campaignId), [])
    })

    test('the mayors preset is computed from the loaded geography (one commune, one mayor)', async () => {
      const page = await owner.get(`/campagnes/${campaignId}/redressement?preset=mayors`)
      assert.equal(page.statusCode, 200)
      const communes = await t.db.selectFrom('territories').select(['population', 'region_code']).where('kind', '=', 'commune').where('region_code', '=', '11').execute()
      const big = communes.filter((c) => communeSizeBand(c.population) === 'gte20000').length
      assert.ok(big > 50)
      assert.match(page.body, new RegExp(`name="m:region\\*size:r11\\*gte20000" type="text" inputmode="decimal" value="${big}"`))
    })

    test('happy path: weighting stores a version, shows convergence, weights, design effect and the base', async () => {
      const refresh = await owner.post(`/campagnes/${campaignId}/redressement`, { op: 'refresh', group_sex: '1', group_age: '1' })
      assert.equal(refresh.statusCode, 200)
      assert.match(refresh.body, /name="m:sex\*age:h\*a65p"/)
      const res = await owner.post(`/campagnes/${campaignId}/redressement`, sexAgeShares())
      assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 2000))
      const stored = await weightings(campaignId)
      assert.equal(stored.length, 1)
      assert.equal(stored[0]?.version, 1)
      const summary = JSON.parse(stored[0]?.summary ?? '{}') as { n: number; converged: boolean; deff: number; base: number; trace: number[] }
      assert.equal(summary.n, 42)
      assert.equal(summary.converged, true)
      assert.ok(summary.deff >= 1)
      assert.ok(Math.abs(summary.base - 1_000_000) < 1e-6)
      assert.ok(summary.trace.length >= 1)
      assert.equal((await t.db.selectFrom('survey_campaigns').select('weighting_version').where('id', '=', campaignId).executeTakeFirstOrThrow()).weighting_version, 1)
      const page = textOf((await owner.get(`/campagnes/${campaignId}/redressement`)).body)
      assert.match(page, /Base : Ensemble 1,0 millions \(habitants du test\)/)
      assert.match(page, /Effet de plan \(Kish\)/)
      assert.match(page, /Trace de convergence/)
      assert.match(page, /Répondants par tranche de poids relatif/)
    })

    test('results: weighted shares with intervals, bases, the ternary plot; breakdowns with Rao–Scott tests; texts for analysts only', async () => {
      const res = await owner.get(`/campagnes/${campaignId}/resultats`)
      assert.equal(res.statusCode, 200)
      const text = textOf(res.body)
      assert.match(text, /Base : Ensemble 1,0 millions \(habitants du test\)/)
      assert.match(text, /% classé en premier/)
      assert.match(text, /Intervalle de confiance à 95 %/)
      assert.match(text, /Variable de redressement : ses parts redressées égalent les marges/)
      assert.match(text, /Base fragile : moins de 30 répondants|L’équilibre des trois leviers par Monde/)
      assert.match(res.body, /<svg class="survey-chart ternary"/)
      assert.match(res.body, /<title id="ternary-title">/)
      assert.match(text, /Réponses libres/)
      assert.match(text, /Une fête de quartier avec la mairie/)
      const by = await owner.get(`/campagnes/${campaignId}/resultats?par=world`)
      assert.equal(by.statusCode, 200)
      assert.match(textOf(by.body), /Détail par Monde/)
      assert.match(textOf(by.body), /test de Rao–Scott : F = /)
      const cache = await t.db.selectFrom('survey_result_cache').select(['view_key', 'data_version', 'weighting_version']).where('campaign_id', '=', campaignId).orderBy('view_key').execute()
      assert.deepEqual(cache.map((c) => c.view_key), ['by:world', 'overall'])
      assert.ok(cache.every((c) => c.data_version === 42 && c.weighting_version === 1))
      assert.equal((await owner.get(`/campagnes/${campaignId}/resultats?par=nimporte`)).statusCode, 200)
    })

    test('a new response invalidates the cached results', async () => {
      await anonymousResponses(t, campaignId, 1, () => barometerForm({ q_q5: 'h', q_q6: 'a65p' }))
      const res = await owner.get(`/campagnes/${campaignId}/resultats`)
      assert.match(textOf(res.body), /Base : 43 répondants/)
      const cache = await t.db.selectFrom('survey_result_cache').select(['data_version']).where('campaign_id', '=', campaignId).where('view_key', '=', 'overall').executeTakeFirstOrThrow()
      assert.equal(cache.data_version, 43)
    })

    test('microdata: analysts download anonymised rows with weights, no ids, dates or free texts', async () => {
      const res = await owner.get(`/campagnes/${campaignId}/microdonnees.csv`)
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /text\/csv/)
      assert.equal(res.headers['cache-control'], 'no-store')
      const lines = res.body.trim().split(/\r?\n/)
      assert.equal(lines[0], 'row,q1_vision,q1_gestion,q1_action,q2,q3,q5,q6,q7,q8,q9,q10,weight')
      assert.equal(lines.length, 44)
      assert.doesNotMatch(res.body, /jardin|fête/i)
      const weights = lines.slice(1).map((l) => Number(l.split(',').pop()))
      assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 1_000_000) < 1)
    })

    test('outside figures: validated, stamped with source, date, base and question; compared only when they asked the same question', async () => {
      const before = await t.db.selectFrom('survey_external_figures').selectAll().where('campaign_id', '=', campaignId).execute()
      const figure = { question_key: 'q2', question_wording: 'Les partenariats sont source d’innovation pour le territoire', same_question: 'on', population: 'Français', value: '74', source: 'Observatoire des partenariats, IMPACT', published_on: '2023-01-26', base: 'Français', url: 'https://example.org/impact' }
      const bad = await owner.post(`/campagnes/${campaignId}/chiffres`, { ...figure, value: '150', question_wording: '', url: 'http://insecure.example.org' })
      assert.equal(bad.statusCode, 400)
      assert.match(textOf(bad.body), /La valeur doit être au plus 100/)
      assert.match(bad.body, /href="#champ-question_wording"/)
      const insecure = await owner.post(`/campagnes/${campaignId}/chiffres`, { ...figure, url: 'http://insecure.example.org' })
      assert.equal(insecure.statusCode, 400)
      assert.match(textOf(insecure.body), /adresse https:\/\/ valide/)
      const sameWithout = await owner.post(`/campagnes/${campaignId}/chiffres`, { ...figure, question_key: '' })
      assert.equal(sameWithout.statusCode, 400)
      assert.match(textOf(sameWithout.body), /Choisissez la question de l’enquête à laquelle ce chiffre répond/)
      assert.deepEqual(await t.db.selectFrom('survey_external_figures').selectAll().where('campaign_id', '=', campaignId).execute(), before)
      assert.equal((await owner.post(`/campagnes/${campaignId}/chiffres`, figure)).statusCode, 303)
      const other = { ...figure, same_question: '', question_wording: 'Les projets de co-construction génèrent-ils de l’innovation ?', value: '69', published_on: '2015-09', source: 'PHARE-Citoyens' }
      assert.equal((await owner.post(`/campagnes/${campaignId}/chiffres`, other)).statusCode, 303)
      const figures = await t.db.selectFrom('survey_external_figures').selectAll().where('campaign_id', '=', campaignId).orderBy('value', 'desc').execute()
      assert.deepEqual(figures.map((f) => [f.value, f.same_question, f.question_wording.slice(0, 20)]), [
        [74, 1, 'Les partenariats son'],
        [69, 0, 'Les projets de co-co'],
      ])
      const results = textOf((await owner.get(`/campagnes/${campaignId}/resultats`)).body)
      const beside = results.slice(results.indexOf('Q2.'), results.indexOf('Chiffres publiés sur une question différente'))
      assert.match(beside, /74 % — Français \(Observatoire des partenariats, IMPACT, 2023-01-26 ; base : Français/)
      assert.doesNotMatch(beside, /69 %/)
      assert.match(results.slice(results.indexOf('Chiffres publiés sur une question différente')), /69 % — Français .*Question posée : « Les projets de co-construction génèrent-ils de l’innovation \? »/)
      for (const f of figures) {
        assert.equal((await outsider.post(`/campagnes/${campaignId}/chiffres/${f.id}/supprimer`)).statusCode, 404)
        assert.equal((await owner.post(`/campagnes/${campaignId}/chiffres/${f.id}/supprimer`)).statusCode, 303)
      }
      assert.equal((await t.db.selectFrom('survey_external_figures').selectAll().where('campaign_id', '=', campaignId).execute()).length, 0)
    })

    test('publication: the author is required; publishing freezes the study at a stable URL; unpublishing removes it', async () => {
      const bad = await owner.post(`/campagnes/${campaignId}/publication`, { op: 'publish', author: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(textOf(bad.body), /Indiquez l’auteur de l’étude/)
      assert.equal(await t.db.selectFrom('survey_publications').select('campaign_id').where('campaign_id', '=', campaignId).executeTakeFirst(), undefined)
      const published = await owner.post(`/campagnes/${campaignId}/publication`, { op: 'publish', author: 'Équipe Observatoire' })
      assert.equal(published.statusCode, 303)
      assert.equal(published.headers.location, `/etudes/${campaignId}`)
      const row = await t.db.selectFrom('survey_publications').selectAll().where('campaign_id', '=', campaignId).executeTakeFirstOrThrow()
      assert.equal(row.author, 'Équipe Observatoire')
      assert.equal(row.data_version, 43)
      assert.equal(row.weighting_version, 1)
      const doc = JSON.parse(row.results) as { views: Record<string, unknown>; methodology: { n: number; weighted: boolean } }
      assert.deepEqual(Object.keys(doc.views).sort(), ['by:region', 'by:size', 'by:world', 'overall'])
      assert.equal(doc.methodology.n, 43)
      assert.equal(doc.methodology.weighted, true)
      const study = await new Client(t.app).get(`/etudes/${campaignId}`)
      assert.equal(study.statusCode, 200)
      assert.match(textOf(study.body), /Comment citer Équipe Observatoire \(20\d\d\)\. Baromètre IDF\./)
      const empty = await campaign(owner, questionnaireId, { title: 'Sans réponse' })
      const nothing = await owner.post(`/campagnes/${empty}/publication`, { op: 'publish', author: 'X' })
      assert.equal(nothing.statusCode, 400)
      assert.match(textOf(nothing.body), /il n’y a rien à publier/)
      assert.equal((await owner.post(`/campagnes/${campaignId}/publication`, { op: 'unpublish' })).statusCode, 303)
      assert.equal(await t.db.selectFrom('survey_publications').select('campaign_id').where('campaign_id', '=', campaignId).executeTakeFirst(), undefined)
      assert.equal((await new Client(t.app).get(`/etudes/${campaignId}`)).statusCode, 404)
    })
  })
}
