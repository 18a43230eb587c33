/**
 * Server-rendered SVG charts. Every chart is an image with a `<title>` (its accessible name) and is always
 * followed by the same figures as a data table, so colour and shape never carry information alone and the
 * figures stay readable without CSS, in print and by screen readers.
 */
import { formatNumber } from '../i18n/index.js'
import { DataTable } from './components.js'
import { useView } from './context.js'

export interface Bar {
  label: string
  value: number
  /** Optional link of the row in the data table (e.g. a filtered list). */
  href?: string
}

export interface BarChartProps {
  /** Unique on the page: the ids of the title and the table derive from it. */
  id: string
  /** The chart's accessible name and the table's caption. */
  title: string
  /** Header of the value column of the table, e.g. "Besoins ouverts". */
  valueHeader: string
  /** Header of the label column of the table. */
  labelHeader: string
  bars: Bar[]
  /** Shown instead of the chart when every value is zero or there is no bar. */
  emptyText: string
}

const WIDTH = 640
const LABEL_WIDTH = 270
const VALUE_WIDTH = 56
const ROW = 26

function shorten(label: string, max = 42): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label
}

/**
 * Horizontal bars, longest first as given (callers sort), scaled to the largest value. Edge cases: no bar
 * or only zeros shows `emptyText` and no chart; long labels are shortened in the picture (never in the table).
 */
export function BarChart({ id, title, valueHeader, labelHeader, bars, emptyText }: BarChartProps) {
  const { locale, t } = useView()
  const max = Math.max(0, ...bars.map((b) => b.value))
  if (bars.length === 0 || max === 0) return <p class="muted">{emptyText}</p>
  const height = bars.length * ROW + 8
  const area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
  return (
    <figure class="bar-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{title}</title>
        <line class="axis" x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} />
        {bars.map((bar, i) => {
          const y = 4 + i * ROW
          const w = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * area)
          return (
            <g>
              <text class="bar-label" x={LABEL_WIDTH - 6} y={y + ROW / 2 + 4} text-anchor="end">
                {shorten(bar.label)}
              </text>
              <rect class="bar" x={LABEL_WIDTH} y={y + 3} width={w} height={ROW - 8} />
              <text class="bar-value" x={LABEL_WIDTH + w + 6} y={y + ROW / 2 + 4}>
                {formatNumber(locale, bar.value)}
              </text>
            </g>
          )
        })}
      </svg>
      <details class="table-alternative">
        <summary>{t('chart.table', { title })}</summary>
        <DataTable
          caption={title}
          captionHidden
          rows={bars}
          columns={[
            { header: labelHeader, cell: (b) => (b.href ? <a href={b.href}>{b.label}</a> : b.label) },
            { header: valueHeader, cell: (b) => formatNumber(locale, b.value), numeric: true },
          ]}
        />
      </details>
    </figure>
  )
}
