/**
 * The ternary plot of the three levers: each segment (or territory) is a point whose position is its
 * balance between Vision (top), Gestion (bottom left) and Action (bottom right) — the share of respondents
 * ranking each lever first. "Il n'existe pas de bon chemin, mais un équilibre propre à chacun": the plot
 * shows balances side by side, it ranks nothing. The overall balance is a diamond; fragile segments (base
 * under 30) are hollow. Server-rendered SVG with title and description; the caller renders the data table.
 *
 * Balances usually sit near the centre, so the plot is zoomed on the sub-triangle holding every point (each
 * lever from its smallest share, rounded down to 5 %): the grid lines carry the real percentages on three
 * sides, and point labels are placed so that they do not overlap.
 */
import { FRAME, GRID, HOLLOW, INK, OUTLINED, seriesClass } from '../../../../core/views/palette.js'

/** One point of the plot: a segment's balance. */
export interface TernaryPointDatum {
  label: string
  /** Shares of vision, gestion, action (normalised to their sum). */
  shares: [number, number, number]
  fragile?: boolean
}

/** The plot's content and formats. */
export interface TernaryPlotProps {
  id: string
  title: string
  desc: string
  /** Names of the three corners: vision, gestion, action. */
  corners: [string, string, string]
  points: TernaryPointDatum[]
  overall: TernaryPointDatum | null
  /** Formats a share (0..1) for the grid labels. */
  format: (share: number) => string
}

const SIDE = 440
const H = (SIDE * Math.sqrt(3)) / 2
const PAD_X = 130
const PAD_TOP = 40
const PAD_BOTTOM = 56

type Triple = readonly [number, number, number]

function normalise(s: Triple): [number, number, number] {
  const total = s[0] + s[1] + s[2] || 1
  return [s[0] / total, s[1] / total, s[2] / total]
}

/** Plot coordinates of a balance already expressed in the (zoomed) triangle. */
export function ternaryXY(shares: Triple): { x: number; y: number } {
  const [v, , a] = normalise(shares)
  // gestion at bottom-left (0, H), action at bottom-right (SIDE, H), vision at the top (SIDE/2, 0)
  return { x: PAD_X + a * SIDE + (v * SIDE) / 2, y: PAD_TOP + H - v * H }
}

/** The zoom window: the smallest share of each lever shown (multiples of 5 %), their sum below 0.85. */
export function zoomWindow(points: readonly Triple[]): [number, number, number] {
  if (points.length === 0) return [0, 0, 0]
  const mins = [0, 1, 2].map((k) => Math.max(0, Math.floor((Math.min(...points.map((p) => normalise(p)[k] as number)) - 0.04) * 20) / 20)) as [number, number, number]
  while (mins[0] + mins[1] + mins[2] > 0.85) {
    const k = mins.indexOf(Math.max(...mins))
    mins[k] = Math.max(0, (mins[k] as number) - 0.05)
  }
  return mins
}

function zoom(shares: Triple, mins: Triple): [number, number, number] {
  const s = normalise(shares)
  const span = 1 - (mins[0] + mins[1] + mins[2])
  return [(s[0] - mins[0]) / span, (s[1] - mins[1]) / span, (s[2] - mins[2]) / span]
}

interface Box {
  x: number
  y: number
  w: number
  h: number
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/** Renders the ternary plot (see the file comment). */
export function TernaryPlot({ id, title, desc, corners, points, overall, format }: TernaryPlotProps) {
  const width = SIDE + 2 * PAD_X
  const height = H + PAD_TOP + PAD_BOTTOM
  const all = [...points.map((p) => p.shares), ...(overall ? [overall.shares] : [])]
  const mins = zoomWindow(all)
  const span = 1 - (mins[0] + mins[1] + mins[2])
  const at = (shares: Triple) => ternaryXY(zoom(shares, mins))
  const top = ternaryXY([1, 0, 0])
  const left = ternaryXY([0, 1, 0])
  const right = ternaryXY([0, 0, 1])
  // grid lines at round shares, every 5 % when zoomed in, 10 % otherwise
  const step = span < 0.5 ? 0.05 : 0.1
  const grid: Array<{ lever: number; value: number; from: { x: number; y: number }; to: { x: number; y: number } }> = []
  for (let lever = 0; lever < 3; lever++) {
    const min = mins[lever] as number
    for (let value = Math.ceil((min + 1e-9) / step) * step; value < min + span - 1e-9; value += step) {
      const c = (value - min) / span
      const p: [number, number, number] = [0, 0, 0]
      const q: [number, number, number] = [0, 0, 0]
      p[lever] = c
      q[lever] = c
      p[(lever + 1) % 3] = 1 - c
      q[(lever + 2) % 3] = 1 - c
      grid.push({ lever, value, from: ternaryXY(p), to: ternaryXY(q) })
    }
  }
  // labels: right of the point, else left, else shifted down, avoiding earlier labels and the points
  const marks = points.map((p) => at(p.shares))
  const overallXY = overall ? at(overall.shares) : null
  const overallText = overall ? { text: overall.label, box: { x: (overallXY?.x ?? 0) - overall.label.length * 3.4, y: (overallXY?.y ?? 0) + 10, w: overall.label.length * 6.8, h: 14 } } : null
  const placed: Box[] = overallText ? [overallText.box] : []
  const pointBoxes: Box[] = [...marks, ...(overallXY ? [overallXY] : [])].map((m) => ({ x: m.x - 7, y: m.y - 7, w: 14, h: 14 }))
  const labels = points.map((p, i) => {
    const m = marks[i] as { x: number; y: number }
    const text = `${p.label.length > 24 ? `${p.label.slice(0, 23)}…` : p.label}${p.fragile ? ' *' : ''}`
    const w = text.length * 6.2
    const candidates: Box[] = []
    for (const dy of [0, 13, -13, 26, -26, 39, -39]) {
      candidates.push({ x: m.x + 10, y: m.y - 9 + dy, w, h: 13 })
      candidates.push({ x: m.x - 10 - w, y: m.y - 9 + dy, w, h: 13 })
    }
    const box = candidates.find((c) => !placed.some((b) => overlaps(b, c)) && !pointBoxes.some((b, k) => k !== i && overlaps(b, c))) ?? (candidates[0] as Box)
    placed.push(box)
    return { text, box, anchor: m }
  })
  return (
    <svg class="survey-chart ternary" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMin meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {grid.map((g) => (
        <g>
          <line x1={g.from.x} y1={g.from.y} x2={g.to.x} y2={g.to.y} class={GRID} stroke-width="0.8" stroke-dasharray="3 3" />
          {g.lever === 0 ? (
            <text x={g.from.x - 6} y={g.from.y + 4} font-size="10" text-anchor="end" class={INK}>
              {format(g.value)}
            </text>
          ) : g.lever === 1 ? (
            <text x={g.from.x} y={g.from.y + 14} font-size="10" text-anchor="middle" class={INK}>
              {format(g.value)}
            </text>
          ) : (
            <text x={g.from.x + 6} y={g.from.y + 4} font-size="10" text-anchor="start" class={INK}>
              {format(g.value)}
            </text>
          )}
        </g>
      ))}
      <polygon points={`${top.x},${top.y} ${left.x},${left.y} ${right.x},${right.y}`} class={FRAME} stroke-width="1.5" />
      <text x={top.x} y={top.y - 14} font-size="13" font-weight="bold" text-anchor="middle" class={INK}>
        {corners[0]}
      </text>
      <text x={left.x} y={left.y + 34} font-size="13" font-weight="bold" text-anchor="middle" class={INK}>
        {corners[1]}
      </text>
      <text x={right.x} y={right.y + 34} font-size="13" font-weight="bold" text-anchor="middle" class={INK}>
        {corners[2]}
      </text>
      {labels.map((l) => (
        <line x1={l.anchor.x} y1={l.anchor.y} x2={l.box.x < l.anchor.x ? l.box.x + l.box.w : l.box.x} y2={l.box.y + 8} class={GRID} stroke-width="0.8" />
      ))}
      {points.map((p, i) => {
        const { x, y } = marks[i] as { x: number; y: number }
        return <circle cx={x} cy={y} r="6" class={`${seriesClass(i)} ${p.fragile ? HOLLOW : OUTLINED}`} />
      })}
      {labels.map((l) => (
        <text x={l.box.x} y={l.box.y + 10} font-size="11" class={INK}>
          {l.text}
        </text>
      ))}
      {overall && overallXY ? (
        <g>
          <polygon points={`${overallXY.x},${overallXY.y - 8} ${overallXY.x + 8},${overallXY.y} ${overallXY.x},${overallXY.y + 8} ${overallXY.x - 8},${overallXY.y}`} class={INK} />
          <text x={overallText?.box.x ?? overallXY.x} y={(overallText?.box.y ?? overallXY.y) + 11} font-size="12" font-weight="bold" class={INK}>
            {overall.label}
          </text>
        </g>
      ) : null}
    </svg>
  )
}
