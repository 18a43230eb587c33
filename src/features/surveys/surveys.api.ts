/**
 * JSON API of published studies (`/api/v1/studies`): the list, and one study's aggregated results with its
 * methodology, citation and outside figures — the same document as `/etudes/:id/resultats.json`. Small
 * cells are suppressed in it as on the pages; raw answers are never exposed.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { isId } from '../../core/db/values.js'
import { notFound } from '../../core/errors.js'
import { resultsJson } from './surveys.export.js'
import { listPublishedStudies } from './surveys.queries.js'
import { citationOf, loadPublished } from './surveys.study.js'

const Problem = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String() }, { additionalProperties: true })

/** Registers the public studies API (read only; published data only). */
export async function surveyApi(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  app.get(
    '/api/v1/studies',
    {
      config: { public: true },
      schema: {
        operationId: 'listStudies',
        tags: ['studies'],
        summary: 'Published studies (survey results), newest first',
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.String(),
                organisation: Type.String(),
                territory_id: Type.Union([Type.String(), Type.Null()]),
                published_at: Type.String(),
                synthetic: Type.Boolean({ description: 'True when the responses are synthetic (demonstration)' }),
                url: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const rows = await listPublishedStudies(app.db)
      return {
        data: rows.map((r) => ({
          id: r.campaign_id,
          title: r.title,
          organisation: r.organisation_name,
          territory_id: r.territory_id,
          published_at: r.published_at,
          synthetic: r.is_synthetic === 1,
          url: `${options.publicUrl}/etudes/${r.campaign_id}`,
        })),
      }
    },
  )

  app.get(
    '/api/v1/studies/:id',
    {
      config: { public: true },
      schema: {
        operationId: 'getStudy',
        tags: ['studies'],
        summary: 'One published study: weighted estimates with 95 % intervals by view (overall, by segment), methodology, citation, outside figures',
        params: Type.Object({ id: Type.String() }),
        response: { 200: Type.Object({ data: Type.Unknown() }), 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      if (!isId(id)) throw notFound()
      const { doc, figures } = await loadPublished(app, id)
      const url = `${options.publicUrl}/etudes/${id}`
      return { data: resultsJson({ id, url, citation: citationOf(request.t, request.locale, doc, url), methodology: doc.methodology, views: doc.views, figures }) }
    },
  )
}
