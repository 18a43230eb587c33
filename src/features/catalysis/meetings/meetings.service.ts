/**
 * Use cases of meetings (rencontres), the dîner Élus & Entreprises as the model: create and edit a meeting
 * (kind, start and end in Europe/Paris, a place of the directory or an address in a commune or an online
 * link, the organiser — a space or an organisation —, the audience sought by world with quotas, public or
 * by invitation), cancel it, invite organisations and people, publish the minutes and decisions (and add
 * them to the journal of linked alliances). Registrations, attendance and follow-ups have their own modules.
 *
 * Seats: the capacity is split into one bucket per world with a quota and one bucket `*` for the other
 * worlds (capacity − Σ quotas). A person registering for an organisation of a world with a quota takes a
 * seat of that quota; everyone else takes an open seat.
 */
import type { Kysely } from 'kysely'
import { isMemberOf, type Actor } from '../../../core/access/actor.js'
import { lockForUpdate } from '../../../core/db/dialect.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, validationError, type FieldProblem } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { addJournalEntry } from '../../alliances/index.js'
import { codesOf } from '../../vocabulary/index.js'
import { notifyCancelled, notifyMeetingInvitation } from '../catalysis.notifications.js'
import { authorizeActFor, authorizeOrganise, authorizeSpaceTeam } from '../catalysis.policy.js'
import type { MeetingVisibility } from '../catalysis.table.js'
import { parisDayOf, parisLocalToIso } from '../paris-time.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { checkTerritories, levelColumns } from '../territory-scope.js'
import { loadMeetingAccess } from './meetings.access.js'
import { MAX_CAPACITY, MAX_DURATION_DAYS, MEETING_KINDS, OPEN_SEATS } from './meetings.codes.js'
import { promoteWaiting } from './registrations.service.js'

type Db = Kysely<Database>

/** A meeting's content; times are Paris local `YYYY-MM-DDTHH:MM`. */
export interface MeetingData {
  title: string
  kind: string
  description: string
  startsLocal: string
  endsLocal: string
  placeId: string | null
  address: string | null
  communeId: string | null
  onlineUrl: string | null
  visibility: MeetingVisibility
  capacity: number
  /** world code → seats reserved for it */
  quotas: Record<string, number>
  dialogueId: string | null
}

/** Who organises: a space (its team) or an organisation (its members). */
export type Organiser = { spaceId: string } | { organisationId: string }

interface Located {
  territoryId: string
  placeId: string | null
  address: string | null
  onlineUrl: string | null
}

async function validateMeeting(db: Db, data: MeetingData, context: { spaceId: string | null; defaultTerritoryId: string }, extra: FieldProblem[]) {
  const problems = [...extra]
  const title = data.title.trim()
  if (title.length < 3) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 3 } })
  if (!(MEETING_KINDS as readonly string[]).includes(data.kind)) problems.push({ field: 'kind', message: 'catalysis.error.meetingKind' })
  const startsAt = parisLocalToIso(data.startsLocal)
  const endsAt = parisLocalToIso(data.endsLocal)
  if (startsAt === null) problems.push({ field: 'starts_at', message: 'catalysis.error.dateTime' })
  if (endsAt === null) problems.push({ field: 'ends_at', message: 'catalysis.error.dateTime' })
  if (startsAt !== null && endsAt !== null) {
    if (endsAt <= startsAt) problems.push({ field: 'ends_at', message: 'catalysis.error.endBeforeStart' })
    else if (Date.parse(endsAt) - Date.parse(startsAt) > MAX_DURATION_DAYS * 86400_000) problems.push({ field: 'ends_at', message: 'catalysis.error.tooLong', params: { days: MAX_DURATION_DAYS } })
  }
  // where
  const located: Located = { territoryId: context.defaultTerritoryId, placeId: null, address: null, onlineUrl: null }
  if (data.onlineUrl !== null) {
    if (!/^https:\/\/[^\s]+\.[^\s]+$/.test(data.onlineUrl)) problems.push({ field: 'online_url', message: 'catalysis.error.onlineUrl' })
    else located.onlineUrl = data.onlineUrl
  }
  if (data.placeId !== null) {
    const place = await db.selectFrom('catalysis_places').select(['id', 'commune_id']).where('id', '=', data.placeId).executeTakeFirst()
    if (!place) problems.push({ field: 'place_id', message: 'catalysis.error.placeUnknown' })
    else Object.assign(located, { placeId: place.id, territoryId: place.commune_id })
  } else if (data.address !== null || data.communeId !== null) {
    if (data.address === null || data.address.trim().length < 5) problems.push({ field: 'address', message: 'catalysis.error.addressRequired' })
    if (data.communeId === null) {
      if (!problems.some((p) => p.field === 'commune')) problems.push({ field: 'commune', message: 'catalysis.error.communeRequired' })
    } else if (!problems.some((p) => p.field === 'commune')) {
      const { territories, problem } = await checkTerritories(db, [data.communeId], 'commune')
      if (problem) problems.push({ field: 'commune', message: 'catalysis.error.communeUnknown', params: { q: data.communeId } })
      else if (territories[0]?.kind !== 'commune') problems.push({ field: 'commune', message: 'catalysis.error.communeRequired' })
      else Object.assign(located, { address: data.address?.trim() ?? null, territoryId: data.communeId })
    }
  } else if (data.onlineUrl === null && !problems.some((p) => p.field === 'commune')) {
    problems.push({ field: 'place_id', message: 'catalysis.error.whereRequired' })
  }
  // seats
  if (!Number.isInteger(data.capacity) || data.capacity < 1 || data.capacity > MAX_CAPACITY) problems.push({ field: 'capacity', message: 'catalysis.error.capacity', params: { max: MAX_CAPACITY } })
  const worlds = codesOf('world')
  const quotas = Object.entries(data.quotas).filter(([, seats]) => seats !== 0)
  for (const [world, seats] of quotas) {
    if (!worlds.includes(world)) problems.push({ field: 'quotas', message: 'catalysis.error.quotaWorld' })
    else if (!Number.isInteger(seats) || seats < 0) problems.push({ field: `quota_${world}`, message: 'catalysis.error.quota' })
  }
  const reserved = quotas.reduce((sum, [, seats]) => sum + (Number.isInteger(seats) && seats > 0 ? seats : 0), 0)
  if (Number.isInteger(data.capacity) && data.capacity >= 1 && reserved > data.capacity) problems.push({ field: 'quotas', message: 'catalysis.error.quotasAboveCapacity', params: { reserved, capacity: data.capacity } })
  if (!['public', 'invitation'].includes(data.visibility)) problems.push({ field: 'visibility', message: 'form.error.invalid' })
  if (data.dialogueId !== null) {
    const dialogue = await db.selectFrom('catalysis_dialogues').select('space_id').where('id', '=', data.dialogueId).executeTakeFirst()
    if (!dialogue || dialogue.space_id !== context.spaceId) problems.push({ field: 'dialogue_id', message: 'catalysis.error.dialogueUnknown' })
  }
  if (problems.length > 0) throw validationError(problems)
  const buckets = [{ bucket: OPEN_SEATS, seats: data.capacity - reserved }, ...quotas.filter(([, s]) => s > 0).map(([bucket, seats]) => ({ bucket, seats }))]
  return { title, description: data.description.trim(), startsAt: startsAt as string, endsAt: endsAt as string, located, buckets }
}

/** Where a meeting organised by `organiser` is, when it is online only: the space's widest territory, or the organisation's seat. */
async function resolveOrganiser(db: Db, actor: Actor, organiser: Organiser) {
  if ('spaceId' in organiser) {
    const access = await loadSpace(db, organiser.spaceId)
    authorizeSpaceTeam(actor, access)
    const widest = await db
      .selectFrom('catalysis_space_territories')
      .innerJoin('territories', 'territories.id', 'catalysis_space_territories.territory_id')
      .select('territories.id')
      .where('catalysis_space_territories.space_id', '=', organiser.spaceId)
      .orderBy('territories.population', 'desc')
      .executeTakeFirstOrThrow()
    return { spaceId: organiser.spaceId, organisationId: access.space.organisation_id, defaultTerritoryId: widest.id }
  }
  authorizeActFor(actor, organiser.organisationId, { admin: false, field: 'organisation_id' })
  const org = await db.selectFrom('organisations').select('seat_commune_id').where('id', '=', organiser.organisationId).executeTakeFirstOrThrow()
  return { spaceId: null, organisationId: organiser.organisationId, defaultTerritoryId: org.seat_commune_id }
}

/** Creates a meeting (the space's team, or the organisation's members; another organisation 404). Returns its id. */
export async function createMeeting(db: Db, actor: Actor, organiser: Organiser, data: MeetingData, problems: FieldProblem[] = []): Promise<string> {
  const who = await resolveOrganiser(db, actor, organiser)
  const clean = await validateMeeting(db, data, { spaceId: who.spaceId, defaultTerritoryId: who.defaultTerritoryId }, problems)
  const id = newId()
  const now = nowIso()
  const levels = await levelColumns(db, clean.located.territoryId)
  const commune = clean.located.territoryId.startsWith('commune:') ? clean.located.territoryId : null
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('catalysis_meetings')
      .values({
        id,
        title: clean.title,
        kind: data.kind,
        description: clean.description,
        starts_at: clean.startsAt,
        ends_at: clean.endsAt,
        place_id: clean.located.placeId,
        address: clean.located.address,
        online_url: clean.located.onlineUrl,
        territory_id: clean.located.territoryId,
        terr_commune_id: commune,
        ...levels,
        space_id: who.spaceId,
        organisation_id: who.organisationId,
        dialogue_id: data.dialogueId,
        visibility: data.visibility,
        capacity: data.capacity,
        registered_count: 0,
        waiting_count: 0,
        present_count: 0,
        arrival_seq: 0,
        status: 'prevue',
        minutes: null,
        decisions: null,
        minutes_published_at: null,
        feedback_campaign_id: null,
        ical_sequence: 0,
        is_demo: 0,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await trx.insertInto('catalysis_meeting_seats').values(clean.buckets.map((b) => ({ meeting_id: id, ...b, taken: 0 }))).execute()
  })
  return id
}

/**
 * Edits a meeting (its organisers). Seats: a quota may not go below the people it already seats, nor be
 * removed while it seats anyone (409 on the field); seats added go to the waiting list, in order of arrival.
 */
export async function updateMeeting(db: Db, actor: Actor, id: string, data: MeetingData, problems: FieldProblem[] = []): Promise<void> {
  const access = await loadMeetingAccess(db, actor, id)
  authorizeOrganise(actor, access)
  const m = access.meeting
  const fallback = m.space_id ? (await resolveOrganiser(db, actor, { spaceId: m.space_id })).defaultTerritoryId : m.territory_id
  const clean = await validateMeeting(db, { ...data, dialogueId: data.dialogueId }, { spaceId: m.space_id, defaultTerritoryId: fallback }, problems)
  const levels = await levelColumns(db, clean.located.territoryId)
  const commune = clean.located.territoryId.startsWith('commune:') ? clean.located.territoryId : null
  await db.transaction().execute(async (trx) => {
    await lockForUpdate(trx, trx.selectFrom('catalysis_meetings').select('id').where('id', '=', id)).executeTakeFirst()
    const current = await trx.selectFrom('catalysis_meeting_seats').selectAll().where('meeting_id', '=', id).execute()
    const seatProblems: FieldProblem[] = []
    for (const row of current) {
      const next = clean.buckets.find((b) => b.bucket === row.bucket)
      if (row.taken > (next?.seats ?? 0)) {
        seatProblems.push(row.bucket === OPEN_SEATS ? { field: 'capacity', message: 'catalysis.error.capacityBelowRegistered', params: { count: row.taken } } : { field: `quota_${row.bucket}`, message: 'catalysis.error.quotaBelowRegistered', params: { count: row.taken } })
      }
    }
    if (seatProblems.length > 0) throw new AppError('ALLIANCE_ERR_CONFLICT', 'error.validation', { fields: seatProblems })
    for (const b of clean.buckets) {
      if (current.some((r) => r.bucket === b.bucket)) await trx.updateTable('catalysis_meeting_seats').set({ seats: b.seats }).where('meeting_id', '=', id).where('bucket', '=', b.bucket).execute()
      else await trx.insertInto('catalysis_meeting_seats').values({ meeting_id: id, bucket: b.bucket, seats: b.seats, taken: 0 }).execute()
    }
    const removed = current.filter((r) => !clean.buckets.some((b) => b.bucket === r.bucket)).map((r) => r.bucket)
    if (removed.length > 0) {
      // Waiting people of a removed quota now wait for an open seat, keeping their place in the queue.
      await trx.updateTable('catalysis_registrations').set({ bucket: OPEN_SEATS }).where('meeting_id', '=', id).where('bucket', 'in', removed).where('status', '=', 'attente').execute()
      await trx.deleteFrom('catalysis_meeting_seats').where('meeting_id', '=', id).where('bucket', 'in', removed).execute()
    }
    await trx
      .updateTable('catalysis_meetings')
      .set({
        title: clean.title,
        kind: data.kind,
        description: clean.description,
        starts_at: clean.startsAt,
        ends_at: clean.endsAt,
        place_id: clean.located.placeId,
        address: clean.located.address,
        online_url: clean.located.onlineUrl,
        territory_id: clean.located.territoryId,
        terr_commune_id: commune,
        ...levels,
        dialogue_id: data.dialogueId,
        visibility: data.visibility,
        capacity: data.capacity,
        ical_sequence: (eb) => eb('ical_sequence', '+', 1),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute()
    for (const b of clean.buckets) await promoteWaiting(trx, id, b.bucket)
  })
}

/**
 * Cancels a meeting (its organisers): registered and waiting people are told; the calendars show it
 * cancelled. A meeting that has started cannot be cancelled (409); cancelling twice changes nothing.
 */
export async function cancelMeeting(db: Db, actor: Actor, id: string): Promise<void> {
  const access = await loadMeetingAccess(db, actor, id)
  authorizeOrganise(actor, access)
  if (access.meeting.status === 'annulee') return
  if (access.meeting.starts_at <= nowIso()) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.meetingStarted')
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('catalysis_meetings').set({ status: 'annulee', ical_sequence: (eb) => eb('ical_sequence', '+', 1), updated_at: nowIso() }).where('id', '=', id).execute()
    const people = await trx
      .selectFrom('catalysis_registrations')
      .innerJoin('users', 'users.id', 'catalysis_registrations.user_id')
      .select('users.id')
      .where('catalysis_registrations.meeting_id', '=', id)
      .where('catalysis_registrations.status', 'in', ['inscrit', 'attente'])
      .execute()
    await notifyCancelled(trx, access.meeting, people.map((p) => p.id), actor.userId)
  })
}

/**
 * Invites organisations and people by e-mail (the organisers). Already invited ones are skipped. Members of
 * invited organisations and invited people with an account are notified; an address without an account gets
 * the e-mail only (the invitation applies once the person signs up with it). Returns how many were added.
 */
export async function inviteToMeeting(db: Db, actor: Actor, id: string, input: { organisationIds: string[]; emails: string[] }): Promise<number> {
  const access = await loadMeetingAccess(db, actor, id)
  authorizeOrganise(actor, access)
  const problems: FieldProblem[] = []
  const organisationIds = [...new Set(input.organisationIds)]
  const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''))]
  if (organisationIds.length === 0 && emails.length === 0) problems.push({ field: 'organisation_ids', message: 'catalysis.error.inviteNobody' })
  if (organisationIds.length > 0) {
    const found = await db.selectFrom('organisations').select('id').where('id', 'in', organisationIds).execute()
    if (found.length !== organisationIds.length) problems.push({ field: 'organisation_ids', message: 'catalysis.error.organisationUnknown' })
  }
  const bad = emails.find((e) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) || e.length > 254)
  if (bad) problems.push({ field: 'emails', message: 'catalysis.error.email', params: { email: bad.slice(0, 80) } })
  if (problems.length > 0) throw validationError(problems)
  const m = access.meeting
  const organiserName = (await db.selectFrom('organisations').select('name').where('id', '=', m.organisation_id).executeTakeFirstOrThrow()).name
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('catalysis_meeting_invitations').select(['organisation_id', 'email']).where('meeting_id', '=', id).execute()
    const newOrgs = organisationIds.filter((o) => !existing.some((e) => e.organisation_id === o))
    const newEmails = emails.filter((e) => !existing.some((x) => x.email === e))
    const now = nowIso()
    const rows = [
      ...newOrgs.map((organisation_id) => ({ id: newId(), meeting_id: id, organisation_id, email: null, invited_by: actor.userId, created_at: now })),
      ...newEmails.map((email) => ({ id: newId(), meeting_id: id, organisation_id: null, email, invited_by: actor.userId, created_at: now })),
    ]
    if (rows.length === 0) return 0
    await trx.insertInto('catalysis_meeting_invitations').values(rows).execute()
    // People with a verified account are notified (at their pace); other addresses get the e-mail alone.
    const users = newEmails.length > 0 ? await trx.selectFrom('users').select(['id', 'email']).where('email', 'in', newEmails).where('email_verified_at', 'is not', null).execute() : []
    const members = newOrgs.length > 0 ? await trx.selectFrom('memberships').select('user_id').where('organisation_id', 'in', newOrgs).execute() : []
    const withoutAccount = newEmails.filter((e) => !users.some((u) => u.email === e))
    await notifyMeetingInvitation(trx, m, organiserName, [...members.map((r) => r.user_id), ...users.map((u) => u.id)], withoutAccount, actor.userId)
    return rows.length
  })
}

/**
 * Publishes the minutes and decisions (compte rendu) of a meeting that has started (the organisers; before,
 * 409), and adds them to the journal of each linked alliance, as a « réunion » entry written for one of the
 * actor's partner organisations (the alliance's own rules apply: someone who is not a partner gets its 403 /
 * 404). Alliances already linked are not written twice.
 */
export async function publishMinutes(db: Db, actor: Actor, id: string, input: { minutes: string; decisions: string; allianceIds: string[] }): Promise<void> {
  const access = await loadMeetingAccess(db, actor, id)
  authorizeOrganise(actor, access)
  const m = access.meeting
  const problems: FieldProblem[] = []
  if (input.minutes.trim().length < 10) problems.push({ field: 'minutes', message: 'form.error.minLength', params: { min: 10 } })
  if (problems.length > 0) throw validationError(problems)
  if (m.starts_at > nowIso()) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.notHeldYet')
  await db
    .updateTable('catalysis_meetings')
    .set({ minutes: input.minutes.trim(), decisions: input.decisions.trim() || null, minutes_published_at: m.minutes_published_at ?? nowIso(), updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
  const linked = await db.selectFrom('catalysis_meeting_alliances').select('alliance_id').where('meeting_id', '=', id).execute()
  for (const allianceId of [...new Set(input.allianceIds)].filter((a) => !linked.some((l) => l.alliance_id === a))) {
    const partner = await db
      .selectFrom('alliance_partners')
      .select('organisation_id')
      .where('alliance_id', '=', allianceId)
      .where('status', '=', 'active')
      .where('organisation_id', 'in', [...actor.memberships.keys(), '-'])
      .orderBy('organisation_id')
      .executeTakeFirst()
    if (!partner || !isMemberOf(actor, partner.organisation_id)) throw validationError([{ field: 'alliance_ids', message: 'catalysis.error.allianceNotPartner' }])
    const body = [input.minutes.trim(), input.decisions.trim() ? `Décisions : ${input.decisions.trim()}` : ''].filter((p) => p !== '').join('\n\n')
    const entryId = await addJournalEntry(db, actor, allianceId, { organisationId: partner.organisation_id, kind: 'reunion', occurredOn: parisDayOf(m.starts_at), title: m.title, body })
    await db.insertInto('catalysis_meeting_alliances').values({ meeting_id: id, alliance_id: allianceId, journal_entry_id: entryId, created_at: nowIso() }).execute()
  }
}
