/** "Mes mises en relation": the requests sent and received by the person's organisations, paged. */
import type { PageOf } from '../../../../core/db/paging.js'
import { formatDate } from '../../../../core/i18n/index.js'
import { DataTable, Pagination } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { Layout } from '../../../../core/views/Layout.js'
import { requestStatusKey } from '../../views/labels.js'
import { effectiveStatus, type RequestRow } from '../connections.queries.js'

export function RequestListPage({ page, mine, now }: { page: PageOf<RequestRow>; mine: Set<string>; now: string }) {
  const { t, locale, path } = useView()
  const rows = page.rows
  return (
    <Layout title={t('listening.request.list')}>
      <h1>{t('listening.request.list')}</h1>
      <p class="lead">{t('listening.request.listIntro')}</p>
      {rows.length === 0 ? (
        <p>{t('listening.request.none')}</p>
      ) : (
        <DataTable
          caption={t('listening.request.list')}
          captionHidden
          rows={rows}
          columns={[
            { header: t('listening.request.subject'), cell: (r) => <a href={`/mises-en-relation/${r.id}`}>{r.need_title}</a> },
            { header: t('listening.request.direction'), cell: (r) => (mine.has(r.to_organisation_id) ? `${t('listening.request.received')} — ${r.from_name}` : `${t('listening.request.sentLabel')} — ${r.to_name}`) },
            { header: t('listening.request.status'), cell: (r) => t(requestStatusKey(effectiveStatus(r, now))) },
            { header: t('listening.request.date'), cell: (r) => formatDate(locale, r.created_at) },
          ]}
        />
      )}
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </Layout>
  )
}

