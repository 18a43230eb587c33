/** The territory search (`/territoires?q=`): results, or the list of régions and départements. */
import type { PageOf } from '../../../core/db/paging.js'
import { formatNumber } from '../../../core/i18n/index.js'
import { Pagination, withQuery } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import type { Territory } from '../territories.queries.js'
import { KindLabel, TerritoryName, territoryHref } from './TerritoryName.js'

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
          // biome-ignore lint/a11y/noAutofocus: only on the empty search page, whose one purpose is this field
          autoFocus={autofocus}
        />
        <button type="submit" class="button">
          {t('search.submit')}
        </button>
      </div>
    </form>
  )
}

/** `results`: one page of the territories found (null when nothing was asked). */
export function SearchPage({ q, results, regions, departements, tooShort }: { q: string; results: PageOf<Territory> | null; regions: Territory[]; departements: Territory[]; tooShort: boolean }) {
  const { t, locale } = useView()
  const rows = results?.rows ?? []
  const total = results?.total ?? 0
  return (
    <Layout title={q ? t('territories.search.titleFor', { q }) : t('territories.title')}>
      <h1>{t('territories.title')}</h1>
      <p class="lead">{t('territories.intro')}</p>
      <SearchBox q={q} autofocus={q === ''} />
      {q !== '' ? (
        <section aria-labelledby="resultats" class="results">
          <h2 id="resultats">{t('territories.search.results', { count: total })}</h2>
          {tooShort ? <p>{t('territories.search.tooShort')}</p> : null}
          {results && results.pageCount > 1 && rows.length > 0 ? (
            <p class="muted">{t('territories.search.range', { from: formatNumber(locale, (results.page - 1) * results.perPage + 1), to: formatNumber(locale, (results.page - 1) * results.perPage + rows.length), total: formatNumber(locale, total) })}</p>
          ) : null}
          {rows.length > 0 ? (
            <ul class="result-list">
              {rows.map((r) => (
                <li>
                  <TerritoryName territory={r} /> — <KindLabel kind={r.kind} />
                  {r.population !== null ? <span class="muted"> · {t('territories.inhabitants', { count: r.population })}</span> : null}
                  {r.kind === 'commune' && r.postal_codes ? <span class="muted"> · {r.postal_codes.split(' ').slice(0, 3).join(', ')}</span> : null}
                </li>
              ))}
            </ul>
          ) : !tooShort && total === 0 ? (
            <p>{t('territories.search.none')}</p>
          ) : null}
          {results ? <Pagination page={results.page} pageCount={results.pageCount} href={withQuery('/territoires', { q })} /> : null}
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

