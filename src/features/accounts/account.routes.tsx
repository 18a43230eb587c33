/**
 * The account page (`/compte`): profile, password, organisations and invitations, security summary, download
 * of one's data and erasure of the account. Only the erasure may change a public page (wherever the person was
 * named).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireUser } from '../../core/access/actor.js'
import { nowIso } from '../../core/db/values.js'
import { AppError } from '../../core/errors.js'
import { ALL_PAGES } from '../../core/http/page-cache.js'
import { done, formRoute, pageRoute } from '../../core/http/routes.js'
import type { PersonalDataSource } from '../../core/personal-data.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import type { Database } from '../../database.js'
import { listInvitationsForEmail, listMembershipsOfUser, organisationsOnlyAdministeredBy } from '../organisations/index.js'
import { accountPersonalData, erasePersonalData, exportPersonalData } from './accounts.personal-data.js'
import { EraseForm, PasswordForm, ProfileForm } from './accounts.schemas.js'
import { changePassword, findUser, updateProfile } from './accounts.service.js'
import { endSession, requestContext, startSession } from './accounts.session.js'
import { AccountPage, ErasePage } from './views/AccountPages.js'

export interface AccountRoutesOptions {
  rateLimit: boolean
  /** what each feature keeps about a person, for the export and the erasure of an account (with the account's own) */
  personalData: PersonalDataSource<Database>[]
}


export async function accountRoutes(app: FastifyInstance, options: AccountRoutesOptions): Promise<void> {
  const limit = (max: number, minutes: number) => (options.rateLimit ? { max, timeWindow: minutes * 60_000 } : false)

  async function accountView(request: FastifyRequest, reply: FastifyReply, forms: { profile?: FormState; password?: FormState }, status = 200) {
    const actor = requireUser(request.actor)
    const user = await findUser(app.db, actor.userId)
    if (!user) throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
    const [organisations, invitations] = await Promise.all([listMembershipsOfUser(app.db, actor.userId), listInvitationsForEmail(app.db, user.email, nowIso())])
    return reply.page(
      <AccountPage
        user={user}
        organisations={organisations}
        invitations={invitations}
        profile={forms.profile ?? { values: { display_name: user.display_name, locale: user.locale }, errors: [] }}
        password={forms.password ?? emptyForm}
      />,
      status,
    )
  }

  pageRoute(app, { url: '/compte', handler: async (request, reply) => accountView(request, reply, {}) })

  formRoute(app, {
    url: '/compte',
    body: ProfileForm,
    invalidates: [],
    render: (request, reply, _ctx, state, status) => accountView(request, reply, { profile: state }, status),
    handler: async (request, reply) => {
      const actor = requireUser(request.actor)
      await updateProfile(app.db, actor, { displayName: request.body.display_name, locale: request.body.locale })
      reply.setCookie('lang', request.body.locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true })
      return done(reply, '/compte', { kind: 'success', message: 'accounts.account.saved' })
    },
  })

  formRoute(app, {
    url: '/compte/mot-de-passe',
    body: PasswordForm,
    invalidates: [],
    rateLimit: limit(10, 15),
    render: (request, reply, _ctx, state, status) => accountView(request, reply, { password: { values: {}, errors: state.errors } }, status),
    handler: async (request, reply) => {
      const actor = requireUser(request.actor)
      await changePassword(app.db, actor, request.body.current_password, request.body.new_password, requestContext(request))
      // Every session was revoked: start a fresh one for this browser.
      await startSession(request, actor.userId)
      return done(reply, '/compte', { kind: 'success', message: 'accounts.account.passwordChanged' })
    },
  })

  const personalData = [...accountPersonalData, ...options.personalData]

  // A file, not a page: it still goes through the helper (sign-in first, no cache).
  pageRoute(app, {
    url: '/compte/mes-donnees',
    handler: async (request, reply) => {
      const actor = requireUser(request.actor)
      const data = await exportPersonalData(app.db, personalData, actor.userId)
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="alliance-mes-donnees-${nowIso().slice(0, 10)}.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2))
    },
  })

  const eraseView = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) => {
    const actor = requireUser(request.actor)
    const alone = await organisationsOnlyAdministeredBy(app.db, actor.userId)
    return reply.page(<ErasePage state={state} alone={alone.map((o) => o.name)} />, status)
  }

  pageRoute(app, { url: '/compte/supprimer', handler: async (request, reply) => eraseView(request, reply, emptyForm) })

  formRoute(app, {
    url: '/compte/supprimer',
    body: EraseForm,
    // Rare, and each feature's erasure step may unname the person on its own public pages: every page.
    invalidates: [ALL_PAGES],
    rateLimit: limit(10, 15),
    render: (request, reply, _ctx, state, status) => eraseView(request, reply, { values: {}, errors: state.errors }, status),
    handler: async (request, reply) => {
      const actor = requireUser(request.actor)
      await erasePersonalData(app.db, personalData, actor.userId, request.body.password)
      await endSession(request, reply)
      return done(reply, '/', { kind: 'success', message: 'accounts.erase.done' })
    },
  })
}
