/**
 * The rights matrices of evaluation, valuation and practices (`<feature>.rights.ts` holds each feature's table
 * of routes; its `<feature>.rights.test.ts` runs it here): every route × the six kinds of people × both
 * visibilities, with the expected status of each cell, and the database unchanged after every refusal.
 *
 * Each alliance of the alliance world gets: a round closed, answered by its two active partners, its review
 * approved and published (the partners-only alliance published it while public, then became partners-only
 * again), a practice sheet from it; an open round where P's member keeps a draft; an indicator. Writes of
 * people who may act carry invalid input (400: past the rights, nothing changed) or are refused by the state
 * (409); the few accepted writes come last in their table.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { parisToday } from '../../src/core/time/calendar.js'
import { saveAnswer } from '../../src/features/evaluation/answers.service.js'
import { createIndicator } from '../../src/features/evaluation/indicators.js'
import { approveReview, publishReview } from '../../src/features/evaluation/review.service.js'
import { closeRound, openRound } from '../../src/features/evaluation/rounds.service.js'
import { createSheet } from '../../src/features/practices/practices.service.js'
import { ensureReferenceRateTable } from '../../src/features/valuation/index.js'
import { actorOf, allianceSnapshot, buildAllianceWorld, PEOPLE, type AllianceFixture, type AllianceWorld, type Person } from './alliances.js'
import { buildTestApp, type TestApp } from './app.js'
import { DIALECTS } from './dialects.js'
import { fullAnswer, SHEET } from './evaluation.js'

export type Visibility = 'public' | 'partners'
type Partner = 'partnerMember' | 'partnerAdmin' | 'coordinatorAdmin'
export type Cells = Record<Person, number>

/** What the routes of an alliance's evaluation are tested on. */
export interface RightsFixture {
  alliance: AllianceFixture
  /** a closed round whose review is published */
  closed: string
  /** an open round, where P's member keeps a draft */
  open: string
  indicator: string
  sheet: string
  /** the platform's reference rate table */
  table: string
}

export interface RightsRoute {
  /** `METHOD /url` as in the route inventory */
  route: string
  path: (f: RightsFixture, w: AllianceWorld) => string
  body?: (f: RightsFixture, w: AllianceWorld) => Record<string, unknown>
  expect: (v: Visibility) => Cells
}

/** `anonymous` as given; non-members and platform admins: `outsider` on a public alliance, 404 otherwise; partners as given, 403 when absent. */
export function cells(v: Visibility, anonymous: number, outsider: number, partners: Partial<Record<Partner, number>>): Cells {
  const stranger = v === 'public' ? outsider : 404
  return { anonymous, nonMember: stranger, platformAdmin: stranger, partnerMember: partners.partnerMember ?? 403, partnerAdmin: partners.partnerAdmin ?? 403, coordinatorAdmin: partners.coordinatorAdmin ?? 403 }
}
/** The three kinds of partners at one status. */
export const all = (status: number): Partial<Record<Partner, number>> => ({ partnerMember: status, partnerAdmin: status, coordinatorAdmin: status })
/** Read like the alliance: everyone on a public alliance, its partners otherwise (anonymous: 404). */
export const readable = (v: Visibility): Cells => cells(v, v === 'public' ? 200 : 404, 200, all(200))
/** The same status for everyone (`anonymous` apart). */
export const everyone = (status: number, anonymous = status) => (): Cells => ({ anonymous, nonMember: status, platformAdmin: status, partnerMember: status, partnerAdmin: status, coordinatorAdmin: status })
/** Signed-in people who may see the alliance (a public one: everyone). */
export const seeing = (status: number, anonymous: number) => (v: Visibility): Cells => cells(v, anonymous, status, all(status))
/** Routes of one organisation (not of an alliance): its members get their status, other signed-in people 403. */
export const organisation = (anonymous: number, members: Partial<Record<Person, number>>) => (): Cells => ({ anonymous, nonMember: 403, platformAdmin: 403, partnerMember: 403, partnerAdmin: 403, coordinatorAdmin: 403, ...members })

const DENIED = new Set([303, 401, 403, 404])
const TABLES = ['evaluation_rounds', 'evaluation_answers', 'evaluation_ratings', 'evaluation_impacts', 'evaluation_reviews', 'evaluation_review_approvals', 'evaluation_indicators', 'evaluation_indicator_values', 'valuation_rate_tables', 'valuation_rates', 'valuation_choices', 'valuation_statements', 'practice_sheets', 'practice_sheet_domains', 'practice_inspirations', 'notifications'] as const

/** Every row of the alliances' and the three features' tables (a refused request must change none). */
export async function snapshot(db: TestApp['db']): Promise<string> {
  const parts: unknown[] = [await allianceSnapshot(db)]
  for (const table of TABLES) parts.push(await db.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()))
  return JSON.stringify(parts)
}

async function setVisibility(db: TestApp['db'], allianceId: string, visibility: Visibility): Promise<void> {
  await db.updateTable('alliances').set({ visibility }).where('id', '=', allianceId).execute()
  await db.updateTable('alliance_directory').set({ visibility }).where('alliance_id', '=', allianceId).execute()
}

/** The draft comment P's member leaves in the open round: no one else may ever read it. */
export const DRAFT_SECRET = 'Brouillon confidentiel de P'

async function buildFixture(t: TestApp, w: AllianceWorld, alliance: AllianceFixture, visibility: Visibility, table: string): Promise<RightsFixture> {
  const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
  const partnerAdmin = await actorOf(t.db, w.emails.partnerAdmin)
  const partnerMember = await actorOf(t.db, w.emails.partnerMember)
  const closes = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10)
  const round = { title: 'Premier bilan', periodStart: '2024-01-01', periodEnd: parisToday(), closesOn: closes, disclosure: 'named' }
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
  const draft = fullAnswer(3, {}, false)
  draft.lessons = DRAFT_SECRET
  await saveAnswer(t.db, partnerMember, alliance.id, open, w.org.P, draft)
  const indicator = await createIndicator(t.db, coordinator, alliance.id, { name: 'Personnes accompagnées', unit: 'personnes', direction: 'hausse', source: 'Feuilles de présence' })
  return { alliance, closed, open, indicator, sheet, table }
}

/** Sends one cell's request as `person`. */
export async function send(w: AllianceWorld, person: Person, route: RightsRoute, fixture: RightsFixture): Promise<LightMyRequestResponse> {
  const client = w.clients[person]
  const [method] = route.route.split(' ') as [string]
  const url = route.path(fixture, w)
  if (method === 'GET') return client.get(url)
  const body = route.body?.(fixture, w) ?? {}
  if (url.startsWith('/api/')) return client.json(method as 'POST' | 'PUT' | 'PATCH' | 'DELETE', url, method === 'DELETE' ? undefined : body)
  return client.post(url, body as Record<string, string>)
}

export interface RightsWorld {
  t: TestApp
  w: AllianceWorld
  fixtures: Record<Visibility, RightsFixture>
}

/**
 * Runs a feature's table on both databases: every route of the table exists, then every cell answers as
 * expected and a refused request changes no row, for a public and a partners-only alliance. `first` and `last`
 * add the feature's own tests on the same world, before the matrix (while the second round is open) and after
 * it (the matrix's accepted writes have closed it).
 */
export function describeRightsMatrix(name: string, routes: RightsRoute[], more: { first?: (world: () => RightsWorld) => void; last?: (world: () => RightsWorld) => void } = {}): void {
  for (const dialect of DIALECTS) {
    describe(`${name} rights matrix [${dialect.name}]`, () => {
      let world: RightsWorld
      before(async () => {
        const t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
        await ensureReferenceRateTable(t.db)
        const table = (await t.db.selectFrom('valuation_rate_tables').select('id').executeTakeFirstOrThrow()).id
        const w = await buildAllianceWorld(t, name.slice(0, 2))
        world = { t, w, fixtures: { public: await buildFixture(t, w, w.public, 'public', table), partners: await buildFixture(t, w, w.partners, 'partners', table) } }
      })
      after(() => world?.t.close())

      test('every route of the table is registered', () => {
        const inventory = new Set(world.t.app.routeInventory.map((r) => `${r.method} ${r.url}`))
        assert.deepEqual(
          routes.map((r) => r.route).filter((r) => !inventory.has(r)),
          [],
        )
      })

      more.first?.(() => world)

      for (const visibility of ['public', 'partners'] as const) {
        test(`every cell answers as expected, and refused requests change nothing — ${visibility} alliance`, async () => {
          const { t, w } = world
          const fixture = world.fixtures[visibility]
          const mismatches: string[] = []
          for (const route of routes) {
            const expected = route.expect(visibility)
            const denied = PEOPLE.filter((p) => DENIED.has(expected[p]) && !(expected[p] === 303 && p !== 'anonymous'))
            const allowed = PEOPLE.filter((p) => !denied.includes(p))
            const before = await snapshot(t.db)
            for (const person of [...denied, ...allowed]) {
              if (person === allowed[0]) assert.equal(await snapshot(t.db), before, `${route.route} (${visibility}): a refused request changed a row`)
              const res = await send(w, person, route, fixture)
              if (res.statusCode !== expected[person]) mismatches.push(`${route.route} × ${person}: expected ${expected[person]}, got ${res.statusCode}`)
              if (res.statusCode === 303 && expected[person] === 303 && person === 'anonymous' && !String(res.headers.location).startsWith('/connexion')) mismatches.push(`${route.route} × anonymous: redirected to ${res.headers.location}`)
            }
            if (allowed.length === 0) assert.equal(await snapshot(t.db), before, `${route.route} (${visibility}): a refused request changed a row`)
          }
          assert.deepEqual(mismatches, [])
        })
      }

      more.last?.(() => world)
    })
  }
}
