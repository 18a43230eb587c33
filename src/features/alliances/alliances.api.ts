/**
 * JSON API of the alliance itself (tag `alliances`): the directory with the page's filters, one alliance, its
 * creation by signed-in people and its changes by its coordinators, with the same rights as the pages. A
 * partners-only alliance answers 404 to everyone else; rights are checked before the body is read.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { apiRoute } from '../../core/http/routes.js'
import { IdParams, Page, pageMeta } from '../../core/http/schemas.js'
import { parisToday } from '../../core/time/calendar.js'
import { allianceDetails, loadAllianceAccess } from './alliances.access.js'
import { ALLIANCE_PAGES, allianceRights } from './alliances.authorize.js'
import { authorizeView, readScopeOf } from './alliances.policy.js'
import { AllianceSchema, AllianceSummarySchema, presentAlliance, presentSummary } from './alliances.presenters.js'
import { AllianceApiCreate, AllianceApiUpdate, DirectoryApiQuery, type AllianceApiCreateT, type AllianceData } from './alliances.schemas.js'
import { changeAlliance, createAlliance } from './alliances.service.js'
import { listAlliances } from './directory.queries.js'
import { refreshDirectorySummaries } from './directory.service.js'

type ContentFields = Pick<AllianceApiCreateT, 'name' | 'stakes' | 'description' | 'territory_ids' | 'form' | 'sdgs' | 'sdg_targets' | 'levers' | 'started_on' | 'ended_on' | 'visibility'>

function dataOf(input: ContentFields): AllianceData {
  return {
    name: input.name,
    stakes: input.stakes,
    description: input.description ?? '',
    territoryIds: input.territory_ids,
    form: input.form,
    sdgs: input.sdgs ?? [],
    sdgTargets: input.sdg_targets ?? [],
    levers: input.levers ?? [],
    startedOn: input.started_on,
    endedOn: input.ended_on ?? null,
    visibility: input.visibility,
  }
}

const One = Type.Object({ data: AllianceSchema }, { description: 'The alliance' })

export async function allianceApi(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/alliances',
    public: true,
    operationId: 'listAlliances',
    tags: ['alliances'],
    summary: 'The alliances directory, with filters (partners-only alliances appear only to their partners)',
    querystring: DirectoryApiQuery,
    response: { 200: Type.Object(Page(AllianceSummarySchema, { capped: true, totalDescription: 'Alliances matching the filters, counted up to 1 000' }).properties, { description: 'One page of alliances, by name' }) },
    handler: async (request) => {
      const q = request.query
      await refreshDirectorySummaries(app.db, { worlds: q.world !== undefined, places: q.territory !== undefined })
      const page = await listAlliances(app.db, readScopeOf(request.actor), { text: q.q, territoryId: q.territory, sdg: q.sdg, phase: q.phase, form: q.form, world: q.world, lever: q.lever }, q.page ?? 1, q.per_page ?? 20)
      return { data: page.rows.map(presentSummary), ...pageMeta(page), total_capped: page.capped }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/alliances/:id',
    public: true,
    operationId: 'getAlliance',
    tags: ['alliances'],
    summary: 'One alliance',
    params: IdParams,
    authorize: rights.view,
    response: { 200: One },
    handler: async (_request, _reply, { scope }) => ({ data: presentAlliance(await allianceDetails(app.db, scope)) }),
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/alliances',
    operationId: 'createAlliance',
    tags: ['alliances'],
    summary: 'Create an alliance; one of your organisations (you are its admin) is its first partner and coordinator',
    description: 'An organisation you are not a member of answers 404; one you are a member of without being its admin, 403.',
    body: AllianceApiCreate,
    formFields: [[/^territories$/, 'territory_ids']],
    invalidates: ALLIANCE_PAGES,
    response: { 201: Type.Object({ data: AllianceSchema }, { description: 'The alliance created (`Location` gives its address)' }) },
    errors: [404],
    handler: async (request, reply) => {
      const input = request.body
      const id = await createAlliance(app.db, request.actor, { ...dataOf(input), phase: input.phase, coordinatorOrganisationId: input.coordinator_organisation_id, invitedOrganisationIds: input.invite_organisation_ids ?? [] })
      const scope = authorizeView(request.actor, await loadAllianceAccess(app.db, request.actor, id))
      reply.header('location', `/api/v1/alliances/${id}`)
      return { data: presentAlliance(await allianceDetails(app.db, scope)) }
    },
  })

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/alliances/:id',
    operationId: 'updateAlliance',
    tags: ['alliances'],
    summary: 'Change an alliance (its coordinators’ admins only); a new `phase` is dated in the journal, in the same transaction',
    params: IdParams,
    body: AllianceApiUpdate,
    formFields: [[/^territories$/, 'territory_ids']],
    invalidates: ALLIANCE_PAGES,
    authorize: rights.coordinate,
    response: { 200: One },
    errors: [409],
    handler: async (request, _reply, { scope }) => {
      const { phase, phase_on, phase_note, ...content } = request.body
      const current = await allianceDetails(app.db, scope)
      const a = current.alliance
      const changed = Object.values(content).some((v) => v !== undefined)
      await changeAlliance(app.db, request.actor, scope.allianceId, {
        content: changed
          ? {
              name: content.name ?? a.name,
              stakes: content.stakes ?? a.stakes,
              description: content.description ?? a.description,
              territoryIds: content.territory_ids ?? current.territories.map((t) => t.id),
              form: content.form ?? a.form,
              sdgs: content.sdgs ?? current.sdgs,
              sdgTargets: content.sdg_targets ?? current.sdgTargets,
              levers: content.levers ?? current.levers,
              startedOn: content.started_on ?? a.started_on,
              endedOn: content.ended_on ?? a.ended_on,
              visibility: content.visibility ?? a.visibility,
            }
          : undefined,
        phase: phase === undefined ? undefined : { phase, on: phase_on ?? parisToday(), note: phase_note },
      })
      return { data: presentAlliance(await allianceDetails(app.db, scope)) }
    },
  })
}
