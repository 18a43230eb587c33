/**
 * JSON API of organisations (actors): the directory with the same filters as the page (paged: past the last
 * page the list is empty, with its totals), one public profile, registration and replacement for signed-in
 * people (same service, same rules as the forms). Rights come before input: replacing another organisation's
 * profile answers 404 (403 for a member who is not an admin) whatever the body.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../core/errors.js'
import { apiRoute, paramId } from '../../core/http/routes.js'
import { IdParams } from '../../core/http/schemas.js'
import { findOrganisationDetails, listOrganisations, type OrganisationDetails } from './organisations.queries.js'
import { authorizeAdmin } from './organisations.policy.js'
import { ORGANISATION_PAGES } from './organisations.routes.js'
import { dataOfApiInput, DirectoryApiQuery, DirectoryPageSchema, OrganisationApiInput, OrganisationSchema, presentDirectoryPage, presentOrganisation } from './organisations.schemas.js'
import { createOrganisation, updateOrganisation } from './organisations.service.js'

const OrganisationAnswer = (description: string) => Type.Object({ data: OrganisationSchema }, { description })

/** Registers the organisations API. */
export async function organisationApi(app: FastifyInstance): Promise<void> {
  /** The profile named by `:id`, or 404 (a malformed id included). */
  async function profileOf(request: FastifyRequest): Promise<OrganisationDetails> {
    const details = await findOrganisationDetails(app.db, paramId(request))
    if (!details) throw notFound()
    return details
  }

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/organisations',
    public: true,
    operationId: 'listOrganisations',
    tags: ['organisations'],
    summary: 'The directory of actors, with filters (seated inside a territory includes everything it contains)',
    querystring: DirectoryApiQuery,
    response: { 200: DirectoryPageSchema },
    handler: async (request) => {
      const { q, world, sdg, territory, page = 1, per_page = 20 } = request.query
      return presentDirectoryPage(await listOrganisations(app.db, { text: q, world, sdg, territoryId: territory }, page, per_page))
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/organisations/:id',
    public: true,
    operationId: 'getOrganisation',
    tags: ['organisations'],
    summary: 'The public profile of one actor',
    params: IdParams,
    authorize: profileOf,
    response: { 200: OrganisationAnswer('The profile') },
    handler: async (_request, _reply, details) => ({ data: presentOrganisation(details) }),
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/organisations',
    operationId: 'createOrganisation',
    tags: ['organisations'],
    summary: 'Register an organisation; the signed-in person becomes its admin',
    description: 'A SIRET or RNA number another organisation already holds is not refused: the organisation is registered without it and a claim opens for review by the platform.',
    body: OrganisationApiInput,
    formFields: [[/^seat$/, 'seat_commune_code'], [/^perimeter_/, 'perimeter']],
    response: { 201: OrganisationAnswer('The registered organisation (its address in `Location`)') },
    errors: [409],
    invalidates: [ORGANISATION_PAGES],
    handler: async (request, reply) => {
      const id = await createOrganisation(app.db, request.actor, dataOfApiInput(request.body))
      const details = await findOrganisationDetails(app.db, id)
      if (!details) throw notFound()
      reply.header('location', `/api/v1/organisations/${id}`)
      return { data: presentOrganisation(details) }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/organisations/:id',
    operationId: 'updateOrganisation',
    tags: ['organisations'],
    summary: 'Replace an organisation’s profile (its admins only)',
    params: IdParams,
    body: OrganisationApiInput,
    formFields: [[/^seat$/, 'seat_commune_code'], [/^perimeter_/, 'perimeter']],
    authorize: async (request) => {
      const id = paramId(request)
      authorizeAdmin(request.actor, id)
      return profileOf(request)
    },
    response: { 200: OrganisationAnswer('The profile as saved') },
    errors: [409],
    invalidates: [ORGANISATION_PAGES],
    handler: async (request, _reply, before) => {
      const id = before.organisation.id
      await updateOrganisation(app.db, request.actor, id, dataOfApiInput(request.body))
      const details = await findOrganisationDetails(app.db, id)
      if (!details) throw notFound()
      return { data: presentOrganisation(details) }
    },
  })
}
