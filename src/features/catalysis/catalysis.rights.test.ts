/**
 * The rights matrix of catalysis: every route × {anonymous, outsider, member and admin of the animating
 * organisation, admin of a co-animating organisation (also the dialogue's participant), platform admin},
 * with the expected status of each cell. Writes by people who may act carry invalid input (400: the request
 * got past the rights check and changed nothing) or meet a state that refuses them (409); the few accepted
 * writes without input are sent last; their cells are negative (an accepted page write redirects with 303,
 * like a refusal to sign in). Every refused request (303 to sign-in, 401, 403, 404) is checked to have
 * changed no row. Invitation-only meetings answer 404 to outsiders.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { buildRightsWorld, catalysisSnapshot, PEOPLE, type Person, type RightsWorld } from '../../../test/helpers/catalysis.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { RIGHTS_ROUTES } from './catalysis.rights.js'

type Cells = Record<Person, number>
interface Route {
  route: string
  path: (w: RightsWorld) => string
  body?: (w: RightsWorld) => Record<string, unknown>
  expect: Cells
  last?: boolean
}

/** Cells in the order anonymous, outsider, member, admin, coanimator, platform admin. */
const c = (anonymous: number, outsider: number, member: number, admin: number, coanimator: number, platformAdmin: number): Cells => ({ anonymous, outsider, member, admin, coanimator, platformAdmin })
const all = (status: number, anonymous = status) => c(anonymous, status, status, status, status, status)
/** The space's team (member, admin, co-animator) gets `team`; the others 403 (or `others`). */
const team = (anonymous: number, status: number, others = 403) => c(anonymous, others, status, status, status, others)
/** Hidden objects: outsiders and the platform admin get 404. */
const hidden = (anonymous: number, status: number) => team(anonymous, status, 404)

const ROUTES: Route[] = [
  // spaces
  { route: 'GET /espaces', path: () => '/espaces', expect: all(200) },
  { route: 'GET /espaces/nouveau', path: () => '/espaces/nouveau', expect: all(200, 303) },
  { route: 'POST /espaces/nouveau', path: () => '/espaces/nouveau', body: () => ({ name: '' }), expect: all(400, 303) },
  { route: 'GET /espaces/:id', path: (w) => `/espaces/${w.space}`, expect: all(200) },
  { route: 'GET /espaces/:id/modifier', path: (w) => `/espaces/${w.space}/modifier`, expect: c(303, 403, 403, 200, 403, 403) },
  { route: 'POST /espaces/:id/modifier', path: (w) => `/espaces/${w.space}/modifier`, body: () => ({ name: '' }), expect: c(303, 403, 403, 400, 403, 403) },
  { route: 'GET /espaces/:id/equipe', path: (w) => `/espaces/${w.space}/equipe`, expect: all(200) },
  { route: 'POST /espaces/:id/equipe', path: (w) => `/espaces/${w.space}/equipe`, body: () => ({ organisation_id: 'x' }), expect: c(303, 403, 403, 400, 403, 403) },
  { route: 'POST /espaces/:id/equipe/:organisationId/accepter', path: (w) => `/espaces/${w.space}/equipe/${w.org.I}/accepter`, expect: all(403, 303) },
  { route: 'POST /espaces/:id/equipe/:organisationId/refuser', path: (w) => `/espaces/${w.space}/equipe/${w.org.I}/refuser`, expect: all(403, 303) },
  { route: 'POST /espaces/:id/equipe/:organisationId/retirer', path: (w) => `/espaces/${w.space}/equipe/${w.org.I}/retirer`, expect: c(303, 403, 403, -303, 404, 404), last: true },
  { route: 'GET /espaces/:id/activites/nouvelle', path: (w) => `/espaces/${w.space}/activites/nouvelle`, expect: team(303, 200) },
  { route: 'POST /espaces/:id/activites', path: (w) => `/espaces/${w.space}/activites`, body: () => ({ activity: 'nope' }), expect: team(303, 400) },
  { route: 'GET /espaces/:id/activites/:activityId/modifier', path: (w) => `/espaces/${w.space}/activites/${w.activity}/modifier`, expect: team(303, 200) },
  { route: 'POST /espaces/:id/activites/:activityId/modifier', path: (w) => `/espaces/${w.space}/activites/${w.activity}/modifier`, body: () => ({ activity: 'nope' }), expect: team(303, 400) },
  { route: 'POST /espaces/:id/activites/:activityId/supprimer', path: (w) => `/espaces/${w.space}/activites/${w.activity}/supprimer`, expect: c(303, 403, -303, 404, 404, 404), last: true },
  { route: 'GET /espaces/:id/rapport/:year', path: (w) => `/espaces/${w.space}/rapport/2026`, expect: all(200) },
  { route: 'GET /espaces/:id/liens', path: (w) => `/espaces/${w.space}/liens`, expect: all(200) },
  { route: 'GET /espaces/:id/calendrier.ics', path: (w) => `/espaces/${w.space}/calendrier.ics`, expect: all(200) },
  // meetings
  { route: 'GET /rencontres', path: () => '/rencontres', expect: all(200) },
  { route: 'GET /rencontres/territoires/:kind/:code/calendrier.ics', path: () => '/rencontres/territoires/ept/200057941/calendrier.ics', expect: all(200) },
  { route: 'GET /rencontres/nouvelle', path: () => '/rencontres/nouvelle', expect: all(200, 303) },
  { route: 'POST /rencontres/nouvelle', path: () => '/rencontres/nouvelle', body: () => ({ title: '' }), expect: all(400, 303) },
  { route: 'GET /rencontres/:id/modifier', path: (w) => `/rencontres/${w.meeting.public}/modifier`, expect: team(303, 200) },
  { route: 'POST /rencontres/:id/modifier', path: (w) => `/rencontres/${w.meeting.public}/modifier`, body: () => ({ title: '' }), expect: team(303, 400) },
  { route: 'GET /rencontres/:id', path: (w) => `/rencontres/${w.meeting.invitation}`, expect: hidden(404, 200) },
  { route: 'GET /rencontres/:id/calendrier.ics', path: (w) => `/rencontres/${w.meeting.invitation}/calendrier.ics`, expect: hidden(404, 200) },
  { route: 'POST /rencontres/:id/inscription', path: (w) => `/rencontres/${w.meeting.invitation}/inscription`, body: () => ({ organisation_id: 'nope' }), expect: hidden(303, 400) },
  { route: 'POST /rencontres/:id/desinscription', path: (w) => `/rencontres/${w.meeting.invitation}/desinscription`, expect: hidden(303, 404) },
  { route: 'POST /rencontres/:id/annuler', path: (w) => `/rencontres/${w.meeting.held}/annuler`, expect: team(303, 409) },
  { route: 'GET /rencontres/:id/invitations', path: (w) => `/rencontres/${w.meeting.invitation}/invitations`, expect: hidden(303, 200) },
  { route: 'POST /rencontres/:id/invitations', path: (w) => `/rencontres/${w.meeting.invitation}/invitations`, body: () => ({ organisation_ids: 'x' }), expect: hidden(303, 400) },
  { route: 'GET /rencontres/:id/presences', path: (w) => `/rencontres/${w.meeting.invitation}/presences`, expect: hidden(303, 200) },
  { route: 'POST /rencontres/:id/presences', path: (w) => `/rencontres/${w.meeting.invitation}/presences`, body: () => ({ present: 'x' }), expect: hidden(303, 400) },
  { route: 'GET /rencontres/:id/suites', path: (w) => `/rencontres/${w.meeting.held}/suites`, expect: all(200, 303) },
  { route: 'POST /rencontres/:id/suites', path: (w) => `/rencontres/${w.meeting.held}/suites`, body: () => ({ organisation_id: 'x' }), expect: team(303, 400) },
  { route: 'GET /rencontres/:id/compte-rendu', path: (w) => `/rencontres/${w.meeting.held}/compte-rendu`, expect: team(303, 200) },
  { route: 'POST /rencontres/:id/compte-rendu', path: (w) => `/rencontres/${w.meeting.held}/compte-rendu`, body: () => ({ minutes: '' }), expect: team(303, 400) },
  { route: 'POST /rencontres/:id/questionnaire', path: (w) => `/rencontres/${w.meeting.public}/questionnaire`, expect: team(303, 409) },
  { route: 'GET /rencontres/:id/liens', path: (w) => `/rencontres/${w.meeting.invitation}/liens`, expect: hidden(404, 200) },
  // places
  { route: 'GET /lieux', path: () => '/lieux', expect: all(200) },
  { route: 'GET /lieux/nouveau', path: () => '/lieux/nouveau', expect: all(200, 303) },
  { route: 'POST /lieux/nouveau', path: () => '/lieux/nouveau', body: () => ({ name: '' }), expect: all(400, 303) },
  { route: 'GET /lieux/:id', path: (w) => `/lieux/${w.place}`, expect: all(200) },
  { route: 'GET /lieux/:id/modifier', path: (w) => `/lieux/${w.place}/modifier`, expect: c(303, 403, 200, 200, 403, 403) },
  { route: 'POST /lieux/:id/modifier', path: (w) => `/lieux/${w.place}/modifier`, body: () => ({ name: '' }), expect: c(303, 403, 400, 400, 403, 403) },
  { route: 'POST /lieux/:id/retirer', path: (w) => `/lieux/${w.place}/retirer`, expect: c(303, 403, -303, -303, 403, 403) },
  { route: 'POST /lieux/:id/proposer', path: (w) => `/lieux/${w.place}/proposer`, expect: c(303, 403, -303, -303, 403, 403), last: true },
  // dialogues and the grid
  { route: 'GET /espaces/:id/dialogues/nouveau', path: (w) => `/espaces/${w.space}/dialogues/nouveau`, expect: team(303, 200) },
  { route: 'POST /espaces/:id/dialogues', path: (w) => `/espaces/${w.space}/dialogues`, body: () => ({ title: '' }), expect: team(303, 400) },
  { route: 'GET /dialogues/:id', path: (w) => `/dialogues/${w.dialogue}`, expect: hidden(303, 200) },
  { route: 'POST /dialogues/:id/participants', path: (w) => `/dialogues/${w.dialogue}/participants`, body: () => ({ organisation_ids: 'x' }), expect: hidden(303, 400) },
  { route: 'POST /dialogues/:id/autodiagnostic', path: (w) => `/dialogues/${w.dialogue}/autodiagnostic`, body: () => ({ closes_on: 'x' }), expect: hidden(303, 400) },
  { route: 'POST /dialogues/:id/accord', path: (w) => `/dialogues/${w.dialogue}/accord`, body: () => ({ organisation_id: 'x' }), expect: c(303, 404, 403, 403, 400, 404) },
  { route: 'POST /dialogues/:id/cloture', path: (w) => `/dialogues/${w.dialogue}/cloture`, body: () => ({ closed_on: 'x' }), expect: hidden(303, 400) },
  { route: 'POST /dialogues/:id/maturite', path: (w) => `/dialogues/${w.dialogue}/maturite`, expect: hidden(303, 409) },
  { route: 'GET /dialogues/:id/constats/nouveau', path: (w) => `/dialogues/${w.dialogue}/constats/nouveau`, expect: c(303, 404, 403, 403, 200, 404) },
  { route: 'POST /dialogues/:id/constats', path: (w) => `/dialogues/${w.dialogue}/constats`, body: () => ({ kind: 'x' }), expect: c(303, 404, 403, 403, 400, 404) },
  { route: 'GET /dialogues/:id/constats/:findingId', path: (w) => `/dialogues/${w.dialogue}/constats/${w.finding}`, expect: hidden(303, 200) },
  { route: 'POST /dialogues/:id/constats/:findingId/avis', path: (w) => `/dialogues/${w.dialogue}/constats/${w.finding}/avis`, body: () => ({ importance: '9' }), expect: c(303, 404, 403, 403, 400, 404) },
  { route: 'POST /dialogues/:id/constats/:findingId/priorite', path: (w) => `/dialogues/${w.dialogue}/constats/${w.finding}/priorite`, body: () => ({ priority: 'x' }), expect: hidden(303, 400) },
  { route: 'GET /maturite', path: () => '/maturite', expect: all(200) },
  { route: 'GET /maturite/modifier', path: () => '/maturite/modifier', expect: c(303, 403, 403, 403, 403, 200) },
  { route: 'POST /maturite/modifier', path: () => '/maturite/modifier', body: () => ({ note: '' }), expect: c(303, 403, 403, 403, 403, 400) },
  // API: spaces and activities
  { route: 'GET /api/v1/spaces', path: () => '/api/v1/spaces', expect: all(200) },
  { route: 'GET /api/v1/spaces/:id', path: (w) => `/api/v1/spaces/${w.space}`, expect: all(200) },
  { route: 'POST /api/v1/spaces', path: () => '/api/v1/spaces', body: () => ({ name: 'x' }), expect: all(400, 401) },
  { route: 'PUT /api/v1/spaces/:id', path: (w) => `/api/v1/spaces/${w.space}`, body: () => ({ name: 'x' }), expect: c(401, 403, 403, 400, 403, 403) },
  { route: 'POST /api/v1/spaces/:id/coanimators', path: (w) => `/api/v1/spaces/${w.space}/coanimators`, body: () => ({ organisation_id: 'x' }), expect: c(401, 403, 403, 400, 403, 403) },
  { route: 'POST /api/v1/spaces/:id/coanimators/:organisationId/answer', path: (w) => `/api/v1/spaces/${w.space}/coanimators/${w.org.J}/answer`, body: () => ({ accept: 'x' }), expect: all(403, 401) },
  { route: 'DELETE /api/v1/spaces/:id/coanimators/:organisationId', path: (w) => `/api/v1/spaces/${w.space}/coanimators/${w.org.J}`, expect: c(401, 403, 403, 204, 404, 404), last: true },
  { route: 'GET /api/v1/spaces/:id/activities', path: (w) => `/api/v1/spaces/${w.space}/activities`, expect: all(200) },
  { route: 'POST /api/v1/spaces/:id/activities', path: (w) => `/api/v1/spaces/${w.space}/activities`, body: () => ({ activity: 'x' }), expect: team(401, 400) },
  { route: 'PUT /api/v1/spaces/:id/activities/:activityId', path: (w) => `/api/v1/spaces/${w.space}/activities/${w.activity2}`, body: () => ({ activity: 'x' }), expect: team(401, 400) },
  { route: 'DELETE /api/v1/spaces/:id/activities/:activityId', path: (w) => `/api/v1/spaces/${w.space}/activities/${w.activity2}`, expect: c(401, 403, 204, 404, 404, 404), last: true },
  // API: meetings
  { route: 'GET /api/v1/meetings', path: () => '/api/v1/meetings', expect: all(200) },
  { route: 'GET /api/v1/meetings/:id', path: (w) => `/api/v1/meetings/${w.meeting.invitation}`, expect: hidden(404, 200) },
  { route: 'POST /api/v1/meetings', path: () => '/api/v1/meetings', body: () => ({ title: 'x' }), expect: all(400, 401) },
  { route: 'PUT /api/v1/meetings/:id', path: (w) => `/api/v1/meetings/${w.meeting.public}`, body: () => ({ title: 'x' }), expect: team(401, 400) },
  { route: 'POST /api/v1/meetings/:id/cancel', path: (w) => `/api/v1/meetings/${w.meeting.held}/cancel`, expect: team(401, 409) },
  { route: 'POST /api/v1/meetings/:id/invitations', path: (w) => `/api/v1/meetings/${w.meeting.invitation}/invitations`, body: () => ({ organisation_ids: 'x' }), expect: hidden(401, 400) },
  { route: 'GET /api/v1/meetings/:id/registration', path: (w) => `/api/v1/meetings/${w.meeting.invitation}/registration`, expect: hidden(401, 404) },
  { route: 'POST /api/v1/meetings/:id/registration', path: (w) => `/api/v1/meetings/${w.meeting.invitation}/registration`, body: () => ({ nope: 1 }), expect: hidden(401, 400) },
  { route: 'DELETE /api/v1/meetings/:id/registration', path: (w) => `/api/v1/meetings/${w.meeting.invitation}/registration`, expect: hidden(401, 404) },
  { route: 'GET /api/v1/meetings/:id/registrations', path: (w) => `/api/v1/meetings/${w.meeting.invitation}/registrations`, expect: hidden(401, 200) },
  { route: 'PUT /api/v1/meetings/:id/attendance', path: (w) => `/api/v1/meetings/${w.meeting.invitation}/attendance`, body: () => ({ present: 'x' }), expect: hidden(401, 400) },
  { route: 'POST /api/v1/meetings/:id/encounters', path: (w) => `/api/v1/meetings/${w.meeting.held}/encounters`, body: () => ({ organisation_id: 'x' }), expect: team(401, 400) },
  { route: 'PUT /api/v1/meetings/:id/minutes', path: (w) => `/api/v1/meetings/${w.meeting.held}/minutes`, body: () => ({ minutes: '' }), expect: team(401, 400) },
  { route: 'POST /api/v1/meetings/:id/feedback-survey', path: (w) => `/api/v1/meetings/${w.meeting.public}/feedback-survey`, expect: team(401, 409) },
  { route: 'GET /api/v1/meetings/:id/new-links', path: (w) => `/api/v1/meetings/${w.meeting.invitation}/new-links`, expect: hidden(404, 200) },
  // API: places
  { route: 'GET /api/v1/places', path: () => '/api/v1/places', expect: all(200) },
  { route: 'GET /api/v1/places/:id', path: (w) => `/api/v1/places/${w.place}`, expect: all(200) },
  { route: 'POST /api/v1/places', path: () => '/api/v1/places', body: () => ({ name: 'x' }), expect: all(400, 401) },
  { route: 'PUT /api/v1/places/:id', path: (w) => `/api/v1/places/${w.place}`, body: () => ({ name: 'x' }), expect: c(401, 403, 400, 400, 403, 403) },
  { route: 'DELETE /api/v1/places/:id/offer', path: (w) => `/api/v1/places/${w.place}/offer`, expect: c(401, 403, 204, 204, 403, 403) },
  { route: 'POST /api/v1/places/:id/offer', path: (w) => `/api/v1/places/${w.place}/offer`, expect: c(401, 403, 201, 201, 403, 403), last: true },
  // API: dialogues and the grid
  { route: 'POST /api/v1/spaces/:id/dialogues', path: (w) => `/api/v1/spaces/${w.space}/dialogues`, body: () => ({ title: 'x' }), expect: team(401, 400) },
  { route: 'GET /api/v1/dialogues/:id', path: (w) => `/api/v1/dialogues/${w.dialogue}`, expect: hidden(401, 200) },
  { route: 'POST /api/v1/dialogues/:id/participants', path: (w) => `/api/v1/dialogues/${w.dialogue}/participants`, body: () => ({ organisation_ids: 'x' }), expect: hidden(401, 400) },
  { route: 'POST /api/v1/dialogues/:id/findings', path: (w) => `/api/v1/dialogues/${w.dialogue}/findings`, body: () => ({ kind: 'x' }), expect: c(401, 404, 403, 403, 400, 404) },
  { route: 'PUT /api/v1/dialogues/:id/findings/:findingId/view', path: (w) => `/api/v1/dialogues/${w.dialogue}/findings/${w.finding}/view`, body: () => ({ importance: 9 }), expect: c(401, 404, 403, 403, 400, 404) },
  { route: 'PUT /api/v1/dialogues/:id/findings/:findingId/priority', path: (w) => `/api/v1/dialogues/${w.dialogue}/findings/${w.finding}/priority`, body: () => ({ priority: 'x' }), expect: hidden(401, 400) },
  { route: 'POST /api/v1/dialogues/:id/self-diagnosis', path: (w) => `/api/v1/dialogues/${w.dialogue}/self-diagnosis`, body: () => ({ closes_on: 'x' }), expect: hidden(401, 400) },
  { route: 'POST /api/v1/dialogues/:id/maturity', path: (w) => `/api/v1/dialogues/${w.dialogue}/maturity`, expect: hidden(401, 409) },
  { route: 'PUT /api/v1/dialogues/:id/consent', path: (w) => `/api/v1/dialogues/${w.dialogue}/consent`, body: () => ({ organisation_id: 'x' }), expect: c(401, 404, 403, 403, 400, 404) },
  { route: 'POST /api/v1/dialogues/:id/close', path: (w) => `/api/v1/dialogues/${w.dialogue}/close`, body: () => ({ closed_on: 'x' }), expect: hidden(401, 400) },
  { route: 'GET /api/v1/maturity-grid', path: () => '/api/v1/maturity-grid', expect: all(200) },
  { route: 'POST /api/v1/maturity-grid', path: () => '/api/v1/maturity-grid', body: () => ({ note: '' }), expect: c(401, 403, 403, 403, 403, 400) },
]

const DENIED = new Set([303, 401, 403, 404])
const CATALYSIS_ROUTE = /^[A-Z]+ \/(espaces|rencontres|lieux|dialogues|maturite|api\/v1\/(spaces|meetings|places|dialogues|maturity-grid))/

async function send(w: RightsWorld, person: Person, route: Route): Promise<LightMyRequestResponse> {
  const client = w.clients[person]
  const [method] = route.route.split(' ') as [string]
  const url = route.path(w)
  if (method === 'GET') return client.get(url)
  const body = route.body?.(w)
  if (url.startsWith('/api/')) return client.json(method as 'POST' | 'PUT' | 'DELETE', url, body ?? (method === 'DELETE' ? undefined : {}))
  return client.post(url, (body ?? {}) as Record<string, string>)
}

for (const dialect of DIALECTS) {
  describe(`catalysis rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: RightsWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildRightsWorld(t, `r${dialect.name}`)
    })
    after(() => t.close())

    test('the matrix covers every catalysis route', () => {
      const inventory = t.app.routeInventory.map((r) => `${r.method} ${r.url}`).filter((key) => CATALYSIS_ROUTE.test(key)).sort()
      assert.deepEqual(ROUTES.map((r) => r.route), [...RIGHTS_ROUTES])
      assert.deepEqual([...RIGHTS_ROUTES].sort(), inventory)
    })

    for (const route of [...ROUTES.filter((r) => !r.last), ...ROUTES.filter((r) => r.last)]) {
      test(route.route, async () => {
        for (const person of PEOPLE) {
          const expected = route.expect[person]
          const before = DENIED.has(expected) ? await catalysisSnapshot(t.db) : null
          const res = await send(w, person, route)
          assert.equal(res.statusCode, Math.abs(expected), `${route.route} as ${person}: ${res.statusCode} ${res.body.slice(0, 300)}`)
          if (before !== null) assert.ok((await catalysisSnapshot(t.db)) === before, `${route.route} as ${person} changed the database`)
        }
      })
    }
  })
}
