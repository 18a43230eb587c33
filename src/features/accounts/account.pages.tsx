/**
 * The account page (`/compte`): profile, password, organisations and invitations, security summary, download
 * of one's data and erasure of the account. Only the erasure may change a public page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireUser } from '../../core/access/actor.js'
import { nowIso } from '../../core/db/values.js'
import { AppError } from '../../core/errors.js'
import { formValuesOf, parseForm, withFieldErrors } from '../../core/http/forms.js'
import type { PersonalDataSource } from '../../core/personal-data.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import type { Database } from '../../database.js'
import { listInvitationsForEmail, listMembershipsOfUser, organisationsOnlyAdministeredBy } from '../organisations/index.js'
import { accountPersonalData, erasePersonalData, exportPersonalData } from './accounts.personal-data.js'
import { EraseForm, PasswordForm, ProfileForm } from './accounts.schemas.js'
import { changePassword, findUser, updateProfile } from './accounts.service.js'
import { requestContext, startSession } from './accounts.pages.js'
import { AccountPage, ErasePage } from './views/AccountPages.js'

export interface AccountRoutesOptions {
  rateLimit: boolean
  /** what each feature keeps about a person, for the export and the erasure of an account (with the account's own) */
  personalData: PersonalDataSource<Database>[]
}

export async function accountRoutes(app: FastifyInstance, options: AccountRoutesOptions): Promise<void> {
  const limited = (max: number, minutes: number): { invalidates: string[]; rateLimit?: { max: number; timeWindow: number } } =>
    options.rateLimit ? { invalidates: [], rateLimit: { max, timeWindow: minutes * 60_000 } } : { invalidates: [] }

  async function accountView(request: FastifyRequest, reply: FastifyReply, forms: { profile?: FormState; password?: FormState }, status = 200) {
    const actor = requireUser(request.actor)
    const user = await findUser(app.db, actor.userId)
    if (!user) throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
    const [organisations, invitations] = await Promise.all([listMembershipsOfUser(app.db, actor.userId), listInvitationsForEmail(app.db, user.email, nowIso())])
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
    if (!parsed.ok) return accountView(request, reply, { profile: { values: formValuesOf(request.body), errors: parsed.errors } }, 400)
    await updateProfile(app.db, actor.userId, { displayName: parsed.value.display_name, locale: parsed.value.locale })
    reply.setCookie('lang', parsed.value.locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true })
    reply.setFlash({ kind: 'success', message: 'accounts.account.saved' })
    return reply.redirect('/compte', 303)
  })

  app.post('/compte/mot-de-passe', { config: limited(10, 15) }, async (request, reply) => {
    const actor = requireUser(request.actor)
    const parsed = parseForm(PasswordForm, request.body)
    if (!parsed.ok) return accountView(request, reply, { password: { values: {}, errors: parsed.errors } }, 400)
    const done = await withFieldErrors(() => changePassword(app.db, actor.userId, parsed.value.current_password, parsed.value.new_password, requestContext(request)))
    if (!done.ok) return accountView(request, reply, { password: { values: {}, errors: done.errors } }, done.status)
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

  // Erasing an account may change public pages (its memberships go): the default invalidation applies.
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
