/**
 * Browser journey of listening and connecting, with and without JavaScript: an association publishes a need
 * → a company sees it among its resource's matches with the reasons → sends a contact request → the
 * association, notified, accepts → both see each other's contact details. axe-core reports no WCAG 2.1
 * A/AA violation on every new page (forms with errors included).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { Client } from '../helpers/app.js'
import { axeViolations, describeViolations, HAS_CHROMIUM, launchBrowser, startServer, type RunningServer } from '../helpers/browser.js'

const PASSWORD = 'une phrase de passe solide'

describe('listening journey in Chromium', { skip: !HAS_CHROMIUM && 'no /usr/bin/chromium' }, () => {
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

  /** An account with its organisation, made through the real routes (not the browser: it is not the journey). */
  async function actor(email: string, name: string, world: string, seat: string, contact: string): Promise<string> {
    const client = new Client(server.app)
    await client.signUp(email, PASSWORD, `Personne ${name}`)
    const res = await client.post('/acteurs/nouveau', { name, world, seat, perimeter_levels: ['commune'], contact_email: contact })
    assert.equal(res.statusCode, 303, res.body)
    if (world === 'entreprise') {
      const orgId = String(res.headers.location).split('/').pop() as string
      const resource = await client.post('/ressources/nouvelle', {
        organisation_id: orgId,
        kind: 'ressource',
        title: `Mécénat de compétences ${name}`,
        description: 'Nos salariés accompagnent les associations en informatique.',
        contribution_type: 'mecenat_competences',
        hours: '30',
        people: '3',
        domains: ['numerique', 'education_jeunesse'],
        sdgs: ['4'],
      })
      assert.equal(resource.statusCode, 303, resource.body)
      return String(resource.headers.location)
    }
    return String(res.headers.location)
  }

  async function signIn(context: BrowserContext, email: string): Promise<Page> {
    const page = await context.newPage()
    await page.goto(`${server.url}/connexion`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'))
    return page
  }

  async function checkAxe(page: Page, label: string) {
    const violations = await axeViolations(page)
    assert.equal(violations.length, 0, describeViolations(label, violations))
  }

  async function journey(js: boolean, suffix: string, audit: boolean) {
    const resourcePath = await actor(`rse-${suffix}@example.org`, `Numérique de Fontenay ${suffix}`, 'entreprise', '94120', `rse-${suffix}@fontenay.example.org`)
    await actor(`asso-${suffix}@example.org`, `Soutien scolaire ${suffix}`, 'association', '94300', `contact-${suffix}@soutien.example.org`)
    const associationContext = await browser.newContext({ javaScriptEnabled: js })
    const companyContext = await browser.newContext({ javaScriptEnabled: js })
    try {
      // The association publishes a need (a first submission shows the error summary).
      const asso = await signIn(associationContext, `asso-${suffix}@example.org`)
      await asso.goto(`${server.url}/besoins`)
      if (audit) await checkAxe(asso, '/besoins')
      await asso.getByRole('link', { name: 'Publier un besoin' }).first().click()
      await asso.getByRole('button', { name: 'Publier un besoin' }).click()
      assert.match(await asso.locator('.error-summary').innerText(), /problèmes à corriger/)
      if (audit) await checkAxe(asso, '/besoins/nouveau (errors)')
      const title = `Initier les collégiens au numérique ${suffix}`
      await asso.getByRole('textbox', { name: /^Titre/ }).fill(title)
      await asso.getByRole('textbox', { name: /^Description/ }).fill('Des ateliers du mercredi pour découvrir le code et les outils numériques.')
      await asso.getByLabel('Domaine d’action').selectOption('numerique')
      await asso.getByRole('textbox', { name: /^Territoire concerné/ }).fill('Vincennes')
      await asso.getByLabel('Horizon').selectOption('moyen')
      await asso.getByRole('checkbox', { name: 'Mécénat de compétences' }).check()
      await asso.getByRole('textbox', { name: /^Compétences/ }).fill('développement, pédagogie')
      await asso.getByRole('textbox', { name: /^Heures par personne/ }).fill('20')
      await asso.getByRole('button', { name: 'Publier un besoin' }).click()
      await asso.waitForURL(/\/besoins\/[0-9a-f-]{36}$/)
      assert.equal(await asso.getByRole('heading', { level: 1 }).innerText(), title)
      if (audit) await checkAxe(asso, '/besoins/:id')

      // The company sees it among its resource's matches, with the reasons, and asks to connect.
      const company = await signIn(companyContext, `rse-${suffix}@example.org`)
      await company.goto(`${server.url}${resourcePath}`)
      if (audit) await checkAxe(company, '/ressources/:id')
      await company.getByRole('link', { name: 'Voir les correspondances' }).click()
      const match = company.locator('.match-list > li', { hasText: title })
      const reasons = await match.innerText()
      assert.match(reasons, /Mécénat de compétences demandé et proposé/)
      assert.match(reasons, /Même intercommunalité/)
      assert.match(reasons, /Un autre monde : association ↔ entreprise/)
      if (audit) await checkAxe(company, '/ressources/:id/correspondances')
      await match.getByRole('link', { name: 'Demander une mise en relation' }).click()
      if (audit) await checkAxe(company, '/mises-en-relation/nouvelle')
      await company.getByRole('textbox', { name: /^Votre message/ }).fill('Bonjour, nos développeurs peuvent animer vos ateliers.')
      await company.getByRole('button', { name: 'Envoyer la demande' }).click()
      await company.waitForURL(/\/mises-en-relation\/[0-9a-f-]{36}$/)
      const before = await company.locator('main').innerText()
      assert.match(before, /visibles ici après acceptation/)
      assert.doesNotMatch(before, new RegExp(`contact-${suffix}@soutien`))
      if (audit) await checkAxe(company, '/mises-en-relation/:id (proposée)')
      const requestUrl = company.url()

      // The association is notified, opens the request and accepts.
      await asso.goto(`${server.url}/besoins`)
      await asso.getByRole('link', { name: /Notifications/ }).click()
      if (audit) await checkAxe(asso, '/notifications')
      await asso.getByRole('link', { name: /vous propose une mise en relation/ }).click()
      assert.doesNotMatch(await asso.locator('main').innerText(), new RegExp(`rse-${suffix}@fontenay`))
      await asso.getByRole('button', { name: 'Accepter' }).click()
      await asso.waitForURL(requestUrl)
      const accepted = await asso.locator('main').innerText()
      assert.match(accepted, new RegExp(`rse-${suffix}@fontenay\\.example\\.org`))
      assert.match(accepted, new RegExp(`rse-${suffix}@example\\.org`))
      if (audit) await checkAxe(asso, '/mises-en-relation/:id (acceptée)')

      // Both see each other's contact details.
      await company.reload()
      const seen = await company.locator('main').innerText()
      assert.match(seen, new RegExp(`contact-${suffix}@soutien\\.example\\.org`))
      assert.match(seen, new RegExp(`asso-${suffix}@example\\.org`))
      if (audit) {
        for (const path of ['/mises-en-relation', '/ressources', '/ressources/nouvelle', '/recherche?q=numerique&lieu=Val-de-Marne', '/territoires/commune/94080', '/territoires/departement/94']) {
          await company.goto(`${server.url}${path}`)
          await checkAxe(company, path)
        }
        await company.goto(`${server.url}/ressources/nouvelle`)
        await company.getByRole('button', { name: /Proposer une ressource/ }).click()
        await checkAxe(company, '/ressources/nouvelle (errors)')
        await asso.goto(`${server.url}/besoins`)
        await asso.locator('.listing-list a', { hasText: title }).click()
        await asso.getByRole('link', { name: 'Voir les correspondances' }).click()
        await checkAxe(asso, '/besoins/:id/correspondances')
      }
    } finally {
      await associationContext.close()
      await companyContext.close()
    }
  }

  test('with JavaScript: publish, match, request, accept, contacts on both sides; axe-core on every new page', async () => {
    await journey(true, 'js', true)
  })

  test('without JavaScript, the same journey works', async () => {
    await journey(false, 'nojs', false)
  })
})
