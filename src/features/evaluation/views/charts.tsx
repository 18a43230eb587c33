/**
 * Charts of evaluation, server-rendered SVG: the distribution of answers on the scale (stacked bars of counts,
 * one bar per row) and an indicator over time (dated values, baseline and target). Each is an image with a
 * title and a description, followed by the same figures in a table; colours come with labels, never alone.
 * Colours: the platform's one palette (core/views/palette.ts), levels from orange ("pas du tout") to blue ("tout à
 * fait"), grey for "ne sait pas".
 */
import { formatDate, formatNumber } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { GRID, HIDDEN, HOLLOW, INK, LINE, levelSeries, SWATCH, seriesClass, textOnSeries } from '../../../core/views/palette.js'


export interface DistributionRow {
  label: string
  counts: number[]
  dontKnow: number
  /** shown instead of the bar (e.g. too few answers to be shown) */
  hiddenText?: string
}

/**
 * Stacked bars of counts on the answer scale, scaled to the largest row; the table below gives every count.
 * `tableVisible` prints the table in the page (the review) instead of behind a "show the table" toggle.
 */
export function DistributionChart({ id, title, rows, levelLabels, dontKnowLabel, rowHeader, tableVisible }: { id: string; title: string; rows: DistributionRow[]; levelLabels: string[]; dontKnowLabel: string; rowHeader: string; tableVisible?: boolean }) {
  const { t } = useView()
  const WIDTH = 640
  const LABEL_W = 170
  const BAR_W = 430
  const ROW = 26
  const legend = [...levelLabels, dontKnowLabel]
  const legendH = Math.ceil(legend.length / 3) * 20 + 6
  const height = legendH + rows.length * ROW + 6
  const max = Math.max(1, ...rows.map((r) => r.counts.reduce((a, b) => a + b, 0) + r.dontKnow))
  const levels = levelSeries(levelLabels.length)
  const fill = (i: number) => (i < levels.length ? seriesClass(levels[i] ?? i) : HIDDEN)
  const text = (i: number) => (i < levels.length ? textOnSeries(levels[i] ?? i) : 'on-light')
  const table = (
    <DataTable
      caption={title}
      captionHidden={!tableVisible}
      rows={rows}
      columns={[
        { header: rowHeader, cell: (r: DistributionRow) => r.label },
        ...levelLabels.map((label, i) => ({ header: label, cell: (r: DistributionRow) => (r.hiddenText ? '—' : String(r.counts[i] ?? 0)), numeric: true })),
        { header: dontKnowLabel, cell: (r: DistributionRow) => (r.hiddenText ? '—' : String(r.dontKnow)), numeric: true },
      ]}
    />
  )
  return (
    <figure class="evaluation-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t('evaluation.chart.distributionDesc')}</desc>
        {legend.map((label, i) => (
          <g>
            <rect x={6 + (i % 3) * 210} y={4 + Math.floor(i / 3) * 20} width="14" height="14" class={`${fill(i)} ${SWATCH}`} />
            <text x={26 + (i % 3) * 210} y={16 + Math.floor(i / 3) * 20} font-size="12" class={INK}>
              {label}
            </text>
          </g>
        ))}
        {rows.map((row, r) => {
          const y = legendH + r * ROW
          let x = LABEL_W
          const parts = [...row.counts.map((n, i) => ({ n, i })), { n: row.dontKnow, i: levels.length }]
          return (
            <g>
              <text x={LABEL_W - 8} y={y + 16} font-size="12" text-anchor="end" class={INK}>
                {row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label}
              </text>
              {row.hiddenText ? (
                <text x={LABEL_W + 4} y={y + 16} font-size="12" class={INK}>
                  {row.hiddenText}
                </text>
              ) : (
                parts.map((p) => {
                  const w = (p.n / max) * BAR_W
                  const at = x
                  x += w
                  return p.n === 0 ? null : (
                    <g>
                      <rect x={at} y={y + 3} width={w} height={ROW - 8} class={fill(p.i)} stroke="#ffffff" stroke-width="1" />
                      {w > 16 ? (
                        <text x={at + w / 2} y={y + 16} font-size="11" text-anchor="middle" class={text(p.i)}>
                          {p.n}
                        </text>
                      ) : null}
                    </g>
                  )
                })
              )}
            </g>
          )
        })}
      </svg>
      {tableVisible ? (
        table
      ) : (
        <details class="table-alternative">
          <summary>{t('chart.table', { title })}</summary>
          {table}
        </details>
      )}
    </figure>
  )
}

export interface IndicatorPoint {
  on: string
  value: number
  source: string
  by: string
}

/**
 * An indicator over time: its dated values joined by a line, the baseline (a hollow square) and the target
 * (a hollow diamond at its date), on a vertical scale that includes all of them. With no value, only the table.
 */
export function IndicatorChart({ id, title, unit, points, baseline, target, tableVisible }: { id: string; title: string; unit: string; points: IndicatorPoint[]; baseline: { on: string; value: number } | null; target: { on: string; value: number } | null; tableVisible?: boolean }) {
  const { t, locale } = useView()
  const W = 640
  const H = 240
  const L = 64
  const R = 16
  const T = 16
  const B = 40
  const marks = [...points.map((p) => ({ on: p.on, value: p.value })), ...(baseline ? [baseline] : []), ...(target ? [target] : [])]
  const table = (
    <DataTable
      caption={title}
      captionHidden={!tableVisible}
      rows={[...(baseline ? [{ on: baseline.on, value: baseline.value, source: t('evaluation.indicators.baseline'), by: '' }] : []), ...points, ...(target ? [{ on: target.on, value: target.value, source: t('evaluation.indicators.target'), by: '' }] : [])]}
      columns={[
        { header: t('evaluation.indicators.date'), cell: (p: IndicatorPoint) => <time dateTime={p.on}>{formatDate(locale, p.on)}</time> },
        { header: t('evaluation.indicators.value', { unit }), cell: (p: IndicatorPoint) => formatNumber(locale, p.value, 2), numeric: true },
        { header: t('evaluation.indicators.source'), cell: (p: IndicatorPoint) => p.source },
        { header: t('evaluation.indicators.by'), cell: (p: IndicatorPoint) => p.by },
      ]}
    />
  )
  if (marks.length === 0) return <p class="muted">{t('evaluation.indicators.noValue')}</p>
  const days = marks.map((m) => Date.parse(`${m.on}T12:00:00Z`))
  const minX = Math.min(...days)
  const maxX = Math.max(...days, minX + 86400_000)
  let minY = Math.min(0, ...marks.map((m) => m.value))
  let maxY = Math.max(...marks.map((m) => m.value))
  if (maxY === minY) maxY = minY + 1
  const pad = (maxY - minY) * 0.08
  minY = minY < 0 ? minY - pad : minY
  maxY += pad
  const x = (on: string) => L + ((Date.parse(`${on}T12:00:00Z`) - minX) / (maxX - minX)) * (W - L - R)
  const y = (v: number) => T + (1 - (v - minY) / (maxY - minY)) * (H - T - B)
  const sorted = [...points].sort((a, b) => (a.on < b.on ? -1 : 1))
  const ticks = [minY, (minY + maxY) / 2, maxY]
  return (
    <figure class="evaluation-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t('evaluation.chart.indicatorDesc', { count: points.length })}</desc>
        <line x1={L} x2={L} y1={T} y2={H - B} class={GRID} />
        <line x1={L} x2={W - R} y1={H - B} y2={H - B} class={GRID} />
        {ticks.map((v) => (
          <g>
            <line x1={L - 4} x2={W - R} y1={y(v)} y2={y(v)} class={GRID} stroke-opacity="0.35" />
            <text x={L - 8} y={y(v) + 4} font-size="11" text-anchor="end" class={INK}>
              {formatNumber(locale, v, Math.abs(maxY - minY) < 10 ? 1 : 0)}
            </text>
          </g>
        ))}
        <text x={L} y={H - 12} font-size="11" class={INK}>
          {formatDate(locale, new Date(minX).toISOString().slice(0, 10))}
        </text>
        <text x={W - R} y={H - 12} font-size="11" text-anchor="end" class={INK}>
          {formatDate(locale, new Date(maxX).toISOString().slice(0, 10))}
        </text>
        {sorted.length > 1 ? <polyline points={sorted.map((p) => `${x(p.on)},${y(p.value)}`).join(' ')} class={`${seriesClass(0)} ${LINE}`} /> : null}
        {sorted.map((p) => (
          <circle cx={x(p.on)} cy={y(p.value)} r="4" class={seriesClass(0)} />
        ))}
        {baseline ? <rect x={x(baseline.on) - 5} y={y(baseline.value) - 5} width="10" height="10" class={HOLLOW} /> : null}
        {target ? <polygon points={`${x(target.on)},${y(target.value) - 7} ${x(target.on) + 7},${y(target.value)} ${x(target.on)},${y(target.value) + 7} ${x(target.on) - 7},${y(target.value)}`} class={`${seriesClass(5)} ${HOLLOW}`} /> : null}
      </svg>
      <p class="chart-legend">{t('evaluation.chart.indicatorLegend')}</p>
      {tableVisible ? (
        table
      ) : (
        <details class="table-alternative">
          <summary>{t('chart.table', { title })}</summary>
          {table}
        </details>
      )}
    </figure>
  )
}
