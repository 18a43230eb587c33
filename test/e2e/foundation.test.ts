/**
 * Browser journey of the foundation, with and without JavaScript: sign up → register an association with
 * its RNA number → it appears on its commune's page and in its département's directory. axe-core reports
 * no WCAG 2.1 A/AA violation on the main pages.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, confirmAddress, describeViolations, HAS_CHROMIUM, launchBrowser, startServer, type RunningServer } from '../helpers/browser.js'

describe('foundation journey in Chromium', { skip: !HAS_CHROMIUM && 'no /usr/bin/chromium' }, () => {
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

  async function journey(page: Page, suffix: string, rna: string) {
    const email = `journey-${suffix}@example.org`
    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: 'Créer un compte' }).first().click()
    await page.getByLabel('Nom affiché').fill(`Dominique ${suffix}`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill('une phrase de passe solide')
    await page.getByRole('button', { name: 'Créer mon compte' }).click()
    await page.waitForURL(`${server.url}/inscription/verifiez`)
    await confirmAddress(page, server, email)
    assert.match(await page.locator('main').innerText(), /Bienvenue sur Alliance/)

    await page.getByRole('link', { name: 'Inscrire une organisation' }).first().click()
    // A first, incomplete submission shows the error summary.
    await page.getByRole('button', { name: 'Inscrire l’organisation' }).click()
    assert.match(await page.locator('.error-summary').innerText(), /problèmes à corriger/)

    const name = `Les Jardiniers de Vincennes ${suffix}`
    await page.getByRole('textbox', { name: /Nom de l’organisation/ }).fill(name)
    await page.getByLabel('Monde').selectOption('association')
    await page.getByLabel('Numéro RNA').fill(rna)
    await page.getByRole('textbox', { name: /Commune du siège/ }).fill('Vincennes')
    await page.getByRole('checkbox', { name: 'La commune du siège' }).check()
    await page.getByLabel('ODD 11 — Villes et communautés durables').check()
    await page.getByRole('button', { name: 'Inscrire l’organisation' }).click()
    await page.waitForURL(/\/acteurs\/[0-9a-f-]{36}$/)
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), name)
    const actorUrl = page.url()

    await page.goto(`${server.url}/territoires/commune/94080`)
    assert.ok((await page.locator('main').innerText()).includes(name), 'listed on its commune page')
    await page.goto(`${server.url}/acteurs?territoire=departement:94`)
    assert.ok((await page.locator('main').innerText()).includes(name), 'listed in its département directory')
    await page.goto(`${server.url}/acteurs`)
    await page.getByLabel('Territoire').fill('Val-de-Marne')
    await page.getByRole('button', { name: 'Filtrer' }).click()
    assert.ok((await page.locator('main').innerText()).includes(name), 'found through the directory filter')
    return actorUrl
  }

  test('with JavaScript, and axe-core finds no violation on the main pages', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const actorUrl = await journey(page, 'js', 'W943100001')
    for (const path of ['/', '/territoires/commune/94080', '/territoires/departement/94', '/acteurs', actorUrl.replace(server.url, ''), '/lexique', '/acteurs/nouveau', '/mon-espace', '/compte', '/compte/securite', '/compte/securite/totp', '/compte/supprimer', '/territoires?q=saint+etienne']) {
      await page.goto(`${server.url}${path}`)
      const violations = await axeViolations(page)
      assert.equal(violations.length, 0, describeViolations(path, violations))
    }
    const anonymous = await browser.newContext()
    const anonPage = await anonymous.newPage()
    for (const path of ['/inscription', '/inscription/verifiez', '/connexion', '/mot-de-passe-oublie', '/territoires/commune/99999']) {
      await anonPage.goto(`${server.url}${path}`)
      const violations = await axeViolations(anonPage)
      assert.equal(violations.length, 0, describeViolations(path, violations))
    }
    // A form with errors is accessible too.
    await anonPage.goto(`${server.url}/inscription`)
    await anonPage.getByRole('button', { name: 'Créer mon compte' }).click()
    const violations = await axeViolations(anonPage)
    assert.equal(violations.length, 0, describeViolations('/inscription (errors)', violations))
    await anonymous.close()
    await context.close()
  })

  test('without JavaScript, the same journey works', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await journey(page, 'nojs', 'W943100002')
    await context.close()
  })

  test('the English interface keeps the domain words and passes axe-core', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: 'English' }).click()
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')
    await page.goto(`${server.url}/lexique`)
    assert.match(await page.locator('main').innerText(), /Envie d’engagement/)
    const violations = await axeViolations(page)
    assert.equal(violations.length, 0, describeViolations('/lexique (en)', violations))
    await context.close()
  })
})
