/**
 * Hand-built organisations, needs and resources for listening tests: real rows written through the real
 * services, with an actor that belongs to the organisation (no HTTP, so matching tests stay fast).
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../src/core/access/actor.js'
import { newId, nowIso } from '../../src/core/db/values.js'
import type { Database } from '../../src/database.js'
import { createNeed, createResource } from '../../src/features/listening/listening.service.js'
import type { ContributionData, NeedData, ResourceData } from '../../src/features/listening/listening.schemas.js'
import { createOrganisation } from '../../src/features/organisations/index.js'

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
