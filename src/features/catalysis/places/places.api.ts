/**
 * JSON API of places (OpenAPI tag `catalysis`): the directory page by page, one place, declaring and editing
 * a place (members of the managing organisation), offering it as a resource (mise à disposition d'un lieu, it
 * then appears in matching) and withdrawing the offer.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { pageOf } from '../../../core/db/paging.js'
import { notFound } from '../../../core/errors.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams, pageMeta } from '../../../core/http/schemas.js'
import { findTerritoryById } from '../../territories/index.js'
import { authorizePlaceEdit } from '../catalysis.policy.js'
import { Done, PAGE_TAGS, TAG } from '../catalysis.schemas.js'
import { findPlaceDetails, listPlaces } from './places.queries.js'
import { PlaceApiInput, PlaceApiUpdate, placeData, PlaceList, PlaceListQuery, PlaceSchema, presentPlace } from './places.schemas.js'
import { createPlace, loadPlace, offerPlace, updatePlace, withdrawPlaceOffer } from './places.service.js'

export async function placeApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const editorOf = async (request: FastifyRequest) => {
    const place = await loadPlace(db, paramId(request))
    authorizePlaceEdit(request.actor, place)
    return place
  }

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/places',
    public: true,
    operationId: 'listPlaces',
    tags: [TAG],
    summary: 'Places that serve co-construction, inside a territory, by kind and words, by name',
    querystring: PlaceListQuery,
    response: { 200: PlaceList },
    handler: async (request) => {
      const q = request.query
      const territory = q.territory ? await findTerritoryById(db, q.territory) : undefined
      // an unknown territory matches nothing (never "every place")
      const page = q.territory && !territory ? pageOf([], 0, q.page ?? 1, q.per_page ?? 20) : await listPlaces(db, { territory: territory ? { id: territory.id, kind: territory.kind } : undefined, kind: q.kind, text: q.q }, q.page ?? 1, q.per_page ?? 20)
      return { data: page.rows.map(presentPlace), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/places/:id',
    public: true,
    operationId: 'getPlace',
    tags: [TAG],
    summary: 'One place',
    params: IdParams,
    response: { 200: Type.Object({ data: PlaceSchema }, { description: 'The place' }) },
    authorize: async (request) => {
      const place = await findPlaceDetails(db, paramId(request))
      if (!place) throw notFound()
      return place
    },
    handler: async (_request, _reply, place) => ({ data: presentPlace(place) }),
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/places',
    operationId: 'createPlace',
    tags: [TAG],
    summary: 'Declare a place managed by one of your organisations (another organisation: 404)',
    body: PlaceApiInput,
    formFields: [[/^hours_/, 'opening_hours'], [/^commune$/, 'commune_id']],
    response: { 201: Type.Object({ id: Id, href: Type.String() }, { description: 'Created' }) },
    errors: [404],
    invalidates: [PAGE_TAGS.places],
    handler: async (request) => {
      const id = await createPlace(db, request.actor, request.body.organisation_id, placeData(request.body))
      return { id, href: `/lieux/${id}` }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/places/:id',
    operationId: 'updatePlace',
    tags: [TAG],
    summary: 'Edit a place (the members of its organisation)',
    params: IdParams,
    body: PlaceApiUpdate,
    formFields: [[/^hours_/, 'opening_hours'], [/^commune$/, 'commune_id']],
    response: { 200: Done },
    invalidates: [PAGE_TAGS.places],
    authorize: editorOf,
    handler: async (request, _reply, place) => {
      await updatePlace(db, request.actor, place.id, placeData(request.body))
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/places/:id/offer',
    operationId: 'offerPlace',
    tags: [TAG],
    summary: 'Offer the place as a resource (mise à disposition d’un lieu): it then appears in matching',
    params: IdParams,
    response: { 201: Type.Object({ resource_id: Id }, { description: 'The listening resource offering the place' }) },
    invalidates: [PAGE_TAGS.places],
    authorize: editorOf,
    handler: async (request, _reply, place) => ({ resource_id: await offerPlace(db, request.actor, place.id) }),
  })

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/places/:id/offer',
    operationId: 'withdrawPlaceOffer',
    tags: [TAG],
    summary: 'Withdraw the offer (its resource is closed)',
    params: IdParams,
    response: { 204: Type.Null({ description: 'Withdrawn' }) },
    invalidates: [PAGE_TAGS.places],
    authorize: editorOf,
    handler: async (request, reply, place) => {
      await withdrawPlaceOffer(db, request.actor, place.id)
      return reply.status(204).send()
    },
  })
}
