/**
 * The demo of catalysis on the pilot territory (EPT Paris Est Marne et Bois), written through the services
 * as the demo people (so every rule holds): the space run by the demo catalyst with a co-animating club of
 * companies; a year of activities across the sixteen cells of the grid; four places (none offered as a
 * resource, so that listening's demo data stays as it is); a past dîner Élus & Entreprises with quotas,
 * attendance, encounters, follow-up requests (two
 * accepted) and minutes; an upcoming workshop that is full, with a waiting list; a governance dialogue with
 * its diagnosis, views, a self-diagnosis answered by participants and its maturity level.
 *
 * Idempotent: nothing happens when the space exists. Dates are relative to the day of loading (the dîner is
 * the last 23 November before it, the workshop in five weeks); the content is fixed, the ids are the services'.
 *
 * Demo people are fictional (`.invalid` addresses): the acts of the demo notify them in the application, never
 * by e-mail — their pace for the kinds these acts notify is "never" before the first act (the demo is loaded
 * before any job store exists, and no e-mail may be queued to an address that cannot receive it).
 */
import type { Kysely } from 'kysely'
import type { Actor, MembershipRole } from '../../core/access/actor.js'
import { nowIso } from '../../core/db/values.js'
import type { Database } from '../../database.js'
import { answerContactRequest, connectionNotificationKinds } from '../listening/index.js'
import { respondentKeyOfUser, saveAnswers } from '../surveys/index.js'
import { recordActivity } from './activities/activities.service.js'
import { ACTIVITIES, DIALOGUE, FINDINGS, PLACES, SPACE } from './catalysis.demo.data.js'
import { catalysisNotificationKinds } from './catalysis.notifications.js'
import { createDialogue, giveView, raiseFinding } from './dialogues/dialogues.service.js'
import { computeMaturity, launchSelfDiagnosis, answerConsent } from './dialogues/maturity.service.js'
import { declareEncounter, followUpSubjects } from './meetings/follow-ups.service.js'
import { createMeeting, publishMinutes } from './meetings/meetings.service.js'
import { register, takeAttendance } from './meetings/registrations.service.js'
import { parisToday } from '../../core/time/calendar.js'
import { isoToParisLocal } from './paris-time.js'
import { createPlace, offerPlace } from './places/places.service.js'
import { createSpace } from './spaces/spaces.service.js'

type Db = Kysely<Database>
type Ids = (key: string) => string

const PUBLIC_URL = 'http://localhost:3000'

/** Demo people receive the notifications of the demo's acts in the application only (see the module's JSDoc). */
async function noDemoMail(db: Db): Promise<void> {
  const people = await db.selectFrom('users').select('id').where('is_demo', '=', 1).execute()
  const kinds = [...catalysisNotificationKinds, ...connectionNotificationKinds].map((k) => k.key)
  const now = nowIso()
  const rows = people.flatMap((p) => kinds.map((kind) => ({ user_id: p.id, kind, pace: 'never' as const, updated_at: now })))
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('notification_preferences').values(rows.slice(i, i + 500)).onConflict((oc) => oc.columns(['user_id', 'kind']).doNothing()).execute()
}

/** The actor of a demo person: the first admin (or member) of an organisation, or the n-th person of it. */
async function personOf(db: Db, organisationId: string, n = 0): Promise<Actor | null> {
  const people = await db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['users.id', 'users.email', 'users.display_name', 'memberships.role']).where('memberships.organisation_id', '=', organisationId).orderBy('memberships.role').orderBy('users.email').execute()
  const person = people[n]
  if (!person) return null
  const rows = await db.selectFrom('memberships').select(['organisation_id', 'role']).where('user_id', '=', person.id).execute()
  return { userId: person.id, email: person.email, displayName: person.display_name, isPlatformAdmin: false, memberships: new Map(rows.map((r) => [r.organisation_id, r.role as MembershipRole])) }
}

/** `YYYY-MM-DDTHH:MM` in Paris, `days` from today at `time`. */
function localDay(days: number, time: string): string {
  const d = new Date(Date.now() + days * 86400_000)
  return `${isoToParisLocal(d.toISOString()).slice(0, 10)}T${time}`
}

export async function loadCatalysisDemo(db: Db, ids: Ids): Promise<{ loaded: boolean }> {
  const org = (key: string) => ids(`organisation:${key}`)
  const exists = await db.selectFrom('catalysis_spaces').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()
  if (exists) return { loaded: false }
  const catalyst = await personOf(db, org(SPACE.organisation))
  if (!catalyst) return { loaded: false }
  await noDemoMail(db)

  // the space and its team
  const spaceId = await createSpace(db, catalyst, org(SPACE.organisation), { name: SPACE.name, mission: SPACE.mission, trades: SPACE.trades, territoryIds: [SPACE.territory] })
  await db.updateTable('catalysis_spaces').set({ is_demo: 1 }).where('id', '=', spaceId).execute()
  await db.insertInto('catalysis_space_coanimators').values({ space_id: spaceId, organisation_id: org(SPACE.coanimator), status: 'active', invited_by: catalyst.userId, created_at: nowIso(), answered_at: nowIso() }).execute()

  // places (a place's `offered` flag would offer it as a listening resource)
  const placeIds: Record<string, string> = {}
  for (const p of PLACES) {
    const manager = await personOf(db, org(p.organisation))
    if (!manager) continue
    placeIds[p.key] = await createPlace(db, manager, org(p.organisation), { name: p.name, kind: p.kind, description: p.description, address: p.address, communeId: `commune:${p.commune}`, capacity: p.capacity, accessibility: p.accessibility, services: p.services, openingHours: p.hours, website: null })
    if (p.offered) await offerPlace(db, manager, placeIds[p.key] as string)
  }

  // the past dîner Élus & Entreprises, the last 23 November
  const today = parisToday()
  const year = Number(today.slice(0, 4)) - (today.slice(5) > '11-24' ? 0 : 1)
  const diner = await createMeeting(db, catalyst, { spaceId }, {
    title: `${SPACE.dinerNumber}e dîner Élus & Entreprises — Jouons collectif !`,
    kind: 'diner',
    description: 'Élus locaux et dirigeants d’entreprise autour d’une même table, pour partager les retours d’expériences de la co-construction territoriale et se donner envie d’agir ensemble.',
    startsLocal: `${year}-11-23T19:30`,
    endsLocal: `${year}-11-23T22:30`,
    placeId: placeIds.cafe ?? null,
    address: null,
    communeId: null,
    onlineUrl: null,
    visibility: 'invitation',
    capacity: 36,
    quotas: { collectivite: 15, entreprise: 15 },
    dialogueId: null,
  })
  // registrations were taken before the dinner: written with the service's rules, dated back
  const guests = await db.selectFrom('organisations').select(['id', 'world']).where('is_demo', '=', 1).where('world', 'in', ['collectivite', 'entreprise', 'fondation', 'association']).orderBy('name').execute()
  await db.updateTable('catalysis_meetings').set({ starts_at: new Date(Date.now() + 86400_000).toISOString() }).where('id', '=', diner).execute()
  await db.insertInto('catalysis_meeting_invitations').values(guests.map((g) => ({ id: ids(`catalysis:invitation:${g.id}`), meeting_id: diner, organisation_id: g.id, email: null, invited_by: catalyst.userId, created_at: nowIso() }))).execute()
  const seated: string[] = []
  for (const g of guests) {
    const person = await personOf(db, g.id)
    if (!person) continue
    const r = await register(db, person, diner, { organisationId: g.id })
    if (r.status === 'inscrit') seated.push(r.id)
  }
  // back to its real evening (19:30 in Paris is 18:30 UTC in November)
  await db.updateTable('catalysis_meetings').set({ starts_at: `${year}-11-23T18:30:00.000Z` }).where('id', '=', diner).execute()
  await takeAttendance(db, catalyst, diner, seated.slice(0, Math.max(0, seated.length - 2)))
  // who met whom, with follow-ups
  let accepted = 0
  for (const [from, to] of SPACE.encounters) {
    const person = await personOf(db, org(from))
    if (!person) continue
    const subjects = await followUpSubjects(db, org(from), org(to))
    const subject = subjects[0]
    const requestId = await declareEncounter(db, person, diner, { organisationId: org(from), metOrganisationId: org(to), followUp: subject ? { needId: subject.needId, resourceId: subject.resourceId, message: 'Ravis d’avoir échangé au dîner : poursuivons la discussion sur ce sujet.' } : null }, PUBLIC_URL).catch(() => null)
    if (requestId && accepted < 2) {
      const other = await personOf(db, org(to))
      if (other) {
        await answerContactRequest(db, other, requestId, 'acceptee', PUBLIC_URL)
        accepted++
      }
    }
  }
  await publishMinutes(db, catalyst, diner, { minutes: SPACE.minutes, decisions: SPACE.decisions, allianceIds: [] })

  // the upcoming workshop, full with a waiting list
  const workshop = await createMeeting(db, catalyst, { spaceId }, {
    title: 'Atelier : la mobilité solidaire vers l’emploi',
    kind: 'atelier',
    description: 'Collectivités, employeurs et associations de mobilité construisent ensemble une réponse aux difficultés de déplacement des demandeurs d’emploi.',
    startsLocal: localDay(35, '09:30'),
    endsLocal: localDay(35, '12:30'),
    placeId: placeIds.fabrique ?? null,
    address: null,
    communeId: null,
    onlineUrl: null,
    visibility: 'public',
    capacity: 8,
    quotas: {},
    dialogueId: null,
  })
  const everyone = await db.selectFrom('organisations').select('id').where('is_demo', '=', 1).orderBy('name', 'desc').limit(11).execute()
  for (const o of everyone) {
    const person = (await personOf(db, o.id, 1)) ?? (await personOf(db, o.id))
    if (person) await register(db, person, workshop, { organisationId: o.id })
  }

  // a year of activities across the grid
  for (const [i, a] of ACTIVITIES.entries()) {
    const author = i % 4 === 3 ? ((await personOf(db, org(SPACE.coanimator))) ?? catalyst) : catalyst
    const day = isoToParisLocal(new Date(Date.now() - (360 - i * 9) * 86400_000).toISOString()).slice(0, 10)
    await recordActivity(db, author, spaceId, { activity: a.activity, title: a.title, description: a.description, startedOn: day, endedOn: null, minutesSpent: a.hours * 60, organisationIds: a.organisations.map(org), outputs: a.outputsDiner ? [{ kind: 'meeting', targetId: diner }] : [] })
  }
  await db.updateTable('catalysis_activities').set({ is_demo: 1 }).where('space_id', '=', spaceId).execute()

  // the governance dialogue, its diagnosis and maturity
  const dialogueId = await createDialogue(db, catalyst, spaceId, { title: DIALOGUE.title, purpose: DIALOGUE.purpose, territoryId: SPACE.territory, subjectOrganisationId: null, startedOn: isoToParisLocal(new Date(Date.now() - 200 * 86400_000).toISOString()).slice(0, 10), participantIds: DIALOGUE.participants.map(org) })
  for (const f of FINDINGS) {
    const person = await personOf(db, org(f.by))
    if (!person) continue
    const findingId = await raiseFinding(db, person, dialogueId, { organisationId: org(f.by), kind: f.kind, title: f.title, description: f.description, domain: f.domain, sdgs: f.sdgs, priority: f.priority })
    for (const [key, importance] of f.views) {
      const viewer = await personOf(db, org(key))
      if (viewer) await giveView(db, viewer, dialogueId, findingId, { organisationId: org(key), importance, comment: '' })
    }
  }
  const campaignId = await launchSelfDiagnosis(db, catalyst, dialogueId, isoToParisLocal(new Date(Date.now() + 30 * 86400_000).toISOString()).slice(0, 10))
  const campaign = await db.selectFrom('survey_campaigns').innerJoin('survey_questionnaires', 'survey_questionnaires.id', 'survey_campaigns.questionnaire_id').select(['survey_campaigns.id', 'survey_campaigns.opens_on', 'survey_campaigns.closes_on', 'survey_questionnaires.definition']).where('survey_campaigns.id', '=', campaignId).executeTakeFirstOrThrow()
  for (const [i, key] of DIALOGUE.participants.entries()) {
    const person = await personOf(db, org(key))
    if (!person) continue
    const answers = DIALOGUE.answers[i % DIALOGUE.answers.length] as Record<string, string>
    await saveAnswers(db, campaign, { key: respondentKeyOfUser(campaignId, person.userId as string), userId: person.userId }, answers, 'submit')
  }
  await computeMaturity(db, catalyst, dialogueId)
  for (const key of DIALOGUE.participants) {
    const admin = await personOf(db, org(key))
    if (admin?.memberships.get(org(key)) === 'admin') await answerConsent(db, admin, dialogueId, org(key), 'accord')
  }
  // every object of the demo says it is fictional
  await db.updateTable('catalysis_spaces').set({ is_demo: 1 }).where('id', '=', spaceId).execute()
  await db.updateTable('catalysis_meetings').set({ is_demo: 1 }).where('space_id', '=', spaceId).execute()
  await db.updateTable('catalysis_dialogues').set({ is_demo: 1 }).where('space_id', '=', spaceId).execute()
  if (Object.keys(placeIds).length > 0) await db.updateTable('catalysis_places').set({ is_demo: 1 }).where('id', 'in', Object.values(placeIds)).execute()
  return { loaded: true }
}
