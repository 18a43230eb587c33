/**
 * The partners of an alliance: the active ones with their role, what they bring and expect (the table), the
 * diversity of their worlds, the invitations still open and the former partners. The alliance page shows the
 * first few of each list and links here; this page shows every partner, the active ones page by page (an
 * alliance may gather hundreds of organisations).
 */
import { pageOf, pageWindow } from '../../../core/db/paging.js'
import type { FieldProblem } from '../../../core/errors.js'
import { formatDate } from '../../../core/i18n/index.js'
import { DataTable, Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { TermLink, TermList } from '../../vocabulary/index.js'
import type { allianceCan } from '../alliances.policy.js'
import type { Alliance, PartnerLists, PartnerRow } from '../alliances.queries.js'
import { worldDiversity } from '../diversity.js'
import { DiversityBox, IgnoredFilters } from './common.js'

export interface PartnersData {
  /** the partners shown and how many there are (`partnerLists`) */
  lists: PartnerLists
  can: ReturnType<typeof allianceCan>
}

/**
 * What a list shows: on the alliance page, the first `overview` partners of each list and a link to this page
 * (saying how many partners it holds when one list is longer); here, one page of active partners and every invitation and former partner.
 */
type Shown = { overview: number } | { page: number; perPage: number }

/** The window of `partnerLists` that `shown` needs. */
export function partnersShown(shown: Shown): { offset: number; limit: number; others: number | null } {
  if ('overview' in shown) return { offset: 0, limit: shown.overview, others: shown.overview }
  const { offset, limit } = pageWindow(shown.page, shown.perPage)
  return { offset, limit, others: null }
}

export function PartnersSection({ id, data, shown }: { id: string; data: PartnersData; shown: Shown }) {
  const { t, locale } = useView()
  const { counts, active: rows, invited, former } = data.lists
  const truncated = 'overview' in shown && [counts.active, counts.invited, counts.left].some((n) => n > shown.overview)
  const ownAdmin = new Set(data.can.adminOf.map((p) => p.id))
  const objectives = (codes: string[], text: string) => (
    <>
      {codes.length > 0 ? <TermList kind="partnership_objective" codes={codes} /> : null}
      {text ? <p class="statement">{text}</p> : null}
      {codes.length === 0 && !text ? <span class="muted">{t('alliances.partners.notStated')}</span> : null}
    </>
  )
  return (
    <section aria-labelledby="partenaires">
      <h2 id="partenaires">{t('alliances.partners.title', { count: counts.active })}</h2>
      <DiversityBox diversity={worldDiversity(data.lists.worlds)} />
      {rows.length === 0 && counts.active > 0 ? (
        <p>{t('alliances.partners.pastLastPage')}</p>
      ) : (
        <DataTable
          caption={t('alliances.partners.table')}
          rows={rows}
          columns={[
            {
              header: t('alliances.partner'),
              cell: (p) => (
                <>
                  <a href={`/acteurs/${p.organisation_id}`}>{p.organisation_name}</a>
                  <span class="alliance-meta">
                    <TermLink kind="world" code={p.world} />
                  </span>
                </>
              ),
            },
            {
              header: t('alliances.partners.role'),
              cell: (p) => (
                <>
                  <TermLink kind="partner_role" code={p.role} />
                  {data.can.coordinate ? (
                    <>
                      {' · '}
                      <a href={`/alliances/${id}/partenaires/${p.id}/role`}>
                        {t('alliances.partners.changeRoleLink')}
                        <span class="visually-hidden"> — {p.organisation_name}</span>
                      </a>
                    </>
                  ) : null}
                </>
              ),
            },
            { header: t('alliances.partners.since'), cell: (p) => (p.joined_on ? formatDate(locale, p.joined_on) : '') },
            { header: t('alliances.partners.brings'), cell: (p) => objectives(p.brings_objectives, p.brings) },
            { header: t('alliances.partners.expects'), cell: (p) => objectives(p.expects_objectives, p.expects) },
            ...(ownAdmin.size > 0
              ? [
                  {
                    header: t('alliances.partners.actions'),
                    cell: (p: PartnerRow) =>
                      ownAdmin.has(p.id) ? <a href={`/alliances/${id}/partenaires/${p.id}/apports`}>{t('alliances.partners.statementLink', { organisation: p.organisation_name })}</a> : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      {'page' in shown ? <Pagination page={shown.page} pageCount={pageOf(rows, counts.active, shown.page, shown.perPage).pageCount} href={`/alliances/${id}/partenaires`} /> : null}
      {counts.invited > 0 ? (
        <>
          <h3>{t('alliances.partners.invited', { count: counts.invited })}</h3>
          <ul>
            {invited.map((p) => (
              <li>
                <a href={`/acteurs/${p.organisation_id}`}>{p.organisation_name}</a> — <TermLink kind="partner_role" code={p.role} />,{' '}
                {t('alliances.partners.invitedOn', { date: formatDate(locale, p.invited_at) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {counts.left > 0 ? (
        <>
          <h3>{t('alliances.partners.former', { count: counts.left })}</h3>
          <ul>
            {former.map((p) => (
              <li>
                <a href={`/acteurs/${p.organisation_id}`}>{p.organisation_name}</a> —{' '}
                {t('alliances.partners.period', { from: p.joined_on ? formatDate(locale, p.joined_on) : '…', to: p.left_on ? formatDate(locale, p.left_on) : '…' })}
                {p.left_reason ? <> · {p.left_reason}</> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {'overview' in shown ? (
        <p>
          <a href={`/alliances/${id}/partenaires`}>{truncated ? t('alliances.partners.all', { count: counts.active }) : t('alliances.partners.pageLink')}</a>
        </p>
      ) : null}
    </section>
  )
}

export function PartnersPage({ alliance, data, page, perPage, ignored }: { alliance: Alliance; data: PartnersData; page: number; perPage: number; ignored: FieldProblem[] }) {
  const { t } = useView()
  const title = t('alliances.partners.pageTitle', { name: alliance.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.partners.section') }]}>
      <h1>{title}</h1>
      <IgnoredFilters problems={ignored} labels={{ page: 'alliances.directory.page' }} />
      <PartnersSection id={alliance.id} data={data} shown={{ page, perPage }} />
    </Layout>
  )
}
