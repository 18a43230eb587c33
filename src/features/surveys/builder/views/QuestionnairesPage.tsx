/** The analyst's questionnaires and their campaigns (`/enquetes`). */
import { formatDate } from '../../../../core/i18n/index.js'
import { DataTable } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { Layout } from '../../../../core/views/Layout.js'
import type { Campaign, QuestionnaireListRow } from '../../surveys.queries.js'

/** The list of questionnaires, each with its campaigns and their numbers of responses. */
export function QuestionnairesPage({ questionnaires, campaigns }: { questionnaires: QuestionnaireListRow[]; campaigns: Campaign[] }) {
  const { t, locale } = useView()
  return (
    <Layout title={t('surveys.list.title')}>
      <h1>{t('surveys.list.title')}</h1>
      <p class="lead">{t('surveys.list.intro')}</p>
      <ul class="actions">
        <li>
          <a class="button" href="/enquetes/nouvelle">
            {t('surveys.create.title')}
          </a>
        </li>
        <li>
          <a class="button button-secondary" href="/etudes">
            {t('surveys.studies.title')}
          </a>
        </li>
      </ul>
      {questionnaires.length === 0 ? (
        <p>{t('surveys.list.none')}</p>
      ) : (
        <DataTable
          caption={t('surveys.list.caption', { count: questionnaires.length })}
          rows={questionnaires}
          columns={[
            { header: t('surveys.field.title'), cell: (q) => <a href={`/enquetes/${q.id}`}>{q.title}</a> },
            { header: t('surveys.field.organisation'), cell: (q) => q.organisation_name },
            {
              header: t('surveys.list.campaigns'),
              cell: (q) => {
                const mine = campaigns.filter((c) => c.questionnaire_id === q.id)
                return mine.length === 0 ? (
                  '—'
                ) : (
                  <ul class="plain-list">
                    {mine.map((c) => (
                      <li>
                        <a href={`/campagnes/${c.id}`}>{c.title}</a> <span class="muted">({t('surveys.list.responses', { count: c.submitted_count })})</span>
                      </li>
                    ))}
                  </ul>
                )
              },
            },
            { header: t('surveys.list.updated'), cell: (q) => formatDate(locale, q.updated_at) },
          ]}
        />
      )}
    </Layout>
  )
}

