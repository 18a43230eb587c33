/**
 * Actor pages: the directory (`/acteurs`) with lenient filters, the public profile with the sections other
 * features contribute, and the registration and edit forms (every problem at once, the seat and other
 * territories resolved from what the person typed, with a choice when several match).
 *
 * Rights before input: editing answers 404 to someone outside the organisation and 403 to a member who is not
 * an admin, whatever was posted.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import type { FieldProblem } from '../../core/errors.js'
import { notFound } from '../../core/errors.js'
import { done, formRoute, pageRoute, paramId } from '../../core/http/routes.js'
import { IdParams } from '../../core/http/schemas.js'
import { hasForbiddenCharacter, lenient, queryProblems } from '../../core/http/validation.js'
import type { FormState, FormValues } from '../../core/views/forms.js'
import { resolvePlaceFilter, type TerritoryKind } from '../territories/index.js'
import { findOrganisationDetails, listOrganisations, type OrganisationDetails } from './organisations.queries.js'
import { authorizeAdmin, organisationCan } from './organisations.policy.js'
import { perimeterFromLevels, resolveOtherTerritories, resolveSeat, type SeatResolution } from './organisations.resolve.js'
import { DirectoryQuery, OrganisationForm, type OrganisationData, type OrganisationFormT } from './organisations.schemas.js'
import { createOrganisation, updateOrganisation } from './organisations.service.js'
import { DirectoryPage } from './views/DirectoryPage.js'
import { OrganisationFormPage } from './views/OrganisationFormPage.js'
import { ProfilePage } from './views/ProfilePage.js'

/** The page-cache tag of what public pages show of organisations (names, worlds, seats, counts, profiles). */
export const ORGANISATION_PAGES = 'organisations'

const PAGE_SIZE = 20

/**
 * A block of an organisation's public profile provided by another feature (its needs, its alliances…).
 * `render` runs for every profile view; it must only show what `request.actor` may see.
 */
export interface OrganisationSection {
  id: string
  render(organisation: OrganisationDetails['organisation'], request: FastifyRequest): Promise<VNode | null>
}

/** Options of the organisation pages. */
export interface OrganisationPagesOptions {
  publicUrl: string
  /** Blocks of the public profile contributed by other features. */
  sections: OrganisationSection[]
}

/** The parameters of the URL as typed (to show them again in a GET form). */
function queryValues(request: FastifyRequest): FormValues {
  const values: FormValues = {}
  for (const [key, value] of new URLSearchParams(request.url.split('?')[1] ?? '')) values[key] = value
  return values
}

/** The form's values from a profile (to edit it). */
function valuesFromDetails(details: OrganisationDetails): FormValues {
  const o = details.organisation
  const levels: string[] = []
  const other: string[] = []
  for (const p of details.perimeter) {
    if (p.id === o.seat_commune_id) levels.push('commune')
    else other.push(`${p.kind}:${p.code}`)
  }
  return {
    name: o.name,
    world: o.world,
    size_band: o.size_band ?? '',
    siret: o.siret ?? '',
    siren: o.siret ? '' : (o.siren ?? ''),
    rna: o.rna ?? '',
    seat: details.seat?.code ?? '',
    perimeter_levels: levels,
    perimeter_other: other.join('; '),
    sdgs: details.sdgs.map(String),
    description: o.description,
    website: o.website ?? '',
    contact_email: o.contact_email ?? '',
    contact_phone: o.contact_phone ?? '',
  }
}

interface PlaceResolution {
  seat: SeatResolution
  otherIds: string[]
}

/** Registers the directory, profile and form pages. */
export async function organisationPages(app: FastifyInstance, options: OrganisationPagesOptions): Promise<void> {
  // What the seat and "other territories" fields resolved to, per request (checked once, used by the handler).
  const places = new WeakMap<FastifyRequest, PlaceResolution>()

  /** Resolves the typed places; returns their problems (nothing to resolve when the schema refuses the text). */
  async function checkPlaces(request: FastifyRequest, values: FormValues): Promise<FieldProblem[]> {
    const text = (name: string) => {
      const v = values[name]
      return typeof v === 'string' && !hasForbiddenCharacter(v) && v.length <= 500 ? v.trim() : ''
    }
    const seatText = text('seat')
    if (seatText === '' || seatText.length > 100) return []
    const [seat, other] = await Promise.all([resolveSeat(app.db, seatText, text('seat_choice') || undefined), resolveOtherTerritories(app.db, text('perimeter_other') || undefined)])
    places.set(request, { seat, otherIds: other.ids })
    return [seat.problem, other.problem].filter((p): p is FieldProblem => p !== null)
  }

  /** The validated form with its resolved places, as the service takes it. */
  async function dataOf(request: FastifyRequest, form: OrganisationFormT): Promise<OrganisationData> {
    const place = places.get(request)
    if (!place?.seat.seatId) throw notFound() // not reached: `checkPlaces` reported the seat
    const fromLevels = await perimeterFromLevels(app.db, place.seat.seatId, form.perimeter_levels as TerritoryKind[])
    return {
      name: form.name,
      world: form.world,
      siret: form.siret ?? null,
      siren: form.siren ?? null,
      rna: form.rna ?? null,
      seatCommuneId: place.seat.seatId,
      perimeterIds: [...fromLevels, ...place.otherIds],
      sizeBand: form.size_band ?? null,
      sdgs: form.sdgs,
      description: form.description ?? '',
      website: form.website ?? null,
      contactEmail: form.contact_email ?? null,
      contactPhone: form.contact_phone ?? null,
    }
  }

  /** The organisation of the URL, for its admins only (404 outsiders, 403 members). */
  async function editable(request: FastifyRequest): Promise<OrganisationDetails> {
    const id = paramId(request)
    authorizeAdmin(request.actor, id)
    const details = await findOrganisationDetails(app.db, id)
    if (!details) throw notFound()
    return details
  }

  pageRoute(app, {
    url: '/acteurs',
    public: true,
    cache: { tags: [ORGANISATION_PAGES] },
    querystring: lenient(DirectoryQuery),
    handler: async (request, reply) => {
      const query = request.query
      const problems = [...queryProblems(query)]
      const place = await resolvePlaceFilter(app.db, query)
      if (query.territoire && !place.territory) problems.push({ field: 'territoire', message: 'territories.notFound' })
      const page = await listOrganisations(app.db, { text: query.q, world: query.monde, sdg: query.odd, territoryId: place.territory?.id }, query.page ?? 1, PAGE_SIZE)
      const values = queryValues(request)
      if (place.territory) values.lieu = ''
      return reply.page(<DirectoryPage values={values} place={place} page={page} problems={problems} />)
    },
  })

  const renderCreate = (request: FastifyRequest, reply: FastifyReply, state: FormState, status: number) =>
    reply.page(<OrganisationFormPage mode="create" action="/acteurs/nouveau" state={state} seatCandidates={places.get(request)?.seat.candidates ?? []} />, status)

  pageRoute(app, {
    url: '/acteurs/nouveau',
    handler: async (request, reply) => renderCreate(request, reply, { values: { perimeter_levels: ['commune'] }, errors: [] }, 200),
  })

  formRoute(app, {
    url: '/acteurs/nouveau',
    body: OrganisationForm,
    invalidates: [ORGANISATION_PAGES],
    check: (request, _ctx, values) => checkPlaces(request, values),
    render: (request, reply, _ctx, state, status) => renderCreate(request, reply, state, status),
    handler: async (request, reply) => {
      const data = await dataOf(request, request.body)
      const id = await createOrganisation(app.db, request.actor, data)
      return done(reply, `/acteurs/${id}`, { kind: 'success', message: 'organisations.create.done', params: { name: data.name } })
    },
  })

  pageRoute(app, {
    url: '/acteurs/:id',
    public: true,
    cache: true, // the profile shows sections of other features
    params: IdParams,
    authorize: async (request) => {
      const details = await findOrganisationDetails(app.db, paramId(request))
      if (!details) throw notFound()
      return details
    },
    handler: async (request, reply, details) => {
      const sections = await Promise.all(options.sections.map((s) => s.render(details.organisation, request)))
      return reply.page(<ProfilePage details={details} can={organisationCan(request.actor, details.organisation.id)} sections={sections.filter((s): s is VNode => s !== null)} />)
    },
  })

  const renderEdit = (request: FastifyRequest, reply: FastifyReply, details: OrganisationDetails, state: FormState, status: number) => {
    const o = details.organisation
    return reply.page(<OrganisationFormPage mode="edit" action={`/acteurs/${o.id}/modifier`} state={state} seatCandidates={places.get(request)?.seat.candidates ?? []} organisationName={o.name} />, status)
  }

  pageRoute(app, {
    url: '/acteurs/:id/modifier',
    params: IdParams,
    authorize: editable,
    handler: async (request, reply, details) => renderEdit(request, reply, details, { values: valuesFromDetails(details), errors: [] }, 200),
  })

  formRoute(app, {
    url: '/acteurs/:id/modifier',
    params: IdParams,
    body: OrganisationForm,
    invalidates: [ORGANISATION_PAGES],
    authorize: editable,
    check: (request, _ctx, values) => checkPlaces(request, values),
    render: (request, reply, details, state, status) => renderEdit(request, reply, details, state, status),
    handler: async (request, reply, details) => {
      await updateOrganisation(app.db, request.actor, details.organisation.id, await dataOf(request, request.body))
      return done(reply, `/acteurs/${details.organisation.id}`, { kind: 'success', message: 'organisations.edit.done' })
    },
  })
}
