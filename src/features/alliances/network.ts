/**
 * A deterministic layout for the network of organisations linked by alliances and partnerships, computed
 * on the server (no JavaScript in the browser): the same graph always gives the same drawing.
 *
 * Alliances are nodes of their own, linked to their partners (a bipartite drawing): an alliance of 50
 * partners is 50 lines, not 1 225. Partnerships link two organisations directly. The layout starts from a
 * circle ordered by kind, world and id, then runs a fixed number of Fruchterman–Reingold iterations with a
 * linear cooling schedule; nothing random is involved.
 */

export interface NetworkNode {
  id: string
  kind: 'organisation' | 'alliance'
  /** the world of an organisation (colour), or '' for an alliance */
  group: string
  label: string
}

export interface NetworkEdge {
  source: string
  target: string
  kind: 'member' | 'partnership'
}

export interface PlacedNode extends NetworkNode {
  x: number
  y: number
  degree: number
}

export interface NetworkLayout {
  width: number
  height: number
  nodes: PlacedNode[]
  edges: Array<NetworkEdge & { x1: number; y1: number; x2: number; y2: number }>
}

export interface LayoutOptions {
  width?: number
  height?: number
  iterations?: number
  /** space kept free at the border, in drawing units */
  margin?: number
}

function compareNodes(a: NetworkNode, b: NetworkNode): number {
  if (a.kind !== b.kind) return a.kind === 'alliance' ? -1 : 1
  if (a.group !== b.group) return a.group < b.group ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const round = (v: number) => Math.round(v * 10) / 10

/**
 * Places `nodes` in a `width` × `height` box. Edges whose ends are missing are ignored.
 * Edge cases: no node gives an empty layout; one node sits in the centre.
 */
export function layoutNetwork(nodes: readonly NetworkNode[], edges: readonly NetworkEdge[], options: LayoutOptions = {}): NetworkLayout {
  const width = options.width ?? 720
  const height = options.height ?? 540
  const margin = options.margin ?? 24
  const iterations = options.iterations ?? 150
  const ordered = [...nodes].sort(compareNodes)
  const index = new Map(ordered.map((n, i) => [n.id, i]))
  const links = edges
    .map((e) => [index.get(e.source), index.get(e.target), e] as const)
    .filter((l): l is readonly [number, number, NetworkEdge] => l[0] !== undefined && l[1] !== undefined && l[0] !== l[1])
    // A fixed order of forces makes the floating-point sums, hence the drawing, independent of input order.
    .sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2].kind < y[2].kind ? -1 : x[2].kind > y[2].kind ? 1 : 0))
  const n = ordered.length
  const xs = new Float64Array(n)
  const ys = new Float64Array(n)
  const cx = width / 2
  const cy = height / 2
  const radius = Math.min(width, height) / 2 - margin
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / Math.max(1, n) - Math.PI / 2
    xs[i] = n === 1 ? cx : cx + radius * Math.cos(angle)
    ys[i] = n === 1 ? cy : cy + radius * Math.sin(angle)
  }
  const degree = new Array<number>(n).fill(0)
  for (const [a, b] of links) {
    degree[a] = (degree[a] ?? 0) + 1
    degree[b] = (degree[b] ?? 0) + 1
  }
  if (n > 1) {
    const area = (width - 2 * margin) * (height - 2 * margin)
    const k = 0.75 * Math.sqrt(area / n)
    const dx = new Float64Array(n)
    const dy = new Float64Array(n)
    let temperature = width / 10
    const cooling = temperature / (iterations + 1)
    for (let iter = 0; iter < iterations; iter++) {
      dx.fill(0)
      dy.fill(0)
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let ddx = (xs[i] as number) - (xs[j] as number)
          let ddy = (ys[i] as number) - (ys[j] as number)
          let dist2 = ddx * ddx + ddy * ddy
          if (dist2 < 0.01) {
            // Coincident nodes: separate them along a fixed direction derived from their ranks.
            ddx = ((i - j) % 7) + 0.1
            ddy = ((j * 3 - i) % 5) + 0.1
            dist2 = ddx * ddx + ddy * ddy
          }
          const force = (k * k) / dist2
          dx[i] = (dx[i] as number) + ddx * force
          dy[i] = (dy[i] as number) + ddy * force
          dx[j] = (dx[j] as number) - ddx * force
          dy[j] = (dy[j] as number) - ddy * force
        }
      }
      for (const [a, b] of links) {
        const ddx = (xs[a] as number) - (xs[b] as number)
        const ddy = (ys[a] as number) - (ys[b] as number)
        const dist = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01
        const force = dist / k
        dx[a] = (dx[a] as number) - ddx * force
        dy[a] = (dy[a] as number) - ddy * force
        dx[b] = (dx[b] as number) + ddx * force
        dy[b] = (dy[b] as number) + ddy * force
      }
      for (let i = 0; i < n; i++) {
        // A pull to the centre keeps separate components together.
        const gx = (dx[i] as number) + (cx - (xs[i] as number)) * 0.05 * k
        const gy = (dy[i] as number) + (cy - (ys[i] as number)) * 0.05 * k
        const length = Math.sqrt(gx * gx + gy * gy) || 1
        const step = Math.min(length, temperature)
        xs[i] = (xs[i] as number) + (gx / length) * step
        ys[i] = (ys[i] as number) + (gy / length) * step
      }
      temperature -= cooling
    }
    // Fit the drawing into the frame (same scale on both axes, centred).
    let minX = Infinity
    let maxX = -Infinity
    let minY = Infinity
    let maxY = -Infinity
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, xs[i] as number)
      maxX = Math.max(maxX, xs[i] as number)
      minY = Math.min(minY, ys[i] as number)
      maxY = Math.max(maxY, ys[i] as number)
    }
    const scale = Math.min((width - 2 * margin) / Math.max(maxX - minX, 1), (height - 2 * margin) / Math.max(maxY - minY, 1))
    const offsetX = (width - (maxX - minX) * scale) / 2
    const offsetY = (height - (maxY - minY) * scale) / 2
    for (let i = 0; i < n; i++) {
      xs[i] = offsetX + ((xs[i] as number) - minX) * scale
      ys[i] = offsetY + ((ys[i] as number) - minY) * scale
    }
  }
  const placed: PlacedNode[] = ordered.map((node, i) => ({ ...node, x: round(xs[i] as number), y: round(ys[i] as number), degree: degree[i] ?? 0 }))
  return {
    width,
    height,
    nodes: placed,
    edges: links.map(([a, b, e]) => ({ ...e, x1: placed[a]!.x, y1: placed[a]!.y, x2: placed[b]!.x, y2: placed[b]!.y })),
  }
}
