/**
 * A published study (`/etudes/:id`), at a stable address: its results section (small cells hidden, with their
 * reason), methodology, outside figures, how to cite it, and its exports.
 */
import type { FieldProblem } from '../../../../core/errors.js'
import { formatDate } from '../../../../core/i18n/index.js'
import { useView } from '../../../../core/views/context.js'
import { Layout } from '../../../../core/views/Layout.js'
import type { StudyResults } from '../../analysis/model.js'
import { ResultsView } from '../../analysis/views/ResultsView.js'
import type { ExternalFigure } from '../../surveys.queries.js'
import { IgnoredFilters, SyntheticBadge } from '../../views/common.js'
import type { PublicationDocument } from '../studies.service.js'

/** The study page; `citation` is the text to cite, `problems` the filters of the address not understood. */
export function StudyPage({ id, doc, results, figures, citation, organisationId, problems }: { id: string; doc: PublicationDocument; results: StudyResults; figures: ExternalFigure[]; citation: string; organisationId: string; problems: FieldProblem[] }) {
  const { t, locale } = useView()
  const m = doc.methodology
  return (
    <Layout title={m.title} breadcrumb={[{ label: t('surveys.studies.title'), href: '/etudes' }, { label: m.title }]}>
      <p class="kicker">
        {t('surveys.studies.kicker')} {m.synthetic ? <SyntheticBadge /> : null}
      </p>
      <h1>{m.title}</h1>
      <p>
        {t('surveys.studies.by', { date: formatDate(locale, m.publishedAt) })} <a href={`/acteurs/${organisationId}`}>{m.organisation}</a>
        {m.territory ? ` · ${m.territory}` : ''}
      </p>
      <IgnoredFilters problems={problems} />
      <ResultsView results={results} methodology={m} figures={figures} action={`/etudes/${id}`}>
        <section class="cite" aria-labelledby="cite-heading">
          <h2 id="cite-heading">{t('surveys.cite.title')}</h2>
          <p>
            <cite>{citation}</cite>
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
