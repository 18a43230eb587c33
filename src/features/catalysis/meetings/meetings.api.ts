/** API of meetings: agenda, one meeting, writes, registration, invitations, attendance, encounters, minutes, feedback, new links. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { paramId } from '../../../core/http/forms.js'
import { findTerritoryById } from '../../territories/index.js'
import { IdParams, Nullable, Ok, Problem, TAG, WRITE_ERRORS } from '../api.common.js'
import { authorizeAttend, authorizeOrganise, authorizeViewMeeting } from '../catalysis.policy.js'
import { isoToParisLocal } from '../paris-time.js'
import { launchFeedback } from './feedback.service.js'
import { authorizeEncounter, declareEncounter } from './follow-ups.service.js'
import { meetingJsonLd } from './jsonld.js'
import { loadMeetingAccess } from './meetings.access.js'
import { findMeetingDetails, listMeetings, listRegistrations, meetingSeats, visibleInvitationMeetings, type MeetingDetails } from './meetings.queries.js'
import { ApiMeetingsQuery, AttendanceApiInput, EncounterApiInput, InvitationApiInput, MeetingApiInput, MinutesApiInput, type MeetingApiInputT } from './meetings.schemas.js'
import { cancelMeeting, createMeeting, inviteToMeeting, publishMinutes, updateMeeting, type MeetingData } from './meetings.service.js'
import { newLinksOf } from './new-links.js'
import { cancelRegistration, register, registrationOf, takeAttendance } from './registrations.service.js'

const MeetingSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  starts_at: Type.String({ description: 'Instant, ISO-8601 UTC' }),
  ends_at: Type.String(),
  starts_local: Type.String({ description: 'Local date-time in Europe/Paris' }),
  ends_local: Type.String(),
  place_id: Nullable(Type.String()),
  address: Nullable(Type.String()),
  territory_id: Type.String(),
  online_url: Nullable(Type.String()),
  space_id: Nullable(Type.String()),
  organisation_id: Type.String(),
  dialogue_id: Nullable(Type.String()),
  visibility: Type.String(),
  status: Type.String({ description: '`prevue` or `annulee`' }),
  capacity: Type.Integer(),
  registered: Type.Integer(),
  waiting: Type.Integer(),
  present: Type.Integer(),
  seats: Type.Array(Type.Object({ bucket: Type.String({ description: 'A world with a quota, or `*` (open seats)' }), seats: Type.Integer(), taken: Type.Integer() })),
  minutes: Nullable(Type.String()),
  decisions: Nullable(Type.String()),
  feedback_campaign_id: Nullable(Type.String()),
  href: Type.String(),
  ics: Type.String(),
})

function present(m: MeetingDetails, seats: Array<{ bucket: string; seats: number; taken: number }>) {
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    description: m.description,
    starts_at: m.starts_at,
    ends_at: m.ends_at,
    starts_local: isoToParisLocal(m.starts_at),
    ends_local: isoToParisLocal(m.ends_at),
    place_id: m.place_id,
    address: m.address,
    territory_id: m.territory_id,
    online_url: m.online_url,
    space_id: m.space_id,
    organisation_id: m.organisation_id,
    dialogue_id: m.dialogue_id,
    visibility: m.visibility,
    status: m.status,
    capacity: m.capacity,
    registered: m.registered_count,
    waiting: m.waiting_count,
    present: m.present_count,
    seats,
    minutes: m.minutes,
    decisions: m.decisions,
    feedback_campaign_id: m.feedback_campaign_id,
    href: `/rencontres/${m.id}`,
    ics: `/rencontres/${m.id}/calendrier.ics`,
  }
}

function meetingData(v: MeetingApiInputT): MeetingData {
  return {
    title: v.title,
    kind: v.kind,
    description: v.description ?? '',
    startsLocal: v.starts_at,
    endsLocal: v.ends_at,
    placeId: v.place_id ?? null,
    address: v.address ?? null,
    communeId: v.commune_id ?? null,
    onlineUrl: v.online_url ?? null,
    visibility: v.visibility,
    capacity: v.capacity,
    quotas: v.quotas ?? {},
    dialogueId: v.dialogue_id ?? null,
  }
}

export async function meetingApi(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db
  const view = async (request: FastifyRequest) => authorizeViewMeeting(request.actor, await loadMeetingAccess(db, request.actor, paramId(request)))
  const organise = async (request: FastifyRequest) => authorizeOrganise(request.actor, await loadMeetingAccess(db, request.actor, paramId(request)))
  const attend = async (request: FastifyRequest) => {
    authorizeAttend(request.actor, await loadMeetingAccess(db, request.actor, paramId(request)))
  }

  app.get('/api/v1/meetings', { config: { public: true }, schema: { operationId: 'listMeetings', tags: [TAG], summary: 'Upcoming meetings the caller may see, inside a territory or of a space', querystring: ApiMeetingsQuery } }, async (request) => {
    const q = request.query as { territory?: string; space_id?: string; from?: string; limit?: number }
    const territory = q.territory ? await findTerritoryById(db, q.territory) : undefined
    const actor = request.actor
    const visible = await visibleInvitationMeetings(db, { team: false, email: actor.email, organisationIds: [...actor.memberships.keys()], userId: actor.userId })
    const rows = await listMeetings(db, { ...(territory ? { perimeter: [{ id: territory.id, kind: territory.kind }] } : {}), ...(q.space_id ? { spaceId: q.space_id } : {}), from: q.from ?? new Date().toISOString(), alsoVisible: visible }, { limit: q.limit ?? 100, order: 'asc' })
    return { data: rows.map((m) => ({ id: m.id, title: m.title, kind: m.kind, starts_at: m.starts_at, ends_at: m.ends_at, visibility: m.visibility, status: m.status, capacity: m.capacity, registered: m.registered_count, waiting: m.waiting_count, href: `/rencontres/${m.id}` })) }
  })

  app.get('/api/v1/meetings/:id', { config: { public: true }, preValidation: view, schema: { operationId: 'getMeeting', tags: [TAG], summary: 'One meeting (invitation-only meetings answer 404 to others), with its schema.org Event', params: IdParams, response: { 200: Type.Object({ data: MeetingSchema, event: Type.Record(Type.String(), Type.Unknown()) }), 404: Problem } } }, async (request) => {
    const m = (await findMeetingDetails(db, paramId(request)))!
    return { data: present(m, await meetingSeats(db, m.id)), event: meetingJsonLd(m, options.publicUrl) }
  })

  app.post('/api/v1/meetings', { schema: { operationId: 'createMeeting', tags: [TAG], summary: 'Create a meeting for a space (its team) or an organisation (its members)', body: MeetingApiInput, response: { 201: Type.Object({ id: Type.String(), href: Type.String() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    const v = request.body as MeetingApiInputT
    const organiser = v.space_id ? { spaceId: v.space_id } : { organisationId: v.organisation_id ?? '00000000-0000-0000-0000-000000000000' }
    const id = await createMeeting(db, request.actor, organiser, meetingData(v))
    return reply.status(201).send({ id, href: `/rencontres/${id}` })
  })

  app.put('/api/v1/meetings/:id', { preValidation: organise, schema: { operationId: 'updateMeeting', tags: [TAG], summary: 'Edit a meeting (its organisers); the organiser stays', params: IdParams, body: MeetingApiInput, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    await updateMeeting(db, request.actor, paramId(request), meetingData(request.body as MeetingApiInputT), options.publicUrl)
    return { ok: true }
  })

  app.post('/api/v1/meetings/:id/cancel', { preValidation: organise, schema: { operationId: 'cancelMeeting', tags: [TAG], summary: 'Cancel a meeting (its organisers); registered people are told', params: IdParams, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    await cancelMeeting(db, request.actor, paramId(request), options.publicUrl)
    return { ok: true }
  })

  app.post('/api/v1/meetings/:id/invitations', { preValidation: organise, schema: { operationId: 'inviteToMeeting', tags: [TAG], summary: 'Invite organisations and people by e-mail (the organisers)', params: IdParams, body: InvitationApiInput, response: { 201: Type.Object({ added: Type.Integer() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    const v = request.body as { organisation_ids?: string[]; emails?: string[] }
    const added = await inviteToMeeting(db, request.actor, paramId(request), { organisationIds: v.organisation_ids ?? [], emails: v.emails ?? [] }, options.publicUrl)
    return reply.status(201).send({ added })
  })

  const RegistrationSchema = Type.Object({ id: Type.String(), status: Type.String({ description: '`inscrit` (seated) or `attente` (waiting list)' }), position: Nullable(Type.Integer({ description: 'Rank in the waiting list' })) })
  app.get('/api/v1/meetings/:id/registration', { preValidation: attend, schema: { operationId: 'getMyRegistration', tags: [TAG], summary: 'The caller’s registration (404 when none)', params: IdParams, response: { 200: RegistrationSchema, ...WRITE_ERRORS } } }, async (request, reply) => {
    const r = await registrationOf(db, request.actor, paramId(request))
    if (!r) return reply.callNotFound()
    return { id: r.id, status: r.status, position: r.position }
  })
  app.post('/api/v1/meetings/:id/registration', { preValidation: attend, schema: { operationId: 'register', tags: [TAG], summary: 'Register (a seat, or the waiting list in order of arrival)', params: IdParams, body: Type.Object({ organisation_id: Type.Optional(Nullable(Type.String())) }, { additionalProperties: false }), response: { 201: RegistrationSchema, ...WRITE_ERRORS } } }, async (request, reply) => {
    const r = await register(db, request.actor, paramId(request), { organisationId: (request.body as { organisation_id?: string | null }).organisation_id ?? null })
    return reply.status(201).send(r)
  })
  app.delete('/api/v1/meetings/:id/registration', { preValidation: attend, schema: { operationId: 'cancelRegistration', tags: [TAG], summary: 'Cancel one’s registration; the first person waiting gets the seat', params: IdParams, response: { 204: Type.Null(), ...WRITE_ERRORS } } }, async (request, reply) => {
    await cancelRegistration(db, request.actor, paramId(request), options.publicUrl)
    return reply.status(204).send()
  })

  app.get('/api/v1/meetings/:id/registrations', { preValidation: organise, schema: { operationId: 'listRegistrations', tags: [TAG], summary: 'The registrations and waiting list (the organisers)', params: IdParams, response: { 200: Type.Object({ data: Type.Array(Type.Object({ id: Type.String(), display_name: Type.String(), organisation_id: Nullable(Type.String()), organisation_name: Nullable(Type.String()), world: Nullable(Type.String()), status: Type.String(), arrival: Type.Integer(), attended: Nullable(Type.Integer()) })) }), ...WRITE_ERRORS } } }, async (request) => {
    return { data: await listRegistrations(db, paramId(request)) }
  })

  app.put('/api/v1/meetings/:id/attendance', { preValidation: organise, schema: { operationId: 'takeAttendance', tags: [TAG], summary: 'Take attendance (the organisers)', params: IdParams, body: AttendanceApiInput, response: { 200: Type.Object({ present: Type.Integer() }), ...WRITE_ERRORS } } }, async (request) => {
    return { present: await takeAttendance(db, request.actor, paramId(request), (request.body as { present: string[] }).present) }
  })

  app.post('/api/v1/meetings/:id/encounters', { preValidation: async (request) => void (await authorizeEncounter(db, request.actor, paramId(request))), schema: { operationId: 'declareEncounter', tags: [TAG], summary: 'Say whom one met, and send a consented follow-up request (mise en relation)', params: IdParams, body: EncounterApiInput, response: { 201: Type.Object({ contact_request_id: Nullable(Type.String()) }), ...WRITE_ERRORS } } }, async (request, reply) => {
    const v = request.body as { organisation_id: string; met_organisation_id: string; follow_up?: { need_id: string; resource_id: string; message: string } }
    const id = await declareEncounter(db, request.actor, paramId(request), { organisationId: v.organisation_id, metOrganisationId: v.met_organisation_id, followUp: v.follow_up ? { needId: v.follow_up.need_id, resourceId: v.follow_up.resource_id, message: v.follow_up.message } : null }, options.publicUrl)
    return reply.status(201).send({ contact_request_id: id })
  })

  app.put('/api/v1/meetings/:id/minutes', { preValidation: organise, schema: { operationId: 'publishMinutes', tags: [TAG], summary: 'Publish the minutes and decisions, and add them to linked alliances’ journals', params: IdParams, body: MinutesApiInput, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    const v = request.body as { minutes: string; decisions?: string; alliance_ids?: string[] }
    await publishMinutes(db, request.actor, paramId(request), { minutes: v.minutes, decisions: v.decisions ?? '', allianceIds: v.alliance_ids ?? [] })
    return { ok: true }
  })

  app.post('/api/v1/meetings/:id/feedback-survey', { preValidation: organise, schema: { operationId: 'launchFeedbackSurvey', tags: [TAG], summary: 'Create the feedback survey of a held meeting (the organisers)', params: IdParams, response: { 201: Type.Object({ campaign_id: Type.String() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    return reply.status(201).send({ campaign_id: await launchFeedback(db, request.actor, paramId(request), options.publicUrl) })
  })

  app.get('/api/v1/meetings/:id/new-links', { config: { public: true }, preValidation: view, schema: { operationId: 'getMeetingNewLinks', tags: [TAG], summary: 'The new links a meeting created: organisations, links before, new cross-world pairs and what followed', params: IdParams, response: { 404: Problem } } }, async (request) => {
    const f = await newLinksOf(db, [paramId(request)])
    return { nodes: f.nodes, before: f.before, met: f.met, new_links: f.newLinks.map((l) => ({ a: l.a, b: l.b, met_at: l.metAt, connection: l.connection, alliances: l.alliances })) }
  })
}
