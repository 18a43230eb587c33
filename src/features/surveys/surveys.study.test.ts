/**
 * Published studies: public pages at a stable URL with "how to cite", CSV and JSON exports and the API;
 * small cells never shown (pages, exports, API); unpublished studies answer 404; raw answers never leave.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { analyst, anonymousResponses, barometerForm, campaign, questionnaire, variedBarometerForm } from '../../../test/helpers/surveys.js'

interface Domain {
  code: string
  n: number
  status: string
  values: Array<{ estimate: number } | null>
}

for (const dialect of DIALECTS) {
  describe(`published studies [${dialect.name}]`, () => {
    let t: TestApp
    let owner: Client
    let studyId: string
    let tinyId: string
    let hiddenId: string
    before(async () => {
      t = await buildTestApp(dialect)
      const a = await analyst(t, 'etudes@example.org', 'Observatoire public')
      owner = a.client
      const q = await questionnaire(owner, a.orgId)
      studyId = await campaign(owner, q, { title: 'Étude publiée', territory: 'Vincennes' })
      // 36 varied respondents (citoyen / association / entreprise), and 3 élus: a segment under 5
      await anonymousResponses(t, studyId, 36)
      await anonymousResponses(t, studyId, 3, (i) => ({ ...variedBarometerForm(i), q_q10: 'elu', q_q4: 'Texte privé de l’élu' }))
      assert.equal((await owner.post(`/campagnes/${studyId}/publication`, { op: 'publish', author: 'Équipe test' })).statusCode, 303)
      tinyId = await campaign(owner, q, { title: 'Trop petite' })
      await anonymousResponses(t, tinyId, 3)
      assert.equal((await owner.post(`/campagnes/${tinyId}/publication`, { op: 'publish', author: 'Équipe test' })).statusCode, 303)
      hiddenId = await campaign(owner, q, { title: 'Non publiée' })
      await anonymousResponses(t, hiddenId, 6, () => barometerForm())
    })
    after(() => t.close())

    test('anyone can read the list and a study, with its base, intervals, ternary plot, methodology and how to cite', async () => {
      const visitor = new Client(t.app)
      const list = await visitor.get('/etudes')
      assert.equal(list.statusCode, 200)
      assert.match(textOf(list.body), /Étude publiée/)
      assert.doesNotMatch(textOf(list.body), /Non publiée/)
      const page = await visitor.get(`/etudes/${studyId}`)
      assert.equal(page.statusCode, 200)
      const text = textOf(page.body)
      assert.match(text, /Base : Ensemble 39 répondants \(non redressé\)/)
      assert.match(text, /Comment citer Équipe test \(20\d\d\)\. Étude publiée\. Observatoire public, Alliance, étude publiée le .*http:\/\/alliance\.test\/etudes\//)
      assert.match(text, /Méthode/)
      assert.match(text, /Territoire Vincennes/)
      assert.match(page.body, /<svg class="survey-chart ternary"/)
      assert.doesNotMatch(text, /Texte privé de l’élu/, 'raw text answers are never published')
      assert.equal((await visitor.get(`/territoires/commune/94080`)).body.includes('Étude publiée'), true, 'listed on its territory page')
    })

    test('a segment under 5 respondents is never shown: page, CSV, JSON and API', async () => {
      const visitor = new Client(t.app)
      const page = await visitor.get(`/etudes/${studyId}?par=world`)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /Élus moins de 5 non publié \(moins de 5\)/)
      const json = (await visitor.get(`/etudes/${studyId}/resultats.json`)).json() as { views: Record<string, { questions: Array<{ key: string; breakdown: { domains: Domain[] } | null }> }> }
      const domains = json.views['by:world']?.questions.find((q) => q.key === 'q2')?.breakdown?.domains ?? []
      const elus = domains.find((d) => d.code === 'elu')
      assert.equal(elus?.status, 'suppressed')
      assert.ok(elus?.values.every((v) => v === null))
      assert.equal(domains.find((d) => d.code === 'citoyen')?.status, 'fragile')
      const api = (await visitor.get(`/api/v1/studies/${studyId}`)).json() as { data: typeof json }
      assert.deepEqual(api.data.views, json.views)
      const csv = (await visitor.get(`/etudes/${studyId}/resultats.csv`)).body
      const eluRows = csv.split('\n').filter((line) => line.includes(',world,elu,'))
      assert.ok(eluRows.length > 0)
      assert.ok(eluRows.every((line) => /,,,,,,suppressed$/.test(line.trim())), eluRows[0])
      assert.doesNotMatch(csv, /Texte privé/)
    })

    test('a study of fewer than 5 respondents shows no figure at all', async () => {
      const visitor = new Client(t.app)
      const text = textOf((await visitor.get(`/etudes/${tinyId}`)).body)
      assert.match(text, /Moins de 5 répondants : résultat non publié/)
      const json = (await visitor.get(`/etudes/${tinyId}/resultats.json`)).json() as { views: { overall: { questions: Array<{ status: string; categories: Array<{ value: unknown; n: unknown }> | null }> } } }
      for (const q of json.views.overall.questions) {
        assert.equal(q.status, 'suppressed')
        for (const c of q.categories ?? []) {
          assert.equal(c.value, null)
          assert.equal(c.n, null)
        }
      }
      const csv = (await visitor.get(`/etudes/${tinyId}/resultats.csv`)).body
      assert.ok(csv.split('\n').slice(1).filter(Boolean).every((line) => line.trim().endsWith('suppressed')))
    })

    test('CSV and JSON exports, and the API list', async () => {
      const visitor = new Client(t.app)
      const csv = await visitor.get(`/etudes/${studyId}/resultats.csv`)
      assert.equal(csv.statusCode, 200)
      assert.match(String(csv.headers['content-type']), /text\/csv/)
      assert.match(String(csv.headers['content-disposition']), /attachment/)
      assert.match(csv.body, /^view,question,question_label,segment,segment_level,item,item_label,statistic,estimate,ci_low,ci_high,n,weighted_base,status/)
      assert.match(csv.body, /overall,Q1,.*,action,Action collective transformatrice,first,0\.\d+,0\.\d+,0\.\d+,\d+,39,ok/)
      const json = await visitor.get(`/etudes/${studyId}/resultats.json`)
      const doc = json.json() as { citation: string; methodology: { n: number; author: string }; url: string }
      assert.equal(doc.methodology.n, 39)
      assert.equal(doc.methodology.author, 'Équipe test')
      assert.equal(doc.url, `http://alliance.test/etudes/${studyId}`)
      const list = (await visitor.get('/api/v1/studies')).json() as { data: Array<{ id: string; synthetic: boolean }> }
      assert.deepEqual(list.data.map((s) => s.id).sort(), [studyId, tinyId].sort())
    })

    test('unpublished or unknown studies answer 404 everywhere', async () => {
      const visitor = new Client(t.app)
      for (const url of [`/etudes/${hiddenId}`, `/etudes/${hiddenId}/resultats.csv`, `/etudes/${hiddenId}/resultats.json`, '/etudes/not-an-id', '/etudes/0190b3c4-0000-7000-8000-000000000009']) {
        assert.equal((await visitor.get(url)).statusCode, 404, url)
      }
      const api = await visitor.get(`/api/v1/studies/${hiddenId}`)
      assert.equal(api.statusCode, 404)
      assert.match(String(api.headers['content-type']), /problem\+json/)
      assert.equal((await visitor.get('/api/v1/studies/x')).statusCode, 404)
    })
  })
}
