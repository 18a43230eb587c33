/**
 * The identifier review of platform admins (`/admin/identifiants`): claims under review (grant or refuse) and
 * declared identifiers to verify.
 */
import { formatDate } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import type { openClaims, unverifiedOrganisations } from '../identifier-review.queries.js'

const FIELD_LABELS: Record<string, string> = { siret: 'SIRET', rna: 'RNA' }

/** The review page. */
export function IdentifierReviewPage({ claims, unverified }: { claims: Awaited<ReturnType<typeof openClaims>>; unverified: Awaited<ReturnType<typeof unverifiedOrganisations>> }) {
  const { t, locale, csrfToken } = useView()
  const button = (action: string, label: string, aria: string, secondary = false) => (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={csrfToken()} />
      <button type="submit" class={secondary ? 'button button-small button-secondary' : 'button button-small'} aria-label={aria}>
        {label}
      </button>
    </form>
  )
  return (
    <Layout title={t('organisations.review.title')} breadcrumb={[{ label: t('organisations.review.console'), href: '/admin/taches' }, { label: t('organisations.review.title') }]}>
      <h1>{t('organisations.review.title')}</h1>
      <p class="lead">{t('organisations.review.intro')}</p>
      <h2>{t('organisations.review.claims')}</h2>
      {claims.length === 0 ? (
        <p>{t('organisations.review.claims.none')}</p>
      ) : (
        <DataTable
          caption={t('organisations.review.claims')}
          captionHidden
          rows={claims}
          columns={[
            { header: t('organisations.review.identifier'), cell: (c) => `${FIELD_LABELS[c.field] ?? c.field} ${c.value}` },
            { header: t('organisations.review.claimant'), cell: (c) => <a href={`/acteurs/${c.claimant_id}`}>{c.claimant_name}</a> },
            { header: t('organisations.review.holder'), cell: (c) => (c.holder_id ? <a href={`/acteurs/${c.holder_id}`}>{c.holder_name}</a> : '—') },
            { header: t('organisations.review.date'), cell: (c) => formatDate(locale, c.created_at) },
            {
              header: t('organisations.review.action'),
              cell: (c) => (
                <>
                  {button(`/admin/identifiants/revendications/${c.id}/accorder`, t('organisations.review.grant'), t('organisations.review.grantLabel', { value: c.value, name: c.claimant_name }))}{' '}
                  {button(`/admin/identifiants/revendications/${c.id}/refuser`, t('organisations.review.refuse'), t('organisations.review.refuseLabel', { value: c.value, name: c.claimant_name }), true)}
                </>
              ),
            },
          ]}
        />
      )}
      <h2>{t('organisations.review.unverified')}</h2>
      {unverified.length === 0 ? (
        <p>{t('organisations.review.unverified.none')}</p>
      ) : (
        <DataTable
          caption={t('organisations.review.unverified')}
          captionHidden
          rows={unverified}
          columns={[
            { header: t('organisations.review.organisation'), cell: (o) => <a href={`/acteurs/${o.id}`}>{o.name}</a> },
            { header: t('organisations.review.identifier'), cell: (o) => [o.siret ? `SIRET ${o.siret}` : '', o.rna ? `RNA ${o.rna}` : ''].filter(Boolean).join(' · ') },
            { header: t('organisations.review.action'), cell: (o) => button(`/admin/identifiants/${o.id}/verifier`, t('organisations.review.verify'), t('organisations.review.verifyLabel', { name: o.name })) },
          ]}
        />
      )}
    </Layout>
  )
}
