/**
 * The rights matrix of organisations on both databases: every route × {anonymous, someone of another
 * organisation, member, admin, platform admin}, each cell's status, and the database unchanged after every
 * refusal (303 to sign-in, 401, 403, 404) and after every request the matrix sends with invalid input (400).
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { newId, nowIso } from '../../core/db/values.js'
import { sha256 } from '../../core/hash.js'
import { buildTestApp, Client, giveSecondFactor, type TestApp } from '../../../test/helpers/app.js'
import { addMember, insertOrganisation, userId } from '../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { PEOPLE, ROUTES, type Person, type RightsFixture, type RightsRoute } from './organisations.rights.js'

const DENIED = new Set([303, 401, 403, 404])

/** Every row of the organisations' tables (and the mail they queue), to prove a request changed nothing. */
async function snapshot(db: TestApp['db']): Promise<string> {
  const parts: unknown[] = []
  for (const table of ['organisations', 'organisation_perimeters', 'organisation_sdgs', 'memberships', 'invitations', 'identifier_claims', 'identifier_verifications', 'mail_messages'] as const) {
    parts.push(await db.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()))
  }
  return JSON.stringify(parts)
}

async function invitation(db: TestApp['db'], organisationId: string, email: string): Promise<{ id: string; token: string }> {
  const id = newId()
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  await db
    .insertInto('invitations')
    .values({ id, organisation_id: organisationId, email, role: 'member', token_hash: sha256(token), invited_by: null, created_at: now.toISOString(), expires_at: new Date(now.getTime() + 86400_000).toISOString(), accepted_at: null, accepted_by: null, revoked_at: null })
    .execute()
  return { id, token }
}

async function claim(db: TestApp['db'], organisationId: string, holderId: string, value: string): Promise<string> {
  const id = newId()
  await db.insertInto('identifier_claims').values({ id, organisation_id: organisationId, field: 'rna', value, holder_id: holderId, status: 'en_revue', claimed_by: null, created_at: nowIso(), decided_by: null, decided_at: null }).execute()
  return id
}

async function send(client: Client, route: RightsRoute, fixture: RightsFixture): Promise<LightMyRequestResponse> {
  const [method] = route.route.split(' ') as [string]
  const url = route.path(fixture)
  if (method === 'GET') return client.get(url)
  if (url.startsWith('/api/')) return client.json(method as 'POST' | 'PUT', url, route.body ?? {})
  return client.post(url, route.body ?? {})
}

for (const dialect of DIALECTS) {
  describe(`organisations rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let clients: Record<Person, Client>
    let fixture: RightsFixture
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      const emails: Record<Exclude<Person, 'anonymous'>, string> = { outsider: 'r-outsider@example.org', member: 'r-member@example.org', admin: 'r-admin@example.org', platformAdmin: 'r-platform@example.org' }
      clients = { anonymous: new Client(t.app) } as Record<Person, Client>
      for (const [person, email] of Object.entries(emails) as Array<[Exclude<Person, 'anonymous'>, string]>) {
        clients[person] = new Client(t.app)
        await clients[person].signUp(email)
      }
      await clients.anonymous.signUp('r-removable@example.org')
      clients.anonymous = new Client(t.app)
      await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', emails.platformAdmin).execute()
      await giveSecondFactor(t.db, emails.platformAdmin)
      const organisationId = await insertOrganisation(t.db, 'Association du matrice', 'association')
      const other = await insertOrganisation(t.db, 'Entreprise voisine', 'entreprise')
      await t.db.updateTable('organisations').set({ rna: 'W943000017' }).where('id', '=', other).execute()
      await addMember(t.db, await userId(t.db, emails.admin), organisationId, 'admin')
      await addMember(t.db, await userId(t.db, emails.member), organisationId, 'member')
      await addMember(t.db, await userId(t.db, 'r-removable@example.org'), organisationId, 'member')
      await addMember(t.db, await userId(t.db, emails.outsider), other, 'admin')
      const pending = await invitation(t.db, organisationId, 'quelqu-un-d-autre@example.org')
      const link = await invitation(t.db, organisationId, 'encore-quelqu-un@example.org')
      fixture = {
        organisationId,
        memberId: await userId(t.db, emails.member),
        removableId: await userId(t.db, 'r-removable@example.org'),
        invitationId: pending.id,
        invitationToken: link.token,
        claimToGrant: await claim(t.db, organisationId, other, 'W943000017'),
        claimToRefuse: await claim(t.db, organisationId, other, 'W943000025'),
      }
    })
    after(() => t.close())

    test('the matrix covers every route of the feature', () => {
      const inventory = t.app.routeInventory
        .map((r) => `${r.method} ${r.url}`)
        .filter((key) => /^[A-Z]+ \/(acteurs|invitations|admin\/identifiants|api\/v1\/organisations)(\/|$)/.test(key))
        .sort()
      assert.deepEqual(ROUTES.map((r) => r.route).sort(), inventory)
    })

    test('every cell answers as expected, and refused or invalid requests change nothing', async () => {
      const mismatches: string[] = []
      for (const route of ROUTES) {
        const expected = route.expect
        // Refusals first, then the people who may act (their invalid input changes nothing either).
        const order = [...PEOPLE].sort((a, b) => Number(!DENIED.has(expected[a])) - Number(!DENIED.has(expected[b])))
        for (const person of order) {
          const before = await snapshot(t.db)
          const res = await send(clients[person], route, fixture)
          if (res.statusCode !== expected[person]) mismatches.push(`${route.route} × ${person}: expected ${expected[person]}, got ${res.statusCode}`)
          if (res.statusCode === 303 && person === 'anonymous' && !String(res.headers.location).startsWith('/connexion')) mismatches.push(`${route.route} × anonymous: redirected to ${res.headers.location}`)
          const accepted = expected[person] === 303 && person !== 'anonymous'
          if (!accepted && route.route.split(' ')[0] !== 'GET' && (await snapshot(t.db)) !== before) mismatches.push(`${route.route} × ${person}: a refused request changed a row`)
        }
      }
      assert.deepEqual(mismatches, [])
    })

    test('the accepted writes did what they say', async () => {
      const revoked = await t.db.selectFrom('invitations').select('revoked_at').where('id', '=', fixture.invitationId).executeTakeFirstOrThrow()
      assert.notEqual(revoked.revoked_at, null)
      assert.equal((await t.db.selectFrom('memberships').select('user_id').where('user_id', '=', fixture.removableId).execute()).length, 0)
      const claims = await t.db.selectFrom('identifier_claims').select(['id', 'status']).orderBy('value').execute()
      assert.deepEqual(claims.map((c) => c.status).sort(), ['accordee', 'refusee'])
      const granted = await t.db.selectFrom('organisations').select('rna').where('id', '=', fixture.organisationId).executeTakeFirstOrThrow()
      assert.equal(granted.rna, 'W943000017')
    })
  })
}
