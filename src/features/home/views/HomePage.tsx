/**
 * The home page: what Alliance is, a territory search, the approach in three stages with the pages that serve
 * each today, the three levers, and the map of actors by département with its table and the figures by world.
 */
import { formatNumber } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { FranceMap, type Territory } from '../../territories/index.js'
import { TermLink, termsOf } from '../../vocabulary/index.js'
import type { Step } from '../home.capabilities.js'
import { CapabilityLinks } from './CapabilityLinks.js'

/** The figures of the map. */
export interface HomeFigures {
  byDepartement: Map<string, number>
  byWorld: Map<string, number>
  departements: Territory[]
}

/** The home page. */
export function HomePage({ figures, steps }: { figures: HomeFigures; steps: Step[] }) {
  const { t, locale } = useView()
  const { byDepartement, byWorld, departements } = figures
  const total = [...byWorld.values()].reduce((s, n) => s + n, 0)
  const withActors = departements.filter((d) => (byDepartement.get(d.code) ?? 0) > 0)
  return (
    <Layout title={t('home.title')}>
      <section class="hero" aria-labelledby="accueil-titre">
        <h1 id="accueil-titre">{t('home.heading')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <form method="get" action="/territoires" role="search" class="search-form">
          <label for="recherche-accueil">{t('territories.search.label')}</label>
          <p class="hint" id="recherche-accueil-hint">
            {t('territories.search.hint')}
          </p>
          <div class="search-row">
            <input id="recherche-accueil" name="q" type="search" maxLength={100} aria-describedby="recherche-accueil-hint" />
            <button type="submit" class="button">
              {t('search.submit')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="methode" class="method">
        <h2 id="methode">{t('home.method.title')}</h2>
        <p>{t('home.method.source')}</p>
        <ol class="steps">
          {steps.map((step) => (
            <li>
              <strong>{t(step.title)}</strong> {t(step.text)}
              <CapabilityLinks intro="home.method.links" links={step.links} />
            </li>
          ))}
        </ol>
        <p>
          {t('home.method.levers')} <TermLink kind="lever" code="vision" />, <TermLink kind="lever" code="gestion" />, <TermLink kind="lever" code="action" />.
        </p>
      </section>

      <section aria-labelledby="carte" class="home-map">
        <h2 id="carte">{t('home.map.title', { count: total })}</h2>
        <div class="map-layout">
          <FranceMap values={byDepartement} unit="home.map.actors" title={t('home.map.svgTitle')} />
          <div>
            <h3>{t('home.worlds.title')}</h3>
            <ul class="world-counts">
              {termsOf('world').map((w) => (
                <li>
                  <TermLink kind="world" code={w.code} /> : {formatNumber(locale, byWorld.get(w.code) ?? 0)}
                </li>
              ))}
            </ul>
            <p>
              <a href="/acteurs">{t('home.directory')}</a>
            </p>
          </div>
        </div>
        <details class="table-alternative">
          <summary>{t('home.map.table')}</summary>
          <DataTable
            caption={t('home.map.tableCaption')}
            rows={withActors}
            columns={[
              { header: t('home.map.departement'), cell: (d) => <a href={`/territoires/departement/${d.code}`}>{`${d.name} (${d.code})`}</a> },
              { header: t('home.map.count'), numeric: true, cell: (d) => formatNumber(locale, byDepartement.get(d.code) ?? 0) },
            ]}
          />
          <p>{t('home.map.others', { count: departements.length - withActors.length })}</p>
        </details>
      </section>
    </Layout>
  )
}
