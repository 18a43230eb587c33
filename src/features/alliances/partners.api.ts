/**
 * JSON API of an alliance's partners (tag `alliances`): the list with their history, inviting an organisation,
 * answering an invitation, changing a role, a partner's statement, leaving — the same acts and rights as the
 * pages, checked before the body is read.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { pageOf, pageWindow } from '../../core/db/paging.js'
import { apiRoute } from '../../core/http/routes.js'
import { Enum, Id, IdParams, Page, pageMeta } from '../../core/http/schemas.js'
import { ALLIANCE_PAGES, allianceRights } from './alliances.authorize.js'
import { PartnerSchema, presentPartner } from './alliances.presenters.js'
import { listPartners } from './alliances.queries.js'
import { AnswerApiInput, InviteApiInput, LeaveForm, PartnersApiQuery, RoleForm, StatementForm } from './alliances.schemas.js'
import { answerInvitation, changePartnerRole, invitePartner, leaveAlliance, updatePartnerStatement } from './partners.service.js'

const PartnerParams = Type.Object({ id: Id, partnerId: Type.String({ ...Id, description: 'Partner id (from the partners list)' }) })
const strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T) => Type.Object(properties, { additionalProperties: false })

export async function partnerApi(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/alliances/:id/partners',
    public: true,
    operationId: 'listAlliancePartners',
    tags: ['alliances'],
    summary: 'The partners of an alliance, with their history (active first, coordinators first, then by name)',
    params: IdParams,
    querystring: PartnersApiQuery,
    authorize: rights.view,
    response: { 200: Type.Object(Page(PartnerSchema).properties, { description: 'One page of partners' }) },
    handler: async (request, _reply, { scope }) => {
      const perPage = request.query.per_page ?? 100
      const window = pageWindow(request.query.page ?? 1, perPage)
      const partners = await listPartners(app.db, scope)
      const page = pageOf(partners.slice(window.offset, window.offset + window.limit), partners.length, window.page, perPage)
      return { data: page.rows.map(presentPartner), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/alliances/:id/partners',
    operationId: 'inviteAlliancePartner',
    tags: ['alliances'],
    summary: 'Invite an organisation (coordinators’ admins only); its admins accept from My space or the alliance page',
    params: IdParams,
    body: InviteApiInput,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.coordinate,
    response: { 201: Type.Object({ data: Type.Object({ id: Id, status: Enum(['invited'] as const) }) }, { description: 'The invitation (a partner row)' }) },
    errors: [409],
    handler: async (request, _reply, { scope }) => {
      const id = await invitePartner(app.db, request.actor, scope.allianceId, { organisationId: request.body.organisation_id, role: request.body.role })
      return { data: { id, status: 'invited' as const } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/alliances/:id/partners/:partnerId/answer',
    operationId: 'answerAllianceInvitation',
    tags: ['alliances'],
    summary: 'Accept or decline an invitation, for the invited organisation (its admins only); answering twice is a 409',
    params: PartnerParams,
    body: AnswerApiInput,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.ownPartner(['invited', 'active', 'declined', 'left']),
    response: { 200: Type.Object({ data: Type.Object({ id: Id, status: Enum(['active', 'declined'] as const) }) }, { description: 'The partner row after the answer' }) },
    errors: [409],
    handler: async (request, _reply, { scope, partner }) => {
      await answerInvitation(app.db, request.actor, scope.allianceId, partner.id, request.body.accept)
      return { data: { id: partner.id, status: request.body.accept ? ('active' as const) : ('declined' as const) } }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/alliances/:id/partners/:partnerId/role',
    operationId: 'changeAlliancePartnerRole',
    tags: ['alliances'],
    summary: 'Change a partner’s role (coordinators’ admins only); the last coordinator keeps the role (409)',
    params: PartnerParams,
    body: strict(RoleForm.properties),
    invalidates: ALLIANCE_PAGES,
    authorize: rights.coordinatePartner,
    response: { 200: Type.Object({ data: Type.Object({ id: Id, role: RoleForm.properties.role }) }, { description: 'The partner and its new role' }) },
    errors: [409],
    handler: async (request, _reply, { scope, partner }) => {
      await changePartnerRole(app.db, request.actor, scope.allianceId, partner.id, request.body.role)
      return { data: { id: partner.id, role: request.body.role } }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/alliances/:id/partners/:partnerId/statement',
    operationId: 'updateAlliancePartnerStatement',
    tags: ['alliances'],
    summary: 'What the partner brings and expects, on the four objectives (the partner’s admins only); replaces the previous statement',
    params: PartnerParams,
    body: strict(StatementForm.properties),
    invalidates: ALLIANCE_PAGES,
    authorize: rights.ownPartner(['active', 'invited']),
    response: { 200: Type.Object({ data: Type.Object({ id: Id }) }, { description: 'The partner whose statement changed' }) },
    handler: async (request, _reply, { scope, partner }) => {
      const b = request.body
      await updatePartnerStatement(app.db, request.actor, scope.allianceId, partner.id, { brings: b.brings ?? '', expects: b.expects ?? '', bringsObjectives: b.brings_objectives, expectsObjectives: b.expects_objectives })
      return { data: { id: partner.id } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/alliances/:id/partners/:partnerId/leave',
    operationId: 'leaveAlliance',
    tags: ['alliances'],
    summary: 'The partner leaves on a day (its admins only); its history stays; the last coordinator cannot leave (409)',
    params: PartnerParams,
    body: strict(LeaveForm.properties),
    invalidates: ALLIANCE_PAGES,
    authorize: rights.ownPartner(['active']),
    response: { 200: Type.Object({ data: Type.Object({ id: Id, status: Enum(['left'] as const) }) }, { description: 'The partner row after leaving' }) },
    errors: [409],
    handler: async (request, _reply, { scope, partner }) => {
      await leaveAlliance(app.db, request.actor, scope.allianceId, partner.id, { leftOn: request.body.left_on, reason: request.body.reason })
      return { data: { id: partner.id, status: 'left' as const } }
    },
  })
}
