/**
 * Pages of meetings before they take place: the agenda, the calendar feed of a territory, creating and editing a
 * meeting, its page (JSON-LD, seats, registration), its calendar file, registering and cancelling, cancelling
 * the meeting, invitations. What happens afterwards (attendance, whom one met, minutes, feedback, new links) is
 * in `meetings.after.routes.tsx`. Rights before input: an invitation-only meeting answers 404 to whoever may
 * not see it, whatever the request carries.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type, { type Static } from 'typebox'
import { notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId, paramText, postedValues } from '../../../core/http/routes.js'
import { IdParams } from '../../../core/http/schemas.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import { isId } from '../../../core/db/values.js'
import type { FormState } from '../../../core/views/forms.js'
import { listOrganisations } from '../../organisations/index.js'
import { findTerritory, resolvePlaceFilter, type TerritoryKind } from '../../territories/index.js'
import { authorizeAttend, authorizeOrganise, authorizeSpaceTeam, authorizeViewMeeting, isOrganiser, type MeetingAccess, type SpaceAccess } from '../catalysis.policy.js'
import { PAGE_TAGS } from '../catalysis.schemas.js'
import { isoToParisLocal } from '../paris-time.js'
import { placesInPerimeter, placesOfOrganisations } from '../places/places.queries.js'
import { findSpaceAccess, spaceTerritories } from '../spaces/spaces.queries.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { cachedFeed, meetingsVersion } from '../summaries.js'
import { resolveTerritoryText } from '../territory-scope.js'
import { meetingsCalendar } from './ical.js'
import { jsonLdText, meetingJsonLd } from './jsonld.js'
import { loadMeetingAccess } from './meetings.access.js'
import { findMeetingDetails, icalRowOf, icalRows, listMeetings, meetingSeats, visibleInvitationMeetings } from './meetings.queries.js'
import { AgendaQuery, InvitationForm, InvitationSearch, MeetingForm, NewMeetingForm, NewMeetingQuery, quotasOf, RegistrationForm, type MeetingFormT } from './meetings.schemas.js'
import { cancelMeeting, createMeeting, inviteToMeeting, updateMeeting, type MeetingData } from './meetings.service.js'
import { cancelRegistration, register, registrationOf } from './registrations.service.js'
import { Agenda } from './views/Agenda.js'
import { InvitationsPage, MeetingFormPage } from './views/MeetingForms.js'
import { MeetingPage } from './views/MeetingPage.js'

/** How many meetings a calendar feed holds at most. */
const FEED_LIMIT = 5000
const EMPTY: FormState = { values: {}, errors: [] }

export async function meetingPages(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db
  /** The meeting of the URL, seen by the actor (404 otherwise). */
  const meetingOf = async (request: FastifyRequest) => {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeViewMeeting(request.actor, access)
    return access
  }
  /** The meeting of the URL, organised by the actor (404 when hidden, 403 when seen). */
  const organiserOf = async (request: FastifyRequest) => {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeOrganise(request.actor, access)
    return access
  }
  /** The meeting of the URL, which the signed-in actor sees (to register or cancel). */
  const attendeeOf = async (request: FastifyRequest) => {
    const access = await loadMeetingAccess(db, request.actor, paramId(request))
    authorizeAttend(request.actor, access)
    return access
  }

  pageRoute(app, {
    url: '/rencontres',
    public: true,
    querystring: lenient(AgendaQuery),
    handler: async (request, reply) => {
      const q = request.query
      const filter = await resolvePlaceFilter(db, { territoire: q.territoire, lieu: q.lieu })
      const past = q.passees === 'oui'
      const now = new Date().toISOString()
      const actor = request.actor
      const visible = await visibleInvitationMeetings(db, { team: false, email: actor.email, organisationIds: [...actor.memberships.keys()], userId: actor.userId })
      const meetings = await listMeetings(db, { ...(filter.territory ? { perimeter: [{ id: filter.territory.id, kind: filter.territory.kind }] } : {}), ...(past ? { to: now } : { from: now }), alsoVisible: visible }, { limit: 100, order: past ? 'desc' : 'asc' })
      return reply.page(<Agenda meetings={meetings} filter={filter} past={past} values={{ lieu: q.lieu ?? '' }} problems={queryProblems(request.query)} signedIn={actor.userId !== null} />)
    },
  })

  // A file, not a page: the public meetings of a territory, of the last year and to come.
  pageRoute(app, {
    url: '/rencontres/territoires/:kind/:code/calendrier.ics',
    public: true,
    // a level or code of the wrong shape is a feed that does not exist (404), not invalid input
    authorize: async (request) => {
      const kind = paramText(request, 'kind') ?? ''
      const code = paramText(request, 'code') ?? ''
      const territory = ['commune', 'epci', 'ept', 'departement', 'region'].includes(kind) && /^[0-9A-Za-z]{1,12}$/.test(code) ? await findTerritory(db, kind as TerritoryKind, code.toUpperCase()) : undefined
      if (!territory) throw notFound()
      return territory
    },
    handler: async (_request, reply, territory) => {
      // rebuilt when a meeting changes, and each day (the window moves)
      const from = new Date(Date.now() - 365 * 86400_000).toISOString().slice(0, 10)
      const version = `${await meetingsVersion(db)}:${from}`
      const text = await cachedFeed(db, `territory:${territory.id}`, version, async () => meetingsCalendar(`Rencontres — ${territory.name}`, await icalRows(db, { perimeter: [{ id: territory.id, kind: territory.kind }], from }, FEED_LIMIT), options.publicUrl))
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'public, max-age=300').send(text)
    },
  })

  // --- creating and editing ---------------------------------------------------------------------------

  /** What the meeting form needs: the organising space, the actor's organisations, places and dialogues. */
  async function renderForm(request: FastifyRequest, reply: FastifyReply, ctx: { editing: MeetingAccess | null; space: SpaceAccess | null }, state: FormState, status: number) {
    const { editing, space } = ctx
    const mine = [...request.actor.memberships.keys()]
    const organisations = mine.length ? (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', mine).orderBy('search_name').execute()).map((o) => ({ value: o.id, label: o.name })) : []
    const perimeter = space ? (await spaceTerritories(db, space.space.id)).map((t) => ({ id: t.id, kind: t.kind })) : []
    const places = (await placesOfOrganisations(db, mine)).map((p) => ({ value: p.id, label: `${p.name} (${p.commune_name})` }))
    for (const p of space ? (await placesInPerimeter(db, perimeter, 100)).rows : []) if (!places.some((x) => x.value === p.id)) places.push({ value: p.id, label: `${p.name} (${p.commune_name})` })
    const dialogues = space ? (await db.selectFrom('catalysis_dialogues').select(['id', 'title']).where('space_id', '=', space.space.id).where('status', '=', 'en_cours').execute()).map((d) => ({ value: d.id, label: d.title })) : []
    const action = editing ? `/rencontres/${editing.meeting.id}/modifier` : '/rencontres/nouvelle'
    return reply.page(
      <MeetingFormPage action={action} state={state} meeting={editing ? editing.meeting : null} organiser={{ space: space ? { id: space.space.id, name: space.space.name } : undefined, organisations }} places={places} dialogues={dialogues} />,
      status,
    )
  }

  /** The organising space proposed (`?espace=`, or the posted `space_id`), in the actor's team; none otherwise. */
  async function proposedSpace(request: FastifyRequest, spaceId: unknown): Promise<SpaceAccess | null> {
    if (typeof spaceId !== 'string' || !isId(spaceId)) return null
    const space = await loadSpace(db, spaceId)
    authorizeSpaceTeam(request.actor, space)
    return space
  }

  /** The space a posted form names, to show the form again (no rights: the service checks them). */
  async function postedSpace(spaceId: unknown): Promise<SpaceAccess | null> {
    if (typeof spaceId !== 'string' || !isId(spaceId)) return null
    return (await findSpaceAccess(db, spaceId)) ?? null
  }

  /** The commune typed as text, resolved (its problem named with the form's others). */
  const communeOf = async (values: FormState['values']): Promise<{ id: string | null; problems: FieldProblem[] }> => {
    const text = typeof values.commune === 'string' ? values.commune.trim() : ''
    if (text === '') return { id: null, problems: [] }
    const { ids, problem } = await resolveTerritoryText(db, text, 'commune')
    return { id: ids[0] ?? null, problems: problem ? [{ ...problem, message: 'catalysis.error.communeUnknown', params: { q: text } }] : [] }
  }
  /**
   * The commune's problem when the schema refused some field (the service is not reached: it is named with the
   * schema's problems); otherwise the service names it together with its own (dates, capacity, quotas).
   */
  const communeIfRefused = async (request: FastifyRequest, values: FormState['values']) => (request.validationError ? (await communeOf(values)).problems : [])
  /** The meeting of the posted form, and the commune's problem for the service to name with its own. */
  const meetingDataOf = async (request: FastifyRequest, v: MeetingFormT): Promise<{ data: MeetingData; problems: FieldProblem[] }> => {
    const commune = await communeOf(postedValues(request))
    return { data: meetingData(v, commune.id), problems: commune.problems }
  }
  const meetingData = (v: MeetingFormT, communeId: string | null): MeetingData => ({
    title: v.title,
    kind: v.kind,
    description: v.description ?? '',
    startsLocal: v.starts_at,
    endsLocal: v.ends_at,
    placeId: v.place_id ?? null,
    address: v.address ?? null,
    communeId,
    onlineUrl: v.online_url ?? null,
    visibility: v.visibility,
    capacity: v.capacity,
    quotas: quotasOf(v),
    dialogueId: v.dialogue_id ?? null,
  })

  pageRoute(app, {
    url: '/rencontres/nouvelle',
    querystring: lenient(NewMeetingQuery),
    // the space proposed by `espace` is input: its rights are checked after the query is read (an invalid
    // `espace` is ignored: the form then offers the actor's organisations)
    handler: async (request, reply) => renderForm(request, reply, { editing: null, space: await proposedSpace(request, request.query.espace) }, { values: { visibility: 'public', kind: 'rencontre', capacity: '30' }, errors: [] }, 200),
  })
  formRoute(app, {
    url: '/rencontres/nouvelle',
    body: NewMeetingForm,
    invalidates: [PAGE_TAGS.meetings],
    // the organiser (a space or an organisation) is input: the service checks the actor's rights on it after
    // validation (an unknown space 404, a space one is not in the team of 403, another organisation 404)
    authorize: async (request) => ({ editing: null, space: await postedSpace(postedValues(request).space_id) }),
    render: renderForm,
    check: (request, _ctx, values) => communeIfRefused(request, values),
    handler: async (request, reply) => {
      const v = request.body
      if (!v.space_id && !v.organisation_id) throw validationError([{ field: 'organisation_id', message: 'catalysis.error.organisationRequired' }])
      const organiser = v.space_id ? { spaceId: v.space_id } : { organisationId: v.organisation_id as string }
      const { data, problems } = await meetingDataOf(request, v)
      const id = await createMeeting(db, request.actor, organiser, data, problems)
      return done(reply, `/rencontres/${id}`, { kind: 'success', message: 'catalysis.meeting.created' })
    },
  })

  const editing = async (request: FastifyRequest) => {
    const access = await organiserOf(request)
    return { editing: access, space: access.space }
  }
  pageRoute(app, {
    url: '/rencontres/:id/modifier',
    params: IdParams,
    authorize: editing,
    handler: async (request, reply, ctx) => {
      const m = (ctx.editing as MeetingAccess).meeting
      const seats = await meetingSeats(db, m.id)
      const values = {
        title: m.title,
        kind: m.kind,
        description: m.description,
        starts_at: isoToParisLocal(m.starts_at),
        ends_at: isoToParisLocal(m.ends_at),
        place_id: m.place_id ?? '',
        address: m.address ?? '',
        commune: m.address ? m.territory_id : '',
        online_url: m.online_url ?? '',
        visibility: m.visibility,
        capacity: String(m.capacity),
        dialogue_id: m.dialogue_id ?? '',
        ...Object.fromEntries(seats.filter((s) => s.bucket !== '*').map((s) => [`quota_${s.bucket}`, String(s.seats)])),
      }
      return renderForm(request, reply, ctx, { values, errors: [] }, 200)
    },
  })
  formRoute(app, {
    url: '/rencontres/:id/modifier',
    params: IdParams,
    body: MeetingForm,
    invalidates: [PAGE_TAGS.meetings],
    authorize: editing,
    render: renderForm,
    check: (request, _ctx, values) => communeIfRefused(request, values),
    handler: async (request, reply, ctx) => {
      const id = (ctx.editing as MeetingAccess).meeting.id
      const { data, problems } = await meetingDataOf(request, request.body)
      await updateMeeting(db, request.actor, id, data, problems)
      return done(reply, `/rencontres/${id}`, { kind: 'success', message: 'catalysis.saved' })
    },
  })

  // --- the meeting's page and registration ----------------------------------------------------------

  async function renderPage(request: FastifyRequest, reply: FastifyReply, access: MeetingAccess, state: FormState, status: number) {
    const id = access.meeting.id
    const mine = [...request.actor.memberships.keys()]
    const [meeting, seats, registration, organisations, linked] = await Promise.all([
      findMeetingDetails(db, id),
      meetingSeats(db, id),
      registrationOf(db, request.actor, id),
      mine.length ? db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', mine).orderBy('search_name').execute() : Promise.resolve([]),
      db.selectFrom('catalysis_meeting_alliances').innerJoin('alliances', 'alliances.id', 'catalysis_meeting_alliances.alliance_id').select(['alliances.id', 'alliances.name']).where('catalysis_meeting_alliances.meeting_id', '=', id).where('alliances.visibility', '=', 'public').execute(),
    ])
    if (!meeting) throw notFound()
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
  pageRoute(app, { url: '/rencontres/:id', public: true, params: IdParams, authorize: meetingOf, handler: async (request, reply, access) => renderPage(request, reply, access, EMPTY, 200) })

  pageRoute(app, {
    url: '/rencontres/:id/calendrier.ics',
    public: true,
    params: IdParams,
    authorize: meetingOf,
    handler: async (_request, reply, access) => {
      const meeting = await findMeetingDetails(db, access.meeting.id)
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="rencontre-${access.meeting.id}.ics"`)
        .send(meetingsCalendar(access.meeting.title, meeting ? [icalRowOf(meeting)] : [], options.publicUrl))
    },
  })

  formRoute(app, {
    url: '/rencontres/:id/inscription',
    params: IdParams,
    body: RegistrationForm,
    // seats are shown on pages the page cache does not keep
    invalidates: [],
    authorize: attendeeOf,
    render: renderPage,
    handler: async (request, reply, access) => {
      const result = await register(db, request.actor, access.meeting.id, { organisationId: request.body.organisation_id ?? null })
      const flash = result.status === 'inscrit' ? ({ kind: 'success', message: 'catalysis.registration.done' } as const) : ({ kind: 'info', message: 'catalysis.registration.queued', params: { position: result.position ?? 0 } } as const)
      return done(reply, `/rencontres/${access.meeting.id}#inscription`, flash)
    },
  })

  formRoute(app, {
    url: '/rencontres/:id/desinscription',
    params: IdParams,
    body: Type.Object({}),
    invalidates: [],
    authorize: attendeeOf,
    render: renderPage,
    handler: async (request, reply, access) => {
      await cancelRegistration(db, request.actor, access.meeting.id)
      return done(reply, `/rencontres/${access.meeting.id}`, { kind: 'success', message: 'catalysis.registration.cancelled' })
    },
  })

  formRoute(app, {
    url: '/rencontres/:id/annuler',
    params: IdParams,
    body: Type.Object({}),
    invalidates: [PAGE_TAGS.meetings],
    authorize: organiserOf,
    render: renderPage,
    handler: async (request, reply, access) => {
      await cancelMeeting(db, request.actor, access.meeting.id)
      return done(reply, `/rencontres/${access.meeting.id}`, { kind: 'success', message: 'catalysis.meeting.cancelledFlash' })
    },
  })

  // --- invitations ------------------------------------------------------------------------------------

  /** The invitations page; `query` (the GET page's search, its invalid filters named) lists organisations to invite. */
  async function renderInvitations(_request: FastifyRequest, reply: FastifyReply, access: MeetingAccess, state: FormState, status: number, query: { q: Static<typeof InvitationSearch>; problems: FieldProblem[] } = { q: {}, problems: [] }) {
    const meeting = await findMeetingDetails(db, access.meeting.id)
    if (!meeting) throw notFound()
    const q = query.q
    const filter = q.lieu ? await resolvePlaceFilter(db, { lieu: q.lieu }) : { territory: null, candidates: [] }
    const searched = q.monde !== undefined || q.lieu !== undefined || q.q !== undefined
    const page = searched ? await listOrganisations(db, { world: q.monde, territoryId: filter.territory?.id, text: q.q }, 1, 100) : { rows: [] }
    const invitedRows = await db.selectFrom('catalysis_meeting_invitations').leftJoin('organisations', 'organisations.id', 'catalysis_meeting_invitations.organisation_id').select(['organisations.name', 'catalysis_meeting_invitations.email', 'catalysis_meeting_invitations.organisation_id']).where('meeting_id', '=', meeting.id).execute()
    const candidates = page.rows.filter((o) => !invitedRows.some((i) => i.organisation_id === o.id)).map((o) => ({ id: o.id, name: o.name, world: o.world, seat: (o as { seat_name?: string }).seat_name ?? '' }))
    const search: FormState = { values: { monde: q.monde ?? '', lieu: q.lieu ?? '', q: q.q ?? '' }, errors: query.problems }
    // every filter of this page is a field of its search form: the form names the ignored ones
    return reply.page(<InvitationsPage meeting={meeting} candidates={candidates} invited={invitedRows.map((i) => ({ label: i.name ?? i.email ?? '' }))} state={state} search={search} />, status)
  }
  pageRoute(app, { url: '/rencontres/:id/invitations', params: IdParams, querystring: lenient(InvitationSearch), authorize: organiserOf, handler: async (request, reply, access) => renderInvitations(request, reply, access, EMPTY, 200, { q: request.query, problems: queryProblems(request.query) }) })
  formRoute(app, {
    url: '/rencontres/:id/invitations',
    params: IdParams,
    body: InvitationForm,
    invalidates: [],
    authorize: organiserOf,
    render: renderInvitations,
    handler: async (request, reply, access) => {
      const emails = (request.body.emails ?? '').split(/[\s,;]+/).filter((e) => e !== '')
      const added = await inviteToMeeting(db, request.actor, access.meeting.id, { organisationIds: request.body.organisation_ids, emails })
      return done(reply, `/rencontres/${access.meeting.id}/invitations`, { kind: 'success', message: 'catalysis.invitations.sent', params: { count: added } })
    },
  })
}
