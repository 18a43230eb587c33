/**
 * JSON API of listening: needs and resources with the lists' filters, one of each, their ranked matches
 * with the reasons in words, and create / update for signed-in members (same services and rules as the
 * forms). Amounts are in cents; SDGs, domains and contribution types are vocabulary codes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type, { type Static } from 'typebox'
import { isId } from '../../core/db/values.js'
import { notFound } from '../../core/errors.js'
import { presentTerritory, TerritorySchema } from '../territories/index.js'
import { domainsOf, NATIONAL, sdgsOf, typesOf } from './listening.codes.js'
import { findNeed, findResource, listNeeds, listNeedsByIds, listResources, listResourcesByIds, type NeedDetails, type NeedRow, type ResourceDetails, type ResourceRow } from './listening.queries.js'
import { ApiListQuery, NeedApiInput, ResourceApiInput, type ApiListQueryT, type NeedApiInputT, type NeedData, type ResourceApiInputT, type ResourceData } from './listening.schemas.js'
import { createNeed, createResource, updateNeed, updateResource } from './listening.service.js'
import { explainNeedsForResource, explainResourcesForNeed, loadNeedSides, loadResourceSides, type Explained } from './matching.js'
import { reasonText } from './views.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

const Problem = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String() }, { additionalProperties: true })

const OrganisationBrief = Type.Object({ id: Type.String(), name: Type.String() })

const NeedSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  domain: Type.String(),
  status: Type.String(),
  world: Type.String({ description: 'World of the publishing organisation' }),
  contribution_types: Type.Array(Type.String()),
  sdgs: Type.Array(Type.Integer()),
  territory_id: Type.String(),
  organisation: OrganisationBrief,
  is_demo: Type.Boolean(),
  updated_at: Type.String(),
  href: Type.String(),
})

const NeedContribution = Type.Object({
  type: Type.String(),
  amount_min_cents: Nullable(Type.Integer()),
  amount_max_cents: Nullable(Type.Integer()),
  hours: Nullable(Type.Integer()),
  people: Nullable(Type.Integer()),
  skills: Nullable(Type.String()),
  details: Nullable(Type.String()),
})

const NeedFull = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  domain: Type.String(),
  sdgs: Type.Array(Type.Integer()),
  territory: TerritorySchema,
  contributions: Type.Array(NeedContribution),
  horizon: Type.String(),
  lever: Nullable(Type.String()),
  status: Type.String(),
  organisation: OrganisationBrief,
  is_demo: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
})

const ResourceSummary = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  contribution_type: Type.String(),
  status: Type.String(),
  world: Type.String(),
  domains: Type.Array(Type.String()),
  sdgs: Type.Array(Type.Integer()),
  reach_territory_id: Type.String({ description: 'A territory id or `national`' }),
  organisation: OrganisationBrief,
  is_demo: Type.Boolean(),
  updated_at: Type.String(),
  href: Type.String(),
})

const ResourceFull = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  description: Type.String(),
  contribution_type: Type.String(),
  amount_min_cents: Nullable(Type.Integer()),
  amount_max_cents: Nullable(Type.Integer()),
  hours: Nullable(Type.Integer()),
  people: Nullable(Type.Integer()),
  skills: Nullable(Type.String()),
  items: Nullable(Type.String()),
  place: Nullable(Type.String()),
  domains: Type.Array(Type.String()),
  sdgs: Type.Array(Type.Integer()),
  reach: Nullable(TerritorySchema),
  national: Type.Boolean(),
  available_from: Nullable(Type.String()),
  available_until: Nullable(Type.String()),
  status: Type.String(),
  organisation: OrganisationBrief,
  is_demo: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
})

const Reason = Type.Object({ code: Type.String(), points: Type.Integer(), label: Type.String({ description: 'The reason in words, in the request’s language' }) })
const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ data: Type.Array(item), total: Type.Integer({ description: 'Matches, counted up to 1 000' }), total_capped: Type.Boolean({ description: 'True when there are more than `total` matches' }), page: Type.Integer(), page_count: Type.Integer() })

function needSummary(n: NeedRow): Static<typeof NeedSummary> {
  return {
    id: n.id,
    title: n.title,
    domain: n.domain,
    status: n.status,
    world: n.world,
    contribution_types: typesOf(n.type_mask),
    sdgs: sdgsOf(n.sdg_mask),
    territory_id: n.territory_id,
    organisation: { id: n.organisation_id, name: n.organisation_name },
    is_demo: n.is_demo === 1,
    updated_at: n.updated_at,
    href: `/besoins/${n.id}`,
  }
}

function resourceSummary(r: ResourceRow): Static<typeof ResourceSummary> {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    contribution_type: r.contribution_type,
    status: r.status,
    world: r.world,
    domains: domainsOf(r.domain_mask),
    sdgs: sdgsOf(r.sdg_mask),
    reach_territory_id: r.reach_territory_id,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    is_demo: r.is_demo === 1,
    updated_at: r.updated_at,
    href: `/ressources/${r.id}`,
  }
}

function needFull(d: NeedDetails): Static<typeof NeedFull> {
  const n = d.need
  return {
    id: n.id,
    title: n.title,
    description: n.description,
    domain: n.domain,
    sdgs: sdgsOf(n.sdg_mask),
    territory: presentTerritory(d.territory),
    contributions: d.contributions.map((c) => ({ type: c.contribution_type, amount_min_cents: c.amount_min_cents, amount_max_cents: c.amount_max_cents, hours: c.hours, people: c.people, skills: c.skills, details: c.details })),
    horizon: n.horizon,
    lever: n.lever,
    status: n.status,
    organisation: { id: d.organisation.id, name: d.organisation.name },
    is_demo: n.is_demo === 1,
    created_at: n.created_at,
    updated_at: n.updated_at,
  }
}

function resourceFull(d: ResourceDetails): Static<typeof ResourceFull> {
  const r = d.resource
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    contribution_type: r.contribution_type,
    amount_min_cents: r.amount_min_cents,
    amount_max_cents: r.amount_max_cents,
    hours: r.hours,
    people: r.people,
    skills: r.skills,
    items: r.items,
    place: r.place,
    domains: domainsOf(r.domain_mask),
    sdgs: sdgsOf(r.sdg_mask),
    reach: d.reach ? presentTerritory(d.reach) : null,
    national: r.reach_territory_id === NATIONAL,
    available_from: r.available_from,
    available_until: r.available_until,
    status: r.status,
    organisation: { id: d.organisation.id, name: d.organisation.name },
    is_demo: r.is_demo === 1,
    created_at: r.created_at,
    updated_at: r.updated_at,
  }
}

function filtersOf(q: ApiListQueryT) {
  return { text: q.q, territoryId: q.territory, domain: q.domain, sdg: q.sdg, contributionType: q.contribution_type, world: q.world, status: q.status }
}

function needData(input: NeedApiInputT): NeedData {
  return {
    organisationId: input.organisation_id,
    title: input.title.trim(),
    description: input.description.trim(),
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

function resourceData(input: ResourceApiInputT): ResourceData {
  return {
    organisationId: input.organisation_id,
    kind: input.kind as ResourceData['kind'],
    title: input.title.trim(),
    description: input.description.trim(),
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

const IdParams = Type.Object({ id: Type.String() })

export async function listeningApi(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/needs',
    { config: { public: true }, schema: { operationId: 'listNeeds', tags: ['listening'], summary: 'Needs (besoins), with filters', querystring: ApiListQuery, response: { 200: Page(NeedSummary), 400: Problem } } },
    async (request) => {
      const q = request.query as ApiListQueryT
      const page = await listNeeds(app.db, filtersOf(q), q.page ?? 1, q.per_page ?? 20)
      return { data: page.rows.map(needSummary), total: page.total, total_capped: page.capped, page: page.page, page_count: page.pageCount }
    },
  )

  app.get(
    '/api/v1/needs/:id',
    { config: { public: true }, schema: { operationId: 'getNeed', tags: ['listening'], summary: 'One need with the help it seeks', params: IdParams, response: { 200: Type.Object({ data: NeedFull }), 404: Problem } } },
    async (request) => {
      const { id } = request.params as { id: string }
      const details = isId(id) ? await findNeed(app.db, id) : undefined
      if (!details) throw notFound()
      return { data: needFull(details) }
    },
  )

  app.get(
    '/api/v1/needs/:id/matches',
    {
      config: { public: true },
      schema: {
        operationId: 'getNeedMatches',
        tags: ['listening'],
        summary: 'The resources ranked for a need, each score explained',
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ data: Type.Array(Type.Object({ resource: ResourceSummary, score: Type.Integer(), reasons: Type.Array(Reason) })) }), 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const need = isId(id) ? (await loadNeedSides(app.db, [id])).get(id) : undefined
      if (!need) throw notFound()
      const explained = await explainResourcesForNeed(app.db, need, { limit: (request.query as { limit?: number }).limit ?? 20, now: new Date() })
      const rows = new Map((await listResourcesByIds(app.db, explained.map((e) => e.resourceId))).map((r) => [r.id, r]))
      return { data: explained.map((e) => ({ resource: resourceSummary(rows.get(e.resourceId) as ResourceRow), score: e.score.total, reasons: reasons(request, e) })) }
    },
  )

  app.post(
    '/api/v1/needs',
    { schema: { operationId: 'createNeed', tags: ['listening'], summary: 'Publish a need on behalf of one of your organisations', body: NeedApiInput, response: { 201: Type.Object({ data: NeedFull }), 400: Problem, 401: Problem, 404: Problem } } },
    async (request, reply) => {
      const id = await createNeed(app.db, request.actor, needData(request.body as NeedApiInputT))
      const details = await findNeed(app.db, id)
      if (!details) throw notFound()
      reply.header('location', `/api/v1/needs/${id}`)
      return reply.status(201).send({ data: needFull(details) })
    },
  )

  app.put(
    '/api/v1/needs/:id',
    { schema: { operationId: 'updateNeed', tags: ['listening'], summary: 'Replace a need (members of its organisation)', params: IdParams, body: NeedApiInput, response: { 200: Type.Object({ data: NeedFull }), 400: Problem, 401: Problem, 404: Problem } } },
    async (request) => {
      const { id } = request.params as { id: string }
      if (!isId(id)) throw notFound()
      await updateNeed(app.db, request.actor, id, needData(request.body as NeedApiInputT))
      const details = await findNeed(app.db, id)
      if (!details) throw notFound()
      return { data: needFull(details) }
    },
  )

  app.get(
    '/api/v1/resources',
    { config: { public: true }, schema: { operationId: 'listResources', tags: ['listening'], summary: 'Resources and wishes to engage, with filters', querystring: ApiListQuery, response: { 200: Page(ResourceSummary), 400: Problem } } },
    async (request) => {
      const q = request.query as ApiListQueryT
      const page = await listResources(app.db, filtersOf(q), q.page ?? 1, q.per_page ?? 20)
      return { data: page.rows.map(resourceSummary), total: page.total, total_capped: page.capped, page: page.page, page_count: page.pageCount }
    },
  )

  app.get(
    '/api/v1/resources/:id',
    { config: { public: true }, schema: { operationId: 'getResource', tags: ['listening'], summary: 'One resource or wish to engage', params: IdParams, response: { 200: Type.Object({ data: ResourceFull }), 404: Problem } } },
    async (request) => {
      const { id } = request.params as { id: string }
      const details = isId(id) ? await findResource(app.db, id) : undefined
      if (!details) throw notFound()
      return { data: resourceFull(details) }
    },
  )

  app.get(
    '/api/v1/resources/:id/matches',
    {
      config: { public: true },
      schema: {
        operationId: 'getResourceMatches',
        tags: ['listening'],
        summary: 'The needs ranked for a resource, each score explained',
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ data: Type.Array(Type.Object({ need: NeedSummary, score: Type.Integer(), reasons: Type.Array(Reason) })) }), 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const resource = isId(id) ? (await loadResourceSides(app.db, [id])).get(id) : undefined
      if (!resource) throw notFound()
      const status = (await app.db.selectFrom('resources').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
      const explained = status === 'disponible' ? await explainNeedsForResource(app.db, resource, { limit: (request.query as { limit?: number }).limit ?? 20, now: new Date() }) : []
      const rows = new Map((await listNeedsByIds(app.db, explained.map((e) => e.needId))).map((n) => [n.id, n]))
      return { data: explained.map((e) => ({ need: needSummary(rows.get(e.needId) as NeedRow), score: e.score.total, reasons: reasons(request, e) })) }
    },
  )

  app.post(
    '/api/v1/resources',
    { schema: { operationId: 'createResource', tags: ['listening'], summary: 'Publish a resource or a wish to engage', body: ResourceApiInput, response: { 201: Type.Object({ data: ResourceFull }), 400: Problem, 401: Problem, 404: Problem } } },
    async (request, reply) => {
      const id = await createResource(app.db, request.actor, resourceData(request.body as ResourceApiInputT))
      const details = await findResource(app.db, id)
      if (!details) throw notFound()
      reply.header('location', `/api/v1/resources/${id}`)
      return reply.status(201).send({ data: resourceFull(details) })
    },
  )

  app.put(
    '/api/v1/resources/:id',
    { schema: { operationId: 'updateResource', tags: ['listening'], summary: 'Replace a resource (members of its organisation)', params: IdParams, body: ResourceApiInput, response: { 200: Type.Object({ data: ResourceFull }), 400: Problem, 401: Problem, 404: Problem } } },
    async (request) => {
      const { id } = request.params as { id: string }
      if (!isId(id)) throw notFound()
      await updateResource(app.db, request.actor, id, resourceData(request.body as ResourceApiInputT))
      const details = await findResource(app.db, id)
      if (!details) throw notFound()
      return { data: resourceFull(details) }
    },
  )
}
