/**
 * Hand-built organisations, needs and resources for listening tests: real rows written through the real
 * services, with an actor that belongs to the organisation (no HTTP, so matching tests stay fast); the world
 * of the rights matrix.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../src/core/access/actor.js'
import { newId, nowIso } from '../../src/core/db/values.js'
import type { Database } from '../../src/database.js'
import { createNeed, createResource } from '../../src/features/listening/listening.service.js'
import type { ContributionData, NeedData, ResourceData } from '../../src/features/listening/listening.schemas.js'
import { createOrganisation } from '../../src/features/organisations/index.js'
import { answerContactRequest, createContactRequest } from '../../src/features/listening/index.js'
import type { ListeningFixture, RightsPerson } from '../../src/features/listening/listening.rights.js'
import { actorOf, addMember, insertOrganisation, userId } from './alliances.js'
import { Client, giveSecondFactor, type TestApp } from './app.js'

export interface TestOrganisation {
  id: string
  actor: Actor & { userId: string }
}

let serial = 0

export async function makeOrganisation(db: Kysely<Database>, name: string, world: string, seatCode: string): Promise<TestOrganisation> {
  const userId = newId()
  const email = `person-${++serial}-${userId.slice(-6)}@example.org`
  const now = nowIso()
  await db.insertInto('users').values({ id: userId, email, password_hash: 'x', display_name: `Person of ${name}`, locale: 'fr', is_platform_admin: 0, is_demo: 0, created_at: now, updated_at: now, email_verified_at: now }).execute()
  const bare: Actor & { userId: string } = { userId, displayName: `Person of ${name}`, email, isPlatformAdmin: false, memberships: new Map() }
  const id = await createOrganisation(db, bare, {
    name,
    world,
    siret: null,
    siren: null,
    rna: null,
    seatCommuneId: `commune:${seatCode}`,
    perimeterIds: [`commune:${seatCode}`],
    sizeBand: null,
    sdgs: [],
    description: '',
    website: null,
    contactEmail: `contact-${serial}@${world}.example.org`,
    contactPhone: null,
  })
  return { id, actor: { ...bare, memberships: new Map([[id, 'admin']]) } }
}

export function contribution(type: string, details: Partial<ContributionData> = {}): ContributionData {
  return { type, amountMinCents: null, amountMaxCents: null, hours: null, people: null, skills: null, details: null, ...details }
}

export async function makeNeed(db: Kysely<Database>, org: TestOrganisation, data: Partial<NeedData> & { territoryId: string; contributions: ContributionData[] }): Promise<string> {
  return createNeed(db, org.actor, {
    organisationId: org.id,
    title: 'Un besoin de test',
    description: 'Une description assez longue pour le test.',
    domain: 'education_jeunesse',
    sdgs: null,
    horizon: 'moyen',
    lever: null,
    status: null,
    ...data,
  })
}

export async function makeResource(db: Kysely<Database>, org: TestOrganisation, data: Partial<ResourceData> & { contributionType: string }): Promise<string> {
  return createResource(db, org.actor, {
    organisationId: org.id,
    kind: 'ressource',
    title: 'Une ressource de test',
    description: 'Une description assez longue pour le test.',
    amountMinCents: null,
    amountMaxCents: null,
    hours: null,
    people: null,
    skills: null,
    items: null,
    place: null,
    domains: [],
    sdgs: [],
    reachTerritoryId: null,
    availableFrom: null,
    availableUntil: null,
    status: null,
    ...data,
  })
}

/**
 * The world of listening's rights matrix (`src/features/listening/listening.rights.ts`): organisations A (the
 * need's), B (the resources') and O (the outsider's), the people of the matrix signed up through HTTP, A's need,
 * B's resources and three requests from B to A (two pending, one accepted).
 */
export async function buildListeningWorld(t: TestApp): Promise<{ clients: Record<RightsPerson, Client>; fixture: ListeningFixture }> {
  const db = t.db
  const emails: Record<Exclude<RightsPerson, 'anonymous'>, string> = {
    outsider: 'matrix-outsider@example.org',
    platformAdmin: 'matrix-platform@example.org',
    otherSide: 'matrix-b-admin@example.org',
    member: 'matrix-a-member@example.org',
    admin: 'matrix-a-admin@example.org',
  }
  const clients = { anonymous: new Client(t.app) } as Record<RightsPerson, Client>
  for (const [person, email] of Object.entries(emails) as Array<[Exclude<RightsPerson, 'anonymous'>, string]>) {
    const client = new Client(t.app)
    await client.signUp(email, 'un mot de passe très long', `Personne ${person}`)
    clients[person] = client
  }
  await db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', emails.platformAdmin).execute()
  await giveSecondFactor(db, emails.platformAdmin)
  const org = { A: await insertOrganisation(db, 'Association de la matrice', 'association'), B: await insertOrganisation(db, 'Entreprise de la matrice', 'entreprise', 'commune:94033') }
  const outsiderOrg = await insertOrganisation(db, 'Commune de la matrice', 'collectivite')
  await addMember(db, await userId(db, emails.admin), org.A, 'admin')
  await addMember(db, await userId(db, emails.member), org.A, 'member')
  await addMember(db, await userId(db, emails.otherSide), org.B, 'admin')
  await addMember(db, await userId(db, emails.outsider), outsiderOrg, 'admin')
  const a: TestOrganisation = { id: org.A, actor: (await actorOf(db, emails.admin)) as TestOrganisation['actor'] }
  const b: TestOrganisation = { id: org.B, actor: (await actorOf(db, emails.otherSide)) as TestOrganisation['actor'] }
  const need = await makeNeed(db, a, { title: 'Un besoin de bénévoles', territoryId: 'commune:94080', contributions: [contribution('benevolat', { hours: 10, people: 3 })] })
  const [resource, second, third] = [
    await makeResource(db, b, { title: 'Des bénévoles', contributionType: 'benevolat', hours: 20, people: 4, reachTerritoryId: 'departement:94' }),
    await makeResource(db, b, { title: 'D’autres bénévoles', contributionType: 'benevolat', reachTerritoryId: 'departement:94' }),
    await makeResource(db, b, { title: 'Encore des bénévoles', contributionType: 'benevolat', reachTerritoryId: 'departement:94' }),
  ] as [string, string, string]
  const ask = (resourceId: string) => createContactRequest(db, b.actor, { needId: need, resourceId, message: 'Bonjour, nous pouvons vous aider.' })
  const requests = { pending: await ask(resource), toDecline: await ask(second), accepted: await ask(third) }
  await answerContactRequest(db, a.actor, requests.accepted, 'acceptee')
  return { clients, fixture: { org, need, resource, requests } }
}

/** Every row of listening's tables, to prove that a refused request changed nothing. */
export async function listeningSnapshot(db: Kysely<Database>): Promise<string> {
  const parts: unknown[] = []
  for (const table of ['needs', 'need_contributions', 'resources', 'contact_requests', 'contact_messages'] as const) {
    parts.push(await db.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()))
  }
  return JSON.stringify(parts)
}
