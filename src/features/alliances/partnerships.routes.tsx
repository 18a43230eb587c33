/**
 * Partnership pages: declaring a typed partnership between one of the reader's organisations and another (inside
 * an alliance, between two of its partners, or on their own), the answers of the other side (confirm, decline),
 * and ending it (dated). Partnerships are shown on organisation and alliance pages, side by side by type, never
 * ranked.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isAdminOf, type Actor } from '../../core/access/actor.js'
import { isId } from '../../core/db/values.js'
import { done, formRoute, pageRoute, postedValues } from '../../core/http/routes.js'
import { IdParams } from '../../core/http/schemas.js'
import { lenient } from '../../core/http/validation.js'
import { parisToday } from '../../core/time/calendar.js'
import type { FormState, FormValues } from '../../core/views/forms.js'
import { findOrganisation, listOrganisations } from '../organisations/index.js'
import { loadAllianceAccess } from './alliances.access.js'
import { ALLIANCE_PAGES, allianceRights } from './alliances.authorize.js'
import { authorizeView } from './alliances.policy.js'
import { listPartners, type PartnerRow } from './alliances.queries.js'
import { ButtonForm, EndPartnershipForm, PartnershipForm, PartnershipQuery } from './alliances.schemas.js'
import { answerPartnership, endPartnership, partnershipInputOf, proposePartnership } from './partnerships.service.js'
import { EndPartnershipPage } from './views/EndPartnershipPage.js'
import { NewPartnershipPage, type Option } from './views/NewPartnershipPage.js'
import { ProblemPage } from './views/ProblemPage.js'

/** The organisations the actor administers (among the alliance's active partners when `among` is given), by name. */
async function adminOptions(app: FastifyInstance, actor: Actor, among?: PartnerRow[]): Promise<Option[]> {
  const options: Option[] = []
  for (const [organisationId] of actor.memberships) {
    if (!isAdminOf(actor, organisationId)) continue
    if (among && !among.some((p) => p.organisation_id === organisationId && p.status === 'active')) continue
    const organisation = await findOrganisation(app.db, organisationId)
    if (organisation) options.push({ value: organisation.id, label: organisation.name })
  }
  return options.sort((a, b) => a.label.localeCompare(b.label, 'fr'))
}

interface NewContext {
  de?: string
  avec?: string
  alliance?: string
  q?: string
}

export async function partnershipPages(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  /** The page; an alliance named in `context` must be visible to the reader (404 otherwise). */
  async function newPage(request: FastifyRequest, context: NewContext, state: FormState | null) {
    let alliance: { id: string; name: string } | null = null
    let partners: PartnerRow[] | undefined
    if (context.alliance) {
      const access = await loadAllianceAccess(app.db, request.actor, context.alliance)
      const scope = authorizeView(request.actor, access)
      alliance = { id: access.alliance.id, name: access.alliance.name }
      partners = (await listPartners(app.db, scope)).filter((p) => p.status === 'active')
    }
    const from = await adminOptions(app, request.actor, partners)
    const chosen = context.avec ? await findOrganisation(app.db, context.avec) : undefined
    const q = context.q ?? ''
    const results = !partners && q.trim().length >= 2 ? (await listOrganisations(app.db, { text: q }, 1, 15)).rows : []
    const values: FormValues = state?.values ?? { organisation_a_id: context.de ?? from[0]?.value ?? '', organisation_b_id: context.avec ?? '', started_on: parisToday() }
    return (
      <NewPartnershipPage
        from={from}
        partners={partners ? partners.map((p) => ({ value: p.organisation_id, label: p.organisation_name })) : null}
        alliance={alliance}
        chosen={chosen ? { id: chosen.id, name: chosen.name } : null}
        q={q}
        results={results}
        state={{ values, errors: state?.errors ?? [] }}
      />
    )
  }

  pageRoute(app, {
    url: '/partenariats/nouveau',
    querystring: lenient(PartnershipQuery),
    handler: async (request, reply) => reply.page(await newPage(request, request.query, null)),
  })

  formRoute(app, {
    url: '/partenariats',
    body: PartnershipForm,
    // A proposal is seen by its two organisations only, until it is confirmed.
    invalidates: [],
    render: async (request, reply, _ctx, state, status) => {
      const values = postedValues(request)
      const id = (name: string) => (typeof values[name] === 'string' && isId(values[name]) ? (values[name] as string) : undefined)
      return reply.page(await newPage(request, { de: id('organisation_a_id'), avec: id('organisation_b_id'), alliance: id('alliance_id') }, state), status)
    },
    handler: async (request, reply) => {
      const v = request.body
      await proposePartnership(app.db, request.actor, partnershipInputOf(v))
      return done(reply, v.alliance_id ? `/alliances/${v.alliance_id}#partenariats` : `/acteurs/${v.organisation_a_id}#alliances`, { kind: 'success', message: 'alliances.partnerships.proposedDone' })
    },
  })

  for (const [path, accept] of [
    ['confirmer', true],
    ['refuser', false],
  ] as const) {
    formRoute(app, {
      url: `/partenariats/:id/${path}`,
      params: IdParams,
      body: ButtonForm,
      // Confirmed, a partnership shows on public pages; declined, it never did.
      invalidates: accept ? ALLIANCE_PAGES : [],
      authorize: rights.partnership('answer'),
      render: (request, reply, partnership, state, status) =>
        reply.page(<ProblemPage problems={state.errors} back={{ href: `/acteurs/${partnership.organisation_b_id}#alliances`, label: request.t('alliances.problem.backOrganisation') }} />, status),
      handler: async (request, reply, partnership) => {
        await answerPartnership(app.db, request.actor, partnership.id, accept)
        return done(reply, `/acteurs/${partnership.organisation_b_id}#alliances`, { kind: 'success', message: accept ? 'alliances.partnerships.confirmed' : 'alliances.partnerships.declined' })
      },
    })
  }

  formRoute(app, {
    url: '/partenariats/:id/terminer',
    params: IdParams,
    body: EndPartnershipForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.partnership('end'),
    render: (_request, reply, partnership, state, status) => reply.page(<EndPartnershipPage partnership={partnership} state={state} />, status),
    handler: async (request, reply, partnership) => {
      await endPartnership(app.db, request.actor, partnership.id, request.body.ended_on)
      const side = isAdminOf(request.actor, partnership.organisation_a_id) ? partnership.organisation_a_id : partnership.organisation_b_id
      return done(reply, `/acteurs/${side}#alliances`, { kind: 'success', message: 'alliances.partnerships.ended' })
    },
  })
}
