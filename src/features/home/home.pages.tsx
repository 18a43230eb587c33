/**
 * The home page (what Alliance is, a territory search, the map of actors by département with its table,
 * the figures by world) and the about page (method, sources, licences, demonstration data).
 */
import type { FastifyInstance } from 'fastify'
import { formatNumber } from '../../core/i18n/index.js'
import { DataTable } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { Layout } from '../../core/views/Layout.js'
import { countOrganisationsByDepartement, countOrganisationsByWorld } from '../organisations/index.js'
import { FranceMap, listDepartements, type Territory } from '../territories/index.js'
import { TermLink, termsOf } from '../vocabulary/index.js'

interface HomeData {
  byDepartement: Map<string, number>
  byWorld: Map<string, number>
  departements: Territory[]
}

function HomePage({ byDepartement, byWorld, departements }: HomeData) {
  const { t, locale } = useView()
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
        <ol class="steps">
          <li>
            <strong>{t('home.method.listen')}</strong> {t('home.method.listenText')}
          </li>
          <li>
            <strong>{t('home.method.experiment')}</strong> {t('home.method.experimentText')}
          </li>
          <li>
            <strong>{t('home.method.mobilise')}</strong> {t('home.method.mobiliseText')}
          </li>
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

function AboutPage() {
  const { t } = useView()
  return (
    <Layout title={t('about.title')}>
      <h1>{t('about.title')}</h1>
      <p class="lead">{t('about.lead')}</p>
      <h2>{t('about.method.title')}</h2>
      <p>{t('about.method.text')}</p>
      <ul>
        <li>{t('about.lesson.1')}</li>
        <li>{t('about.lesson.2')}</li>
        <li>{t('about.lesson.3')}</li>
        <li>{t('about.lesson.4')}</li>
        <li>{t('about.lesson.5')}</li>
        <li>{t('about.lesson.6')}</li>
        <li>{t('about.lesson.7')}</li>
      </ul>
      <h2>{t('about.data.title')}</h2>
      <ul>
        <li>{t('about.data.geography')}</li>
        <li>{t('about.data.map')}</li>
        <li>{t('about.data.demo')}</li>
      </ul>
      <h2>{t('about.software.title')}</h2>
      <p>{t('about.software.text')}</p>
    </Layout>
  )
}

/** Caches the home figures for a few seconds: the map's counts scan every organisation. */
function cached<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let value: { at: number; data: Promise<T> } | undefined
  return () => {
    const now = Date.now()
    if (!value || now - value.at > ttlMs) {
      const data = load()
      value = { at: now, data }
      data.catch(() => {
        value = undefined
      })
    }
    return value.data
  }
}

export async function homePages(app: FastifyInstance): Promise<void> {
  const homeData = cached(5_000, async (): Promise<HomeData> => {
    const [byDepartement, byWorld, departements] = await Promise.all([
      countOrganisationsByDepartement(app.db),
      countOrganisationsByWorld(app.db),
      listDepartements(app.db),
    ])
    return { byDepartement, byWorld, departements }
  })
  app.get('/', { config: { public: true, cache: true } }, async (_request, reply) => reply.page(<HomePage {...await homeData()} />))
  app.get('/a-propos', { config: { public: true, cache: true } }, async (_request, reply) => reply.page(<AboutPage />))
}
