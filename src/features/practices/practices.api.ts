/**
 * JSON API of the library (OpenAPI tag `practices`), with the rights of the pages: the library with its filters,
 * one sheet with its alliance's live figures, writing and changing a sheet (the alliance's coordinators' admins),
 * and "S'en inspirer" (any signed-in admin of an organisation).
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { requireUser } from '../../core/access/actor.js'
import { paramId } from '../../core/http/forms.js'
import { authorizeCoordinate } from '../alliances/index.js'
import { centsToDecimal } from '../valuation/index.js'
import { loadSheetPage, searchSheets } from './practices.read.js'
import { InspireApi, SheetApiCreate, SheetApiUpdate, sheetInputOf, type InspireApiT, type SheetApiCreateT, type SheetFormT } from './practices.schemas.js'
import { createSheet, inspireAlliance, loadSheetAlliance, updateSheet } from './practices.service.js'

const Problem = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String() }, { additionalProperties: true })
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
const Any = Type.Object({}, { additionalProperties: true })
const Params = Type.Object({ id: Type.String({ description: 'Practice sheet id' }) })

export async function practicesApi(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const tag = ['practices']

  app.get(
    '/api/v1/practices',
    {
      config: { public: true },
      schema: {
        operationId: 'listPractices',
        tags: tag,
        summary: 'The library of practice sheets (public alliances), newest first, with filters and full-text search',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
            domain: Type.Optional(Type.String({ maxLength: 40 })),
            form: Type.Optional(Type.String({ maxLength: 40 })),
            world: Type.Optional(Type.String({ maxLength: 40, description: 'A world of one of the alliance’s active partners' })),
            size: Type.Optional(Type.String({ maxLength: 20, description: 'Commune-size band of the perimeter' })),
            region: Type.Optional(Type.String({ maxLength: 20, description: 'e.g. `region:11`' })),
            phase: Type.Optional(Type.String({ maxLength: 20 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
            per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ data: Type.Array(Any), total: Type.Integer(), total_capped: Type.Boolean(), page: Type.Integer(), page_count: Type.Integer() }), 400: Problem },
      },
    },
    async (request) => {
      const q = request.query as { q?: string; sdg?: number; domain?: string; form?: string; world?: string; size?: string; region?: string; phase?: string; page?: number; per_page?: number }
      const result = await searchSheets(app.db, { text: q.q, sdg: q.sdg, domain: q.domain, form: q.form, world: q.world, size: q.size, region: q.region, phase: q.phase }, q.page ?? 1, q.per_page ?? 20)
      return {
        data: result.rows.map((s) => ({ id: s.id, title: s.title, summary: s.summary, alliance_id: s.allianceId, alliance_name: s.allianceName, published_at: s.publishedAt, domains: s.domains, replications: s.replications, href: `/pratiques/${s.id}` })),
        total: result.total,
        total_capped: result.capped,
        page: result.page,
        page_count: result.pageCount,
      }
    },
  )

  app.get('/api/v1/practices/:id', { config: { public: true }, schema: { operationId: 'getPractice', tags: tag, summary: 'One sheet with its alliance’s live figures and where it was replicated', params: Params, response: { 200: Type.Object({ data: Any }), 404: Problem } } }, async (request) => {
    const page = await loadSheetPage(app.db, request.actor, paramId(request))
    const s = page.sheet
    const r = page.valuation.report
    return {
      data: {
        id: s.id,
        alliance_id: s.alliance_id,
        round_id: s.round_id,
        title: s.title,
        summary: s.summary,
        context: s.context,
        solution: s.solution,
        process: s.process,
        socio_economic_model: s.socio_economic_model,
        arrangement: s.arrangement,
        governance: s.governance,
        legal_frame: s.legal_frame,
        lessons: s.lessons,
        domains: page.domains,
        published_at: s.published_at,
        figures: {
          worlds: page.worlds,
          valued: { cents: Number(r.total), eur: centsToDecimal(r.total), count: r.count, stated_count: r.statedCount, unvalued_count: r.unvaluedCount, table: page.valuation.method },
          indicators: page.indicators,
        },
        reviews: page.reviews,
        replications: page.replications,
        inspired_by: page.inspiredBy,
      },
    }
  })

  app.post(
    '/api/v1/practices',
    {
      preValidation: async (request) => {
        requireUser(request.actor)
      },
      schema: { operationId: 'createPractice', tags: tag, summary: 'Write a sheet from a published review of a public alliance (its coordinators’ admins)', body: SheetApiCreate, response: { 201: Type.Object({ data: Type.Object({ id: Type.String() }) }), ...errors } },
    },
    async (request, reply) => {
      const v = request.body as SheetApiCreateT
      const id = await createSheet(app.db, request.actor, v.alliance_id, v.round_id, sheetInputOf(v))
      reply.header('location', `/api/v1/practices/${id}`)
      return reply.status(201).send({ data: { id } })
    },
  )

  app.patch(
    '/api/v1/practices/:id',
    {
      preValidation: async (request) => {
        requireUser(request.actor)
        const { access } = await loadSheetAlliance(app.db, request.actor, paramId(request))
        authorizeCoordinate(request.actor, access)
      },
      schema: { operationId: 'updatePractice', tags: tag, summary: 'Change a sheet (its alliance’s coordinators’ admins)', params: Params, body: SheetApiUpdate, response: { 200: Type.Object({ data: Type.Object({ id: Type.String() }) }), ...errors } },
    },
    async (request) => {
      const id = paramId(request)
      await updateSheet(app.db, request.actor, id, sheetInputOf(request.body as SheetFormT))
      return { data: { id } }
    },
  )

  app.post(
    '/api/v1/practices/:id/inspired-alliances',
    {
      preValidation: async (request) => {
        requireUser(request.actor)
        await loadSheetAlliance(app.db, request.actor, paramId(request))
      },
      schema: { operationId: 'inspireAlliance', tags: tag, summary: '"S’en inspirer": start an alliance from a sheet, coordinated by an organisation you administer', params: Params, body: InspireApi, response: { 201: Type.Object({ data: Type.Object({ alliance_id: Type.String() }) }), ...errors } },
    },
    async (request, reply) => {
      const v = request.body as InspireApiT
      const allianceId = await inspireAlliance(app.db, request.actor, paramId(request), { coordinatorOrganisationId: v.coordinator_organisation_id, name: v.name, territoryIds: v.territory_ids, startedOn: v.started_on, visibility: v.visibility }, options)
      reply.header('location', `/api/v1/alliances/${allianceId}`)
      return reply.status(201).send({ data: { alliance_id: allianceId } })
    },
  )
}
