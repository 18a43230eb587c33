/**
 * Horizontal bars with 95 % interval whiskers (server-rendered SVG). The chart is an image with a title
 * and a description (`role="img"`, `aria-labelledby`); its numbers are always given by a data table next to
 * it (the caller renders it), so the SVG's inner texts are decoration for sighted readers.
 *
 * Edge cases: a value of null (suppressed base, or a hidden cell: `hiddenLabel`) draws no bar and says so; intervals are
 * clipped to [0, max]; fragile values (base under 30) use a lighter bar and carry a mark.
 */
import { BAR, BAR_FRAGILE, GRID, INK } from './palette.js'

/** One bar: label, value (null: suppressed), interval, fragility. */
export interface BarDatum {
  label: string
  value: number | null
  low?: number
  high?: number
  fragile?: boolean
  /** Why the value is hidden (« moins de 5 », « masqué »), shown instead of the chart's `suppressedLabel`. */
  hiddenLabel?: string
}

/** A bar chart's content and formats. */
export interface BarChartProps {
  /** Unique id prefix of the title and description. */
  id: string
  title: string
  desc: string
  data: BarDatum[]
  /** The value of a full bar (1 for shares). */
  max: number
  /** Formats a value for the end-of-bar label. */
  format: (value: number) => string
  /** Text shown instead of a suppressed value. */
  suppressedLabel: string
  /** Formats the axis ticks (default: `format`). */
  tickFormat?: (value: number) => string
}

const WIDTH = 640
const LABEL_W = 210
const BAR_W = 330
const ROW = 30

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** Renders the bar chart (see the file comment). */
export function BarChart({ id, title, desc, data, max, format, suppressedLabel, tickFormat }: BarChartProps) {
  const height = data.length * ROW + 24
  const x = (v: number) => LABEL_W + (Math.max(0, Math.min(max, v)) / max) * BAR_W
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max)
  return (
    <svg class="survey-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {ticks.map((tv) => (
        <g>
          <line x1={x(tv)} x2={x(tv)} y1={4} y2={height - 18} stroke={GRID} stroke-width="1" />
          <text x={x(tv)} y={height - 4} font-size="11" text-anchor="middle" fill={INK}>
            {(tickFormat ?? format)(tv)}
          </text>
        </g>
      ))}
      {data.map((d, i) => {
        const y = 6 + i * ROW
        return (
          <g>
            <text x={LABEL_W - 8} y={y + 15} font-size="12" text-anchor="end" fill={INK}>
              {truncate(d.label, 34)}
            </text>
            {d.value === null ? (
              <text x={LABEL_W + 4} y={y + 15} font-size="12" fill={INK}>
                {d.hiddenLabel ?? suppressedLabel}
              </text>
            ) : (
              <>
                <rect x={LABEL_W} y={y + 3} width={Math.max(0, x(d.value) - LABEL_W)} height={ROW - 10} fill={d.fragile ? BAR_FRAGILE : BAR} />
                {d.low !== undefined && d.high !== undefined && Number.isFinite(d.low) && Number.isFinite(d.high) ? (
                  <g stroke={INK} stroke-width="1.5">
                    <line x1={x(d.low)} x2={x(d.high)} y1={y + 13} y2={y + 13} />
                    <line x1={x(d.low)} x2={x(d.low)} y1={y + 7} y2={y + 19} />
                    <line x1={x(d.high)} x2={x(d.high)} y1={y + 7} y2={y + 19} />
                  </g>
                ) : null}
                <text x={Math.min(WIDTH - 4, x(d.high !== undefined && Number.isFinite(d.high) ? d.high : d.value) + 6)} y={y + 15} font-size="12" fill={INK}>
                  {format(d.value)}
                  {d.fragile ? ' *' : ''}
                </text>
              </>
            )}
          </g>
        )
      })}
    </svg>
  )
}
