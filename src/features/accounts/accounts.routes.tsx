/**
 * Getting in: sign-up (same answer whatever the address), address confirmation, sign-in with its second
 * step, sign-out, forgotten password and the new-password form. Rate-limited per client address. None of
 * these writes changes a public page (`invalidates: []`). Sign-in lands on "Mon espace", or on the `retour`
 * asked for when it is a path of this site (`safeReturnPath`: read as a browser would, never off-site).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { nowIso } from '../../core/db/values.js'
import { EmptyForm } from '../../core/http/schemas.js'
import { done, formRoute, pageRoute, paramText, postedValues } from '../../core/http/routes.js'
import { lenient } from '../../core/http/validation.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import { ForgotForm, ResetForm, ReturnQuery, SecondFactorForm, SignInForm, SignUpForm } from './accounts.schemas.js'
import { completeSecondFactor, invalidLink, registerAccount, requestPasswordReset, resetPassword, signIn, verifyEmail } from './accounts.service.js'
import { endSession, HOME_OF_SIGNED_IN, requestContext, returnPathOf, startSession } from './accounts.session.js'
import { findUsableToken, type TokenPurpose } from './tokens.js'
import { CheckInboxPage, ConfirmLinkPage, ForgotPage, ResetPage, SecondFactorPage, SignInPage, SignUpPage } from './views/SignPages.js'

/** The second step must follow the first within this time. */
const PENDING_MINUTES = 5

export interface SignRoutesOptions {
  rateLimit: boolean
  secret: string
}

/** Only what a person typed is shown again (never a password or a code). */
function kept(state: FormState, keys: string[]): FormState {
  return { values: Object.fromEntries(Object.entries(state.values).filter(([key]) => keys.includes(key))), errors: state.errors }
}

export async function signRoutes(app: FastifyInstance, options: SignRoutesOptions): Promise<void> {
  const limit = (max: number, minutes: number) => (options.rateLimit ? { max, timeWindow: minutes * 60_000 } : false)

  /** The link of an e-mail (`:token`): usable, or "this link is no longer valid" (410) before any input is read. */
  const usableLink = (purpose: TokenPurpose) => async (request: FastifyRequest) => {
    const token = paramText(request, 'token') ?? ''
    if (!(await findUsableToken(app.db, purpose, token))) throw invalidLink()
    return token
  }
  const secretPage = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')

  pageRoute(app, {
    url: '/inscription',
    public: true,
    querystring: lenient(ReturnQuery),
    handler: async (request, reply) => {
      const retour = returnPathOf(request.query.retour)
      if (request.actor.userId) return reply.redirect(retour, 303)
      return reply.page(<SignUpPage state={emptyForm} retour={retour} />)
    },
  })

  formRoute(app, {
    url: '/inscription',
    public: true,
    body: SignUpForm,
    invalidates: [],
    rateLimit: limit(10, 60),
    render: (request, reply, _ctx, state, status) => reply.page(<SignUpPage state={kept(state, ['display_name', 'email'])} retour={returnPathOf(postedValues(request).retour)} />, status),
    handler: async (request, reply) => {
      const { email, password, display_name } = request.body
      await registerAccount(app.db, { email, password, displayName: display_name, locale: request.locale }, requestContext(request))
      return done(reply, '/inscription/verifiez')
    },
  })

  pageRoute(app, { url: '/inscription/verifiez', public: true, handler: async (_request, reply) => reply.page(<CheckInboxPage kind="sign-up" />) })

  pageRoute(app, {
    url: '/inscription/confirmer/:token',
    public: true,
    authorize: usableLink('verify-email'),
    handler: async (_request, reply, token) =>
      secretPage(reply).page(<ConfirmLinkPage action={`/inscription/confirmer/${token}`} titleKey="accounts.verify.title" textKey="accounts.verify.text" submitKey="accounts.verify.submit" />),
  })

  formRoute(app, {
    url: '/inscription/confirmer/:token',
    public: true,
    body: EmptyForm,
    invalidates: [],
    rateLimit: limit(20, 15),
    authorize: usableLink('verify-email'),
    render: (_request, reply, token, state, status) =>
      secretPage(reply).page(<ConfirmLinkPage action={`/inscription/confirmer/${token}`} titleKey="accounts.verify.title" textKey="accounts.verify.text" submitKey="accounts.verify.submit" state={state} />, status),
    handler: async (request, reply, token) => {
      const userId = await verifyEmail(app.db, token, requestContext(request))
      if (!userId) throw invalidLink()
      await startSession(request, userId)
      return done(reply, HOME_OF_SIGNED_IN, { kind: 'success', message: 'accounts.verify.done' })
    },
  })

  pageRoute(app, {
    url: '/connexion',
    public: true,
    querystring: lenient(ReturnQuery),
    handler: async (request, reply) => {
      const retour = returnPathOf(request.query.retour)
      if (request.actor.userId) return reply.redirect(retour, 303)
      return reply.page(<SignInPage state={emptyForm} retour={retour} />)
    },
  })

  const signInView = (request: FastifyRequest, reply: FastifyReply, state: FormState, status: number) =>
    reply.page(<SignInPage state={kept(state, ['email'])} retour={returnPathOf(postedValues(request).retour)} />, status)

  formRoute(app, {
    url: '/connexion',
    public: true,
    body: SignInForm,
    invalidates: [],
    rateLimit: limit(20, 15),
    render: (request, reply, _ctx, state, status) => signInView(request, reply, state, status),
    handler: async (request, reply) => {
      // The hidden `retour` is not input to validate: whatever it holds, only a path of this site is followed.
      const retour = returnPathOf(postedValues(request).retour)
      const outcome = await signIn(app.db, request.body.email, request.body.password, requestContext(request))
      switch (outcome.kind) {
        case 'refused':
          return signInView(request, reply, { values: postedValues(request), errors: [{ field: 'email', message: 'accounts.error.credentials' }] }, 401)
        case 'unverified':
          return reply.page(<CheckInboxPage kind="unverified" />)
        case 'second-factor':
          await request.session.regenerate()
          request.session.pendingUserId = outcome.userId
          request.session.pendingAt = nowIso()
          request.session.pendingReturn = retour
          return done(reply, '/connexion/code')
        case 'signed-in':
          await startSession(request, outcome.userId)
          return done(reply, retour)
      }
    },
  })

  /** The person between the password and the code, if the first step is recent enough. */
  const pendingOf = (request: FastifyRequest): string | null => {
    const { pendingUserId, pendingAt } = request.session
    if (!pendingUserId || !pendingAt || Date.parse(pendingAt) + PENDING_MINUTES * 60_000 < Date.now()) return null
    return pendingUserId
  }

  pageRoute(app, {
    url: '/connexion/code',
    public: true,
    handler: async (request, reply) => (pendingOf(request) ? reply.page(<SecondFactorPage state={emptyForm} />) : reply.redirect('/connexion', 303)),
  })

  formRoute(app, {
    url: '/connexion/code',
    public: true,
    body: SecondFactorForm,
    invalidates: [],
    rateLimit: limit(10, 15),
    render: (_request, reply, _ctx, state, status) => reply.page(<SecondFactorPage state={kept(state, [])} />, status),
    handler: async (request, reply) => {
      const userId = pendingOf(request)
      if (!userId) return done(reply, '/connexion')
      if (!(await completeSecondFactor(app.db, options.secret, userId, request.body.code, requestContext(request)))) {
        return reply.page(<SecondFactorPage state={{ values: {}, errors: [{ field: 'code', message: 'accounts.security.error.code' }] }} />, 401)
      }
      const retour = returnPathOf(request.session.pendingReturn)
      await startSession(request, userId)
      return done(reply, retour)
    },
  })

  formRoute(app, {
    url: '/deconnexion',
    public: true,
    body: EmptyForm,
    invalidates: [],
    // An empty form has nothing to refuse: the sign-out always goes through.
    render: (_request, reply) => done(reply, '/'),
    handler: async (request, reply) => {
      await endSession(request, reply)
      return done(reply, '/', { kind: 'info', message: 'accounts.signedOut' })
    },
  })

  pageRoute(app, { url: '/mot-de-passe-oublie', public: true, handler: async (_request, reply) => reply.page(<ForgotPage state={emptyForm} />) })

  formRoute(app, {
    url: '/mot-de-passe-oublie',
    public: true,
    body: ForgotForm,
    invalidates: [],
    rateLimit: limit(10, 60),
    render: (_request, reply, _ctx, state, status) => reply.page(<ForgotPage state={kept(state, ['email'])} />, status),
    handler: async (request, reply) => {
      await requestPasswordReset(app.db, request.body.email, requestContext(request))
      return done(reply, '/mot-de-passe-oublie/envoye')
    },
  })

  pageRoute(app, { url: '/mot-de-passe-oublie/envoye', public: true, handler: async (_request, reply) => reply.page(<CheckInboxPage kind="reset" />) })

  pageRoute(app, {
    url: '/mot-de-passe-oublie/:token',
    public: true,
    authorize: usableLink('reset-password'),
    handler: async (_request, reply, token) => secretPage(reply).page(<ResetPage state={emptyForm} action={`/mot-de-passe-oublie/${token}`} />),
  })

  formRoute(app, {
    url: '/mot-de-passe-oublie/:token',
    public: true,
    body: ResetForm,
    invalidates: [],
    rateLimit: limit(10, 15),
    authorize: usableLink('reset-password'),
    render: (_request, reply, token, state, status) => secretPage(reply).page(<ResetPage state={kept(state, [])} action={`/mot-de-passe-oublie/${token}`} />, status),
    handler: async (request, reply, token) => {
      if (!(await resetPassword(app.db, token, request.body.password, requestContext(request)))) throw invalidLink()
      await endSession(request, reply)
      return done(reply, '/connexion', { kind: 'success', message: 'accounts.reset.done' })
    },
  })
}
