/**
 * JSON API of listening: needs and resources with the lists' filters, one of each, their ranked matches with
 * the reasons in words, and create / replace for signed-in members (same services and rules as the forms).
 * Amounts are in cents; SDGs, domains and contribution types are vocabulary codes. Every list pages the same
 * way (`page`, `per_page`; past the last page, `data` is empty and the totals are still given).
 *
 * Rights (one order): sign-in (401) → the object of the URL (a listing of another organisation to replace:
 * 404) → the body (400, every field at once) → acting for an organisation one does not belong to (404) → the
 * service.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { pageOf, pageWindow } from '../../core/db/paging.js'
import { notFound } from '../../core/errors.js'
import { apiRoute, paramId } from '../../core/http/routes.js'
import { IdParams, Page, pageMeta } from '../../core/http/schemas.js'
import {
  NeedMatchSchema,
  NeedSchema,
  NeedSummarySchema,
  presentNeed,
  presentNeedSummary,
  presentResource,
  presentResourceSummary,
  ResourceMatchSchema,
  ResourceSchema,
  ResourceSummarySchema,
} from './listening.api-schemas.js'
import { canEditListing } from './listening.policy.js'
import { findNeed, findResource, listNeeds, listNeedsByIds, listResources, listResourcesByIds, type ListFilters } from './listening.queries.js'
import {
  MatchesQuery,
  NeedApiInput,
  NeedApiQuery,
  NeedApiUpdate,
  ResourceApiInput,
  ResourceApiQuery,
  ResourceApiUpdate,
  type ApiListQueryT,
  type NeedApiUpdateT,
  type NeedData,
  type ResourceApiUpdateT,
  type ResourceData,
} from './listening.schemas.js'
import { createNeed, createResource, updateNeed, updateResource } from './listening.service.js'
import { loadNeedSides, loadResourceSides } from './matching/loaders.js'
import { matchResourcesForNeed, type RankedId } from './matching/pruned.js'
import { explainNeeds, explainResources, matchNeedsForResource, type Explained } from './matching/rank.js'
import { reasonText } from './views/Reasons.js'

/**
 * The matches of a need or a resource are ranked up to this many (people contact the first ones; ranking
 * further would read much more for nothing). Their pages, totals and `total_capped` are within these.
 */
export const MATCH_CAP = 100
const TAGS: ['listening'] = ['listening']
const LISTINGS = ['listening']

function filtersOf(q: ApiListQueryT): ListFilters {
  return { text: q.q, territoryId: q.territory, domain: q.domain, sdg: q.sdg, contributionType: q.contribution_type, world: q.world, status: q.status }
}

function needData(input: NeedApiUpdateT, organisationId: string): NeedData {
  return {
    organisationId,
    title: input.title,
    description: input.description,
    domain: input.domain,
    sdgs: input.sdgs ?? null,
    territoryId: input.territory_id,
    contributions: input.contributions.map((c) => ({
      type: c.type,
      amountMinCents: c.amount_min_cents ?? null,
      amountMaxCents: c.amount_max_cents ?? null,
      hours: c.hours ?? null,
      people: c.people ?? null,
      skills: c.skills ?? null,
      details: c.details ?? null,
    })),
    horizon: input.horizon,
    lever: input.lever ?? null,
    status: input.status ?? null,
  }
}

function resourceData(input: ResourceApiUpdateT, organisationId: string): ResourceData {
  return {
    organisationId,
    kind: input.kind,
    title: input.title,
    description: input.description,
    contributionType: input.contribution_type,
    amountMinCents: input.amount_min_cents ?? null,
    amountMaxCents: input.amount_max_cents ?? null,
    hours: input.hours ?? null,
    people: input.people ?? null,
    skills: input.skills ?? null,
    items: input.items ?? null,
    place: input.place ?? null,
    domains: input.domains ?? [],
    sdgs: input.sdgs ?? [],
    reachTerritoryId: input.reach_territory_id ?? null,
    availableFrom: input.available_from ?? null,
    availableUntil: input.available_until ?? null,
    status: input.status ?? null,
  }
}

function reasons(request: FastifyRequest, e: Explained) {
  return e.score.components.map((c) => ({ code: c.code, points: c.points, label: reasonText(c, request.t, request.locale) }))
}

/** A page of the best `MATCH_CAP` ranked ids (ranked once up to the cap and one more, to know whether it is reached). */
function matchPage(ranked: RankedId[], page: number, perPage: number) {
  const window = pageWindow(page, perPage)
  const within = ranked.slice(0, MATCH_CAP)
  return { ids: within.slice(window.offset, window.offset + window.limit), page: pageOf([], within.length, window.page, perPage), capped: ranked.length > MATCH_CAP }
}

/** Gives a success schema its description in the OpenAPI document. */
const described = <T extends object>(schema: T, description: string): T => Object.assign(schema, { description })

export async function listeningApi(app: FastifyInstance): Promise<void> {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/needs',
    public: true,
    operationId: 'listNeeds',
    tags: TAGS,
    summary: 'Needs (besoins), newest first, with filters',
    querystring: NeedApiQuery,
    response: { 200: described(Page(NeedSummarySchema, { capped: true, totalDescription: 'Needs matching, counted up to 1 000' }), 'A page of needs and the totals') },
    handler: async (request) => {
      const q = request.query
      const page = await listNeeds(app.db, filtersOf(q), q.page ?? 1, q.per_page ?? 20)
      return { data: page.rows.map(presentNeedSummary), ...pageMeta(page), total_capped: page.capped }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/needs/:id',
    public: true,
    operationId: 'getNeed',
    tags: TAGS,
    summary: 'One need with the help it seeks',
    params: IdParams,
    response: { 200: described(Type.Object({ data: NeedSchema }), 'The need') },
    authorize: async (request) => {
      const details = await findNeed(app.db, paramId(request))
      if (!details) throw notFound()
      return details
    },
    handler: async (_request, _reply, details) => ({ data: presentNeed(details) }),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/needs/:id/matches',
    public: true,
    operationId: 'getNeedMatches',
    tags: TAGS,
    summary: 'The resources ranked for a need, each score explained',
    description: `Available resources of other organisations whose reach covers the need, best first; ranked up to the best ${MATCH_CAP}.`,
    params: IdParams,
    querystring: MatchesQuery,
    response: { 200: described(Page(ResourceMatchSchema, { capped: true, totalDescription: `Matches, counted up to ${MATCH_CAP}` }), 'A page of the ranked resources') },
    authorize: async (request) => {
      const id = paramId(request)
      const need = (await loadNeedSides(app.db, [id])).get(id)
      if (!need) throw notFound()
      return need
    },
    handler: async (request, _reply, need) => {
      const now = new Date()
      const ranked = await matchResourcesForNeed(app.db, need, { limit: MATCH_CAP + 1, now })
      const { ids, page, capped } = matchPage(ranked, request.query.page ?? 1, request.query.per_page ?? 20)
      const explained = await explainResources(app.db, need, ids, now)
      const rows = new Map((await listResourcesByIds(app.db, explained.map((e) => e.resourceId))).map((r) => [r.id, r]))
      const data = explained.flatMap((e) => {
        const row = rows.get(e.resourceId)
        return row ? [{ resource: presentResourceSummary(row), score: e.score.total, reasons: reasons(request, e) }] : []
      })
      return { data, ...pageMeta(page), total_capped: capped }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/needs',
    operationId: 'createNeed',
    tags: TAGS,
    summary: 'Publish a need on behalf of one of your organisations',
    description: 'An organisation you do not belong to answers 404, as for any object you may not see.',
    body: NeedApiInput,
    formFields: [[/^territory$/, 'territory_id'], [/^types$/, 'contributions']],
    errors: [404],
    invalidates: LISTINGS,
    response: { 201: described(Type.Object({ data: NeedSchema }), 'The need published (its address in `Location`)') },
    handler: async (request, reply) => {
      const id = await createNeed(app.db, request.actor, needData(request.body, request.body.organisation_id))
      const details = await findNeed(app.db, id)
      if (!details) throw notFound()
      reply.header('location', `/api/v1/needs/${id}`)
      return { data: presentNeed(details) }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/needs/:id',
    operationId: 'updateNeed',
    tags: TAGS,
    summary: 'Replace a need (members of its organisation)',
    description: 'The organisation of a need never changes: `organisation_id` may be repeated; another one you belong to answers 400, one you do not 404.',
    params: IdParams,
    body: NeedApiUpdate,
    formFields: [[/^territory$/, 'territory_id'], [/^types$/, 'contributions']],
    invalidates: LISTINGS,
    response: { 200: described(Type.Object({ data: NeedSchema }), 'The need as saved') },
    authorize: async (request) => {
      const details = await findNeed(app.db, paramId(request))
      if (!details || !canEditListing(request.actor, details.need.organisation_id)) throw notFound()
      return details.need
    },
    handler: async (request, _reply, need) => {
      await updateNeed(app.db, request.actor, need.id, needData(request.body, request.body.organisation_id ?? need.organisation_id))
      const details = await findNeed(app.db, need.id)
      if (!details) throw notFound()
      return { data: presentNeed(details) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/resources',
    public: true,
    operationId: 'listResources',
    tags: TAGS,
    summary: 'Resources and wishes to engage, newest first, with filters',
    querystring: ResourceApiQuery,
    response: { 200: described(Page(ResourceSummarySchema, { capped: true, totalDescription: 'Resources matching, counted up to 1 000' }), 'A page of resources and the totals') },
    handler: async (request) => {
      const q = request.query
      const page = await listResources(app.db, filtersOf(q), q.page ?? 1, q.per_page ?? 20)
      return { data: page.rows.map(presentResourceSummary), ...pageMeta(page), total_capped: page.capped }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/resources/:id',
    public: true,
    operationId: 'getResource',
    tags: TAGS,
    summary: 'One resource or wish to engage',
    params: IdParams,
    response: { 200: described(Type.Object({ data: ResourceSchema }), 'The resource') },
    authorize: async (request) => {
      const details = await findResource(app.db, paramId(request))
      if (!details) throw notFound()
      return details
    },
    handler: async (_request, _reply, details) => ({ data: presentResource(details) }),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/resources/:id/matches',
    public: true,
    operationId: 'getResourceMatches',
    tags: TAGS,
    summary: 'The needs ranked for a resource, each score explained',
    description: `Open needs of other organisations inside the resource's reach, best first; ranked up to the best ${MATCH_CAP}. A resource that is not available has none.`,
    params: IdParams,
    querystring: MatchesQuery,
    response: { 200: described(Page(NeedMatchSchema, { capped: true, totalDescription: `Matches, counted up to ${MATCH_CAP}` }), 'A page of the ranked needs') },
    authorize: async (request) => {
      const id = paramId(request)
      const [sides, details] = await Promise.all([loadResourceSides(app.db, [id]), findResource(app.db, id)])
      const resource = sides.get(id)
      if (!resource || !details) throw notFound()
      return { resource, available: details.resource.status === 'disponible' }
    },
    handler: async (request, _reply, { resource, available }) => {
      const now = new Date()
      const ranked = available ? await matchNeedsForResource(app.db, resource, { limit: MATCH_CAP + 1, now }) : []
      const { ids, page, capped } = matchPage(ranked, request.query.page ?? 1, request.query.per_page ?? 20)
      const explained = await explainNeeds(app.db, resource, ids, now)
      const rows = new Map((await listNeedsByIds(app.db, explained.map((e) => e.needId))).map((n) => [n.id, n]))
      const data = explained.flatMap((e) => {
        const row = rows.get(e.needId)
        return row ? [{ need: presentNeedSummary(row), score: e.score.total, reasons: reasons(request, e) }] : []
      })
      return { data, ...pageMeta(page), total_capped: capped }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/resources',
    operationId: 'createResource',
    tags: TAGS,
    summary: 'Publish a resource or a wish to engage on behalf of one of your organisations',
    description: 'An organisation you do not belong to answers 404, as for any object you may not see.',
    body: ResourceApiInput,
    formFields: [[/^reach$/, 'reach_territory_id']],
    errors: [404],
    invalidates: LISTINGS,
    response: { 201: described(Type.Object({ data: ResourceSchema }), 'The resource published (its address in `Location`)') },
    handler: async (request, reply) => {
      const id = await createResource(app.db, request.actor, resourceData(request.body, request.body.organisation_id))
      const details = await findResource(app.db, id)
      if (!details) throw notFound()
      reply.header('location', `/api/v1/resources/${id}`)
      return { data: presentResource(details) }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/resources/:id',
    operationId: 'updateResource',
    tags: TAGS,
    summary: 'Replace a resource (members of its organisation)',
    description: 'The organisation of a resource never changes: `organisation_id` may be repeated; another one you belong to answers 400, one you do not 404.',
    params: IdParams,
    body: ResourceApiUpdate,
    formFields: [[/^reach$/, 'reach_territory_id']],
    invalidates: LISTINGS,
    response: { 200: described(Type.Object({ data: ResourceSchema }), 'The resource as saved') },
    authorize: async (request) => {
      const details = await findResource(app.db, paramId(request))
      if (!details || !canEditListing(request.actor, details.resource.organisation_id)) throw notFound()
      return details.resource
    },
    handler: async (request, _reply, resource) => {
      await updateResource(app.db, request.actor, resource.id, resourceData(request.body, request.body.organisation_id ?? resource.organisation_id))
      const details = await findResource(app.db, resource.id)
      if (!details) throw notFound()
      return { data: presentResource(details) }
    },
  })
}
