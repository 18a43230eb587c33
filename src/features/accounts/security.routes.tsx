/**
 * An account's security (`/compte/securite`): the second factor (set up, renew recovery codes, turn off),
 * open sessions (close one), the security log; and every account's log for platform admins
 * (`/admin/securite`). Platform admins without a second factor are sent to set it up before anything else
 * (`sessions.plugin.ts`). None of these writes changes a public page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import { requireUser } from '../../core/access/actor.js'
import { AppError } from '../../core/errors.js'
import { EmptyForm } from '../../core/http/schemas.js'
import { done, formRoute, pageRoute, paramText } from '../../core/http/routes.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import { authorizePlatformAdmin } from './accounts.policy.js'
import { ConfirmFactorForm, LogPageQuery, SecondFactorForm } from './accounts.schemas.js'
import { findUser } from './accounts.service.js'
import { requestContext } from './accounts.session.js'
import { newTotpSecret, recoveryCodesLeft, totpUri } from './second-factor.js'
import { authorizeOwnSession, closeSession, disableSecondFactor, enableSecondFactor, listSecurityEvents, listSessions, renewCodes } from './security.service.js'
import { RecoveryCodesPage, SecurityLogPage, SecurityPage, TotpSetupPage } from './views/SecurityPages.js'

export interface SecurityRoutesOptions {
  rateLimit: boolean
  secret: string
}

export async function securityRoutes(app: FastifyInstance, options: SecurityRoutesOptions): Promise<void> {
  const limit = (max: number, minutes: number) => (options.rateLimit ? { max, timeWindow: minutes * 60_000 } : false)
  /** Codes and passwords are never shown again; only the problems are. */
  const problemsOnly = (state: FormState): FormState => ({ values: {}, errors: state.errors })

  async function overview(request: FastifyRequest, reply: FastifyReply, forms: { disable?: FormState; renew?: FormState }, status = 200) {
    const actor = requireUser(request.actor)
    const user = await findUser(app.db, actor.userId)
    if (!user) throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
    const [sessions, events, codesLeft] = await Promise.all([
      listSessions(app.db, actor, request.session.sessionId),
      listSecurityEvents(app.db, actor, { everyone: false, page: 1 }),
      recoveryCodesLeft(app.db, actor.userId),
    ])
    reply.header('cache-control', 'no-store')
    return reply.page(
      <SecurityPage
        secondFactor={{ enabled: user.totp_enabled_at !== null, since: user.totp_enabled_at, codesLeft, requiredForAdmin: user.is_platform_admin === 1 }}
        sessions={sessions}
        events={events.rows.slice(0, 10)}
        eventsTotal={events.total}
        forms={forms}
      />,
      status,
    )
  }

  pageRoute(app, { url: '/compte/securite', handler: async (request, reply) => overview(request, reply, {}) })

  async function setupView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const actor = requireUser(request.actor)
    const user = await findUser(app.db, actor.userId)
    if (!user) throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
    if (user.totp_enabled_at) return reply.redirect('/compte/securite', 303)
    // The secret waits in the server-side session until a first code proves the app has it.
    let secret = request.session.pendingTotpSecret
    if (!secret) {
      secret = newTotpSecret()
      request.session.pendingTotpSecret = secret
    }
    const qrSvg = await QRCode.toString(totpUri(user.email, secret), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
    reply.header('cache-control', 'no-store')
    return reply.page(<TotpSetupPage qrSvg={qrSvg} secret={secret} state={state} required={user.is_platform_admin === 1} />, status)
  }

  pageRoute(app, { url: '/compte/securite/totp', handler: async (request, reply) => setupView(request, reply, emptyForm) })

  formRoute(app, {
    url: '/compte/securite/totp',
    body: SecondFactorForm,
    invalidates: [],
    rateLimit: limit(10, 15),
    render: (request, reply, _ctx, state, status) => setupView(request, reply, problemsOnly(state), status),
    handler: async (request, reply) => {
      const secret = request.session.pendingTotpSecret
      if (!secret) return done(reply, '/compte/securite/totp')
      const codes = await enableSecondFactor(app.db, options.secret, request.actor, secret, request.body.code, requestContext(request))
      request.session.pendingTotpSecret = undefined
      return reply.header('cache-control', 'no-store').page(<RecoveryCodesPage codes={codes} />)
    },
  })

  formRoute(app, {
    url: '/compte/securite/codes',
    body: ConfirmFactorForm,
    invalidates: [],
    rateLimit: limit(10, 15),
    render: (request, reply, _ctx, state, status) => overview(request, reply, { renew: problemsOnly(state) }, status),
    handler: async (request, reply) => {
      const codes = await renewCodes(app.db, options.secret, request.actor, request.body.password, request.body.code, requestContext(request))
      return reply.header('cache-control', 'no-store').page(<RecoveryCodesPage codes={codes} />)
    },
  })

  formRoute(app, {
    url: '/compte/securite/totp/desactiver',
    body: ConfirmFactorForm,
    invalidates: [],
    rateLimit: limit(10, 15),
    render: (request, reply, _ctx, state, status) => overview(request, reply, { disable: problemsOnly(state) }, status),
    handler: async (request, reply) => {
      await disableSecondFactor(app.db, options.secret, request.actor, request.body.password, request.body.code, requestContext(request))
      return done(reply, '/compte/securite', { kind: 'success', message: 'accounts.security.disabled' })
    },
  })

  formRoute(app, {
    url: '/compte/sessions/:id/fermer',
    body: EmptyForm,
    invalidates: [],
    // The session is the actor's own, or a 404 (`:id` is the stored digest, not a UUID).
    authorize: (request) => authorizeOwnSession(app.db, request.actor, paramText(request, 'id')),
    render: (request, reply, _ctx, _state, status) => overview(request, reply, {}, status),
    handler: async (request, reply, sessionId) => {
      await closeSession(app.db, request.actor, sessionId, requestContext(request))
      return done(reply, '/compte/securite', { kind: 'success', message: 'accounts.security.closed' })
    },
  })

  pageRoute(app, {
    url: '/compte/securite/journal',
    querystring: lenient(LogPageQuery),
    handler: async (request, reply) => {
      const events = await listSecurityEvents(app.db, request.actor, { everyone: false, page: request.query.page ?? 1 })
      return reply.page(<SecurityLogPage events={events} everyone={false} problems={queryProblems(request.query)} />)
    },
  })

  pageRoute(app, {
    url: '/admin/securite',
    querystring: lenient(LogPageQuery),
    authorize: (request) => authorizePlatformAdmin(request.actor),
    handler: async (request, reply) => {
      const events = await listSecurityEvents(app.db, request.actor, { everyone: true, page: request.query.page ?? 1 })
      return reply.page(<SecurityLogPage events={events} everyone problems={queryProblems(request.query)} />)
    },
  })
}
