/** The ranked matches of a need (resources) or of a resource (needs), each score with its reasons in words. */
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { DemoBadge } from '../../organisations/index.js'
import type { RequestStatus } from '../listening.table.js'
import type { Explained } from '../matching/rank.js'
import { requestStatusKey } from './labels.js'
import { Reasons } from './Reasons.js'

export interface MatchItem {
  explained: Explained
  title: string
  href: string
  /** who proposes it (and where, for needs) */
  organisation: string
  demo: boolean
  /** the request of one of the person's organisations for this pair, if any */
  request: { id: string; status: RequestStatus } | null
  /** the person belongs to the need's or the resource's organisation, so may ask to connect */
  contactable: boolean
}

export function MatchesPage({ title, back, items }: { title: string; back: { label: string; href: string }; items: MatchItem[] }) {
  const { t } = useView()
  return (
    <Layout title={title} breadcrumb={[back, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('listening.matches.intro')}</p>
      <p>
        <a href="/lexique#concept-mise-en-relation">{t('listening.matches.how')}</a>
      </p>
      {items.length === 0 ? (
        <p>{t('listening.matches.none')}</p>
      ) : (
        <ol class="match-list">
          {items.map((item) => (
            <li>
              <h2 class="listing-title">
                <a href={item.href}>{item.title}</a> {item.demo ? <DemoBadge /> : null}
              </h2>
              <p class="listing-meta">
                {item.organisation} · <span class="match-score">{t('listening.matches.score', { score: item.explained.score.total })}</span>
              </p>
              <p class="visually-hidden">{t('listening.matches.reasons')}</p>
              <Reasons components={item.explained.score.components} />
              {item.request ? (
                <p>
                  <a href={`/mises-en-relation/${item.request.id}`}>{t('listening.matches.requested', { status: t(requestStatusKey(item.request.status)) })}</a>
                </p>
              ) : item.contactable ? (
                <p>
                  <a class="button button-small" href={`/mises-en-relation/nouvelle?besoin=${item.explained.needId}&ressource=${item.explained.resourceId}`}>
                    {t('listening.matches.contact')}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Layout>
  )
}
