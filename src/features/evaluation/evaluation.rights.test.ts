/**
 * The rights matrix of evaluation, valuation and practices: every route × {anonymous, non-member, partner
 * member, partner admin, coordinator admin, platform admin} × {public, partners-only alliance}, with the
 * expected status of each cell. Writes of people who may act carry invalid input (400: the request got past the
 * rights and changed nothing), or are refused by the state (409: already published); the few accepted writes
 * (reminders, deleting a statement, closing a round) are sent last. Every refused request (401, 303 to
 * sign-in, 403, 404) is checked to have changed no row.
 *
 * Each alliance has: a round closed, answered by its two active partners, its review approved and published (the
 * partners-only alliance published it while public, then became partners-only again), a practice sheet from
 * it; an open round; an indicator; contributions of the coordinator C (an association) and the partner P.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { actorOf, allianceSnapshot, buildAllianceWorld, PEOPLE, type AllianceFixture, type AllianceWorld, type Person } from '../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { fullAnswer, SHEET } from '../../../test/helpers/evaluation.js'
import { todayInFrance } from '../alliances/index.js'
import { createSheet } from '../practices/practices.service.js'
import { ensureReferenceRateTable } from '../valuation/index.js'
import { saveAnswer } from './answers.service.js'
import { createIndicator } from './indicators.js'
import { approveReview, publishReview } from './review.service.js'
import { closeRound, openRound } from './rounds.service.js'

type Visibility = 'public' | 'partners'
type Partner = 'partnerMember' | 'partnerAdmin' | 'coordinatorAdmin'
type Cells = Record<Person, number>

interface Fixture {
  alliance: AllianceFixture
  closed: string
  open: string
  indicator: string
  sheet: string
}

interface Route {
  route: string
  path: (f: Fixture, w: AllianceWorld, table: string) => string
  body?: (f: Fixture, w: AllianceWorld) => Record<string, unknown>
  expect: (v: Visibility) => Cells
}

/** `anonymous` as given; non-members and platform admins: `outsider` on a public alliance, 404 otherwise; partners as given, 403 when absent. */
function cells(v: Visibility, anonymous: number, outsider: number, partners: Partial<Record<Partner, number>>): Cells {
  const stranger = v === 'public' ? outsider : 404
  return { anonymous, nonMember: stranger, platformAdmin: stranger, partnerMember: partners.partnerMember ?? 403, partnerAdmin: partners.partnerAdmin ?? 403, coordinatorAdmin: partners.coordinatorAdmin ?? 403 }
}
const all = (status: number): Partial<Record<Partner, number>> => ({ partnerMember: status, partnerAdmin: status, coordinatorAdmin: status })
const readable = (v: Visibility) => cells(v, v === 'public' ? 200 : 404, 200, all(200))
const everyone = (status: number, anonymous = status) => () => ({ anonymous, nonMember: status, platformAdmin: status, partnerMember: status, partnerAdmin: status, coordinatorAdmin: status })
/** Signed-in people who may see the alliance (a public one: everyone). */
const seeing = (status: number, anonymous: number) => (v: Visibility) => cells(v, anonymous, status, all(status))
/** Routes of one organisation (not of an alliance): its members get `member`, other signed-in people 403. */
const organisation = (anonymous: number, members: Partial<Record<Person, number>>) => () => ({ anonymous, nonMember: 403, platformAdmin: 403, partnerMember: 403, partnerAdmin: 403, coordinatorAdmin: 403, ...members })

const E = (f: Fixture) => `/evaluation/${f.alliance.id}`
const A = (f: Fixture) => `/api/v1/evaluation/alliances/${f.alliance.id}`

const ROUTES: Route[] = [
  // evaluation pages
  { route: 'GET /evaluation/:id', path: (f) => E(f), expect: (v) => cells(v, 303, 403, all(200)) },
  { route: 'GET /evaluation/:id/nouveau-temps', path: (f) => `${E(f)}/nouveau-temps`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /evaluation/:id/temps', path: (f) => `${E(f)}/temps`, body: () => ({ title: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /evaluation/:id/temps/:roundId', path: (f) => `${E(f)}/temps/${f.closed}`, expect: (v) => cells(v, 303, 403, all(200)) },
  { route: 'POST /evaluation/:id/temps/:roundId/echeance', path: (f) => `${E(f)}/temps/${f.open}/echeance`, body: () => ({ closes_on: 'demain' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /evaluation/:id/temps/:roundId/reponse/:organisationId', path: (f, w) => `${E(f)}/temps/${f.open}/reponse/${w.org.P}`, expect: (v) => cells(v, 303, 403, { partnerMember: 200, partnerAdmin: 200, coordinatorAdmin: 404 }) },
  { route: 'POST /evaluation/:id/temps/:roundId/reponse/:organisationId', path: (f, w) => `${E(f)}/temps/${f.open}/reponse/${w.org.P}`, body: () => ({ 'level.produit.sens': '7' }), expect: (v) => cells(v, 303, 403, { partnerMember: 400, partnerAdmin: 400, coordinatorAdmin: 404 }) },
  { route: 'GET /evaluation/:id/temps/:roundId/bilan', path: (f) => `${E(f)}/temps/${f.closed}/bilan`, expect: readable },
  { route: 'GET /evaluation/:id/temps/:roundId/bilan.json', path: (f) => `${E(f)}/temps/${f.closed}/bilan.json`, expect: readable },
  { route: 'POST /evaluation/:id/temps/:roundId/bilan/etablir', path: (f) => `${E(f)}/temps/${f.closed}/bilan/etablir`, body: () => ({}), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 409 }) },
  { route: 'POST /evaluation/:id/temps/:roundId/bilan/approbation', path: (f) => `${E(f)}/temps/${f.closed}/bilan/approbation`, body: () => ({ organisation_id: 'x' }), expect: (v) => cells(v, 303, 403, all(400)) },
  { route: 'POST /evaluation/:id/temps/:roundId/bilan/publication', path: (f) => `${E(f)}/temps/${f.closed}/bilan/publication`, body: () => ({}), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 409 }) },
  { route: 'GET /evaluation/:id/indicateurs', path: (f) => `${E(f)}/indicateurs`, expect: readable },
  { route: 'GET /evaluation/:id/indicateurs.csv', path: (f) => `${E(f)}/indicateurs.csv`, expect: readable },
  { route: 'GET /evaluation/:id/indicateurs/nouveau', path: (f) => `${E(f)}/indicateurs/nouveau`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /evaluation/:id/indicateurs', path: (f) => `${E(f)}/indicateurs`, body: () => ({ name: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /evaluation/:id/indicateurs/:indicatorId/modifier', path: (f) => `${E(f)}/indicateurs/${f.indicator}/modifier`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /evaluation/:id/indicateurs/:indicatorId/modifier', path: (f) => `${E(f)}/indicateurs/${f.indicator}/modifier`, body: () => ({ name: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /evaluation/:id/indicateurs/valeurs', path: (f) => `${E(f)}/indicateurs/valeurs`, body: (f) => ({ indicator_id: f.indicator, value: '1,234' }), expect: (v) => cells(v, 303, 403, all(400)) },
  // valuation pages
  { route: 'GET /valorisation/alliances/:id', path: (f) => `/valorisation/alliances/${f.alliance.id}`, expect: readable },
  { route: 'GET /valorisation/alliances/:id/bareme', path: (f) => `/valorisation/alliances/${f.alliance.id}/bareme`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /valorisation/alliances/:id/bareme', path: (f) => `/valorisation/alliances/${f.alliance.id}/bareme`, body: () => ({ rate_table_id: 'aucun', reason: 'court' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /valorisation/alliances/:id/contributions/:contributionId', path: (f) => `/valorisation/alliances/${f.alliance.id}/contributions/${f.alliance.contribution.P}`, expect: (v) => cells(v, 303, 403, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'POST /valorisation/alliances/:id/contributions/:contributionId', path: (f) => `/valorisation/alliances/${f.alliance.id}/contributions/${f.alliance.contribution.P}`, body: () => ({ value: '1 250,555', basis: 'Coût employeur' }), expect: (v) => cells(v, 303, 403, { partnerMember: 400, partnerAdmin: 400 }) },
  { route: 'GET /valorisation', path: () => '/valorisation', expect: everyone(200) },
  { route: 'GET /valorisation/baremes', path: () => '/valorisation/baremes', expect: everyone(200) },
  { route: 'GET /valorisation/baremes/:tableId', path: (_f, _w, table) => `/valorisation/baremes/${table}`, expect: everyone(200) },
  { route: 'GET /valorisation/baremes/nouveau', path: () => '/valorisation/baremes/nouveau', expect: () => ({ ...everyone(403, 303)(), platformAdmin: 200 }) },
  { route: 'POST /valorisation/baremes', path: () => '/valorisation/baremes', body: () => ({ title: '' }), expect: () => ({ ...everyone(403, 303)(), platformAdmin: 400 }) },
  { route: 'GET /valorisation/organisations/:id', path: (_f, w) => `/valorisation/organisations/${w.org.P}`, expect: organisation(303, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'GET /valorisation/organisations/:id/contributions-donnees.csv', path: (_f, w) => `/valorisation/organisations/${w.org.P}/contributions-donnees.csv`, expect: organisation(303, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'GET /valorisation/organisations/:id/contributions-recues.csv', path: (_f, w) => `/valorisation/organisations/${w.org.C}/contributions-recues.csv?annee=2024`, expect: organisation(303, { coordinatorAdmin: 200 }) },
  // practices pages
  { route: 'GET /pratiques', path: () => '/pratiques', expect: everyone(200) },
  { route: 'GET /pratiques/flux.atom', path: () => '/pratiques/flux.atom', expect: everyone(200) },
  { route: 'GET /pratiques/:id', path: (f) => `/pratiques/${f.sheet}`, expect: readable },
  { route: 'GET /pratiques/nouvelle', path: (f) => `/pratiques/nouvelle?alliance=${f.alliance.id}&temps=${f.closed}`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /pratiques', path: (f) => `/pratiques?alliance=${f.alliance.id}&temps=${f.closed}`, body: () => ({ title: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /pratiques/:id/modifier', path: (f) => `/pratiques/${f.sheet}/modifier`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /pratiques/:id/modifier', path: (f) => `/pratiques/${f.sheet}/modifier`, body: () => ({ title: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /pratiques/:id/s-en-inspirer', path: (f) => `/pratiques/${f.sheet}/s-en-inspirer`, expect: seeing(200, 303) },
  { route: 'POST /pratiques/:id/s-en-inspirer', path: (f) => `/pratiques/${f.sheet}/s-en-inspirer`, body: () => ({ name: '' }), expect: seeing(400, 303) },
  // evaluation API
  { route: 'GET /api/v1/evaluation/alliances/:id/rounds', path: (f) => `${A(f)}/rounds`, expect: (v) => cells(v, 401, 403, all(200)) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds', path: (f) => `${A(f)}/rounds`, body: () => ({ title: '' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /api/v1/evaluation/alliances/:id/rounds/:roundId', path: (f) => `${A(f)}/rounds/${f.closed}`, expect: (v) => cells(v, 401, 403, all(200)) },
  { route: 'PATCH /api/v1/evaluation/alliances/:id/rounds/:roundId', path: (f) => `${A(f)}/rounds/${f.open}`, body: () => ({ closes_on: 5 }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /api/v1/evaluation/alliances/:id/rounds/:roundId/answers/:organisationId', path: (f, w) => `${A(f)}/rounds/${f.open}/answers/${w.org.P}`, expect: (v) => cells(v, 401, 403, { partnerMember: 200, partnerAdmin: 200, coordinatorAdmin: 404 }) },
  { route: 'PUT /api/v1/evaluation/alliances/:id/rounds/:roundId/answers/:organisationId', path: (f, w) => `${A(f)}/rounds/${f.open}/answers/${w.org.P}`, body: () => ({ ratings: { 'produit.sens': { level: 7 } }, impacts: {} }), expect: (v) => cells(v, 401, 403, { partnerMember: 400, partnerAdmin: 400, coordinatorAdmin: 404 }) },
  { route: 'GET /api/v1/evaluation/alliances/:id/rounds/:roundId/review', path: (f) => `${A(f)}/rounds/${f.closed}/review`, expect: readable },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/review', path: (f) => `${A(f)}/rounds/${f.closed}/review`, body: () => ({}), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 409 }) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/review/approvals', path: (f) => `${A(f)}/rounds/${f.closed}/review/approvals`, body: () => ({ version: 'un' }), expect: (v) => cells(v, 401, 403, all(400)) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/review/publication', path: (f) => `${A(f)}/rounds/${f.closed}/review/publication`, body: () => ({}), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 409 }) },
  { route: 'GET /api/v1/evaluation/alliances/:id/indicators', path: (f) => `${A(f)}/indicators`, expect: readable },
  { route: 'POST /api/v1/evaluation/alliances/:id/indicators', path: (f) => `${A(f)}/indicators`, body: () => ({ name: 'x' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'PATCH /api/v1/evaluation/alliances/:id/indicators/:indicatorId', path: (f) => `${A(f)}/indicators/${f.indicator}`, body: () => ({ name: 'x' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /api/v1/evaluation/alliances/:id/indicators/:indicatorId/values', path: (f) => `${A(f)}/indicators/${f.indicator}/values`, body: () => ({ value: '1,234' }), expect: (v) => cells(v, 401, 403, all(400)) },
  // valuation API
  { route: 'GET /api/v1/valuation/alliances/:id', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}`, expect: readable },
  { route: 'PUT /api/v1/valuation/alliances/:id/rate-table', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}/rate-table`, body: () => ({ reason: 'x' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'PUT /api/v1/valuation/alliances/:id/contributions/:contributionId', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}/contributions/${f.alliance.contribution.P}`, body: () => ({ value: '12,345' }), expect: (v) => cells(v, 401, 403, { partnerMember: 400, partnerAdmin: 400 }) },
  { route: 'GET /api/v1/valuation/places', path: () => '/api/v1/valuation/places?territory=departement:94', expect: everyone(200) },
  { route: 'GET /api/v1/valuation/rate-tables', path: () => '/api/v1/valuation/rate-tables', expect: everyone(200) },
  { route: 'GET /api/v1/valuation/rate-tables/:id', path: (_f, _w, table) => `/api/v1/valuation/rate-tables/${table}`, expect: everyone(200) },
  { route: 'POST /api/v1/valuation/rate-tables', path: () => '/api/v1/valuation/rate-tables', body: () => ({ title: 5 }), expect: () => ({ ...everyone(403, 401)(), platformAdmin: 400 }) },
  { route: 'GET /api/v1/valuation/organisations/:id/given', path: (_f, w) => `/api/v1/valuation/organisations/${w.org.P}/given`, expect: organisation(401, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'GET /api/v1/valuation/organisations/:id/received', path: (_f, w) => `/api/v1/valuation/organisations/${w.org.C}/received`, expect: organisation(401, { coordinatorAdmin: 400 }) },
  // practices API
  { route: 'GET /api/v1/practices', path: () => '/api/v1/practices?q=ateliers', expect: everyone(200) },
  { route: 'GET /api/v1/practices/:id', path: (f) => `/api/v1/practices/${f.sheet}`, expect: readable },
  { route: 'POST /api/v1/practices', path: () => '/api/v1/practices', body: () => ({ title: 5 }), expect: everyone(400, 401) },
  { route: 'PATCH /api/v1/practices/:id', path: (f) => `/api/v1/practices/${f.sheet}`, body: () => ({ title: 5 }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /api/v1/practices/:id/inspired-alliances', path: (f) => `/api/v1/practices/${f.sheet}/inspired-alliances`, body: () => ({ name: 5 }), expect: seeing(400, 401) },
  // Accepted writes, last: reminders (notifications), removing a statement, closing the open round.
  { route: 'POST /evaluation/:id/temps/:roundId/relance', path: (f) => `${E(f)}/temps/${f.open}/relance`, body: () => ({}), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 303 }) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/reminders', path: (f) => `${A(f)}/rounds/${f.open}/reminders`, body: () => ({}), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 200 }) },
  { route: 'DELETE /api/v1/valuation/alliances/:id/contributions/:contributionId', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}/contributions/${f.alliance.contribution.P}`, expect: (v) => cells(v, 401, 403, { partnerMember: 204, partnerAdmin: 204 }) },
  { route: 'POST /evaluation/:id/temps/:roundId/cloture', path: (f) => `${E(f)}/temps/${f.open}/cloture`, body: () => ({}), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 303 }) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/close', path: (f) => `${A(f)}/rounds/${f.open}/close`, body: () => ({}), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 409 }) },
]

const DENIED = new Set([303, 401, 403, 404])
const TABLES = ['evaluation_rounds', 'evaluation_answers', 'evaluation_ratings', 'evaluation_impacts', 'evaluation_reviews', 'evaluation_review_approvals', 'evaluation_indicators', 'evaluation_indicator_values', 'valuation_rate_tables', 'valuation_rates', 'valuation_choices', 'valuation_statements', 'practice_sheets', 'practice_sheet_domains', 'practice_inspirations', 'notifications'] as const

async function snapshot(db: TestApp['db']): Promise<string> {
  const parts: unknown[] = [await allianceSnapshot(db)]
  for (const table of TABLES) parts.push(await db.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()))
  return JSON.stringify(parts)
}

async function setVisibility(db: TestApp['db'], allianceId: string, visibility: Visibility): Promise<void> {
  await db.updateTable('alliances').set({ visibility }).where('id', '=', allianceId).execute()
  await db.updateTable('alliance_directory').set({ visibility }).where('alliance_id', '=', allianceId).execute()
}

async function buildFixture(t: TestApp, w: AllianceWorld, alliance: AllianceFixture, visibility: Visibility): Promise<Fixture> {
  const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
  const partnerAdmin = await actorOf(t.db, w.emails.partnerAdmin)
  const closes = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10)
  const round = { title: 'Premier bilan', periodStart: '2024-01-01', periodEnd: todayInFrance(), closesOn: closes, disclosure: 'named' }
  if (visibility === 'partners') await setVisibility(t.db, alliance.id, 'public')
  const closed = await openRound(t.db, coordinator, alliance.id, round)
  await saveAnswer(t.db, coordinator, alliance.id, closed, w.org.C, fullAnswer(4))
  await saveAnswer(t.db, partnerAdmin, alliance.id, closed, w.org.P, fullAnswer(2))
  await closeRound(t.db, coordinator, alliance.id, closed)
  await approveReview(t.db, coordinator, alliance.id, closed, { organisationId: w.org.C, version: 1 })
  await approveReview(t.db, partnerAdmin, alliance.id, closed, { organisationId: w.org.P, version: 1 })
  await publishReview(t.db, coordinator, alliance.id, closed)
  const sheet = await createSheet(t.db, coordinator, alliance.id, closed, SHEET)
  if (visibility === 'partners') await setVisibility(t.db, alliance.id, 'partners')
  const open = await openRound(t.db, coordinator, alliance.id, { ...round, title: 'Deuxième bilan' })
  const indicator = await createIndicator(t.db, coordinator, alliance.id, { name: 'Personnes accompagnées', unit: 'personnes', direction: 'hausse', source: 'Feuilles de présence' })
  return { alliance, closed, open, indicator, sheet }
}

async function send(w: AllianceWorld, person: Person, route: Route, fixture: Fixture, table: string): Promise<LightMyRequestResponse> {
  const client = w.clients[person]
  const [method] = route.route.split(' ') as [string]
  const url = route.path(fixture, w, table)
  if (method === 'GET') return client.get(url)
  const body = route.body?.(fixture, w) ?? {}
  if (url.startsWith('/api/')) return client.json(method as 'POST' | 'PUT' | 'PATCH' | 'DELETE', url, method === 'DELETE' ? undefined : body)
  return client.post(url, body as Record<string, string>)
}

for (const dialect of DIALECTS) {
  describe(`evaluation, valuation and practices rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    let table: string
    const fixtures = {} as Record<Visibility, Fixture>
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      await ensureReferenceRateTable(t.db)
      table = (await t.db.selectFrom('valuation_rate_tables').select('id').executeTakeFirstOrThrow()).id
      w = await buildAllianceWorld(t, 'er')
      fixtures.public = await buildFixture(t, w, w.public, 'public')
      fixtures.partners = await buildFixture(t, w, w.partners, 'partners')
    })
    after(() => t.close())

    test('the matrix covers every route of the three features', () => {
      const inventory = t.app.routeInventory
        .map((r) => `${r.method} ${r.url}`)
        .filter((key) => /^[A-Z]+ \/(evaluation|valorisation|pratiques|api\/v1\/(evaluation|valuation|practices))/.test(key))
        .sort()
      assert.deepEqual(ROUTES.map((r) => r.route).sort(), inventory)
    })

    for (const visibility of ['public', 'partners'] as const) {
      test(`every cell answers as expected, and refused requests change nothing — ${visibility} alliance`, async () => {
        const fixture = fixtures[visibility]
        const mismatches: string[] = []
        for (const route of ROUTES) {
          const expected = route.expect(visibility)
          const denied = PEOPLE.filter((p) => DENIED.has(expected[p]) && !(expected[p] === 303 && p !== 'anonymous'))
          const allowed = PEOPLE.filter((p) => !denied.includes(p))
          const before = await snapshot(t.db)
          for (const person of [...denied, ...allowed]) {
            if (person === allowed[0]) assert.equal(await snapshot(t.db), before, `${route.route} (${visibility}): a refused request changed a row`)
            const res = await send(w, person, route, fixture, table)
            if (res.statusCode !== expected[person]) mismatches.push(`${route.route} × ${person}: expected ${expected[person]}, got ${res.statusCode}`)
            if (res.statusCode === 303 && expected[person] === 303 && person === 'anonymous' && !String(res.headers.location).startsWith('/connexion')) mismatches.push(`${route.route} × anonymous: redirected to ${res.headers.location}`)
          }
          if (allowed.length === 0) assert.equal(await snapshot(t.db), before, `${route.route} (${visibility}): a refused request changed a row`)
        }
        assert.deepEqual(mismatches, [])
      })
    }
  })
}
