/** The page of one need and of one resource (or wish to engage): facts, description, help, SDGs, actions. */
import { formatDate } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { DemoBadge } from '../../organisations/index.js'
import { TerritoryName } from '../../territories/index.js'
import { TermLink, TermList } from '../../vocabulary/index.js'
import { domainsOf, sdgsOf } from '../listening.codes.js'
import type { NeedDetails, ResourceDetails } from '../listening.queries.js'
import { horizonKey, needStatusKey, resourceKindKey, resourceStatusKey } from './labels.js'
import { AmountRange, NeedStatusBadge, ResourceStatusBadge, UpdatedOn } from './Listings.js'

function ContributionDetails({ c }: { c: NeedDetails['contributions'][number] }) {
  const { t } = useView()
  return (
    <li>
      <TermLink kind="contribution_type" code={c.contribution_type} />
      {c.amount_min_cents !== null || c.amount_max_cents !== null ? (
        <>
          {' '}
          — <AmountRange min={c.amount_min_cents} max={c.amount_max_cents} />
        </>
      ) : null}
      {c.hours !== null ? <> — {t('listening.detail.peopleHours', { people: c.people ?? 1, hours: c.hours })}</> : null}
      {c.skills ? <> — {t('listening.detail.skills', { skills: c.skills })}</> : null}
      {c.details ? <> — {c.details}</> : null}
    </li>
  )
}

/** The actions of a need's or resource's page: its matches, and editing for its organisation's members. */
function DetailActions({ path, canEdit }: { path: string; canEdit: boolean }) {
  const { t } = useView()
  return (
    <ul class="actions">
      <li>
        <a class="button" href={`${path}/correspondances`}>
          {t('listening.detail.matches')}
        </a>
      </li>
      {canEdit ? (
        <li>
          <a class="button button-secondary" href={`${path}/modifier`}>
            {t('listening.detail.edit')}
          </a>
        </li>
      ) : null}
    </ul>
  )
}

/** The publishing organisation, first fact of a need's or resource's page. */
function OrganisationFact({ organisation }: { organisation: { id: string; name: string } }) {
  const { t } = useView()
  return (
    <div>
      <dt>{t('listening.detail.organisation')}</dt>
      <dd>
        <a href={`/acteurs/${organisation.id}`}>{organisation.name}</a>
      </dd>
    </div>
  )
}

/** The status of a listing and the day it was last updated, last fact of its page. */
function StatusFact({ status, updatedAt }: { status: string; updatedAt: string }) {
  const { t } = useView()
  return (
    <div>
      <dt>{t('listening.field.status')}</dt>
      <dd>
        {status} · <UpdatedOn iso={updatedAt} />
      </dd>
    </div>
  )
}

/** Paragraphs of a text written with blank lines between them. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((p) => (
        <p>{p}</p>
      ))}
    </>
  )
}

export function NeedPage({ details, canEdit }: { details: NeedDetails; canEdit: boolean }) {
  const { t } = useView()
  const { need, contributions, territory, organisation } = details
  return (
    <Layout title={need.title} breadcrumb={[{ label: t('listening.needs.title'), href: '/besoins' }, { label: need.title }]}>
      <p class="kicker">
        <TermLink kind="concept" code="besoin" /> · <TermLink kind="domain" code={need.domain} /> <NeedStatusBadge status={need.status} /> {need.is_demo ? <DemoBadge /> : null}
      </p>
      <h1>{need.title}</h1>
      <DetailActions path={`/besoins/${need.id}`} canEdit={canEdit} />
      <dl class="facts">
        <OrganisationFact organisation={organisation} />
        <div>
          <dt>{t('listening.field.territory')}</dt>
          <dd>
            <TerritoryName territory={territory} />
          </dd>
        </div>
        <div>
          <dt>{t('listening.field.horizon')}</dt>
          <dd>{t(horizonKey(need.horizon))}</dd>
        </div>
        {need.lever ? (
          <div>
            <dt>{t('listening.field.lever')}</dt>
            <dd>
              <TermLink kind="lever" code={need.lever} />
            </dd>
          </div>
        ) : null}
        <StatusFact status={t(needStatusKey(need.status))} updatedAt={need.updated_at} />
      </dl>
      <Paragraphs text={need.description} />
      <h2>{t('listening.section.help')}</h2>
      <ul>
        {contributions.map((c) => (
          <ContributionDetails c={c} />
        ))}
      </ul>
      <h2>{t('listening.field.sdgs')}</h2>
      <TermList kind="sdg" codes={sdgsOf(need.sdg_mask).map(String)} />
    </Layout>
  )
}

export function ResourcePage({ details, canEdit }: { details: ResourceDetails; canEdit: boolean }) {
  const { t, locale } = useView()
  const { resource: r, reach, organisation } = details
  return (
    <Layout title={r.title} breadcrumb={[{ label: t('listening.resources.title'), href: '/ressources' }, { label: r.title }]}>
      <p class="kicker">
        {t(resourceKindKey(r.kind))} · <TermLink kind="contribution_type" code={r.contribution_type} /> <ResourceStatusBadge status={r.status} /> {r.is_demo ? <DemoBadge /> : null}
      </p>
      <h1>{r.title}</h1>
      <DetailActions path={`/ressources/${r.id}`} canEdit={canEdit} />
      <dl class="facts">
        <OrganisationFact organisation={organisation} />
        <div>
          <dt>{t('listening.field.reach')}</dt>
          <dd>{reach ? <TerritoryName territory={reach} /> : t('listening.national')}</dd>
        </div>
        {r.amount_min_cents !== null || r.amount_max_cents !== null || r.hours !== null ? (
          <div>
            <dt>{t('listening.field.capacity')}</dt>
            <dd>
              <AmountRange min={r.amount_min_cents} max={r.amount_max_cents} />
              {r.hours !== null ? t('listening.detail.peopleHours', { people: r.people ?? 1, hours: r.hours }) : null}
            </dd>
          </div>
        ) : null}
        {r.available_from || r.available_until ? (
          <div>
            <dt>{t('listening.detail.window')}</dt>
            <dd>
              {r.available_from ? t('listening.detail.windowFrom', { date: formatDate(locale, r.available_from) }) : null} {r.available_until ? t('listening.detail.windowUntil', { date: formatDate(locale, r.available_until) }) : null}
            </dd>
          </div>
        ) : null}
        <StatusFact status={t(resourceStatusKey(r.status))} updatedAt={r.updated_at} />
      </dl>
      <Paragraphs text={r.description} />
      {r.skills ? <p>{t('listening.detail.skills', { skills: r.skills })}</p> : null}
      {r.items ? <p>{t('listening.detail.items', { items: r.items })}</p> : null}
      {r.place ? <p>{t('listening.detail.place', { place: r.place })}</p> : null}
      {r.domain_mask ? (
        <>
          <h2>{t('listening.field.domains')}</h2>
          <TermList kind="domain" codes={domainsOf(r.domain_mask)} />
        </>
      ) : null}
      {r.sdg_mask ? (
        <>
          <h2>{t('listening.field.sdgs')}</h2>
          <TermList kind="sdg" codes={sdgsOf(r.sdg_mask).map(String)} />
        </>
      ) : null}
    </Layout>
  )
}
