/**
 * Accounts: people, their passwords, e-mail verification, password reset, the second factor (TOTP and
 * recovery codes), server-side sessions (listed and closed by their owner), the security log; sign-up,
 * sign-in, sign-out, the account and security pages; platform admins (`alliance admin create`). Loads
 * `request.actor` for every request.
 *
 * Owns: `users`, `sessions`, `account_tokens`, `recovery_codes` (and writes `security_events`, a core table).
 */
import type { FastifyInstance } from 'fastify'
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'
import { accountRoutes } from './account.routes.js'
import { signRoutes } from './accounts.routes.js'
import { securityRoutes } from './security.routes.js'

export { SESSION_COOKIE, sessionsPlugin } from './sessions.plugin.js'
export { accountMessages } from './accounts.messages.js'
export { signUp, ensurePlatformAdmin } from './accounts.service.js'
export { accountJobs } from './accounts.jobs.js'
export { hashPassword } from './passwords.js'
export { pruneSessions } from './session-store.js'
export { authorizePlatformAdmin } from './accounts.policy.js'
export type { AccountTables } from './accounts.table.js'

export interface AccountsFeatureOptions {
  rateLimit: boolean
  /** the session secret (it also seals TOTP secrets) */
  secret: string
  /** what each feature keeps about a person, for the export and the erasure of an account */
  personalData: PersonalDataSource<Database>[]
}

export async function accountsFeature(app: FastifyInstance, options: AccountsFeatureOptions): Promise<void> {
  await app.register(signRoutes, { rateLimit: options.rateLimit, secret: options.secret })
  await app.register(accountRoutes, { rateLimit: options.rateLimit, personalData: options.personalData })
  await app.register(securityRoutes, { rateLimit: options.rateLimit, secret: options.secret })
}
