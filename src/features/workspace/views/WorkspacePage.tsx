/**
 * "Mon espace": what awaits me first (each item with its one action), then my organisations, my needs,
 * resources and alliances, and the recent activity on what I follow (my notifications).
 */
import { formatDate, translateStored } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import type { WorkspaceData } from '../workspace.service.js'

function Empty({ text }: { text: string }) {
  return <p class="muted">{text}</p>
}

export function WorkspacePage({ data }: { data: WorkspaceData }) {
  const { t, locale, csrfToken } = useView()
  const waiting = data.organisationInvitations.length + data.allianceInvitations.length + data.charters.length + data.requests.length + data.forms.length
  return (
    <Layout title={t('workspace.title')}>
      <h1>{t('workspace.title')}</h1>
      <p class="lead">{t('workspace.hello', { name: data.displayName })}</p>

      <section aria-labelledby="en-attente">
        <h2 id="en-attente">{t('workspace.waiting', { count: waiting })}</h2>
        {waiting === 0 ? <Empty text={t('workspace.waiting.none')} /> : null}
        <ul class="listing-list">
          {data.allianceInvitations.map((i) => (
            <li>
              <span class="listing-title">{t('workspace.allianceInvitation', { organisation: i.organisation_name, alliance: i.alliance_name })}</span>
              <span class="listing-meta">{formatDate(locale, i.invited_at)}</span>
              <span class="actions">
                <a href={`/alliances/${i.alliance_id}`}>{t('workspace.allianceInvitation.see')}</a>{' '}
                <form method="post" action={`/alliances/${i.alliance_id}/partenaires/${i.partner_id}/accepter`} class="inline-form">
                  <input type="hidden" name="_csrf" value={csrfToken()} />
                  <button type="submit" class="button button-small" aria-label={t('workspace.allianceInvitation.acceptLabel', { alliance: i.alliance_name, organisation: i.organisation_name })}>
                    {t('workspace.accept')}
                  </button>
                </form>
              </span>
            </li>
          ))}
          {data.charters.map((c) => (
            <li>
              <span class="listing-title">{t('workspace.charter', { organisation: c.organisation_name, alliance: c.alliance_name, version: c.version })}</span>
              <span class="actions">
                <a class="button button-small" href={`/alliances/${c.alliance_id}/charte`} aria-label={t('workspace.charter.signLabel', { alliance: c.alliance_name })}>
                  {t('workspace.charter.sign')}
                </a>
              </span>
            </li>
          ))}
          {data.requests.map((r) => (
            <li>
              <span class="listing-title">{t('workspace.request', { from: r.from_name, need: r.need_title })}</span>
              <span class="listing-meta">{t('workspace.request.until', { date: formatDate(locale, r.expires_at) })}</span>
              <span class="actions">
                <a class="button button-small" href={`/mises-en-relation/${r.id}`} aria-label={t('workspace.request.answerLabel', { from: r.from_name })}>
                  {t('workspace.request.answer')}
                </a>
              </span>
            </li>
          ))}
          {data.forms.map((f) => (
            <li>
              <span class="listing-title">{t('workspace.form', { title: f.title })}</span>
              <span class="listing-meta">{t('workspace.form.until', { date: formatDate(locale, f.closes_on) })}</span>
              <span class="actions">
                <a class="button button-small" href={`/repondre/${f.campaign_id}`} aria-label={t('workspace.form.continueLabel', { title: f.title })}>
                  {t('workspace.form.continue')}
                </a>
              </span>
            </li>
          ))}
          {data.organisationInvitations.map((i) => (
            <li>
              <span class="listing-title">{t('workspace.organisationInvitation', { organisation: i.organisation_name })}</span>
              <span class="listing-meta">{t('workspace.organisationInvitation.hint', { date: formatDate(locale, i.expires_at) })}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="mes-organisations">
        <h2 id="mes-organisations">{t('workspace.organisations')}</h2>
        {data.organisations.length === 0 ? <Empty text={t('workspace.organisations.none')} /> : null}
        <ul>
          {data.organisations.map((o) => (
            <li>
              <a href={`/acteurs/${o.id}`}>{o.name}</a> — {t(`organisations.role.${o.role}`)}
            </li>
          ))}
        </ul>
        <p>
          <a href="/acteurs/nouveau">{t('organisations.create.title')}</a>
        </p>
      </section>

      <div class="columns">
        <section aria-labelledby="mes-besoins">
          <h2 id="mes-besoins">{t('workspace.needs')}</h2>
          {data.needs.length === 0 ? <Empty text={t('workspace.needs.none')} /> : null}
          <ul>
            {data.needs.map((n) => (
              <li>
                <a href={`/besoins/${n.id}`}>{n.title}</a>
              </li>
            ))}
          </ul>
          <p>
            <a href="/besoins/nouveau">{t('workspace.needs.new')}</a>
          </p>
        </section>
        <section aria-labelledby="mes-ressources">
          <h2 id="mes-ressources">{t('workspace.resources')}</h2>
          {data.resources.length === 0 ? <Empty text={t('workspace.resources.none')} /> : null}
          <ul>
            {data.resources.map((r) => (
              <li>
                <a href={`/ressources/${r.id}`}>{r.title}</a>
              </li>
            ))}
          </ul>
          <p>
            <a href="/ressources/nouvelle">{t('workspace.resources.new')}</a>
          </p>
        </section>
        <section aria-labelledby="mes-alliances">
          <h2 id="mes-alliances">{t('workspace.alliances')}</h2>
          {data.alliances.length === 0 ? <Empty text={t('workspace.alliances.none')} /> : null}
          <ul>
            {data.alliances.map((a) => (
              <li>
                <a href={`/alliances/${a.id}`}>{a.name}</a>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section aria-labelledby="activite">
        <h2 id="activite">{t('workspace.activity')}</h2>
        {data.activity.length === 0 ? <Empty text={t('workspace.activity.none')} /> : null}
        <ul class="listing-list">
          {data.activity.map((n) => (
            <li class={n.read_at === null ? 'unread' : undefined}>
              {n.read_at === null ? <span class="visually-hidden">{t('notifications.new')} </span> : null}
              {n.link ? <a href={n.link}>{translateStored(t, n.message_key, n.params)}</a> : translateStored(t, n.message_key, n.params)}
              <span class="listing-meta">{formatDate(locale, n.created_at)}</span>
            </li>
          ))}
        </ul>
        <p>
          <a href="/notifications">{t('workspace.activity.all')}</a> · <a href="/notifications/preferences">{t('workspace.activity.preferences')}</a>
        </p>
      </section>
    </Layout>
  )
}
