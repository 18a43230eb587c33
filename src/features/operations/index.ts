/**
 * Operations: the console of platform admins for what runs behind the pages — background jobs (queue
 * depths, dead jobs and their replay) and e-mail (every message and its delivery; without SMTP the messages
 * written to the log). Owns no table: it reads the core's job store and `mail_messages`.
 */
import type { FastifyInstance } from 'fastify'
import { operationsRoutes, type OperationsOptions } from './operations.routes.js'

export { operationMessages } from './operations.messages.js'

export async function operationsFeature(app: FastifyInstance, options: OperationsOptions): Promise<void> {
  await app.register(operationsRoutes, options)
}
