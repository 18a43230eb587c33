/** A territory's mobilisation dashboard: figures, charts with their tables, the map by département, companies engaged. */
import { BarChart } from '../../../../core/views/charts.js'
import { DataTable } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { FranceMap, type Territory } from '../../../territories/index.js'
import { termLabel } from '../../../vocabulary/index.js'
import { Amount, Cents, MobilisationPage, percent } from '../../views/format.js'
import type { Breakdown, Dashboard } from '../dashboard.queries.js'
import { translateLabel } from '../../../../core/i18n/index.js'
import { BAND_LABELS, HELP_KIND_LABELS } from '../../views/labels.js'

export function DashboardPage({ territory, dashboard, departements }: { territory: Territory | null; dashboard: Dashboard; departements: Map<string, string> }) {
  const { t, locale } = useView()
  const place = territory?.name ?? t('mobilisation.dashboard.france')
  const title = t('mobilisation.dashboard.title', { place })
  const euros = (cents: number) => Math.round(cents / 100)
  const label = {
    world: (code: string) => (code ? termLabel('world', code, locale) : t('mobilisation.dashboard.unknown')),
    size: (code: string) => (code ? termLabel('organisation_size', code, locale) : t('mobilisation.dashboard.noSize')),
    band: (code: string) => (code ? translateLabel(t, BAND_LABELS, code) : t('mobilisation.dashboard.unknown')),
    departement: (code: string) => departements.get(code) ?? code,
  }
  const table = (id: string, caption: string, rows: Breakdown[], name: (code: string) => string) => (
    <>
      <BarChart id={id} title={caption} labelHeader={t('mobilisation.dashboard.group')} valueHeader={t('mobilisation.dashboard.pledgedEuros')} bars={rows.map((r) => ({ label: name(r.code), value: euros(r.pledgedCents) }))} emptyText={t('mobilisation.dashboard.empty')} />
      <DataTable
        caption={caption}
        captionHidden
        focusable
        rows={rows}
        columns={[
          { header: t('mobilisation.dashboard.group'), cell: (r) => name(r.code) },
          { header: t('mobilisation.dashboard.organisations'), cell: (r) => String(r.organisations), numeric: true },
          { header: t('mobilisation.dashboard.pledges'), cell: (r) => String(r.pledges), numeric: true },
          { header: t('mobilisation.dashboard.pledged'), cell: (r) => <Cents cents={r.pledgedCents} />, numeric: true },
          { header: t('mobilisation.dashboard.realised'), cell: (r) => <Cents cents={r.realisedCents} />, numeric: true },
        ]}
      />
    </>
  )
  return (
    <MobilisationPage title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('mobilisation.dashboard.intro')}</p>
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.dashboard.organisations')}</dt>
          <dd>{dashboard.organisations}</dd>
        </div>
        <div>
          <dt>{t('mobilisation.dashboard.pledged')}</dt>
          <dd>
            <Cents cents={dashboard.pledgedCents} />
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.dashboard.realised')}</dt>
          <dd>
            <Cents cents={dashboard.realisedCents} />
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.dashboard.companies')}</dt>
          <dd>
            {percent(locale, dashboard.companies.engaged, dashboard.companies.total)}{' '}
            <span class="muted">{t('mobilisation.dashboard.companiesOf', { engaged: dashboard.companies.engaged, total: dashboard.companies.total })}</span>
          </dd>
        </div>
      </dl>
      <p class="muted">{t('mobilisation.dashboard.method', { count: dashboard.unvalued })}</p>
      <h2>{t('mobilisation.dashboard.byKind')}</h2>
      <DataTable
        caption={t('mobilisation.dashboard.byKind')}
        captionHidden
        rows={dashboard.byKind}
        columns={[
          { header: t('mobilisation.help.kind'), cell: (k) => translateLabel(t, HELP_KIND_LABELS, k.kind) },
          { header: t('mobilisation.call.pledged'), cell: (k) => <Amount hundredths={k.pledged} unit={k.unit} />, numeric: true },
          { header: t('mobilisation.call.fulfilled'), cell: (k) => <Amount hundredths={k.fulfilled} unit={k.unit} />, numeric: true },
        ]}
      />
      <h2>{t('mobilisation.dashboard.byWorld')}</h2>
      {table('par-monde', t('mobilisation.dashboard.byWorld'), dashboard.byWorld, label.world)}
      <h2>{t('mobilisation.dashboard.bySize')}</h2>
      {table('par-taille', t('mobilisation.dashboard.bySize'), dashboard.bySize, label.size)}
      <h2>{t('mobilisation.dashboard.byBand')}</h2>
      <p class="muted">{t('mobilisation.dashboard.bandNote')}</p>
      {table('par-commune', t('mobilisation.dashboard.byBand'), dashboard.byCommuneBand, label.band)}
      {territory === null || territory.kind === 'region' ? (
        <>
          <h2>{t('mobilisation.dashboard.map')}</h2>
          <FranceMap values={new Map(dashboard.byDepartement.map((d) => [d.code.replace(/^departement:/, ''), euros(d.pledgedCents)]))} unit="mobilisation.map.euros" title={t('mobilisation.dashboard.map')} />
          {table('par-departement', t('mobilisation.dashboard.byDepartement'), dashboard.byDepartement, label.departement)}
        </>
      ) : null}
    </MobilisationPage>
  )
}
