/**
 * The rights matrix of mobilisation on both databases (routes and expectations in `mobilisation.rights.ts`): each
 * cell's status, anonymous pages sent to sign-in, and the database unchanged after every refusal and after every
 * invalid request of the people who may act.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { newId } from '../../core/db/values.js'
import { parisToday } from '../../core/time/calendar.js'
import { buildTestApp, Client, giveSecondFactor, type TestApp } from '../../../test/helpers/app.js'
import { actorOf, addMember, insertOrganisation, userId } from '../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { mobilisationSnapshot as snapshot } from '../../../test/helpers/mobilisation.js'
import { createCall, publishCall } from './calls/calls.service.js'
import { createFund } from './funds/funds.service.js'
import { PEOPLE, PROJECT_CALL_TWINS, ROUTES, type Person, type RightsFixture, type RightsRoute } from './mobilisation.rights.js'
import { createPledge } from './pledges/pledges.service.js'
import { createProjectCall } from './projects/project-calls.service.js'
import { RIGHTS_ROUTES as SELECTION_RIGHTS_ROUTES } from './selection.rights.js'

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

async function send(client: Client, route: RightsRoute, fixture: RightsFixture): Promise<LightMyRequestResponse> {
  const [method] = route.route.split(' ') as [string]
  const url = route.path(fixture)
  if (method === 'GET') return client.get(url)
  if (url.startsWith('/api/')) return client.json(method as 'POST' | 'PUT' | 'PATCH' | 'DELETE', url, route.body ?? {})
  return client.post(url, (route.body ?? {}) as Record<string, string>)
}

for (const dialect of DIALECTS) {
  describe(`mobilisation rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let clients: Record<Person, Client>
    let fixture: RightsFixture
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      const emails: Record<Exclude<Person, 'anonymous'>, string> = { outsider: 'm-outsider@example.org', member: 'm-member@example.org', admin: 'm-admin@example.org', platformAdmin: 'm-platform@example.org' }
      clients = { anonymous: new Client(t.app) } as Record<Person, Client>
      for (const [person, email] of Object.entries(emails) as Array<[Exclude<Person, 'anonymous'>, string]>) {
        clients[person] = new Client(t.app)
        await clients[person].signUp(email)
      }
      await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', emails.platformAdmin).execute()
      await giveSecondFactor(t.db, emails.platformAdmin)
      const cityId = await insertOrganisation(t.db, 'Ville du matrice', 'collectivite')
      const companyId = await insertOrganisation(t.db, 'Entreprise du matrice', 'entreprise')
      const foundationId = await insertOrganisation(t.db, 'Fondation du matrice', 'fondation')
      const otherId = await insertOrganisation(t.db, 'Association d’ailleurs', 'association')
      for (const organisationId of [cityId, companyId, foundationId]) {
        await addMember(t.db, await userId(t.db, emails.admin), organisationId, 'admin')
        await addMember(t.db, await userId(t.db, emails.member), organisationId, 'member')
      }
      await addMember(t.db, await userId(t.db, emails.outsider), otherId, 'admin')
      const admin = await actorOf(t.db, emails.admin)
      const today = parisToday()
      const call = { organisationId: cityId, title: 'Appel du matrice', summary: 'Les entreprises s’engagent pour le territoire.', territory: 'commune:94080', startsOn: today, endsOn: shiftDay(today, 30), goals: { euros: '5000' }, needIds: [], worlds: [], sizes: [] }
      const draftCallId = await createCall(t.db, admin, call)
      const publishedCallId = await createCall(t.db, admin, { ...call, title: 'Appel publié du matrice' })
      await publishCall(t.db, admin, publishedCallId)
      const callToPublishId = await createCall(t.db, admin, { ...call, title: 'Appel à publier' })
      const apiCallToPublishId = await createCall(t.db, admin, { ...call, title: 'Appel à publier par l’API' })
      const callToCloseId = await createCall(t.db, admin, { ...call, title: 'Appel à clore' })
      const apiCallToCloseId = await createCall(t.db, admin, { ...call, title: 'Appel à clore par l’API' })
      for (const id of [callToCloseId, apiCallToCloseId]) await publishCall(t.db, admin, id)
      const pledgeId = await createPledge(t.db, admin, { organisationId: companyId, helpKind: 'euros', quantity: '1000', dueOn: shiftDay(today, 20), callId: publishedCallId })
      const fund = { hostOrganisationId: foundationId, name: 'Fonds du matrice', description: 'Un fonds pour les alliances du territoire.', legalForm: 'fondation', siret: '73282932000074', territory: 'commune:94080' }
      const fundId = await createFund(t.db, admin, fund)
      const fundToLeaveId = await createFund(t.db, admin, { ...fund, name: 'Fonds à quitter' })
      const projectCall = {
        title: 'Appel à projets du matrice',
        summary: 'Financer l’ingénierie des alliances.',
        territory: 'commune:94080',
        sdgs: [17],
        minAmount: '1000',
        maxAmount: '20000',
        cofundingMinPercent: 20,
        minWorlds: 2,
        scoreMax: 5,
        opensAt: `${shiftDay(today, 1)}T09:00`,
        deadlineAt: `${shiftDay(today, 40)}T12:00`,
        criteria: [{ label: 'Pertinence', weight: 2 }, { label: 'Coopération', weight: 1 }],
      }
      const projectCallId = await createProjectCall(t.db, admin, fundId, projectCall)
      const projectCallForQuestionnaireId = await createProjectCall(t.db, admin, fundId, { ...projectCall, title: 'Appel à projets à questionnaire' })
      const projectCallToPublishId = await createProjectCall(t.db, admin, fundId, { ...projectCall, title: 'Appel à projets à publier' })
      const apiProjectCallForQuestionnaireId = await createProjectCall(t.db, admin, fundId, { ...projectCall, title: 'Appel à projets à questionnaire par l’API' })
      const apiProjectCallToPublishId = await createProjectCall(t.db, admin, fundId, { ...projectCall, title: 'Appel à projets à publier par l’API' })
      fixture = {
        draftCallId,
        publishedCallId,
        pledgeId,
        companyId,
        fundId,
        chairId: admin.userId as string,
        projectCallId,
        unknownId: newId(),
        callToPublishId,
        callToCloseId,
        apiCallToPublishId,
        apiCallToCloseId,
        fundToLeaveId,
        projectCallForQuestionnaireId,
        projectCallToPublishId,
        apiProjectCallForQuestionnaireId,
        apiProjectCallToPublishId,
      }
    })
    after(() => t.close())

    test('the matrix covers every route of the feature', () => {
      const inventory = t.app.routeInventory
        .map((r) => `${r.method} ${r.url}`)
        .filter((key) => /^[A-Z]+ \/(api\/v1\/)?mobilisation(\/|$)/.test(key))
        .sort()
      // The selection and grants have their own matrix, with the seven kinds of people of their checks.
      assert.deepEqual([...ROUTES.map((r) => r.route), ...SELECTION_RIGHTS_ROUTES].sort(), inventory)
    })

    test('the API on calls for projects has the rights of its pages', () => {
      const row = (route: string) => ROUTES.find((r) => r.route === route)?.expect
      // A page sends an anonymous person to sign-in (303) where the API answers 401; an accepted form redirects (303).
      const asPage = (api: string, status: number) => (status === 401 || (!api.startsWith('GET ') && status >= 200 && status < 300) ? 303 : status)
      for (const [api, page] of Object.entries(PROJECT_CALL_TWINS)) {
        const apiRow = row(api)
        const pageRow = row(page)
        assert.ok(apiRow && pageRow, `${api} and ${page} are in the matrix`)
        for (const person of PEOPLE) assert.equal(asPage(api, apiRow[person]), pageRow[person], `${api} × ${person} answers as ${page}`)
      }
    })

    test('every cell answers as expected, and refused or invalid requests change nothing', async () => {
      const mismatches: string[] = []
      for (const route of ROUTES) {
        const expected = route.expect
        // An accepted act (2xx, or a form's 303 for someone signed in) changes the object: refusals go first.
        const accepted = (person: Person) => (expected[person] === 303 && person !== 'anonymous') || (expected[person] >= 200 && expected[person] < 300)
        const order = [...PEOPLE].sort((a, b) => Number(accepted(a)) - Number(accepted(b)))
        for (const person of order) {
          const before = await snapshot(t.db)
          const res = await send(clients[person], route, fixture)
          if (res.statusCode !== expected[person]) mismatches.push(`${route.route} × ${person}: expected ${expected[person]}, got ${res.statusCode}`)
          if (res.statusCode === 303 && person === 'anonymous' && !String(res.headers.location).startsWith('/connexion')) mismatches.push(`${route.route} × anonymous: redirected to ${res.headers.location}`)
          if (!accepted(person) && route.route.split(' ')[0] !== 'GET' && (await snapshot(t.db)) !== before) mismatches.push(`${route.route} × ${person}: a refused or invalid request changed a row`)
        }
      }
      assert.deepEqual(mismatches, [])
    })

    test('the accepted acts did what they say', async () => {
      const status = async (id: string) => (await t.db.selectFrom('mobilisation_calls').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
      assert.equal(await status(fixture.callToPublishId), 'published')
      assert.equal(await status(fixture.apiCallToPublishId), 'published')
      assert.equal(await status(fixture.callToCloseId), 'closed')
      assert.equal(await status(fixture.apiCallToCloseId), 'closed')
      assert.equal(await status(fixture.draftCallId), 'draft')
      const projectStatus = async (id: string) => (await t.db.selectFrom('mobilisation_project_calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
      assert.equal((await projectStatus(fixture.projectCallToPublishId)).status, 'published')
      assert.equal((await projectStatus(fixture.projectCallId)).status, 'draft')
      assert.notEqual((await projectStatus(fixture.projectCallForQuestionnaireId)).questionnaire_id, null)
      assert.equal((await projectStatus(fixture.apiProjectCallToPublishId)).status, 'published')
      assert.notEqual((await projectStatus(fixture.apiProjectCallForQuestionnaireId)).questionnaire_id, null)
      const left = await t.db.selectFrom('mobilisation_fund_members').select('user_id').where('fund_id', '=', fixture.fundToLeaveId).execute()
      assert.deepEqual(left, [])
    })
  })
}
