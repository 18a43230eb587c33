/**
 * Sign-up, sign-in, sign-out and the account page (profile, password, my organisations, my invitations).
 * Authentication forms are rate-limited per address; a successful sign-in or sign-up issues a new session id.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireUser } from '../../core/access/actor.js'
import { nowIso } from '../../core/db/values.js'
import { AppError, type FieldProblem } from '../../core/errors.js'
import { parseForm, withFieldErrors } from '../../core/http/forms.js'
import { safeReturnPath } from '../../core/http/plugin.js'
import { formatDate } from '../../core/i18n/index.js'
import { useView } from '../../core/views/context.js'
import { emptyForm, Form, SelectField, TextField, type FormState, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'
import { listInvitationsForEmail, listMembershipsOfUser, organisationsOnlyAdministeredBy } from '../organisations/index.js'
import { TermLink } from '../vocabulary/index.js'
import { accountPersonalData, erasePersonalData, exportPersonalData } from './accounts.personal-data.js'
import { EraseForm, PasswordForm, ProfileForm, SignInForm, SignUpForm } from './accounts.schemas.js'
import { authenticate, changePassword, findUser, signUp, updateProfile } from './accounts.service.js'
import { PASSWORD_MIN } from './passwords.js'

function values(body: unknown, keep: string[]): FormValues {
  const out: FormValues = {}
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  for (const key of keep) if (typeof source[key] === 'string') out[key] = source[key] as string
  return out
}

function SignUpPage({ state, retour }: { state: FormState; retour: string }) {
  const { t } = useView()
  return (
    <Layout title={t('accounts.signUp.title')}>
      <h1>{t('accounts.signUp.title')}</h1>
      <p class="lead">{t('accounts.signUp.intro')}</p>
      <Form action="/inscription" state={state} submitLabel={t('accounts.signUp.submit')}>
        <input type="hidden" name="retour" value={retour} />
        <TextField name="display_name" label={t('accounts.field.displayName')} hint={t('accounts.field.displayNameHint')} required autocomplete="name" maxLength={100} />
        <TextField name="email" label={t('accounts.field.email')} type="email" required autocomplete="email" maxLength={254} spellcheck={false} />
        <TextField name="password" label={t('accounts.field.password')} hint={t('accounts.field.passwordHint', { min: PASSWORD_MIN })} type="password" required autocomplete="new-password" maxLength={128} />
      </Form>
      <p>
        {t('accounts.signUp.already')} <a href={`/connexion?retour=${encodeURIComponent(retour)}`}>{t('layout.signIn')}</a>
      </p>
      <p class="muted">{t('accounts.privacy')}</p>
    </Layout>
  )
}

function SignInPage({ state, retour }: { state: FormState; retour: string }) {
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
        {t('accounts.signIn.noAccount')} <a href={`/inscription?retour=${encodeURIComponent(retour)}`}>{t('layout.signUp')}</a>
      </p>
    </Layout>
  )
}

interface AccountPageProps {
  user: { email: string; display_name: string; locale: string; created_at: string; is_platform_admin: number }
  organisations: Array<{ id: string; name: string; world: string; role: string }>
  invitations: Array<{ id: string; role: string; organisation_name: string; organisation_id: string }>
  profile: FormState
  password: FormState
}

function AccountPage({ user, organisations, invitations, profile, password }: AccountPageProps) {
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
              <a href={`/acteurs/${o.id}`}>{o.name}</a> — <TermLink kind="world" code={o.world} /> · {t(`organisations.role.${o.role}`)}
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
                {i.organisation_name} — {t(`organisations.role.${i.role}`)}
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

async function startSession(request: FastifyRequest, userId: string): Promise<void> {
  await request.session.regenerate()
  request.session.userId = userId
  request.session.signedInAt = nowIso()
}

function ErasePage({ state, alone }: { state: FormState; alone: string[] }) {
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

export interface AccountPagesOptions {
  rateLimit: boolean
  /** what each feature keeps about a person, for the export and the erasure of an account (with the account's own) */
  personalData: PersonalDataSource<Database>[]
}

export async function accountPages(app: FastifyInstance, options: AccountPagesOptions): Promise<void> {
  // Account writes change no public page: the anonymous page cache is kept (`invalidates: []`).
  const limited = (max: number, minutes: number): { invalidates: string[]; rateLimit?: { max: number; timeWindow: number } } =>
    options.rateLimit ? { invalidates: [], rateLimit: { max, timeWindow: minutes * 60_000 } } : { invalidates: [] }

  app.get('/inscription', { config: { public: true } }, async (request, reply) => {
    const retour = safeReturnPath((request.query as { retour?: string }).retour, '/compte')
    if (request.actor.userId) return reply.redirect(retour, 303)
    return reply.page(<SignUpPage state={emptyForm} retour={retour} />)
  })

  app.post('/inscription', { config: { public: true, ...limited(10, 60) } }, async (request, reply) => {
    const state = (errors: FieldProblem[]) => ({ values: values(request.body, ['display_name', 'email']), errors })
    const retour = safeReturnPath((request.body as { retour?: string } | undefined)?.retour, '/compte')
    const parsed = parseForm(SignUpForm, request.body)
    if (!parsed.ok) return reply.page(<SignUpPage state={state(parsed.errors)} retour={retour} />, 400)
    try {
      const userId = await signUp(app.db, { email: parsed.value.email, password: parsed.value.password, displayName: parsed.value.display_name, locale: request.locale })
      await startSession(request, userId)
      reply.setFlash({ kind: 'success', message: 'accounts.signUp.done', params: { name: parsed.value.display_name } })
      return reply.redirect(retour, 303)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return reply.page(<SignUpPage state={state(error.fields)} retour={retour} />, error.status)
      throw error
    }
  })

  app.get('/connexion', { config: { public: true } }, async (request, reply) => {
    const retour = safeReturnPath((request.query as { retour?: string }).retour, '/compte')
    if (request.actor.userId) return reply.redirect(retour, 303)
    return reply.page(<SignInPage state={emptyForm} retour={retour} />)
  })

  app.post('/connexion', { config: { public: true, ...limited(20, 15) } }, async (request, reply) => {
    const retour = safeReturnPath((request.body as { retour?: string } | undefined)?.retour, '/compte')
    const kept = values(request.body, ['email'])
    const parsed = parseForm(SignInForm, request.body)
    if (!parsed.ok) return reply.page(<SignInPage state={{ values: kept, errors: parsed.errors }} retour={retour} />, 400)
    const userId = await authenticate(app.db, parsed.value.email, parsed.value.password)
    if (!userId) {
      request.log.info({ event: 'sign-in-failed' }, 'authentication failed')
      return reply.page(<SignInPage state={{ values: kept, errors: [{ field: 'email', message: 'accounts.error.credentials' }] }} retour={retour} />, 401)
    }
    await startSession(request, userId)
    request.log.info({ event: 'sign-in', userId }, 'authentication succeeded')
    return reply.redirect(retour, 303)
  })

  app.post('/deconnexion', { config: { public: true, invalidates: [] } }, async (request, reply) => {
    await request.session.destroy()
    reply.clearCookie('alliance_session', { path: '/' })
    reply.setFlash({ kind: 'info', message: 'accounts.signedOut' })
    return reply.redirect('/', 303)
  })

  async function accountView(request: FastifyRequest, reply: FastifyReply, forms: { profile?: FormState; password?: FormState }, status = 200) {
    const actor = requireUser(request.actor)
    const user = await findUser(app.db, actor.userId)
    if (!user) throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
    const [organisations, invitations] = await Promise.all([
      listMembershipsOfUser(app.db, actor.userId),
      listInvitationsForEmail(app.db, user.email, nowIso()),
    ])
    return reply.page(
      <AccountPage
        user={user}
        organisations={organisations}
        invitations={invitations}
        profile={forms.profile ?? { values: { display_name: user.display_name, locale: user.locale }, errors: [] }}
        password={forms.password ?? emptyForm}
      />,
      status,
    )
  }

  app.get('/compte', async (request, reply) => accountView(request, reply, {}))

  app.post('/compte', { config: { invalidates: [] } }, async (request, reply) => {
    const actor = requireUser(request.actor)
    const parsed = parseForm(ProfileForm, request.body)
    if (!parsed.ok) return accountView(request, reply, { profile: { values: values(request.body, ['display_name', 'locale']), errors: parsed.errors } }, 400)
    await updateProfile(app.db, actor.userId, { displayName: parsed.value.display_name, locale: parsed.value.locale })
    reply.setCookie('lang', parsed.value.locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true })
    reply.setFlash({ kind: 'success', message: 'accounts.account.saved' })
    return reply.redirect('/compte', 303)
  })

  app.post('/compte/mot-de-passe', { config: limited(10, 15) }, async (request, reply) => {
    const actor = requireUser(request.actor)
    const parsed = parseForm(PasswordForm, request.body)
    if (!parsed.ok) return accountView(request, reply, { password: { values: {}, errors: parsed.errors } }, 400)
    try {
      await changePassword(app.db, actor.userId, parsed.value.current_password, parsed.value.new_password)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return accountView(request, reply, { password: { values: {}, errors: error.fields } }, error.status)
      throw error
    }
    // Every session was revoked: start a fresh one for this browser.
    await startSession(request, actor.userId)
    reply.setFlash({ kind: 'success', message: 'accounts.account.passwordChanged' })
    return reply.redirect('/compte', 303)
  })

  const personalData = [...accountPersonalData, ...options.personalData]

  app.get('/compte/mes-donnees', async (request, reply) => {
    const actor = requireUser(request.actor)
    const data = await exportPersonalData(app.db, personalData, actor.userId)
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="alliance-mes-donnees-${nowIso().slice(0, 10)}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2))
  })

  const eraseView = async (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) => {
    const actor = requireUser(request.actor)
    const alone = await organisationsOnlyAdministeredBy(app.db, actor.userId)
    return reply.page(<ErasePage state={state} alone={alone.map((o) => o.name)} />, status)
  }

  app.get('/compte/supprimer', async (request, reply) => eraseView(request, reply, emptyForm))

  app.post('/compte/supprimer', { config: options.rateLimit ? { rateLimit: { max: 10, timeWindow: 15 * 60_000 } } : {} }, async (request, reply) => {
    const actor = requireUser(request.actor)
    const parsed = parseForm(EraseForm, request.body)
    if (!parsed.ok) return eraseView(request, reply, { values: {}, errors: parsed.errors }, 400)
    const erased = await withFieldErrors(() => erasePersonalData(app.db, personalData, actor.userId, parsed.value.password))
    if (!erased.ok) return eraseView(request, reply, { values: {}, errors: erased.errors }, erased.status)
    await request.session.destroy()
    reply.clearCookie('alliance_session', { path: '/' })
    reply.setFlash({ kind: 'success', message: 'accounts.erase.done' })
    return reply.redirect('/', 303)
  })
}
