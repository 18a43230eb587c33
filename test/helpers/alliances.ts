/**
 * A small world for alliance tests: four organisations (coordinator C, partner P, outsider O, invited I),
 * the six kinds of people of the rights matrix (anonymous, non-member, partner member, partner admin,
 * coordinator admin, platform admin) plus I's admin, and two alliances — public and partners-only — each
 * with C coordinating, P active, I invited, a charter v1, contributions by C and P, a journal entry and
 * partnerships C→P (one confirmed, two proposed).
 *
 * People sign up through HTTP (real sessions); organisations, memberships and alliance content are written
 * directly or through the services, which is much faster than driving every form.
 */
import type { MembershipRole, Actor } from '../../src/core/access/actor.js'
import { newId, nowIso } from '../../src/core/db/values.js'
import { normaliseText } from '../../src/core/text/normalise.js'
import { createAlliance } from '../../src/features/alliances/index.js'
import { saveCharter } from '../../src/features/alliances/charter.service.js'
import { addContribution } from '../../src/features/alliances/contributions.service.js'
import { addJournalEntry } from '../../src/features/alliances/journal.service.js'
import { invitePartner } from '../../src/features/alliances/partners.service.js'
import { proposePartnership, answerPartnership } from '../../src/features/alliances/partnerships.service.js'
import { Client, giveSecondFactor, type TestApp } from './app.js'

export type Db = TestApp['db']

export async function insertOrganisation(db: Db, name: string, world: string, seat = 'commune:94080'): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('organisations')
    .values({ id, world, name, search_name: normaliseText(name), siren: null, siret: null, rna: null, seat_commune_id: seat, size_band: null, description: '', website: null, contact_email: null, contact_phone: null, is_demo: 0, created_by: null, created_at: now, updated_at: now })
    .execute()
  await db.insertInto('organisation_perimeters').values({ organisation_id: id, territory_id: seat }).execute()
  return id
}

export async function addMember(db: Db, userId: string, organisationId: string, role: MembershipRole): Promise<void> {
  await db.insertInto('memberships').values({ user_id: userId, organisation_id: organisationId, role, created_at: nowIso() }).execute()
}

export async function userId(db: Db, email: string): Promise<string> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
}

/** The actor as the sessions plugin would load it. */
export async function actorOf(db: Db, email: string): Promise<Actor> {
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
  const rows = await db.selectFrom('memberships').select(['organisation_id', 'role']).where('user_id', '=', user.id).execute()
  return { userId: user.id, email: user.email, displayName: user.display_name, isPlatformAdmin: user.is_platform_admin === 1, memberships: new Map(rows.map((r) => [r.organisation_id, r.role])) }
}

export const PEOPLE = ['anonymous', 'nonMember', 'partnerMember', 'partnerAdmin', 'coordinatorAdmin', 'platformAdmin'] as const
export type Person = (typeof PEOPLE)[number]

export interface AllianceFixture {
  id: string
  partnerId: { C: string; P: string; I: string }
  contribution: { C: string; P: string }
  /** the entry P wrote, and the platform's entry of the alliance's creation */
  journal: { P: string; system: string }
  partnership: { confirmed: string; toConfirm: string; toDecline: string }
}

export interface AllianceWorld {
  org: { C: string; P: string; O: string; I: string }
  clients: Record<Person | 'invitedAdmin', Client>
  emails: Record<Exclude<Person, 'anonymous'> | 'invitedAdmin', string>
  public: AllianceFixture
  partners: AllianceFixture
}

/** Builds an alliance with its content through the services; returns its ids. */
export async function buildAlliance(db: Db, org: AllianceWorld['org'], emails: AllianceWorld['emails'], visibility: 'public' | 'partners', name: string): Promise<AllianceFixture> {
  const coordinator = await actorOf(db, emails.coordinatorAdmin)
  const partnerAdmin = await actorOf(db, emails.partnerAdmin)
  const partnerMember = await actorOf(db, emails.partnerMember)
  const id = await createAlliance(db, coordinator, {
    name,
    stakes: 'Des enjeux partagés par tous les partenaires.',
    description: '',
    territoryIds: ['commune:94080'],
    form: 'experimentation_collective',
    sdgs: [4],
    sdgTargets: [],
    levers: ['action'],
    startedOn: '2024-01-15',
    endedOn: null,
    visibility,
    phase: 'experimentation',
    coordinatorOrganisationId: org.C,
  })
  const P = await invitePartner(db, coordinator, id, { organisationId: org.P, role: 'partenaire' })
  await db.updateTable('alliance_partners').set({ status: 'active', joined_on: '2024-02-01' }).where('id', '=', P).execute()
  const I = await invitePartner(db, coordinator, id, { organisationId: org.I, role: 'financeur' })
  await saveCharter(db, coordinator, id, { principles: 'Nous agissons côte à côte, dans la confiance.', governance: 'Le comité des partenaires décide ensemble.', meetingFrequency: 'trimestrielle', nextReviewOn: '2099-01-01', commitments: new Map([[org.P, 'Des heures de mécénat.']]) })
  const withP = await actorOf(db, emails.partnerAdmin)
  const contributionC = await addContribution(db, coordinator, id, { organisationId: org.C, contributionType: 'benevolat', unit: 'hours', quantity: '12', contributedOn: '2024-03-01', description: 'Ateliers' })
  const contributionP = await addContribution(db, partnerMember, id, { organisationId: org.P, contributionType: 'mecenat_financier', unit: 'eur', quantity: '1500,50', contributedOn: '2024-04-01', description: 'Don' })
  const journalP = await addJournalEntry(db, withP, id, { organisationId: org.P, kind: 'reunion', occurredOn: '2024-03-10', title: 'Réunion de lancement', body: '' })
  const partnership = async (type: string) => proposePartnership(db, coordinator, { organisationAId: org.C, organisationBId: org.P, allianceId: id, type, startedOn: '2024-02-01', endedOn: null, description: '' })
  const confirmed = await partnership('mecenat_competences')
  await answerPartnership(db, partnerAdmin, confirmed, true)
  const toConfirm = await partnership('innovation_societale')
  const toDecline = await partnership('cooperation_economique')
  const C = (await db.selectFrom('alliance_partners').select('id').where('alliance_id', '=', id).where('organisation_id', '=', org.C).executeTakeFirstOrThrow()).id
  const systemEntry = (await db.selectFrom('alliance_journal_entries').select('id').where('alliance_id', '=', id).where('system_event', '=', 'created').executeTakeFirstOrThrow()).id
  return { id, partnerId: { C, P, I }, contribution: { C: contributionC, P: contributionP }, journal: { P: journalP, system: systemEntry }, partnership: { confirmed, toConfirm, toDecline } }
}

/** Signs up the people, creates the organisations and both alliances. */
export async function buildAllianceWorld(t: TestApp, prefix = 'w'): Promise<AllianceWorld> {
  const db = t.db
  const emails = {
    nonMember: `${prefix}-outsider@example.org`,
    partnerMember: `${prefix}-pmember@example.org`,
    partnerAdmin: `${prefix}-padmin@example.org`,
    coordinatorAdmin: `${prefix}-cadmin@example.org`,
    platformAdmin: `${prefix}-platform@example.org`,
    invitedAdmin: `${prefix}-iadmin@example.org`,
  }
  const clients = { anonymous: new Client(t.app) } as AllianceWorld['clients']
  for (const [person, email] of Object.entries(emails) as Array<[keyof typeof emails, string]>) {
    const client = new Client(t.app)
    await client.signUp(email, 'un mot de passe très long', `Personne ${person}`)
    clients[person] = client
  }
  await db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', emails.platformAdmin).execute()
  // Platform admin powers need the second factor.
  await giveSecondFactor(db, emails.platformAdmin)
  const org = {
    C: await insertOrganisation(db, `${prefix} Association coordinatrice`, 'association'),
    P: await insertOrganisation(db, `${prefix} Entreprise partenaire`, 'entreprise', 'commune:94033'),
    O: await insertOrganisation(db, `${prefix} Commune extérieure`, 'collectivite'),
    I: await insertOrganisation(db, `${prefix} Fondation invitée`, 'fondation'),
  }
  await addMember(db, await userId(db, emails.coordinatorAdmin), org.C, 'admin')
  await addMember(db, await userId(db, emails.partnerAdmin), org.P, 'admin')
  await addMember(db, await userId(db, emails.partnerMember), org.P, 'member')
  await addMember(db, await userId(db, emails.nonMember), org.O, 'admin')
  await addMember(db, await userId(db, emails.invitedAdmin), org.I, 'admin')
  return {
    org,
    clients,
    emails,
    public: await buildAlliance(db, org, emails, 'public', `${prefix} Alliance publique`),
    partners: await buildAlliance(db, org, emails, 'partners', `${prefix} Alliance réservée`),
  }
}

/** Row counts and a digest of every alliance table, to prove that a refused request changed nothing. */
export async function allianceSnapshot(db: Db): Promise<string> {
  const parts: unknown[] = []
  for (const table of ['alliances', 'alliance_territories', 'alliance_sdgs', 'alliance_sdg_targets', 'alliance_levers', 'alliance_partners', 'alliance_partner_objectives', 'alliance_charters', 'alliance_charter_commitments', 'alliance_charter_signatures', 'alliance_contributions', 'alliance_journal_entries', 'partnerships', 'mail_messages'] as const) {
    parts.push(await db.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()))
  }
  return JSON.stringify(parts)
}
