/**
 * What a signed-in browser carries in its server-side session, and the two acts every sign-in path shares:
 * reading where a request comes from (for the security log) and starting a fresh session (a new id, so that a
 * session fixed before sign-in is worth nothing afterwards).
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { nowIso } from '../../core/db/values.js'
import { safeReturnPath } from '../../core/http/plugin.js'
import type { RequestContext } from './accounts.service.js'
import { SESSION_COOKIE } from './sessions.plugin.js'

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

/** Where to go after signing in: the `retour` asked for when it is a path of this site, else « Mon espace ». */
export function returnPathOf(value: unknown): string {
  return safeReturnPath(value, HOME_OF_SIGNED_IN)
}

/** The browser's description, bounded (it is stored with the session and in the security log). */
function userAgentOf(request: FastifyRequest): string {
  return String(request.headers['user-agent'] ?? '').slice(0, 300)
}

/** Where a request comes from, for the security log. */
export function requestContext(request: FastifyRequest): RequestContext {
  return { ip: request.ip ?? null, userAgent: userAgentOf(request) }
}

/** A new session for `userId` (a new id: no fixation), remembering when and from where. */
export async function startSession(request: FastifyRequest, userId: string): Promise<void> {
  await request.session.regenerate()
  request.session.userId = userId
  request.session.signedInAt = nowIso()
  request.session.ip = request.ip
  request.session.userAgent = userAgentOf(request)
}

/** Ends the browser's session and forgets its cookie (signing out, a reset or an erased account). */
export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await request.session.destroy()
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}
