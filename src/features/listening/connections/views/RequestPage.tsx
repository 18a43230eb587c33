/**
 * One mise en relation: who asks whom about what, the message, the answer buttons (receiving side, while it
 * is pending), the contact details (after acceptance only: consent), the invitation to make an alliance and
 * the message thread.
 */
import { formatDate } from '../../../../core/i18n/index.js'
import { useView } from '../../../../core/views/context.js'
import { Form, TextArea, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { ContactItems } from '../../../organisations/index.js'
import { TermLink } from '../../../vocabulary/index.js'
import type { RequestStatus } from '../../listening.table.js'
import { requestStatusKey } from '../../views/labels.js'
import type { RequestScope } from '../connections.policy.js'
import type { ContactCard, RequestDetails, ThreadMessage } from '../connections.queries.js'

function ContactBlock({ title, card }: { title: string; card: ContactCard }) {
  const { t } = useView()
  return (
    <div class="contact-card">
      <h3>{title}</h3>
      <ul>
        {card.person ? (
          <li>
            {t('listening.request.person', { name: card.person.display_name })} — <a href={`mailto:${card.person.email}`}>{card.person.email}</a>
          </li>
        ) : null}
        <ContactItems organisation={card.organisation} />
      </ul>
    </div>
  )
}

export function RequestPage({ details, scope, status, cards, thread, replyState }: { details: RequestDetails; scope: RequestScope; status: RequestStatus; cards: { from: ContactCard; to: ContactCard } | null; thread: ThreadMessage[]; replyState: FormState }) {
  const { t, locale, csrfToken } = useView()
  const r = details.request
  return (
    <Layout title={t('listening.request.title')} breadcrumb={[{ label: t('listening.request.list'), href: '/mises-en-relation' }, { label: details.need.title }]}>
      <p class="kicker">
        <TermLink kind="concept" code="mise-en-relation" /> <span class="badge badge-status">{t(requestStatusKey(status))}</span>
      </p>
      <h1>{t('listening.request.about', { need: details.need.title, resource: details.resource.title })}</h1>
      <dl class="facts">
        <div>
          <dt>{t('listening.request.from')}</dt>
          <dd>
            <a href={`/acteurs/${details.from.id}`}>{details.from.name}</a>
            {details.fromUser ? ` (${details.fromUser.display_name})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('listening.request.to')}</dt>
          <dd>
            <a href={`/acteurs/${details.to.id}`}>{details.to.name}</a>
          </dd>
        </div>
        <div>
          <dt>{t('listening.request.date')}</dt>
          <dd>{formatDate(locale, r.created_at)}</dd>
        </div>
      </dl>
      <p>
        <a href={`/besoins/${details.need.id}`}>{details.need.title}</a> · <a href={`/ressources/${details.resource.id}`}>{details.resource.title}</a>
      </p>
      <blockquote>
        {r.message.split(/\n{2,}/).map((p) => (
          <p>{p}</p>
        ))}
      </blockquote>
      {status === 'proposee' ? <p>{t('listening.request.expires', { date: formatDate(locale, r.expires_at) })}</p> : null}
      {status === 'proposee' && scope.side === 'to' ? (
        <div class="form-actions">
          <form method="post" action={`/mises-en-relation/${r.id}/accepter`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken()} />
            <button type="submit" class="button">
              {t('listening.request.accept')}
            </button>
          </form>
          <form method="post" action={`/mises-en-relation/${r.id}/refuser`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken()} />
            <button type="submit" class="button button-secondary">
              {t('listening.request.decline')}
            </button>
          </form>
        </div>
      ) : null}
      <section aria-labelledby="coordonnees">
        <h2 id="coordonnees">{t('listening.request.contacts')}</h2>
        {cards ? (
          <div class="dashboard-grid">
            <ContactBlock title={details.from.name} card={cards.from} />
            <ContactBlock title={details.to.name} card={cards.to} />
          </div>
        ) : (
          <p class="contact-hidden">{t('listening.request.contactsHidden')}</p>
        )}
      </section>
      {status === 'acceptee' ? (
        <section aria-labelledby="alliance" class="notice">
          <h2 id="alliance">{t('listening.alliance.title')}</h2>
          <p>{t('listening.alliance.intro')}</p>
          <p>
            <a class="button" href={`/alliances/nouvelle?mise_en_relation=${details.request.id}`}>
              {t('listening.alliance.create')}
            </a>
          </p>
        </section>
      ) : null}
      {status === 'acceptee' ? (
        <section aria-labelledby="echanges">
          <h2 id="echanges">{t('listening.request.thread')}</h2>
          {thread.length === 0 ? (
            <p>{t('listening.request.threadEmpty')}</p>
          ) : (
            <ol class="thread">
              {thread.map((m) => (
                <li>
                  <p class="from">
                    {m.organisation_name}
                    {m.author ? ` — ${m.author}` : ''} <span class="muted">· {formatDate(locale, m.created_at)}</span>
                  </p>
                  {m.body.split(/\n{2,}/).map((p) => (
                    <p>{p}</p>
                  ))}
                </li>
              ))}
            </ol>
          )}
          <Form action={`/mises-en-relation/${r.id}/messages`} state={replyState} submitLabel={t('listening.request.replySend')}>
            <TextArea name="body" label={t('listening.request.reply')} required rows={4} maxLength={3000} />
          </Form>
        </section>
      ) : null}
    </Layout>
  )
}

