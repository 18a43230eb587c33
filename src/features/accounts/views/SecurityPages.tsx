/**
 * Pages of an account's security: the overview (second factor, open sessions, recent security events),
 * setting up the second factor (QR code and key), the recovery codes shown once, and the security log
 * (one's own; every account's for platform admins).
 */
import type { PageOf } from '../../../core/db/paging.js'
import type { FieldProblem } from '../../../core/errors.js'
import { formatDate, formatDateTime, type Locale, type MessageKey, translateLabel } from '../../../core/i18n/index.js'
import { DataTable, IgnoredFilters, Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Form, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import type { SecurityEventRow, SessionRow } from '../security.service.js'
import type { SecurityEventKind } from '../../../core/access/security-log.js'

/** What each security event is called in the journal. */
const EVENT_LABELS = { 'email-verified': 'security.event.email-verified', 'password-changed': 'security.event.password-changed', 'password-reset': 'security.event.password-reset', 'password-reset-requested': 'security.event.password-reset-requested', 'recovery-code-used': 'security.event.recovery-code-used', 'recovery-codes-renewed': 'security.event.recovery-codes-renewed', 'role-changed': 'security.event.role-changed', 'session-closed': 'security.event.session-closed', 'sign-in': 'security.event.sign-in', 'sign-in-failed': 'security.event.sign-in-failed', 'sign-in-second-factor-failed': 'security.event.sign-in-second-factor-failed', 'sign-up-repeated': 'security.event.sign-up-repeated', 'totp-disabled': 'security.event.totp-disabled', 'totp-enabled': 'security.event.totp-enabled' } as const satisfies Record<SecurityEventKind, MessageKey>

const when = (locale: Locale, iso: string) => formatDateTime(locale, iso)

/** The browser named in a few words from its user-agent string (never the raw string alone). */
function browserOf(userAgent: string | null): string {
  if (!userAgent) return '—'
  const name = /Firefox\/|Edg\/|Chrome\/|Safari\//.exec(userAgent)?.[0]?.replace('/', '') ?? ''
  const system = /Windows|Android|iPhone|iPad|Mac OS X|Linux/.exec(userAgent)?.[0] ?? ''
  return [name.replace('Edg', 'Edge'), system].filter(Boolean).join(', ') || userAgent.slice(0, 60)
}

function EventList({ rows, everyone }: { rows: SecurityEventRow[]; everyone: boolean }) {
  const { t, locale } = useView()
  return (
    <DataTable
      caption={t('accounts.security.log')}
      captionHidden
      focusable={everyone}
      rows={rows}
      columns={[
        { header: t('accounts.security.when'), cell: (e) => when(locale, e.createdAt) },
        ...(everyone ? [{ header: t('accounts.field.email'), cell: (e: SecurityEventRow) => e.email ?? '—' }] : []),
        { header: t('accounts.security.event'), cell: (e) => translateLabel(t, EVENT_LABELS, e.kind, e.detail) },
        { header: t('accounts.security.address'), cell: (e) => e.ip ?? '—' },
      ]}
    />
  )
}

export interface SecurityOverview {
  secondFactor: { enabled: boolean; since: string | null; codesLeft: number; requiredForAdmin: boolean }
  sessions: SessionRow[]
  events: SecurityEventRow[]
  eventsTotal: number
  forms: { disable?: FormState; renew?: FormState }
}

export function SecurityPage({ secondFactor, sessions, events, eventsTotal, forms }: SecurityOverview) {
  const { t, locale, csrfToken } = useView()
  return (
    <Layout title={t('accounts.security.title')} breadcrumb={[{ label: t('accounts.account.title'), href: '/compte' }, { label: t('accounts.security.title') }]}>
      <h1>{t('accounts.security.title')}</h1>
      <section aria-labelledby="second-facteur">
        <h2 id="second-facteur">{t('accounts.security.secondFactor')}</h2>
        {secondFactor.enabled ? (
          <>
            <p>{t('accounts.security.enabledSince', { date: formatDate(locale, secondFactor.since ?? '') })}</p>
            <p>{t('accounts.security.codesLeft', { count: secondFactor.codesLeft })}</p>
            <h3>{t('accounts.security.renew')}</h3>
            <Form action="/compte/securite/codes" state={forms.renew} submitLabel={t('accounts.security.renew.submit')}>
              <TextField name="password" label={t('accounts.field.currentPassword')} type="password" required autocomplete="current-password" maxLength={128} />
              <TextField name="code" label={t('accounts.secondFactor.appCode')} required autocomplete="one-time-code" maxLength={20} spellcheck={false} />
            </Form>
            {secondFactor.requiredForAdmin ? (
              <p>{t('accounts.security.requiredForAdmins')}</p>
            ) : (
              <>
                <h3>{t('accounts.security.disable')}</h3>
                <Form action="/compte/securite/totp/desactiver" state={forms.disable} submitLabel={t('accounts.security.disable.submit')}>
                  <TextField name="password" label={t('accounts.field.currentPassword')} type="password" required autocomplete="current-password" maxLength={128} />
                  <TextField name="code" label={t('accounts.secondFactor.appCode')} required autocomplete="one-time-code" maxLength={20} spellcheck={false} />
                </Form>
              </>
            )}
          </>
        ) : (
          <>
            <p>{t(secondFactor.requiredForAdmin ? 'accounts.security.requiredForAdmins' : 'accounts.security.offer')}</p>
            <p>
              <a class="button" href="/compte/securite/totp">
                {t('accounts.security.enable')}
              </a>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t('accounts.security.sessions')}</h2>
        <p>{t('accounts.security.sessions.intro')}</p>
        <DataTable
          caption={t('accounts.security.sessions')}
          captionHidden
          rows={sessions}
          columns={[
            { header: t('accounts.security.browser'), cell: (s) => (s.current ? <>{browserOf(s.browser)} <strong>{t('accounts.security.thisSession')}</strong></> : browserOf(s.browser)) },
            { header: t('accounts.security.signedIn'), cell: (s) => when(locale, s.createdAt) },
            { header: t('accounts.security.lastSeen'), cell: (s) => when(locale, s.lastSeenAt) },
            { header: t('accounts.security.address'), cell: (s) => s.ip ?? '—' },
            {
              header: t('accounts.security.action'),
              cell: (s) =>
                s.current ? (
                  '—'
                ) : (
                  <form method="post" action={`/compte/sessions/${s.id}/fermer`} class="inline-form">
                    <input type="hidden" name="_csrf" value={csrfToken()} />
                    <button type="submit" class="button button-small button-secondary" aria-label={t('accounts.security.close.label', { browser: browserOf(s.browser), date: when(locale, s.lastSeenAt) })}>
                      {t('accounts.security.close')}
                    </button>
                  </form>
                ),
            },
          ]}
        />
      </section>
      <section aria-labelledby="journal">
        <h2 id="journal">{t('accounts.security.log')}</h2>
        <p>{t('accounts.security.log.intro')}</p>
        {events.length === 0 ? <p>{t('accounts.security.log.none')}</p> : <EventList rows={events} everyone={false} />}
        {eventsTotal > events.length ? (
          <p>
            <a href="/compte/securite/journal">{t('accounts.security.log.all', { count: eventsTotal })}</a>
          </p>
        ) : null}
      </section>
    </Layout>
  )
}

export function TotpSetupPage({ qrSvg, secret, state, required }: { qrSvg: string; secret: string; state: FormState; required: boolean }) {
  const { t } = useView()
  const grouped = secret.replace(/(.{4})/g, '$1 ').trim()
  return (
    <Layout title={t('accounts.totp.title')} breadcrumb={[{ label: t('accounts.account.title'), href: '/compte' }, { label: t('accounts.security.title'), href: '/compte/securite' }, { label: t('accounts.totp.title') }]}>
      <h1>{t('accounts.totp.title')}</h1>
      {required ? (
        <div class="notice notice-warning" role="status">
          <p>{t('accounts.totp.required')}</p>
        </div>
      ) : null}
      <ol>
        <li>{t('accounts.totp.step1')}</li>
        <li>
          {t('accounts.totp.step2')}
          <p>
            <img src={`data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`} width={200} height={200} alt={t('accounts.totp.qrAlt')} />
          </p>
          <p>
            {t('accounts.totp.key')} <code class="break-all">{grouped}</code>
          </p>
        </li>
        <li>{t('accounts.totp.step3')}</li>
      </ol>
      <Form action="/compte/securite/totp" state={state} submitLabel={t('accounts.totp.submit')}>
        <TextField name="code" label={t('accounts.secondFactor.appCode')} required autocomplete="one-time-code" maxLength={20} spellcheck={false} />
      </Form>
    </Layout>
  )
}

export function RecoveryCodesPage({ codes }: { codes: string[] }) {
  const { t } = useView()
  return (
    <Layout title={t('accounts.codes.title')}>
      <h1>{t('accounts.codes.title')}</h1>
      <p class="lead">{t('accounts.codes.intro')}</p>
      <ul class="recovery-codes">
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>{t('accounts.codes.once')}</p>
      <p>
        <a class="button" href="/mon-espace">
          {t('accounts.codes.done')}
        </a>
      </p>
    </Layout>
  )
}

/** One page of a security log (the person's own, or every account's for platform admins). */
export function SecurityLogPage({ events, everyone, problems }: { events: PageOf<SecurityEventRow>; everyone: boolean; problems: FieldProblem[] }) {
  const { t, path } = useView()
  const title = t(everyone ? 'accounts.security.log.everyone' : 'accounts.security.log')
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <IgnoredFilters problems={problems} />
      {events.rows.length === 0 ? <p>{t('accounts.security.log.none')}</p> : <EventList rows={events.rows} everyone={everyone} />}
      <Pagination page={events.page} pageCount={events.pageCount} href={path} />
    </Layout>
  )
}
