/**
 * The people who act for an organisation: its members page (members only), invitations by e-mail, role
 * changes and removals (admins only), and the invitation link (anyone may open it; only the invited address,
 * signed in, accepts it). None of these writes changes a public page.
 *
 * Rights before input: someone outside the organisation gets 404, a member who is not an admin 403, whatever
 * was posted; a member or invitation of another organisation named in the URL is a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isAdminOf } from '../../core/access/actor.js'
import { nowIso } from '../../core/db/values.js'
import { notFound } from '../../core/errors.js'
import { done, formRoute, pageRoute, paramId } from '../../core/http/routes.js'
import { IdParams } from '../../core/http/schemas.js'
import { parseOrThrow } from '../../core/http/validation.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import { findOrganisationDetails, isInvitationOpen, listMembers, listPendingInvitations, unsafeFindOpenInvitation, type OrganisationDetails } from './organisations.queries.js'
import { authorizeAdmin, authorizeViewPrivate } from './organisations.policy.js'
import type { OrganisationPagesOptions } from './organisations.routes.js'
import { EmptyForm, InvitationForm, InvitationParams, MemberParams, RoleForm, TokenParams } from './organisations.schemas.js'
import { acceptInvitation, changeMemberRole, inviteMember, removeMember, revokeInvitation } from './organisations.service.js'
import { InvitationPage } from './views/InvitationPage.js'
import { MembersPage } from './views/MembersPage.js'

/** Registers the members pages and the invitation link. */
export async function memberPages(app: FastifyInstance, options: OrganisationPagesOptions): Promise<void> {
  /** The organisation of the URL, for its members (`admin`: for its admins only). */
  async function organisationOf(request: FastifyRequest, admin: boolean): Promise<OrganisationDetails> {
    const id = paramId(request)
    if (admin) authorizeAdmin(request.actor, id)
    else authorizeViewPrivate(request.actor, id)
    const details = await findOrganisationDetails(app.db, id)
    if (!details) throw notFound()
    return details
  }
  const forAdmins = (request: FastifyRequest) => organisationOf(request, true)
  /** For admins, with the other id of the URL checked (`userId`, `invitationId`: 404 when malformed). */
  const forAdminsWith = (name: string) => async (request: FastifyRequest) => {
    const details = await forAdmins(request)
    return { details, otherId: paramId(request, name) }
  }

  async function membersPage(request: FastifyRequest, reply: FastifyReply, details: OrganisationDetails, state: FormState, lastLink: string | null, status: number): Promise<FastifyReply> {
    const id = details.organisation.id
    const scope = authorizeViewPrivate(request.actor, id)
    const [members, invitations] = await Promise.all([listMembers(app.db, scope), listPendingInvitations(app.db, scope, nowIso())])
    return reply.page(<MembersPage details={details} members={members} invitations={invitations} isAdmin={isAdminOf(request.actor, id)} state={state} lastLink={lastLink} />, status)
  }
  const membersUrl = (details: OrganisationDetails) => `/acteurs/${details.organisation.id}/membres`

  pageRoute(app, {
    url: '/acteurs/:id/membres',
    params: IdParams,
    authorize: (request) => organisationOf(request, false),
    handler: async (request, reply, details) => membersPage(request, reply, details, emptyForm, null, 200),
  })

  formRoute(app, {
    url: '/acteurs/:id/invitations',
    params: IdParams,
    body: InvitationForm,
    invalidates: [],
    authorize: forAdmins,
    render: (request, reply, details, state, status) => membersPage(request, reply, details, state, null, status),
    handler: async (request, reply, details) => {
      const issued = await inviteMember(app.db, request.actor, details.organisation.id, request.body, options.publicUrl)
      // The link is shown once, on the answer itself (it holds the token): no redirect.
      return membersPage(request, reply, details, emptyForm, issued.link, 201)
    },
  })

  formRoute(app, {
    url: '/acteurs/:id/invitations/:invitationId/retirer',
    params: InvitationParams,
    body: EmptyForm,
    invalidates: [],
    authorize: forAdminsWith('invitationId'),
    render: (request, reply, ctx, state, status) => membersPage(request, reply, ctx.details, state, null, status),
    handler: async (request, reply, { details, otherId }) => {
      await revokeInvitation(app.db, request.actor, details.organisation.id, otherId)
      return done(reply, membersUrl(details), { kind: 'success', message: 'organisations.invitation.revoked' })
    },
  })

  formRoute(app, {
    url: '/acteurs/:id/membres/:userId/role',
    params: MemberParams,
    body: RoleForm,
    invalidates: [],
    authorize: forAdminsWith('userId'),
    render: (request, reply, ctx, state, status) => membersPage(request, reply, ctx.details, state, null, status),
    handler: async (request, reply, { details, otherId }) => {
      await changeMemberRole(app.db, request.actor, details.organisation.id, otherId, request.body.role)
      return done(reply, membersUrl(details), { kind: 'success', message: 'organisations.members.roleChanged' })
    },
  })

  formRoute(app, {
    url: '/acteurs/:id/membres/:userId/retirer',
    params: MemberParams,
    body: EmptyForm,
    invalidates: [],
    authorize: forAdminsWith('userId'),
    render: (request, reply, ctx, state, status) => membersPage(request, reply, ctx.details, state, null, status),
    handler: async (request, reply, { details, otherId }) => {
      await removeMember(app.db, request.actor, details.organisation.id, otherId)
      return done(reply, membersUrl(details), { kind: 'success', message: 'organisations.members.removed' })
    },
  })

  pageRoute(app, {
    url: '/invitations/:token',
    public: true,
    params: TokenParams,
    handler: async (request, reply) => {
      const { token } = request.params
      const invitation = await unsafeFindOpenInvitation(app.db, token)
      const valid = isInvitationOpen(invitation, nowIso())
      // The token is a secret: never cached, never sent to another site.
      reply.header('cache-control', 'no-store')
      reply.header('referrer-policy', 'no-referrer')
      return reply.page(<InvitationPage invitation={invitation} token={token} valid={valid} signedIn={request.actor.userId !== null} />, valid ? 200 : 410)
    },
  })

  formRoute(app, {
    url: '/invitations/:token',
    params: TokenParams,
    body: EmptyForm,
    invalidates: [],
    authorize: async (request) => {
      const { token } = parseOrThrow(TokenParams, request.params)
      return { token, invitation: await unsafeFindOpenInvitation(app.db, token) }
    },
    render: (_request, reply, { token, invitation }, _state, status) =>
      reply.page(<InvitationPage invitation={invitation} token={token} valid={isInvitationOpen(invitation, nowIso())} signedIn />, status),
    handler: async (request, reply, { token }) => {
      const organisationId = await acceptInvitation(app.db, request.actor, token)
      return done(reply, `/acteurs/${organisationId}`, { kind: 'success', message: 'organisations.invitation.accepted' })
    },
  })
}
