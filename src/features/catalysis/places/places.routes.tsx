/**
 * Pages of places (lieux): the directory (inside a territory, by kind, by words), a place's page, and the
 * forms to declare, edit and offer a place (or withdraw the offer). Rights before input: editing is for the
 * members of the managing organisation (403 for the others: places are public), an unknown place 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { isMemberOf } from '../../../core/access/actor.js'
import type { FieldProblem } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId, postedValues } from '../../../core/http/routes.js'
import { IdParams } from '../../../core/http/schemas.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import type { FormState } from '../../../core/views/forms.js'
import { notFound } from '../../../core/errors.js'
import { resolvePlaceFilter } from '../../territories/index.js'
import { authorizePlaceEdit } from '../catalysis.policy.js'
import { PAGE_TAGS } from '../catalysis.schemas.js'
import type { CatalysisPlacesTable } from '../catalysis.table.js'
import { listMeetings } from '../meetings/meetings.queries.js'
import { resolveTerritoryText } from '../territory-scope.js'
import { findPlaceDetails, listPlaces } from './places.queries.js'
import { hoursOf, NewPlaceForm, PlaceForm, PlaceQuery, type PlaceFormT } from './places.schemas.js'
import { createPlace, loadPlace, offerPlace, updatePlace, withdrawPlaceOffer, type PlaceData } from './places.service.js'
import { PlaceDirectory, PlaceFormPage, PlacePage } from './views/PlacePages.js'

const PAGE_SIZE = 30

export async function placePages(app: FastifyInstance): Promise<void> {
  const db = app.db
  /** The place of the URL, which the actor may edit. */
  const editorOf = async (request: FastifyRequest) => {
    const place = await loadPlace(db, paramId(request))
    authorizePlaceEdit(request.actor, place)
    return place
  }

  pageRoute(app, {
    url: '/lieux',
    public: true,
    cache: { tags: [PAGE_TAGS.places] },
    querystring: lenient(PlaceQuery),
    handler: async (request, reply) => {
      const q = request.query
      const filter = await resolvePlaceFilter(db, { territoire: q.territoire, lieu: q.lieu })
      const page = await listPlaces(db, { territory: filter.territory ? { id: filter.territory.id, kind: filter.territory.kind } : undefined, kind: q.type, text: q.q }, q.page ?? 1, PAGE_SIZE)
      return reply.page(<PlaceDirectory {...page} filter={filter} values={{ lieu: q.lieu ?? '', type: q.type ?? '', q: q.q ?? '' }} problems={queryProblems(request.query)} signedIn={request.actor.userId !== null} />)
    },
  })

  /** The commune typed as text, resolved: its problem shows with the form's others. */
  const communeOf = async (values: FormState['values']): Promise<{ id: string | null; problems: FieldProblem[] }> => {
    const text = typeof values.commune === 'string' ? values.commune.trim() : ''
    if (text === '') return { id: null, problems: [] }
    const { ids, problem } = await resolveTerritoryText(db, text, 'commune')
    if (problem) return { id: null, problems: [{ field: 'commune', message: 'catalysis.error.communeUnknown', params: { q: text } }] }
    return ids[0] ? { id: ids[0], problems: [] } : { id: null, problems: [{ field: 'commune', message: 'catalysis.error.communeRequired' }] }
  }
  const placeDataOf = async (request: FastifyRequest, v: PlaceFormT): Promise<PlaceData> => ({
    name: v.name,
    kind: v.kind,
    description: v.description ?? '',
    address: v.address,
    communeId: (await communeOf(postedValues(request))).id ?? '',
    capacity: v.capacity ?? null,
    accessibility: v.accessibility,
    services: v.services,
    openingHours: hoursOf(v as unknown as Record<string, unknown>),
    website: v.website ?? null,
  })

  /** The organisations the actor is a member of (a place is declared for one of them). */
  const memberOrganisations = async (request: FastifyRequest) => {
    const ids = [...request.actor.memberships.keys()]
    if (ids.length === 0) return []
    return (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).orderBy('search_name').execute()).map((o) => ({ value: o.id, label: o.name }))
  }
  const renderNew = async (request: FastifyRequest, reply: FastifyReply, _ctx: unknown, state: FormState, status: number) => reply.page(<PlaceFormPage action="/lieux/nouveau" state={state} organisations={await memberOrganisations(request)} />, status)
  pageRoute(app, { url: '/lieux/nouveau', handler: async (request, reply) => renderNew(request, reply, undefined, { values: {}, errors: [] }, 200) })
  formRoute(app, {
    url: '/lieux/nouveau',
    body: NewPlaceForm,
    invalidates: [PAGE_TAGS.places],
    render: renderNew,
    check: async (_request, _ctx, values) => (await communeOf(values)).problems,
    handler: async (request, reply) => {
      const id = await createPlace(db, request.actor, request.body.organisation_id, await placeDataOf(request, request.body))
      return done(reply, `/lieux/${id}`, { kind: 'success', message: 'catalysis.place.created' })
    },
  })

  pageRoute(app, {
    url: '/lieux/:id',
    public: true,
    params: IdParams,
    authorize: async (request) => {
      const place = await findPlaceDetails(db, paramId(request))
      if (!place) throw notFound()
      return place
    },
    handler: async (request, reply, place) => {
      const now = new Date().toISOString()
      const [upcoming, past] = await Promise.all([listMeetings(db, { placeId: place.id, from: now }, { limit: 20, order: 'asc' }), listMeetings(db, { placeId: place.id, to: now }, { limit: 20, order: 'desc' })])
      return reply.page(<PlacePage place={place} upcoming={upcoming} past={past} canEdit={isMemberOf(request.actor, place.organisation_id)} />)
    },
  })

  const renderEdit = async (_request: FastifyRequest, reply: FastifyReply, place: CatalysisPlacesTable, state: FormState, status: number) => reply.page(<PlaceFormPage action={`/lieux/${place.id}/modifier`} state={state} organisations={[]} place={place} />, status)
  pageRoute(app, {
    url: '/lieux/:id/modifier',
    params: IdParams,
    authorize: editorOf,
    handler: async (request, reply, place) => {
      const hours = JSON.parse(place.opening_hours) as Record<string, string>
      const values = {
        name: place.name,
        kind: place.kind,
        description: place.description,
        address: place.address,
        commune: place.commune_id,
        capacity: place.capacity ? String(place.capacity) : '',
        accessibility: place.accessibility.split(',').filter(Boolean),
        services: place.services.split(',').filter(Boolean),
        website: place.website ?? '',
        ...Object.fromEntries(Object.entries(hours).map(([d, v]) => [`hours_${d}`, v])),
      }
      return renderEdit(request, reply, place, { values, errors: [] }, 200)
    },
  })
  formRoute(app, {
    url: '/lieux/:id/modifier',
    params: IdParams,
    body: PlaceForm,
    invalidates: [PAGE_TAGS.places],
    authorize: editorOf,
    render: renderEdit,
    check: async (_request, _ctx, values) => (await communeOf(values)).problems,
    handler: async (request, reply, place) => {
      await updatePlace(db, request.actor, place.id, await placeDataOf(request, request.body))
      return done(reply, `/lieux/${place.id}`, { kind: 'success', message: 'catalysis.saved' })
    },
  })

  // Offering the place makes it a listening resource (public pages of resources): their cache is invalidated.
  for (const [path, act, message] of [
    ['proposer', offerPlace, 'catalysis.place.offeredFlash'],
    ['retirer', withdrawPlaceOffer, 'catalysis.place.withdrawnFlash'],
  ] as const) {
    formRoute(app, {
      url: `/lieux/:id/${path}`,
      params: IdParams,
      body: Type.Object({}),
      invalidates: [PAGE_TAGS.places],
      authorize: editorOf,
      render: renderEdit,
      handler: async (request, reply, place) => {
        await act(db, request.actor, place.id)
        return done(reply, `/lieux/${place.id}`, { kind: 'success', message })
      },
    })
  }
}
