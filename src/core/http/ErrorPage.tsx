/**
 * The HTML page of an error: a title for the status, the message, links to the related resource and, for
 * "not found", a search box so the visitor can find what they were looking for.
 */
import type { AppError } from '../errors.js'
import type { MessageKey } from '../i18n/index.js'
import { useView } from '../views/context.js'
import { Layout } from '../views/Layout.js'

export interface ErrorPageProps {
  error: AppError
  search?: { action: string; label: MessageKey; hint: MessageKey } | undefined
}

export function ErrorPage({ error, search }: ErrorPageProps) {
  const { t } = useView()
  const title = t(`error.title.${error.status}`)
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="lead">{t(error.messageKey, error.params)}</p>
      {error.fields.length > 0 ? (
        <ul>
          {error.fields.map((f) => (
            <li>{t(f.message, f.params)}</li>
          ))}
        </ul>
      ) : null}
      {error.link ? (
        <p>
          <a href={error.link.href}>{t(error.link.label)}</a>
        </p>
      ) : null}
      {search ? (
        <form method="get" action={search.action} role="search" class="search-form">
          <label for="recherche-404">{t(search.label)}</label>
          <p class="hint" id="recherche-404-hint">
            {t(search.hint)}
          </p>
          <div class="search-row">
            <input id="recherche-404" name="q" type="search" aria-describedby="recherche-404-hint" />
            <button type="submit" class="button">
              {t('search.submit')}
            </button>
          </div>
        </form>
      ) : null}
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </Layout>
  )
}
