/**
 * JSON API of contributions (tag `alliances`): the list with the totals per type and per partner, recording a
 * contribution for one of one's partner organisations, correcting and deleting one's own organisation's.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { apiRoute } from '../../core/http/routes.js'
import { Id, IdParams, Page, pageMeta } from '../../core/http/schemas.js'
import { ALLIANCE_PAGES, allianceRights } from './alliances.authorize.js'
import { ContributionSchema, presentContribution, presentTotals, TotalsSchema } from './alliances.presenters.js'
import { contributionTotals, listContributions } from './alliances.queries.js'
import { ContributionApiEdit, ContributionApiInput, ContributionsApiQuery } from './alliances.schemas.js'
import { addContribution, deleteContribution, updateContribution } from './contributions.service.js'

const ContributionParams = Type.Object({ id: Id, contributionId: Type.String({ ...Id, description: 'Contribution id' }) })

export async function contributionApi(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/alliances/:id/contributions',
    public: true,
    operationId: 'listAllianceContributions',
    tags: ['alliances'],
    summary: 'Contributions of an alliance (newest first) with totals per type and per partner',
    params: IdParams,
    querystring: ContributionsApiQuery,
    authorize: rights.view,
    response: { 200: Type.Object({ ...Page(ContributionSchema).properties, totals: TotalsSchema }, { description: 'One page of contributions and the totals of all of them' }) },
    handler: async (request, _reply, { scope }) => {
      const [page, totals] = await Promise.all([listContributions(app.db, scope, request.query.page ?? 1, request.query.per_page ?? 50), contributionTotals(app.db, scope)])
      return { data: page.rows.map(presentContribution), ...pageMeta(page), totals: presentTotals(totals) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/alliances/:id/contributions',
    operationId: 'addAllianceContribution',
    tags: ['alliances'],
    summary: 'Record a contribution of one of your partner organisations',
    description: 'An organisation you are not a member of answers 404; one that is not an active partner, 403.',
    params: IdParams,
    body: ContributionApiInput,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.contribute,
    response: { 201: Type.Object({ data: Type.Object({ id: Id }) }, { description: 'The contribution recorded' }) },
    handler: async (request, _reply, { scope }) => {
      const b = request.body
      const id = await addContribution(app.db, request.actor, scope.allianceId, { organisationId: b.organisation_id, contributionType: b.contribution_type, unit: b.unit, quantity: b.quantity, contributedOn: b.contributed_on, description: b.description ?? '' })
      return { data: { id } }
    },
  })

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/alliances/:id/contributions/:contributionId',
    operationId: 'updateAllianceContribution',
    tags: ['alliances'],
    summary: 'Correct a contribution (members of the organisation that gave it only; the giver cannot change)',
    params: ContributionParams,
    body: ContributionApiEdit,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.contribution,
    response: { 200: Type.Object({ data: Type.Object({ id: Id }) }, { description: 'The contribution corrected' }) },
    handler: async (request, _reply, { scope, contribution }) => {
      const b = request.body
      await updateContribution(app.db, request.actor, scope.allianceId, contribution.id, { contributionType: b.contribution_type, unit: b.unit, quantity: b.quantity, contributedOn: b.contributed_on, description: b.description ?? '' })
      return { data: { id: contribution.id } }
    },
  })

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/alliances/:id/contributions/:contributionId',
    operationId: 'deleteAllianceContribution',
    tags: ['alliances'],
    summary: 'Delete a contribution recorded by mistake (members of the organisation that gave it only)',
    params: ContributionParams,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.contribution,
    response: { 204: Type.Null({ description: 'Deleted; the totals follow at once' }) },
    handler: async (request, reply, { scope, contribution }) => {
      await deleteContribution(app.db, request.actor, scope.allianceId, contribution.id)
      return reply.status(204).send()
    },
  })
}
