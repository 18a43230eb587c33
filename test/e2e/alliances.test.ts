/**
 * Browser journey of alliances, with and without JavaScript: an organisation creates an alliance from
 * scratch → invites two organisations (the third and second partners) → they accept → charter v1 signed by
 * all three → v2 edited → the signatures start again → a contribution and a journal entry appear together
 * in the timeline. axe-core reports no WCAG 2.1 A/AA violation on any alliance page (with JavaScript).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { signUp } from '../../src/features/accounts/index.js'
import { addMember, insertOrganisation } from '../helpers/alliances.js'
import { axeViolations, describeViolations, HAS_CHROMIUM, launchBrowser, startServer, type RunningServer } from '../helpers/browser.js'

const PASSWORD = 'une phrase de passe solide'

describe('alliances journey in Chromium', { skip: !HAS_CHROMIUM && 'no /usr/bin/chromium' }, () => {
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

  /** Three people, each admin of an organisation of a different world, signed in in their own context. */
  async function people(suffix: string, javaScriptEnabled: boolean) {
    const db = server.app.db
    const names = { a: `Association des Jardins ${suffix}`, b: `Entreprise Solidaire ${suffix}`, c: `Fondation du Bois ${suffix}` }
    const worlds = { a: 'association', b: 'entreprise', c: 'fondation' }
    const out: Record<'a' | 'b' | 'c', { page: Page; context: BrowserContext; organisationId: string; name: string }> = {} as never
    for (const key of ['a', 'b', 'c'] as const) {
      const email = `alliance-${key}-${suffix}@example.org`
      const userId = await signUp(db, { email, password: PASSWORD, displayName: `Personne ${key.toUpperCase()} ${suffix}` })
      const organisationId = await insertOrganisation(db, names[key], worlds[key], key === 'b' ? 'commune:94033' : 'commune:94080')
      await addMember(db, userId, organisationId, 'admin')
      const context = await browser.newContext({ javaScriptEnabled })
      const page = await context.newPage()
      await page.goto(`${server.url}/connexion`)
      await page.getByLabel('Adresse e-mail').fill(email)
      await page.getByLabel('Mot de passe').fill(PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.waitForURL((url) => !url.pathname.startsWith('/connexion'))
      out[key] = { page, context, organisationId, name: names[key] }
    }
    return out
  }

  async function journey(suffix: string, javaScriptEnabled: boolean, check: (page: Page, label: string) => Promise<void>) {
    const p = await people(suffix, javaScriptEnabled)
    const a = p.a.page
    const allianceName = `Alliance des jardins partagés ${suffix}`

    // Create the alliance (a first empty submission shows the error summary).
    await a.goto(`${server.url}/alliances`)
    await check(a, '/alliances')
    await a.getByRole('link', { name: 'Créer une alliance' }).first().click()
    await check(a, '/alliances/nouvelle')
    await a.getByRole('button', { name: 'Créer l’alliance' }).click()
    assert.match(await a.locator('.error-summary').innerText(), /problèmes à corriger/)
    await check(a, '/alliances/nouvelle (errors)')
    await a.getByRole('textbox', { name: /Nom de l’alliance/ }).fill(allianceName)
    await a.getByRole('textbox', { name: /Enjeux partagés/ }).fill('Des friches au pied des immeubles et des habitants qui veulent jardiner ensemble.')
    await a.getByRole('textbox', { name: /^Périmètre/ }).fill('Vincennes')
    await a.getByLabel('Forme de co-construction').selectOption('experimentation_collective')
    await a.getByLabel('Phase').selectOption('emergence')
    await a.getByLabel('ODD 11 — Villes et communautés durables').check()
    await a.getByRole('checkbox', { name: 'Action collective transformatrice' }).check()
    await a.getByRole('button', { name: 'Créer l’alliance' }).click()
    await a.waitForURL(/\/alliances\/[0-9a-f-]{36}$/)
    const allianceUrl = a.url()
    assert.equal(await a.getByRole('heading', { level: 1 }).innerText(), allianceName)
    assert.match(await a.locator('main').innerText(), /Pas encore une alliance entre mondes différents/)
    await check(a, 'alliance page')

    // Invite the two other organisations.
    for (const other of [p.b, p.c]) {
      await a.goto(allianceUrl)
      await a.getByRole('link', { name: 'Inviter une organisation' }).click()
      await a.getByLabel('Rechercher une organisation').fill(other.name)
      await a.getByRole('button', { name: 'Rechercher' }).click()
      if (other === p.b) await check(a, 'invite page')
      await a.getByRole('button', { name: `Inviter ${other.name}` }).click()
      await a.waitForURL(/\/alliances\/[0-9a-f-]{36}/)
    }
    assert.match(await a.locator('main').innerText(), /2 invitations en attente/)

    // They accept.
    for (const other of [p.b, p.c]) {
      await other.page.goto(allianceUrl)
      await other.page.getByRole('button', { name: `Accepter pour ${other.name}` }).click()
      await other.page.waitForURL(allianceUrl)
      assert.match(await other.page.locator('main').innerText(), /Bienvenue dans l’alliance/)
    }
    await a.goto(allianceUrl)
    assert.match(await a.locator('main').innerText(), /3 mondes pour 3 partenaires/)

    // Charter v1, signed by all.
    await a.goto(`${allianceUrl}/charte`)
    await check(a, 'charter (none)')
    await a.getByRole('link', { name: 'Écrire la charte' }).click()
    await check(a, 'charter form')
    await a.getByLabel('Principes').fill('Nous agissons côte à côte et nous rendons compte de ce que nous faisons.')
    await a.getByLabel(`Engagements de ${p.b.name}`).fill('Des heures de mécénat de compétences.')
    await a.getByRole('textbox', { name: /Qui décide quoi/ }).fill('Le comité des partenaires décide ; la coordination prépare.')
    await a.getByLabel('Les partenaires se réunissent').selectOption('trimestrielle')
    await a.getByLabel('Prochaine révision').fill('2099-06-30')
    await a.getByRole('button', { name: 'Enregistrer la version 1' }).click()
    await a.waitForURL(/\/charte$/)
    for (const who of [p.a, p.b, p.c]) {
      await who.page.goto(`${allianceUrl}/charte`)
      await who.page.getByRole('button', { name: `Signer la version 1 pour ${who.name}` }).click()
      await who.page.waitForURL(/\/charte/)
    }
    await a.goto(`${allianceUrl}/charte`)
    assert.match(await a.locator('main').innerText(), /3 partenaires actifs sur 3 ont signé la version 1/)
    await check(a, 'charter (signed)')

    // Version 2: signatures start again; version 1 and its signatures stay readable.
    await a.getByRole('link', { name: 'Modifier la charte (version 2)' }).click()
    await a.getByLabel('Principes').fill('Nous agissons côte à côte, nous rendons compte et nous évaluons ensemble.')
    await a.getByRole('button', { name: 'Enregistrer la version 2' }).click()
    await a.waitForURL(/\/charte$/)
    const charter = await a.locator('main').innerText()
    assert.match(charter, /Aucun partenaire actif sur 3 n’a signé la version 2/)
    assert.match(charter, /Version 2 pas encore signée/)
    assert.ok(await a.getByRole('button', { name: `Signer la version 2 pour ${p.a.name}` }).isVisible())

    // A contribution by B and a journal entry by C appear together in the year's timeline.
    const b = p.b.page
    await b.goto(`${allianceUrl}/contributions`)
    await check(b, 'contributions')
    await b.getByLabel('Type').selectOption('mecenat_competences')
    await b.getByRole('textbox', { name: /Quantité/ }).fill('12,5')
    await b.getByLabel('Unité').selectOption('hours')
    await b.getByRole('textbox', { name: /Description/ }).fill('Ateliers de compostage')
    await b.getByRole('button', { name: 'Enregistrer la contribution' }).click()
    await b.waitForURL(/\/contributions$/)
    assert.match(await b.locator('main').innerText(), /12,5 heures/)
    await b.getByRole('link', { name: /Corriger la contribution du/ }).first().click()
    await check(b, 'contribution edit')
    const c = p.c.page
    await c.goto(`${allianceUrl}/journal`)
    await c.getByLabel('Type d’entrée').selectOption('resultat')
    await c.getByRole('textbox', { name: /Titre/ }).fill('Première récolte partagée')
    await c.getByRole('button', { name: 'Ajouter au journal' }).click()
    await c.waitForURL(/\/journal\?annee=\d{4}$/)
    const timeline = await c.locator('main').innerText()
    assert.match(timeline, /Première récolte partagée/)
    assert.match(timeline, /Contribution · Entreprise Solidaire/)
    assert.match(timeline, /Ateliers de compostage/)
    assert.match(timeline, /rejoint l’alliance/)
    await check(c, 'journal')

    // The other pages of the feature.
    await a.goto(`${allianceUrl}/phase`)
    await check(a, 'phase form')
    await a.goto(`${allianceUrl}/modifier`)
    await check(a, 'edit form')
    await b.goto(allianceUrl)
    await b.getByRole('link', { name: `Dire ce que ${p.b.name} apporte et attend` }).click()
    await check(b, 'statement form')
    await b.getByRole('checkbox', { name: 'Compétences / richesses humaines' }).first().check()
    await b.getByRole('button', { name: 'Enregistrer' }).click()
    await b.waitForURL(/\/alliances\/[0-9a-f-]{36}/)
    await a.goto(`${server.url}/partenariats/nouveau?alliance=${allianceUrl.split('/').pop()}`)
    await check(a, 'partnership form')
    await a.goto(`${server.url}/alliances/carte`)
    await check(a, 'map')
    await a.goto(`${server.url}/territoires/commune/94080`)
    await check(a, 'territory page')
    await a.getByRole('link', { name: /réseau/i }).first().click()
    await a.waitForURL(/\/alliances\/territoires\/commune\/94080\/reseau$/)
    assert.ok(await a.locator('svg.network').isVisible())
    await check(a, 'network of the territory')
    await a.goto(`${server.url}/acteurs/${p.b.organisationId}`)
    assert.match(await a.locator('main').innerText(), new RegExp(allianceName))
    await check(a, 'organisation page')
    for (const who of Object.values(p)) await who.context.close()
  }

  test('with JavaScript, and axe-core finds no violation on any alliance page', async () => {
    await journey('js', true, async (page, label) => {
      const violations = await axeViolations(page)
      assert.equal(violations.length, 0, describeViolations(label, violations))
    })
  })

  test('without JavaScript, the same journey works', async () => {
    await journey('nojs', false, async () => {})
  })
})
