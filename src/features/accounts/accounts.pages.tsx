/**
 * Getting in: sign-up (same answer whatever the address), address confirmation, sign-in with its second
 * step, sign-out, forgotten password and the new-password form. Rate-limited per client address. None of
 * these writes changes a public page (`invalidates: []`). Sign-in lands on "Mon espace".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { nowIso } from '../../core/db/values.js'
import { parseForm, withFieldErrors, formValuesOf } from '../../core/http/forms.js'
import { safeReturnPath } from '../../core/http/plugin.js'
import { emptyForm } from '../../core/views/forms.js'
import { ForgotPage, CheckInboxPage, ConfirmLinkPage, ResetPage, SecondFactorPage, SignInPage, SignUpPage } from './views/SignPages.js'
import { ForgotForm, ResetForm, SecondFactorForm, SignInForm, SignUpForm } from './accounts.schemas.js'
import { completeSecondFactor, invalidLink, registerAccount, requestPasswordReset, resetPassword, signIn, verifyEmail, type RequestContext } from './accounts.service.js'
import { findUsableToken } from './tokens.js'

declare module 'fastify' {
  interface Session {
    userId?: string
    signedInAt?: string
    ip?: string
    userAgent?: string
    /** between the password and the second factor */
    pendingUserId?: string
    pendingAt?: string
    pendingReturn?: string
    /** the TOTP secret being set up, until confirmed with a code */
    pendingTotpSecret?: string
  }
}

/** Where signing in lands by default. */
export const HOME_OF_SIGNED_IN = '/mon-espace'

/** The second step must follow the first within this time. */
const PENDING_MINUTES = 5

export function requestContext(request: FastifyRequest): RequestContext {
  return { ip: request.ip ?? null, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300) }
}

/** A new session for `userId` (a new id: no fixation), remembering when and from where. */
export async function startSession(request: FastifyRequest, userId: string): Promise<void> {
  await request.session.regenerate()
  request.session.userId = userId
  request.session.signedInAt = nowIso()
  request.session.ip = request.ip
  request.session.userAgent = String(request.headers['user-agent'] ?? '').slice(0, 300)
}

export interface SignRoutesOptions {
  rateLimit: boolean
  secret: string
}

export async function signRoutes(app: FastifyInstance, options: SignRoutesOptions): Promise<void> {
  const limited = (max: number, minutes: number): { public: true; invalidates: string[]; rateLimit?: { max: number; timeWindow: number } } =>
    options.rateLimit ? { public: true, invalidates: [], rateLimit: { max, timeWindow: minutes * 60_000 } } : { public: true, invalidates: [] }
  const retourOf = (value: unknown) => safeReturnPath(value, HOME_OF_SIGNED_IN)
  const kept = (body: unknown, keys: string[]) => Object.fromEntries(Object.entries(formValuesOf(body)).filter(([k]) => keys.includes(k)))

  app.get('/inscription', { config: { public: true } }, async (request, reply) => {
    const retour = retourOf((request.query as { retour?: string }).retour)
    if (request.actor.userId) return reply.redirect(retour, 303)
    return reply.page(<SignUpPage state={emptyForm} retour={retour} />)
  })

  app.post('/inscription', { config: limited(10, 60) }, async (request, reply) => {
    const retour = retourOf((request.body as { retour?: string } | undefined)?.retour)
    const values = kept(request.body, ['display_name', 'email'])
    const parsed = parseForm(SignUpForm, request.body)
    if (!parsed.ok) return reply.page(<SignUpPage state={{ values, errors: parsed.errors }} retour={retour} />, 400)
    const done = await withFieldErrors(() => registerAccount(app.db, { email: parsed.value.email, password: parsed.value.password, displayName: parsed.value.display_name, locale: request.locale }, requestContext(request)))
    if (!done.ok) return reply.page(<SignUpPage state={{ values, errors: done.errors }} retour={retour} />, done.status)
    return reply.redirect('/inscription/verifiez', 303)
  })

  app.get('/inscription/verifiez', { config: { public: true } }, async (_request, reply) => reply.page(<CheckInboxPage kind="sign-up" />))

  app.get('/inscription/confirmer/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = request.params as { token: string }
    if (!(await findUsableToken(app.db, 'verify-email', token))) throw invalidLink()
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')
    return reply.page(<ConfirmLinkPage action={`/inscription/confirmer/${token}`} titleKey="accounts.verify.title" textKey="accounts.verify.text" submitKey="accounts.verify.submit" />)
  })

  app.post('/inscription/confirmer/:token', { config: limited(20, 15) }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const userId = await verifyEmail(app.db, token, requestContext(request))
    if (!userId) throw invalidLink()
    await startSession(request, userId)
    reply.setFlash({ kind: 'success', message: 'accounts.verify.done' })
    return reply.redirect(HOME_OF_SIGNED_IN, 303)
  })

  app.get('/connexion', { config: { public: true } }, async (request, reply) => {
    const retour = retourOf((request.query as { retour?: string }).retour)
    if (request.actor.userId) return reply.redirect(retour, 303)
    return reply.page(<SignInPage state={emptyForm} retour={retour} />)
  })

  app.post('/connexion', { config: limited(20, 15) }, async (request, reply) => {
    const retour = retourOf((request.body as { retour?: string } | undefined)?.retour)
    const values = kept(request.body, ['email'])
    const parsed = parseForm(SignInForm, request.body)
    if (!parsed.ok) return reply.page(<SignInPage state={{ values, errors: parsed.errors }} retour={retour} />, 400)
    const outcome = await signIn(app.db, parsed.value.email, parsed.value.password, requestContext(request))
    if (outcome.kind === 'refused') {
      return reply.page(<SignInPage state={{ values, errors: [{ field: 'email', message: 'accounts.error.credentials' }] }} retour={retour} />, 401)
    }
    if (outcome.kind === 'unverified') return reply.page(<CheckInboxPage kind="unverified" />)
    if (outcome.kind === 'second-factor') {
      await request.session.regenerate()
      request.session.pendingUserId = outcome.userId
      request.session.pendingAt = nowIso()
      request.session.pendingReturn = retour
      return reply.redirect('/connexion/code', 303)
    }
    await startSession(request, outcome.userId)
    return reply.redirect(retour, 303)
  })

  const pendingOf = (request: FastifyRequest): string | null => {
    const { pendingUserId, pendingAt } = request.session
    if (!pendingUserId || !pendingAt || Date.parse(pendingAt) + PENDING_MINUTES * 60_000 < Date.now()) return null
    return pendingUserId
  }

  app.get('/connexion/code', { config: { public: true } }, async (request, reply) => {
    if (!pendingOf(request)) return reply.redirect('/connexion', 303)
    return reply.page(<SecondFactorPage state={emptyForm} />)
  })

  app.post('/connexion/code', { config: limited(10, 15) }, async (request: FastifyRequest, reply: FastifyReply) => {
    const userId = pendingOf(request)
    if (!userId) return reply.redirect('/connexion', 303)
    const parsed = parseForm(SecondFactorForm, request.body)
    if (!parsed.ok) return reply.page(<SecondFactorPage state={{ values: {}, errors: parsed.errors }} />, 400)
    if (!(await completeSecondFactor(app.db, options.secret, userId, parsed.value.code, requestContext(request)))) {
      return reply.page(<SecondFactorPage state={{ values: {}, errors: [{ field: 'code', message: 'accounts.security.error.code' }] }} />, 401)
    }
    const retour = retourOf(request.session.pendingReturn)
    await startSession(request, userId)
    return reply.redirect(retour, 303)
  })

  app.post('/deconnexion', { config: { public: true, invalidates: [] } }, async (request, reply) => {
    await request.session.destroy()
    reply.clearCookie('alliance_session', { path: '/' })
    reply.setFlash({ kind: 'info', message: 'accounts.signedOut' })
    return reply.redirect('/', 303)
  })

  app.get('/mot-de-passe-oublie', { config: { public: true } }, async (_request, reply) => reply.page(<ForgotPage state={emptyForm} />))

  app.post('/mot-de-passe-oublie', { config: limited(10, 60) }, async (request, reply) => {
    const parsed = parseForm(ForgotForm, request.body)
    if (!parsed.ok) return reply.page(<ForgotPage state={{ values: kept(request.body, ['email']), errors: parsed.errors }} />, 400)
    await requestPasswordReset(app.db, parsed.value.email, requestContext(request))
    return reply.redirect('/mot-de-passe-oublie/envoye', 303)
  })

  app.get('/mot-de-passe-oublie/envoye', { config: { public: true } }, async (_request, reply) => reply.page(<CheckInboxPage kind="reset" />))

  app.get('/mot-de-passe-oublie/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = request.params as { token: string }
    if (!(await findUsableToken(app.db, 'reset-password', token))) throw invalidLink()
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')
    return reply.page(<ResetPage state={emptyForm} action={`/mot-de-passe-oublie/${token}`} />)
  })

  app.post('/mot-de-passe-oublie/:token', { config: limited(10, 15) }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const action = `/mot-de-passe-oublie/${token}`
    const parsed = parseForm(ResetForm, request.body)
    if (!parsed.ok) return reply.page(<ResetPage state={{ values: {}, errors: parsed.errors }} action={action} />, 400)
    const done = await withFieldErrors(() => resetPassword(app.db, token, parsed.value.password, requestContext(request)))
    if (!done.ok) return reply.page(<ResetPage state={{ values: {}, errors: done.errors }} action={action} />, done.status)
    if (!done.value) throw invalidLink()
    await request.session.destroy()
    reply.setFlash({ kind: 'success', message: 'accounts.reset.done' })
    return reply.redirect('/connexion', 303)
  })
}
