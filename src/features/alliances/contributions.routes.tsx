/**
 * Contribution pages of an alliance: totals and every contribution page by page (the form for partners' members
 * on the same page), the correction form, and deletion after a ticked confirmation.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { done, formRoute, pageRoute } from '../../core/http/routes.js'
import { Id, IdParams } from '../../core/http/schemas.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import { parisToday } from '../../core/time/calendar.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import { ALLIANCE_PAGES, allianceRights, type AllianceContext } from './alliances.authorize.js'
import { actingOrganisations, ownRecordOrganisations } from './alliances.policy.js'
import { contributionTotals, listContributions, partnerOptions, type Contribution } from './alliances.queries.js'
import { ContributionEditForm, ContributionForm, DeleteContributionForm, ListPageQuery } from './alliances.schemas.js'
import { addContribution, deleteContribution, updateContribution } from './contributions.service.js'
import { quantityInput } from './quantities.js'
import { ContributionEditPage } from './views/ContributionEditPage.js'
import { ContributionsPage } from './views/ContributionsPage.js'

const PAGE_SIZE = 50
const ContributionParams = Type.Object({ id: Id, contributionId: Id })

export async function contributionPages(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  /** The list page; `page` from the query when it is valid (a form re-rendered after a post shows page 1). */
  async function listPage(request: FastifyRequest, { access, scope }: AllianceContext, state: FormState | null, page: number) {
    const [totals, contributions, organisations] = await Promise.all([
      contributionTotals(app.db, scope),
      listContributions(app.db, scope, page, PAGE_SIZE),
      partnerOptions(app.db, scope, actingOrganisations(request.actor, access, { admin: false })),
    ])
    const editable = ownRecordOrganisations(request.actor, access)
    const initial: FormState = { values: { organisation_id: organisations[0]?.value ?? '', contributed_on: parisToday() }, errors: [] }
    return <ContributionsPage alliance={access.alliance} totals={totals} page={contributions} organisations={organisations} editable={editable} state={state ?? initial} ignored={queryProblems(request.query)} />
  }

  pageRoute(app, {
    url: '/alliances/:id/contributions',
    public: true,
    cache: true,
    params: IdParams,
    querystring: lenient(ListPageQuery),
    authorize: rights.view,
    handler: async (request, reply, ctx) => reply.page(await listPage(request, ctx, null, request.query.page ?? 1)),
  })

  formRoute(app, {
    url: '/alliances/:id/contributions',
    params: IdParams,
    body: ContributionForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.contribute,
    render: async (request, reply, ctx, state, status) => reply.page(await listPage(request, ctx, state, 1), status),
    handler: async (request, reply, { scope }) => {
      const v = request.body
      await addContribution(app.db, request.actor, scope.allianceId, { organisationId: v.organisation_id, contributionType: v.contribution_type, unit: v.unit, quantity: v.quantity, contributedOn: v.contributed_on, description: v.description ?? '' })
      return done(reply, `/alliances/${scope.allianceId}/contributions`, { kind: 'success', message: 'alliances.contributions.done' })
    },
  })

  async function editPage(request: FastifyRequest, { access, scope, contribution }: AllianceContext & { contribution: Contribution }, state: FormState | null, deletion: FormState = emptyForm) {
    const [partner] = await partnerOptions(app.db, scope, [contribution.organisation_id])
    const name = partner?.label ?? ''
    const values = {
      contribution_type: contribution.contribution_type,
      unit: contribution.unit,
      quantity: quantityInput(request.locale, contribution.quantity_hundredths, contribution.unit),
      contributed_on: contribution.contributed_on,
      description: contribution.description,
    }
    return <ContributionEditPage alliance={access.alliance} contribution={contribution} organisationName={name} state={state ?? { values, errors: [] }} deletion={deletion} />
  }

  pageRoute(app, {
    url: '/alliances/:id/contributions/:contributionId/modifier',
    params: ContributionParams,
    authorize: rights.contribution,
    handler: async (request, reply, ctx) => reply.page(await editPage(request, ctx, null)),
  })

  formRoute(app, {
    url: '/alliances/:id/contributions/:contributionId/modifier',
    params: ContributionParams,
    body: ContributionEditForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.contribution,
    render: async (request, reply, ctx, state, status) => reply.page(await editPage(request, ctx, state), status),
    handler: async (request, reply, { scope, contribution }) => {
      const v = request.body
      await updateContribution(app.db, request.actor, scope.allianceId, contribution.id, { contributionType: v.contribution_type, unit: v.unit, quantity: v.quantity, contributedOn: v.contributed_on, description: v.description ?? '' })
      return done(reply, `/alliances/${scope.allianceId}/contributions`, { kind: 'success', message: 'alliances.contributions.saved' })
    },
  })

  formRoute(app, {
    url: '/alliances/:id/contributions/:contributionId/supprimer',
    params: ContributionParams,
    body: DeleteContributionForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.contribution,
    render: async (request, reply, ctx, state, status) => reply.page(await editPage(request, ctx, null, state), status),
    handler: async (request, reply, { scope, contribution }) => {
      await deleteContribution(app.db, request.actor, scope.allianceId, contribution.id)
      return done(reply, `/alliances/${scope.allianceId}/contributions`, { kind: 'success', message: 'alliances.contributions.deleted' })
    },
  })
}
