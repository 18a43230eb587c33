/** `GET /api/v1/vocabulary`: the common vocabulary as JSON, with each term's origin (public, cacheable). */
import type { FastifyInstance } from 'fastify'
import { apiRoute } from '../../core/http/routes.js'
import { presentVocabulary, VocabularyResponse } from './vocabulary.schemas.js'

/** Registers the vocabulary API. */
export async function vocabularyApi(app: FastifyInstance): Promise<void> {
  const body = presentVocabulary()
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/vocabulary',
    public: true,
    operationId: 'listVocabulary',
    tags: ['vocabulary'],
    summary: 'The common vocabulary (sémantique commune) with French and English labels and where each term comes from',
    response: { 200: VocabularyResponse },
    handler: async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600')
      return body
    },
  })
}
