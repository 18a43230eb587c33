/** The page of an invitation link: join the organisation (signed in as the invited address), or sign in first. */
import type { MembershipRole } from '../../../core/access/actor.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { ROLE_LABELS } from './MembersPage.js'

/** The invitation page; an unknown, used, revoked or expired invitation says so. */
export function InvitationPage({ invitation, token, valid, signedIn }: { invitation: { organisation_id: string; organisation_name: string; email: string; role: MembershipRole } | undefined; token: string; valid: boolean; signedIn: boolean }) {
  const { t, csrfToken } = useView()
  if (!invitation || !valid) {
    return (
      <Layout title={t('organisations.invitation.pageTitle')}>
        <h1>{t('organisations.invitation.pageTitle')}</h1>
        <p>{t('organisations.invitation.invalid')}</p>
      </Layout>
    )
  }
  return (
    <Layout title={t('organisations.invitation.pageTitle')}>
      <h1>{t('organisations.invitation.join', { name: invitation.organisation_name })}</h1>
      <p>{t('organisations.invitation.forEmail', { email: invitation.email, role: t(ROLE_LABELS[invitation.role]) })}</p>
      {signedIn ? (
        <form method="post" action={`/invitations/${token}`}>
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <button type="submit" class="button">
            {t('organisations.invitation.accept')}
          </button>
        </form>
      ) : (
        <p>
          <a class="button" href={`/connexion?retour=${encodeURIComponent(`/invitations/${token}`)}`}>
            {t('layout.signIn')}
          </a>{' '}
          <a href={`/inscription?retour=${encodeURIComponent(`/invitations/${token}`)}`}>{t('organisations.invitation.signUpFirst')}</a>
        </p>
      )}
    </Layout>
  )
}

