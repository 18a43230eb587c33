/**
 * Pages of meetings: the agenda, creating and editing a meeting, its page (JSON-LD, registration), its
 * calendar file, cancelling, invitations, attendance, "whom I met", the minutes, the feedback survey and the
 * new links; and the calendar feed of a territory. Handlers parse, then call the services.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formValuesOf, paramId, parseForm, withFieldErrors } from '../../../core/http/forms.js'
import type { FormState } from '../../../core/views/forms.js'
import { listOrganisations } from '../../organisations/index.js'
import { findTerritory, resolvePlaceFilter, type TerritoryKind } from '../../territories/index.js'
import { authorizeOrganise, authorizeSpaceTeam, authorizeViewMeeting, isOrganiser } from '../catalysis.policy.js'
import { isoToParisLocal } from '../paris-time.js'
import { placesInPerimeter, placesOfOrganisations } from '../places/places.queries.js'
import { spaceTerritories } from '../spaces/spaces.queries.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { resolveTerritoryText } from '../territory-scope.js'
import { NewLinksPage } from '../views/NewLinksPage.js'
import { launchFeedback } from './feedback.service.js'
import { authorizeEncounter, declareEncounter, encountersOf, followUpSubjects } from './follow-ups.service.js'
import { meetingsCalendar } from './ical.js'
import { jsonLdText, meetingJsonLd } from './jsonld.js'
import { loadMeetingAccess } from './meetings.access.js'
import { findMeetingDetails, icalRowOf, icalRows, listMeetings, listRegistrations, meetingSeats, participatingOrganisations, visibleInvitationMeetings } from './meetings.queries.js'
import { AgendaQuery, AttendanceForm, EncounterForm, InvitationForm, InvitationSearch, MeetingForm, MinutesForm, quotasOf, RegistrationForm, type MeetingFormT } from './meetings.schemas.js'
import { cancelMeeting, createMeeting, inviteToMeeting, publishMinutes, updateMeeting, type MeetingData } from './meetings.service.js'
import { feedsOf } from './feeds.js'
import { meetingsVersion } from '../summaries.js'
import { newLinksOf } from './new-links.js'
import { cancelRegistration, register, registrationOf, takeAttendance } from './registrations.service.js'
import { Agenda } from './views/Agenda.js'
import { AttendancePage, FollowUpPage, InvitationsPage, MeetingFormPage, MinutesPage } from './views/MeetingForms.js'
import { MeetingPage } from './views/MeetingPage.js'

const FEED_LIMIT = 5000

export async function meetingPages(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db

  app.get('/rencontres', { config: { public: true } }, async (request, reply) => {
    const parsed = parseForm(AgendaQuery, request.query)
    const q = parsed.ok ? parsed.value : {}
    const filter = await resolvePlaceFilter(db, { territoire: q.territoire, lieu: q.lieu })
    const past = q.passees === 'oui'
    const now = new Date().toISOString()
    const actor = request.actor
    const visible = await visibleInvitationMeetings(db, { team: false, email: actor.email, organisationIds: [...actor.memberships.keys()], userId: actor.userId })
    const meetings = await listMeetings(db, { ...(filter.territory ? { perimeter: [{ id: filter.territory.id, kind: filter.territory.kind }] } : {}), ...(past ? { to: now } : { from: now }), alsoVisible: visible }, { limit: 100, order: past ? 'desc' : 'asc' })
    return reply.page(<Agenda meetings={meetings} filter={filter} past={past} values={{ lieu: q.lieu ?? '' }} signedIn={actor.userId !== null} />)
  })

  app.get('/rencontres/territoires/:kind/:code/calendrier.ics', { config: { public: true } }, async (request, reply) => {
    const { kind, code } = request.params as { kind: string; code: string }
    const territory = ['commune', 'epci', 'ept', 'departement', 'region'].includes(kind) ? await findTerritory(db, kind as TerritoryKind, code) : undefined
    if (!territory) return reply.callNotFound()
    // the feed holds the public meetings of the last year and to come; rebuilt when a meeting changes or daily
    const from = new Date(Date.now() - 365 * 86400_000).toISOString().slice(0, 10)
    const version = `${await meetingsVersion(db)}:${from}`
    const text = await feedsOf(db).get(`territory:${territory.id}`, version, async () => meetingsCalendar(`Rencontres — ${territory.name}`, await icalRows(db, { perimeter: [{ id: territory.id, kind: territory.kind }], from }, FEED_LIMIT), options.publicUrl))
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'public, max-age=300').send(text)
  })

  // --- creating and editing ---------------------------------------------------------------------------

  async function formView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const actor = request.actor
    const editingId = (request.params as { id?: string }).id
    const editing = editingId ? await loadMeetingAccess(db, actor, paramId(request)) : null
    if (editing) authorizeOrganise(actor, editing)
    const body = (state?.values ?? {}) as Record<string, unknown>
    const query = (request.query ?? {}) as Record<string, unknown>
    const spaceId = editing?.meeting.space_id ?? (typeof body.space_id === 'string' ? body.space_id : typeof query.espace === 'string' ? query.espace : undefined)
    const space = spaceId ? await loadSpace(db, /^[0-9a-f-]{36}$/.test(spaceId) ? spaceId : '00000000-0000-0000-0000-000000000000') : null
    if (space && !editing) authorizeSpaceTeam(actor, space)
    const mine = [...actor.memberships.keys()]
    const organisations = mine.length ? (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', mine).orderBy('search_name').execute()).map((o) => ({ value: o.id, label: o.name })) : []
    const perimeter = space ? (await spaceTerritories(db, space.space.id)).map((t) => ({ id: t.id, kind: t.kind })) : []
    const places = [...(await placesOfOrganisations(db, mine)).map((p) => ({ value: p.id, label: `${p.name} (${p.commune_name})` }))]
    for (const p of space ? (await placesInPerimeter(db, perimeter, 100)).rows : []) if (!places.some((x) => x.value === p.id)) places.push({ value: p.id, label: `${p.name} (${p.commune_name})` })
    const dialogues = space ? (await db.selectFrom('catalysis_dialogues').select(['id', 'title']).where('space_id', '=', space.space.id).where('status', '=', 'en_cours').execute()).map((d) => ({ value: d.id, label: d.title })) : []
    let initial: FormState = { values: { visibility: 'public', kind: 'rencontre', capacity: '30' }, errors: [] }
    if (editing) {
      const m = editing.meeting
      const seats = await meetingSeats(db, m.id)
      const commune = m.address ? await db.selectFrom('territories').select('name').where('id', '=', m.territory_id).executeTakeFirst() : undefined
      initial = {
        values: {
          title: m.title,
          kind: m.kind,
          description: m.description,
          starts_at: isoToParisLocal(m.starts_at),
          ends_at: isoToParisLocal(m.ends_at),
          place_id: m.place_id ?? '',
          address: m.address ?? '',
          commune: commune ? m.territory_id : '',
          online_url: m.online_url ?? '',
          visibility: m.visibility,
          capacity: String(m.capacity),
          dialogue_id: m.dialogue_id ?? '',
          ...Object.fromEntries(seats.filter((s) => s.bucket !== '*').map((s) => [`quota_${s.bucket}`, String(s.seats)])),
        },
        errors: [],
      }
    }
    const action = editing ? `/rencontres/${editing.meeting.id}/modifier` : '/rencontres/nouvelle'
    return reply.page(
      <MeetingFormPage action={action} state={state ?? initial} meeting={editing ? editing.meeting : null} organiser={{ space: space ? { id: space.space.id, name: space.space.name } : undefined, organisations }} places={places} dialogues={dialogues} />,
      status,
    )
  }

  async function meetingDataOf(v: MeetingFormT, values: Record<string, unknown>) {
    const communeText = typeof values.commune === 'string' ? values.commune.trim() : ''
    const commune = communeText ? await resolveTerritoryText(db, communeText, 'commune') : { ids: [], problem: null }
    const data: MeetingData = {
      title: v.title,
      kind: v.kind,
      description: v.description ?? '',
      startsLocal: v.starts_at,
      endsLocal: v.ends_at,
      placeId: v.place_id ?? null,
      address: v.address ?? null,
      communeId: commune.ids[0] ?? (communeText && !commune.problem ? communeText : null),
      onlineUrl: v.online_url ?? null,
      visibility: v.visibility,
      capacity: v.capacity,
      quotas: quotasOf(v as unknown as Record<string, unknown>),
      dialogueId: v.dialogue_id ?? null,
    }
    return { data, problems: commune.problem ? [{ ...commune.problem, message: 'catalysis.error.communeUnknown', params: { q: communeText } }] : [] }
  }

  app.get('/rencontres/nouvelle', async (request, reply) => formView(request, reply, null))
  app.post('/rencontres/nouvelle', async (request, reply) => {
    const values = formValuesOf(request.body)
    const parsed = parseForm(MeetingForm, request.body)
    if (!parsed.ok) return formView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const { data, problems } = await meetingDataOf(v, request.body as Record<string, unknown>)
    const organiser = v.space_id ? { spaceId: v.space_id } : { organisationId: v.organisation_id ?? '00000000-0000-0000-0000-000000000000' }
    const result = await withFieldErrors(() => createMeeting(db, request.actor, organiser, data, problems))
    if (!result.ok) return formView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.meeting.created' })
    return reply.redirect(`/rencontres/${result.value}`, 303)
  })

  app.get('/rencontres/:id/modifier', async (request, reply) => formView(request, reply, null))
  app.post('/rencontres/:id/modifier', async (request, reply) => {
    const id = paramId(request)
    authorizeOrganise(request.actor, await loadMeetingAccess(db, request.actor, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(MeetingForm, request.body)
    if (!parsed.ok) return formView(request, reply, { values, errors: parsed.errors }, 400)
    const { data, problems } = await meetingDataOf(parsed.value, request.body as Record<string, unknown>)
    const result = await withFieldErrors(() => updateMeeting(db, request.actor, id, data, options.publicUrl, problems))
    if (!result.ok) return formView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.saved' })
    return reply.redirect(`/rencontres/${id}`, 303)
  })

  // --- the meeting page and registration ------------------------------------------------------------

  async function pageView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeViewMeeting(request.actor, access)
    const id = access.meeting.id
    const mine = [...request.actor.memberships.keys()]
    const [meeting, seats, registration, organisations, linked] = await Promise.all([
      findMeetingDetails(db, id),
      meetingSeats(db, id),
      registrationOf(db, request.actor, id),
      mine.length ? db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', mine).orderBy('search_name').execute() : Promise.resolve([]),
      db.selectFrom('catalysis_meeting_alliances').innerJoin('alliances', 'alliances.id', 'catalysis_meeting_alliances.alliance_id').select(['alliances.id', 'alliances.name']).where('catalysis_meeting_alliances.meeting_id', '=', id).where('alliances.visibility', '=', 'public').execute(),
    ])
    if (!meeting) return reply.callNotFound()
    return reply.page(
      <MeetingPage
        meeting={meeting}
        seats={seats}
        registration={registration}
        organisations={organisations.map((o) => ({ value: o.id, label: o.name }))}
        organiser={isOrganiser(request.actor, access)}
        held={meeting.starts_at <= new Date().toISOString()}
        jsonLd={jsonLdText(meetingJsonLd(meeting, options.publicUrl))}
        state={state}
        linkedAlliances={linked}
      />,
      status,
    )
  }
  app.get('/rencontres/:id', { config: { public: true } }, async (request, reply) => pageView(request, reply, { values: {}, errors: [] }))

  app.get('/rencontres/:id/calendrier.ics', { config: { public: true } }, async (request, reply) => {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeViewMeeting(request.actor, access)
    const meeting = await findMeetingDetails(db, access.meeting.id)
    const rows = meeting ? [icalRowOf(meeting)] : []
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="rencontre-${access.meeting.id}.ics"`)
      .send(meetingsCalendar(access.meeting.title, rows, options.publicUrl))
  })

  app.post('/rencontres/:id/inscription', async (request, reply) => {
    const id = paramId(request)
    const values = formValuesOf(request.body)
    const parsed = parseForm(RegistrationForm, request.body)
    if (!parsed.ok) return pageView(request, reply, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => register(db, request.actor, id, { organisationId: parsed.value.organisation_id ?? null }))
    if (!result.ok) return pageView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash(result.value.status === 'inscrit' ? { kind: 'success', message: 'catalysis.registration.done' } : { kind: 'info', message: 'catalysis.registration.queued', params: { position: result.value.position ?? 0 } })
    return reply.redirect(`/rencontres/${id}#inscription`, 303)
  })

  app.post('/rencontres/:id/desinscription', async (request, reply) => {
    const id = paramId(request)
    await cancelRegistration(db, request.actor, id, options.publicUrl)
    reply.setFlash({ kind: 'success', message: 'catalysis.registration.cancelled' })
    return reply.redirect(`/rencontres/${id}`, 303)
  })

  app.post('/rencontres/:id/annuler', async (request, reply) => {
    const id = paramId(request)
    await cancelMeeting(db, request.actor, id, options.publicUrl)
    reply.setFlash({ kind: 'success', message: 'catalysis.meeting.cancelledFlash' })
    return reply.redirect(`/rencontres/${id}`, 303)
  })

  // --- invitations ------------------------------------------------------------------------------------

  async function invitationsView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeOrganise(request.actor, access)
    const meeting = (await findMeetingDetails(db, access.meeting.id))!
    const parsed = parseForm(InvitationSearch, request.query)
    const q = parsed.ok ? parsed.value : {}
    const filter = q.lieu ? await resolvePlaceFilter(db, { lieu: q.lieu }) : { territory: null, candidates: [] }
    const searched = q.monde !== undefined || q.lieu !== undefined || q.q !== undefined
    const page = searched ? await listOrganisations(db, { world: q.monde, territoryId: filter.territory?.id, text: q.q }, 1, 100) : { rows: [] }
    const invitedRows = await db.selectFrom('catalysis_meeting_invitations').leftJoin('organisations', 'organisations.id', 'catalysis_meeting_invitations.organisation_id').select(['organisations.name', 'catalysis_meeting_invitations.email', 'catalysis_meeting_invitations.organisation_id']).where('meeting_id', '=', meeting.id).execute()
    const candidates = page.rows.filter((o) => !invitedRows.some((i) => i.organisation_id === o.id)).map((o) => ({ id: o.id, name: o.name, world: o.world, seat: (o as { seat_name?: string }).seat_name ?? '' }))
    return reply.page(<InvitationsPage meeting={meeting} candidates={candidates} invited={invitedRows.map((i) => ({ label: i.name ?? i.email ?? '' }))} state={state} search={{ values: { monde: q.monde ?? '', lieu: q.lieu ?? '', q: q.q ?? '' }, errors: [] }} />, status)
  }
  app.get('/rencontres/:id/invitations', async (request, reply) => invitationsView(request, reply, { values: {}, errors: [] }))
  app.post('/rencontres/:id/invitations', async (request, reply) => {
    const id = paramId(request)
    authorizeOrganise(request.actor, await loadMeetingAccess(db, request.actor, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(InvitationForm, request.body)
    if (!parsed.ok) return invitationsView(request, reply, { values, errors: parsed.errors }, 400)
    const emails = (parsed.value.emails ?? '').split(/[\s,;]+/).filter((e) => e !== '')
    const result = await withFieldErrors(() => inviteToMeeting(db, request.actor, id, { organisationIds: parsed.value.organisation_ids, emails }, options.publicUrl))
    if (!result.ok) return invitationsView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.invitations.sent', params: { count: result.value } })
    return reply.redirect(`/rencontres/${id}/invitations`, 303)
  })

  // --- attendance -------------------------------------------------------------------------------------

  async function attendanceView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeOrganise(request.actor, access)
    const [meeting, registrations] = await Promise.all([findMeetingDetails(db, access.meeting.id), listRegistrations(db, access.meeting.id)])
    return reply.page(<AttendancePage meeting={meeting!} registrations={registrations} state={state} />, status)
  }
  app.get('/rencontres/:id/presences', async (request, reply) => attendanceView(request, reply, { values: {}, errors: [] }))
  app.post('/rencontres/:id/presences', async (request, reply) => {
    const id = paramId(request)
    authorizeOrganise(request.actor, await loadMeetingAccess(db, request.actor, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(AttendanceForm, request.body)
    if (!parsed.ok) return attendanceView(request, reply, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => takeAttendance(db, request.actor, id, parsed.value.present))
    if (!result.ok) return attendanceView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.attendance.saved', params: { count: result.value } })
    return reply.redirect(`/rencontres/${id}/presences`, 303)
  })

  // --- whom I met -------------------------------------------------------------------------------------

  async function followUpView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeViewMeeting(request.actor, access)
    const meeting = (await findMeetingDetails(db, access.meeting.id))!
    const mineIds = [...request.actor.memberships.keys()]
    const participants = await participatingOrganisations(db, meeting.id)
    const mine = mineIds.length ? (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', mineIds).orderBy('search_name').execute()).map((o) => ({ value: o.id, label: o.name })) : []
    const query = { ...((request.query ?? {}) as Record<string, unknown>), ...(state.values as Record<string, unknown>) }
    const organisationId = typeof query.organisation_id === 'string' && mineIds.includes(query.organisation_id) ? query.organisation_id : null
    const metId = typeof query.met_organisation_id === 'string' && participants.some((p) => p.id === query.met_organisation_id) ? query.met_organisation_id : null
    const chosen = organisationId && metId && organisationId !== metId ? { organisationId, metId } : null
    const subjects = chosen ? await followUpSubjects(db, chosen.organisationId, chosen.metId) : []
    const names = new Map(participants.map((p) => [p.id, p.name]))
    const declared = (await encountersOf(db, meeting.id, mineIds)).map((e) => ({ label: `${names.get(e.organisation_a_id) ?? ''} — ${names.get(e.organisation_b_id) ?? ''}`, requestId: mineIds.length ? e.contact_request_id : null }))
    return reply.page(<FollowUpPage meeting={meeting} mine={mine} participants={participants.filter((p) => !mineIds.includes(p.id)).map((p) => ({ value: p.id, label: p.name }))} chosen={chosen} subjects={subjects} declared={declared} state={state} />, status)
  }
  app.get('/rencontres/:id/suites', async (request, reply) => followUpView(request, reply, { values: {}, errors: [] }))
  app.post('/rencontres/:id/suites', async (request, reply) => {
    const id = paramId(request)
    await authorizeEncounter(db, request.actor, id)
    const values = formValuesOf(request.body)
    const parsed = parseForm(EncounterForm, request.body)
    if (!parsed.ok) return followUpView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const [needId, resourceId] = v.subject ? (v.subject.split(':') as [string, string]) : [null, null]
    const followUp = needId && resourceId ? { needId, resourceId, message: v.message ?? '' } : null
    const result = await withFieldErrors(() => declareEncounter(db, request.actor, id, { organisationId: v.organisation_id, metOrganisationId: v.met_organisation_id, followUp }, options.publicUrl))
    if (!result.ok) return followUpView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: result.value ? 'catalysis.followUp.sent' : 'catalysis.followUp.recorded' })
    return reply.redirect(`/rencontres/${id}/suites`, 303)
  })

  // --- minutes, feedback, new links -------------------------------------------------------------------

  async function minutesView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeOrganise(request.actor, access)
    const meeting = (await findMeetingDetails(db, access.meeting.id))!
    const mine = [...request.actor.memberships.keys()]
    const alliances = mine.length
      ? await db.selectFrom('alliance_partners').innerJoin('alliances', 'alliances.id', 'alliance_partners.alliance_id').select(['alliances.id', 'alliances.name']).distinct().where('alliance_partners.organisation_id', 'in', mine).where('alliance_partners.status', '=', 'active').orderBy('alliances.name').execute()
      : []
    const initial = { values: { minutes: meeting.minutes ?? '', decisions: meeting.decisions ?? '' }, errors: [] }
    return reply.page(<MinutesPage meeting={meeting} alliances={alliances.map((a) => ({ value: a.id, label: a.name }))} state={state ?? initial} />, status)
  }
  app.get('/rencontres/:id/compte-rendu', async (request, reply) => minutesView(request, reply, null))
  app.post('/rencontres/:id/compte-rendu', async (request, reply) => {
    const id = paramId(request)
    authorizeOrganise(request.actor, await loadMeetingAccess(db, request.actor, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(MinutesForm, request.body)
    if (!parsed.ok) return minutesView(request, reply, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => publishMinutes(db, request.actor, id, { minutes: parsed.value.minutes, decisions: parsed.value.decisions ?? '', allianceIds: parsed.value.alliance_ids }))
    if (!result.ok) return minutesView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.minutes.published' })
    return reply.redirect(`/rencontres/${id}#apres`, 303)
  })

  app.post('/rencontres/:id/questionnaire', async (request, reply) => {
    const id = paramId(request)
    await launchFeedback(db, request.actor, id, options.publicUrl)
    reply.setFlash({ kind: 'success', message: 'catalysis.feedback.launched' })
    return reply.redirect(`/rencontres/${id}#apres`, 303)
  })

  app.get('/rencontres/:id/liens', { config: { public: true } }, async (request, reply) => {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeViewMeeting(request.actor, access)
    const figure = await newLinksOf(db, [access.meeting.id])
    return reply.page(<NewLinksPage title={access.meeting.title} back={{ label: access.meeting.title, href: `/rencontres/${access.meeting.id}` }} figure={figure} meetings={null} />)
  })
}
