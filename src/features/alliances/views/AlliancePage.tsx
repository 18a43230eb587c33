/**
 * The alliance page: stakes, perimeter, phase, SDGs, levers, partners and the diversity of their worlds, the
 * charter's state, contributions, the journal's latest events and the partnerships inside the alliance; the
 * invitations the reader may answer and the actions their rights allow.
 */
import { formatDate } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { TerritoryName } from '../../territories/index.js'
import { TermLink, termLabel, TermList } from '../../vocabulary/index.js'
import type { allianceCan } from '../alliances.policy.js'
import type { AllianceDetails, ContributionRow, ContributionTotals, JournalRow, PartnerLists, PartnershipRow } from '../alliances.queries.js'
import { compareTargets } from '../sdg-targets.js'
import { mergeTimeline, PartnershipsSideBySide, PrivateBadge, TimelineList, TotalsTables } from './common.js'
import { PartnersSection, partnersShown } from './PartnersPage.js'

/** Partners of each list (active, invited, former) shown on the overview; all of them are on the partners page. */
const OVERVIEW_PARTNERS = 12

/** What the overview reads of the partner lists. */
export const OVERVIEW_SHOWN = partnersShown({ overview: OVERVIEW_PARTNERS })

export interface AlliancePageData {
  details: AllianceDetails
  /** the partner lists of the overview (`partnerLists` with `OVERVIEW_SHOWN`) */
  lists: PartnerLists
  /** the names of the actor's organisations invited to join */
  invitedNames: Map<string, string>
  charter: { version: number; created_at: string; signed: number } | undefined
  totals: ContributionTotals
  recentEntries: JournalRow[]
  recentContributions: ContributionRow[]
  years: Array<{ year: number; entries: number; contributions: number }>
  partnerships: PartnershipRow[]
  can: ReturnType<typeof allianceCan>
}

function AllianceActions({ id, can }: { id: string; can: AlliancePageData['can'] }) {
  const { t } = useView()
  if (!can.coordinate && !can.contribute) return null
  return (
    <ul class="actions">
      {can.coordinate ? (
        <>
          <li>
            <a class="button button-secondary" href={`/alliances/${id}/modifier`}>
              {t('alliances.edit.link')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`/alliances/${id}/phase`}>
              {t('alliances.phase.link')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`/alliances/${id}/partenaires/inviter`}>
              {t('alliances.invite.link')}
            </a>
          </li>
        </>
      ) : null}
      {can.contribute ? (
        <>
          <li>
            <a class="button button-secondary" href={`/alliances/${id}/contributions#ajouter`}>
              {t('alliances.contributions.addLink')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`/alliances/${id}/journal#ecrire`}>
              {t('alliances.journal.writeLink')}
            </a>
          </li>
        </>
      ) : null}
    </ul>
  )
}

/** The invitations the actor may answer, at the top of the page. */
function PendingInvitations({ id, data }: { id: string; data: AlliancePageData }) {
  const { t, locale, csrfToken } = useView()
  const pending = data.can.adminOf.filter((p) => p.status === 'invited')
  if (pending.length === 0) return null
  return (
    <div class="notice notice-info" role="region" aria-labelledby="invitation-titre">
      <h2 id="invitation-titre">{t('alliances.invitation.title')}</h2>
      {pending.map((p) => {
        const name = data.invitedNames.get(p.organisation_id) ?? ''
        return (
          <div class="invitation">
            <p>{t('alliances.invitation.text', { organisation: name, role: termLabel('partner_role', p.role, locale) })}</p>
            <form method="post" action={`/alliances/${id}/partenaires/${p.id}/accepter`} class="inline-form">
              <input type="hidden" name="_csrf" value={csrfToken()} />
              <button type="submit" class="button">
                {t('alliances.invitation.accept', { organisation: name })}
              </button>
            </form>{' '}
            <form method="post" action={`/alliances/${id}/partenaires/${p.id}/refuser`} class="inline-form">
              <input type="hidden" name="_csrf" value={csrfToken()} />
              <button type="submit" class="button button-secondary">
                {t('alliances.invitation.decline', { organisation: name })}
              </button>
            </form>
          </div>
        )
      })}
    </div>
  )
}

function CharterSummary({ id, data }: { id: string; data: AlliancePageData }) {
  const { t, locale } = useView()
  const current = data.charter
  return (
    <section aria-labelledby="charte">
      <h2 id="charte">
        <TermLink kind="concept" code="contrat-alliance" /> — {t('alliances.charter.title')}
      </h2>
      {current ? (
        <p>
          {t('alliances.charter.summary', {
            version: current.version,
            date: formatDate(locale, current.created_at),
            signed: current.signed,
            count: data.lists.counts.active,
          })}{' '}
          <a href={`/alliances/${id}/charte`}>{t('alliances.charter.read')}</a>
        </p>
      ) : (
        <p>
          {t('alliances.charter.none')} <a href={`/alliances/${id}/charte`}>{t('alliances.charter.read')}</a>
        </p>
      )}
    </section>
  )
}

export function AlliancePage({ data }: { data: AlliancePageData }) {
  const { t, locale } = useView()
  const { alliance: a, territories, sdgs, sdgTargets, levers } = data.details
  const timeline = mergeTimeline(data.recentEntries, data.recentContributions).slice(0, 8)
  return (
    <Layout title={a.name} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: a.name }]}>
      <p class="kicker">
        <TermLink kind="concept" code="alliance" /> · <TermLink kind="alliance_phase" code={a.phase} /> · <TermLink kind="coconstruction_form" code={a.form} />{' '}
        {a.visibility === 'partners' ? <PrivateBadge /> : null}
      </p>
      <h1>{a.name}</h1>
      <PendingInvitations id={a.id} data={data} />
      <AllianceActions id={a.id} can={data.can} />
      <dl class="facts">
        <div>
          <dt>{t('alliances.field.phase')}</dt>
          <dd>
            <TermLink kind="alliance_phase" code={a.phase} /> <span class="muted">({t('alliances.phase.since', { date: formatDate(locale, a.phase_since) })})</span>
          </dd>
        </div>
        <div>
          <dt>{t('alliances.field.startedOn')}</dt>
          <dd>{formatDate(locale, a.started_on)}</dd>
        </div>
        {a.ended_on ? (
          <div>
            <dt>{t('alliances.field.endedOn')}</dt>
            <dd>{formatDate(locale, a.ended_on)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('alliances.field.visibility')}</dt>
          <dd>{t(`alliances.visibility.${a.visibility}`)}</dd>
        </div>
      </dl>
      <section aria-labelledby="enjeux">
        <h2 id="enjeux">{t('alliances.field.stakes')}</h2>
        {a.stakes.split(/\n{2,}/).map((para) => (
          <p>{para}</p>
        ))}
        {a.description
          ? a.description.split(/\n{2,}/).map((para) => <p>{para}</p>)
          : null}
      </section>
      <section aria-labelledby="perimetre">
        <h2 id="perimetre">{t('alliances.field.territories')}</h2>
        <ul>
          {territories.map((territory) => (
            <li>
              <TerritoryName territory={territory} /> <span class="muted">— {termLabel('territory_kind', territory.kind, locale)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="odd">
        <h2 id="odd">{t('alliances.field.sdgs')}</h2>
        <TermList kind="sdg" codes={sdgs.map(String)} />
        <p class="hint">{t('alliances.sdg17')}</p>
        {sdgTargets.length > 0 ? <p>{t('alliances.field.targetsList', { targets: [...sdgTargets].sort(compareTargets).join(', ') })}</p> : null}
      </section>
      <section aria-labelledby="leviers">
        <h2 id="leviers">{t('alliances.field.levers')}</h2>
        {levers.length > 0 ? <TermList kind="lever" codes={levers} /> : <p class="muted">{t('alliances.levers.none')}</p>}
      </section>
      <PartnersSection id={a.id} data={data} shown={{ overview: OVERVIEW_PARTNERS }} />
      <CharterSummary id={a.id} data={data} />
      <section aria-labelledby="contributions">
        <h2 id="contributions">{t('alliances.contributions.title')}</h2>
        <TotalsTables totals={data.totals} />
        <p>
          <a href={`/alliances/${a.id}/contributions`}>{t('alliances.contributions.all', { count: data.totals.count })}</a>
        </p>
      </section>
      <section aria-labelledby="journal">
        <h2 id="journal">{t('alliances.journal.title')}</h2>
        {data.years.length > 0 ? (
          <p>
            {t('alliances.journal.span', { from: String(data.years[0]!.year), to: String(data.years[data.years.length - 1]!.year), count: data.years.reduce((n, y) => n + y.entries, 0) })}
          </p>
        ) : null}
        <TimelineList items={timeline} allianceId={a.id} />
        <p>
          <a href={`/alliances/${a.id}/journal`}>{t('alliances.journal.all')}</a>
        </p>
      </section>
      <section aria-labelledby="partenariats">
        <h2 id="partenariats">{t('alliances.partnerships.inAlliance')}</h2>
        <p class="hint">{t('alliances.partnerships.sideBySide')}</p>
        <PartnershipsSideBySide rows={data.partnerships} level={3} />
        {data.can.adminOf.some((p) => p.status === 'active') ? (
          <p>
            <a href={`/partenariats/nouveau?alliance=${a.id}&de=${data.can.adminOf.find((p) => p.status === 'active')?.organisation_id ?? ''}`}>{t('alliances.partnerships.declare')}</a>
          </p>
        ) : null}
      </section>
    </Layout>
  )
}
