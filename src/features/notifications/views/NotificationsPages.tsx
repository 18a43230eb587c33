/** Views of notifications: the list, the e-mail preferences per kind, the unsubscribe confirmation. */
import { formatDate, type MessageKey, translateStored } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { ErrorSummary, Form, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { PACES, type NotificationKind, type Pace } from '../notifications.kinds.js'
import type { NotificationRow } from '../notifications.service.js'

export function NotificationsPage({ rows }: { rows: NotificationRow[] }) {
  const { t, locale, csrfToken } = useView()
  const unread = rows.filter((r) => r.read_at === null).length
  return (
    <Layout title={t('notifications.title')}>
      <h1>{t('notifications.title')}</h1>
      <p class="lead">{t('notifications.intro')}</p>
      <p>
        <a href="/notifications/preferences">{t('notifications.preferences.link')}</a>
      </p>
      {unread > 0 ? (
        <form method="post" action="/notifications/lues" class="inline-form">
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <button type="submit" class="button button-secondary">
            {t('notifications.markRead')}
          </button>
        </form>
      ) : null}
      {rows.length === 0 ? (
        <p>{t('notifications.none')}</p>
      ) : (
        <ul class="listing-list">
          {rows.map((n) => (
            <li class={n.read_at === null ? 'unread' : undefined}>
              {n.read_at === null ? <span class="visually-hidden">{t('notifications.new')} </span> : null}
              {n.link ? <a href={`/notifications/${n.id}/ouvrir`}>{translateStored(t, n.message_key, n.params)}</a> : translateStored(t, n.message_key, n.params)}
              <span class="listing-meta">{formatDate(locale, n.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

export function PreferencesPage({ kinds, paces, state }: { kinds: NotificationKind[]; paces: Map<string, Pace>; state: FormState }) {
  const { t } = useView()
  return (
    <Layout title={t('notifications.preferences.title')} breadcrumb={[{ label: t('notifications.title'), href: '/notifications' }, { label: t('notifications.preferences.title') }]}>
      <h1>{t('notifications.preferences.title')}</h1>
      <p class="lead">{t('notifications.preferences.intro')}</p>
      <Form action="/notifications/preferences" state={{ values: {}, errors: [] }} submitLabel={t('notifications.preferences.submit')}>
        <ErrorSummary errors={state.errors} />
        {kinds.map((kind) => {
          const field = `pace.${kind.key}`
          const current = (state.values[field] as string | undefined) ?? paces.get(kind.key) ?? kind.defaultPace
          const id = `champ-${field.replace(/[^a-z0-9-]/gi, '-')}`
          return (
            <fieldset class="field" id={id}>
              <legend>{t(kind.label)}</legend>
              {PACES.map((pace) => (
                <div class="checkbox">
                  <input type="radio" id={`${id}-${pace}`} name={field} value={pace} checked={current === pace} />
                  <label for={`${id}-${pace}`}>{t(`notifications.pace.${pace}`)}</label>
                </div>
              ))}
            </fieldset>
          )
        })}
      </Form>
    </Layout>
  )
}

export function UnsubscribePage({ action, label, done, state }: { action: string; label: MessageKey; done: boolean; state?: FormState }) {
  const { t } = useView()
  return (
    <Layout title={t('notifications.unsubscribe.title')}>
      <h1>{t('notifications.unsubscribe.title')}</h1>
      {done ? (
        <>
          <p class="lead">{t('notifications.unsubscribe.done', { kind: t(label) })}</p>
          <p>
            <a href="/notifications/preferences">{t('notifications.preferences.link')}</a>
          </p>
        </>
      ) : (
        <>
          <p class="lead">{t('notifications.unsubscribe.ask', { kind: t(label) })}</p>
          <Form action={action} state={state} submitLabel={t('notifications.unsubscribe.submit')}>
            {null}
          </Form>
        </>
      )}
    </Layout>
  )
}
