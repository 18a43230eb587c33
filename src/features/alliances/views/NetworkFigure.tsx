/**
 * The network of a territory's organisations linked by alliances and partnerships, as a server-rendered SVG
 * (colour by world, a square per alliance, a dashed line per partnership) with its data-table alternative.
 *
 * A drawing stays readable up to about a hundred nodes: beyond that, the alliances with the most partners
 * are drawn first (then by name), the figure says how much it shows, and the table lists exactly what is
 * drawn. The layout is computed here, deterministically (see `network.ts`).
 */
import { formatNumber } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { TermLink, termLabel, termsOf } from '../../vocabulary/index.js'
import type { NetworkData } from '../directory.queries.js'
import { layoutNetwork, type NetworkEdge, type NetworkLayout, type NetworkNode } from '../network.js'

export const MAX_NETWORK_NODES = 120
const collator = new Intl.Collator('fr')

type Org = { id: string; name: string; world: string }

export interface NetworkSelection {
  layout: NetworkLayout
  alliances: Array<{ id: string; name: string; partners: Org[] }>
  partnerships: Array<{ a: Org; b: Org; type: string }>
  totals: { alliances: number; organisations: number; partnerships: number }
  drawn: { alliances: number; organisations: number; partnerships: number }
}

/**
 * What to draw, by ids: the alliances with the most partners first (then in the input's order, by name),
 * then partnerships in the input's order, within `maxNodes`. The input's order must be stable.
 */
export interface NetworkChoice {
  alliances: Array<{ id: string; name: string; partnerIds: string[] }>
  partnerships: NetworkData['partnerships']
  organisationIds: string[]
  totals: NetworkSelection['totals']
}

/** Chooses what to draw within `maxNodes` nodes. Pure and deterministic. */
export function chooseNetwork(data: NetworkData, maxNodes = MAX_NETWORK_NODES): NetworkChoice {
  const membersOf = new Map<string, string[]>()
  const everyone = new Set<string>()
  for (const m of data.members) {
    const list = membersOf.get(m.alliance_id) ?? []
    list.push(m.organisation_id)
    membersOf.set(m.alliance_id, list)
    everyone.add(m.organisation_id)
  }
  for (const p of data.partnerships) everyone.add(p.organisation_a_id).add(p.organisation_b_id)
  const size = (id: string) => membersOf.get(id)?.length ?? 0
  // Stable sort: alliances of equal size keep the input's order (by name).
  const alliances = [...data.alliances].sort((a, b) => size(b.id) - size(a.id))
  const drawn = new Set<string>()
  const chosen: NetworkChoice['alliances'] = []
  for (const alliance of alliances) {
    const members = [...new Set(membersOf.get(alliance.id) ?? [])]
    const added = members.filter((id) => !drawn.has(id)).length
    if (chosen.length + drawn.size + 1 + added > maxNodes) continue
    for (const id of members) drawn.add(id)
    chosen.push({ id: alliance.id, name: alliance.name, partnerIds: members })
  }
  const partnerships = data.partnerships
  const chosenPartnerships: NetworkChoice['partnerships'] = []
  for (const p of partnerships) {
    const added = [p.organisation_a_id, p.organisation_b_id].filter((id) => !drawn.has(id)).length
    if (chosen.length + drawn.size + added > maxNodes) continue
    drawn.add(p.organisation_a_id)
    drawn.add(p.organisation_b_id)
    chosenPartnerships.push(p)
  }
  return {
    alliances: chosen,
    partnerships: chosenPartnerships,
    organisationIds: [...drawn].sort(),
    totals: { alliances: data.alliances.length, organisations: everyone.size, partnerships: data.partnerships.length },
  }
}

/** Lays out a choice once the names and worlds of its organisations are known. */
export function layoutChoice(choice: NetworkChoice, organisations: ReadonlyMap<string, { name: string; world: string }>): NetworkSelection {
  const org = (id: string): Org => ({ id, name: organisations.get(id)?.name ?? '', world: organisations.get(id)?.world ?? '' })
  const alliances = choice.alliances.map((a) => ({ id: a.id, name: a.name, partners: a.partnerIds.map(org).sort((x, y) => collator.compare(x.name, y.name)) }))
  const partnerships = choice.partnerships.map((p) => ({ a: org(p.organisation_a_id), b: org(p.organisation_b_id), type: p.partnership_type }))
  const nodes: NetworkNode[] = [
    ...alliances.map((a) => ({ id: a.id, kind: 'alliance' as const, group: '', label: a.name })),
    ...choice.organisationIds.map((id) => ({ id, kind: 'organisation' as const, group: org(id).world, label: org(id).name })),
  ]
  const edges: NetworkEdge[] = [
    ...alliances.flatMap((a) => a.partners.map((p) => ({ source: a.id, target: p.id, kind: 'member' as const }))),
    ...partnerships.map((p) => ({ source: p.a.id, target: p.b.id, kind: 'partnership' as const })),
  ]
  return {
    layout: layoutNetwork(nodes, edges, { width: 720, height: 520 }),
    alliances,
    partnerships,
    totals: choice.totals,
    drawn: { alliances: alliances.length, organisations: choice.organisationIds.length, partnerships: partnerships.length },
  }
}

/** The figure: SVG (role img, title, description), legend by world, and the tables in a disclosure. */
export function NetworkFigure({ selection, territoryName }: { selection: NetworkSelection; territoryName: string }) {
  const { t, locale } = useView()
  const { layout, totals, drawn } = selection
  const worlds = termsOf('world').filter((w) => layout.nodes.some((n) => n.group === w.code))
  // Alliance names are written next to their squares while they stay few enough to be read.
  const labelled = drawn.alliances <= 15
  const complete = drawn.alliances === totals.alliances && drawn.partnerships === totals.partnerships
  const summary = t('alliances.network.desc', { alliances: drawn.alliances, organisations: drawn.organisations, partnerships: drawn.partnerships })
  return (
    <figure class="network-figure">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} class="network" role="img" aria-labelledby="reseau-titre reseau-desc">
        <title id="reseau-titre">{t('alliances.network.svgTitle', { territory: territoryName })}</title>
        <desc id="reseau-desc">{summary}</desc>
        <g class="network-edges">
          {layout.edges.map((e) => (
            <line x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} class={e.kind === 'partnership' ? 'edge-partnership' : 'edge-member'} />
          ))}
        </g>
        <g class="network-nodes">
          {layout.nodes.map((n) =>
            n.kind === 'alliance' ? (
              <g>
                <title>{`${n.label} — ${t('alliances.network.allianceNode')}`}</title>
                <rect x={n.x - 7} y={n.y - 7} width={14} height={14} class="node-alliance" />
                {labelled ? (
                  <text x={n.x + 10} y={n.y + 4} class="node-label">
                    {n.label.length > 28 ? `${n.label.slice(0, 27)}…` : n.label}
                  </text>
                ) : null}
              </g>
            ) : (
              <g>
                <title>{`${n.label} — ${termLabel('world', n.group, locale)}`}</title>
                <circle cx={n.x} cy={n.y} r={Math.min(11, 5 + n.degree)} class={`node-org world-${n.group}`} />
              </g>
            ),
          )}
        </g>
      </svg>
      <figcaption>
        <p>{summary}</p>
        {!complete ? <p class="muted">{t('alliances.network.partial', { alliances: totals.alliances, partnerships: totals.partnerships, organisations: totals.organisations })}</p> : null}
        <ul class="map-legend" aria-label={t('alliances.network.legend')}>
          <li>
            <span class="swatch swatch-alliance" aria-hidden="true" />
            {t('alliances.network.allianceNode')}
          </li>
          {worlds.map((w) => (
            <li>
              <span class={`swatch swatch-round world-${w.code}`} aria-hidden="true" />
              {locale === 'fr' ? w.fr : w.en}
            </li>
          ))}
          <li>
            <span class="swatch-line edge-partnership-sample" aria-hidden="true" />
            {t('alliances.network.partnershipEdge')}
          </li>
        </ul>
      </figcaption>
      <details class="table-alternative">
        <summary>{t('alliances.network.table')}</summary>
        {selection.alliances.length > 0 ? (
          <DataTable
            caption={t('alliances.network.tableAlliances', { count: selection.alliances.length })}
            rows={selection.alliances}
            columns={[
              { header: t('alliances.alliance'), cell: (a) => <a href={`/alliances/${a.id}`}>{a.name}</a> },
              {
                header: t('alliances.network.partnersColumn'),
                cell: (a) => (
                  <ul class="plain-list">
                    {a.partners.map((p) => (
                      <li>
                        <a href={`/acteurs/${p.id}`}>{p.name}</a> (<TermLink kind="world" code={p.world} />)
                      </li>
                    ))}
                  </ul>
                ),
              },
              { header: t('alliances.network.countColumn'), cell: (a) => formatNumber(locale, a.partners.length), numeric: true },
            ]}
          />
        ) : null}
        {selection.partnerships.length > 0 ? (
          <DataTable
            caption={t('alliances.network.tablePartnerships', { count: selection.partnerships.length })}
            rows={selection.partnerships}
            columns={[
              { header: t('alliances.partnerships.organisationA'), cell: (p) => <a href={`/acteurs/${p.a.id}`}>{p.a.name}</a> },
              { header: t('alliances.partnerships.type'), cell: (p) => <TermLink kind="partnership_type" code={p.type} /> },
              { header: t('alliances.partnerships.organisationB'), cell: (p) => <a href={`/acteurs/${p.b.id}`}>{p.b.name}</a> },
            ]}
          />
        ) : null}
      </details>
    </figure>
  )
}
