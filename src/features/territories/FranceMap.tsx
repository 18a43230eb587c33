/**
 * A choropleth of metropolitan départements: each shape links to its territory page, is shaded by a value
 * class, and carries its name and value as an accessible title. The outlines come from one cached SVG file
 * (`departementSprite`), drawn with `<use>`. The same figures are always given as a
 * table next to the map (colour is never the only carrier of information).
 */
import { useView } from '../../core/views/context.js'
import { departementShapes, departementSprite, INSET_CODES } from './france-map.js'
import type { MessageKey } from '../../core/i18n/index.js'

export interface FranceMapProps {
  /** département code → value */
  values: ReadonlyMap<string, number>
  /** i18n key of the value's unit, with a `count` plural, e.g. `home.map.actors` */
  unit: MessageKey
  /** Accessible name of the map figure */
  title: string
}

/** "None" and up to five classes of positive values (the sequential palette `--seq-0…5` of alliance.css). */
const CLASSES = 6

/**
 * Lower bounds of the value classes: class 0 is "none" (0); the others start at the smallest positive value
 * and at distinct quantiles of the positive values, so every class holds values and the legend never shows an
 * empty range.
 */
export function classLowerBounds(values: number[]): number[] {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b)
  if (positive.length === 0) return []
  const bounds = [positive[0] as number]
  for (let i = 1; i < CLASSES - 1; i++) {
    const q = positive[Math.floor((i * positive.length) / (CLASSES - 1))] ?? positive[positive.length - 1]!
    if (q > bounds[bounds.length - 1]!) bounds.push(q)
  }
  return bounds
}

function classOf(value: number, bounds: number[]): number {
  if (value <= 0) return 0
  let cls = 0
  for (const b of bounds) if (value >= b) cls++
  return cls
}

export function FranceMap({ values, unit, title }: FranceMapProps) {
  const { t } = useView()
  const { viewBox, shapes } = departementShapes()
  const sprite = departementSprite().url
  const inset = shapes.filter((s) => INSET_CODES.includes(s.code))
  const minX = Math.min(...inset.map((s) => s.box[0]))
  const minY = Math.min(...inset.map((s) => s.box[1]))
  const maxX = Math.max(...inset.map((s) => s.box[2]))
  const maxY = Math.max(...inset.map((s) => s.box[3]))
  // One source pixel in view-box units (the outlines are stored on a finer grid).
  const [, , width] = viewBox.split(' ').map(Number)
  const px = (width ?? 613) / 613
  const scale = Math.min((140 * px) / (maxX - minX), (110 * px) / (maxY - minY))
  const bounds = classLowerBounds([...values.values()])
  const legend: Array<{ cls: number; label: string }> = [{ cls: 0, label: t('map.legend.none') }]
  bounds.forEach((low, i) => {
    const next = bounds[i + 1]
    legend.push({
      cls: i + 1,
      label: next === undefined ? t('map.legend.atLeast', { low }) : next - 1 === low ? String(low) : t('map.legend.range', { low, high: next - 1 }),
    })
  })
  return (
    <figure class="map-figure">
      <svg viewBox={viewBox} class="france-map" role="group" aria-labelledby="map-title">
        <title id="map-title">{title}</title>
        {shapes.map((shape) => {
          const value = values.get(shape.code) ?? 0
          const label = `${shape.name} : ${t(unit, { count: value })}`
          return (
            <a href={`/territoires/departement/${shape.code}`}>
              <title>{label}</title>
              <use href={`${sprite}#d-${shape.code}`} class={`map-class-${classOf(value, bounds)}`} />
            </a>
          )
        })}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a decorative enlargement of shapes linked above; it holds no link nor focusable element */}
        <g class="map-inset" aria-hidden="true">
          <rect x={4 * px} y={4 * px} width={(maxX - minX) * scale + 12 * px} height={(maxY - minY) * scale + 26 * px} rx={4 * px} />
          <text x={10 * px} y={18 * px} font-size={10 * px}>
            {t('map.inset')}
          </text>
          <g transform={`translate(${10 * px - minX * scale} ${24 * px - minY * scale}) scale(${scale})`}>
            {inset.map((shape) => (
              <use href={`${sprite}#d-${shape.code}`} class={`map-class-${classOf(values.get(shape.code) ?? 0, bounds)}`} />
            ))}
          </g>
        </g>
      </svg>
      <figcaption>
        <ul class="map-legend" aria-label={t('map.legend.title')}>
          {legend.map((item) => (
            <li>
              <span class={`swatch map-class-${item.cls}`} aria-hidden="true" />
              {item.label}
            </li>
          ))}
        </ul>
        <p class="credits">{t('map.credits')}</p>
      </figcaption>
    </figure>
  )
}
