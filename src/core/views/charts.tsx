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
  /** The bar's value; ignored when `hidden` says why it is not published. */
  value: number
  /** Optional link of the row in the data table (e.g. a filtered list). */
  href?: string
  /** A 95 % interval around the value, drawn as a whisker (clipped to the scale). */
  low?: number
  high?: number
  /** A value on a small base: a lighter bar, marked " *" (the caller's note says why). */
  fragile?: boolean
  /** Why the value is not shown (« moins de 5 », « masqué »): written instead of the bar. */
  hidden?: string
}

export interface BarChartProps {
  /** Unique on the page: the ids of the title and the table derive from it. */
  id: string
  /** The chart's accessible name and the table's caption. */
  title: string
  /** A longer description of what the bars and whiskers show, for screen readers. */
  desc?: string
  /** Header of the value column of the table, e.g. "Besoins ouverts". */
  valueHeader: string
  /** Header of the label column of the table. */
  labelHeader: string
  bars: Bar[]
  /** Shown instead of the chart when every value is zero or there is no bar. */
  emptyText: string
  /** The value of a full bar (1 for shares); default: the largest value or interval end. */
  max?: number
  /** Writes a value (default: a French or English number). */
  format?: (value: number) => string
  /**
   * `false` when the caller shows a fuller table of the same figures right after the chart (intervals, bases);
   * otherwise the bars' own table follows in a disclosure.
   */
  table?: boolean
}

/** The drawing's width in SVG units; the CSS shows it at 0.8× (a 320 px phone) to 1.25× (a desktop). */
const WIDTH = 360
/** Room right of the bars for the value (« 45,3 % * » at 13 px bold). */
const VALUE_WIDTH = 76
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
 * Horizontal bars, longest first as given (callers sort), scaled to `max` (default the largest value). Each
 * label is written whole above its bar, wrapped over up to three lines (longer ones end with "…" and stay whole
 * in the table), so nothing is clipped at any width; the value is written right of the track, with its interval
 * as a whisker when given. Edge cases: no bar or only zeros (without `max`) shows `emptyText` and no chart; a
 * hidden value writes its reason instead of a bar; intervals are clipped to [0, max].
 */
export function BarChart({ id, title, desc, valueHeader, labelHeader, bars, emptyText, max: fullBar, format, table = true }: BarChartProps) {
  const { locale, t } = useView()
  const shown = bars.filter((b) => b.hidden === undefined)
  const max = fullBar ?? Math.max(0, ...shown.map((b) => Math.max(b.value, b.high !== undefined && Number.isFinite(b.high) ? b.high : 0)))
  if (bars.length === 0 || max <= 0) return <p class="muted">{emptyText}</p>
  const write = format ?? ((v: number) => formatNumber(locale, v))
  const area = WIDTH - VALUE_WIDTH
  const x = (v: number) => (Math.max(0, Math.min(max, v)) / max) * area
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
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={desc ? `${id}-title ${id}-desc` : `${id}-title`}>
        <title id={`${id}-title`}>{title}</title>
        {desc ? <desc id={`${id}-desc`}>{desc}</desc> : null}
        {rows.map(({ bar, lines, top }) => {
          const barY = top + lines.length * LINE + 4
          const whisker = bar.hidden === undefined && bar.low !== undefined && bar.high !== undefined && Number.isFinite(bar.low) && Number.isFinite(bar.high)
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
              {bar.hidden !== undefined ? (
                <text class="bar-hidden" x={4} y={barY + BAR - 3}>
                  {bar.hidden}
                </text>
              ) : (
                <>
                  <rect class={bar.fragile ? 'bar bar-fragile' : 'bar'} x={0} y={barY} width={Math.max(bar.value > 0 ? 2 : 0, x(bar.value))} height={BAR} />
                  {whisker ? (
                    <g class="bar-whisker">
                      <line x1={x(bar.low as number)} x2={x(bar.high as number)} y1={barY + BAR / 2} y2={barY + BAR / 2} />
                      <line x1={x(bar.low as number)} x2={x(bar.low as number)} y1={barY + 2} y2={barY + BAR - 2} />
                      <line x1={x(bar.high as number)} x2={x(bar.high as number)} y1={barY + 2} y2={barY + BAR - 2} />
                    </g>
                  ) : null}
                  <text class="bar-value" x={area + 6} y={barY + BAR - 2}>
                    {`${write(bar.value)}${bar.fragile ? ' *' : ''}`}
                  </text>
                </>
              )}
            </g>
          )
        })}
      </svg>
      {table ? (
        <details class="table-alternative">
          <summary>{t('chart.table', { title })}</summary>
          <DataTable
            caption={title}
            captionHidden
            rows={bars}
            columns={[
              { header: labelHeader, cell: (b) => (b.href ? <a href={b.href}>{b.label}</a> : b.label) },
              { header: valueHeader, cell: (b) => b.hidden ?? `${write(b.value)}${b.fragile ? ' *' : ''}`, numeric: true },
            ]}
          />
        </details>
      ) : null}
    </figure>
  )
}
