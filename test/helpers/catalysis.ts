/**
 * A small world for catalysis tests: an animating organisation A (collectivité) with an admin and a member,
 * a co-animating organisation C (association) with an admin, an outsider organisation O (entreprise) with an
 * admin, a platform admin, a territory space animated by A over the EPT Paris Est Marne et Bois with C active,
 * and many people for registrations. People are written directly (no password needed for service tests);
 * `actorOf` gives the actor the sessions plugin would load.
 */
import type { Actor } from '../../src/core/access/actor.js'
import { newId, nowIso } from '../../src/core/db/values.js'
import { MAIL_QUEUE } from '../../src/core/mail/outbox.js'
import { catalysisJobs } from '../../src/features/catalysis/index.js'
import { createSpace } from '../../src/features/catalysis/spaces/spaces.service.js'
import { addMember, actorOf, insertOrganisation, type Db } from './alliances.js'
import type { TestDatabase, TestDialect } from './dialects.js'
import { openTestJobs } from './jobs.js'

export { actorOf, addMember, insertOrganisation }

/**
 * A test database for catalysis services, with the job store attached (the e-mail of notifications and the
 * reminders are jobs, queued in the transaction of the act). Jobs are queued, never run: tests read
 * `notifications` and `mail_messages`.
 */
export async function openCatalysisDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const database = await dialect.open()
  const jobs = await openTestJobs(database.db, [{ name: MAIL_QUEUE }, ...catalysisJobs(database.db.kysely)])
  return {
    db: database.db,
    async close() {
      await jobs.close()
      await database.close()
    },
  }
}

/** Inserts a person with a verified address (no usable password) and returns their id. */
export async function insertUser(db: Db, email: string, options: { platformAdmin?: boolean } = {}): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('users')
    .values({ id, email, password_hash: 'x', display_name: email.split('@')[0] as string, locale: 'fr', is_platform_admin: options.platformAdmin ? 1 : 0, is_demo: 0, created_at: now, updated_at: now, email_verified_at: now })
    .execute()
  return id
}

export interface CatalysisWorld {
  org: { A: string; C: string; O: string }
  actors: { adminA: Actor; memberA: Actor; adminC: Actor; adminO: Actor; platformAdmin: Actor }
  spaceId: string
}

export const PILOT_EPT = 'ept:200057941'

export async function buildCatalysisWorld(db: Db, tag = 'w'): Promise<CatalysisWorld> {
  const A = await insertOrganisation(db, `Mission coopérations ${tag}`, 'collectivite', 'commune:94068')
  const C = await insertOrganisation(db, `Maison des associations ${tag}`, 'association', 'commune:94080')
  const O = await insertOrganisation(db, `Entreprise extérieure ${tag}`, 'entreprise', 'commune:94017')
  const emails = { adminA: `admin-a-${tag}@example.org`, memberA: `member-a-${tag}@example.org`, adminC: `admin-c-${tag}@example.org`, adminO: `admin-o-${tag}@example.org`, platformAdmin: `platform-${tag}@example.org` }
  await addMember(db, await insertUser(db, emails.adminA), A, 'admin')
  await addMember(db, await insertUser(db, emails.memberA), A, 'member')
  await addMember(db, await insertUser(db, emails.adminC), C, 'admin')
  await addMember(db, await insertUser(db, emails.adminO), O, 'admin')
  await insertUser(db, emails.platformAdmin, { platformAdmin: true })
  const actors = {
    adminA: await actorOf(db, emails.adminA),
    memberA: await actorOf(db, emails.memberA),
    adminC: await actorOf(db, emails.adminC),
    adminO: await actorOf(db, emails.adminO),
    platformAdmin: await actorOf(db, emails.platformAdmin),
  }
  const spaceId = await createSpace(db, actors.adminA, A, { name: `Espace Marne & Bois ${tag}`, mission: 'Faire se rencontrer les acteurs du territoire pilote.', trades: ['dialogue_territorial', 'gestion_lieu'], territoryIds: [PILOT_EPT] })
  await db.insertInto('catalysis_space_coanimators').values({ space_id: spaceId, organisation_id: C, status: 'active', invited_by: null, created_at: nowIso(), answered_at: nowIso() }).execute()
  return { org: { A, C, O }, actors, spaceId }
}

/** Next year's date-time in Paris local form, for meetings that have not started. */
export function nextYear(monthDayTime: string): string {
  return `${new Date().getUTCFullYear() + 1}-${monthDayTime}`
}

import { Client, giveSecondFactor, type TestApp } from './app.js'
import { actorOf as actorByEmail } from './alliances.js'
import { recordActivity } from '../../src/features/catalysis/activities/activities.service.js'
import { createMeeting } from '../../src/features/catalysis/meetings/meetings.service.js'
import { createPlace } from '../../src/features/catalysis/places/places.service.js'
import { createDialogue, raiseFinding } from '../../src/features/catalysis/dialogues/dialogues.service.js'

/** The six kinds of people of the rights matrix. */
export const PEOPLE = ['anonymous', 'outsider', 'member', 'admin', 'coanimator', 'platformAdmin'] as const
export type Person = (typeof PEOPLE)[number]

export interface RightsWorld {
  org: { A: string; C: string; O: string; I: string; J: string }
  clients: Record<Person, Client>
  space: string
  activity: string
  /** a second activity, deleted through the API */
  activity2: string
  meeting: { public: string; invitation: string; held: string }
  place: string
  dialogue: string
  finding: string
}

/**
 * Signs up the people of the rights matrix over HTTP: `member` and `admin` of the animating organisation A,
 * `coanimator` (admin of C, active co-animator and the dialogue's participant), `outsider` (admin of O,
 * unrelated), a platform admin; and builds a space, an activity, three meetings (public upcoming,
 * invitation-only upcoming, held), a place of A, a dialogue with a finding. I has a pending co-animation.
 */
export async function buildRightsWorld(t: TestApp, tag: string): Promise<RightsWorld> {
  const db = t.db
  const emails: Record<Exclude<Person, 'anonymous'>, string> = { outsider: `${tag}-o@example.org`, member: `${tag}-m@example.org`, admin: `${tag}-a@example.org`, coanimator: `${tag}-c@example.org`, platformAdmin: `${tag}-p@example.org` }
  const clients = { anonymous: new Client(t.app) } as Record<Person, Client>
  for (const [person, email] of Object.entries(emails)) {
    const client = new Client(t.app)
    await client.signUp(email)
    clients[person as Person] = client
  }
  await db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', emails.platformAdmin).execute()
  // Platform admin powers need the second factor.
  await giveSecondFactor(db, emails.platformAdmin)
  const A = await insertOrganisation(db, `Collectivité ${tag}`, 'collectivite', 'commune:94068')
  const C = await insertOrganisation(db, `Association ${tag}`, 'association', 'commune:94080')
  const O = await insertOrganisation(db, `Entreprise ${tag}`, 'entreprise', 'commune:94017')
  const I = await insertOrganisation(db, `Fondation ${tag}`, 'fondation', 'commune:94017')
  const J = await insertOrganisation(db, `Syndicat ${tag}`, 'syndicat', 'commune:94017')
  const id = async (email: string) => (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
  await addMember(db, await id(emails.member), A, 'member')
  await addMember(db, await id(emails.admin), A, 'admin')
  await addMember(db, await id(emails.coanimator), C, 'admin')
  await addMember(db, await id(emails.outsider), O, 'admin')
  const admin = await actorByEmail(db, emails.admin)
  const space = await createSpace(db, admin, A, { name: `Espace ${tag}`, mission: 'Une mission de test pour le territoire.', trades: ['dialogue_territorial'], territoryIds: [PILOT_EPT] })
  await db.insertInto('catalysis_space_coanimators').values([
    { space_id: space, organisation_id: C, status: 'active', invited_by: null, created_at: nowIso(), answered_at: nowIso() },
    { space_id: space, organisation_id: I, status: 'invitee', invited_by: null, created_at: nowIso(), answered_at: null },
    { space_id: space, organisation_id: J, status: 'invitee', invited_by: null, created_at: nowIso(), answered_at: null },
  ]).execute()
  const activity = await recordActivity(db, admin, space, { activity: 'rencontres', title: 'Une rencontre', description: '', startedOn: '2026-03-01', endedOn: null, minutesSpent: 60, organisationIds: [], outputs: [] })
  const activity2 = await recordActivity(db, admin, space, { activity: 'formation', title: 'Une formation', description: '', startedOn: '2026-04-01', endedOn: null, minutesSpent: null, organisationIds: [], outputs: [] })
  const base = { kind: 'diner', description: '', placeId: null, address: '1 rue de Paris', communeId: 'commune:94080', onlineUrl: null, capacity: 10, quotas: {}, dialogueId: null }
  const pub = await createMeeting(db, admin, { spaceId: space }, { ...base, title: 'Publique', visibility: 'public', startsLocal: nextYear('06-01T19:00'), endsLocal: nextYear('06-01T21:00') })
  const inv = await createMeeting(db, admin, { spaceId: space }, { ...base, title: 'Sur invitation', visibility: 'invitation', startsLocal: nextYear('06-02T19:00'), endsLocal: nextYear('06-02T21:00') })
  const held = await createMeeting(db, admin, { spaceId: space }, { ...base, title: 'Tenue', visibility: 'public', startsLocal: '2025-06-01T19:00', endsLocal: '2025-06-01T21:00' })
  const place = await createPlace(db, admin, A, { name: 'Salle des fêtes', kind: 'salle_reunion', description: '', address: '3 place de la Mairie', communeId: 'commune:94068', capacity: 50, accessibility: [], services: [], openingHours: {}, website: null })
  const dialogue = await createDialogue(db, admin, space, { title: 'Dialogue', purpose: '', territoryId: PILOT_EPT, subjectOrganisationId: null, startedOn: '2026-01-10', participantIds: [C] })
  const finding = await raiseFinding(db, await actorByEmail(db, emails.coanimator), dialogue, { organisationId: C, kind: 'atout', title: 'Un atout', description: '', domain: 'citoyennete', sdgs: [17], priority: 'moyenne' })
  return { org: { A, C, O, I, J }, clients, space, activity, activity2, meeting: { public: pub, invitation: inv, held }, place, dialogue, finding }
}

/** Every catalysis row (and the queued e-mail, notifications), to check that a refused request changed nothing. */
export async function catalysisSnapshot(db: TestApp['db']): Promise<string> {
  const parts: unknown[] = []
  for (const table of ['catalysis_spaces', 'catalysis_space_territories', 'catalysis_space_coanimators', 'catalysis_activities', 'catalysis_activity_outputs', 'catalysis_places', 'catalysis_meetings', 'catalysis_meeting_seats', 'catalysis_registrations', 'catalysis_meeting_invitations', 'catalysis_encounters', 'catalysis_dialogues', 'catalysis_dialogue_participants', 'catalysis_findings', 'catalysis_finding_views', 'catalysis_maturity_grids', 'catalysis_maturity_results', 'resources', 'mail_messages', 'notifications', 'survey_questionnaires'] as const) {
    parts.push(await db.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()))
  }
  return JSON.stringify(parts)
}
