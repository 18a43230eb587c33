/**
 * Pages of needs (`/besoins`) and resources (`/ressources`): lists with filters (an invalid filter is dropped
 * and named, the others kept), detail pages, publish and edit forms (every problem at once, then a flash and a
 * 303), and the ranked matches of each with the reasons of every score in words.
 *
 * Rights (one order): sign-in → the object of the URL (an edit page of another organisation's listing: 404)
 * → the form's fields (400, all at once, the territory text included) → acting for an organisation one does not
 * belong to (404, the service) → the service.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import type { TSchema, TUnknown } from 'typebox'
import type { Actor } from '../../core/access/actor.js'
import { notFound, type FieldProblem } from '../../core/errors.js'
import { done, formRoute, pageRoute, paramId, type RouteRequest } from '../../core/http/routes.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import type { FormState, FormValues } from '../../core/views/forms.js'
import { listMembershipsOfUser } from '../organisations/index.js'
import { resolvePlaceFilter } from '../territories/index.js'
import { effectiveStatus, listRequestsForPairs } from './connections/connections.queries.js'
import { needDataOf, needValues, resourceDataOf, resourceValues } from './listening.forms.js'
import { resolvePlace, type PlaceResolution } from './listening.places.js'
import { canEditListing } from './listening.policy.js'
import { findNeed, findResource, listNeeds, listNeedsByIds, listResources, listResourcesByIds, type ListFilters } from './listening.queries.js'
import { NeedForm, NeedListQuery, ResourceForm, ResourceListQuery, type ListQueryT } from './listening.schemas.js'
import { createNeed, createResource, updateNeed, updateResource } from './listening.service.js'
import { loadNeedSides, loadResourceSides } from './matching/loaders.js'
import { explainNeedsForResource, explainResourcesForNeed, type Explained } from './matching/rank.js'
import { NeedPage, ResourcePage } from './views/Details.js'
import { filterValues } from './views/FilterForm.js'
import { ListPageView } from './views/ListPage.js'
import { MatchesPage, type MatchItem } from './views/MatchesPage.js'
import { NeedFormPage, ResourceFormPage, type MyOrganisation } from './views/PublishForms.js'
import type { MessageKey } from '../../core/i18n/index.js'

const PAGE_SIZE = 20
/** Matches shown on a need's or a resource's page. */
const MATCHES_SHOWN = 20
/** What a write of needs or resources changes in public pages (the lists, the listing's page, territory pages). */
const LISTINGS = ['listening']

async function myOrganisations(app: FastifyInstance, actor: Actor): Promise<MyOrganisation[]> {
  if (actor.userId === null) return []
  return (await listMembershipsOfUser(app.db, actor.userId)).map((m) => ({ id: m.id, name: m.name }))
}

/** The shared filters of a list's query (the territory resolved beforehand). */
export function filtersOf(query: Partial<ListQueryT>, territoryId: string | undefined): ListFilters {
  return { text: query.q, territoryId, domain: query.domaine, sdg: query.odd, contributionType: query.contribution, world: query.monde, status: query.statut }
}

/** Where a form's territory field is resolved, once per request (the check and the handler share it). */
const resolved = new WeakMap<FastifyRequest, Promise<PlaceResolution | null>>()

interface PlaceField {
  field: 'territory' | 'reach'
  /** "France" means a national reach */
  allowNational: boolean
}

function placeOf(app: FastifyInstance, request: FastifyRequest, place: PlaceField, values: FormState['values']): Promise<PlaceResolution | null> {
  let found = resolved.get(request)
  if (!found) {
    const text = values[place.field]
    found = typeof text === 'string' && text.trim() !== '' ? resolvePlace(app.db, place.field, text, { allowNational: place.allowNational }) : Promise.resolve(null)
    resolved.set(request, found)
  }
  return found
}

/** What differs between the pages of needs and those of resources (and wishes to engage). */
interface Publication<Details, S extends TSchema> {
  /** the list and the base of each object's address (`/besoins/:id`, `/besoins/:id/modifier`) */
  path: string
  newPath: string
  place: PlaceField
  initialValues: FormValues
  FormPage: (props: { mode: 'create' | 'edit'; action: string; state: FormState; organisations: MyOrganisation[] }) => VNode
  Page: (props: { details: Details; canEdit: boolean }) => VNode
  find: (db: FastifyInstance['db'], id: string) => Promise<Details | undefined>
  ownerOf: (details: Details) => string
  valuesOf: (details: Details) => FormValues
  schema: S
  /** Creates (`id` null) or updates from the valid form; returns the listing's id and title. */
  save: (request: RouteRequest<TUnknown, TUnknown, S>, placeId: string | null, id: string | null) => Promise<{ id: string; title: string }>
  flash: { created: MessageKey; updated: MessageKey }
}

/** Create, show and edit pages of one kind of publication. */
function publicationRoutes<Details, S extends TSchema>(app: FastifyInstance, kind: Publication<Details, S>): void {
  const { FormPage, Page } = kind

  /** The object of the URL when one of the actor's organisations publishes it (404 otherwise). */
  const editable = async (request: FastifyRequest) => {
    const id = paramId(request)
    const details = await kind.find(app.db, id)
    if (!details || !canEditListing(request.actor, kind.ownerOf(details))) throw notFound()
    return { id, details, organisations: await myOrganisations(app, request.actor) }
  }
  const placeProblem = async (request: FastifyRequest, values: FormState['values']): Promise<FieldProblem[]> => {
    const place = await placeOf(app, request, kind.place, values)
    return place?.problem ? [place.problem] : []
  }
  const saved = async (request: RouteRequest<TUnknown, TUnknown, S>, reply: FastifyReply, id: string | null) => {
    const place = await placeOf(app, request, kind.place, {})
    const listing = await kind.save(request, place?.id ?? null, id)
    return done(reply, `${kind.path}/${listing.id}`, { kind: 'success', message: id ? kind.flash.updated : kind.flash.created, params: { title: listing.title } })
  }

  pageRoute(app, {
    url: kind.newPath,
    handler: async (request, reply) => reply.page(<FormPage mode="create" action={kind.newPath} state={{ values: kind.initialValues, errors: [] }} organisations={await myOrganisations(app, request.actor)} />),
  })

  formRoute(app, {
    url: kind.newPath,
    body: kind.schema,
    invalidates: LISTINGS,
    authorize: async (request) => ({ organisations: await myOrganisations(app, request.actor) }),
    check: (request, _ctx, values) => placeProblem(request, values),
    render: (_request, reply, ctx, state, status) => reply.page(<FormPage mode="create" action={kind.newPath} state={state} organisations={ctx.organisations} />, status),
    handler: async (request, reply) => saved(request, reply, null),
  })

  pageRoute(app, {
    url: `${kind.path}/:id`,
    public: true,
    cache: true,
    authorize: async (request) => {
      const details = await kind.find(app.db, paramId(request))
      if (!details) throw notFound()
      return details
    },
    handler: async (request, reply, details) => reply.page(<Page details={details} canEdit={canEditListing(request.actor, kind.ownerOf(details))} />),
  })

  pageRoute(app, {
    url: `${kind.path}/:id/modifier`,
    authorize: editable,
    handler: async (_request, reply, ctx) =>
      reply.page(<FormPage mode="edit" action={`${kind.path}/${ctx.id}/modifier`} state={{ values: kind.valuesOf(ctx.details), errors: [] }} organisations={ctx.organisations} />),
  })

  formRoute(app, {
    url: `${kind.path}/:id/modifier`,
    body: kind.schema,
    invalidates: LISTINGS,
    authorize: editable,
    check: (request, _ctx, values) => placeProblem(request, values),
    render: (_request, reply, ctx, state, status) => reply.page(<FormPage mode="edit" action={`${kind.path}/${ctx.id}/modifier`} state={state} organisations={ctx.organisations} />, status),
    handler: async (request, reply, ctx) => saved(request, reply, ctx.id),
  })
}

export async function listeningPages(app: FastifyInstance): Promise<void> {
  pageRoute(app, {
    url: '/besoins',
    public: true,
    cache: true,
    querystring: lenient(NeedListQuery),
    handler: async (request, reply) => {
      const query = request.query
      const place = await resolvePlaceFilter(app.db, query)
      const page = await listNeeds(app.db, filtersOf(query, place.territory?.id), query.page ?? 1, PAGE_SIZE)
      return reply.page(<ListPageView listing={{ kind: 'needs', page }} values={filterValues(query)} place={place} ignored={queryProblems(query)} />)
    },
  })

  pageRoute(app, {
    url: '/ressources',
    public: true,
    cache: true,
    querystring: lenient(ResourceListQuery),
    handler: async (request, reply) => {
      const query = request.query
      const place = await resolvePlaceFilter(app.db, query)
      const page = await listResources(app.db, filtersOf(query, place.territory?.id), query.page ?? 1, PAGE_SIZE)
      return reply.page(<ListPageView listing={{ kind: 'resources', page }} values={filterValues(query)} place={place} ignored={queryProblems(query)} />)
    },
  })

  publicationRoutes(
    app,
    {
      path: '/besoins',
      newPath: '/besoins/nouveau',
      place: { field: 'territory', allowNational: false },
      initialValues: { horizon: 'moyen' },
      FormPage: NeedFormPage,
      Page: NeedPage,
      find: findNeed,
      ownerOf: (d) => d.need.organisation_id,
      valuesOf: needValues,
      schema: NeedForm,
      save: async (request, territoryId, id) => {
        // The schema requires the territory's text and the check resolved it: `territoryId` is set here.
        const data = needDataOf(request.body, territoryId ?? '')
        if (id === null) return { id: await createNeed(app.db, request.actor, data), title: data.title }
        await updateNeed(app.db, request.actor, id, data)
        return { id, title: data.title }
      },
      flash: { created: 'listening.need.created', updated: 'listening.need.updated' },
    },
  )

  publicationRoutes(
    app,
    {
      path: '/ressources',
      newPath: '/ressources/nouvelle',
      place: { field: 'reach', allowNational: true },
      initialValues: { kind: 'ressource' },
      FormPage: ResourceFormPage,
      Page: ResourcePage,
      find: findResource,
      ownerOf: (d) => d.resource.organisation_id,
      valuesOf: resourceValues,
      schema: ResourceForm,
      save: async (request, reach, id) => {
        const data = resourceDataOf(request.body, reach)
        if (id === null) return { id: await createResource(app.db, request.actor, data), title: data.title }
        await updateResource(app.db, request.actor, id, data)
        return { id, title: data.title }
      },
      flash: { created: 'listening.resource.created', updated: 'listening.resource.updated' },
    },
  )

  /** The requests of the actor's organisations for the proposed pairs (to link them instead of asking again). */
  async function requestsByPair(actor: Actor, explained: Explained[]) {
    const rows = await listRequestsForPairs(app.db, [...actor.memberships.keys()], explained.map((e) => ({ needId: e.needId, resourceId: e.resourceId })))
    const now = new Date().toISOString()
    const map = new Map<string, MatchItem['request']>()
    for (const r of rows) {
      const key = `${r.need_id}|${r.resource_id}`
      if (!map.has(key)) map.set(key, { id: r.id, status: effectiveStatus(r, now) })
    }
    return map
  }

  pageRoute(app, {
    url: '/besoins/:id/correspondances',
    public: true,
    authorize: async (request) => {
      const id = paramId(request)
      // The need's brief (title, organisation) is all the page shows of it.
      const [side, briefs] = await Promise.all([loadNeedSides(app.db, [id]), listNeedsByIds(app.db, [id])])
      const need = side.get(id)
      const brief = briefs[0]
      if (!need || !brief) throw notFound()
      return { need, brief }
    },
    handler: async (request, reply, { need, brief }) => {
      const explained = await explainResourcesForNeed(app.db, need, { limit: MATCHES_SHOWN, now: new Date() })
      const [rows, requests] = await Promise.all([listResourcesByIds(app.db, explained.map((e) => e.resourceId)), requestsByPair(request.actor, explained)])
      const byId = new Map(rows.map((r) => [r.id, r]))
      const items: MatchItem[] = explained.flatMap((e) => {
        const r = byId.get(e.resourceId)
        if (!r) return []
        const contactable = canEditListing(request.actor, brief.organisation_id) || canEditListing(request.actor, r.organisation_id)
        return [{ explained: e, title: r.title, href: `/ressources/${r.id}`, organisation: r.organisation_name, demo: r.is_demo === 1, request: requests.get(`${e.needId}|${e.resourceId}`) ?? null, contactable }]
      })
      return reply.page(<MatchesPage title={request.t('listening.matches.titleNeed', { title: brief.title })} back={{ label: brief.title, href: `/besoins/${need.id}` }} items={items} />)
    },
  })

  pageRoute(app, {
    url: '/ressources/:id/correspondances',
    public: true,
    authorize: async (request) => {
      const id = paramId(request)
      // The resource's brief (title, status, organisation) is all the page shows of it.
      const [side, briefs] = await Promise.all([loadResourceSides(app.db, [id]), listResourcesByIds(app.db, [id])])
      const resource = side.get(id)
      const brief = briefs[0]
      if (!resource || !brief) throw notFound()
      return { resource, brief }
    },
    handler: async (request, reply, { resource, brief }) => {
      // Only an available resource is proposed (a paused or closed one has no matches).
      const explained = brief.status === 'disponible' ? await explainNeedsForResource(app.db, resource, { limit: MATCHES_SHOWN, now: new Date() }) : []
      const [rows, requests] = await Promise.all([listNeedsByIds(app.db, explained.map((e) => e.needId)), requestsByPair(request.actor, explained)])
      const byId = new Map(rows.map((n) => [n.id, n]))
      const items: MatchItem[] = explained.flatMap((e) => {
        const n = byId.get(e.needId)
        if (!n) return []
        const contactable = canEditListing(request.actor, brief.organisation_id) || canEditListing(request.actor, n.organisation_id)
        return [{ explained: e, title: n.title, href: `/besoins/${n.id}`, organisation: `${n.organisation_name} · ${n.territory_name}`, demo: n.is_demo === 1, request: requests.get(`${e.needId}|${e.resourceId}`) ?? null, contactable }]
      })
      return reply.page(<MatchesPage title={request.t('listening.matches.titleResource', { title: brief.title })} back={{ label: brief.title, href: `/ressources/${resource.id}` }} items={items} />)
    },
  })
}
