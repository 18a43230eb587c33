/**
 * Pages of meetings once they take place: attendance (a printable list, checkboxes on a phone), "whom I met"
 * with its consented follow-up (a mise en relation of listening), the minutes and decisions (and the journal
 * of linked alliances), the feedback survey, and the new links the meeting created. Rights before input.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId } from '../../../core/http/routes.js'
import { IdParams } from '../../../core/http/schemas.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import type { FormState } from '../../../core/views/forms.js'
import { authorizeOrganise, authorizeViewMeeting, type MeetingAccess } from '../catalysis.policy.js'
import { PAGE_TAGS } from '../catalysis.schemas.js'
import { NewLinksPage } from '../views/NewLinksPage.js'
import { launchFeedback } from './feedback.service.js'
import { authorizeEncounter, declareEncounter, encountersOf, followUpSubjects } from './follow-ups.service.js'
import { loadMeetingAccess } from './meetings.access.js'
import { findMeetingDetails, listRegistrations, participatingOrganisations } from './meetings.queries.js'
import { AttendanceForm, EncounterForm, EncounterQuery, MinutesForm } from './meetings.schemas.js'
import { publishMinutes } from './meetings.service.js'
import { newLinksOf } from './new-links.js'
import { takeAttendance } from './registrations.service.js'
import { AttendancePage, FollowUpPage, MinutesPage } from './views/MeetingForms.js'

const EMPTY: FormState = { values: {}, errors: [] }

export async function meetingAfterPages(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
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
  const details = async (access: MeetingAccess) => {
    const meeting = await findMeetingDetails(db, access.meeting.id)
    if (!meeting) throw notFound()
    return meeting
  }

  // --- attendance -------------------------------------------------------------------------------------

  async function renderAttendance(_request: FastifyRequest, reply: FastifyReply, access: MeetingAccess, state: FormState, status: number) {
    const [meeting, registrations] = await Promise.all([details(access), listRegistrations(db, access.meeting.id)])
    return reply.page(<AttendancePage meeting={meeting} registrations={registrations} state={state} />, status)
  }
  pageRoute(app, { url: '/rencontres/:id/presences', params: IdParams, authorize: organiserOf, handler: async (request, reply, access) => renderAttendance(request, reply, access, EMPTY, 200) })
  formRoute(app, {
    url: '/rencontres/:id/presences',
    params: IdParams,
    body: AttendanceForm,
    invalidates: [],
    authorize: organiserOf,
    render: renderAttendance,
    handler: async (request, reply, access) => {
      const present = await takeAttendance(db, request.actor, access.meeting.id, request.body.present)
      return done(reply, `/rencontres/${access.meeting.id}/presences`, { kind: 'success', message: 'catalysis.attendance.saved', params: { count: present } })
    },
  })

  // --- whom I met -------------------------------------------------------------------------------------

  async function renderFollowUp(request: FastifyRequest, reply: FastifyReply, access: MeetingAccess, state: FormState, status: number) {
    const meeting = await details(access)
    const mineIds = [...request.actor.memberships.keys()]
    const participants = await participatingOrganisations(db, meeting.id)
    const mine = mineIds.length ? (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', mineIds).orderBy('search_name').execute()).map((o) => ({ value: o.id, label: o.name })) : []
    // the two organisations chosen: from the page's query (first step, put in the state by the page), or posted
    const chosenIds = state.values
    const organisationId = typeof chosenIds.organisation_id === 'string' && mineIds.includes(chosenIds.organisation_id) ? chosenIds.organisation_id : null
    const metId = typeof chosenIds.met_organisation_id === 'string' && participants.some((p) => p.id === chosenIds.met_organisation_id) ? chosenIds.met_organisation_id : null
    const chosen = organisationId && metId && organisationId !== metId ? { organisationId, metId } : null
    const subjects = chosen ? await followUpSubjects(db, chosen.organisationId, chosen.metId) : []
    const names = new Map(participants.map((p) => [p.id, p.name]))
    const declared = (await encountersOf(db, meeting.id, mineIds)).map((e) => ({ label: `${names.get(e.organisation_a_id) ?? ''} — ${names.get(e.organisation_b_id) ?? ''}`, requestId: mineIds.length ? e.contact_request_id : null }))
    return reply.page(<FollowUpPage meeting={meeting} mine={mine} participants={participants.filter((p) => !mineIds.includes(p.id)).map((p) => ({ value: p.id, label: p.name }))} chosen={chosen} subjects={subjects} declared={declared} state={state} />, status)
  }
  pageRoute(app, {
    url: '/rencontres/:id/suites',
    params: IdParams,
    querystring: lenient(EncounterQuery),
    authorize: meetingOf,
    handler: async (request, reply, access) => {
      const { organisation_id, met_organisation_id } = request.query
      const values = { ...(organisation_id ? { organisation_id } : {}), ...(met_organisation_id ? { met_organisation_id } : {}) }
      return renderFollowUp(request, reply, access, { values, errors: queryProblems(request.query) }, 200)
    },
  })
  formRoute(app, {
    url: '/rencontres/:id/suites',
    params: IdParams,
    body: EncounterForm,
    // encounters and connection requests are shown to the people concerned only
    invalidates: [],
    // a seated participant or an organiser (403 for the others who see the meeting)
    authorize: (request) => authorizeEncounter(db, request.actor, paramId(request)),
    render: renderFollowUp,
    handler: async (request, reply, access) => {
      const v = request.body
      const [needId, resourceId] = v.subject ? (v.subject.split(':') as [string, string]) : [null, null]
      const followUp = needId && resourceId ? { needId, resourceId, message: v.message ?? '' } : null
      const requestId = await declareEncounter(db, request.actor, access.meeting.id, { organisationId: v.organisation_id, metOrganisationId: v.met_organisation_id, followUp }, options.publicUrl)
      return done(reply, `/rencontres/${access.meeting.id}/suites`, { kind: 'success', message: requestId ? 'catalysis.followUp.sent' : 'catalysis.followUp.recorded' })
    },
  })

  // --- minutes, feedback, new links -------------------------------------------------------------------

  async function renderMinutes(request: FastifyRequest, reply: FastifyReply, access: MeetingAccess, state: FormState, status: number) {
    const meeting = await details(access)
    const mine = [...request.actor.memberships.keys()]
    const alliances = mine.length
      ? await db.selectFrom('alliance_partners').innerJoin('alliances', 'alliances.id', 'alliance_partners.alliance_id').select(['alliances.id', 'alliances.name']).distinct().where('alliance_partners.organisation_id', 'in', mine).where('alliance_partners.status', '=', 'active').orderBy('alliances.name').execute()
      : []
    return reply.page(<MinutesPage meeting={meeting} alliances={alliances.map((a) => ({ value: a.id, label: a.name }))} state={state} />, status)
  }
  pageRoute(app, {
    url: '/rencontres/:id/compte-rendu',
    params: IdParams,
    authorize: organiserOf,
    handler: async (request, reply, access) => renderMinutes(request, reply, access, { values: { minutes: access.meeting.minutes ?? '', decisions: access.meeting.decisions ?? '' }, errors: [] }, 200),
  })
  formRoute(app, {
    url: '/rencontres/:id/compte-rendu',
    params: IdParams,
    body: MinutesForm,
    // the minutes may reach the public journal of linked alliances (a cached page)
    invalidates: [PAGE_TAGS.meetings],
    authorize: organiserOf,
    render: renderMinutes,
    handler: async (request, reply, access) => {
      const v = request.body
      await publishMinutes(db, request.actor, access.meeting.id, { minutes: v.minutes, decisions: v.decisions ?? '', allianceIds: v.alliance_ids })
      return done(reply, `/rencontres/${access.meeting.id}#apres`, { kind: 'success', message: 'catalysis.minutes.published' })
    },
  })

  formRoute(app, {
    url: '/rencontres/:id/questionnaire',
    params: IdParams,
    body: Type.Object({}),
    invalidates: [],
    authorize: organiserOf,
    render: async (request, reply, access, state, status) => renderMinutes(request, reply, access, state, status),
    handler: async (request, reply, access) => {
      await launchFeedback(db, request.actor, access.meeting.id)
      return done(reply, `/rencontres/${access.meeting.id}#apres`, { kind: 'success', message: 'catalysis.feedback.launched' })
    },
  })

  pageRoute(app, {
    url: '/rencontres/:id/liens',
    public: true,
    params: IdParams,
    authorize: meetingOf,
    handler: async (_request, reply, access) => {
      const figure = await newLinksOf(db, [access.meeting.id])
      return reply.page(<NewLinksPage title={access.meeting.title} back={{ label: access.meeting.title, href: `/rencontres/${access.meeting.id}` }} figure={figure} meetings={null} />)
    },
  })
}
