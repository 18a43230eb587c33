/**
 * A campaign's results for its analysts (`/campagnes/:id/resultats`): the results section (the same as the
 * published study's, small cells hidden the same way), the raw text answers (analysts only), links to the
 * weighting and the anonymised microdata.
 */
import type { FieldProblem } from '../../../../core/errors.js'
import { useView } from '../../../../core/views/context.js'
import { Layout } from '../../../../core/views/Layout.js'
import type { Methodology } from '../../studies/studies.service.js'
import type { Campaign, ExternalFigure } from '../../surveys.queries.js'
import { IgnoredFilters } from '../../views/common.js'
import type { StudyResults } from '../model.js'
import { ResultsView } from './ResultsView.js'

/** The results page (see the file comment). */
export function ResultsPage({ campaign, results, methodology, figures, texts, problems }: { campaign: Campaign; results: StudyResults; methodology: Methodology; figures: ExternalFigure[]; texts: Record<string, string[]>; problems: FieldProblem[] }) {
  const { t } = useView()
  const title = t('surveys.results.title')
  return (
    <Layout title={`${title} — ${campaign.title}`} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: campaign.title, href: `/campagnes/${campaign.id}` }, { label: title }]}>
      <h1>
        {title} — {campaign.title}
      </h1>
      <p class="notice notice-info">{t('surveys.results.private')}</p>
      <IgnoredFilters problems={problems} />
      <ResultsView results={results} methodology={methodology} figures={figures} action={`/campagnes/${campaign.id}/resultats`} texts={texts}>
        <ul class="actions">
          <li>
            <a href={`/campagnes/${campaign.id}/redressement`}>{t('surveys.weighting.title')}</a>
          </li>
          <li>
            <a href={`/campagnes/${campaign.id}/microdonnees.csv`}>{t('surveys.export.microdata')}</a>
          </li>
        </ul>
      </ResultsView>
    </Layout>
  )
}

