/**
 * Accounts: people, their passwords and server-side sessions; sign-up, sign-in, sign-out, the account page;
 * platform admins (`alliance admin create`). Loads `request.actor` for every request.
 *
 * Owns: `users`, `sessions`. Public exports: the plugins, `signUp`, `ensurePlatformAdmin`, `pruneSessions`.
 */
import type { FastifyInstance } from 'fastify'
import { accountPages, type AccountPagesOptions } from './accounts.pages.js'

export { SESSION_COOKIE, sessionsPlugin } from './sessions.plugin.js'
export { accountMessages } from './accounts.messages.js'
export { signUp, ensurePlatformAdmin, authenticate } from './accounts.service.js'
export { hashPassword } from './passwords.js'
export { pruneSessions } from './session-store.js'
export type { AccountTables } from './accounts.table.js'

export async function accountsFeature(app: FastifyInstance, options: AccountPagesOptions): Promise<void> {
  await app.register(accountPages, options)
}
