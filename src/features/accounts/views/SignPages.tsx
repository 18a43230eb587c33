/**
 * Pages of getting in: sign-up, "check your inbox", confirming an address, sign-in and its second step, the
 * forgotten-password request and the new-password form. They say nothing about which addresses have an
 * account.
 */
import type { MessageKey } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Form, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { PASSWORD_MIN } from '../passwords.js'

export function SignUpPage({ state, retour }: { state: FormState; retour: string }) {
  const { t } = useView()
  return (
    <Layout title={t('accounts.signUp.title')}>
      <h1>{t('accounts.signUp.title')}</h1>
      <p class="lead">{t('accounts.signUp.intro')}</p>
      <Form action="/inscription" state={state} submitLabel={t('accounts.signUp.submit')}>
        <input type="hidden" name="retour" value={retour} />
        <TextField name="display_name" label={t('accounts.field.displayName')} hint={t('accounts.field.displayNameHint')} required autocomplete="name" maxLength={100} />
        <TextField name="email" label={t('accounts.field.email')} hint={t('accounts.field.emailHint')} type="email" required autocomplete="email" maxLength={254} spellcheck={false} />
        <TextField name="password" label={t('accounts.field.password')} hint={t('accounts.field.passwordHint', { min: PASSWORD_MIN })} type="password" required autocomplete="new-password" maxLength={128} />
      </Form>
      <p>
        {t('accounts.signUp.already')} <a href={`/connexion?retour=${encodeURIComponent(retour)}`}>{t('layout.signIn')}</a>
      </p>
      <p class="muted">{t('accounts.privacy')}</p>
    </Layout>
  )
}

/** The one answer of a sign-up, whatever the address. */
export function CheckInboxPage({ kind }: { kind: 'sign-up' | 'reset' | 'unverified' }) {
  const { t } = useView()
  return (
    <Layout title={t(`accounts.inbox.${kind}.title`)}>
      <h1>{t(`accounts.inbox.${kind}.title`)}</h1>
      <p class="lead">{t(`accounts.inbox.${kind}.text`)}</p>
      <p>{t('accounts.inbox.spam')}</p>
      <p>
        <a href="/connexion">{t('layout.signIn')}</a>
      </p>
    </Layout>
  )
}

/** The page of a link: a button, so that a mail scanner following links does not use the token up. */
export function ConfirmLinkPage({ action, titleKey, textKey, submitKey, state }: { action: string; titleKey: MessageKey; textKey: MessageKey; submitKey: MessageKey; state?: FormState }) {
  const { t } = useView()
  return (
    <Layout title={t(titleKey)}>
      <h1>{t(titleKey)}</h1>
      <p class="lead">{t(textKey)}</p>
      <Form action={action} state={state} submitLabel={t(submitKey)}>
        {null}
      </Form>
    </Layout>
  )
}

export function SignInPage({ state, retour }: { state: FormState; retour: string }) {
  const { t } = useView()
  return (
    <Layout title={t('accounts.signIn.title')}>
      <h1>{t('accounts.signIn.title')}</h1>
      <Form action="/connexion" state={state} submitLabel={t('accounts.signIn.submit')}>
        <input type="hidden" name="retour" value={retour} />
        <TextField name="email" label={t('accounts.field.email')} type="email" required autocomplete="username" maxLength={254} spellcheck={false} />
        <TextField name="password" label={t('accounts.field.password')} type="password" required autocomplete="current-password" maxLength={128} />
      </Form>
      <p>
        <a href="/mot-de-passe-oublie">{t('accounts.forgot.link')}</a>
      </p>
      <p>
        {t('accounts.signIn.noAccount')} <a href={`/inscription?retour=${encodeURIComponent(retour)}`}>{t('layout.signUp')}</a>
      </p>
    </Layout>
  )
}

export function SecondFactorPage({ state }: { state: FormState }) {
  const { t } = useView()
  return (
    <Layout title={t('accounts.secondFactor.title')}>
      <h1>{t('accounts.secondFactor.title')}</h1>
      <p class="lead">{t('accounts.secondFactor.intro')}</p>
      <Form action="/connexion/code" state={state} submitLabel={t('accounts.secondFactor.submit')}>
        <TextField name="code" label={t('accounts.secondFactor.code')} hint={t('accounts.secondFactor.hint')} required autocomplete="one-time-code" inputMode="text" maxLength={20} spellcheck={false} />
      </Form>
    </Layout>
  )
}

export function ForgotPage({ state }: { state: FormState }) {
  const { t } = useView()
  return (
    <Layout title={t('accounts.forgot.title')}>
      <h1>{t('accounts.forgot.title')}</h1>
      <p class="lead">{t('accounts.forgot.intro')}</p>
      <Form action="/mot-de-passe-oublie" state={state} submitLabel={t('accounts.forgot.submit')}>
        <TextField name="email" label={t('accounts.field.email')} type="email" required autocomplete="email" maxLength={254} spellcheck={false} />
      </Form>
    </Layout>
  )
}

export function ResetPage({ state, action }: { state: FormState; action: string }) {
  const { t } = useView()
  return (
    <Layout title={t('accounts.reset.title')}>
      <h1>{t('accounts.reset.title')}</h1>
      <p class="lead">{t('accounts.reset.intro')}</p>
      <Form action={action} state={state} submitLabel={t('accounts.reset.submit')}>
        <TextField name="password" label={t('accounts.field.newPassword')} hint={t('accounts.field.passwordHint', { min: PASSWORD_MIN })} type="password" required autocomplete="new-password" maxLength={128} />
      </Form>
    </Layout>
  )
}
