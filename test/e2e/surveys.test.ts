/**
 * Browser journey of surveys, with and without JavaScript: build a survey from the barometer template →
 * answer it anonymously from two browser contexts (plus a few dozen respondents over HTTP, so that bases
 * reach the publication threshold) → weight it → publish → the public page shows the lever shares with
 * their intervals and the ternary plot. axe-core reports no WCAG 2.1 A/AA violation on any new page,
 * results with charts and forms with errors included.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { axeViolations, confirmAddress, describeViolations, HAS_CHROMIUM, launchBrowser, startServer, type RunningServer } from '../helpers/browser.js'

/** A respondent over plain HTTP: its own cookies (browser token, CSRF secret) and one submission. */
async function answerOverHttp(url: string, campaignId: string, i: number): Promise<void> {
  const page = await fetch(`${url}/repondre/${campaignId}`)
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
  const orders = [
    ['2', '3', '1'],
    ['1', '2', '3'],
    ['3', '1', '2'],
    ['2', '1', '3'],
  ][i % 4] as string[]
  const form = new URLSearchParams({
    _csrf: token,
    intent: 'submit',
    q_q1__vision: orders[0] as string,
    q_q1__gestion: orders[1] as string,
    q_q1__action: orders[2] as string,
    q_q2: ['tout_a_fait', 'plutot', 'plutot_pas'][i % 3] as string,
    q_q3: 'non',
    q_q5: i % 2 === 0 ? 'f' : 'h',
    q_q6: ['a18_24', 'a35_44', 'a65p'][i % 3] as string,
    q_q7: 'r11',
    q_q8: 'gte20000',
    q_q9: 'employes',
    q_q10: ['citoyen', 'association'][i % 2] as string,
  })
  const res = await fetch(`${url}/repondre/${campaignId}`, { method: 'POST', body: form, headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' })
  assert.equal(res.status, 303)
}

describe('surveys journey in Chromium', { skip: !HAS_CHROMIUM && 'no /usr/bin/chromium' }, () => {
  let server: RunningServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function axe(page: Page, label: string) {
    const violations = await axeViolations(page)
    assert.equal(violations.length, 0, describeViolations(label, violations))
  }

  async function answer(context: BrowserContext, campaignUrl: string, sex: string, check: boolean) {
    const page = await context.newPage()
    await page.goto(campaignUrl)
    // a repeated rank is refused, with an error summary
    await page.getByLabel('Vision partagée').selectOption('1')
    await page.getByLabel('Gestion régulatrice').selectOption('1')
    await page.getByLabel('Action collective transformatrice').selectOption('2')
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click()
    assert.match(await page.locator('.error-summary').innerText(), /Le rang 1 est donné deux fois/)
    if (check) await axe(page, 'answer page with errors')
    await page.getByLabel('Vision partagée').selectOption('2')
    await page.getByLabel('Gestion régulatrice').selectOption('3')
    await page.getByLabel('Action collective transformatrice').selectOption('1')
    await page.getByLabel('Plutôt d’accord', { exact: true }).check()
    await page.getByLabel('Non', { exact: true }).check()
    await page.getByLabel(sex, { exact: true }).check()
    await page.getByLabel('35 à 44 ans').check()
    await page.getByLabel('Île-de-France').check()
    await page.getByLabel('20 000 habitants et plus').check()
    await page.getByLabel('Cadres et professions intellectuelles supérieures').check()
    await page.getByLabel('Citoyens', { exact: true }).check()
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click()
    await page.waitForURL(/\/mes-reponses$/)
    assert.match(await page.locator('main').innerText(), /1\. Action collective transformatrice ; 2\. Vision partagée ; 3\. Gestion régulatrice/)
    if (check) await axe(page, 'my answers')
    await page.close()
  }

  async function journey(options: { javaScriptEnabled: boolean; suffix: string; rna: string; check: boolean }) {
    const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled })
    const page = await context.newPage()
    const url = server.url
    // an analyst with an organisation
    await page.goto(`${url}/inscription`)
    await page.getByLabel('Nom affiché').fill(`Analyste ${options.suffix}`)
    await page.getByLabel('Adresse e-mail').fill(`analyste-${options.suffix}@example.org`)
    await page.getByLabel('Mot de passe').fill('une phrase de passe solide')
    await page.getByRole('button', { name: 'Créer mon compte' }).click()
    await page.waitForURL(`${url}/inscription/verifiez`)
    await confirmAddress(page, server, `analyste-${options.suffix}@example.org`)
    await page.goto(`${url}/acteurs/nouveau`)
    await page.getByRole('textbox', { name: /Nom de l’organisation/ }).fill(`Observatoire ${options.suffix}`)
    await page.getByLabel('Monde').selectOption('association')
    await page.getByLabel('Numéro RNA').fill(options.rna)
    await page.getByRole('textbox', { name: /Commune du siège/ }).fill('Vincennes')
    await page.getByRole('checkbox', { name: 'La commune du siège' }).check()
    await page.getByRole('button', { name: 'Inscrire l’organisation' }).click()
    await page.waitForURL(/\/acteurs\/[0-9a-f-]{36}$/)

    // build from the barometer template
    await page.goto(`${url}/enquetes/nouvelle`)
    if (options.check) await axe(page, '/enquetes/nouvelle')
    await page.getByRole('button', { name: 'Créer le questionnaire' }).click()
    assert.match(await page.locator('.error-summary').innerText(), /problème/)
    if (options.check) await axe(page, '/enquetes/nouvelle (errors)')
    await page.getByRole('textbox', { name: /^Titre/ }).fill(`Baromètre ${options.suffix}`)
    await page.getByLabel(/Baromètre du jouer collectif/).check()
    await page.getByRole('button', { name: 'Créer le questionnaire' }).click()
    await page.waitForURL(/\/enquetes\/[0-9a-f-]{36}$/)
    const builderUrl = page.url()
    assert.match(await page.locator('main').innerText(), /classer ces trois leviers dans l’ordre des priorités \(1 à 3\)/)
    if (options.check) {
      await axe(page, 'builder')
      await page.getByRole('link', { name: 'Modifier la question 2' }).click()
      await axe(page, 'question editor')
      await page.goto(`${builderUrl}/apercu`)
      await axe(page, 'preview')
      await page.goto(`${url}/enquetes`)
      await axe(page, '/enquetes')
      await page.goto(builderUrl)
    }
    // a question added and moved with server-side forms
    await page.getByLabel('Question', { exact: true }).first().fill('Connaissez-vous un catalyseur territorial ?')
    await page.getByRole('button', { name: 'Ajouter' }).first().click()
    await page.waitForURL(/\/questions\/q\d+$/)
    await page.getByLabel('Nouvelle option').fill('Oui')
    await page.getByRole('button', { name: 'Ajouter l’option' }).click()
    await page.getByLabel('Nouvelle option').fill('Non')
    await page.getByRole('button', { name: 'Ajouter l’option' }).click()
    await page.getByRole('button', { name: 'Enregistrer la question' }).first().click()
    await page.waitForURL(/\/enquetes\/[0-9a-f-]{36}#q-q\d+$/)
    await page.getByRole('button', { name: 'Supprimer la question 5' }).click()
    assert.doesNotMatch(await page.locator('main').innerText(), /Connaissez-vous un catalyseur/)

    // a campaign, answered anonymously from two browsers
    await page.getByRole('link', { name: 'Lancer une campagne' }).click()
    if (options.check) await axe(page, 'new campaign')
    await page.getByRole('button', { name: 'Créer la campagne' }).click()
    await page.waitForURL(/\/campagnes\/[0-9a-f-]{36}$/)
    const campaignUrl = page.url()
    const campaignId = campaignUrl.split('/').pop() as string
    if (options.check) await axe(page, 'campaign')
    const answerUrl = `${url}/repondre/${campaignId}`
    for (const [i, sex] of ['Femme', 'Homme'].entries()) {
      const respondent = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled })
      await answer(respondent, answerUrl, sex, options.check && i === 0)
      await respondent.close()
    }
    for (let i = 0; i < 30; i++) await answerOverHttp(url, campaignId, i)

    // weighting: sex margins as shares of 50,2 millions
    await page.goto(`${campaignUrl}/redressement`)
    await page.getByLabel('Sexe').selectOption('1')
    await page.getByRole('button', { name: 'Mettre à jour le tableau des marges' }).click()
    await page.getByLabel('Femme').fill('52,3')
    await page.getByLabel('Homme').fill('47,7')
    await page.getByLabel(/des parts/).check()
    if (options.check) {
      await page.getByRole('button', { name: 'Redresser' }).click()
      assert.match(await page.locator('.error-summary').innerText(), /Donnez la population totale/)
      await axe(page, 'weighting with errors')
    }
    await page.getByLabel('Base (population totale)').fill('50 200 000')
    await page.getByLabel('Ce que compte la base').fill('Français de 18 ans et plus')
    await page.getByRole('button', { name: 'Redresser' }).click()
    await page.waitForURL(/\/redressement#diagnostics-heading$/)
    const diagnostics = await page.locator('main').innerText()
    assert.match(diagnostics, /Base : Ensemble 50,2 millions \(Français de 18 ans et plus\)/)
    assert.match(diagnostics, /Effet de plan/)
    if (options.check) await axe(page, 'weighting')

    // results, then publication
    await page.goto(`${campaignUrl}/resultats`)
    assert.match(await page.locator('main').innerText(), /% classé en premier/)
    if (options.check) {
      await axe(page, 'results')
      await page.goto(`${campaignUrl}/resultats?par=world`)
      await axe(page, 'results by world')
      await page.goto(campaignUrl)
    } else await page.goto(campaignUrl)
    await page.getByRole('textbox', { name: /^Auteur de l’étude/ }).fill(`Équipe ${options.suffix}`)
    await page.getByRole('button', { name: 'Publier l’étude' }).click()
    await page.waitForURL(`${url}/etudes/${campaignId}`)
    const study = await page.locator('main').innerText()
    assert.match(study, /Base : Ensemble 50,2 millions \(Français de 18 ans et plus\)/)
    assert.match(study, /Action collective transformatrice\s+\d+,\d\s%\s+\d+,\d – \d+,\d\s%/)
    assert.match(study, /L’équilibre des trois leviers par Monde/)
    assert.equal(await page.locator('svg.ternary title').count(), 1)
    assert.match(study, /Comment citer/)
    if (options.check) {
      await axe(page, 'study')
      await page.goto(`${url}/etudes/${campaignId}?par=world`)
      await axe(page, 'study by world')
      await page.goto(`${url}/etudes`)
      await axe(page, '/etudes')
      // an invitation-only campaign asks for a code first
      await page.goto(`${builderUrl}/campagnes/nouvelle`)
      await page.getByLabel('Mode de réponse').selectOption('invitation')
      await page.getByRole('button', { name: 'Créer la campagne' }).click()
      await page.waitForURL(/\/campagnes\/[0-9a-f-]{36}$/)
      const invitationId = page.url().split('/').pop() as string
      await page.getByRole('button', { name: 'Créer les codes' }).click()
      assert.match(await page.locator('main').innerText(), /codes créés/)
      await axe(page, 'campaign with codes')
      const invitation = await browser.newContext()
      const visitor = await invitation.newPage()
      await visitor.goto(`${url}/repondre/${invitationId}`)
      await visitor.getByRole('button', { name: 'Accéder au questionnaire' }).click()
      assert.match(await visitor.locator('.error-summary').innerText(), /problème/)
      await axe(visitor, 'invitation code page with errors')
      await invitation.close()
    }
    await context.close()
  }

  test('with JavaScript, and axe-core finds no violation on the new pages', async () => {
    await journey({ javaScriptEnabled: true, suffix: 'js', rna: 'W943200001', check: true })
  })

  test('without JavaScript, the same journey works', async () => {
    await journey({ javaScriptEnabled: false, suffix: 'nojs', rna: 'W943200002', check: false })
  })
})
