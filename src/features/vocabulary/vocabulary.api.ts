/** `GET /api/v1/vocabulary`: the common vocabulary as JSON (public, cacheable). */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { VOCABULARY } from './vocabulary.data.js'

const TermSchema = Type.Object({
  code: Type.String(),
  parent: Type.Optional(Type.String()),
  sdgs: Type.Optional(Type.Array(Type.Integer(), { description: 'Domains of action: the SDGs the domain serves' })),
  label_fr: Type.String(),
  label_en: Type.String(),
  definition_fr: Type.String(),
  definition_en: Type.String(),
})

const VocabularyResponse = Type.Array(
  Type.Object({
    kind: Type.String({ description: 'Family of terms, e.g. `world`, `sdg`, `lever`' }),
    label_fr: Type.String(),
    label_en: Type.String(),
    terms: Type.Array(TermSchema),
  }),
)

export async function vocabularyApi(app: FastifyInstance): Promise<void> {
  const body = VOCABULARY.map((info) => ({
    kind: info.kind,
    label_fr: info.fr,
    label_en: info.en,
    terms: info.terms.map((t) => ({
      code: t.code,
      ...(t.parent ? { parent: t.parent } : {}),
      ...(t.sdgs ? { sdgs: t.sdgs } : {}),
      label_fr: t.fr,
      label_en: t.en,
      definition_fr: t.defFr,
      definition_en: t.defEn,
    })),
  }))
  app.get(
    '/api/v1/vocabulary',
    {
      config: { public: true },
      schema: {
        operationId: 'listVocabulary',
        tags: ['vocabulary'],
        summary: 'The common vocabulary (sémantique commune) with French and English labels',
        response: { 200: VocabularyResponse },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600')
      return body
    },
  )
}
