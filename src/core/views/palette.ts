/**
 * The one palette of every chart and map, as the class names of `public/alliance.css` (where the colours live, as
 * custom properties): the strict CSP forbids style attributes, and one stylesheet keeps every chart, map, legend and
 * swatch in the same colours. Categorical colours are the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies); colour is never the only carrier of information: every chart has labels and a data
 * table next to it.
 */

/** Number of categorical colours before they repeat. */
const SERIES = 8

/** Text, whiskers, the overall marker. */
export const INK = 'chart-ink'
/** A frame or an axis drawn in ink, unfilled. */
export const FRAME = 'chart-frame'
/** Grid lines, tracks and leader lines. */
export const GRID = 'chart-grid'
/** The part of a stacked bar standing for hidden values, and "ne sait pas". */
export const HIDDEN = 'chart-hidden'
/** The border of a legend swatch. */
export const SWATCH = 'chart-swatch'
/** A line in its series' colour (with `seriesClass`). */
export const LINE = 'chart-line'
/** A mark outlined in its series' colour (with `seriesClass`). */
export const OUTLINED = 'chart-outlined'
/** A mark drawn hollow, outlined in its series' colour (with `seriesClass`): a fragile estimate, a reference. */
export const HOLLOW = 'chart-hollow'

/** Class of the i-th categorical colour (cycling). */
export function seriesClass(i: number): string {
  return `series-${((i % SERIES) + SERIES) % SERIES}`
}

/** Class of the text printed on the i-th categorical colour: light on the dark ones, dark on the light ones. */
export function textOnSeries(i: number): string {
  return [1, 4, 6].includes(((i % SERIES) + SERIES) % SERIES) ? 'on-light' : 'on-dark'
}

/** Diverging orders of the categorical colours for 2 to 4 levels: orange ("pas du tout") to blue ("tout à fait"). */
const DIVERGING: Record<number, number[]> = { 2: [5, 0], 3: [5, 4, 0], 4: [5, 1, 4, 0] }

/**
 * The categorical colours (indexes for `seriesClass`) of an ordered scale of `count` agreement levels, lowest
 * first, so that a level has the same colour in every chart; beyond 4 levels, the series in order.
 */
export function levelSeries(count: number): number[] {
  return DIVERGING[count] ?? Array.from({ length: count }, (_, i) => i)
}
