/**
 * Pages of the capitalisation library: `/pratiques` (filters, search, pages), its Atom feed, one sheet, writing
 * a sheet from a published review (`/pratiques/nouvelle?alliance=…&temps=…`), changing it, and "S'en inspirer".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isAdminOf, requireUser } from '../../core/access/actor.js'
import { validationError } from '../../core/errors.js'
import { formValuesOf, paramId, parseForm, parseOrThrow, withFieldErrors } from '../../core/http/forms.js'
import type { FormState } from '../../core/views/forms.js'
import { authorizeCoordinate, loadAllianceAccess, todayInFrance } from '../alliances/index.js'
import { resolvePlaceFilter } from '../territories/index.js'
import { atomFeed } from './practices.feed.js'
import { loadSheetPage, newestSheets, searchSheets } from './practices.read.js'
import { filtersOf, InspireForm, LibraryQuery, SheetForm, sheetInputOf, SheetTarget } from './practices.schemas.js'
import { createSheet, inspireAlliance, loadSheetAlliance, updateSheet } from './practices.service.js'
import { InspirePage, LibraryPage, SheetFormPage, SheetView } from './views/PracticePages.js'

const PAGE_SIZE = 20

export interface PracticePagesOptions {
  publicUrl: string
}

export async function practicePages(app: FastifyInstance, options: PracticePagesOptions): Promise<void> {
  app.get('/pratiques', { config: { public: true } }, async (request, reply) => {
    const parsed = parseForm(LibraryQuery, request.query)
    const q = parsed.ok ? parsed.value : {}
    const [result, regions] = await Promise.all([searchSheets(app.db, filtersOf(q), q.page ?? 1, PAGE_SIZE), app.db.selectFrom('territories').select(['id', 'name']).where('kind', '=', 'region').orderBy('name').execute()])
    return reply.page(<LibraryPage filters={filtersOf(q)} result={result} regions={regions.map((r) => ({ value: r.id, label: r.name }))} path={request.url} />)
  })

  app.get('/pratiques/flux.atom', { config: { public: true } }, async (request, reply) => {
    const sheets = await newestSheets(app.db, 50)
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(sheets, { publicUrl: options.publicUrl, title: request.t('practices.title'), subtitle: request.t('practices.feedSubtitle') }))
  })

  app.get('/pratiques/:id', { config: { public: true } }, async (request, reply) => reply.page(<SheetView page={await loadSheetPage(app.db, request.actor, paramId(request))} />))

  async function newView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const target = parseOrThrow(SheetTarget, request.query)
    const access = await loadAllianceAccess(app.db, request.actor, target.alliance)
    authorizeCoordinate(request.actor, access)
    const action = `/pratiques?alliance=${target.alliance}&temps=${target.temps}`
    return reply.page(<SheetFormPage action={action} title={request.t('practices.form.newTitle')} allianceName={access.alliance.name} state={state ?? { values: {}, errors: [] }} />, status)
  }
  app.get('/pratiques/nouvelle', async (request, reply) => newView(request, reply, null))
  app.post('/pratiques', async (request, reply) => {
    const target = parseOrThrow(SheetTarget, request.query)
    authorizeCoordinate(request.actor, await loadAllianceAccess(app.db, request.actor, target.alliance))
    const values = formValuesOf(request.body)
    const parsed = parseForm(SheetForm, request.body)
    if (!parsed.ok) return newView(request, reply, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => createSheet(app.db, request.actor, target.alliance, target.temps, sheetInputOf(parsed.value)))
    if (!result.ok) return newView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'practices.form.created' })
    return reply.redirect(`/pratiques/${result.value}`, 303)
  })

  async function editView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const { sheet, access } = await loadSheetAlliance(app.db, request.actor, paramId(request))
    authorizeCoordinate(request.actor, access)
    const domains = await app.db.selectFrom('practice_sheet_domains').select('domain').where('sheet_id', '=', sheet.id).execute()
    const values = { title: sheet.title, summary: sheet.summary, context: sheet.context, solution: sheet.solution, process: sheet.process, socio_economic_model: sheet.socio_economic_model, arrangement: sheet.arrangement, governance: sheet.governance, legal_frame: sheet.legal_frame, lessons: sheet.lessons, domains: domains.map((d) => d.domain) }
    return reply.page(<SheetFormPage action={`/pratiques/${sheet.id}/modifier`} title={request.t('practices.form.editTitle')} allianceName={access.alliance.name} state={state ?? { values, errors: [] }} />, status)
  }
  app.get('/pratiques/:id/modifier', async (request, reply) => editView(request, reply, null))
  app.post('/pratiques/:id/modifier', async (request, reply) => {
    const id = paramId(request)
    authorizeCoordinate(request.actor, (await loadSheetAlliance(app.db, request.actor, id)).access)
    const values = formValuesOf(request.body)
    const parsed = parseForm(SheetForm, request.body)
    if (!parsed.ok) return editView(request, reply, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => updateSheet(app.db, request.actor, id, sheetInputOf(parsed.value)))
    if (!result.ok) return editView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'practices.form.updated' })
    return reply.redirect(`/pratiques/${id}`, 303)
  })

  async function inspireView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    requireUser(request.actor)
    const { sheet, access } = await loadSheetAlliance(app.db, request.actor, paramId(request))
    const administered = [...request.actor.memberships].filter(([id]) => isAdminOf(request.actor, id)).map(([id]) => id)
    const organisations = administered.length === 0 ? [] : await app.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', administered).orderBy('search_name').execute()
    const initial = { values: { started_on: todayInFrance(), visibility: 'public', name: sheet.title.slice(0, 200) }, errors: [] }
    return reply.page(<InspirePage sheet={sheet} sourceName={access.alliance.name} organisations={organisations.map((o) => ({ value: o.id, label: o.name }))} state={state ?? initial} />, status)
  }
  app.get('/pratiques/:id/s-en-inspirer', async (request, reply) => inspireView(request, reply, null))
  app.post('/pratiques/:id/s-en-inspirer', async (request, reply) => {
    const id = paramId(request)
    requireUser(request.actor)
    await loadSheetAlliance(app.db, request.actor, id)
    const values = formValuesOf(request.body)
    const parsed = parseForm(InspireForm, request.body)
    if (!parsed.ok) return inspireView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const result = await withFieldErrors(async () => {
      const place = await resolvePlaceFilter(app.db, { lieu: v.territories })
      if (!place.territory) throw validationError([{ field: 'territories', message: 'practices.error.territory' }])
      return inspireAlliance(app.db, request.actor, id, { coordinatorOrganisationId: v.coordinator, name: v.name, territoryIds: [place.territory.id], startedOn: v.started_on, visibility: v.visibility as 'public' | 'partners' }, options)
    })
    if (!result.ok) return inspireView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'practices.inspire.done' })
    return reply.redirect(`/alliances/${result.value}`, 303)
  })
}
