/**
 * The blocks this feature adds to other features' pages: on a territory page, the alliances inside it and a link
 * to the network of organisations they link; on an organisation page, its alliances and its
 * partnerships side by side by type, with the answers its admins owe to proposed partnerships.
 */
import type { PageOf } from '../../../core/db/paging.js'
import { formatDate } from '../../../core/i18n/index.js'
import { parisToday } from '../../../core/time/calendar.js'
import { useView } from '../../../core/views/context.js'
import type { Organisation } from '../../organisations/index.js'
import type { Territory } from '../../territories/index.js'
import { TermLink } from '../../vocabulary/index.js'
import type { PartnershipRow } from '../alliances.queries.js'
import type { AllianceListRow, listAlliancesOfOrganisation } from '../directory.queries.js'
import { AllianceList, PartnershipsSideBySide, PrivateBadge } from './common.js'

export function TerritoryAlliances({ territory, page }: { territory: Territory; page: PageOf<AllianceListRow> }) {
  const { t, user } = useView()
  return (
    <section aria-labelledby="alliances" class="territory-alliances">
      <h2 id="alliances">{t('alliances.territory.title', { count: page.total })}</h2>
      {page.total === 0 ? (
        <p>{t('alliances.territory.none')}</p>
      ) : (
        <>
          <AllianceList rows={page.rows} />
          {page.total > page.rows.length ? (
            <p>
              <a href={`/alliances?territoire=${encodeURIComponent(territory.id)}`}>{t('alliances.territory.all', { count: page.total })}</a>
            </p>
          ) : null}
        </>
      )}
      {page.total > 0 ? (
        <p>
          <a href={`/alliances/territoires/${territory.kind}/${territory.code}/reseau`}>{t('alliances.network.link')}</a>
        </p>
      ) : null}
      {user ? (
        <p>
          <a href="/alliances/nouvelle">{t('alliances.create.title')}</a>
        </p>
      ) : null}
    </section>
  )
}

export type OrganisationAllianceRow = Awaited<ReturnType<typeof listAlliancesOfOrganisation>>[number]

export function OrganisationAlliances({ organisation, alliances, partnerships, isAdmin }: { organisation: Organisation; alliances: OrganisationAllianceRow[]; partnerships: PartnershipRow[]; isAdmin: boolean }) {
  const { t, locale, csrfToken } = useView()
  const proposedToUs = partnerships.filter((p) => p.status === 'proposed' && p.organisation_b_id === organisation.id)
  const shown = partnerships.filter((p) => !(p.status === 'proposed' && p.organisation_b_id === organisation.id))
  return (
    <section aria-labelledby="alliances" class="organisation-alliances">
      <h2 id="alliances">{t('alliances.organisation.title')}</h2>
      {alliances.length === 0 ? (
        <p>{t('alliances.organisation.none')}</p>
      ) : (
        <ul class="alliance-list">
          {alliances.map((a) => (
            <li>
              <a href={`/alliances/${a.id}`} class="alliance-name">
                {a.name}
              </a>{' '}
              {a.visibility === 'partners' ? <PrivateBadge /> : null}
              <span class="alliance-meta">
                <TermLink kind="partner_role" code={a.role} /> · <TermLink kind="alliance_phase" code={a.phase} /> ·{' '}
                {a.status === 'invited'
                  ? t('alliances.organisation.invited')
                  : a.status === 'left'
                    ? t('alliances.partners.period', { from: a.joined_on ? formatDate(locale, a.joined_on) : '…', to: a.left_on ? formatDate(locale, a.left_on) : '…' })
                    : a.joined_on
                      ? t('alliances.partners.sinceDate', { date: formatDate(locale, a.joined_on) })
                      : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('alliances.organisation.partnerships')}</h3>
      {proposedToUs.length > 0 && isAdmin ? (
        <div class="notice notice-info">
          <p>{t('alliances.partnerships.toAnswer', { count: proposedToUs.length })}</p>
          <ul>
            {proposedToUs.map((p) => (
              <li>
                {t('alliances.partnerships.proposal', { organisation: p.organisation_a_name })} (<TermLink kind="partnership_type" code={p.partnership_type} />)
                {p.alliance_name ? <> — {p.alliance_name}</> : null}{' '}
                <form method="post" action={`/partenariats/${p.id}/confirmer`} class="inline-form">
                  <input type="hidden" name="_csrf" value={csrfToken()} />
                  <button type="submit" class="button button-small">
                    {t('alliances.partnerships.confirm', { organisation: p.organisation_a_name })}
                  </button>
                </form>{' '}
                <form method="post" action={`/partenariats/${p.id}/refuser`} class="inline-form">
                  <input type="hidden" name="_csrf" value={csrfToken()} />
                  <button type="submit" class="button button-small button-secondary">
                    {t('alliances.partnerships.decline', { organisation: p.organisation_a_name })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p class="hint">{t('alliances.partnerships.sideBySide')}</p>
      <PartnershipsSideBySide
        rows={shown}
        level={4}
        perspective={organisation.id}
        actions={
          isAdmin
            ? (p) =>
                p.status === 'confirmed' && p.ended_on === null ? (
                  <form method="post" action={`/partenariats/${p.id}/terminer`} class="end-form">
                    <input type="hidden" name="_csrf" value={csrfToken()} />
                    <label for={`fin-${p.id}`}>{t('alliances.partnerships.endOn')}</label>{' '}
                    <input type="date" id={`fin-${p.id}`} name="ended_on" value={parisToday()} />{' '}
                    <button type="submit" class="link-button">
                      {t('alliances.partnerships.end', { organisation: p.organisation_a_id === organisation.id ? p.organisation_b_name : p.organisation_a_name })}
                    </button>
                  </form>
                ) : null
            : undefined
        }
      />
      {isAdmin ? (
        <p>
          <a class="button button-secondary" href={`/partenariats/nouveau?de=${organisation.id}`}>
            {t('alliances.partnerships.declare')}
          </a>{' '}
          <a class="button button-secondary" href="/alliances/nouvelle">
            {t('alliances.create.title')}
          </a>
        </p>
      ) : null}
    </section>
  )
}
