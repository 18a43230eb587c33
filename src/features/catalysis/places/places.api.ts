/** API of places: directory, one place, declare, edit, offer as a resource and withdraw the offer. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { paramId } from '../../../core/http/forms.js'
import { findTerritoryById } from '../../territories/index.js'
import { IdParams, Ok, Problem, TAG, WRITE_ERRORS } from '../api.common.js'
import { authorizePlaceEdit } from '../catalysis.policy.js'
import type { Day } from './places.codes.js'
import { findPlaceDetails, listPlaces, type PlaceDetails } from './places.queries.js'
import { ApiPlaceQuery, PlaceApiInput, PlaceApiUpdate, type PlaceApiInputT } from './places.schemas.js'
import { createPlace, loadPlace, offerPlace, updatePlace, withdrawPlaceOffer, type PlaceData } from './places.service.js'

function present(p: PlaceDetails) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    description: p.description,
    address: p.address,
    commune_id: p.commune_id,
    commune_name: p.commune_name,
    organisation_id: p.organisation_id,
    organisation_name: p.organisation_name,
    capacity: p.capacity,
    accessibility: p.accessibility.split(',').filter(Boolean),
    services: p.services.split(',').filter(Boolean),
    opening_hours: JSON.parse(p.opening_hours) as Record<string, string>,
    website: p.website,
    resource_id: p.offer_status === 'disponible' ? p.resource_id : null,
    href: `/lieux/${p.id}`,
  }
}

function placeData(v: Omit<PlaceApiInputT, 'organisation_id'>): PlaceData {
  return { name: v.name, kind: v.kind, description: v.description ?? '', address: v.address, communeId: v.commune_id, capacity: v.capacity ?? null, accessibility: v.accessibility ?? [], services: v.services ?? [], openingHours: (v.opening_hours ?? {}) as Partial<Record<Day, string>>, website: v.website ?? null }
}

export async function placeApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const edit = async (request: FastifyRequest) => authorizePlaceEdit(request.actor, await loadPlace(db, paramId(request)))

  app.get('/api/v1/places', { config: { public: true }, schema: { operationId: 'listPlaces', tags: [TAG], summary: 'Places that serve co-construction, inside a territory, by kind', querystring: ApiPlaceQuery } }, async (request) => {
    const q = request.query as { territory?: string; kind?: string; q?: string; page?: number; per_page?: number }
    const territory = q.territory ? await findTerritoryById(db, q.territory) : undefined
    const page = await listPlaces(db, { territory: territory ? { id: territory.id, kind: territory.kind } : undefined, kind: q.kind, text: q.q }, q.page ?? 1, q.per_page ?? 20)
    return { data: page.rows.map(present), total: page.total, page: page.page, page_count: page.pageCount }
  })
  app.get('/api/v1/places/:id', { config: { public: true }, schema: { operationId: 'getPlace', tags: [TAG], summary: 'One place', params: IdParams, response: { 404: Problem } } }, async (request, reply) => {
    const p = await findPlaceDetails(db, paramId(request))
    if (!p) return reply.callNotFound()
    return { data: present(p) }
  })
  app.post('/api/v1/places', { schema: { operationId: 'createPlace', tags: [TAG], summary: 'Declare a place managed by one of your organisations', body: PlaceApiInput, response: { 201: Type.Object({ id: Type.String(), href: Type.String() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    const v = request.body as PlaceApiInputT
    const id = await createPlace(db, request.actor, v.organisation_id, placeData(v))
    return reply.status(201).send({ id, href: `/lieux/${id}` })
  })
  app.put('/api/v1/places/:id', { preValidation: edit, schema: { operationId: 'updatePlace', tags: [TAG], summary: 'Edit a place (its organisation’s members)', params: IdParams, body: PlaceApiUpdate, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    await updatePlace(db, request.actor, paramId(request), placeData(request.body as Omit<PlaceApiInputT, 'organisation_id'>))
    return { ok: true }
  })
  app.post('/api/v1/places/:id/offer', { preValidation: edit, schema: { operationId: 'offerPlace', tags: [TAG], summary: 'Offer the place as a resource (mise à disposition d’un lieu): it then appears in matching', params: IdParams, response: { 201: Type.Object({ resource_id: Type.String() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    return reply.status(201).send({ resource_id: await offerPlace(db, request.actor, paramId(request)) })
  })
  app.delete('/api/v1/places/:id/offer', { preValidation: edit, schema: { operationId: 'withdrawPlaceOffer', tags: [TAG], summary: 'Withdraw the offer (its resource is closed)', params: IdParams, response: { 204: Type.Null(), ...WRITE_ERRORS } } }, async (request, reply) => {
    await withdrawPlaceOffer(db, request.actor, paramId(request))
    return reply.status(204).send()
  })
}
