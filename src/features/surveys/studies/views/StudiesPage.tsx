/** The list of published studies (`/etudes`). */
import { formatDate } from '../../../../core/i18n/index.js'
import { DataTable } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { Layout } from '../../../../core/views/Layout.js'
import type { PublishedStudyRow } from '../../surveys.queries.js'
import { SyntheticBadge } from '../../views/common.js'

/** Published studies, newest first, with their organisation and date. */
export function StudiesPage({ studies }: { studies: PublishedStudyRow[] }) {
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
                  <a href={`/etudes/${s.campaign_id}`}>{s.title}</a> {s.is_synthetic ? <SyntheticBadge /> : null}
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
