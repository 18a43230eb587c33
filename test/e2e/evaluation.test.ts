/**
 * Browser journey of evaluation, in Debian's Chromium: the coordinator opens a round → three partners answer for
 * their organisation (one of them with JavaScript off) → the round closes → the crossed views show the
 * disagreement first → every partner approves the review → it is published and printed to PDF (A4, one page per
 * part) → the coordinator writes a practice sheet → another organisation starts an alliance from it, and the
 * sheet lists it. axe-core reports no WCAG 2.1 A/AA violation on any page of the journey.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { signUp } from '../../src/features/accounts/index.js'
import { createAlliance } from '../../src/features/alliances/index.js'
import { CURRENT_GRID, cellKey, impactKey } from '../../src/features/evaluation/evaluation.grid.js'
import { ensureReferenceRateTable } from '../../src/features/valuation/index.js'
import { actorOf, addMember, insertOrganisation } from '../helpers/alliances.js'
import { axeViolations, describeViolations, HAS_CHROMIUM, launchBrowser, startServer, type RunningServer } from '../helpers/browser.js'
import { addContributionForTest } from '../helpers/evaluation.js'

const PASSWORD = 'une phrase de passe solide'

/** Counts the pages of a PDF (its `/Type /Page` objects, not the `/Pages` tree). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length
}

describe('evaluation journey in Chromium', { skip: !HAS_CHROMIUM && 'no /usr/bin/chromium' }, () => {
  let server: RunningServer
  let browser: Browser
  before(async () => {
    server = await startServer()
    await ensureReferenceRateTable(server.app.db)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function check(page: Page, label: string): Promise<void> {
    const violations = await axeViolations(page)
    assert.deepEqual(violations, [], describeViolations(label, violations))
  }

  async function person(key: string, world: string, javaScriptEnabled = true) {
    const db = server.app.db
    const email = `evaluation-${key}@example.org`
    const userId = await signUp(db, { email, password: PASSWORD, displayName: `Personne ${key}` })
    const name = { a: 'Association des Jardins', b: 'Entreprise Solidaire', c: 'Fondation du Bois', d: 'Ville de Montreuil' }[key] ?? key
    const organisationId = await insertOrganisation(db, name, world, key === 'd' ? 'commune:93048' : 'commune:94080')
    await addMember(db, userId, organisationId, 'admin')
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    await page.goto(`${server.url}/connexion`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'))
    return { page, organisationId, name, email }
  }

  /** Fills every level of the grid and of the impacts, with `levels` for some cells. */
  async function answer(page: Page, base: number, levels: Record<string, number> = {}) {
    for (const o of CURRENT_GRID.objects) for (const a of CURRENT_GRID.approaches) await page.locator(`select[name="level.${cellKey(o, a)}"]`).selectOption(String(levels[cellKey(o, a)] ?? base))
    for (const i of CURRENT_GRID.impacts) for (const s of CURRENT_GRID.scopes) await page.locator(`select[name="level.impact.${impactKey(i, s)}"]`).selectOption(String(base))
  }

  test('open a round, three partners answer, close, crossed views, approve, publish, print, sheet, inspire', async () => {
    const db = server.app.db
    const a = await person('a', 'association')
    const b = await person('b', 'entreprise', false)
    const c = await person('c', 'fondation')
    const d = await person('d', 'collectivite')

    // An alliance of three worlds, with contributions (written through the services and directly).
    const coordinator = await actorOf(db, a.email)
    const allianceId = await createAlliance(db, coordinator, { name: 'Alliance des jardins partagés', stakes: 'Des friches au pied des immeubles et des habitants qui veulent jardiner ensemble.', description: '', territoryIds: ['commune:94080'], form: 'experimentation_collective', sdgs: [11], sdgTargets: [], levers: ['action'], startedOn: '2024-01-15', endedOn: null, visibility: 'public', phase: 'experimentation', coordinatorOrganisationId: a.organisationId })
    for (const other of [b, c]) {
      await db.insertInto('alliance_partners').values({ id: crypto.randomUUID(), alliance_id: allianceId, organisation_id: other.organisationId, role: 'partenaire', status: 'active', brings: '', expects: '', invited_by: null, invited_at: '2024-02-01T00:00:00.000Z', responded_by: null, joined_on: '2024-02-01', left_on: null, left_reason: '', updated_at: '2024-02-01T00:00:00.000Z' }).execute()
    }
    await addContributionForTest(db, allianceId, a.organisationId, { type: 'benevolat', unit: 'hours', hundredths: 4250, day: '2025-03-10' })
    await addContributionForTest(db, allianceId, b.organisationId, { type: 'mecenat_competences', unit: 'hours', hundredths: 1200, day: '2025-04-02' })
    await addContributionForTest(db, allianceId, c.organisationId, { type: 'mecenat_financier', unit: 'eur', hundredths: 500000, day: '2025-05-20' })

    // The coordinator opens a round (a first empty submission lists every problem).
    const p = a.page
    await p.goto(`${server.url}/evaluation/${allianceId}`)
    await check(p, 'evaluation space')
    await p.getByRole('link', { name: 'Ouvrir un temps d’évaluation' }).click()
    await p.getByRole('textbox', { name: /Intitulé/ }).fill('')
    await p.getByRole('button', { name: 'Ouvrir le temps d’évaluation' }).click()
    assert.match(await p.locator('.error-summary').innerText(), /problème/)
    await check(p, 'open a round (errors)')
    await p.getByRole('textbox', { name: /Intitulé/ }).fill('Premier bilan')
    await p.getByLabel(/Période évaluée : début/).fill('2025-01-01')
    await p.getByLabel(/Clôture des réponses/).fill('2099-12-31')
    await p.getByRole('button', { name: 'Ouvrir le temps d’évaluation' }).click()
    await p.waitForURL(/\/temps\/[0-9a-f-]{36}$/)
    const roundUrl = p.url()
    await check(p, 'round (open)')

    // Three partners answer for their organisation; B has JavaScript off.
    for (const [who, base, levels] of [[a, 4, { 'equilibre.clarte': 4 }], [b, 2, { 'equilibre.clarte': 1 }], [c, 3, {}]] as const) {
      await who.page.goto(roundUrl)
      await who.page.getByRole('link', { name: `Répondre pour ${who.name}` }).click()
      if (who === a) await check(who.page, 'answer form')
      await answer(who.page, base, levels)
      await who.page.getByRole('textbox', { name: 'Les enseignements' }).fill(`Ce que ${who.name} a appris.`)
      await who.page.getByRole('button', { name: `Soumettre la réponse de ${who.name}` }).click()
      await who.page.waitForURL(roundUrl)
      assert.match(await who.page.locator('main').innerText(), /réponse soumise/)
    }
    // Before closing, a partner sees no crossed views.
    await b.page.goto(roundUrl)
    assert.match(await b.page.locator('main').innerText(), /ne voit que sa propre réponse/)

    // Close; the crossed views show the disagreement first.
    await p.goto(roundUrl)
    await p.getByRole('button', { name: 'Clore maintenant' }).click()
    await p.waitForURL(roundUrl)
    const crossed = await p.locator('main').innerText()
    assert.match(crossed, /Jamais une note unique, jamais un classement/)
    assert.match(crossed, /écart de 3 niveaux/)
    await check(p, 'round (closed, crossed views)')

    // Every partner approves the review, the coordinator publishes it.
    const reviewUrl = `${roundUrl}/bilan`
    for (const who of [a, b, c]) {
      await who.page.goto(reviewUrl)
      if (who === a) await check(who.page, 'review (draft)')
      await who.page.getByRole('button', { name: 'Approuver la version 1' }).click()
      await who.page.waitForURL(reviewUrl)
    }
    await p.goto(reviewUrl)
    await p.getByRole('button', { name: 'Publier le bilan' }).click()
    await p.waitForURL(reviewUrl)
    assert.match(await p.locator('main').innerText(), /publié le/)
    await check(p, 'review (published)')

    // The review prints on A4: the approvals page, then one page per part (six parts).
    const printed = await browser.newPage()
    await printed.goto(reviewUrl)
    await printed.emulateMedia({ media: 'print' })
    const pdf = await printed.pdf({ format: 'A4', printBackground: false })
    await printed.close()
    assert.ok(pdf.subarray(0, 5).toString() === '%PDF-', 'a PDF')
    const pages = pdfPageCount(pdf)
    assert.ok(pages >= 7 && pages <= 60, `the review prints on ${pages} pages`)

    // The coordinator writes a practice sheet from the published review.
    await p.getByRole('link', { name: 'Écrire une fiche de pratique à partir de ce bilan' }).click()
    await check(p, 'sheet form')
    const long = (s: string) => `${s} : un texte assez long pour la fiche de pratique.`
    await p.getByRole('textbox', { name: /^Titre/ }).fill('Des jardins partagés au pied des immeubles')
    for (const label of ['En quelques lignes', 'Le contexte', 'La solution', 'Le processus', 'Le modèle socio-économique', 'Le dispositif', 'La gouvernance', 'Le cadre juridique, social et fiscal', 'Les enseignements']) {
      await p.getByRole('textbox', { name: new RegExp(`^${label}`) }).fill(long(label))
    }
    await p.getByRole('checkbox', { name: 'Transition écologique' }).check()
    await p.getByRole('button', { name: 'Publier la fiche' }).click()
    await p.waitForURL(/\/pratiques\/[0-9a-f-]{36}$/)
    const sheetUrl = p.url()
    await check(p, 'sheet')
    await p.goto(`${server.url}/pratiques?q=jardins`)
    assert.match(await p.locator('main').innerText(), /Des jardins partagés au pied des immeubles/)
    await check(p, 'library')

    // Another organisation starts an alliance from it; the sheet lists it (essaimage).
    await d.page.goto(sheetUrl)
    await d.page.getByRole('link', { name: 'S’en inspirer' }).click()
    await check(d.page, 'inspire form')
    await d.page.getByRole('textbox', { name: /Nom de la nouvelle alliance/ }).fill('Jardins partagés de Montreuil')
    await d.page.getByRole('textbox', { name: /^Territoire/ }).fill('Montreuil')
    await d.page.getByRole('button', { name: 'Démarrer l’alliance' }).click()
    await d.page.waitForURL(/\/alliances\/[0-9a-f-]{36}$/)
    assert.match(await d.page.locator('main').innerText(), /Inspirée de la pratique/)
    await d.page.goto(sheetUrl)
    assert.match(await d.page.locator('main').innerText(), /Jardins partagés de Montreuil/)
    await check(d.page, 'sheet (replicated)')
  })
})
