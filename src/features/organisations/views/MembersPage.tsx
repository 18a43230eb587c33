/**
 * The members page of an organisation (its members only): the people who act for it with their role; for
 * admins, the actions on each member, the invitation form (with the link of the invitation just made, shown
 * once) and the pending invitations.
 */
import type { MembershipRole } from '../../../core/access/actor.js'
import { formatDate } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import type { InvitationRow, MemberRow, OrganisationDetails } from '../organisations.queries.js'
import { INVITATION_DAYS } from '../organisations.service.js'

/** The label of each role. */
export const ROLE_LABELS = { admin: 'organisations.role.admin', member: 'organisations.role.member' } as const satisfies Record<MembershipRole, string>

/** The members page. */
export function MembersPage({ details, members, invitations, isAdmin, state, lastLink }: { details: OrganisationDetails; members: MemberRow[]; invitations: InvitationRow[]; isAdmin: boolean; state: FormState; lastLink: string | null }) {
  const { t, locale, csrfToken, user } = useView()
  const o = details.organisation
  return (
    <Layout
      title={t('organisations.members.title', { name: o.name })}
      breadcrumb={[
        { label: t('organisations.directory.title'), href: '/acteurs' },
        { label: o.name, href: `/acteurs/${o.id}` },
        { label: t('organisations.members.link') },
      ]}
    >
      <h1>{t('organisations.members.title', { name: o.name })}</h1>
      <p class="lead">{t('organisations.members.intro')}</p>
      {lastLink ? (
        <div class="notice notice-success" role="status">
          <p>{t('organisations.invitation.created', { days: INVITATION_DAYS })}</p>
          <p>
            <code class="invitation-link">{lastLink}</code>
          </p>
        </div>
      ) : null}
      <DataTable
        caption={t('organisations.members.table', { count: members.length })}
        rows={members}
        columns={[
          { header: t('organisations.members.name'), cell: (m) => m.display_name },
          { header: t('organisations.members.email'), cell: (m) => m.email },
          { header: t('organisations.members.role'), cell: (m) => t(ROLE_LABELS[m.role]) },
          { header: t('organisations.members.since'), cell: (m) => formatDate(locale, m.created_at) },
          ...(isAdmin
            ? [
                {
                  header: t('organisations.members.actions'),
                  cell: (m: MemberRow) => (
                    <div class="row-actions">
                      <form method="post" action={`/acteurs/${o.id}/membres/${m.user_id}/role`} class="inline-form">
                        <input type="hidden" name="_csrf" value={csrfToken()} />
                        <input type="hidden" name="role" value={m.role === 'admin' ? 'member' : 'admin'} />
                        <button type="submit" class="link-button">
                          {m.role === 'admin' ? t('organisations.members.makeMember', { name: m.display_name }) : t('organisations.members.makeAdmin', { name: m.display_name })}
                        </button>
                      </form>
                      {m.user_id !== user?.id ? (
                        <form method="post" action={`/acteurs/${o.id}/membres/${m.user_id}/retirer`} class="inline-form">
                          <input type="hidden" name="_csrf" value={csrfToken()} />
                          <button type="submit" class="link-button danger">
                            {t('organisations.members.remove', { name: m.display_name })}
                          </button>
                        </form>
                      ) : null}
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
      {isAdmin ? (
        <>
          <h2>{t('organisations.invitation.title')}</h2>
          <Form action={`/acteurs/${o.id}/invitations`} state={state} submitLabel={t('organisations.invitation.submit')}>
            <TextField name="email" label={t('organisations.invitation.email')} type="email" required autocomplete="off" maxLength={254} />
            <SelectField
              name="role"
              label={t('organisations.members.role')}
              required
              options={[
                { value: 'member', label: t('organisations.role.member') },
                { value: 'admin', label: t('organisations.role.admin') },
              ]}
            />
          </Form>
          {invitations.length > 0 ? (
            <DataTable
              caption={t('organisations.invitation.pending', { count: invitations.length })}
              rows={invitations}
              columns={[
                { header: t('organisations.members.email'), cell: (i) => i.email },
                { header: t('organisations.members.role'), cell: (i) => t(ROLE_LABELS[i.role]) },
                { header: t('organisations.invitation.expires'), cell: (i) => formatDate(locale, i.expires_at) },
                {
                  header: t('organisations.members.actions'),
                  cell: (i) => (
                    <form method="post" action={`/acteurs/${o.id}/invitations/${i.id}/retirer`} class="inline-form">
                      <input type="hidden" name="_csrf" value={csrfToken()} />
                      <button type="submit" class="link-button danger">
                        {t('organisations.invitation.revoke', { email: i.email })}
                      </button>
                    </form>
                  ),
                },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </Layout>
  )
}

