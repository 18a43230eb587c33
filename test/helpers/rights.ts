/**
 * A rights matrix over a feature's routes (in the style of `alliances.rights.test.ts`): each route × each kind
 * of person, with the expected status of each cell; every refused request (303 to sign-in, 401, 403, 404,
 * 410) is checked to have changed nothing in the database. Allowed writes carry invalid input where the route
 * has input (400: the request got past the rights check and changed nothing); the few accepted writes are sent
 * after the refusals of their row.
 *
 * People: `anonymous`, `member` (a signed-in person, member of an organisation), `orgAdmin` (admin of another
 * organisation) and `platformAdmin` (with the second factor their powers need).
 */
import type { LightMyRequestResponse } from 'fastify'
import { ensurePlatformAdmin, signUp } from '../../src/features/accounts/index.js'
import { Client, giveSecondFactor, type TestApp } from './app.js'
import { makeOrganisation } from './listening.js'

export const PEOPLE = ['anonymous', 'member', 'orgAdmin', 'platformAdmin'] as const
export type Person = (typeof PEOPLE)[number]
export type Cells = Record<Person, number>

/** One row of a matrix: `METHOD /url` as in the route inventory, the URL to call, the body, the statuses. */
export interface RightsRow {
  route: string
  path: string
  body?: Record<string, string>
  expect: Cells
  /** the request ends the caller's session (signing out): each person sends it from a fresh sign-in */
  fresh?: boolean
}

/** The same status for everyone, or another one for anonymous callers. */
export const everyone = (status: number, anonymous = status): Cells => ({ anonymous, member: status, orgAdmin: status, platformAdmin: status })
/** A page or form of the signed-in person's own: sign-in first, then `status` for everyone signed in. */
export const own = (status: number): Cells => everyone(status, 303)
/** Platform admins only: `status` for them, 404 for anyone else signed in, sign-in first for anonymous callers. */
export const platformAdminOnly = (status: number): Cells => ({ anonymous: 303, member: 404, orgAdmin: 404, platformAdmin: status })

export interface RightsWorld {
  people: Record<Person, Client>
  emails: Record<Exclude<Person, 'anonymous'>, string>
  userIds: Record<Exclude<Person, 'anonymous'>, string>
  organisationId: string
  /** a new client signed in as `person` (for requests that end a session) */
  fresh(person: Person): Promise<Client>
}

const PASSWORD = 'un mot de passe très long'

/** The people of the matrix, signed in (the platform admin with a second factor). */
export async function buildRightsWorld(t: TestApp, prefix: string): Promise<RightsWorld> {
  const emails = { member: `${prefix}.membre@example.org`, orgAdmin: `${prefix}.admin@example.org`, platformAdmin: `${prefix}.plateforme@example.org` }
  const userIds = {
    member: await signUp(t.db, { email: emails.member, password: PASSWORD, displayName: 'Membre' }),
    orgAdmin: await signUp(t.db, { email: emails.orgAdmin, password: PASSWORD, displayName: 'Admin' }),
    platformAdmin: (await ensurePlatformAdmin(t.db, { email: emails.platformAdmin, password: PASSWORD, displayName: 'Plateforme' })).userId,
  }
  await giveSecondFactor(t.db, emails.platformAdmin)
  const member = await makeOrganisation(t.db, `Les Jardins ${prefix}`, 'association', '94080')
  const other = await makeOrganisation(t.db, `La Fabrique ${prefix}`, 'association', '94080')
  const now = new Date().toISOString()
  await t.db.insertInto('memberships').values({ user_id: userIds.member, organisation_id: member.id, role: 'member', created_at: now }).execute()
  await t.db.insertInto('memberships').values({ user_id: userIds.orgAdmin, organisation_id: other.id, role: 'admin', created_at: now }).execute()
  const fresh = async (person: Person) => {
    const client = new Client(t.app)
    if (person !== 'anonymous') {
      const res = await client.signIn(emails[person], PASSWORD)
      if (res.statusCode !== 303) throw new Error(`${person} could not sign in (${res.statusCode})`)
    }
    return client
  }
  const people = { anonymous: await fresh('anonymous'), member: await fresh('member'), orgAdmin: await fresh('orgAdmin'), platformAdmin: await fresh('platformAdmin') }
  return { people, emails, userIds, organisationId: member.id, fresh }
}

const DENIED = new Set([401, 403, 404, 410])

async function send(client: Client, row: RightsRow): Promise<LightMyRequestResponse> {
  const [method] = row.route.split(' ') as [string]
  if (method === 'GET') return client.get(row.path)
  return client.post(row.path, row.body ?? {})
}

/**
 * Sends every row for every person; returns the mismatches (empty when the matrix holds). `snapshot` reads the
 * rows a refusal must not change.
 */
export async function runRightsMatrix(world: RightsWorld, rows: RightsRow[], snapshot: () => Promise<string>): Promise<string[]> {
  const mismatches: string[] = []
  for (const row of rows) {
    const denied = PEOPLE.filter((p) => DENIED.has(row.expect[p]) || (row.expect[p] === 303 && p === 'anonymous' && !row.fresh))
    const allowed = PEOPLE.filter((p) => !denied.includes(p))
    const before = await snapshot()
    for (const person of [...denied, ...allowed]) {
      if (person === allowed[0] && (await snapshot()) !== before) mismatches.push(`${row.route}: a refused request changed a row`)
      const client = row.fresh ? await world.fresh(person) : world.people[person]
      const res = await send(client, row)
      if (res.statusCode !== row.expect[person]) mismatches.push(`${row.route} × ${person}: expected ${row.expect[person]}, got ${res.statusCode}`)
      if (res.statusCode === 303 && person === 'anonymous' && denied.includes(person) && !String(res.headers.location).startsWith('/connexion')) {
        mismatches.push(`${row.route} × anonymous: redirected to ${res.headers.location}`)
      }
    }
    if (allowed.length === 0 && (await snapshot()) !== before) mismatches.push(`${row.route}: a refused request changed a row`)
  }
  return mismatches
}

/** The routes of the inventory whose `METHOD /url` matches `pattern` (to check a matrix covers its feature). */
export function inventoryRoutes(t: TestApp, pattern: RegExp): string[] {
  return t.app.routeInventory
    .map((r) => `${r.method} ${r.url}`)
    .filter((key) => pattern.test(key))
    .sort()
}
