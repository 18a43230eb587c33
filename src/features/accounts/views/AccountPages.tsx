/** The account page (profile, password, organisations, invitations, data) and the erasure page. */
import { formatDate, type MessageKey, translateLabel } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { TermLink } from '../../vocabulary/index.js'
import { PASSWORD_MIN } from '../passwords.js'
import type { MembershipRole } from '../../../core/access/actor.js'

/** A person's role in an organisation. */
const ROLE_LABELS = { admin: 'organisations.role.admin', member: 'organisations.role.member' } as const satisfies Record<MembershipRole, MessageKey>

export interface AccountPageProps {
  user: { email: string; display_name: string; locale: string; created_at: string; is_platform_admin: number; totp_enabled_at: string | null }
  organisations: Array<{ id: string; name: string; world: string; role: string }>
  invitations: Array<{ id: string; role: string; organisation_name: string; organisation_id: string }>
  profile: FormState
  password: FormState
}

export function AccountPage({ user, organisations, invitations, profile, password }: AccountPageProps) {
  const { t, locale } = useView()
  return (
    <Layout title={t('accounts.account.title')}>
      <h1>{t('accounts.account.title')}</h1>
      <p>
        {t('accounts.account.signedInAs', { email: user.email })} · {t('accounts.account.since', { date: formatDate(locale, user.created_at) })}
        {user.is_platform_admin ? <> · <strong>{t('accounts.account.platformAdmin')}</strong></> : null}
      </p>
      <section aria-labelledby="mes-organisations">
        <h2 id="mes-organisations">{t('accounts.account.organisations')}</h2>
        {organisations.length === 0 ? <p>{t('accounts.account.noOrganisation')}</p> : null}
        <ul>
          {organisations.map((o) => (
            <li>
              <a href={`/acteurs/${o.id}`}>{o.name}</a> — <TermLink kind="world" code={o.world} /> · {translateLabel(t, ROLE_LABELS, o.role)}
            </li>
          ))}
        </ul>
        <p>
          <a class="button" href="/acteurs/nouveau">
            {t('organisations.create.title')}
          </a>
        </p>
      </section>
      {invitations.length > 0 ? (
        <section aria-labelledby="mes-invitations">
          <h2 id="mes-invitations">{t('accounts.account.invitations')}</h2>
          <p>{t('accounts.account.invitationsHint')}</p>
          <ul>
            {invitations.map((i) => (
              <li>
                {i.organisation_name} — {translateLabel(t, ROLE_LABELS, i.role)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="profil">
        <h2 id="profil">{t('accounts.account.profile')}</h2>
        <Form action="/compte" state={profile} submitLabel={t('accounts.account.save')}>
          <TextField name="display_name" label={t('accounts.field.displayName')} required autocomplete="name" maxLength={100} />
          <SelectField
            name="locale"
            label={t('accounts.field.locale')}
            required
            options={[
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form>
      </section>
      <section aria-labelledby="mot-de-passe">
        <h2 id="mot-de-passe">{t('accounts.account.password')}</h2>
        <Form action="/compte/mot-de-passe" state={password} submitLabel={t('accounts.account.changePassword')}>
          <TextField name="current_password" label={t('accounts.field.currentPassword')} type="password" required autocomplete="current-password" maxLength={128} />
          <TextField name="new_password" label={t('accounts.field.newPassword')} hint={t('accounts.field.passwordHint', { min: PASSWORD_MIN })} type="password" required autocomplete="new-password" maxLength={128} />
        </Form>
      </section>
      <section aria-labelledby="securite">
        <h2 id="securite">{t('accounts.security.title')}</h2>
        <p>{t(user.totp_enabled_at ? 'accounts.account.securityOn' : 'accounts.account.securityOff')}</p>
        <p>
          <a href="/compte/securite">{t('accounts.account.securityLink')}</a>
        </p>
      </section>
      <section aria-labelledby="mes-donnees">
        <h2 id="mes-donnees">{t('accounts.data.title')}</h2>
        <p>{t('accounts.data.intro')}</p>
        <p>
          <a class="button button-secondary" href="/compte/mes-donnees" download>
            {t('accounts.data.download')}
          </a>{' '}
          <a href="/compte/supprimer">{t('accounts.data.erase')}</a>
        </p>
      </section>
    </Layout>
  )
}

export function ErasePage({ state, alone }: { state: FormState; alone: string[] }) {
  const { t } = useView()
  return (
    <Layout title={t('accounts.erase.title')}>
      <h1>{t('accounts.erase.title')}</h1>
      <p>{t('accounts.erase.intro')}</p>
      <p>{t('accounts.erase.kept')}</p>
      <p>
        <a href="/compte/mes-donnees" download>
          {t('accounts.data.download')}
        </a>{' '}
        — {t('accounts.erase.downloadFirst')}
      </p>
      {alone.length > 0 ? (
        <div class="notice notice-warning" role="status">
          <p>{t('accounts.erase.lastAdmin', { organisations: alone.join(', ') })}</p>
        </div>
      ) : (
        <Form action="/compte/supprimer" state={state} submitLabel={t('accounts.erase.submit')}>
          <TextField name="password" label={t('accounts.erase.password')} type="password" required autocomplete="current-password" maxLength={128} />
        </Form>
      )}
    </Layout>
  )
}

