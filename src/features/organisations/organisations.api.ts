/**
 * JSON API of organisations (actors): the directory with the same filters as the page, one public profile,
 * registration and edition for signed-in people (same service, same rules as the forms).
 */
import type { FastifyInstance } from 'fastify'
import Type, { type Static } from 'typebox'
import { isId } from '../../core/db/values.js'
import { notFound } from '../../core/errors.js'
import { presentTerritory, TerritorySchema } from '../territories/index.js'
import { findOrganisationDetails, listOrganisations, type OrganisationDetails } from './organisations.queries.js'
import { OrganisationApiInput, WORLD_CODES, type OrganisationApiInputT, type OrganisationData } from './organisations.schemas.js'
import { createOrganisation, updateOrganisation } from './organisations.service.js'

const OrganisationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  world: Type.String({ description: 'Code of the world (see /api/v1/vocabulary, kind `world`)' }),
  siren: Type.Union([Type.String(), Type.Null()]),
  siret: Type.Union([Type.String(), Type.Null()]),
  rna: Type.Union([Type.String(), Type.Null()]),
  size_band: Type.Union([Type.String(), Type.Null()]),
  seat: Type.Union([TerritorySchema, Type.Null()]),
  perimeter: Type.Array(TerritorySchema),
  sdgs: Type.Array(Type.Integer()),
  description: Type.String(),
  website: Type.Union([Type.String(), Type.Null()]),
  contact_email: Type.Union([Type.String(), Type.Null()]),
  contact_phone: Type.Union([Type.String(), Type.Null()]),
  is_demo: Type.Boolean({ description: 'True for the fictional demonstration dataset' }),
  created_at: Type.String(),
  updated_at: Type.String(),
})

function present(d: OrganisationDetails): Static<typeof OrganisationSchema> {
  const o = d.organisation
  return {
    id: o.id,
    name: o.name,
    world: o.world,
    siren: o.siren,
    siret: o.siret,
    rna: o.rna,
    size_band: o.size_band,
    seat: d.seat ? presentTerritory(d.seat) : null,
    perimeter: d.perimeter.map(presentTerritory),
    sdgs: d.sdgs,
    description: o.description,
    website: o.website,
    contact_email: o.contact_email,
    contact_phone: o.contact_phone,
    is_demo: o.is_demo === 1,
    created_at: o.created_at,
    updated_at: o.updated_at,
  }
}

function dataOf(input: OrganisationApiInputT): OrganisationData {
  return {
    name: input.name.trim(),
    world: input.world,
    siret: input.siret ?? null,
    siren: input.siren ?? null,
    rna: input.rna ?? null,
    seatCommuneId: `commune:${input.seat_commune_code}`,
    perimeterIds: input.perimeter,
    sizeBand: input.size_band ?? null,
    sdgs: input.sdgs ?? [],
    description: input.description ?? '',
    website: input.website ?? null,
    contactEmail: input.contact_email ?? null,
    contactPhone: input.contact_phone ?? null,
  }
}

const Problem = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String() }, { additionalProperties: true })

export async function organisationApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/organisations',
    {
      config: { public: true },
      schema: {
        operationId: 'listOrganisations',
        tags: ['organisations'],
        summary: 'The directory of actors, with filters',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100, description: 'Text in the name' })),
            world: Type.Optional(Type.Union(WORLD_CODES.map((w) => Type.Literal(w)))),
            sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
            territory: Type.Optional(Type.String({ pattern: '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$', description: 'Seated inside this territory, e.g. `departement:94`' })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
            per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            data: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), world: Type.String(), seat_name: Type.String(), seat_code: Type.String(), is_demo: Type.Boolean() })),
            total: Type.Integer(),
            page: Type.Integer(),
            page_count: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query as { q?: string; world?: string; sdg?: number; territory?: string; page?: number; per_page?: number }
      const result = await listOrganisations(app.db, { text: q.q, world: q.world, sdg: q.sdg, territoryId: q.territory }, q.page ?? 1, q.per_page ?? 20)
      return {
        data: result.rows.map((r) => ({ ...r, is_demo: r.is_demo === 1 })),
        total: result.total,
        page: result.page,
        page_count: result.pageCount,
      }
    },
  )

  app.get(
    '/api/v1/organisations/:id',
    {
      config: { public: true },
      schema: {
        operationId: 'getOrganisation',
        tags: ['organisations'],
        summary: 'The public profile of one actor',
        params: Type.Object({ id: Type.String() }),
        response: { 200: Type.Object({ data: OrganisationSchema }), 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const details = isId(id) ? await findOrganisationDetails(app.db, id) : undefined
      if (!details) throw notFound()
      return { data: present(details) }
    },
  )

  app.post(
    '/api/v1/organisations',
    {
      schema: {
        operationId: 'createOrganisation',
        tags: ['organisations'],
        summary: 'Register an organisation; the signed-in person becomes its admin',
        body: OrganisationApiInput,
        response: { 201: Type.Object({ data: OrganisationSchema }), 400: Problem, 401: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const id = await createOrganisation(app.db, request.actor, dataOf(request.body as OrganisationApiInputT))
      const details = await findOrganisationDetails(app.db, id)
      if (!details) throw notFound()
      reply.header('location', `/api/v1/organisations/${id}`)
      return reply.status(201).send({ data: present(details) })
    },
  )

  app.put(
    '/api/v1/organisations/:id',
    {
      schema: {
        operationId: 'updateOrganisation',
        tags: ['organisations'],
        summary: 'Replace an organisation’s profile (its admins only)',
        params: Type.Object({ id: Type.String() }),
        body: OrganisationApiInput,
        response: { 200: Type.Object({ data: OrganisationSchema }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      if (!isId(id)) throw notFound()
      await updateOrganisation(app.db, request.actor, id, dataOf(request.body as OrganisationApiInputT))
      const details = await findOrganisationDetails(app.db, id)
      if (!details) throw notFound()
      return { data: present(details) }
    },
  )
}
