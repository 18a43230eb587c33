/** Views of the operators' console: jobs (queues, dead jobs with replay) and e-mail (list, one message). */
import type { DeadJob, JobCounts } from '../../../core/jobs/jobs.js'
import { formatDateTime, formatNumber, type Locale } from '../../../core/i18n/index.js'
import type { PageOf } from '../../../core/db/paging.js'
import type { FieldProblem } from '../../../core/errors.js'
import { DataTable, IgnoredFilters, Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import type { MailRow, MailStatus } from '../operations.service.js'
import { MAIL_STATUSES } from '../operations.service.js'

const when = (locale: Locale, iso: string) => formatDateTime(locale, iso, { seconds: true })

function ConsoleNav() {
  const { t, path } = useView()
  const items = [
    { href: '/admin/taches', label: t('operations.jobs.title') },
    { href: '/admin/courriels', label: t('operations.mail.title') },
    { href: '/admin/identifiants', label: t('organisations.review.title') },
    { href: '/admin/securite', label: t('accounts.security.log.everyone') },
  ]
  return (
    <nav aria-label={t('operations.nav')}>
      <ul class="inline-list">
        {items.map((i) => (
          <li>{path.split('?')[0] === i.href ? <span aria-current="page">{i.label}</span> : <a href={i.href}>{i.label}</a>}</li>
        ))}
      </ul>
    </nav>
  )
}

/** Queue depths and one page of dead jobs, each with its replay button. */
export function JobsPage({ counts, dead, problems }: { counts: JobCounts; dead: PageOf<DeadJob>; problems: FieldProblem[] }) {
  const { t, locale, csrfToken, path } = useView()
  const queues = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))
  return (
    <Layout title={t('operations.jobs.title')}>
      <h1>{t('operations.jobs.title')}</h1>
      <ConsoleNav />
      <p class="lead">{t('operations.jobs.intro')}</p>
      <IgnoredFilters problems={problems} />
      <h2>{t('operations.jobs.queues')}</h2>
      {queues.length === 0 ? (
        <p>{t('operations.jobs.noQueue')}</p>
      ) : (
        <DataTable
          caption={t('operations.jobs.queues')}
          captionHidden
          rows={queues}
          columns={[
            { header: t('operations.jobs.queue'), cell: ([name]) => <code>{name}</code> },
            { header: t('operations.jobs.waiting'), numeric: true, cell: ([, c]) => formatNumber(locale, c.waiting) },
            { header: t('operations.jobs.due'), numeric: true, cell: ([, c]) => formatNumber(locale, c.due) },
            { header: t('operations.jobs.active'), numeric: true, cell: ([, c]) => formatNumber(locale, c.active) },
            { header: t('operations.jobs.failed'), numeric: true, cell: ([, c]) => formatNumber(locale, c.failed) },
          ]}
        />
      )}
      <h2>{t('operations.jobs.dead')}</h2>
      {dead.total === 0 ? (
        <p>{t('operations.jobs.dead.none')}</p>
      ) : (
        <>
          <p>{t('operations.jobs.dead.count', { count: dead.total })}</p>
          <DataTable
            caption={t('operations.jobs.dead')}
            captionHidden
            rows={dead.rows}
            columns={[
              { header: t('operations.jobs.queue'), cell: (j) => <code>{j.name}</code> },
              { header: t('operations.jobs.failedAt'), cell: (j) => when(locale, j.failedAt) },
              { header: t('operations.jobs.attempts'), numeric: true, cell: (j) => formatNumber(locale, j.attempts) },
              { header: t('operations.jobs.error'), cell: (j) => j.lastError },
              { header: t('operations.jobs.payload'), cell: (j) => <code class="break-all">{JSON.stringify(j.payload).slice(0, 200)}</code> },
              {
                header: t('operations.jobs.action'),
                cell: (j) => (
                  <form method="post" action={`/admin/taches/${encodeURIComponent(j.name)}/${encodeURIComponent(j.id)}/rejouer`} class="inline-form">
                    <input type="hidden" name="_csrf" value={csrfToken()} />
                    <button type="submit" class="button button-small" aria-label={t('operations.jobs.replayLabel', { id: j.id })}>
                      {t('operations.jobs.replay')}
                    </button>
                  </form>
                ),
              },
            ]}
          />
          <Pagination page={dead.page} pageCount={dead.pageCount} href={path} />
        </>
      )}
    </Layout>
  )
}

/** One page of e-mail messages, optionally of one delivery state. */
export function MailListPage({ mail, status, problems }: { mail: PageOf<MailRow>; status: MailStatus | undefined; problems: FieldProblem[] }) {
  const { t, locale, path } = useView()
  return (
    <Layout title={t('operations.mail.title')}>
      <h1>{t('operations.mail.title')}</h1>
      <ConsoleNav />
      <p class="lead">{t('operations.mail.intro')}</p>
      <IgnoredFilters problems={problems} />
      <form method="get" action="/admin/courriels" class="inline-form">
        <div class="field">
          <label for="statut">{t('operations.mail.filter')}</label>
          <select id="statut" name="statut">
            <option value="" selected={status === undefined}>
              {t('operations.mail.filter.all')}
            </option>
            {MAIL_STATUSES.map((s) => (
              <option value={s} selected={status === s}>
                {t(`operations.mail.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {t('operations.mail.filter.submit')}
        </button>
      </form>
      {mail.total === 0 ? (
        <p>{t('operations.mail.none')}</p>
      ) : (
        <>
          <DataTable
            caption={t('operations.mail.caption')}
            captionHidden
            rows={mail.rows}
            columns={[
              { header: t('operations.mail.date'), cell: (m) => <a href={`/admin/courriels/${m.id}`}>{when(locale, m.created_at)}</a> },
              { header: t('operations.mail.recipient'), cell: (m) => m.recipient },
              { header: t('operations.mail.subject'), cell: (m) => m.subject ?? <code>{m.template}</code> },
              { header: t('operations.mail.status'), cell: (m) => t(`operations.mail.status.${m.status}`) },
              { header: t('operations.jobs.attempts'), numeric: true, cell: (m) => formatNumber(locale, m.attempts) },
              { header: t('operations.jobs.error'), cell: (m) => m.last_error ?? '' },
            ]}
          />
          <Pagination page={mail.page} pageCount={mail.pageCount} href={path} />
        </>
      )}
    </Layout>
  )
}

export interface MailDetail {
  id: string
  recipient: string
  locale: string
  template: string
  status: MailStatus
  created_at: string
  sent_at: string | null
  last_error: string | null
  subject: string
  text: string
  unsubscribeUrl: string | null
}

export function MailPage({ mail }: { mail: MailDetail }) {
  const { t, locale } = useView()
  return (
    <Layout title={t('operations.mail.detail', { id: mail.id })}>
      <p>
        <a href="/admin/courriels">{t('operations.mail.back')}</a>
      </p>
      <h1>{mail.subject}</h1>
      <dl class="facts">
        <div>
          <dt>{t('operations.mail.recipient')}</dt>
          <dd>{mail.recipient}</dd>
        </div>
        <div>
          <dt>{t('operations.mail.date')}</dt>
          <dd>{when(locale, mail.created_at)}</dd>
        </div>
        <div>
          <dt>{t('operations.mail.status')}</dt>
          <dd>{t(`operations.mail.status.${mail.status}`)}</dd>
        </div>
        {mail.sent_at ? (
          <div>
              <dt>{t('operations.mail.sentAt')}</dt>
              <dd>{when(locale, mail.sent_at)}</dd>
            </div>
        ) : null}
        {mail.last_error ? (
          <div>
              <dt>{t('operations.jobs.error')}</dt>
              <dd>{mail.last_error}</dd>
            </div>
        ) : null}
        <div>
          <dt>{t('operations.mail.language')}</dt>
          <dd>{mail.locale}</dd>
        </div>
        <div>
          <dt>{t('operations.mail.template')}</dt>
          <dd>
          <code>{mail.template}</code>
        </dd>
        </div>
        {mail.unsubscribeUrl ? (
          <div>
              <dt>{t('operations.mail.unsubscribe')}</dt>
              <dd class="break-all">{mail.unsubscribeUrl}</dd>
            </div>
        ) : null}
      </dl>
      <h2>{t('operations.mail.text')}</h2>
      <pre class="mail-text">{mail.text}</pre>
    </Layout>
  )
}
