/**
 * The ternary plot of the three levers: each segment (or territory) is a point whose position is its
 * balance between Vision (top), Gestion (bottom left) and Action (bottom right) — the share of respondents
 * ranking each lever first. "Il n'existe pas de bon chemin, mais un équilibre propre à chacun": the plot
 * shows balances side by side, it ranks nothing. The overall balance is a diamond; fragile segments (base
 * under 30) are hollow. Server-rendered SVG with title and description; the caller renders the data table.
 */
import { GRID, INK, seriesColour } from './palette.js'

export interface TernaryPointDatum {
  label: string
  /** Shares of vision, gestion, action (normalised to their sum). */
  shares: [number, number, number]
  fragile?: boolean
}

export interface TernaryPlotProps {
  id: string
  title: string
  desc: string
  /** Names of the three corners: vision, gestion, action. */
  corners: [string, string, string]
  points: TernaryPointDatum[]
  overall: TernaryPointDatum | null
}

const SIDE = 420
const H = (SIDE * Math.sqrt(3)) / 2
const PAD_X = 110
const PAD_TOP = 36
const PAD_BOTTOM = 40

/** Plot coordinates of a (vision, gestion, action) balance. */
export function ternaryXY(shares: readonly [number, number, number]): { x: number; y: number } {
  const total = shares[0] + shares[1] + shares[2] || 1
  const v = shares[0] / total
  const a = shares[2] / total
  // gestion at bottom-left (0, H), action at bottom-right (SIDE, H), vision at the top (SIDE/2, 0)
  return { x: PAD_X + a * SIDE + (v * SIDE) / 2, y: PAD_TOP + H - v * H }
}

export function TernaryPlot({ id, title, desc, corners, points, overall }: TernaryPlotProps) {
  const width = SIDE + 2 * PAD_X
  const height = H + PAD_TOP + PAD_BOTTOM + points.length * 0
  const top = ternaryXY([1, 0, 0])
  const left = ternaryXY([0, 1, 0])
  const right = ternaryXY([0, 0, 1])
  const grid: Array<[[number, number, number], [number, number, number]]> = []
  for (const f of [0.2, 0.4, 0.6, 0.8]) {
    grid.push([
      [f, 1 - f, 0],
      [f, 0, 1 - f],
    ])
    grid.push([
      [1 - f, f, 0],
      [0, f, 1 - f],
    ])
    grid.push([
      [1 - f, 0, f],
      [0, 1 - f, f],
    ])
  }
  const centre = ternaryXY([1, 1, 1])
  return (
    <svg class="survey-chart ternary" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMin meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {grid.map(([p, q]) => {
        const a = ternaryXY(p)
        const b = ternaryXY(q)
        return <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={GRID} stroke-width="0.8" stroke-dasharray="3 3" />
      })}
      <polygon points={`${top.x},${top.y} ${left.x},${left.y} ${right.x},${right.y}`} fill="none" stroke={INK} stroke-width="1.5" />
      <circle cx={centre.x} cy={centre.y} r="2.5" fill={INK} />
      <text x={top.x} y={top.y - 12} font-size="13" font-weight="bold" text-anchor="middle" fill={INK}>
        {corners[0]}
      </text>
      <text x={left.x - 6} y={left.y + 22} font-size="13" font-weight="bold" text-anchor="start" fill={INK}>
        {corners[1]}
      </text>
      <text x={right.x + 6} y={right.y + 22} font-size="13" font-weight="bold" text-anchor="end" fill={INK}>
        {corners[2]}
      </text>
      {points.map((p, i) => {
        const { x, y } = ternaryXY(p.shares)
        const colour = seriesColour(i)
        return (
          <g>
            <circle cx={x} cy={y} r="6" fill={p.fragile ? '#ffffff' : colour} stroke={colour} stroke-width="2.5" />
            <text x={x + 9} y={y + 4 + ((i % 3) - 1) * 4} font-size="11" fill={INK}>
              {p.label.length > 22 ? `${p.label.slice(0, 21)}…` : p.label}
              {p.fragile ? ' *' : ''}
            </text>
          </g>
        )
      })}
      {overall
        ? (() => {
            const { x, y } = ternaryXY(overall.shares)
            return (
              <g>
                <polygon points={`${x},${y - 8} ${x + 8},${y} ${x},${y + 8} ${x - 8},${y}`} fill={INK} />
                <text x={x - 11} y={y - 9} font-size="12" font-weight="bold" text-anchor="end" fill={INK}>
                  {overall.label}
                </text>
              </g>
            )
          })()
        : null}
    </svg>
  )
}
