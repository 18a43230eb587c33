/**
 * JSON API of meetings (OpenAPI tag `catalysis`): the agenda page by page, one meeting with its schema.org
 * `Event`, creating, editing and cancelling, invitations, one's registration (seat or waiting list), the
 * registrations for the organisers, attendance, whom one met, the minutes, the feedback survey and the new
 * links. The pages' rights, checked before the body: an invitation-only meeting answers 404 to whoever may not
 * see it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../../core/errors.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams, pageMeta } from '../../../core/http/schemas.js'
import { findTerritoryById } from '../../territories/index.js'
import { authorizeAttend, authorizeOrganise, authorizeViewMeeting } from '../catalysis.policy.js'
import { Done, organisationRef, PAGE_TAGS, TAG } from '../catalysis.schemas.js'
import { launchFeedback } from './feedback.service.js'
import { authorizeEncounter, declareEncounter } from './follow-ups.service.js'
import { meetingJsonLd } from './jsonld.js'
import { loadMeetingAccess } from './meetings.access.js'
import { findMeetingDetails, meetingSeats, pageMeetings, pageRegistrations, visibleInvitationMeetings } from './meetings.queries.js'
import {
  AttendanceApiInput,
  EncounterApiInput,
  InvitationApiInput,
  MeetingAnswer,
  MeetingApiInput,
  meetingData,
  MeetingList,
  MeetingListQuery,
  MinutesApiInput,
  NewLinksSchema,
  presentMeeting,
  presentMeetingSummary,
  presentRegistrant,
  RegistrantList,
  RegistrationApiInput,
  RegistrationListQuery,
  RegistrationSchema,
} from './meetings.schemas.js'
import { cancelMeeting, createMeeting, inviteToMeeting, publishMinutes, updateMeeting } from './meetings.service.js'
import { newLinksOf } from './new-links.js'
import { cancelRegistration, register, registrationOf, takeAttendance } from './registrations.service.js'

export async function meetingApi(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db
  const meetingOf = async (request: FastifyRequest) => {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeViewMeeting(request.actor, access)
    return access
  }
  const organiserOf = async (request: FastifyRequest) => {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeOrganise(request.actor, access)
    return access
  }
  const attendeeOf = async (request: FastifyRequest) => {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeAttend(request.actor, access)
    return access
  }

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/meetings',
    public: true,
    operationId: 'listMeetings',
    tags: [TAG],
    summary: 'Meetings the caller may see (public ones, and invitation-only ones they are invited to), inside a territory or of a space, from an instant on',
    querystring: MeetingListQuery,
    response: { 200: MeetingList },
    handler: async (request) => {
      const q = request.query
      const territory = q.territory ? await findTerritoryById(db, q.territory) : undefined
      // an unknown territory matches nothing (never "every meeting")
      const perimeter = q.territory ? (territory ? [{ id: territory.id, kind: territory.kind }] : []) : undefined
      const actor = request.actor
      const visible = await visibleInvitationMeetings(db, { team: false, email: actor.email, organisationIds: [...actor.memberships.keys()], userId: actor.userId })
      const page = await pageMeetings(db, { ...(perimeter ? { perimeter } : {}), ...(q.space_id ? { spaceId: q.space_id } : {}), from: q.from ? new Date(q.from).toISOString() : new Date().toISOString(), alsoVisible: visible }, { page: q.page ?? 1, perPage: q.per_page ?? 50, order: 'asc' })
      return { data: page.rows.map(presentMeetingSummary), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/meetings/:id',
    public: true,
    operationId: 'getMeeting',
    tags: [TAG],
    summary: 'One meeting with its schema.org Event (an invitation-only meeting answers 404 to whoever may not see it)',
    params: IdParams,
    response: { 200: MeetingAnswer },
    authorize: meetingOf,
    handler: async (_request, _reply, access) => {
      const m = await findMeetingDetails(db, access.meeting.id)
      if (!m) throw notFound()
      return { data: presentMeeting(m, await meetingSeats(db, m.id)), event: meetingJsonLd(m, options.publicUrl) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/meetings',
    operationId: 'createMeeting',
    tags: [TAG],
    summary: 'Create a meeting for a space (its team) or an organisation (its members)',
    body: MeetingApiInput,
    formFields: [[/^quota_/, 'quotas'], [/^commune$/, 'commune_id']],
    response: { 201: Type.Object({ id: Id, href: Type.String() }, { description: 'Created' }) },
    errors: [403, 404],
    invalidates: [PAGE_TAGS.meetings],
    handler: async (request) => {
      const v = request.body
      const organiser = v.space_id ? { spaceId: v.space_id } : { organisationId: v.organisation_id ?? '' }
      const id = await createMeeting(db, request.actor, organiser, meetingData(v))
      return { id, href: `/rencontres/${id}` }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/meetings/:id',
    operationId: 'updateMeeting',
    tags: [TAG],
    summary: 'Edit a meeting (its organisers); the organiser stays. Seats added go to the waiting list in order of arrival',
    params: IdParams,
    body: MeetingApiInput,
    formFields: [[/^quota_/, 'quotas'], [/^commune$/, 'commune_id']],
    response: { 200: Done },
    errors: [409],
    invalidates: [PAGE_TAGS.meetings],
    authorize: organiserOf,
    handler: async (request, _reply, access) => {
      await updateMeeting(db, request.actor, access.meeting.id, meetingData(request.body))
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/meetings/:id/cancel',
    operationId: 'cancelMeeting',
    tags: [TAG],
    summary: 'Cancel a meeting that has not started (its organisers); registered and waiting people are notified',
    params: IdParams,
    response: { 200: Done },
    errors: [409],
    invalidates: [PAGE_TAGS.meetings],
    authorize: organiserOf,
    handler: async (request, _reply, access) => {
      await cancelMeeting(db, request.actor, access.meeting.id)
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/meetings/:id/invitations',
    operationId: 'inviteToMeeting',
    tags: [TAG],
    summary: 'Invite organisations and people by e-mail (the organisers); those already invited are skipped',
    params: IdParams,
    body: InvitationApiInput,
    response: { 201: Type.Object({ added: Type.Integer({ minimum: 0 }) }, { description: 'How many invitations were added' }) },
    invalidates: [],
    authorize: organiserOf,
    handler: async (request, _reply, access) => ({ added: await inviteToMeeting(db, request.actor, access.meeting.id, { organisationIds: request.body.organisation_ids ?? [], emails: request.body.emails ?? [] }) }),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/meetings/:id/registration',
    operationId: 'getMyRegistration',
    tags: [TAG],
    summary: 'The caller’s registration: seated, or waiting with its rank (404 when none)',
    params: IdParams,
    response: { 200: RegistrationSchema },
    authorize: attendeeOf,
    handler: async (request, _reply, access) => {
      const r = await registrationOf(db, request.actor, access.meeting.id)
      if (!r) throw notFound()
      return { id: r.id, status: r.status, position: r.position }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/meetings/:id/registration',
    operationId: 'register',
    tags: [TAG],
    summary: 'Register: a seat while there is one, else the waiting list in order of arrival (never more registrations than seats)',
    params: IdParams,
    body: RegistrationApiInput,
    response: { 201: RegistrationSchema },
    errors: [409],
    // seats are shown on pages the page cache does not keep
    invalidates: [],
    authorize: attendeeOf,
    handler: async (request, _reply, access) => register(db, request.actor, access.meeting.id, { organisationId: request.body.organisation_id ?? null }),
  })

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/meetings/:id/registration',
    operationId: 'cancelRegistration',
    tags: [TAG],
    summary: 'Cancel one’s registration (or leave the waiting list); the first person waiting gets the seat',
    params: IdParams,
    response: { 204: Type.Null({ description: 'Cancelled' }) },
    errors: [409],
    invalidates: [],
    authorize: attendeeOf,
    handler: async (request, reply, access) => {
      await cancelRegistration(db, request.actor, access.meeting.id)
      return reply.status(204).send()
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/meetings/:id/registrations',
    operationId: 'listRegistrations',
    tags: [TAG],
    summary: 'The registrations, seated first then the waiting list, in order of arrival (the organisers)',
    params: IdParams,
    querystring: RegistrationListQuery,
    response: { 200: RegistrantList },
    authorize: organiserOf,
    handler: async (request, _reply, access) => {
      const page = await pageRegistrations(db, access.meeting.id, request.query.page ?? 1, request.query.per_page ?? 100)
      return { data: page.rows.map(presentRegistrant), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/meetings/:id/attendance',
    operationId: 'takeAttendance',
    tags: [TAG],
    summary: 'Take attendance (the organisers): the registrations present; the other seated people are absent',
    params: IdParams,
    body: AttendanceApiInput,
    response: { 200: Type.Object({ present: Type.Integer({ minimum: 0 }) }, { description: 'How many are present' }) },
    invalidates: [],
    authorize: organiserOf,
    handler: async (request, _reply, access) => ({ present: await takeAttendance(db, request.actor, access.meeting.id, request.body.present) }),
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/meetings/:id/encounters',
    operationId: 'declareEncounter',
    tags: [TAG],
    summary: 'Say whom one met (a seated participant or an organiser), and send a consented follow-up request (mise en relation)',
    params: IdParams,
    body: EncounterApiInput,
    response: { 201: Type.Object({ contact_request_id: Type.Union([Id, Type.Null()]) }, { description: 'Recorded (with the connection request sent, if any)' }) },
    errors: [409],
    invalidates: [],
    authorize: (request) => authorizeEncounter(db, request.actor, paramId(request)),
    handler: async (request, _reply, access) => {
      const v = request.body
      const followUp = v.follow_up ? { needId: v.follow_up.need_id, resourceId: v.follow_up.resource_id, message: v.follow_up.message } : null
      return { contact_request_id: await declareEncounter(db, request.actor, access.meeting.id, { organisationId: v.organisation_id, metOrganisationId: v.met_organisation_id, followUp }, options.publicUrl) }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/meetings/:id/minutes',
    operationId: 'publishMinutes',
    tags: [TAG],
    summary: 'Publish the minutes and decisions of a held meeting, and add them to the journal of linked alliances',
    params: IdParams,
    body: MinutesApiInput,
    response: { 200: Done },
    errors: [409],
    invalidates: [PAGE_TAGS.meetings],
    authorize: organiserOf,
    handler: async (request, _reply, access) => {
      const v = request.body
      await publishMinutes(db, request.actor, access.meeting.id, { minutes: v.minutes, decisions: v.decisions ?? '', allianceIds: v.alliance_ids ?? [] })
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/meetings/:id/feedback-survey',
    operationId: 'launchFeedbackSurvey',
    tags: [TAG],
    summary: 'Create the feedback survey of a held meeting (the organisers); seated participants are notified',
    params: IdParams,
    response: { 201: Type.Object({ campaign_id: Id }, { description: 'The survey campaign' }) },
    errors: [409],
    invalidates: [],
    authorize: organiserOf,
    handler: async (request, _reply, access) => ({ campaign_id: await launchFeedback(db, request.actor, access.meeting.id) }),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/meetings/:id/new-links',
    public: true,
    operationId: 'getMeetingNewLinks',
    tags: [TAG],
    summary: 'The new links a meeting created: organisations, links before, new cross-world pairs and what followed',
    params: IdParams,
    response: { 200: NewLinksSchema },
    authorize: meetingOf,
    handler: async (_request, _reply, access) => {
      const f = await newLinksOf(db, [access.meeting.id])
      return {
        nodes: f.nodes.map(organisationRef),
        before: f.before,
        met: f.met,
        new_links: f.newLinks.map((l) => ({ a: l.a, b: l.b, met_at: l.metAt, connection: l.connection, alliances: l.alliances })),
      }
    },
  })
}
