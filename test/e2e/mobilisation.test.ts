/**
 * Browser journey of mobilisation's calls for projects (issue 16), in Debian's Chromium: the fund's admin drafts a
 * call for projects (a first empty submission lists every problem), assigns three reviewers and publishes it → the
 * applying alliance's admin applies with JavaScript OFF (a refused first submission, then a balanced budget) → the
 * deadline passes → two reviewers score (one refused first for a score outside the grid), the third declares a
 * conflict of interest and is refused the application from then on (404) → the fund's admin reads the deliberation,
 * decides and publishes the decisions → the agreement is prepared and signed by both sides (the beneficiary is told
 * it needs a SIRET, enters it on its organisation's page, then signs) → a payment is recorded → the fund's
 * transparency page offers the SCDL Subventions CSV, downloaded and checked against the schema's rules.
 * axe-core reports no WCAG 2.1 A/AA violation on any page visited; the database is checked after each step.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { parse } from 'csv-parse/sync'
import type { Browser, Page } from 'playwright-core'
import { signUp } from '../../src/features/accounts/index.js'
import { parisToday } from '../../src/core/time/calendar.js'
import { addCommitteeMember } from '../../src/features/mobilisation/funds/funds.service.js'
import { addMember, userId } from '../helpers/alliances.js'
import { drainJobs, type TestApp } from '../helpers/app.js'
import { axeViolations, describeViolations, HAS_CHROMIUM, launchBrowser, startServer, type RunningServer } from '../helpers/browser.js'
import { buildSelectionWorld, closeApplications, shiftDay } from '../helpers/mobilisation.js'
import { SCDL_COLUMNS, scdlRowProblems } from '../helpers/scdl.js'

/** The password `buildSelectionWorld` gives its people (through `Client.signUp`). */
const PASSWORD = 'un mot de passe très long'
const ID = /[0-9a-f-]{36}/

describe('mobilisation journey in Chromium', { skip: !HAS_CHROMIUM && 'no /usr/bin/chromium' }, () => {
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

  /**
   * axe-core on the page. axe runs inside the page, which a context without JavaScript cannot do: such a page's
   * HTML, exactly as it was served, is checked in a page with JavaScript at the same address (same styles).
   */
  const withoutScripts = new WeakSet<Page>()
  let mirror: Page | undefined
  async function check(page: Page, label: string): Promise<void> {
    let target = page
    if (withoutScripts.has(page)) {
      const url = page.url()
      const html = await page.content()
      mirror ??= await browser.newPage()
      await mirror.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }))
      await mirror.goto(url)
      await mirror.unroute(url)
      target = mirror
    }
    const violations = await axeViolations(target)
    assert.deepEqual(violations, [], describeViolations(label, violations))
  }

  /** A signed-in page of `email`, in its own context (JavaScript on unless told otherwise). */
  async function signedIn(email: string, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    if (!javaScriptEnabled) withoutScripts.add(page)
    await page.goto(`${server.url}/connexion`)
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'))
    return page
  }

  test('publish a call, apply without JavaScript, score, conflict, decide, sign, pay, export SCDL', async () => {
    const db = server.app.db
    const t: TestApp = { app: server.app, db, dialect: 'sqlite', drainJobs: () => drainJobs(server.app), close: () => server.close() }
    const w = await buildSelectionWorld(t, 'mj')
    // A second reviewer who scores (the world's `conflictedReviewer` will declare a conflict on this call).
    const secondEmail = 'mj-second@example.org'
    const secondId = await signUp(db, { email: secondEmail, password: PASSWORD, displayName: 'Personne second évaluateur' })
    await addMember(db, secondId, w.org.R, 'member')
    await addCommitteeMember(db, w.actors.fundAdmin, w.fundId, { email: secondEmail, role: 'member' })
    // The beneficiary has not entered its SIRET yet: it will, when signing asks for it.
    await db.updateTable('organisations').set({ siret: null }).where('id', '=', w.org.C).execute()
    const today = parisToday()

    // --- the fund's admin drafts, staffs and publishes a call for projects ------------------------------------
    const admin = await signedIn(w.emails.fundAdmin)
    await admin.goto(`${server.url}/mobilisation/fonds/${w.fundId}`)
    await check(admin, 'fund')
    await admin.goto(`${server.url}/mobilisation/fonds/${w.fundId}/appels-a-projets/nouveau`)
    await check(admin, 'new call for projects')
    await admin.getByRole('button', { name: 'Préparer l’appel à projets' }).click()
    assert.match(await admin.locator('.error-summary').innerText(), /problème/)
    await check(admin, 'new call for projects (errors)')
    assert.equal((await db.selectFrom('mobilisation_project_calls').select('id').where('fund_id', '=', w.fundId).execute()).length, 2, 'nothing stored on refusal')
    await admin.locator('[name="title"]').fill('Ingénierie des alliances 2026')
    await admin.locator('[name="summary"]').fill('Financer la coordination des alliances du territoire pendant un an.')
    await admin.locator('[name="territory"]').fill('commune:94080')
    await admin.locator('input[name="sdgs"][value="4"]').check()
    await admin.locator('input[name="sdgs"][value="17"]').check()
    await admin.locator('[name="min_amount"]').fill('1000')
    await admin.locator('[name="max_amount"]').fill('20000')
    await admin.locator('[name="cofunding_min_percent"]').fill('20')
    await admin.locator('[name="min_worlds"]').fill('2')
    await admin.locator('[name="score_max"]').fill('5')
    await admin.locator('[name="opens_at"]').fill(`${shiftDay(today, -1)}T09:00`)
    await admin.locator('[name="deadline_at"]').fill(`${shiftDay(today, 30)}T12:00`)
    await admin.locator('[name="criterion_label_1"]').fill('Pertinence')
    await admin.locator('[name="criterion_weight_1"]').fill('2')
    await admin.locator('[name="criterion_label_2"]').fill('Coopération')
    await admin.locator('[name="criterion_weight_2"]').fill('1')
    await admin.getByRole('button', { name: 'Préparer l’appel à projets' }).click()
    await admin.waitForURL(new RegExp(`/mobilisation/appels-a-projets/${ID.source}$`))
    const callUrl = admin.url()
    const callId = callUrl.split('/').pop() as string
    await check(admin, 'call (draft)')
    const drafted = await db.selectFrom('mobilisation_project_calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow()
    assert.equal(drafted.status, 'draft')
    assert.equal(drafted.score_max, 5)
    assert.deepEqual((await db.selectFrom('mobilisation_criteria').select(['label', 'weight']).where('call_id', '=', callId).orderBy('position').execute()).map((c) => [c.label, c.weight]), [['Pertinence', 2], ['Coopération', 1]])

    for (const email of [w.emails.reviewer, secondEmail, w.emails.conflictedReviewer]) {
      await admin.getByLabel(/^Évaluateur/).selectOption(await userId(db, email))
      await admin.getByRole('button', { name: 'Ajouter un évaluateur' }).click()
      await admin.waitForURL(callUrl)
    }
    assert.equal((await db.selectFrom('mobilisation_reviewers').select('user_id').where('call_id', '=', callId).execute()).length, 3)
    await admin.getByRole('button', { name: 'Publier l’appel à projets' }).click()
    await admin.waitForURL(callUrl)
    await check(admin, 'call (published)')
    assert.equal((await db.selectFrom('mobilisation_project_calls').select('status').where('id', '=', callId).executeTakeFirstOrThrow()).status, 'published')
    await admin.goto(`${server.url}/mobilisation/appels-a-projets`)
    assert.match(await admin.locator('main').innerText(), /Ingénierie des alliances 2026/)
    await check(admin, 'calls for projects')

    // --- the alliance applies, JavaScript off --------------------------------------------------------------
    const applicant = await signedIn(w.emails.applicantAdmin, false)
    await applicant.goto(callUrl)
    await check(applicant, 'call (applicant, no JavaScript)')
    await applicant.getByLabel(/^Candidater pour l’alliance/).selectOption(w.allianceId)
    await applicant.getByRole('button', { name: 'Commencer une candidature' }).click()
    await applicant.waitForURL(new RegExp(`/mobilisation/candidatures/${ID.source}/modifier$`))
    const applicationId = applicant.url().split('/').at(-2) as string
    await check(applicant, 'application form (no JavaScript)')
    await applicant.locator('[name="title"]').fill('Coordonner l’alliance des quartiers')
    await applicant.locator('[name="summary"]').fill('Coordonner les partenaires et animer les ateliers du quartier pendant un an.')
    await applicant.locator('[name="beneficiary_organisation_id"]').selectOption(w.org.C)
    await applicant.locator('[name="requested"]').fill('5000')
    await applicant.locator('[name="expense_label_1"]').fill('Animation')
    await applicant.locator('[name="expense_amount_1"]').fill('8000')
    await applicant.locator('[name="expense_label_2"]').fill('Matériel')
    await applicant.locator('[name="expense_amount_2"]').fill('2000')
    // Submitted without the other resources: the budget does not balance, nothing is submitted.
    await applicant.getByRole('button', { name: 'Déposer la candidature' }).click()
    assert.match(await applicant.locator('.error-summary').innerText(), /problème/)
    await check(applicant, 'application form (errors, no JavaScript)')
    assert.equal((await db.selectFrom('mobilisation_applications').select('status').where('id', '=', applicationId).executeTakeFirstOrThrow()).status, 'draft')
    await applicant.locator('[name="resource_source_1"]').selectOption('own')
    await applicant.locator('[name="resource_label_1"]').fill('Fonds propres')
    await applicant.locator('[name="resource_amount_1"]').fill('5000')
    await applicant.getByRole('button', { name: 'Déposer la candidature' }).click()
    await applicant.waitForURL(`${server.url}/mobilisation/candidatures/${applicationId}`)
    await check(applicant, 'application (submitted, no JavaScript)')
    const submitted = await db.selectFrom('mobilisation_applications').selectAll().where('id', '=', applicationId).executeTakeFirstOrThrow()
    assert.equal(submitted.status, 'submitted')
    assert.equal(Number(submitted.requested_cents), 500_000)
    assert.equal(Number(submitted.budget_cents), 1_000_000)
    assert.equal(submitted.alliance_id, w.allianceId)
    assert.deepEqual((await db.selectFrom('mobilisation_budget_lines').select(['side', 'source', 'amount_cents']).where('application_id', '=', applicationId).execute()).map((l) => `${l.side}:${l.source ?? ''}:${Number(l.amount_cents)}`).sort(), ['expense:expense:200000', 'expense:expense:800000', 'resource:fund:500000', 'resource:own:500000'].sort())

    // --- the deadline passes; two reviewers score, the third declares a conflict and is refused -------------
    await closeApplications(db, callId)
    const applicationUrl = `${server.url}/mobilisation/candidatures/${applicationId}`
    const scores: Array<[string, string, string]> = [[w.emails.reviewer, '4', '5'], [secondEmail, '3', '4']]
    for (const [email, first, second] of scores) {
      const reviewer = await signedIn(email)
      await reviewer.goto(applicationUrl)
      await check(reviewer, `application (reviewer ${email})`)
      await reviewer.getByRole('link', { name: 'Évaluer' }).click()
      await reviewer.waitForURL(`${applicationUrl}/evaluation`)
      await check(reviewer, 'review form')
      await reviewer.getByLabel(/^Pertinence/).fill(email === w.emails.reviewer ? '9' : first)
      await reviewer.getByLabel(/^Coopération/).fill(second)
      await reviewer.getByLabel(/^Commentaire/).fill(`Un projet solide (${email}).`)
      await reviewer.getByRole('button', { name: 'Déposer l’évaluation' }).click()
      if (email === w.emails.reviewer) {
        // A score outside the grid is refused, field named, nothing stored.
        assert.match(await reviewer.locator('.error-summary').innerText(), /0 à 5/)
        await check(reviewer, 'review form (errors)')
        assert.equal((await db.selectFrom('mobilisation_scores').select('score').where('application_id', '=', applicationId).execute()).length, 0)
        await reviewer.getByLabel(/^Pertinence/).fill(first)
        await reviewer.getByRole('button', { name: 'Déposer l’évaluation' }).click()
      }
      await reviewer.waitForURL(applicationUrl)
      await reviewer.goto(`${applicationUrl}/evaluation`)
      assert.match(await reviewer.locator('main').innerText(), /Évaluation déposée/)
      await check(reviewer, 'review (submitted)')
      await reviewer.context().close()
    }
    const reviews = await db.selectFrom('mobilisation_reviews').select(['user_id', 'status', 'total_milli']).where('application_id', '=', applicationId).execute()
    assert.deepEqual(reviews.map((r) => r.status), ['submitted', 'submitted'])
    // (2×4 + 5) / 15 = 867 ‰ and (2×3 + 4) / 15 = 667 ‰
    assert.deepEqual(reviews.map((r) => r.total_milli).sort(), [667, 867])
    assert.equal((await db.selectFrom('mobilisation_scores').select('score').where('application_id', '=', applicationId).execute()).length, 4)

    const conflicted = await signedIn(w.emails.conflictedReviewer)
    await conflicted.goto(applicationUrl)
    await conflicted.getByLabel(/^Nature du conflit/).fill('Je conseille bénévolement cette association.')
    await conflicted.getByRole('button', { name: 'Déclarer un conflit d’intérêts' }).click()
    await conflicted.waitForURL(callUrl)
    await check(conflicted, 'call (after declaring a conflict)')
    for (const url of [applicationUrl, `${applicationUrl}/evaluation`]) {
      const refused = await conflicted.goto(url)
      assert.equal(refused?.status(), 404, `${url} is hidden from the conflicted reviewer`)
    }
    await check(conflicted, 'refused (404)')
    await conflicted.goto(`${callUrl}/candidatures`)
    assert.doesNotMatch(await conflicted.locator('main').innerText(), /Coordonner l’alliance des quartiers/)
    await check(conflicted, 'applications (conflicted reviewer)')
    const conflict = await db.selectFrom('mobilisation_conflicts').selectAll().where('application_id', '=', applicationId).where('user_id', '=', await userId(db, w.emails.conflictedReviewer)).executeTakeFirst()
    assert.ok(conflict, 'the conflict is recorded')

    // --- the fund's admin deliberates, decides and publishes -------------------------------------------------
    await admin.goto(`${callUrl}/deliberation`)
    const deliberation = await admin.locator('main').innerText()
    assert.match(deliberation, /mj Alliance des quartiers/)
    assert.match(deliberation, /Un projet solide \(mj-reviewer@example.org\)/)
    await check(admin, 'deliberation')
    await admin.getByRole('link', { name: 'Enregistrer la décision' }).click()
    await admin.waitForURL(`${applicationUrl}/decision`)
    await check(admin, 'decision form')
    await admin.locator('input[name="outcome"][value="funded"]').check()
    await admin.locator('[name="amount"]').fill('5000')
    await admin.locator('[name="conditions"]').fill('Compte rendu à mi-parcours.')
    await admin.locator('[name="reasons"]').fill('Un projet solide, porté par deux mondes.')
    await admin.getByRole('button', { name: 'Enregistrer la décision' }).click()
    await admin.waitForURL(`${callUrl}/deliberation`)
    const decision = await db.selectFrom('mobilisation_decisions').selectAll().where('application_id', '=', applicationId).executeTakeFirstOrThrow()
    assert.equal(decision.outcome, 'funded')
    assert.equal(Number(decision.amount_cents), 500_000)
    assert.equal(decision.published_at, null)
    await admin.getByRole('button', { name: 'Publier les décisions' }).click()
    await admin.waitForURL(`${callUrl}/deliberation`)
    await check(admin, 'deliberation (decided)')
    assert.equal((await db.selectFrom('mobilisation_project_calls').select('status').where('id', '=', callId).executeTakeFirstOrThrow()).status, 'decided')
    assert.notEqual((await db.selectFrom('mobilisation_decisions').select('published_at').where('application_id', '=', applicationId).executeTakeFirstOrThrow()).published_at, null)
    const grant = await db.selectFrom('mobilisation_grants').selectAll().where('application_id', '=', applicationId).executeTakeFirstOrThrow()
    assert.equal(grant.status, 'to_sign')
    assert.equal(Number(grant.amount_cents), 500_000)
    assert.equal(grant.beneficiary_organisation_id, w.org.C)

    // --- the agreement: terms, then both signatures ---------------------------------------------------------
    await admin.goto(applicationUrl)
    await admin.getByRole('link', { name: 'Convention' }).click()
    const grantUrl = `${server.url}/mobilisation/conventions/${grant.id}`
    await admin.waitForURL(grantUrl)
    await check(admin, 'grant (to prepare)')
    await admin.locator('[name="object"]').fill('Coordination de l’alliance des quartiers pendant un an')
    await admin.locator('[name="tranche_amount_1"]').fill('3000')
    await admin.locator('[name="tranche_due_1"]').fill(today)
    await admin.locator('[name="tranche_amount_2"]').fill('2000')
    await admin.locator('[name="tranche_due_2"]').fill(shiftDay(today, 180))
    await admin.locator('[name="tranche_condition_2"]').fill('Après le compte rendu')
    await admin.locator('[name="report_title_1"]').fill('Compte rendu à mi-parcours')
    await admin.locator('[name="report_start_1"]').fill(today)
    await admin.locator('[name="report_end_1"]').fill(shiftDay(today, 150))
    await admin.locator('[name="report_due_1"]').fill(shiftDay(today, 170))
    await admin.getByRole('button', { name: 'Enregistrer' }).click()
    await admin.waitForURL(grantUrl)
    assert.deepEqual((await db.selectFrom('mobilisation_grant_tranches').select(['number', 'amount_cents']).where('grant_id', '=', grant.id).orderBy('number').execute()).map((tr) => Number(tr.amount_cents)), [300_000, 200_000])

    // The beneficiary signs first, with JavaScript off: told a SIRET is needed, it enters it, then signs.
    await applicant.goto(grantUrl)
    await check(applicant, 'grant (beneficiary, no JavaScript)')
    await applicant.getByRole('button', { name: 'Signer pour le bénéficiaire' }).click()
    assert.match(await applicant.locator('main').innerText(), /SIRET/)
    await check(applicant, 'grant (no SIRET, no JavaScript)')
    assert.equal((await db.selectFrom('mobilisation_grants').select('beneficiary_signed_at').where('id', '=', grant.id).executeTakeFirstOrThrow()).beneficiary_signed_at, null)
    await applicant.goto(`${server.url}/acteurs/${w.org.C}/modifier`)
    await check(applicant, 'organisation form (no JavaScript)')
    await applicant.locator('[name="siret"]').fill('443 061 841 00047')
    await applicant.getByRole('button', { name: 'Enregistrer' }).click()
    await applicant.waitForURL((url) => !url.pathname.endsWith('/modifier'))
    assert.equal((await db.selectFrom('organisations').select('siret').where('id', '=', w.org.C).executeTakeFirstOrThrow()).siret, '44306184100047')
    await applicant.goto(grantUrl)
    await applicant.getByRole('button', { name: 'Signer pour le bénéficiaire' }).click()
    await applicant.waitForURL(grantUrl)
    assert.match(await applicant.locator('main').innerText(), /Signée par le bénéficiaire le/)
    await check(applicant, 'grant (signed by the beneficiary, no JavaScript)')
    assert.equal((await db.selectFrom('mobilisation_grants').select('status').where('id', '=', grant.id).executeTakeFirstOrThrow()).status, 'to_sign', 'one side is not enough')

    // Then the fund signs: the agreement is signed.
    await admin.goto(grantUrl)
    await admin.getByRole('button', { name: 'Signer pour le fonds' }).click()
    await admin.waitForURL(grantUrl)
    await check(admin, 'grant (signed)')
    const signed = await db.selectFrom('mobilisation_grants').selectAll().where('id', '=', grant.id).executeTakeFirstOrThrow()
    assert.equal(signed.status, 'signed')
    assert.equal(signed.signed_on, today)

    // --- a payment through the ledger ---------------------------------------------------------------------------
    await admin.goto(grantUrl)
    await admin.locator('[name="tranche"]').selectOption('1')
    await admin.locator('[name="amount"]').fill('3000')
    await admin.getByRole('button', { name: 'Enregistrer un versement' }).click()
    await admin.waitForURL(grantUrl)
    await check(admin, 'grant (paid)')
    assert.equal(Number((await db.selectFrom('mobilisation_grants').select('disbursed_cents').where('id', '=', grant.id).executeTakeFirstOrThrow()).disbursed_cents), 300_000)
    const tranche = await db.selectFrom('mobilisation_grant_tranches').selectAll().where('grant_id', '=', grant.id).where('number', '=', 1).executeTakeFirstOrThrow()
    assert.equal(Number(tranche.paid_cents), 300_000)
    assert.equal(tranche.paid_on, today)
    const fund = await db.selectFrom('mobilisation_funds').select(['granted_cents', 'disbursed_cents']).where('id', '=', w.fundId).executeTakeFirstOrThrow()
    assert.equal(Number(fund.disbursed_cents), 300_000)
    assert.ok(Number(fund.granted_cents) >= 500_000)

    // --- transparency and the SCDL export -------------------------------------------------------------------
    const visitor = await browser.newPage()
    await visitor.goto(`${server.url}/mobilisation/fonds/${w.fundId}/transparence`)
    assert.match(await visitor.locator('main').innerText(), /Coordination de l’alliance des quartiers pendant un an/)
    await check(visitor, 'transparency')
    const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByRole('link', { name: /Télécharger les subventions/ }).click()])
    assert.match(download.suggestedFilename(), /^subventions-.*\.csv$/)
    const csv = readFileSync(await download.path(), 'utf8')
    const [header, ...lines] = parse(csv, { relaxColumnCount: false }) as string[][]
    assert.deepEqual(header, [...SCDL_COLUMNS])
    assert.equal(lines.length, 1, 'one signed grant')
    const row = Object.fromEntries(SCDL_COLUMNS.map((c, i) => [c, (lines[0] as string[])[i] as string]))
    assert.deepEqual(scdlRowProblems(row), [])
    assert.equal(row.nomAttribuant, 'mj Fonds des alliances')
    assert.equal(row.idAttribuant, '73282932000074')
    assert.equal(row.nomBeneficiaire, 'mj Association coordinatrice')
    assert.equal(row.idBeneficiaire, '44306184100047')
    assert.equal(row.rnaBeneficiaire, 'W941000123')
    assert.equal(row.dateConvention, today)
    assert.equal(row.referenceDecision, signed.reference)
    assert.equal(row.objet, 'Coordination de l’alliance des quartiers pendant un an')
    assert.equal(row.montant, '5000.00')
    assert.equal(row.conditionsVersement, 'échelonné')
    assert.equal(row.datesPeriodeVersement, `${today}/${shiftDay(today, 180)}`)
    await visitor.close()
  })
})
