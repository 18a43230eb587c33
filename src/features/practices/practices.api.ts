/**
 * JSON API of the library (OpenAPI tag `practices`), with the rights of the pages: the library with its filters
 * and full-text search (paged; past the last page, empty with the totals), one sheet with its alliance's live
 * figures, writing a sheet from a published review and changing it (the alliance's coordinators' admins), and
 * "S'en inspirer" (a signed-in person who sees the sheet, for an organisation they administer).
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { requireUser } from '../../core/access/actor.js'
import { apiRoute, paramId } from '../../core/http/routes.js'
import { Id, IdParams, Page, pageMeta } from '../../core/http/schemas.js'
import { authorizeCoordinate } from '../alliances/index.js'
import { centsToDecimal } from '../valuation/index.js'
import { loadSheetPage, searchSheets, type SheetPage } from './practices.read.js'
import { InspireApi, LibraryApiQuery, PracticeCard, PracticeSheet, SheetCreate, SheetForm, sheetInputOf } from './practices.schemas.js'
import { createSheet, inspireAlliance, loadSheetAlliance, updateSheet } from './practices.service.js'

const tags: ['practices'] = ['practices']

/** A sheet with its live figures as the API shows it. */
function presentSheet(page: SheetPage) {
  const s = page.sheet
  const r = page.valuation.report
  return {
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
      valued: { cents: Number(r.total), eur: centsToDecimal(r.total), count: r.count, stated_count: r.statedCount, unvalued_count: r.unvaluedCount, table: { table_id: page.valuation.method.tableId, title: page.valuation.method.title, version: page.valuation.method.version, adopted: page.valuation.method.adopted, reason: page.valuation.method.reason } },
      indicators: page.indicators.map((i) => ({ name: i.name, unit: i.unit, latest: i.latest ? { on: i.latest.on, value_hundredths: i.latest.valueHundredths } : null, target_hundredths: i.targetHundredths, target_on: i.targetOn })),
    },
    reviews: page.reviews.map((x) => ({ round_id: x.roundId, number: x.number, title: x.title, period_start: x.periodStart, period_end: x.periodEnd, published_at: x.publishedAt, href: `/evaluation/${s.alliance_id}/temps/${x.roundId}/bilan` })),
    replications: page.replications.map((x) => ({ alliance_id: x.allianceId, name: x.name, started_on: x.startedOn, territories: x.territories.map((t) => ({ id: t.id, name: t.name, departement_code: t.departementCode })) })),
    inspired_by: page.inspiredBy ? { sheet_id: page.inspiredBy.sheetId, title: page.inspiredBy.title } : null,
    href: `/pratiques/${s.id}`,
  }
}

export async function practicesApi(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/practices',
    public: true,
    operationId: 'listPractices',
    tags,
    summary: 'The library of practice sheets (public alliances), newest first, with filters and full-text search',
    querystring: LibraryApiQuery,
    response: { 200: Page(PracticeCard, { capped: true, totalDescription: 'Sheets matching (the count stops at 1 000: see `total_capped`)' }) },
    handler: async (request) => {
      const q = request.query
      const perPage = q.per_page ?? 20
      const result = await searchSheets(app.db, { text: q.q, sdg: q.sdg, domain: q.domain, form: q.form, world: q.world, size: q.size, region: q.region, phase: q.phase }, q.page ?? 1, perPage)
      return {
        data: result.rows.map((s) => ({ id: s.id, title: s.title, summary: s.summary, alliance_id: s.allianceId, alliance_name: s.allianceName, published_at: s.publishedAt, domains: s.domains, replications: s.replications, href: `/pratiques/${s.id}` })),
        ...pageMeta(result),
        total_capped: result.capped,
      }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/practices/:id',
    public: true,
    operationId: 'getPractice',
    tags,
    summary: 'One sheet with its alliance’s live figures, its published reviews and where it was replicated',
    params: IdParams,
    response: { 200: Type.Object({ data: PracticeSheet }, { description: 'The sheet' }) },
    authorize: (request) => loadSheetPage(app.db, request.actor, paramId(request)),
    handler: async (_request, _reply, page) => ({ data: presentSheet(page) }),
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/practices',
    operationId: 'createPractice',
    tags,
    summary: 'Write a sheet from a published review of a public alliance (its coordinators’ admins; an alliance you do not see: 404); a review not published: 409',
    body: SheetCreate,
    response: { 201: Type.Object({ data: Type.Object({ id: Id, href: Type.String() }) }, { description: 'The sheet written (its address in `Location`)' }) },
    errors: [404, 409],
    invalidates: ['practices'],
    authorize: (request) => {
      requireUser(request.actor)
    },
    handler: async (request, reply) => {
      const v = request.body
      const id = await createSheet(app.db, request.actor, v.alliance_id, v.round_id, sheetInputOf(v))
      reply.header('location', `/api/v1/practices/${id}`)
      return { data: { id, href: `/pratiques/${id}` } }
    },
  })

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/practices/:id',
    operationId: 'updatePractice',
    tags,
    summary: 'Change a sheet (its alliance’s coordinators’ admins)',
    params: IdParams,
    body: SheetForm,
    response: { 200: Type.Object({ data: Type.Object({ id: Id, href: Type.String() }) }, { description: 'The sheet changed' }) },
    invalidates: ['practices'],
    authorize: async (request) => {
      const { sheet, access } = await loadSheetAlliance(app.db, request.actor, paramId(request))
      authorizeCoordinate(request.actor, access)
      return sheet
    },
    handler: async (request, _reply, sheet) => {
      await updateSheet(app.db, request.actor, sheet.id, sheetInputOf(request.body))
      return { data: { id: sheet.id, href: `/pratiques/${sheet.id}` } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/practices/:id/inspired-alliances',
    operationId: 'inspireAlliance',
    tags,
    summary: '"S’en inspirer": start an alliance from a sheet, coordinated by an organisation you administer (another one: 404); the link is kept both ways',
    params: IdParams,
    body: InspireApi,
    response: { 201: Type.Object({ data: Type.Object({ alliance_id: Id, href: Type.String() }) }, { description: 'The alliance started (its address in `Location`)' }) },
    invalidates: ['practices', 'alliances'],
    authorize: async (request) => (await loadSheetAlliance(app.db, request.actor, paramId(request))).sheet,
    handler: async (request, reply, sheet) => {
      const v = request.body
      const allianceId = await inspireAlliance(app.db, request.actor, sheet.id, { coordinatorOrganisationId: v.coordinator_organisation_id, name: v.name, territoryIds: v.territory_ids, startedOn: v.started_on, visibility: v.visibility }, options)
      reply.header('location', `/api/v1/alliances/${allianceId}`)
      return { data: { alliance_id: allianceId, href: `/alliances/${allianceId}` } }
    },
  })
}
