/**
 * JSON API of published studies (`/api/v1/studies`): the list, paged (a page past the end is empty with the
 * totals), and one study's document — the same as `/etudes/:id/resultats.json` — with its methodology, citation
 * and outside figures. Hidden figures are hidden in it as on the pages; raw answers are never exposed.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { IdParams, pageMeta } from '../../../core/http/schemas.js'
import type { SurveyAnalysis } from '../analysis/results.js'
import { pagePublishedStudies } from '../surveys.queries.js'
import { resultsJson } from './export.js'
import { loadPublished } from './studies.routes.js'
import { StudiesPage, StudiesQuery, StudySchema } from './studies.schemas.js'

/** Registers the public studies API (read only; published data only). */
export async function studiesApi(app: FastifyInstance, options: { publicUrl: string; analysis: SurveyAnalysis }): Promise<void> {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/studies',
    public: true,
    operationId: 'listStudies',
    tags: ['studies'],
    summary: 'Published studies (survey results), newest first',
    querystring: StudiesQuery,
    response: { 200: Type.Object(StudiesPage.properties, { description: 'One page of published studies, with the totals' }) },
    handler: async (request) => {
      const page = await pagePublishedStudies(app.db, request.query.page ?? 1, request.query.per_page ?? 20)
      return {
        data: page.rows.map((r) => ({ id: r.campaign_id, title: r.title, organisation: r.organisation_name, territory_id: r.territory_id, published_at: r.published_at, synthetic: r.is_synthetic === 1, href: `/etudes/${r.campaign_id}` })),
        ...pageMeta(page),
      }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/studies/:id',
    public: true,
    operationId: 'getStudy',
    tags: ['studies'],
    summary: 'One published study: weighted estimates with 95 % intervals by view (overall, by segment), methodology, citation, outside figures',
    params: IdParams,
    response: { 200: Type.Object({ data: StudySchema }, { description: 'The study’s document (small cells hidden, with their reason)' }) },
    authorize: (request) => loadPublished(app, options.analysis, paramId(request)),
    handler: async (request, _reply, published) => ({ data: resultsJson({ id: published.row.campaign_id, citation: published.citation(request, options.publicUrl), doc: published.doc, figures: published.figures }) }),
  })
}
