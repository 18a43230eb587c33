/** Inviting an organisation into an alliance: search the directory of actors, then invite one with a role. */
import type { FieldProblem } from '../../../core/errors.js'
import { useView } from '../../../core/views/context.js'
import { ErrorSummary } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import type { listOrganisations } from '../../organisations/index.js'
import { TermLink, termLabel } from '../../vocabulary/index.js'
import type { Alliance, PartnerRow } from '../alliances.queries.js'
import { ROLE_CODES } from '../alliances.schemas.js'

export type SearchResult = Awaited<ReturnType<typeof listOrganisations>>['rows'][number]

export function InvitePage({ alliance, q, results, partners, errors }: { alliance: Alliance; q: string; results: SearchResult[]; partners: PartnerRow[]; errors: FieldProblem[] }) {
  const { t, locale, csrfToken } = useView()
  const title = t('alliances.invite.title', { name: alliance.name })
  const statusOf = (organisationId: string) => partners.find((p) => p.organisation_id === organisationId)?.status
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.invite.link') }]}>
      <h1>{title}</h1>
      <p class="lead">{t('alliances.invite.intro')}</p>
      <ErrorSummary errors={errors} />
      <form method="get" action={`/alliances/${alliance.id}/partenaires/inviter`} role="search" class="search-form">
        <label for="recherche-organisation">{t('alliances.invite.search')}</label>
        <p class="hint" id="recherche-organisation-hint">
          {t('alliances.invite.searchHint')}
        </p>
        <div class="search-row">
          <input id="recherche-organisation" name="q" type="search" value={q} maxLength={100} aria-describedby="recherche-organisation-hint" />
          <button type="submit" class="button">
            {t('search.submit')}
          </button>
        </div>
      </form>
      {q !== '' ? (
        <section aria-labelledby="resultats" id="champ-organisation_id" tabIndex={-1}>
          <h2 id="resultats">{t('alliances.invite.results', { count: results.length })}</h2>
          {results.length === 0 ? <p>{t('alliances.invite.none')}</p> : null}
          <ul class="actor-list">
            {results.map((o) => {
              const status = statusOf(o.id)
              return (
                <li>
                  <a href={`/acteurs/${o.id}`} class="actor-name">
                    {o.name}
                  </a>
                  <span class="actor-meta">
                    <TermLink kind="world" code={o.world} /> · {t('organisations.seatIn', { commune: o.seat_name })}
                  </span>
                  {status === 'active' || status === 'invited' ? (
                    <p class="muted">{t(`alliances.invite.status.${status}`)}</p>
                  ) : (
                    <form method="post" action={`/alliances/${alliance.id}/partenaires`} class="invite-form">
                      <input type="hidden" name="_csrf" value={csrfToken()} />
                      <input type="hidden" name="organisation_id" value={o.id} />
                      <input type="hidden" name="q" value={q} />
                      <label for={`role-${o.id}`}>{t('alliances.invite.roleOf', { organisation: o.name })}</label>{' '}
                      <select id={`role-${o.id}`} name="role">
                        {ROLE_CODES.map((code) => (
                          <option value={code} selected={code === 'partenaire'}>
                            {termLabel('partner_role', code, locale)}
                          </option>
                        ))}
                      </select>{' '}
                      <button type="submit" class="button button-small">
                        {t('alliances.invite.submit', { organisation: o.name })}
                      </button>
                    </form>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      ) : null}
    </Layout>
  )
}
