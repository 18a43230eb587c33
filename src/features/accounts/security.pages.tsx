/**
 * An account's security (`/compte/securite`): the second factor (set up, renew recovery codes, turn off),
 * open sessions (close one), the security log; and every account's log for platform admins
 * (`/admin/securite`). Platform admins without a second factor are sent to set it up before anything else.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import Type from 'typebox'
import { requireUser } from '../../core/access/actor.js'
import { AppError } from '../../core/errors.js'
import { parseForm, withFieldErrors } from '../../core/http/forms.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import { requestContext } from './accounts.pages.js'
import { ConfirmFactorForm, SecondFactorForm } from './accounts.schemas.js'
import { findUser } from './accounts.service.js'
import { newTotpSecret, recoveryCodesLeft, totpUri } from './second-factor.js'
import { closeSession, disableSecondFactor, enableSecondFactor, listSecurityEvents, listSessions, renewCodes } from './security.service.js'
import { RecoveryCodesPage, SecurityLogPage, SecurityPage, TotpSetupPage } from './views/SecurityPages.js'

const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })) }, { additionalProperties: false })

export interface SecurityRoutesOptions {
  rateLimit: boolean
  secret: string
}

export async function securityRoutes(app: FastifyInstance, options: SecurityRoutesOptions): Promise<void> {
  const limited = (max: number, minutes: number): { invalidates: string[]; rateLimit?: { max: number; timeWindow: number } } =>
    options.rateLimit ? { invalidates: [], rateLimit: { max, timeWindow: minutes * 60_000 } } : { invalidates: [] }

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

  app.get('/compte/securite', async (request, reply) => overview(request, reply, {}))

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

  app.get('/compte/securite/totp', async (request, reply) => setupView(request, reply, emptyForm))

  app.post('/compte/securite/totp', { config: limited(10, 15) }, async (request, reply) => {
    const actor = requireUser(request.actor)
    const parsed = parseForm(SecondFactorForm, request.body)
    if (!parsed.ok) return setupView(request, reply, { values: {}, errors: parsed.errors }, 400)
    const secret = request.session.pendingTotpSecret
    if (!secret) return reply.redirect('/compte/securite/totp', 303)
    const done = await withFieldErrors(() => enableSecondFactor(app.db, options.secret, actor, secret, parsed.value.code, requestContext(request)))
    if (!done.ok) return setupView(request, reply, { values: {}, errors: done.errors }, done.status)
    request.session.pendingTotpSecret = undefined
    reply.header('cache-control', 'no-store')
    return reply.page(<RecoveryCodesPage codes={done.value} />)
  })

  app.post('/compte/securite/codes', { config: limited(10, 15) }, async (request, reply) => {
    const actor = requireUser(request.actor)
    const parsed = parseForm(ConfirmFactorForm, request.body)
    if (!parsed.ok) return overview(request, reply, { renew: { values: {}, errors: parsed.errors } }, 400)
    const done = await withFieldErrors(() => renewCodes(app.db, options.secret, actor, parsed.value.password, parsed.value.code, requestContext(request)))
    if (!done.ok) return overview(request, reply, { renew: { values: {}, errors: done.errors } }, done.status)
    reply.header('cache-control', 'no-store')
    return reply.page(<RecoveryCodesPage codes={done.value} />)
  })

  app.post('/compte/securite/totp/desactiver', { config: limited(10, 15) }, async (request, reply) => {
    const actor = requireUser(request.actor)
    const parsed = parseForm(ConfirmFactorForm, request.body)
    if (!parsed.ok) return overview(request, reply, { disable: { values: {}, errors: parsed.errors } }, 400)
    const done = await withFieldErrors(() => disableSecondFactor(app.db, options.secret, actor, parsed.value.password, parsed.value.code, requestContext(request)))
    if (!done.ok) return overview(request, reply, { disable: { values: {}, errors: done.errors } }, done.status)
    reply.setFlash({ kind: 'success', message: 'accounts.security.disabled' })
    return reply.redirect('/compte/securite', 303)
  })

  app.post('/compte/sessions/:id/fermer', { config: { invalidates: [] } }, async (request, reply) => {
    const { id } = request.params as { id: string }
    await closeSession(app.db, request.actor, id, requestContext(request))
    reply.setFlash({ kind: 'success', message: 'accounts.security.closed' })
    return reply.redirect('/compte/securite', 303)
  })

  app.get('/compte/securite/journal', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const { page = 1 } = request.query as { page?: number }
    const events = await listSecurityEvents(app.db, request.actor, { everyone: false, page })
    return reply.page(<SecurityLogPage rows={events.rows} page={page} pageCount={events.pageCount} everyone={false} />)
  })

  app.get('/admin/securite', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const { page = 1 } = request.query as { page?: number }
    const events = await listSecurityEvents(app.db, request.actor, { everyone: true, page })
    return reply.page(<SecurityLogPage rows={events.rows} page={page} pageCount={events.pageCount} everyone />)
  })
}
