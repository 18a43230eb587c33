/**
 * Reaching people, in Chromium, with and without JavaScript (issue 13's journey): sign up → confirm the
 * address from the e-mail received by a real SMTP server → set up the second factor → sign out, sign in with
 * the code → receive an alliance invitation by e-mail → follow its link to "Mon espace" → accept. axe-core
 * reports no WCAG 2.1 A/AA violation on the pages of the journey (with JavaScript).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { generate } from 'otplib'
import type { Browser } from 'playwright-core'
import { createAlliance } from '../../src/features/alliances/index.js'
import { invitePartner } from '../../src/features/alliances/partners.service.js'
import { signUp } from '../../src/features/accounts/index.js'
import { actorOf, addMember, insertOrganisation } from '../helpers/alliances.js'
import { axeViolations, describeViolations, HAS_CHROMIUM, launchBrowser, startServer, type RunningServer } from '../helpers/browser.js'
import { freePort } from '../helpers/cluster.js'
import { waitFor } from '../helpers/jobs.js'
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js'

const PASSWORD = 'une phrase de passe solide'

describe('reaching people in Chromium', { skip: !HAS_CHROMIUM && 'no /usr/bin/chromium' }, () => {
  let server: RunningServer
  let browser: Browser
  let smtp: TestSmtp
  before(async () => {
    smtp = await startTestSmtp()
    const port = await freePort()
    server = await startServer({ env: { SMTP_URL: smtp.url, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` }, runJobs: true })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
    await smtp?.close()
  })

  /** The link of the newest e-mail to `email` whose subject matches, as received by the SMTP server. */
  async function linkFromMail(email: string, subject: RegExp, path: RegExp): Promise<string> {
    let link = ''
    await waitFor(`an e-mail "${subject}" to ${email}`, () => {
      const mail = [...smtp.messages].reverse().find((m) => m.subject && subject.test(m.subject) && JSON.stringify(m.to).includes(email))
      link = mail ? (new RegExp(`${server.url.replace(/[.]/g, '\\.')}${path.source}`).exec(mail.text ?? '')?.[0] ?? '') : ''
      return link !== ''
    })
    return link
  }

  async function journey(suffix: string, javaScriptEnabled: boolean) {
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    const check = async (label: string) => {
      if (!javaScriptEnabled) return
      const violations = await axeViolations(page)
      assert.equal(violations.length, 0, describeViolations(label, violations))
    }
    const email = `joignable-${suffix}@example.org`

    // Sign up, then confirm the address from the e-mail.
    await page.goto(`${server.url}/inscription`)
    await page.getByLabel('Nom affiché').fill(`Sacha ${suffix}`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Créer mon compte' }).click()
    await page.waitForURL(`${server.url}/inscription/verifiez`)
    await check('/inscription/verifiez')
    const verify = await linkFromMail(email, /Confirmez votre adresse/, /\/inscription\/confirmer\/[A-Za-z0-9_-]+/)
    await page.goto(verify)
    await check('confirmation page')
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click()
    await page.waitForURL(`${server.url}/mon-espace`)
    await check('/mon-espace')

    // Second factor.
    await page.goto(`${server.url}/compte/securite`)
    await check('/compte/securite')
    await page.getByRole('link', { name: 'Activer la double authentification' }).click()
    await check('/compte/securite/totp')
    const secret = (await page.locator('code.break-all').innerText()).replace(/\s/g, '')
    await page.getByLabel(/Code de l’application d’authentification/).fill(await generate({ secret }))
    await page.getByRole('button', { name: 'Activer' }).click()
    assert.match(await page.locator('main').innerText(), /Vos codes de secours/)
    await check('recovery codes')
    await page.getByRole('link', { name: 'J’ai noté mes codes' }).click()

    // Sign out, sign in with the code (of the next step: the current one was used at set-up).
    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.goto(`${server.url}/connexion`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL(`${server.url}/connexion/code`)
    await check('/connexion/code')
    await page.getByLabel(/^Code/).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }))
    await page.getByRole('button', { name: 'Vérifier' }).click()
    await page.waitForURL(`${server.url}/mon-espace`)

    // The person administers an organisation; another one's coordinator invites it into an alliance.
    const db = server.app.db
    const me = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    const mine = await insertOrganisation(db, `Les Jardins joignables ${suffix}`, 'association')
    await addMember(db, me.id, mine, 'admin')
    const coordinatorEmail = `coordination-${suffix}@example.org`
    const coordinatorId = await signUp(db, { email: coordinatorEmail, password: PASSWORD, displayName: 'Coordination' })
    const coordination = await insertOrganisation(db, `Fondation coordinatrice ${suffix}`, 'fondation')
    await addMember(db, coordinatorId, coordination, 'admin')
    const coordinator = await actorOf(db, coordinatorEmail)
    const allianceName = `Alliance joignable ${suffix}`
    const allianceId = await createAlliance(db, coordinator, { name: allianceName, stakes: 'Des enjeux partagés.', description: '', territoryIds: ['commune:94080'], form: 'experimentation_collective', sdgs: [11], sdgTargets: [], levers: ['action'], startedOn: '2026-01-15', endedOn: null, visibility: 'public', phase: 'emergence', coordinatorOrganisationId: coordination })
    await invitePartner(db, coordinator, allianceId, { organisationId: mine, role: 'partenaire' })

    // The invitation arrives by e-mail; its link leads to "Mon espace", where one button accepts.
    const link = await linkFromMail(email, new RegExp(`Invitation à rejoindre l’alliance « ${allianceName} »`), /\/mon-espace/)
    await page.goto(link)
    const main = await page.locator('main').innerText()
    assert.match(main, new RegExp(`est invitée à rejoindre l’alliance « ${allianceName} »`))
    await check('/mon-espace (invitation)')
    await page.getByRole('button', { name: `Accepter l’invitation de « ${allianceName} » pour Les Jardins joignables ${suffix}` }).click()
    await page.waitForURL(`${server.url}/alliances/${allianceId}`)
    const partner = await db.selectFrom('alliance_partners').select('status').where('alliance_id', '=', allianceId).where('organisation_id', '=', mine).executeTakeFirstOrThrow()
    assert.equal(partner.status, 'active')
    await page.goto(`${server.url}/mon-espace`)
    assert.match(await page.locator('main').innerText(), new RegExp(allianceName))
    await context.close()
  }

  test('with JavaScript, and axe-core finds no violation on the journey’s pages', async () => {
    await journey('js', true)
  })

  test('without JavaScript, the same journey works', async () => {
    await journey('nojs', false)
  })
})
