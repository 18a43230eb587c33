/**
 * The new links of a meeting (or of a space's meetings) as a before/after network: the same organisations
 * placed on a circle grouped by world, the links they had before on the left, and on the right the same
 * links plus the new ones (thick). The table below lists each new link with what followed — it is the
 * figure's text alternative.
 */
import { useView } from '../../../core/views/context.js'
import { DataTable } from '../../../core/views/components.js'
import { termLabel, termsOf, TermLink } from '../../vocabulary/index.js'
import type { NewLinksFigure as Figure } from '../meetings/new-links.js'
import { translateLabel } from '../../../core/i18n/index.js'
import { CONNECTION_STATUS_LABELS } from './labels.js'

const SIZE = 320
const RADIUS = 130

function layout(figure: Figure): Map<string, { x: number; y: number }> {
  const order = termsOf('world').map((w) => w.code)
  const nodes = [...figure.nodes].sort((a, b) => order.indexOf(a.world) - order.indexOf(b.world) || a.name.localeCompare(b.name))
  const at = new Map<string, { x: number; y: number }>()
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2
    at.set(n.id, { x: SIZE / 2 + RADIUS * Math.cos(angle), y: SIZE / 2 + RADIUS * Math.sin(angle) })
  })
  return at
}

function Network({ figure, withNew, id, title }: { figure: Figure; withNew: boolean; id: string; title: string }) {
  const at = layout(figure)
  const worlds = termsOf('world').map((w) => w.code)
  const line = ([a, b]: [string, string], cls: string) => {
    const p = at.get(a)
    const q = at.get(b)
    return p && q ? <line x1={p.x.toFixed(1)} y1={p.y.toFixed(1)} x2={q.x.toFixed(1)} y2={q.y.toFixed(1)} class={cls} /> : null
  }
  const labelled = figure.nodes.length <= 24
  return (
    <svg viewBox={`0 0 ${SIZE} ${SIZE}`} class="links-network" role="img" aria-labelledby={id}>
      <title id={id}>{title}</title>
      {figure.before.map((pair) => line(pair, 'link-before'))}
      {withNew ? figure.newLinks.map((l) => line([l.a, l.b], 'link-new')) : null}
      {figure.nodes.map((n) => {
        const p = at.get(n.id)
        if (!p) return null
        return (
          <g>
            <circle cx={p.x.toFixed(1)} cy={p.y.toFixed(1)} r={labelled ? 6 : 4} class={`world-dot world-${Math.max(0, worlds.indexOf(n.world))}`}>
              <title>{n.name}</title>
            </circle>
          </g>
        )
      })}
    </svg>
  )
}

export function NewLinksFigure({ figure, headingId }: { figure: Figure; headingId: string }) {
  const { t, locale } = useView()
  const name = new Map(figure.nodes.map((n) => [n.id, n]))
  const worldsPresent = [...new Set(figure.nodes.map((n) => n.world))]
  return (
    <figure class="links-figure" aria-labelledby={headingId}>
      <p>{t('catalysis.links.summary', { count: figure.newLinks.length, organisations: figure.nodes.length, before: figure.before.length })}</p>
      <div class="links-pair">
        <div>
          <p class="links-caption">{t('catalysis.links.before')}</p>
          <Network figure={figure} withNew={false} id={`${headingId}-avant`} title={t('catalysis.links.beforeTitle', { count: figure.before.length })} />
        </div>
        <div>
          <p class="links-caption">{t('catalysis.links.after')}</p>
          <Network figure={figure} withNew id={`${headingId}-apres`} title={t('catalysis.links.afterTitle', { count: figure.newLinks.length })} />
        </div>
      </div>
      <ul class="map-legend">
        {worldsPresent.map((w) => (
          <li>
            <span class={`swatch world-${Math.max(0, termsOf('world').findIndex((x) => x.code === w))}`} aria-hidden="true" />
            <TermLink kind="world" code={w} />
          </li>
        ))}
        <li>
          <span class="swatch link-new-swatch" aria-hidden="true" />
          {t('catalysis.links.legendNew')}
        </li>
      </ul>
      {figure.newLinks.length === 0 ? (
        <p>{t('catalysis.links.none')}</p>
      ) : (
        <DataTable
          focusable
          caption={t('catalysis.links.table')}
          rows={figure.newLinks}
          columns={[
            { header: t('catalysis.links.pair'), cell: (l) => `${name.get(l.a)?.name ?? ''} — ${name.get(l.b)?.name ?? ''}` },
            {
              header: t('catalysis.links.worlds'),
              // plain labels (the legend links the worlds to the lexique): a meeting may have hundreds of new links
              cell: (l) => `${termLabel('world', name.get(l.a)?.world ?? '', locale)} / ${termLabel('world', name.get(l.b)?.world ?? '', locale)}`,
            },
            { header: t('catalysis.links.connection'), cell: (l) => (l.connection ? translateLabel(t, CONNECTION_STATUS_LABELS, l.connection.status) : t('catalysis.links.noConnection')) },
            {
              header: t('catalysis.links.alliances'),
              cell: (l) =>
                l.alliances.length === 0
                  ? t('catalysis.links.noAlliance')
                  : l.alliances.map((a, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        {a.name ? <a href={`/alliances/${a.id}`}>{a.name}</a> : t('catalysis.links.privateAlliance')}
                      </>
                    )),
            },
          ]}
        />
      )}
    </figure>
  )
}
