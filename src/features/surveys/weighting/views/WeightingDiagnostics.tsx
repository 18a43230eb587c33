/**
 * The diagnostics of a campaign's active weighting: base, method and convergence, sample and exclusions,
 * Kish's design effect and effective size, weight ratios, the convergence trace, the distribution of relative
 * weights (chart and table), and each margin's population, sample and weighted shares.
 */
import { formatNumber } from '../../../../core/i18n/index.js'
import { DataTable } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { BarChart } from '../../analysis/charts/BarChart.js'
import { base, pct } from '../../analysis/views/format.js'
import { roleLabel } from '../../views/common.js'
import type { WeightingSettings } from '../margins.js'
import type { WeightingSummary } from '../weighting.js'

/** The diagnostics of the active weighting version (see the file comment). */
export function WeightingDiagnostics({ summary, settings }: { summary: WeightingSummary; settings: WeightingSettings }) {
  const { t, locale } = useView()
  return (
    <section aria-labelledby="diagnostics-heading" class="weighting-diagnostics">
      <h2 id="diagnostics-heading">{t('surveys.weighting.diagnostics')}</h2>
      <p class="survey-headline">{t('surveys.results.baseAll', { base: base(locale, t, summary.base), label: settings.baseLabel })}</p>
      <dl class="facts">
        <div>
          <dt>{t('surveys.weighting.method')}</dt>
          <dd>{t(`surveys.method.method.${summary.method}`)}</dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.convergence')}</dt>
          <dd>{summary.converged ? t('surveys.weighting.converged', { count: summary.iterations }) : t('surveys.weighting.notConverged')}</dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.sample')}</dt>
          <dd>
            {t('surveys.method.n', { n: formatNumber(locale, summary.n) })}
            {summary.excluded > 0 ? ` ${t('surveys.weighting.excluded', { count: summary.excluded, roles: summary.excludedRoles.map((r) => roleLabel(t, r)).join(', ') })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.deff')}</dt>
          <dd>{formatNumber(locale, summary.deff, 2)}</dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.nEff')}</dt>
          <dd>{formatNumber(locale, summary.nEff, 0)}</dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.ratios')}</dt>
          <dd>{t('surveys.weighting.ratiosValue', { min: formatNumber(locale, summary.weights.min / summary.weights.mean, 2), max: formatNumber(locale, summary.weights.max / summary.weights.mean, 2), cv: formatNumber(locale, summary.weights.cv, 2) })}</dd>
        </div>
        {summary.trimmed ? (
          <div>
            <dt>{t('surveys.weighting.trimmed')}</dt>
            <dd>{t('surveys.weighting.trimmedValue', { lower: summary.trimmed.lower, upper: summary.trimmed.upper })}</dd>
          </div>
        ) : null}
      </dl>
      {settings.source ? <p class="notice notice-info">{settings.source}</p> : null}
      <h3>{t('surveys.weighting.trace')}</h3>
      <DataTable
        caption={t('surveys.weighting.traceCaption')}
        rows={summary.trace.map((delta, i) => ({ i: i + 1, delta }))}
        columns={[
          { header: summary.method === 'rake' ? t('surveys.weighting.sweep') : t('surveys.weighting.iteration'), numeric: true, cell: (r) => r.i },
          { header: summary.method === 'rake' ? t('surveys.weighting.delta') : t('surveys.weighting.misfit'), numeric: true, cell: (r) => (r.delta === 0 ? '0' : r.delta.toExponential(2).replace('.', locale === 'fr' ? ',' : '.')) },
        ]}
      />
      <h3>{t('surveys.weighting.distribution')}</h3>
      <BarChart
        id="weights"
        title={t('surveys.weighting.distributionTitle')}
        desc={t('surveys.weighting.distributionDesc')}
        data={summary.histogram.map((b) => ({ label: Number.isFinite(b.to) ? `${formatNumber(locale, b.from, 2)} – ${formatNumber(locale, b.to, 2)}` : `≥ ${formatNumber(locale, b.from, 2)}`, value: summary.n > 0 ? b.count / summary.n : 0 }))}
        max={1}
        format={(v) => pct(locale, v)}
        tickFormat={(v) => `${formatNumber(locale, v * 100, 0)}\u00a0%`}
        suppressedLabel="—"
      />
      <DataTable
        caption={t('surveys.weighting.distributionCaption')}
        rows={summary.histogram}
        columns={[
          { header: t('surveys.weighting.ratioRange'), cell: (b) => (Number.isFinite(b.to) ? `${formatNumber(locale, b.from, 2)} – ${formatNumber(locale, b.to, 2)}` : `≥ ${formatNumber(locale, b.from, 2)}`) },
          { header: t('surveys.weighting.respondents'), numeric: true, cell: (b) => formatNumber(locale, b.count) },
          { header: t('surveys.results.share'), numeric: true, cell: (b) => pct(locale, summary.n > 0 ? b.count / summary.n : 0) },
        ]}
      />
      <h3>{t('surveys.weighting.margins')}</h3>
      {summary.margins.map((m) => (
        <DataTable
          caption={t('surveys.weighting.marginCaption', { variable: m.roles.map((r) => roleLabel(t, r)).join(' × ') })}
          rows={m.cells}
          columns={[
            { header: t('surveys.weighting.category'), cell: (c) => c.labels.join(' × ') },
            { header: t('surveys.weighting.population'), numeric: true, cell: (c) => pct(locale, c.population) },
            { header: t('surveys.weighting.sampleShare'), numeric: true, cell: (c) => pct(locale, c.sample) },
            { header: t('surveys.weighting.weightedShare'), numeric: true, cell: (c) => pct(locale, c.weighted) },
            { header: t('surveys.results.n'), numeric: true, cell: (c) => formatNumber(locale, c.sampleN) },
          ]}
        />
      ))}
    </section>
  )
}

