/**
 * Colours of the survey charts: the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), in SVG presentation attributes (the strict CSP forbids style attributes). Colour is never
 * the only carrier of information: every chart has labels and a data table next to it.
 */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000']

/** The main bar colour, its lighter variant for fragile bases, and the ink of texts and whiskers. */
export const BAR = '#0072B2'
/** Lighter bar colour of fragile bases. */
export const BAR_FRAGILE = '#9cc3de'
/** Text and whisker colour. */
export const INK = '#1b1b1b'
/** Grid lines and frames. */
export const GRID = '#c8c8c8'
/** The part of a stacked bar standing for hidden values. */
export const HIDDEN = '#b0b0b0'

/** Colour of the i-th series (cycling). */
export function seriesColour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length] as string
}

/** Text colour readable on a series colour (dark on the light ones). */
export function textOn(colour: string): string {
  return ['#E69F00', '#F0E442', '#56B4E9', '#9cc3de'].includes(colour) ? '#000000' : '#ffffff'
}
