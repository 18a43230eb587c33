/**
 * Territory pages: the search (`/territoires?q=`) and one page per territory
 * (`/territoires/{commune|epci|ept|departement|region}/{code}`) with its key figures, the chain of levels
 * above it (links up), the levels below it (paginated links down) and sections contributed by other
 * features (the actors located in it, and later needs, alliances…).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import Type from 'typebox'
import { AppError } from '../../core/errors.js'
import { parseForm } from '../../core/http/forms.js'
import { formatNumber } from '../../core/i18n/index.js'
import { Pagination, withQuery } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { Layout } from '../../core/views/Layout.js'
import { TermLink } from '../vocabulary/index.js'
import {
  communeSizeBand,
  countInside,
  findTerritory,
  listChildren,
  listGroupsInside,
  listParents,
  listRegions,
  listDepartements,
  searchTerritories,
  type Page,
  type Territory,
} from './territories.queries.js'
import { departementSprite, SPRITE_PATH } from './france-map.js'
import { TERRITORY_KINDS, type TerritoryKind } from './territories.table.js'

/** A block of the territory page provided by another feature (e.g. the actors located in the territory). */
export interface TerritorySection {
  id: string
  /** Returns the section's content, or null to show nothing. Runs for every territory page view. */
  render(territory: Territory, request: FastifyRequest): Promise<VNode | null>
}

export function territoryHref(territory: Pick<Territory, 'kind' | 'code'>): string {
  return `/territoires/${territory.kind}/${territory.code}`
}

/** "Val-de-Marne (94)": a territory's name with its code, as people read them. */
export function TerritoryName({ territory, link = true }: { territory: Territory; link?: boolean }) {
  const label = territory.kind === 'commune' || territory.kind === 'departement' ? `${territory.name} (${territory.code})` : territory.name
  return link ? <a href={territoryHref(territory)}>{label}</a> : <>{label}</>
}

const PAGE_SIZE = 50

const TerritoryQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})

const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
})

function SearchBox({ q, autofocus }: { q: string; autofocus?: boolean }) {
  const { t } = useView()
  return (
    <form method="get" action="/territoires" role="search" class="search-form">
      <label for="recherche-territoire">{t('territories.search.label')}</label>
      <p class="hint" id="recherche-territoire-hint">
        {t('territories.search.hint')}
      </p>
      <div class="search-row">
        <input
          id="recherche-territoire"
          name="q"
          type="search"
          value={q}
          maxLength={100}
          aria-describedby="recherche-territoire-hint"
          autoFocus={autofocus}
        />
        <button type="submit" class="button">
          {t('search.submit')}
        </button>
      </div>
    </form>
  )
}

function KindLabel({ kind }: { kind: TerritoryKind }) {
  return <TermLink kind="territory_kind" code={kind} />
}

function SearchPage({ q, results, regions, departements, tooShort }: { q: string; results: Territory[]; regions: Territory[]; departements: Territory[]; tooShort: boolean }) {
  const { t } = useView()
  return (
    <Layout title={q ? t('territories.search.titleFor', { q }) : t('territories.title')}>
      <h1>{t('territories.title')}</h1>
      <p class="lead">{t('territories.intro')}</p>
      <SearchBox q={q} autofocus={q === ''} />
      {q !== '' ? (
        <section aria-labelledby="resultats" class="results">
          <h2 id="resultats">{t('territories.search.results', { count: results.length })}</h2>
          {tooShort ? <p>{t('territories.search.tooShort')}</p> : null}
          {results.length > 0 ? (
            <ul class="result-list">
              {results.map((r) => (
                <li>
                  <TerritoryName territory={r} /> — <KindLabel kind={r.kind} />
                  {r.population !== null ? <span class="muted"> · {t('territories.inhabitants', { count: r.population })}</span> : null}
                  {r.kind === 'commune' && r.postal_codes ? <span class="muted"> · {r.postal_codes.split(' ').slice(0, 3).join(', ')}</span> : null}
                </li>
              ))}
            </ul>
          ) : !tooShort ? (
            <p>{t('territories.search.none')}</p>
          ) : null}
        </section>
      ) : (
        <section aria-labelledby="regions">
          <h2 id="regions">{t('territories.regions')}</h2>
          <ul class="columns">
            {regions.map((region) => (
              <li>
                <a href={territoryHref(region)}>{region.name}</a>
                <ul>
                  {departements
                    .filter((d) => d.region_code === region.code)
                    .map((d) => (
                      <li>
                        <TerritoryName territory={d} />
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
          <p class="muted">{t('territories.population.note', { count: regions.reduce((s, r) => s + (r.population ?? 0), 0) })}</p>
        </section>
      )}
    </Layout>
  )
}

interface TerritoryPageProps {
  territory: Territory
  parents: Territory[]
  groups: Territory[]
  children: { kind: TerritoryKind; page: Page<Territory> } | null
  inside: Partial<Record<TerritoryKind, number>>
  sections: VNode[]
}

function TerritoryPage({ territory, parents, groups, children, inside, sections }: TerritoryPageProps) {
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
        {territory.subtype && territory.kind === 'epci' ? <> · {t(`territories.subtype.${territory.subtype}`)}</> : null}
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

/** Which level is listed below a territory on its page. */
function childKind(kind: TerritoryKind): TerritoryKind | null {
  switch (kind) {
    case 'region':
      return 'departement'
    case 'departement':
    case 'epci':
    case 'ept':
      return 'commune'
    default:
      return null
  }
}

export interface TerritoryPagesOptions {
  sections: TerritorySection[]
}

export async function territoryPages(app: FastifyInstance, options: TerritoryPagesOptions): Promise<void> {
  // The outlines of the département maps; the address carries a digest, so the file never changes under it.
  app.get(SPRITE_PATH, { config: { public: true } }, async (_request, reply) =>
    reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(departementSprite().svg),
  )

  app.get('/territoires', { config: { public: true, cache: true } }, async (request, reply) => {
    const parsed = parseForm(SearchQuery, request.query)
    const q = parsed.ok ? (parsed.value.q ?? '') : ''
    const results = q ? await searchTerritories(app.db, q, { limit: 30 }) : []
    const [regions, departements] = q ? [[], []] : await Promise.all([listRegions(app.db), listDepartements(app.db)])
    return reply.page(<SearchPage q={q} results={results} regions={regions} departements={departements} tooShort={q !== '' && q.trim().length < 2} />)
  })

  app.get('/territoires/:kind/:code', { config: { public: true, cache: true } }, async (request, reply) => {
    const { kind, code } = request.params as { kind: string; code: string }
    if (!(TERRITORY_KINDS as readonly string[]).includes(kind) || !/^[0-9A-Za-z]{1,12}$/.test(code)) {
      throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'territories.notFound')
    }
    const territory = await findTerritory(app.db, kind as TerritoryKind, code.toUpperCase())
    if (!territory) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'territories.notFound')
    const query = parseForm(TerritoryQuery, request.query)
    const page = query.ok ? (query.value.page ?? 1) : 1
    const below = childKind(territory.kind)
    const [parents, children, groups, inside, sections] = await Promise.all([
      listParents(app.db, territory),
      below ? listChildren(app.db, territory, below, page, PAGE_SIZE) : Promise.resolve(null),
      territory.kind === 'departement' ? listGroupsInside(app.db, territory) : Promise.resolve([]),
      territory.kind === 'commune' ? Promise.resolve({}) : countInside(app.db, territory),
      Promise.all(options.sections.map((s) => s.render(territory, request))),
    ])
    return reply.page(
      <TerritoryPage
        territory={territory}
        parents={parents}
        groups={groups}
        children={below && children ? { kind: below, page: children } : null}
        inside={inside}
        sections={sections.filter((s): s is VNode => s !== null)}
      />,
    )
  })
}
