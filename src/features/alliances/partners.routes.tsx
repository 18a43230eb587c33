/**
 * Partner pages of an alliance: inviting an organisation (search, then invite with a role), answering an
 * invitation, changing a role, a partner's statement of what it brings and expects on the four objectives,
 * and leaving the alliance (dated).
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../core/errors.js'
import { done, formRoute, pageRoute, postedValues } from '../../core/http/routes.js'
import { Id, IdParams } from '../../core/http/schemas.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import { parisToday } from '../../core/time/calendar.js'
import type { FormState } from '../../core/views/forms.js'
import { listOrganisations } from '../organisations/index.js'
import { ALLIANCE_PAGES, allianceRights, type AllianceContext } from './alliances.authorize.js'
import { findPartnerRow, listPartners, type Partner, partnerLists, type PartnerRow } from './alliances.queries.js'
import { allianceCan } from './alliances.policy.js'
import { ButtonForm, InviteForm, InviteSearchQuery, LeaveForm, ListPageQuery, RoleForm, StatementForm } from './alliances.schemas.js'
import { answerInvitation, changePartnerRole, invitePartner, leaveAlliance, updatePartnerStatement } from './partners.service.js'
import { InvitePage, type SearchResult } from './views/InvitePage.js'
import { PartnersPage, partnersShown } from './views/PartnersPage.js'
import { ProblemPage } from './views/ProblemPage.js'
import { RolePage } from './views/RolePage.js'
import { StatementPage } from './views/StatementPage.js'

const PartnerParams = Type.Object({ id: Id, partnerId: Id })

/** Active partners per page of the partners page. */
const PARTNERS_PER_PAGE = 50

export async function partnerPages(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  async function invitePage({ access, scope }: AllianceContext, q: string, errors: FormState['errors']) {
    const [page, partners] = await Promise.all([
      q.trim().length >= 2 ? listOrganisations(app.db, { text: q }, 1, 15) : Promise.resolve({ rows: [] as SearchResult[] }),
      listPartners(app.db, scope),
    ])
    return <InvitePage alliance={access.alliance} q={q} results={page.rows} partners={partners} errors={errors} />
  }

  pageRoute(app, {
    url: '/alliances/:id/partenaires',
    public: true,
    cache: true,
    params: IdParams,
    querystring: lenient(ListPageQuery),
    authorize: rights.view,
    handler: async (request, reply, { access, scope }) => {
      const page = request.query.page ?? 1
      const lists = await partnerLists(app.db, scope, partnersShown({ page, perPage: PARTNERS_PER_PAGE }))
      return reply.page(<PartnersPage alliance={access.alliance} data={{ lists, can: allianceCan(request.actor, access) }} page={page} perPage={PARTNERS_PER_PAGE} ignored={queryProblems(request.query)} />)
    },
  })

  pageRoute(app, {
    url: '/alliances/:id/partenaires/inviter',
    params: Type.Object({ id: Id }),
    querystring: lenient(InviteSearchQuery),
    authorize: rights.coordinate,
    handler: async (request, reply, ctx) => reply.page(await invitePage(ctx, request.query.q ?? '', [])),
  })

  formRoute(app, {
    url: '/alliances/:id/partenaires',
    params: Type.Object({ id: Id }),
    body: InviteForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.coordinate,
    render: async (request, reply, ctx, state, status) => {
      const q = postedValues(request).q
      return reply.page(await invitePage(ctx, typeof q === 'string' ? q : '', state.errors), status)
    },
    handler: async (request, reply, { scope }) => {
      await invitePartner(app.db, request.actor, scope.allianceId, { organisationId: request.body.organisation_id, role: request.body.role })
      return done(reply, `/alliances/${scope.allianceId}#partenaires`, { kind: 'success', message: 'alliances.invite.done' })
    },
  })

  for (const [path, accept] of [
    ['accepter', true],
    ['refuser', false],
  ] as const) {
    formRoute(app, {
      url: `/alliances/:id/partenaires/:partnerId/${path}`,
      params: PartnerParams,
      body: ButtonForm,
      invalidates: ALLIANCE_PAGES,
      authorize: rights.ownPartner(['invited', 'active', 'declined', 'left']),
      render: (request, reply, { scope }, state, status) =>
        reply.page(<ProblemPage problems={state.errors} back={{ href: `/alliances/${scope.allianceId}`, label: request.t('alliances.problem.back') }} />, status),
      handler: async (request, reply, { scope, partner }) => {
        await answerInvitation(app.db, request.actor, scope.allianceId, partner.id, accept)
        return done(reply, accept ? `/alliances/${scope.allianceId}` : '/alliances', { kind: 'success', message: accept ? 'alliances.invitation.accepted' : 'alliances.invitation.declined' })
      },
    })
  }

  /** The partner `:partnerId` with its organisation's name and its objectives, as the alliance lists it. */
  async function partnerRow({ scope, partner }: AllianceContext & { partner: Partner }): Promise<PartnerRow> {
    const row = await findPartnerRow(app.db, scope, partner.id)
    if (!row) throw notFound()
    return row
  }

  const rolePage = async (ctx: AllianceContext & { partner: Partner }, state: FormState | null) => {
    const row = await partnerRow(ctx)
    return <RolePage alliance={ctx.access.alliance} partner={row} state={state ?? { values: { role: row.role }, errors: [] }} />
  }

  pageRoute(app, {
    url: '/alliances/:id/partenaires/:partnerId/role',
    params: PartnerParams,
    authorize: rights.coordinatePartner,
    handler: async (_request, reply, ctx) => reply.page(await rolePage(ctx, null)),
  })

  formRoute(app, {
    url: '/alliances/:id/partenaires/:partnerId/role',
    params: PartnerParams,
    body: RoleForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.coordinatePartner,
    render: async (_request, reply, ctx, state, status) => reply.page(await rolePage(ctx, state), status),
    handler: async (request, reply, { scope, partner }) => {
      await changePartnerRole(app.db, request.actor, scope.allianceId, partner.id, request.body.role)
      return done(reply, `/alliances/${scope.allianceId}#partenaires`, { kind: 'success', message: 'alliances.partners.roleChanged' })
    },
  })

  async function statementPage(ctx: AllianceContext & { partner: Partner }, state: FormState | null, leaveState: FormState | null) {
    const row = await partnerRow(ctx)
    const values = { brings: row.brings, expects: row.expects, brings_objectives: row.brings_objectives, expects_objectives: row.expects_objectives }
    return <StatementPage alliance={ctx.access.alliance} partner={row} state={state ?? { values, errors: [] }} leaveState={leaveState ?? { values: { left_on: parisToday() }, errors: [] }} />
  }

  pageRoute(app, {
    url: '/alliances/:id/partenaires/:partnerId/apports',
    params: PartnerParams,
    authorize: rights.ownPartner(['active', 'invited']),
    handler: async (_request, reply, ctx) => reply.page(await statementPage(ctx, null, null)),
  })

  formRoute(app, {
    url: '/alliances/:id/partenaires/:partnerId/apports',
    params: PartnerParams,
    body: StatementForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.ownPartner(['active', 'invited']),
    render: async (_request, reply, ctx, state, status) => reply.page(await statementPage(ctx, state, null), status),
    handler: async (request, reply, { scope, partner }) => {
      const v = request.body
      await updatePartnerStatement(app.db, request.actor, scope.allianceId, partner.id, { brings: v.brings ?? '', expects: v.expects ?? '', bringsObjectives: v.brings_objectives, expectsObjectives: v.expects_objectives })
      return done(reply, `/alliances/${scope.allianceId}#partenaires`, { kind: 'success', message: 'alliances.statement.done' })
    },
  })

  formRoute(app, {
    url: '/alliances/:id/partenaires/:partnerId/quitter',
    params: PartnerParams,
    body: LeaveForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.ownPartner(['active']),
    render: async (_request, reply, ctx, state, status) => reply.page(await statementPage(ctx, null, state), status),
    handler: async (request, reply, { scope, partner }) => {
      await leaveAlliance(app.db, request.actor, scope.allianceId, partner.id, { leftOn: request.body.left_on, reason: request.body.reason })
      return done(reply, `/alliances/${scope.allianceId}`, { kind: 'success', message: 'alliances.leave.done' })
    },
  })
}
