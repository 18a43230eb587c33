/**
 * Pages and forms of the capitalisation library: `/pratiques` (filters, search, pages; an invalid filter is
 * dropped and named), its Atom feed, one sheet, writing a sheet from a published review
 * (`/evaluation/:id/temps/:roundId/fiche`, the alliance's coordinators' admins), changing it, and
 * "S'en inspirer" (any signed-in person who sees the sheet, for an organisation they administer).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isAdminOf } from '../../core/access/actor.js'
import { notFound, validationError, type FieldProblem } from '../../core/errors.js'
import { done, formRoute, pageRoute, paramId } from '../../core/http/routes.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import { parisToday } from '../../core/time/calendar.js'
import type { FormState } from '../../core/views/forms.js'
import { authorizeCoordinate, loadAllianceAccess } from '../alliances/index.js'
import { listPublishedReviews } from '../evaluation/index.js'
import { resolvePlaceFilter } from '../territories/index.js'
import { atomFeed } from './practices.feed.js'
import { loadSheetPage, newestSheets, searchSheets } from './practices.read.js'
import { filtersOf, IdParams, InspireForm, LibraryQuery, RoundParams, SheetForm, sheetInputOf } from './practices.schemas.js'
import { createSheet, inspireAlliance, loadSheetAlliance, updateSheet } from './practices.service.js'
import { InspirePage, LibraryPage, SheetFormPage, SheetView } from './views/PracticePages.js'

const PAGE_SIZE = 20

export interface PracticeRoutesOptions {
  /** the platform's public address, for the feed's absolute links and the new alliances' journal */
  publicUrl: string
}

export async function practiceRoutes(app: FastifyInstance, options: PracticeRoutesOptions): Promise<void> {
  pageRoute(app, {
    url: '/pratiques',
    public: true,
    cache: true,
    querystring: lenient(LibraryQuery),
    handler: async (request, reply) => {
      const q = request.query
      const [result, regions] = await Promise.all([searchSheets(app.db, filtersOf(q), q.page ?? 1, PAGE_SIZE), app.db.selectFrom('territories').select(['id', 'name']).where('kind', '=', 'region').orderBy('name').execute()])
      return reply.page(<LibraryPage filters={filtersOf(q)} result={result} regions={regions.map((r) => ({ value: r.id, label: r.name }))} path={request.url} ignored={queryProblems(request.query)} />)
    },
  })

  pageRoute(app, {
    url: '/pratiques/flux.atom',
    public: true,
    handler: async (request, reply) =>
      reply.type('application/atom+xml; charset=utf-8').send(atomFeed(await newestSheets(app.db, 50), { publicUrl: options.publicUrl, title: request.t('practices.title'), subtitle: request.t('practices.feedSubtitle') })),
  })

  pageRoute(app, {
    url: '/pratiques/:id',
    public: true,
    cache: true,
    params: IdParams,
    authorize: (request) => loadSheetPage(app.db, request.actor, paramId(request)),
    handler: async (_request, reply, page) => reply.page(<SheetView page={page} />),
  })

  // --- writing a sheet from a published review ------------------------------------------------------------

  /** The alliance `:id` (its coordinators' admins) and its round `:roundId` whose review is published, or 404. */
  const reviewRights = async (request: FastifyRequest) => {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    const scope = authorizeCoordinate(request.actor, access)
    const roundId = paramId(request, 'roundId')
    if (!(await listPublishedReviews(app.db, scope.allianceId)).some((r) => r.roundId === roundId)) throw notFound()
    return { alliance: access.alliance, roundId }
  }
  const newSheetPage = (request: FastifyRequest, reply: FastifyReply, { alliance, roundId }: { alliance: { id: string; name: string }; roundId: string }, state: FormState | null, status = 200) =>
    reply.page(<SheetFormPage action={`/evaluation/${alliance.id}/temps/${roundId}/fiche`} title={request.t('practices.form.newTitle')} allianceName={alliance.name} state={state ?? { values: {}, errors: [] }} />, status)
  pageRoute(app, {
    url: '/evaluation/:id/temps/:roundId/fiche',
    params: RoundParams,
    authorize: reviewRights,
    handler: async (request, reply, target) => newSheetPage(request, reply, target, null),
  })
  formRoute(app, {
    url: '/evaluation/:id/temps/:roundId/fiche',
    params: RoundParams,
    body: SheetForm,
    invalidates: ['practices'],
    authorize: reviewRights,
    render: (request, reply, target, state, status) => newSheetPage(request, reply, target, state, status),
    handler: async (request, reply, { alliance, roundId }) => {
      const id = await createSheet(app.db, request.actor, alliance.id, roundId, sheetInputOf(request.body))
      return done(reply, `/pratiques/${id}`, { kind: 'success', message: 'practices.form.created' })
    },
  })

  // --- changing a sheet ---------------------------------------------------------------------------------------

  const editRights = async (request: FastifyRequest) => {
    const { sheet, access } = await loadSheetAlliance(app.db, request.actor, paramId(request))
    authorizeCoordinate(request.actor, access)
    return { sheet, alliance: access.alliance }
  }
  type EditRights = Awaited<ReturnType<typeof editRights>>
  const editPage = async (request: FastifyRequest, reply: FastifyReply, { sheet, alliance }: EditRights, state: FormState | null, status = 200) => {
    let values = state?.values
    if (!values) {
      const domains = await app.db.selectFrom('practice_sheet_domains').select('domain').where('sheet_id', '=', sheet.id).execute()
      values = { title: sheet.title, summary: sheet.summary, context: sheet.context, solution: sheet.solution, process: sheet.process, socio_economic_model: sheet.socio_economic_model, arrangement: sheet.arrangement, governance: sheet.governance, legal_frame: sheet.legal_frame, lessons: sheet.lessons, domains: domains.map((d) => d.domain) }
    }
    return reply.page(<SheetFormPage action={`/pratiques/${sheet.id}/modifier`} title={request.t('practices.form.editTitle')} allianceName={alliance.name} state={{ values, errors: state?.errors ?? [] }} />, status)
  }
  pageRoute(app, {
    url: '/pratiques/:id/modifier',
    params: IdParams,
    authorize: editRights,
    handler: async (request, reply, rights) => editPage(request, reply, rights, null),
  })
  formRoute(app, {
    url: '/pratiques/:id/modifier',
    params: IdParams,
    body: SheetForm,
    invalidates: ['practices'],
    authorize: editRights,
    render: (request, reply, rights, state, status) => editPage(request, reply, rights, state, status),
    handler: async (request, reply, { sheet }) => {
      await updateSheet(app.db, request.actor, sheet.id, sheetInputOf(request.body))
      return done(reply, `/pratiques/${sheet.id}`, { kind: 'success', message: 'practices.form.updated' })
    },
  })

  // --- "S'en inspirer" ---------------------------------------------------------------------------------------

  const inspireRights = async (request: FastifyRequest) => {
    const { sheet, access } = await loadSheetAlliance(app.db, request.actor, paramId(request))
    return { sheet, sourceName: access.alliance.name }
  }
  type InspireRights = Awaited<ReturnType<typeof inspireRights>>
  const inspirePage = async (request: FastifyRequest, reply: FastifyReply, { sheet, sourceName }: InspireRights, state: FormState | null, status = 200) => {
    const administered = [...request.actor.memberships.keys()].filter((id) => isAdminOf(request.actor, id))
    const organisations = administered.length === 0 ? [] : await app.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', administered).orderBy('search_name').execute()
    const initial = { values: { started_on: parisToday(), visibility: 'public', name: sheet.title.slice(0, 200) }, errors: [] }
    return reply.page(<InspirePage sheet={sheet} sourceName={sourceName} organisations={organisations.map((o) => ({ value: o.id, label: o.name }))} state={state ?? initial} />, status)
  }
  /** The typed place as a territory id, or the problem that names it. */
  const placeOf = async (typed: string): Promise<{ id: string } | FieldProblem> => {
    const place = await resolvePlaceFilter(app.db, { lieu: typed })
    return place.territory ? { id: place.territory.id } : { field: 'territories', message: 'practices.error.territory' }
  }
  pageRoute(app, {
    url: '/pratiques/:id/s-en-inspirer',
    params: IdParams,
    authorize: inspireRights,
    handler: async (request, reply, rights) => inspirePage(request, reply, rights, null),
  })
  formRoute(app, {
    url: '/pratiques/:id/s-en-inspirer',
    params: IdParams,
    body: InspireForm,
    invalidates: ['practices', 'alliances'],
    authorize: inspireRights,
    // The place is resolved even when another field is wrong, so that every problem shows at once.
    check: async (_request, _rights, values) => {
      const typed = typeof values.territories === 'string' ? values.territories.trim() : ''
      if (typed === '') return []
      const place = await placeOf(typed)
      return 'field' in place ? [place] : []
    },
    render: (request, reply, rights, state, status) => inspirePage(request, reply, rights, state, status),
    handler: async (request, reply, { sheet }) => {
      const v = request.body
      const place = await placeOf(v.territories)
      if ('field' in place) throw validationError([place])
      const allianceId = await inspireAlliance(app.db, request.actor, sheet.id, { coordinatorOrganisationId: v.coordinator, name: v.name, territoryIds: [place.id], startedOn: v.started_on, visibility: v.visibility }, options)
      return done(reply, `/alliances/${allianceId}`, { kind: 'success', message: 'practices.inspire.done' })
    },
  })
}
