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

/** The drawing's width in SVG units; the CSS shows it at 0.8× (a 320 px phone) to 1.25× (a desktop). */
const WIDTH = 360
const VALUE_WIDTH = 60
const LINE = 16
const BAR = 14
const GAP = 12
/** Characters per label line at 13 px over the drawing's width (a conservative average glyph width). */
const LINE_CHARS = 46
const MAX_LINES = 3

/**
 * Wraps a label into lines of at most `width` characters, breaking between words (a word longer than a line
 * is cut into pieces). More than `maxLines` lines: the last one ends with "…" (the table keeps the whole text).
 */
export function wrapLabel(label: string, width = LINE_CHARS, maxLines = MAX_LINES): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const pieces = word.length > width ? (word.match(new RegExp(`.{1,${width}}`, 'gu')) ?? [word]) : [word]
    for (const piece of pieces) {
      if (line === '') line = piece
      else if (line.length + 1 + piece.length <= width) line = `${line} ${piece}`
      else {
        lines.push(line)
        line = piece
      }
    }
  }
  if (line !== '') lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  const last = kept[maxLines - 1] as string
  kept[maxLines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`
  return kept
}

/**
 * Horizontal bars, longest first as given (callers sort), scaled to the largest value. Each label is written
 * whole above its bar, wrapped over up to three lines (longer ones end with "…" and stay whole in the table),
 * so nothing is clipped at any width. Edge cases: no bar or only zeros shows `emptyText` and no chart.
 */
export function BarChart({ id, title, valueHeader, labelHeader, bars, emptyText }: BarChartProps) {
  const { locale, t } = useView()
  const max = Math.max(0, ...bars.map((b) => b.value))
  if (bars.length === 0 || max === 0) return <p class="muted">{emptyText}</p>
  const area = WIDTH - VALUE_WIDTH
  let y = 0
  const rows = bars.map((bar) => {
    const lines = wrapLabel(bar.label)
    const top = y
    y += lines.length * LINE + 4 + BAR + GAP
    return { bar, lines, top }
  })
  const height = y - GAP + 2
  return (
    <figure class="bar-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{title}</title>
        {rows.map(({ bar, lines, top }) => {
          const barY = top + lines.length * LINE + 4
          const w = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * area)
          return (
            <g>
              <text class="bar-label" x={0} y={top + LINE - 3}>
                {lines.map((line, i) => (
                  <tspan x={0} dy={i === 0 ? 0 : LINE}>
                    {line}
                  </tspan>
                ))}
              </text>
              <rect class="bar-track" x={0} y={barY} width={area} height={BAR} />
              <rect class="bar" x={0} y={barY} width={w} height={BAR} />
              <text class="bar-value" x={area + 6} y={barY + BAR - 2}>
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
