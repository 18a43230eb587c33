/**
 * Browser journey of catalysis, with and without JavaScript: a catalyst declares a space → logs two
 * activities → creates a meeting with quotas, by invitation → invites organisations → three people register
 * for two seats (the third waits) → one cancels and the first waiting is promoted → the meeting takes place,
 * attendance is taken on the phone list → a participant says whom they met and proposes a follow-up → the
 * other side accepts the connection in listening. axe-core reports no WCAG 2.1 A/AA violation on any page
 * visited (with JavaScript).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { signUp } from '../../src/features/accounts/index.js'
import { createNeed, createResource } from '../../src/features/listening/listening.service.js'
import { addMember, insertOrganisation, actorOf } from '../helpers/alliances.js'
import { axeViolations, describeViolations, HAS_CHROMIUM, launchBrowser, startServer, type RunningServer } from '../helpers/browser.js'

const PASSWORD = 'une phrase de passe solide'
const year = new Date().getUTCFullYear() + 1

describe('catalysis journey in Chromium', { skip: !HAS_CHROMIUM && 'no /usr/bin/chromium' }, () => {
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

  async function person(key: string, world: string, seat: string, javaScriptEnabled: boolean) {
    const db = server.app.db
    const email = `catalysis-${key}@example.org`
    const userId = await signUp(db, { email, password: PASSWORD, displayName: `Personne ${key}` })
    const organisationId = await insertOrganisation(db, `Organisation ${key}`, world, seat)
    await addMember(db, userId, organisationId, 'admin')
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    await page.goto(`${server.url}/connexion`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'))
    return { page, organisationId, email, name: `Organisation ${key}` }
  }

  async function journey(suffix: string, javaScriptEnabled: boolean, check: (page: Page, label: string) => Promise<void>) {
    const db = server.app.db
    const catalyst = await person(`catalyseur-${suffix}`, 'collectivite', 'commune:94068', javaScriptEnabled)
    const company = await person(`entreprise-${suffix}`, 'entreprise', 'commune:94080', javaScriptEnabled)
    const association = await person(`association-${suffix}`, 'association', 'commune:94017', javaScriptEnabled)
    const foundation = await person(`fondation-${suffix}`, 'fondation', 'commune:94052', javaScriptEnabled)
    const c = catalyst.page

    // a space
    await c.goto(`${server.url}/espaces`)
    await check(c, '/espaces')
    await c.getByRole('link', { name: 'Déclarer un espace territorial' }).first().click()
    await c.getByRole('button', { name: 'Déclarer l’espace' }).click()
    await check(c, '/espaces/nouveau (errors)')
    await c.getByLabel('Nom de l’espace').fill(`Espace des bords de Marne ${suffix}`)
    await c.getByLabel('Mission').fill('Faire se rencontrer les acteurs des bords de Marne.')
    await c.getByLabel('Dialogue territorial').check()
    await c.getByLabel('Périmètre').fill('ept:200057941')
    await c.getByRole('button', { name: 'Déclarer l’espace' }).click()
    await c.waitForURL(/\/espaces\/[0-9a-f-]{36}$/)
    const spaceUrl = c.url()
    await check(c, '/espaces/:id')

    // two activities
    for (const [activity, title] of [['Temps de rencontre / interconnaissance', 'Petit-déjeuner des dirigeants'], ['Mise en relation', 'Collège et entreprises']] as const) {
      await c.goto(`${spaceUrl}/activites/nouvelle`)
      await check(c, '/espaces/:id/activites/nouvelle')
      await c.getByLabel(activity, { exact: true }).check()
      await c.getByLabel('Intitulé').fill(title)
      await c.getByLabel('Début').fill(`${year - 1}-03-12`)
      await c.getByRole('button', { name: 'Consigner' }).click()
      await c.waitForURL((url) => url.pathname.startsWith('/espaces/') && !url.pathname.includes('activites'))
    }
    await c.goto(`${spaceUrl}?annee=${year - 1}`)
    assert.match(await c.locator('#grille-' + (year - 1) + '-resume').innerText(), /2 activités/)

    // a meeting with quotas, by invitation
    await c.getByRole('link', { name: 'Organiser une rencontre' }).click()
    await check(c, '/rencontres/nouvelle')
    await c.getByLabel('Titre').fill(`Dîner Élus & Entreprises ${suffix}`)
    await c.getByLabel('Type de rencontre').selectOption('diner')
    await c.getByLabel('Début').fill(`${year}-11-23T19:30`)
    await c.getByLabel('Fin').fill(`${year}-11-23T22:30`)
    await c.getByLabel(/^Adresse/).fill('2 quai des Guinguettes')
    await c.getByLabel(/^Commune/).fill('Nogent-sur-Marne')
    await c.getByLabel('Nombre de places').fill('2')
    await c.getByLabel(/^Entreprise \(/).fill('1')
    await c.getByLabel(/Sur invitation/).check()
    await c.getByRole('button', { name: 'Créer la rencontre' }).click()
    await c.waitForURL(/\/rencontres\/[0-9a-f-]{36}$/)
    const meetingUrl = c.url()
    await check(c, '/rencontres/:id')

    // invitations: organisations found by world and territory, and one by name
    await c.getByRole('link', { name: 'Invitations' }).click()
    await c.getByLabel('Mots').fill(suffix)
    await c.getByRole('button', { name: 'Chercher' }).click()
    await check(c, '/rencontres/:id/invitations')
    for (const o of [company, association, foundation]) await c.getByLabel(new RegExp(o.name)).check()
    await c.getByRole('button', { name: 'Inviter' }).click()
    await c.waitForURL(/invitations$/)

    // registrations: two seats (one for companies), three people
    for (const [p, org] of [[company, company], [association, association], [foundation, foundation]] as const) {
      await p.page.goto(meetingUrl)
      await check(p.page, '/rencontres/:id (guest)')
      await p.page.getByLabel('Au titre de').selectOption(org.organisationId)
      await p.page.getByRole('button', { name: /S’inscrire/ }).click()
      await p.page.waitForURL((url) => url.pathname.startsWith('/rencontres/'))
    }
    assert.match(await foundation.page.locator('main').innerText(), /liste d’attente, au rang 1/)
    // the association cancels: the foundation (first waiting for an open seat) gets it
    await association.page.goto(meetingUrl)
    await association.page.getByRole('button', { name: 'Annuler mon inscription' }).click()
    await foundation.page.goto(meetingUrl)
    assert.match(await foundation.page.locator('main').innerText(), /Vous êtes inscrit·e/)

    // the meeting takes place; attendance on the phone list
    const meetingId = meetingUrl.split('/').pop() as string
    await db.updateTable('catalysis_meetings').set({ starts_at: '2025-11-23T18:30:00.000Z', ends_at: '2025-11-23T21:30:00.000Z' }).where('id', '=', meetingId).execute()
    await c.setViewportSize({ width: 360, height: 740 })
    await c.goto(`${meetingUrl}/presences`)
    await check(c, '/rencontres/:id/presences')
    await c.getByLabel('Personne entreprise-' + suffix).check()
    await c.getByLabel('Personne fondation-' + suffix).check()
    await c.getByRole('button', { name: 'Enregistrer les présences' }).click()
    await c.waitForURL(/presences$/)
    assert.equal((await db.selectFrom('catalysis_meetings').select('present_count').where('id', '=', meetingId).executeTakeFirstOrThrow()).present_count, 2)

    // whom I met: the company proposes a follow-up about the foundation's need
    const foundationActor = await actorOf(db, foundation.email)
    const companyActor = await actorOf(db, company.email)
    await createNeed(db, foundationActor, { organisationId: foundation.organisationId, title: `Former des bénévoles au numérique ${suffix}`, description: 'Un besoin de formation pour nos bénévoles.', domain: 'numerique', sdgs: null, territoryId: 'commune:94052', contributions: [{ type: 'mecenat_competences', amountMinCents: null, amountMaxCents: null, hours: null, people: null, skills: null, details: null }], horizon: 'moyen', lever: null, status: null })
    await createResource(db, companyActor, { organisationId: company.organisationId, kind: 'ressource', title: `Des formateurs numériques ${suffix}`, description: 'Nos salariés forment bénévolement.', contributionType: 'mecenat_competences', amountMinCents: null, amountMaxCents: null, hours: null, people: null, skills: null, items: null, place: null, domains: [], sdgs: [], reachTerritoryId: null, availableFrom: null, availableUntil: null, status: null })
    const p = company.page
    await p.goto(`${meetingUrl}/suites`)
    await check(p, '/rencontres/:id/suites')
    await p.getByLabel('J’ai rencontré').selectOption(foundation.organisationId)
    await p.getByRole('button', { name: 'Continuer' }).click()
    await p.getByLabel(/Leur besoin/).check()
    await p.getByLabel('Message').fill('Ravis de vous avoir rencontrés au dîner : nos formateurs sont prêts.')
    await p.getByRole('button', { name: 'Enregistrer' }).click()
    await p.waitForURL(/suites$/)
    await check(p, '/rencontres/:id/suites (after)')
    const request = await db.selectFrom('contact_requests').select(['id', 'status']).where('from_organisation_id', '=', company.organisationId).executeTakeFirstOrThrow()

    // the other side accepts it in listening
    const f = foundation.page
    await f.goto(`${server.url}/mises-en-relation/${request.id}`)
    await f.getByRole('button', { name: 'Accepter' }).click()
    await f.waitForURL(/mises-en-relation/)
    assert.equal((await db.selectFrom('contact_requests').select('status').where('id', '=', request.id).executeTakeFirstOrThrow()).status, 'acceptee')

    // the new links of the meeting
    await c.goto(`${meetingUrl}/liens`)
    await check(c, '/rencontres/:id/liens')
    assert.match(await c.locator('main').innerText(), /1 nouveau lien/)
    await c.goto(`${spaceUrl}/rapport/${year - 1}`)
    await check(c, '/espaces/:id/rapport')
  }

  test('with JavaScript: the whole journey, axe-core finds no violation', async () => {
    await journey('js', true, async (page, label) => {
      const violations = await axeViolations(page)
      assert.equal(violations.length, 0, describeViolations(label, violations))
    })
  })

  test('without JavaScript: the same journey works', async () => {
    await journey('nojs', false, async () => {})
  })
})
