/**
 * Sessions and the acting person, for every route: `@fastify/session` with our database store, then a hook
 * that loads the signed-in person and their organisations into `request.actor`.
 * Wrapped with fastify-plugin so its hooks apply to the whole application.
 */
import fastifySession from '@fastify/session'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../core/config.js'
import { loadActor } from './accounts.service.js'
import { KyselySessionStore } from './session-store.js'

/** Where a platform admin without a second factor may go (everything else leads to setting it up). */
const OPEN_TO_ADMINS_WITHOUT_FACTOR = ['/compte/securite/totp', '/deconnexion', '/static/', '/langue/', '/healthz', '/readyz']

/** The name of the session cookie (the API's security scheme names it). */
export const SESSION_COOKIE = 'alliance_session'

async function sessions(app: FastifyInstance, options: { config: Config }): Promise<void> {
  const { config } = options
  const maxAgeMs = config.sessionMaxHours * 3600_000
  await app.register(fastifySession, {
    secret: config.sessionSecret,
    cookieName: SESSION_COOKIE,
    store: new KyselySessionStore(app.db, config.sessionIdleMinutes * 60_000, maxAgeMs),
    saveUninitialized: false,
    rolling: false,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.publicUrl.startsWith('https://'),
      maxAge: maxAgeMs,
    },
  })
  app.addHook('onRequest', async (request, reply) => {
    const userId = request.session.userId
    if (!userId) return
    const actor = await loadActor(app.db, userId)
    if (!actor) {
      await request.session.destroy()
      return
    }
    const { mustSetUpSecondFactor, ...rest } = actor
    request.actor = rest
    // Platform admins set up their second factor before anything else (their powers wait for it).
    if (mustSetUpSecondFactor && request.method === 'GET' && !request.url.startsWith('/api/') && !OPEN_TO_ADMINS_WITHOUT_FACTOR.some((p) => request.url.startsWith(p))) {
      return reply.redirect('/compte/securite/totp', 303)
    }
  })
}

export const sessionsPlugin = fp(sessions, { name: 'alliance-sessions', dependencies: ['alliance-http'] })
