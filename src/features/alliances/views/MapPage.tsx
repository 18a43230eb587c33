/** The map of alliances by département (`/alliances/carte`), with its data table. */
import { formatNumber } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { FranceMap, type Territory } from '../../territories/index.js'

export function MapPage({ values, departements }: { values: Map<string, number>; departements: Territory[] }) {
  const { t, locale } = useView()
  const total = departements.filter((d) => (values.get(d.code) ?? 0) > 0)
  return (
    <Layout title={t('alliances.map.title')} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: t('alliances.map.title') }]}>
      <h1>{t('alliances.map.title')}</h1>
      <p class="lead">{t('alliances.map.intro')}</p>
      <FranceMap values={values} unit="alliances.map.unit" title={t('alliances.map.svgTitle')} />
      <DataTable
        caption={t('alliances.map.table')}
        rows={total}
        columns={[
          { header: t('alliances.map.departement'), cell: (d) => <a href={`/alliances?territoire=${encodeURIComponent(d.id)}`}>{`${d.name} (${d.code})`}</a> },
          { header: t('alliances.map.count'), cell: (d) => formatNumber(locale, values.get(d.code) ?? 0), numeric: true },
        ]}
      />
    </Layout>
  )
}
