/**
 * Alliance pages: the directory with its filters (`/alliances`), the map of alliances by département, the
 * alliance page, and the creation (perhaps from an accepted mise en relation), edit and phase-change forms.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isAdminOf, type Actor } from '../../core/access/actor.js'
import { AppError, type FieldProblem } from '../../core/errors.js'
import { bodyText, done, formRoute, pageRoute, paramText, queryText, requireId } from '../../core/http/routes.js'
import { IdParams } from '../../core/http/schemas.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import { parisToday } from '../../core/time/calendar.js'
import type { FormState, FormValues } from '../../core/views/forms.js'
import { allianceSeedFromContact } from '../listening/index.js'
import { findOrganisation, resolveOtherTerritories } from '../organisations/index.js'
import { findTerritory, isTerritoryKind, listDepartements, resolvePlaceFilter } from '../territories/index.js'
import { termLabel } from '../vocabulary/index.js'
import { allianceDetails } from './alliances.access.js'
import { ALLIANCE_PAGES, allianceRights, type AllianceContext } from './alliances.authorize.js'
import { allianceCan, readScopeOf } from './alliances.policy.js'
import { charterSummary, contributionTotals, listAlliancePartnerships, listContributions, listJournal, partnerLists, partnerOptions, timelineYears, type AllianceDetails } from './alliances.queries.js'
import { AllianceCreateForm, AllianceForm, DirectoryQuery, NewAllianceQuery, PhaseForm, type AllianceData, type AllianceFormT } from './alliances.schemas.js'
import { changePhase, createAlliance, updateAlliance } from './alliances.service.js'
import { countAlliancesByDepartement, listAlliances, listOrganisationSummaries, networkOfTerritory } from './directory.queries.js'
import { refreshDirectorySummaries } from './directory.service.js'
import { compareTargets } from './sdg-targets.js'
import { AllianceFormPage } from './views/AllianceFormPage.js'
import { AlliancePage, type AlliancePageData, OVERVIEW_SHOWN } from './views/AlliancePage.js'
import { DirectoryPage } from './views/DirectoryPage.js'
import { MapPage } from './views/MapPage.js'
import { chooseNetwork, layoutChoice } from './views/NetworkFigure.js'
import { NetworkPage } from './views/NetworkPage.js'
import { PhasePage } from './views/PhasePage.js'

const PAGE_SIZE = 20

/** Loads everything the alliance page shows (in parallel); 404 if the alliance was deleted meanwhile. */
async function loadAlliancePage(app: FastifyInstance, actor: Actor, { access, scope }: AllianceContext): Promise<AlliancePageData> {
  const can = allianceCan(actor, access)
  const invited = can.adminOf.filter((p) => p.status === 'invited').map((p) => p.organisation_id)
  const [details, lists, charter, totals, recentEntries, recentContributions, years, partnerships, invitedNames] = await Promise.all([
    allianceDetails(app.db, scope),
    partnerLists(app.db, scope, OVERVIEW_SHOWN),
    charterSummary(app.db, scope),
    contributionTotals(app.db, scope, { byPartner: false }),
    listJournal(app.db, scope, { year: null, limit: 6 }),
    listContributions(app.db, scope, 1, 4),
    timelineYears(app.db, scope),
    listAlliancePartnerships(app.db, scope),
    partnerOptions(app.db, scope, invited),
  ])
  return {
    details,
    lists,
    invitedNames: new Map(invitedNames.map((o) => [o.value, o.label])),
    charter,
    totals,
    recentEntries,
    recentContributions: recentContributions.rows,
    years,
    partnerships,
    can,
  }
}

/** The organisations the actor may create an alliance for (those they administer), by name. */
async function coordinatorOptions(app: FastifyInstance, actor: Actor): Promise<Array<{ value: string; label: string }>> {
  const options: Array<{ value: string; label: string }> = []
  for (const [organisationId] of actor.memberships) {
    if (!isAdminOf(actor, organisationId)) continue
    const organisation = await findOrganisation(app.db, organisationId)
    if (organisation) options.push({ value: organisation.id, label: organisation.name })
  }
  return options.sort((a, b) => a.label.localeCompare(b.label, 'fr'))
}

function valuesFromDetails(details: AllianceDetails): FormValues {
  const a = details.alliance
  return {
    name: a.name,
    stakes: a.stakes,
    description: a.description,
    territories: details.territories.map((t) => `${t.kind}:${t.code}`).join('; '),
    form: a.form,
    started_on: a.started_on,
    ended_on: a.ended_on ?? '',
    sdgs: details.sdgs.filter((s) => s !== 17).map(String),
    sdg_targets: [...details.sdgTargets].sort(compareTargets).join('; '),
    levers: details.levers,
    visibility: a.visibility,
  }
}

/** The perimeter typed in the form, resolved once per request by the form's `check` (names, codes, `kind:code`). */
const perimeters = new WeakMap<FastifyRequest, string[]>()

async function checkPerimeter(app: FastifyInstance, request: FastifyRequest, values: FormValues): Promise<FieldProblem[]> {
  const text = typeof values.territories === 'string' ? values.territories : ''
  if (text.trim() === '') return []
  const territories = await resolveOtherTerritories(app.db, text)
  if (territories.problem) return [{ ...territories.problem, field: 'territories' }]
  perimeters.set(request, territories.ids)
  return []
}

/** The service's input from the validated form (the perimeter resolved by `checkPerimeter`). */
function dataFromForm(request: FastifyRequest, form: AllianceFormT): AllianceData {
  const targets = (form.sdg_targets ?? '')
    .split(/[;,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
  return {
    name: form.name,
    stakes: form.stakes,
    description: form.description ?? '',
    territoryIds: perimeters.get(request) ?? [],
    form: form.form,
    sdgs: form.sdgs,
    sdgTargets: targets,
    levers: form.levers,
    startedOn: form.started_on,
    endedOn: form.ended_on ?? null,
    visibility: form.visibility,
  }
}

export async function alliancePages(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  pageRoute(app, {
    url: '/alliances',
    public: true,
    cache: true,
    querystring: lenient(DirectoryQuery),
    handler: async (request, reply) => {
      const query = request.query
      const place = await resolvePlaceFilter(app.db, query)
      const territory = place.territory
      await refreshDirectorySummaries(app.db, { worlds: query.monde !== undefined, places: territory !== null })
      const page = await listAlliances(
        app.db,
        readScopeOf(request.actor),
        { text: query.q, territoryId: territory?.id, sdg: query.odd, phase: query.phase, form: query.forme, world: query.monde, lever: query.levier },
        query.page ?? 1,
        PAGE_SIZE,
      )
      const values: FormValues = { q: query.q, lieu: territory ? '' : query.lieu, odd: query.odd === undefined ? undefined : String(query.odd), phase: query.phase, forme: query.forme, monde: query.monde, levier: query.levier }
      return reply.page(<DirectoryPage values={values} place={place} page={page} ignored={queryProblems(request.query)} />)
    },
  })

  pageRoute(app, {
    url: '/alliances/carte',
    public: true,
    cache: true,
    handler: async (request, reply) => {
      await refreshDirectorySummaries(app.db, { worlds: false, places: true })
      const [values, departements] = await Promise.all([countAlliancesByDepartement(app.db, readScopeOf(request.actor)), listDepartements(app.db)])
      return reply.page(<MapPage values={values} departements={departements} />)
    },
  })

  pageRoute(app, {
    url: '/alliances/territoires/:kind/:code/reseau',
    public: true,
    cache: true,
    // A level or code of the wrong shape is a page that does not exist (404), not invalid input.
    authorize: async (request) => {
      const kind = paramText(request, 'kind') ?? ''
      const code = paramText(request, 'code') ?? ''
      const territory = isTerritoryKind(kind) && /^[0-9A-Za-z]{1,12}$/.test(code) ? await findTerritory(app.db, kind, code.toUpperCase()) : undefined
      if (!territory) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'territories.notFound')
      return territory
    },
    handler: async (request, reply, territory) => {
      await refreshDirectorySummaries(app.db, { worlds: false, places: true })
      const choice = chooseNetwork(await networkOfTerritory(app.db, readScopeOf(request.actor), territory.id))
      const organisations = await listOrganisationSummaries(app.db, choice.organisationIds)
      return reply.page(<NetworkPage territory={territory} network={layoutChoice(choice, organisations)} />)
    },
  })

  /**
   * An alliance may be born from an accepted mise en relation (`?mise_en_relation=<id>` on the form, a hidden
   * field when posting): the seed is read again on every request, with the listening feature's rights (404 for
   * someone outside it, 409 before it is accepted), before anything else.
   */
  async function creation(request: FastifyRequest, requestId: unknown) {
    const coordinators = await coordinatorOptions(app, request.actor)
    if (requestId === undefined || requestId === '') return { coordinators, origin: null }
    const seed = await allianceSeedFromContact(app.db, request.actor, requireId(requestId))
    const other = await findOrganisation(app.db, seed.otherOrganisationId)
    return { coordinators, origin: { seed, view: { requestId: seed.requestId, otherName: other?.name ?? '', needTitle: seed.need.title } } }
  }
  type Creation = Awaited<ReturnType<typeof creation>>

  const createForm = (creation: Creation, state: FormState) => (
    <AllianceFormPage mode="create" action="/alliances/nouvelle" state={state} coordinators={creation.coordinators} origin={creation.origin?.view} />
  )

  pageRoute(app, {
    url: '/alliances/nouvelle',
    querystring: NewAllianceQuery,
    authorize: (request) => creation(request, queryText(request, 'mise_en_relation')),
    handler: async (_request, reply, ctx) => {
      const values: FormValues = { visibility: 'public', started_on: parisToday(), sdgs: [], levers: [], coordinator: ctx.coordinators[0]?.value ?? '' }
      if (ctx.origin) {
        const { need, ownOrganisationId } = ctx.origin.seed
        Object.assign(values, {
          name: `Alliance — ${need.title}`.slice(0, 200),
          stakes: need.description || need.title,
          territories: `${need.territory.kind}:${need.territory.code}`,
          sdgs: need.sdgs.map(String),
          levers: need.lever ? [need.lever] : [],
          form: 'partenariats_organisations',
          phase: 'emergence',
          coordinator: ctx.coordinators.some((c) => c.value === ownOrganisationId) ? ownOrganisationId : (ctx.coordinators[0]?.value ?? ''),
        })
      }
      return reply.page(createForm(ctx, { values, errors: [] }))
    },
  })

  formRoute(app, {
    url: '/alliances/nouvelle',
    body: AllianceCreateForm,
    invalidates: ALLIANCE_PAGES,
    authorize: (request) => creation(request, bodyText(request, 'mise_en_relation')),
    check: (request, _ctx, values) => checkPerimeter(app, request, values),
    render: (_request, reply, ctx, state, status) => reply.page(createForm(ctx, state), status),
    handler: async (request, reply, ctx) => {
      const form = request.body
      const seed = ctx.origin?.seed
      const id = await createAlliance(app.db, request.actor, {
        ...dataFromForm(request, form),
        phase: form.phase,
        coordinatorOrganisationId: form.coordinator,
        invitedOrganisationIds: seed ? [seed.ownOrganisationId, seed.otherOrganisationId] : [],
        origin: seed && ctx.origin ? { title: { key: 'alliances.journal.fromContact', params: { need: seed.need.title, other: ctx.origin.view.otherName } } } : undefined,
      })
      return done(reply, `/alliances/${id}`, { kind: 'success', message: 'alliances.create.done', params: { name: form.name } })
    },
  })

  pageRoute(app, {
    url: '/alliances/:id',
    public: true,
    cache: true,
    params: IdParams,
    authorize: rights.view,
    handler: async (request, reply, ctx) => reply.page(<AlliancePage data={await loadAlliancePage(app, request.actor, ctx)} />),
  })

  const editForm = (details: AllianceDetails, state: FormState) => {
    const a = details.alliance
    return <AllianceFormPage mode="edit" action={`/alliances/${a.id}/modifier`} state={state} coordinators={[]} allianceName={a.name} allianceId={a.id} currentTerritories={details.territories} />
  }

  pageRoute(app, {
    url: '/alliances/:id/modifier',
    params: IdParams,
    authorize: rights.coordinate,
    handler: async (_request, reply, { scope }) => {
      const details = await allianceDetails(app.db, scope)
      return reply.page(editForm(details, { values: valuesFromDetails(details), errors: [] }))
    },
  })

  formRoute(app, {
    url: '/alliances/:id/modifier',
    params: IdParams,
    body: AllianceForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.coordinate,
    check: (request, _ctx, values) => checkPerimeter(app, request, values),
    render: async (_request, reply, { scope }, state, status) => reply.page(editForm(await allianceDetails(app.db, scope), state), status),
    handler: async (request, reply, { scope }) => {
      await updateAlliance(app.db, request.actor, scope.allianceId, dataFromForm(request, request.body))
      return done(reply, `/alliances/${scope.allianceId}`, { kind: 'success', message: 'alliances.edit.done' })
    },
  })

  const phaseForm = async ({ scope }: AllianceContext, state: FormState) => <PhasePage alliance={(await allianceDetails(app.db, scope)).alliance} state={state} />

  pageRoute(app, {
    url: '/alliances/:id/phase',
    params: IdParams,
    authorize: rights.coordinate,
    handler: async (_request, reply, ctx) => reply.page(await phaseForm(ctx, { values: { on: parisToday() }, errors: [] })),
  })

  formRoute(app, {
    url: '/alliances/:id/phase',
    params: IdParams,
    body: PhaseForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.coordinate,
    render: async (_request, reply, ctx, state, status) => reply.page(await phaseForm(ctx, state), status),
    handler: async (request, reply, { scope }) => {
      const { phase, on, note } = request.body
      await changePhase(app.db, request.actor, scope.allianceId, { phase, on, note })
      return done(reply, `/alliances/${scope.allianceId}`, { kind: 'success', message: 'alliances.phase.done', params: { phase: termLabel('alliance_phase', phase, request.locale) } })
    },
  })
}
