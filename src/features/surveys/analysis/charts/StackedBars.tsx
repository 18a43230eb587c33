/**
 * 100 % stacked horizontal bars: one bar per segment, one colour per answer (server-rendered SVG, with a
 * title, a description and a legend; the caller renders the data table next to it).
 *
 * Edge cases: a segment not published draws no bar and says so; the hidden values of a published segment are
 * one grey part (their total is what the others leave, so it reveals nothing more); shares are normalised to
 * their sum so rounding never overflows the bar; labels are printed inside a part only when it is wide enough.
 */
import { GRID, HIDDEN, INK, SWATCH, seriesClass, textOnSeries } from '../../../../core/views/palette.js'

/** One stacked bar: a segment and its shares. */
export interface StackedRow {
  label: string
  /** One share per series (null: the segment is not published; a null share: that value is hidden). */
  shares: Array<number | null> | null
  fragile?: boolean
}

/** A stacked bar chart's content and formats. */
export interface StackedBarsProps {
  id: string
  title: string
  desc: string
  series: string[]
  rows: StackedRow[]
  format: (value: number) => string
  suppressedLabel: string
  /** Legend of the grey part standing for hidden values (their total is 1 − the shares shown). */
  hiddenLabel: string
}

const WIDTH = 640
const LABEL_W = 180
const BAR_W = 440
const ROW = 28

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** Renders the stacked bars (see the file comment). */
export function StackedBars({ id, title, desc, series, rows, format, suppressedLabel, hiddenLabel }: StackedBarsProps) {
  const withHidden = rows.some((r) => r.shares?.some((s) => s === null))
  const legend = withHidden ? [...series, hiddenLabel] : series
  const legendRows = Math.ceil(legend.length / 2)
  const legendH = legendRows * 20 + 8
  const height = legendH + rows.length * ROW + 8
  return (
    <svg class="survey-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {legend.map((s, i) => (
        <g>
          <rect x={10 + (i % 2) * 310} y={6 + Math.floor(i / 2) * 20} width="14" height="14" class={`${i < series.length ? seriesClass(i) : HIDDEN} ${SWATCH}`} />
          <text x={30 + (i % 2) * 310} y={18 + Math.floor(i / 2) * 20} font-size="12" class={INK}>
            {truncate(s, 40)}
          </text>
        </g>
      ))}
      {rows.map((row, r) => {
        const y = legendH + r * ROW
        let cursor = LABEL_W
        const shown = row.shares ? row.shares.reduce<number>((a, b) => a + Math.max(0, b ?? 0), 0) : 0
        const hidden = row.shares?.some((v) => v === null) ? Math.max(0, 1 - shown) : 0
        const total = shown + hidden
        return (
          <g>
            <text x={LABEL_W - 8} y={y + 16} font-size="12" text-anchor="end" class={INK}>
              {truncate(row.label, 28)}
              {row.fragile ? ' *' : ''}
            </text>
            <rect x={LABEL_W} y={y + 3} width={BAR_W} height={ROW - 8} class={GRID} />
            {row.shares === null || total <= 0 ? (
              <text x={LABEL_W + 6} y={y + 16} font-size="12" class={INK}>
                {suppressedLabel}
              </text>
            ) : (
              [...row.shares, hidden > 0 ? hidden : null].map((share, i) => {
                if (share === null) return null
                const w = (Math.max(0, share) / total) * BAR_W
                const x = cursor
                cursor += w
                const colour = i < series.length ? seriesClass(i) : HIDDEN
                return (
                  <g>
                    <rect x={x} y={y + 3} width={w} height={ROW - 8} class={colour} opacity={row.fragile ? 0.6 : 1} />
                    {w > 34 && i < series.length ? (
                      <text x={x + w / 2} y={y + 16} font-size="11" text-anchor="middle" class={textOnSeries(i)}>
                        {format(share)}
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
  )
}
