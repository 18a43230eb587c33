/**
 * Published studies (`/etudes`): the list, the study page at a stable URL with its "how to cite", the
 * aggregated exports (CSV, JSON). Everything here reads the frozen publication (`survey_publications`):
 * aggregated, small cells already suppressed, never the raw answers, never the engine.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { notFound } from '../../core/errors.js'
import { parseForm, requireId } from '../../core/http/forms.js'
import { formatDate, type Locale, type Translate } from '../../core/i18n/index.js'
import { DataTable } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { Layout } from '../../core/views/Layout.js'
import type { StudyResults } from './surveys.analysis.js'
import { resultsCsv, resultsJson } from './surveys.export.js'
import { findPublishedStudy, listExternalFigures, listPublishedStudies, type ExternalFigure, type PublishedStudyRow } from './surveys.queries.js'
import { ResultsQuery } from './surveys.schemas.js'
import type { Methodology } from './surveys.service.js'
import { ResultsView } from './views/ResultsView.js'

/** The stored publication document. */
export interface PublicationDocument {
  methodology: Methodology
  views: Record<string, StudyResults>
}

/** How to cite a study: author (year). Title. Organisation, Alliance, published on … URL. */
export function citationOf(t: Translate, locale: Locale, doc: PublicationDocument, url: string): string {
  const m = doc.methodology
  return t('surveys.cite.text', { author: m.author, year: m.publishedAt.slice(0, 4), title: m.title, organisation: m.organisation, date: formatDate(locale, m.publishedAt), url })
}

function StudiesPage({ studies }: { studies: PublishedStudyRow[] }) {
  const { t, locale, user } = useView()
  return (
    <Layout title={t('surveys.studies.title')}>
      <h1>{t('surveys.studies.title')}</h1>
      <p class="lead">{t('surveys.studies.intro')}</p>
      {user ? (
        <p>
          <a href="/enquetes">{t('surveys.list.title')}</a>
        </p>
      ) : null}
      {studies.length === 0 ? (
        <p>{t('surveys.studies.none')}</p>
      ) : (
        <DataTable
          caption={t('surveys.studies.caption', { count: studies.length })}
          rows={studies}
          columns={[
            {
              header: t('surveys.field.title'),
              cell: (s) => (
                <>
                  <a href={`/etudes/${s.campaign_id}`}>{s.title}</a> {s.is_synthetic ? <span class="badge badge-demo">{t('surveys.synthetic.badge')}</span> : null}
                </>
              ),
            },
            { header: t('surveys.field.organisation'), cell: (s) => <a href={`/acteurs/${s.organisation_id}`}>{s.organisation_name}</a> },
            { header: t('surveys.studies.published'), cell: (s) => formatDate(locale, s.published_at) },
          ]}
        />
      )}
    </Layout>
  )
}

function StudyPage({ id, doc, results, figures, url, organisationId }: { id: string; doc: PublicationDocument; results: StudyResults; figures: ExternalFigure[]; url: string; organisationId: string }) {
  const { t, locale } = useView()
  const m = doc.methodology
  return (
    <Layout title={m.title} breadcrumb={[{ label: t('surveys.studies.title'), href: '/etudes' }, { label: m.title }]}>
      <p class="kicker">
        {t('surveys.studies.kicker')} {m.synthetic ? <span class="badge badge-demo">{t('surveys.synthetic.badge')}</span> : null}
      </p>
      <h1>{m.title}</h1>
      <p>
        {t('surveys.studies.by', { date: formatDate(locale, m.publishedAt) })} <a href={`/acteurs/${organisationId}`}>{m.organisation}</a>
        {m.territory ? ` · ${m.territory}` : ''}
      </p>
      <ResultsView results={results} methodology={m} figures={figures} action={`/etudes/${id}`}>
        <section class="cite" aria-labelledby="cite-heading">
          <h2 id="cite-heading">{t('surveys.cite.title')}</h2>
          <p>
            <cite>{citationOf(t, locale, doc, url)}</cite>
          </p>
          <ul class="actions">
            <li>
              <a href={`/etudes/${id}/resultats.csv`}>{t('surveys.export.csv')}</a>
            </li>
            <li>
              <a href={`/etudes/${id}/resultats.json`}>{t('surveys.export.json')}</a>
            </li>
          </ul>
        </section>
      </ResultsView>
    </Layout>
  )
}

/** The public URL (stable study addresses and citations). */
export interface StudyPagesOptions {
  publicUrl: string
}

/** A published study with its document and outside figures, or a 404. */
export async function loadPublished(app: FastifyInstance, id: string): Promise<{ row: NonNullable<Awaited<ReturnType<typeof findPublishedStudy>>>; doc: PublicationDocument; figures: ExternalFigure[] }> {
  const row = await findPublishedStudy(app.db, id)
  if (!row) throw notFound()
  return { row, doc: JSON.parse(row.results) as PublicationDocument, figures: await listExternalFigures(app.db, id) }
}

/** Registers the public studies routes and exports. */
export async function studyPages(app: FastifyInstance, options: StudyPagesOptions): Promise<void> {
  const url = (id: string) => `${options.publicUrl}/etudes/${id}`
  const viewOf = (request: FastifyRequest, doc: PublicationDocument): StudyResults => {
    const query = parseForm(ResultsQuery, request.query)
    const role = query.ok ? query.value.par : undefined
    return (role ? doc.views[`by:${role}`] : undefined) ?? (doc.views.overall as StudyResults)
  }

  app.get('/etudes', { config: { public: true, cache: true } }, async (_request, reply) => {
    return reply.page(<StudiesPage studies={await listPublishedStudies(app.db)} />)
  })

  app.get('/etudes/:id', { config: { public: true, cache: true } }, async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const { row, doc, figures } = await loadPublished(app, id)
    return reply.page(<StudyPage id={id} doc={doc} results={viewOf(request, doc)} figures={figures} url={url(id)} organisationId={row.organisation_id} />)
  })

  app.get('/etudes/:id/resultats.csv', { config: { public: true } }, async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const { doc } = await loadPublished(app, id)
    reply.header('content-disposition', `attachment; filename="etude-${id}.csv"`)
    return reply.type('text/csv; charset=utf-8').send(resultsCsv(doc.views))
  })

  app.get('/etudes/:id/resultats.json', { config: { public: true } }, async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const { doc, figures } = await loadPublished(app, id)
    return reply.type('application/json; charset=utf-8').send(resultsJson({ id, url: url(id), citation: citationOf(request.t, request.locale, doc, url(id)), methodology: doc.methodology, views: doc.views, figures }))
  })

}
