/**
 * Published studies (`/etudes`): the list, the study page at a stable address with its "how to cite", and the
 * aggregated exports (CSV, JSON). Everything here reads the frozen publication (`survey_publications`):
 * aggregated, small cells hidden, never the raw answers. The pages are kept in the anonymous page cache under
 * the `studies` tag, which every write changing them bumps.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { notFound } from '../../../core/errors.js'
import { pageRoute, paramId } from '../../../core/http/routes.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import { formatDate } from '../../../core/i18n/index.js'
import type { StudyResults } from '../analysis/model.js'
import type { SurveyAnalysis } from '../analysis/results.js'
import { ResultsQuery } from '../analysis/results.schemas.js'
import { findPublishedStudy, listExternalFigures, listPublishedStudies, type ExternalFigure, type PublishedStudy } from '../surveys.queries.js'
import { resultsCsv, resultsJson } from './export.js'
import { publishedDocument, STUDIES_TAG, type PublicationDocument } from './studies.service.js'
import { StudiesPage } from './views/StudiesPage.js'
import { StudyPage } from './views/StudyPage.js'

/** A published study with its document and outside figures, and its citation in a request's language. */
export interface Published {
  row: PublishedStudy
  doc: PublicationDocument
  figures: ExternalFigure[]
  citation(request: FastifyRequest, publicUrl: string): string
}

/** A published study, or a 404 (unknown, or not published). */
export async function loadPublished(app: FastifyInstance, analysis: SurveyAnalysis, id: string): Promise<Published> {
  const row = await findPublishedStudy(app.db, id)
  if (!row) throw notFound()
  const [doc, figures] = await Promise.all([publishedDocument(app.db, analysis, row), listExternalFigures(app.db, id)])
  return {
    row,
    doc,
    figures,
    // How to cite a study: author (year). Title. Organisation, Alliance, published on … Address.
    citation: (request, publicUrl) => {
      const m = doc.methodology
      return request.t('surveys.cite.text', { author: m.author, year: m.publishedAt.slice(0, 4), title: m.title, organisation: m.organisation, date: formatDate(request.locale, m.publishedAt), url: `${publicUrl}/etudes/${id}` })
    },
  }
}

/** The public URL (citations) and the analysis service (documents of an older layout). */
export interface StudyRoutesOptions {
  publicUrl: string
  analysis: SurveyAnalysis
}

/** Registers the public studies pages and exports. */
export async function studyRoutes(app: FastifyInstance, options: StudyRoutesOptions): Promise<void> {
  const publishedOf = (request: FastifyRequest) => loadPublished(app, options.analysis, paramId(request))

  pageRoute(app, {
    url: '/etudes',
    public: true,
    cache: { tags: [STUDIES_TAG] },
    handler: async (_request, reply) => reply.page(<StudiesPage studies={await listPublishedStudies(app.db)} />),
  })

  pageRoute(app, {
    url: '/etudes/:id',
    public: true,
    cache: { tags: [STUDIES_TAG] },
    querystring: lenient(ResultsQuery),
    authorize: publishedOf,
    handler: async (request, reply, published) => {
      const role = request.query.par
      const results = (role ? published.doc.views[`by:${role}`] : undefined) ?? (published.doc.views.overall as StudyResults)
      return reply.page(
        <StudyPage
          id={published.row.campaign_id}
          doc={published.doc}
          results={results}
          figures={published.figures}
          citation={published.citation(request, options.publicUrl)}
          organisationId={published.row.organisation_id}
          problems={queryProblems(request.query)}
        />,
      )
    },
  })

  // files, not pages: still through pageRoute (the study's existence first)
  pageRoute(app, {
    url: '/etudes/:id/resultats.csv',
    public: true,
    authorize: publishedOf,
    handler: async (_request, reply, { row, doc }) => {
      reply.header('content-disposition', `attachment; filename="etude-${row.campaign_id}.csv"`)
      return reply.type('text/csv; charset=utf-8').send(resultsCsv(doc.views))
    },
  })

  pageRoute(app, {
    url: '/etudes/:id/resultats.json',
    public: true,
    authorize: publishedOf,
    handler: async (request, reply, published) =>
      reply.type('application/json; charset=utf-8').send(resultsJson({ id: published.row.campaign_id, citation: published.citation(request, options.publicUrl), doc: published.doc, figures: published.figures })),
  })
}
