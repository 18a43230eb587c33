/** `/lexique`: the common vocabulary, one section per kind, one anchored entry per term with its origin. */
import type { FastifyInstance } from 'fastify'
import { pageRoute } from '../../core/http/routes.js'
import { LexiquePage } from './views/LexiquePage.js'

/** Registers the lexique page. */
export async function vocabularyPages(app: FastifyInstance): Promise<void> {
  pageRoute(app, {
    url: '/lexique',
    public: true,
    // Reference data: nothing written at run time changes it (only the cache's lifetime refreshes the page).
    cache: { tags: [] },
    handler: async (_request, reply) => reply.page(<LexiquePage />),
  })
}
