/**
 * Published studies: public pages at a stable URL with "how to cite", CSV and JSON exports and the API;
 * small cells never shown (pages, exports, API); unpublished studies answer 404; raw answers never leave.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { analyst, anonymousResponses, barometerForm, campaign, questionnaire, variedBarometerForm } from '../../../../test/helpers/surveys.js'
import type { DomainResult } from '../analysis/model.js'

for (const dialect of DIALECTS) {
  describe(`published studies [${dialect.name}]`, () => {
    let t: TestApp
    let owner: Client
    let studyId: string
    let tinyId: string
    let hiddenId: string
    let sevenId: string
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
      sevenId = await campaign(owner, q, { title: 'Sept répondants' })
      await anonymousResponses(t, sevenId, 7, (i) => ({ ...variedBarometerForm(i), q_q3: i < 4 ? 'oui' : 'non', q_q4: '' }))
      assert.equal((await owner.post(`/campagnes/${sevenId}/publication`, { op: 'publish', author: 'Équipe test' })).statusCode, 303)
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

    test('a segment under 5 respondents is never shown, nor recomputable from the totals: page, CSV, JSON and API', async () => {
      const visitor = new Client(t.app)
      const page = await visitor.get(`/etudes/${studyId}?par=world`)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /Élus moins de 5 moins de 5/)
      const json = (await visitor.get(`/etudes/${studyId}/resultats.json`)).json() as { views: Record<string, { questions: Array<{ key: string; breakdown: { domains: DomainResult[] } | null }> }> }
      const domains = json.views['by:world']?.questions.find((q) => q.key === 'q2')?.breakdown?.domains ?? []
      const elus = domains.find((d) => d.code === 'elu')
      assert.equal(elus?.status, 'suppressed')
      assert.equal(elus?.hidden, 'small')
      assert.equal(elus?.n, null)
      assert.ok(elus?.values.every((v) => v === null))
      // the 3 élus are the study's 39 respondents minus the published segments: a second segment is hidden with them
      const protecting = domains.filter((d) => d.hidden === 'secondary')
      assert.equal(protecting.length, 1, JSON.stringify(domains.map((d) => [d.code, d.n, d.hidden])))
      assert.equal(protecting[0]?.n, null)
      const shown = domains.filter((d) => d.hidden === null)
      assert.ok(shown.length >= 1 && shown.every((d) => d.status === 'fragile' && d.n !== null))
      const api = (await visitor.get(`/api/v1/studies/${studyId}`)).json() as { data: typeof json }
      assert.deepEqual(api.data.views, json.views)
      const csv = (await visitor.get(`/etudes/${studyId}/resultats.csv`)).body
      const eluRows = csv.split(/\r?\n/).filter((line) => line.includes(',world,elu,'))
      assert.ok(eluRows.length > 0)
      assert.ok(eluRows.every((line) => /,,,,,,hidden_small$/.test(line)), eluRows[0])
      assert.doesNotMatch(csv, /Texte privé/)
    })

    test('a small answer hides its share too, and its complement: the 7-respondent study shows no 57,1 % next to « moins de 5 »', async () => {
      const visitor = new Client(t.app)
      const page = textOf((await visitor.get(`/etudes/${sevenId}`)).body)
      // 4 « oui » and 3 « non » of 7 at Q3: both counts small, so neither share is published
      const q3 = page.slice(page.indexOf('Q3.'), page.indexOf('Q4.') > 0 ? page.indexOf('Q4.') : page.indexOf('Q5.'))
      assert.doesNotMatch(q3, /57,1|42,9/)
      assert.match(q3, /Oui moins de 5 moins de 5/)
      assert.match(q3, /Non moins de 5 moins de 5/)
      const json = (await visitor.get(`/etudes/${sevenId}/resultats.json`)).json() as { views: { overall: { questions: Array<{ key: string; categories: Array<{ code: string; n: number | null; value: unknown; hidden: string | null }> | null }> } } }
      const categories = json.views.overall.questions.find((q) => q.key === 'q3')?.categories ?? []
      assert.deepEqual(categories.map((c) => [c.code, c.n, c.value, c.hidden]), [
        ['oui', null, null, 'small'],
        ['non', null, null, 'small'],
      ])
      const csv = (await visitor.get(`/etudes/${sevenId}/resultats.csv`)).body
      const q3rows = csv.split(/\r?\n/).filter((line) => line.startsWith('overall,Q3,'))
      assert.equal(q3rows.length, 2)
      assert.ok(q3rows.every((line) => /,share,,,,,\d+(\.\d+)?,hidden_small$/.test(line)), q3rows.join('\n'))
      const api = (await visitor.get(`/api/v1/studies/${sevenId}`)).json() as { data: typeof json }
      assert.deepEqual(api.data.views.overall.questions.find((q) => q.key === 'q3')?.categories, categories)
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
      const doc = json.json() as { citation: string; methodology: { n: number; author: string }; href: string }
      assert.equal(doc.methodology.n, 39)
      assert.equal(doc.methodology.author, 'Équipe test')
      assert.equal(doc.href, `/etudes/${studyId}`)
      assert.match(doc.citation, new RegExp(`http://alliance\\.test/etudes/${studyId}`))
      const list = (await visitor.get('/api/v1/studies')).json() as { data: Array<{ id: string; synthetic: boolean; href: string }>; total: number; page: number; page_count: number }
      assert.deepEqual(list.data.map((s) => s.id).sort(), [studyId, tinyId, sevenId].sort())
      assert.deepEqual(list.data.map((s) => s.href).sort(), [studyId, tinyId, sevenId].map((id) => `/etudes/${id}`).sort())
      assert.equal(list.total, 3)
      // paging: a page past the end is empty, with the totals
      const past = (await visitor.get('/api/v1/studies?page=50&per_page=2')).json() as { data: unknown[]; total: number; page: number; per_page: number; page_count: number }
      assert.deepEqual(past, { data: [], total: 3, page: 50, per_page: 2, page_count: 2 })
      const second = (await visitor.get('/api/v1/studies?page=2&per_page=2')).json() as { data: unknown[] }
      assert.equal(second.data.length, 1)
      const badPage = await visitor.get('/api/v1/studies?page=abc')
      assert.equal(badPage.statusCode, 400)
      assert.match(String(badPage.headers['content-type']), /problem\+json/)
    })

    test('CSV exports neutralise formulas: a label such as =cmd|\' /C calc\'!A0 is written as text', async () => {
      const a = await analyst(t, 'formules@example.org', 'Observatoire des formules')
      const q = await questionnaire(a.client, a.orgId, 'vide', 'Formules')
      const added = await a.client.post(`/enquetes/${q}/questions`, { section: 's1', type: 'single', label: "=cmd|' /C calc'!A0" })
      const key = String(added.headers.location).split('/').pop() as string
      for (const option of ['+SUM(1,1)', '@quelqu’un']) {
        assert.equal((await a.client.post(`/enquetes/${q}/questions/${key}`, { op: 'add-option', label: "=cmd|' /C calc'!A0", required: 'on', new_option: option })).statusCode, 303)
      }
      const def = JSON.parse((await t.db.selectFrom('survey_questionnaires').select('definition').where('id', '=', q).executeTakeFirstOrThrow()).definition) as { sections: Array<{ questions: Array<{ options: Array<{ code: string }> }> }> }
      const codes = def.sections[0]?.questions[0]?.options.map((o) => o.code) ?? []
      const id = await campaign(a.client, q, { title: '-2+3 campagne' })
      await anonymousResponses(t, id, 12, (i) => ({ [`q_${key}`]: codes[i % 2] as string, intent: 'submit' }))
      assert.equal((await a.client.post(`/campagnes/${id}/publication`, { op: 'publish', author: '=HYPERLINK("http://evil.example")' })).statusCode, 303)
      const csv = (await new Client(t.app).get(`/etudes/${id}/resultats.csv`)).body
      const cells = csv.split(/\r?\n/).flatMap((line) => line.split(','))
      assert.ok(csv.includes(`"'=cmd|' /C calc'!A0"`) || csv.includes(`'=cmd|' /C calc'!A0`), csv.slice(0, 300))
      assert.ok(csv.includes(`'+SUM(1`), csv)
      assert.ok(csv.includes(`'@quelqu’un`), csv)
      assert.ok(cells.every((cell) => !/^"?[=+@\t\r]/.test(cell) && !/^"?-[^0-9]/.test(cell)), 'no cell starts a formula')
      // the microdata of the analysts go through the same writer
      const micro = (await a.client.get(`/campagnes/${id}/microdonnees.csv`)).body
      assert.ok(micro.split(/\r?\n/).flatMap((line) => line.split(',')).every((cell) => !/^[=+@]/.test(cell)))
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
