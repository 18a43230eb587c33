/**
 * One territory's page: key figures, the chain of levels above it, the sections other features contribute (needs,
 * actors, alliances, studies…), the groups inside a département and the levels below (paginated).
 */
import type { FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import type { PageOf } from '../../../core/db/paging.js'
import { formatNumber, type MessageKey, translateLabel } from '../../../core/i18n/index.js'
import { Pagination, withQuery } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { TermLink } from '../../vocabulary/index.js'
import { communeSizeBand, type Territory } from '../territories.queries.js'
import type { TerritoryKind } from '../territories.table.js'
import { KindLabel, TerritoryName, territoryHref } from './TerritoryName.js'

/** The legal forms of an EPCI (BANATIC codes). */
const SUBTYPE_LABELS = { CA: 'territories.subtype.CA', CC: 'territories.subtype.CC', CU: 'territories.subtype.CU', MET69: 'territories.subtype.MET69', METRO: 'territories.subtype.METRO' } as const satisfies Record<'CA' | 'CC' | 'CU' | 'MET69' | 'METRO', MessageKey>

/** The levels listed below a territory on its page (each has its `territories.children.<kind>` count). */
export type ChildKind = Extract<TerritoryKind, 'commune' | 'departement'>

/** A block of the territory page provided by another feature (e.g. the actors located in the territory). */
export interface TerritorySection {
  id: string
  /** Returns the section's content, or null to show nothing. Runs for every territory page view. */
  render(territory: Territory, request: FastifyRequest): Promise<VNode | null>
}

export interface TerritoryPageProps {
  territory: Territory
  parents: Territory[]
  groups: Territory[]
  children: { kind: ChildKind; page: PageOf<Territory> } | null
  inside: Partial<Record<TerritoryKind, number>>
  sections: VNode[]
}

export function TerritoryPage({ territory, parents, groups, children, inside, sections }: TerritoryPageProps) {
  const { t, locale, path } = useView()
  const band = territory.kind === 'commune' ? communeSizeBand(territory.population) : null
  const region = parents.find((p) => p.kind === 'region')
  const departement = parents.find((p) => p.kind === 'departement')
  const crumbs = [{ label: t('territories.title'), href: '/territoires' }]
  if (region) crumbs.push({ label: region.name, href: territoryHref(region) })
  if (departement) crumbs.push({ label: departement.name, href: territoryHref(departement) })
  crumbs.push({ label: territory.name, href: territoryHref(territory) })
  return (
    <Layout title={territory.name} breadcrumb={crumbs}>
      <p class="kicker">
        <KindLabel kind={territory.kind} />
        {territory.subtype && territory.kind === 'epci' ? <> · {translateLabel(t, SUBTYPE_LABELS, territory.subtype)}</> : null}
      </p>
      <h1>{territory.name}</h1>
      <dl class="facts">
        <div>
          <dt>{territory.kind === 'epci' || territory.kind === 'ept' ? t('territories.siren') : t('territories.code')}</dt>
          <dd>{territory.code}</dd>
        </div>
        {territory.population !== null ? (
          <div>
            <dt>{t('territories.population')}</dt>
            <dd>{formatNumber(locale, territory.population)}</dd>
          </div>
        ) : null}
        {band ? (
          <div>
            <dt>{t('territories.sizeBand')}</dt>
            <dd>
              <TermLink kind="commune_size" code={band} />
            </dd>
          </div>
        ) : null}
        {territory.kind === 'commune' && territory.siren ? (
          <div>
            <dt>{t('territories.siren')}</dt>
            <dd>{territory.siren}</dd>
          </div>
        ) : null}
        {territory.postal_codes ? (
          <div>
            <dt>{t('territories.postalCodes')}</dt>
            <dd>{territory.postal_codes.split(' ').join(', ')}</dd>
          </div>
        ) : null}
        {inside.commune ? (
          <div>
            <dt>{t('territories.communes')}</dt>
            <dd>{formatNumber(locale, inside.commune)}</dd>
          </div>
        ) : null}
      </dl>

      {parents.length > 0 ? (
        <section aria-labelledby="chaine" class="chain">
          <h2 id="chaine">{t('territories.chain')}</h2>
          <ol class="chain-list">
            <li aria-current="page">
              <KindLabel kind={territory.kind} /> : <strong>{territory.name}</strong>
            </li>
            {parents.map((p) => (
              <li>
                <KindLabel kind={p.kind} /> : <TerritoryName territory={p} />
                {p.subtype === 'METRO' && p.name.includes('Grand Paris') ? <span class="muted"> ({t('territories.mgp')})</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {sections}

      {groups.length > 0 ? (
        <section aria-labelledby="intercommunalites">
          <h2 id="intercommunalites">{t('territories.groups', { count: groups.length })}</h2>
          <ul class="columns">
            {groups.map((g) => (
              <li>
                <TerritoryName territory={g} /> <span class="muted">({g.subtype})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {children && children.page.total > 0 ? (
        <section aria-labelledby="sous-territoires">
          <h2 id="sous-territoires">{t(`territories.children.${children.kind}`, { count: children.page.total })}</h2>
          <ul class="columns">
            {children.page.rows.map((c) => (
              <li>
                <TerritoryName territory={c} />
                {c.population !== null ? <span class="muted"> · {formatNumber(locale, c.population)}</span> : null}
              </li>
            ))}
          </ul>
          <Pagination page={children.page.page} pageCount={children.page.pageCount} href={withQuery(path, {})} />
        </section>
      ) : null}
    </Layout>
  )
}

