/**
 * The rights matrix of surveys: every route × {anonymous, member, organisation admin, platform admin} on both
 * databases. A questionnaire and its campaigns are their organisation's (its members and platform admins
 * analyse them; anyone else signed in gets a 404, signed-out callers the sign-in page); answering an open
 * campaign and reading published studies are public. Refusals change no row.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { buildRightsWorld, everyone, inventoryRoutes, own, runRightsMatrix, type Cells, type RightsRow, type RightsWorld } from '../../../test/helpers/rights.js'
import { anonymousResponses, campaign, questionnaire } from '../../../test/helpers/surveys.js'
import { RIGHTS_ROUTES } from './surveys.rights.js'

/** An analyst's page or form: the organisation's member and platform admins get `status`, another organisation's admin a 404. */
const analyst = (status: number): Cells => ({ anonymous: 303, member: status, orgAdmin: 404, platformAdmin: status })

const UNKNOWN = '01890000-0000-7000-8000-000000000000'

const TABLES = ['survey_questionnaires', 'survey_campaigns', 'survey_invitation_codes', 'survey_responses', 'survey_rows', 'survey_weightings', 'survey_publications', 'survey_external_figures'] as const

for (const dialect of DIALECTS) {
  describe(`surveys rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: RightsWorld
    let q: string
    let c: string
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildRightsWorld(t, 'enquetes')
      q = await questionnaire(w.people.member, w.organisationId)
      c = await campaign(w.people.member, q)
      await anonymousResponses(t, c, 6)
      assert.equal((await w.people.member.post(`/campagnes/${c}/publication`, { op: 'publish', author: 'Équipe test' })).statusCode, 303)
    })
    after(() => t.close())

    const snapshot = async () => {
      const questionnaires = await t.db.selectFrom('survey_questionnaires').select(['id', 'title', 'definition', 'updated_at']).orderBy('id').execute()
      const campaigns = await t.db.selectFrom('survey_campaigns').selectAll().orderBy('id').execute()
      const counts = await Promise.all(TABLES.map(async (table) => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)))
      return JSON.stringify({ questionnaires, campaigns, counts })
    }

    const rows = (): RightsRow[] => [
      { route: 'GET /enquetes', path: '/enquetes', expect: own(200) },
      { route: 'GET /enquetes/nouvelle', path: '/enquetes/nouvelle', expect: own(200) },
      { route: 'POST /enquetes/nouvelle', path: '/enquetes/nouvelle', body: { organisation: w.organisationId, title: '', template: 'nope' }, expect: own(400) },
      { route: 'GET /enquetes/:id', path: `/enquetes/${q}`, expect: analyst(200) },
      { route: 'POST /enquetes/:id', path: `/enquetes/${q}`, body: { title: '' }, expect: analyst(400) },
      { route: 'POST /enquetes/:id/sections', path: `/enquetes/${q}/sections`, body: { title: '' }, expect: analyst(400) },
      { route: 'POST /enquetes/:id/sections/:key', path: `/enquetes/${q}/sections/s1`, body: { title: '' }, expect: analyst(400) },
      { route: 'POST /enquetes/:id/questions', path: `/enquetes/${q}/questions`, body: { type: 'nope' }, expect: analyst(400) },
      // the questionnaire has answers: its questions can no longer be edited nor removed (409)
      { route: 'GET /enquetes/:id/questions/:key', path: `/enquetes/${q}/questions/q2`, expect: analyst(409) },
      { route: 'POST /enquetes/:id/questions/:key', path: `/enquetes/${q}/questions/q2`, body: { label: '' }, expect: analyst(409) },
      { route: 'POST /enquetes/:id/questions/:key/deplacer', path: `/enquetes/${q}/questions/q2/deplacer`, body: { direction: 'nope' }, expect: analyst(400) },
      { route: 'POST /enquetes/:id/questions/:key/supprimer', path: `/enquetes/${q}/questions/q2/supprimer`, expect: analyst(409) },
      { route: 'GET /enquetes/:id/apercu', path: `/enquetes/${q}/apercu`, expect: analyst(200) },
      { route: 'GET /enquetes/:id/campagnes/nouvelle', path: `/enquetes/${q}/campagnes/nouvelle`, expect: analyst(200) },
      { route: 'POST /enquetes/:id/campagnes', path: `/enquetes/${q}/campagnes`, body: { title: '' }, expect: analyst(400) },
      { route: 'GET /campagnes/:id', path: `/campagnes/${c}`, expect: analyst(200) },
      { route: 'POST /campagnes/:id', path: `/campagnes/${c}`, body: { title: '' }, expect: analyst(400) },
      { route: 'POST /campagnes/:id/codes', path: `/campagnes/${c}/codes`, body: { count: 'x' }, expect: analyst(400) },
      { route: 'POST /campagnes/:id/publication', path: `/campagnes/${c}/publication`, body: { op: 'nope' }, expect: analyst(400) },
      { route: 'POST /campagnes/:id/chiffres', path: `/campagnes/${c}/chiffres`, body: { value: 'x' }, expect: analyst(400) },
      { route: 'GET /campagnes/:id/redressement', path: `/campagnes/${c}/redressement`, expect: analyst(200) },
      { route: 'POST /campagnes/:id/redressement', path: `/campagnes/${c}/redressement`, body: { op: 'nope' }, expect: analyst(400) },
      { route: 'GET /campagnes/:id/resultats', path: `/campagnes/${c}/resultats`, expect: analyst(200) },
      { route: 'GET /campagnes/:id/microdonnees.csv', path: `/campagnes/${c}/microdonnees.csv`, expect: analyst(200) },
      { route: 'GET /repondre/:id', path: `/repondre/${c}`, expect: everyone(200) },
      { route: 'POST /repondre/:id', path: `/repondre/${c}`, body: { q_q2: 'nope' }, expect: everyone(400) },
      { route: 'POST /repondre/:id/code', path: `/repondre/${c}/code`, body: { code: '' }, expect: everyone(400) },
      { route: 'GET /repondre/:id/mes-reponses', path: `/repondre/${c}/mes-reponses`, expect: everyone(200) },
      { route: 'GET /etudes', path: '/etudes', expect: everyone(200) },
      { route: 'GET /etudes/:id', path: `/etudes/${c}`, expect: everyone(200) },
      { route: 'GET /etudes/:id/resultats.csv', path: `/etudes/${c}/resultats.csv`, expect: everyone(200) },
      { route: 'GET /etudes/:id/resultats.json', path: `/etudes/${c}/resultats.json`, expect: everyone(200) },
      { route: 'GET /api/v1/studies', path: '/api/v1/studies', expect: everyone(200) },
      { route: 'GET /api/v1/studies/:id', path: `/api/v1/studies/${c}`, expect: everyone(200) },
      // an unknown figure of a campaign one analyses is a 404 too (the happy path is in campaigns.test.ts)
      { route: 'POST /campagnes/:id/chiffres/:figureId/supprimer', path: `/campagnes/${c}/chiffres/${UNKNOWN}/supprimer`, expect: analyst(404) },
      // the write that goes through, after the refusals of its row
      { route: 'POST /enquetes/:id/dupliquer', path: `/enquetes/${q}/dupliquer`, expect: analyst(303) },
    ]

    test('the matrix covers every route of surveys', () => {
      assert.deepEqual(rows().map((r) => r.route).sort(), [...RIGHTS_ROUTES].sort())
      const inventory = inventoryRoutes(t, /^[A-Z]+ \/(enquetes|campagnes|repondre|etudes|api\/v1\/studies)/)
      assert.deepEqual([...RIGHTS_ROUTES].sort(), inventory)
    })

    test('every cell answers as expected, and refused requests change nothing', async () => {
      assert.deepEqual(await runRightsMatrix(w, rows(), snapshot), [])
    })
  })
}
