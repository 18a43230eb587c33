/**
 * Pages of territory spaces: the directory and map of catalysts, creating and editing a space, its public
 * page (grid, timeline, dashboard, meetings, places), its team, the activity log forms, the yearly report on
 * A4, the new links of its meetings and its calendar feed. Every handler parses, then calls the services.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formValuesOf, paramId, parseForm, withFieldErrors } from '../../../core/http/forms.js'
import type { FormState } from '../../../core/views/forms.js'
import { listOrganisations } from '../../organisations/index.js'
import { listDepartements, resolvePlaceFilter } from '../../territories/index.js'
import { activityYears, findActivity, gridOfYear, listActivities, outputCountsOfYear } from '../activities/activities.queries.js'
import { deleteActivity, parseOutputLinks, recordActivity, updateActivity, type ActivityData } from '../activities/activities.service.js'
import { authorizeSpaceAdmin, authorizeSpaceTeam, isSpaceAdmin, isSpaceTeam } from '../catalysis.policy.js'
import { meetingsCalendar } from '../meetings/ical.js'
import { icalRows, listMeetings, visibleInvitationMeetings } from '../meetings/meetings.queries.js'
import { newLinksOf } from '../meetings/new-links.js'
import { parisToday } from '../paris-time.js'
import { placesInPerimeter } from '../places/places.queries.js'
import { feedsOf } from '../meetings/feeds.js'
import { meetingsVersion } from '../summaries.js'
import { resolveTerritoryText } from '../territory-scope.js'
import { NewLinksPage } from '../views/NewLinksPage.js'
import { cachedDashboard } from './dashboard.queries.js'
import { ActivityForm, CoanimatorForm, CoanimatorSearch, DirectoryQuery, minutesOf, SpaceForm, YearQuery } from './spaces.schemas.js'
import { countSpacesByDepartement, findSpaceDetails, listSpaces, spaceTerritories, tradesOf } from './spaces.queries.js'
import { answerCoanimation, createSpace, inviteCoanimator, loadSpace, removeCoanimator, updateSpace } from './spaces.service.js'
import { Directory } from './views/Directory.js'
import { Report } from './views/Report.js'
import { ActivityFormPage, SpaceFormPage, TeamPage } from './views/SpaceForms.js'
import { SpacePage } from './views/SpacePage.js'

const PAGE_SIZE = 30
/** How many of a space's meetings are drawn in its new-links figure (the most recent held). */
const LINKS_MEETINGS = 20
/** How many meetings a calendar feed holds at most. */
export const FEED_LIMIT = 5000

export async function spacePages(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db

  app.get('/espaces', { config: { public: true, cache: true } }, async (request, reply) => {
    const parsed = parseForm(DirectoryQuery, request.query)
    const q = parsed.ok ? parsed.value : {}
    const raw = (request.query ?? {}) as Record<string, string>
    const filter = await resolvePlaceFilter(db, { territoire: q.territoire, lieu: typeof raw.lieu === 'string' ? raw.lieu.slice(0, 100) : undefined })
    const [page, byDepartement, departements] = await Promise.all([
      listSpaces(db, { territoryId: filter.territory?.id, trade: q.metier, text: q.q }, q.page ?? 1, PAGE_SIZE),
      countSpacesByDepartement(db),
      listDepartements(db),
    ])
    const values = { lieu: raw.lieu ?? '', metier: q.metier ?? '', q: q.q ?? '' }
    return reply.page(<Directory {...page} byDepartement={byDepartement} departements={departements} filter={filter} values={values} signedIn={request.actor.userId !== null} />)
  })

  const adminOrganisations = async (request: FastifyRequest) => {
    const ids = [...request.actor.memberships].filter(([, role]) => role === 'admin').map(([id]) => id)
    if (ids.length === 0) return []
    const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).orderBy('search_name').execute()
    return rows.map((r) => ({ value: r.id, label: r.name }))
  }

  async function newView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    return reply.page(<SpaceFormPage action="/espaces/nouveau" state={state} organisations={await adminOrganisations(request)} />, status)
  }
  app.get('/espaces/nouveau', async (request, reply) => newView(request, reply, { values: {}, errors: [] }))
  app.post('/espaces/nouveau', async (request, reply) => {
    const values = formValuesOf(request.body)
    const parsed = parseForm(SpaceForm, request.body)
    const territories = await resolveTerritoryText(db, typeof values.territories === 'string' ? values.territories : '', 'territories')
    if (!parsed.ok) return newView(request, reply, { values, errors: [...parsed.errors.filter((e) => e.field !== 'territories' || !territories.problem), ...(territories.problem ? [territories.problem] : [])] }, 400)
    const v = parsed.value
    const result = await withFieldErrors(() =>
      createSpace(db, request.actor, v.organisation_id ?? '', { name: v.name, mission: v.mission, trades: v.trades, territoryIds: territories.ids }, territories.problem ? [territories.problem] : []),
    )
    if (!result.ok) return newView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.space.created' })
    return reply.redirect(`/espaces/${result.value}`, 303)
  })

  /** The space's dialogues the actor may open: all of them for its team, those of their organisations otherwise. */
  async function dialoguesSeenBy(spaceId: string, team: boolean, organisations: string[]) {
    let query = db.selectFrom('catalysis_dialogues').select(['id', 'title', 'status']).where('space_id', '=', spaceId)
    if (!team) query = query.where('id', 'in', db.selectFrom('catalysis_dialogue_participants').select('dialogue_id').where('organisation_id', 'in', organisations.length ? organisations : ['-']))
    return query.orderBy('started_on', 'desc').execute()
  }

  app.get('/espaces/:id', { config: { public: true } }, async (request, reply) => {
    const access = await loadSpace(db, paramId(request))
    const actor = request.actor
    const parsed = parseForm(YearQuery, request.query)
    const years = await activityYears(db, access.space.id)
    const year = (parsed.ok ? parsed.value.annee : undefined) ?? years[years.length - 1]?.year ?? Number(parisToday().slice(0, 4))
    const team = isSpaceTeam(actor, access)
    const territories = await spaceTerritories(db, access.space.id)
    const perimeter = territories.map((t) => ({ id: t.id, kind: t.kind }))
    const now = new Date().toISOString()
    const visible = await visibleInvitationMeetings(db, { spaceId: access.space.id, team, email: actor.email, organisationIds: [...actor.memberships.keys()], userId: actor.userId })
    const organisations = [...actor.memberships.keys()]
    const [details, grid, activities, dashboard, upcoming, past, places, dialogues] = await Promise.all([
      findSpaceDetails(db, access),
      gridOfYear(db, access.space.id, year),
      listActivities(db, access.space.id, { year, limit: 200 }),
      cachedDashboard(db, perimeter),
      listMeetings(db, { spaceId: access.space.id, from: now, alsoVisible: visible }, { limit: 10, order: 'asc' }),
      listMeetings(db, { spaceId: access.space.id, to: now, alsoVisible: visible }, { limit: 10, order: 'desc' }),
      placesInPerimeter(db, perimeter, 12),
      actor.userId === null ? Promise.resolve([]) : dialoguesSeenBy(access.space.id, team, organisations),
    ])
    return reply.page(<SpacePage details={details} years={years} year={year} grid={grid} activities={activities} dashboard={dashboard} upcoming={upcoming} past={past} places={places} dialogues={dialogues} can={{ admin: isSpaceAdmin(actor, access), team }} />)
  })

  async function editView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const access = await loadSpace(db, paramId(request))
    authorizeSpaceAdmin(request.actor, access)
    const territories = await spaceTerritories(db, access.space.id)
    const initial = { name: access.space.name, mission: access.space.mission, trades: tradesOf(access.space.trade_mask), territories: territories.map((t) => t.id).join('; ') }
    return reply.page(<SpaceFormPage action={`/espaces/${access.space.id}/modifier`} state={state ?? { values: initial, errors: [] }} organisations={[]} space={access.space} />, status)
  }
  app.get('/espaces/:id/modifier', async (request, reply) => editView(request, reply, null))
  app.post('/espaces/:id/modifier', async (request, reply) => {
    const access = await loadSpace(db, paramId(request))
    const values = formValuesOf(request.body)
    authorizeSpaceAdmin(request.actor, access)
    const parsed = parseForm(SpaceForm, request.body)
    const territories = await resolveTerritoryText(db, typeof values.territories === 'string' ? values.territories : '', 'territories')
    if (!parsed.ok) return editView(request, reply, { values, errors: [...parsed.errors.filter((e) => e.field !== 'territories' || !territories.problem), ...(territories.problem ? [territories.problem] : [])] }, 400)
    const v = parsed.value
    const result = await withFieldErrors(() => updateSpace(db, request.actor, access.space.id, { name: v.name, mission: v.mission, trades: v.trades, territoryIds: territories.ids }, territories.problem ? [territories.problem] : []))
    if (!result.ok) return editView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.saved' })
    return reply.redirect(`/espaces/${access.space.id}`, 303)
  })

  async function teamView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const access = await loadSpace(db, paramId(request))
    const details = await findSpaceDetails(db, access)
    const search = parseForm(CoanimatorSearch, request.query)
    const q = search.ok ? (search.value.q ?? '') : ''
    const admin = isSpaceAdmin(request.actor, access)
    const candidates = admin && q !== '' ? (await listOrganisations(db, { text: q }, 1, 20)).rows.filter((o) => o.id !== access.space.organisation_id && !access.coanimators.some((c) => c.organisation_id === o.id)) : []
    const answerable = access.coanimators.filter((c) => request.actor.memberships.get(c.organisation_id) === 'admin').map((c) => c.organisation_id)
    return reply.page(<TeamPage details={details} can={{ admin }} candidates={candidates.map((c) => ({ id: c.id, name: c.name, world: c.world }))} state={state} search={q} answerable={answerable} />, status)
  }
  app.get('/espaces/:id/equipe', { config: { public: true } }, async (request, reply) => teamView(request, reply, { values: {}, errors: [] }))
  app.post('/espaces/:id/equipe', async (request, reply) => {
    const id = paramId(request)
    const access = await loadSpace(db, id)
    authorizeSpaceAdmin(request.actor, access)
    const values = formValuesOf(request.body)
    const parsed = parseForm(CoanimatorForm, request.body)
    if (!parsed.ok) return teamView(request, reply, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => inviteCoanimator(db, request.actor, id, parsed.value.organisation_id, options.publicUrl))
    if (!result.ok) return teamView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.team.invited' })
    return reply.redirect(`/espaces/${id}/equipe`, 303)
  })
  for (const [path, act, message] of [
    ['accepter', (r: FastifyRequest, s: string, o: string) => answerCoanimation(db, r.actor, s, o, true), 'catalysis.team.accepted'],
    ['refuser', (r: FastifyRequest, s: string, o: string) => answerCoanimation(db, r.actor, s, o, false), 'catalysis.team.declined'],
    ['retirer', (r: FastifyRequest, s: string, o: string) => removeCoanimator(db, r.actor, s, o), 'catalysis.team.removed'],
  ] as const) {
    app.post(`/espaces/:id/equipe/:organisationId/${path}`, async (request, reply) => {
      const id = paramId(request)
      await act(request, id, paramId(request, 'organisationId'))
      reply.setFlash({ kind: 'success', message })
      return reply.redirect(`/espaces/${id}/equipe`, 303)
    })
  }

  // --- activities ------------------------------------------------------------------------------------

  async function activityOrganisations(spaceId: string) {
    const rows = await db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('seat_commune_id', 'in', (eb) => eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', 'in', eb.selectFrom('catalysis_space_territories').select('territory_id').where('space_id', '=', spaceId)))
      .orderBy('search_name')
      .limit(300)
      .execute()
    return rows.map((r) => ({ value: r.id, label: r.name }))
  }

  async function activityView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const access = await loadSpace(db, paramId(request))
    const activityId = (request.params as { activityId?: string }).activityId
    const editing = activityId ? await findActivity(db, access.space.id, paramId(request, 'activityId')) : undefined
    if (activityId && !editing) return reply.callNotFound()
    authorizeSpaceTeam(request.actor, access)
    const initial: FormState = editing
      ? { values: { activity: editing.activity, title: editing.title, description: editing.description, started_on: editing.started_on, ended_on: editing.ended_on ?? '', hours: editing.minutes_spent ? String(editing.minutes_spent / 60) : '', organisation_ids: editing.organisations.map((o) => o.id), outputs: editing.outputs.map((o) => `${options.publicUrl}${outputPath(o.kind, o.targetId)}`).join('\n') }, errors: [] }
      : { values: { started_on: parisToday() }, errors: [] }
    const action = editing ? `/espaces/${access.space.id}/activites/${editing.id}/modifier` : `/espaces/${access.space.id}/activites`
    return reply.page(<ActivityFormPage space={access.space} action={action} state={state ?? initial} organisations={await activityOrganisations(access.space.id)} editing={editing} />, status)
  }

  async function saveActivity(request: FastifyRequest, reply: FastifyReply, activityId: string | null) {
    const spaceId = paramId(request)
    const access = await loadSpace(db, spaceId)
    authorizeSpaceTeam(request.actor, access)
    const values = formValuesOf(request.body)
    const parsed = parseForm(ActivityForm, request.body)
    const links = parseOutputLinks(typeof values.outputs === 'string' ? values.outputs : '')
    if (!parsed.ok) return activityView(request, reply, { values, errors: [...parsed.errors, ...(links.problem ? [links.problem] : [])] }, 400)
    const v = parsed.value
    const data: ActivityData = { activity: v.activity, title: v.title, description: v.description ?? '', startedOn: v.started_on, endedOn: v.ended_on ?? null, minutesSpent: minutesOf(v.hours), organisationIds: v.organisation_ids, outputs: links.outputs }
    const extra = links.problem ? [links.problem] : []
    const result = await withFieldErrors(() => (activityId ? updateActivity(db, request.actor, spaceId, activityId, data, extra).then(() => activityId) : recordActivity(db, request.actor, spaceId, data, extra)))
    if (!result.ok) return activityView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: activityId ? 'catalysis.saved' : 'catalysis.activity.recorded' })
    return reply.redirect(`/espaces/${spaceId}?annee=${v.started_on.slice(0, 4)}#frise`, 303)
  }

  app.get('/espaces/:id/activites/nouvelle', async (request, reply) => activityView(request, reply, null))
  app.post('/espaces/:id/activites', async (request, reply) => saveActivity(request, reply, null))
  app.get('/espaces/:id/activites/:activityId/modifier', async (request, reply) => activityView(request, reply, null))
  app.post('/espaces/:id/activites/:activityId/modifier', async (request, reply) => saveActivity(request, reply, paramId(request, 'activityId')))
  app.post('/espaces/:id/activites/:activityId/supprimer', async (request, reply) => {
    const spaceId = paramId(request)
    await deleteActivity(db, request.actor, spaceId, paramId(request, 'activityId'))
    reply.setFlash({ kind: 'success', message: 'catalysis.activity.deleted' })
    return reply.redirect(`/espaces/${spaceId}#frise`, 303)
  })

  // --- report, new links, calendar ------------------------------------------------------------------

  app.get('/espaces/:id/rapport/:year', { config: { public: true } }, async (request, reply) => {
    const access = await loadSpace(db, paramId(request))
    const year = Number((request.params as { year: string }).year)
    if (!Number.isInteger(year) || year < 1900 || year > 2200) return reply.callNotFound()
    const from = `${year}-01-01T00:00:00.000Z`
    const to = `${year + 1}-01-01T00:00:00.000Z`
    const [details, grid, outputs, activities, meetings] = await Promise.all([
      findSpaceDetails(db, access),
      gridOfYear(db, access.space.id, year),
      outputCountsOfYear(db, access.space.id, year),
      listActivities(db, access.space.id, { year, limit: 1000 }),
      listMeetings(db, { spaceId: access.space.id, from, to: to < new Date().toISOString() ? to : new Date().toISOString() }, { limit: 200, order: 'asc' }),
    ])
    const withLinks = await Promise.all(meetings.map(async (m) => ({ ...m, newLinks: (await newLinksOf(db, [m.id])).newLinks.length })))
    return reply.page(<Report details={details} year={year} grid={grid} outputs={outputs} activities={[...activities].reverse()} meetings={withLinks} generatedOn={parisToday()} />)
  })

  app.get('/espaces/:id/liens', { config: { public: true } }, async (request, reply) => {
    const access = await loadSpace(db, paramId(request))
    const held = await listMeetings(db, { spaceId: access.space.id, to: new Date().toISOString() }, { limit: LINKS_MEETINGS, order: 'desc' })
    const figure = await newLinksOf(db, held.map((m) => m.id))
    return reply.page(<NewLinksPage title={access.space.name} back={{ label: access.space.name, href: `/espaces/${access.space.id}` }} figure={figure} meetings={held.length} />)
  })

  app.get('/espaces/:id/calendrier.ics', { config: { public: true } }, async (request, reply) => {
    const access = await loadSpace(db, paramId(request))
    const version = await meetingsVersion(db)
    const text = await feedsOf(db).get(`space:${access.space.id}`, `${version}:${access.space.updated_at}`, async () => meetingsCalendar(access.space.name, await icalRows(db, { spaceId: access.space.id }, FEED_LIMIT), options.publicUrl))
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="espace-${access.space.id}.ics"`)
      .header('cache-control', 'public, max-age=300')
      .send(text)
  })
}

function outputPath(kind: string, id: string): string {
  return { connection: '/mises-en-relation/', alliance: '/alliances/', need: '/besoins/', survey: '/repondre/', meeting: '/rencontres/' }[kind] + id
}
