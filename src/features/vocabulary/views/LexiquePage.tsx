/**
 * The lexique: one section per kind, one anchored entry per term (`/lexique#world-association`), in the
 * page's language, each with its origin — the sources it comes from (author, title, year, link) or
 * "proposition d'Alliance".
 */
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { VOCABULARY } from '../vocabulary.data.js'
import { SOURCES, type Origin } from '../vocabulary.sources.js'
import { termAnchor, termOrigin } from '../vocabulary.terms.js'

function OriginNote({ origin }: { origin: Origin }) {
  const { t } = useView()
  if (origin === 'alliance') {
    return (
      <p class="lexique-origin">
        {t('vocabulary.origin.label')} <span class="badge badge-status">{t('vocabulary.origin.alliance')}</span>
      </p>
    )
  }
  return (
    <p class="lexique-origin">
      {t('vocabulary.origin.sources', { count: origin.length })}{' '}
      {origin.map((key, i) => {
        const s = SOURCES[key]
        const year = s.year === null ? t('vocabulary.source.noDate') : String(s.year)
        return (
          <>
            {i > 0 ? ' ; ' : null}
            <cite>
              {s.author}, {s.url ? <a href={s.url}>{s.title}</a> : s.title}, {year}
              {s.url ? null : ` (${t('vocabulary.source.unpublished')})`}
            </cite>
          </>
        )
      })}
    </p>
  )
}

/** The whole lexique. */
export function LexiquePage() {
  const { t, locale } = useView()
  return (
    <Layout title={t('vocabulary.title')}>
      <h1>{t('vocabulary.title')}</h1>
      <p class="lead">{t('vocabulary.intro')}</p>
      <p>{t('vocabulary.origins')}</p>
      <nav aria-label={t('vocabulary.toc')} class="toc">
        <ul>
          {VOCABULARY.map((info) => (
            <li>
              <a href={`#${info.kind}`}>{locale === 'fr' ? info.fr : info.en}</a>
            </li>
          ))}
        </ul>
      </nav>
      {VOCABULARY.map((info) => (
        <section id={info.kind} aria-labelledby={`${info.kind}-title`} class="lexique-section">
          <h2 id={`${info.kind}-title`}>{locale === 'fr' ? info.fr : info.en}</h2>
          <p>{locale === 'fr' ? info.introFr : info.introEn}</p>
          <dl class="lexique">
            {info.terms.map((term) => (
              <div id={termAnchor(info.kind, term.code)} class={term.parent ? 'lexique-entry sub' : 'lexique-entry'}>
                <dt>{locale === 'fr' ? term.fr : term.en}</dt>
                <dd>
                  {locale === 'fr' ? term.defFr : term.defEn}
                  <OriginNote origin={termOrigin(info.kind, term.code)} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Layout>
  )
}
