/**
 * Pages of territory spaces: the directory and map of catalysts, declaring and editing a space, its public
 * page (grid, timeline, dashboard, meetings, places, dialogues), its team (co-animating organisations), the
 * yearly report on A4, the new links of its meetings and its calendar feed. Every route goes through
 * `core/http/routes.ts`: the space of the URL and the actor's rights on it first (`authorize`), then the
 * input, then the service. The activity log's forms are in `../activities/activities.routes.tsx`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { isAdminOf } from '../../../core/access/actor.js'
import { notFound, type FieldProblem } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId, paramText, postedValues } from '../../../core/http/routes.js'
import { IdParams } from '../../../core/http/schemas.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import { parisToday } from '../../../core/time/calendar.js'
import type { FormState } from '../../../core/views/forms.js'
import { listOrganisations } from '../../organisations/index.js'
import { listDepartements, resolvePlaceFilter } from '../../territories/index.js'
import { activityYears, gridOfYear, listActivities, outputCountsOfYear } from '../activities/activities.queries.js'
import { authorizeCoanimatorAnswer, authorizeSpaceAdmin, isSpaceAdmin, isSpaceTeam, type SpaceAccess } from '../catalysis.policy.js'
import { PAGE_TAGS } from '../catalysis.schemas.js'
import { meetingsCalendar } from '../meetings/ical.js'
import { icalRows, listMeetings, visibleInvitationMeetings } from '../meetings/meetings.queries.js'
import { newLinksOf } from '../meetings/new-links.js'
import { placesInPerimeter } from '../places/places.queries.js'
import { cachedFeed, meetingsVersion } from '../summaries.js'
import { resolveTerritoryText } from '../territory-scope.js'
import { NewLinksPage } from '../views/NewLinksPage.js'
import { perimeterDashboard } from './dashboard.queries.js'
import { CoanimatorForm, CoanimatorParams, DirectoryQuery, NewSpaceForm, SpaceForm, TeamQuery, YearQuery } from './spaces.schemas.js'
import { countSpacesByDepartement, findSpaceDetails, listSpaces, spaceTerritories, tradesOf } from './spaces.queries.js'
import { answerCoanimation, createSpace, inviteCoanimator, loadSpace, removeCoanimator, updateSpace } from './spaces.service.js'
import { Directory } from './views/Directory.js'
import { Report } from './views/Report.js'
import { SpaceFormPage, TeamPage } from './views/SpaceForms.js'
import { SpacePage } from './views/SpacePage.js'

const PAGE_SIZE = 30
/** How many of a space's meetings are drawn in its new-links figure (the most recent held). */
const LINKS_MEETINGS = 20
/** How many meetings a calendar feed holds at most. */
export const FEED_LIMIT = 5000

const EMPTY: FormState = { values: {}, errors: [] }

/** The year of a report's URL, or 404. */
function reportYear(request: FastifyRequest): number {
  const raw = paramText(request, 'year')
  const year = typeof raw === 'string' && /^[0-9]{4}$/.test(raw) ? Number(raw) : NaN
  if (!(year >= 1900 && year <= 2200)) throw notFound()
  return year
}

export async function spacePages(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db
  const spaceOf = (request: FastifyRequest) => loadSpace(db, paramId(request))
  const adminOf = async (request: FastifyRequest) => {
    const access = await spaceOf(request)
    authorizeSpaceAdmin(request.actor, access)
    return access
  }

  pageRoute(app, {
    url: '/espaces',
    public: true,
    cache: { tags: [PAGE_TAGS.spaces] },
    querystring: lenient(DirectoryQuery),
    handler: async (request, reply) => {
      const q = request.query
      const filter = await resolvePlaceFilter(db, { territoire: q.territoire, lieu: q.lieu })
      const [page, byDepartement, departements] = await Promise.all([listSpaces(db, { territoryId: filter.territory?.id, trade: q.metier, text: q.q }, q.page ?? 1, PAGE_SIZE), countSpacesByDepartement(db), listDepartements(db)])
      const values = { lieu: q.lieu ?? '', metier: q.metier ?? '', q: q.q ?? '' }
      return reply.page(<Directory {...page} byDepartement={byDepartement} departements={departements} filter={filter} values={values} problems={queryProblems(request.query)} signedIn={request.actor.userId !== null} />)
    },
  })

  // --- declaring and editing ----------------------------------------------------------------------------

  /** The organisations the actor administers (a space is declared for one of them). */
  const adminOrganisations = async (request: FastifyRequest) => {
    const ids = [...request.actor.memberships].filter(([, role]) => role === 'admin').map(([id]) => id)
    if (ids.length === 0) return []
    const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).orderBy('search_name').execute()
    return rows.map((r) => ({ value: r.id, label: r.name }))
  }
  /** The perimeter typed as text, resolved; its problem shown with the form's others. */
  const perimeterOf = (values: FormState['values']) => resolveTerritoryText(db, typeof values.territories === 'string' ? values.territories : '', 'territories')
  const perimeterProblems = async (values: FormState['values']): Promise<FieldProblem[]> => {
    if (typeof values.territories !== 'string' || values.territories.trim() === '') return []
    const { problem } = await perimeterOf(values)
    return problem ? [problem] : []
  }

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, _ctx: unknown, state: FormState, status: number) =>
    reply.page(<SpaceFormPage action="/espaces/nouveau" state={state} organisations={await adminOrganisations(request)} />, status)
  pageRoute(app, { url: '/espaces/nouveau', handler: async (request, reply) => renderNew(request, reply, undefined, EMPTY, 200) })
  formRoute(app, {
    url: '/espaces/nouveau',
    body: NewSpaceForm,
    invalidates: [PAGE_TAGS.spaces],
    render: renderNew,
    check: (_request, _ctx, values) => perimeterProblems(values),
    handler: async (request, reply) => {
      const v = request.body
      const { ids } = await perimeterOf(postedValues(request))
      const id = await createSpace(db, request.actor, v.organisation_id, { name: v.name, mission: v.mission, trades: v.trades, territoryIds: ids })
      return done(reply, `/espaces/${id}`, { kind: 'success', message: 'catalysis.space.created' })
    },
  })

  const renderEdit = async (_request: FastifyRequest, reply: FastifyReply, access: SpaceAccess, state: FormState, status: number) =>
    reply.page(<SpaceFormPage action={`/espaces/${access.space.id}/modifier`} state={state} organisations={[]} space={access.space} />, status)
  pageRoute(app, {
    url: '/espaces/:id/modifier',
    params: IdParams,
    authorize: adminOf,
    handler: async (request, reply, access) => {
      const territories = await spaceTerritories(db, access.space.id)
      const values = { name: access.space.name, mission: access.space.mission, trades: tradesOf(access.space.trade_mask), territories: territories.map((t) => t.id).join('; ') }
      return renderEdit(request, reply, access, { values, errors: [] }, 200)
    },
  })
  formRoute(app, {
    url: '/espaces/:id/modifier',
    params: IdParams,
    body: SpaceForm,
    invalidates: [PAGE_TAGS.spaces],
    authorize: adminOf,
    render: renderEdit,
    check: (_request, _ctx, values) => perimeterProblems(values),
    handler: async (request, reply, access) => {
      const v = request.body
      const { ids } = await perimeterOf(postedValues(request))
      await updateSpace(db, request.actor, access.space.id, { name: v.name, mission: v.mission, trades: v.trades, territoryIds: ids })
      return done(reply, `/espaces/${access.space.id}`, { kind: 'success', message: 'catalysis.saved' })
    },
  })

  // --- the space's page -------------------------------------------------------------------------------

  /** The space's dialogues the actor may open: all of them for its team, those of their organisations otherwise. */
  async function dialoguesSeenBy(spaceId: string, team: boolean, organisations: string[]) {
    let query = db.selectFrom('catalysis_dialogues').select(['id', 'title', 'status']).where('space_id', '=', spaceId)
    if (!team) query = query.where('id', 'in', db.selectFrom('catalysis_dialogue_participants').select('dialogue_id').where('organisation_id', 'in', organisations.length ? organisations : ['-']))
    return query.orderBy('started_on', 'desc').execute()
  }

  pageRoute(app, {
    url: '/espaces/:id',
    public: true,
    params: IdParams,
    querystring: lenient(YearQuery),
    authorize: spaceOf,
    handler: async (request, reply, access) => {
      const actor = request.actor
      const years = await activityYears(db, access.space.id)
      const year = request.query.annee ?? years[years.length - 1]?.year ?? Number(parisToday().slice(0, 4))
      const team = isSpaceTeam(actor, access)
      const perimeter = (await spaceTerritories(db, access.space.id)).map((t) => ({ id: t.id, kind: t.kind }))
      const now = new Date().toISOString()
      const organisations = [...actor.memberships.keys()]
      const visible = await visibleInvitationMeetings(db, { spaceId: access.space.id, team, email: actor.email, organisationIds: organisations, userId: actor.userId })
      const [details, grid, activities, dashboard, upcoming, past, places, dialogues] = await Promise.all([
        findSpaceDetails(db, access),
        gridOfYear(db, access.space.id, year),
        listActivities(db, access.space.id, { year, limit: 200 }),
        perimeterDashboard(db, perimeter),
        listMeetings(db, { spaceId: access.space.id, from: now, alsoVisible: visible }, { limit: 10, order: 'asc' }),
        listMeetings(db, { spaceId: access.space.id, to: now, alsoVisible: visible }, { limit: 10, order: 'desc' }),
        placesInPerimeter(db, perimeter, 12),
        actor.userId === null ? Promise.resolve([]) : dialoguesSeenBy(access.space.id, team, organisations),
      ])
      return reply.page(
        <SpacePage details={details} years={years} year={year} grid={grid} activities={activities} dashboard={dashboard} upcoming={upcoming} past={past} places={places} dialogues={dialogues} can={{ admin: isSpaceAdmin(actor, access), team }} problems={queryProblems(request.query)} />,
      )
    },
  })

  // --- the team ---------------------------------------------------------------------------------------

  /** The team page; `search` (the GET page's words and their problems) looks for organisations to invite. */
  async function renderTeam(request: FastifyRequest, reply: FastifyReply, access: SpaceAccess, state: FormState, status: number, search: { q: string; problems: FieldProblem[] } = { q: '', problems: [] }) {
    const q = search.q
    const details = await findSpaceDetails(db, access)
    const admin = isSpaceAdmin(request.actor, access)
    const candidates = admin && q !== '' ? (await listOrganisations(db, { text: q }, 1, 20)).rows.filter((o) => o.id !== access.space.organisation_id && !access.coanimators.some((c) => c.organisation_id === o.id)) : []
    const answerable = access.coanimators.filter((c) => isAdminOf(request.actor, c.organisation_id)).map((c) => c.organisation_id)
    return reply.page(<TeamPage details={details} can={{ admin }} candidates={candidates.map((c) => ({ id: c.id, name: c.name, world: c.world }))} state={state} search={q} problems={search.problems} answerable={answerable} />, status)
  }
  pageRoute(app, {
    url: '/espaces/:id/equipe',
    public: true,
    params: IdParams,
    querystring: lenient(TeamQuery),
    authorize: spaceOf,
    handler: async (request, reply, access) => renderTeam(request, reply, access, EMPTY, 200, { q: request.query.q ?? '', problems: queryProblems(request.query) }),
  })
  formRoute(app, {
    url: '/espaces/:id/equipe',
    params: IdParams,
    body: CoanimatorForm,
    invalidates: [],
    authorize: adminOf,
    render: renderTeam,
    handler: async (request, reply, access) => {
      await inviteCoanimator(db, request.actor, access.space.id, request.body.organisation_id)
      return done(reply, `/espaces/${access.space.id}/equipe`, { kind: 'success', message: 'catalysis.team.invited' })
    },
  })

  /** The co-animation of the organisation of the URL, answered by its admins (the row must exist: 404). */
  const answering = async (request: FastifyRequest) => {
    const access = await spaceOf(request)
    authorizeCoanimatorAnswer(request.actor, access, paramId(request, 'organisationId'))
    return access
  }
  const inTeam = async (request: FastifyRequest) => {
    const access = await spaceOf(request)
    paramId(request, 'organisationId')
    return access
  }
  const teamActs = [
    { path: 'accepter', authorize: answering, act: (r: FastifyRequest, s: string, o: string) => answerCoanimation(db, r.actor, s, o, true), message: 'catalysis.team.accepted' },
    { path: 'refuser', authorize: answering, act: (r: FastifyRequest, s: string, o: string) => answerCoanimation(db, r.actor, s, o, false), message: 'catalysis.team.declined' },
    // the space's admins, or the organisation's own admins (it leaves): the service decides between them
    { path: 'retirer', authorize: inTeam, act: (r: FastifyRequest, s: string, o: string) => removeCoanimator(db, r.actor, s, o), message: 'catalysis.team.removed' },
  ] as const
  for (const { path, authorize, act, message } of teamActs) {
    formRoute(app, {
      url: `/espaces/:id/equipe/:organisationId/${path}`,
      params: CoanimatorParams,
      body: Type.Object({}),
      invalidates: [],
      authorize,
      render: renderTeam,
      handler: async (request, reply, access) => {
        await act(request, access.space.id, request.params.organisationId)
        return done(reply, `/espaces/${access.space.id}/equipe`, { kind: 'success', message })
      },
    })
  }

  // --- report, new links, calendar --------------------------------------------------------------------

  pageRoute(app, {
    url: '/espaces/:id/rapport/:year',
    public: true,
    // a year of the wrong shape is a page that does not exist (404), not invalid input
    authorize: async (request) => ({ access: await spaceOf(request), year: reportYear(request) }),
    handler: async (_request, reply, { access, year }) => {
      const now = new Date().toISOString()
      const to = `${year + 1}-01-01T00:00:00.000Z`
      const [details, grid, outputs, activities, meetings] = await Promise.all([
        findSpaceDetails(db, access),
        gridOfYear(db, access.space.id, year),
        outputCountsOfYear(db, access.space.id, year),
        listActivities(db, access.space.id, { year, limit: 1000 }),
        listMeetings(db, { spaceId: access.space.id, from: `${year}-01-01T00:00:00.000Z`, to: to < now ? to : now }, { limit: 200, order: 'asc' }),
      ])
      const withLinks = await Promise.all(meetings.map(async (m) => ({ ...m, newLinks: (await newLinksOf(db, [m.id])).newLinks.length })))
      return reply.page(<Report details={details} year={year} grid={grid} outputs={outputs} activities={[...activities].reverse()} meetings={withLinks} generatedOn={parisToday()} />)
    },
  })

  pageRoute(app, {
    url: '/espaces/:id/liens',
    public: true,
    params: IdParams,
    authorize: spaceOf,
    handler: async (_request, reply, access) => {
      const held = await listMeetings(db, { spaceId: access.space.id, to: new Date().toISOString() }, { limit: LINKS_MEETINGS, order: 'desc' })
      const figure = await newLinksOf(db, held.map((m) => m.id))
      return reply.page(<NewLinksPage title={access.space.name} back={{ label: access.space.name, href: `/espaces/${access.space.id}` }} figure={figure} meetings={held.length} />)
    },
  })

  // A file, not a page: it still goes through `pageRoute` (rights first, the id checked).
  pageRoute(app, {
    url: '/espaces/:id/calendrier.ics',
    public: true,
    params: IdParams,
    authorize: spaceOf,
    handler: async (_request, reply, access) => {
      const version = `${await meetingsVersion(db)}:${access.space.updated_at}`
      const text = await cachedFeed(db, `space:${access.space.id}`, version, async () => meetingsCalendar(access.space.name, await icalRows(db, { spaceId: access.space.id }, FEED_LIMIT), options.publicUrl))
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="espace-${access.space.id}.ics"`)
        .header('cache-control', 'public, max-age=300')
        .send(text)
    },
  })
}
