/**
 * `/lexique`: the common vocabulary, one section per kind, one anchored entry per term
 * (`/lexique#world-association`), in the page's language.
 */
import type { FastifyInstance } from 'fastify'
import { useView } from '../../core/views/context.js'
import { Layout } from '../../core/views/Layout.js'
import { VOCABULARY } from './vocabulary.data.js'
import { termAnchor } from './vocabulary.terms.js'

function LexiquePage() {
  const { t, locale } = useView()
  return (
    <Layout title={t('vocabulary.title')}>
      <h1>{t('vocabulary.title')}</h1>
      <p class="lead">{t('vocabulary.intro')}</p>
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
                <dd>{locale === 'fr' ? term.defFr : term.defEn}</dd>
                {term.origin === 'alliance' ? (
                  <dd class="term-origin">{t('vocabulary.origin.alliance')}</dd>
                ) : term.origin ? (
                  <dd class="term-origin">
                    {t('vocabulary.origin.source')} <a href={term.origin.url}>{term.origin.citation}</a>
                  </dd>
                ) : null}
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Layout>
  )
}

export async function vocabularyPages(app: FastifyInstance): Promise<void> {
  app.get('/lexique', { config: { public: true, cache: true } }, async (_request, reply) => reply.page(<LexiquePage />))
}
