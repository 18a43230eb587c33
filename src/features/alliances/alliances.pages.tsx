/**
 * Alliance pages: the directory with its filters (`/alliances`), the map of alliances by département, the
 * alliance page (stakes, perimeter, phase, SDGs, levers, partners and the diversity of their worlds,
 * charter, contributions, the journal's latest events), and the creation, edit and phase-change forms
 * (POST-redirect-GET, error summary on failure).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isAdminOf, type Actor } from '../../core/access/actor.js'
import { notFound, type FieldProblem } from '../../core/errors.js'
import { isId } from '../../core/db/values.js'
import { allianceSeedFromContact } from '../listening/index.js'
import { formValuesOf, paramId, parseForm, withFieldErrors } from '../../core/http/forms.js'
import { formatDate, formatNumber } from '../../core/i18n/index.js'
import { DataTable, Pagination } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { findOrganisation, resolveOtherTerritories } from '../organisations/index.js'
import { FranceMap, listDepartements, PlaceFilterNotice, resolvePlaceFilter, TerritoryName, type PlaceFilter, type Territory } from '../territories/index.js'
import { TermLink, termLabel, termOptions, TermList } from '../vocabulary/index.js'
import { viewable } from './alliances.http.js'
import { allianceCan, authorizeCoordinate, readScopeOf, type AllianceAccess } from './alliances.policy.js'
import {
  contributionTotals,
  countAlliancesByDepartement,
  findAllianceDetails,
  listAlliancePartnerships,
  listAlliances,
  listCharterVersions,
  listContributions,
  listJournal,
  listPartners,
  timelineYears,
  type AllianceDetails,
  type CharterVersion,
  type ContributionTotals,
  type JournalRow,
  type Page,
  type AllianceListRow,
  type AllianceScope,
  type ContributionRow,
  type PartnerRow,
  type PartnershipRow,
} from './alliances.queries.js'
import { AllianceCreateForm, AllianceForm, DirectoryQuery, PhaseForm, ROLE_CODES, type AllianceData, type AllianceFormT } from './alliances.schemas.js'
import { addJournalEntry, changePhase, createAlliance, loadAllianceAccess, refreshDirectorySummaries, updateAlliance } from './alliances.service.js'
import { todayInFrance } from './dates.js'
import { worldDiversity, type WorldDiversity } from './diversity.js'
import { compareTargets } from './sdg-targets.js'
import { AllianceList, DiversityBox, mergeTimeline, PartnershipsSideBySide, PrivateBadge, TimelineList, TotalsTables } from './views/common.js'

const PAGE_SIZE = 20

/** A group of radio buttons (fieldset + legend), values from the form state. */
export function RadioGroup({ name, legend, options, value, hint }: { name: string; legend: string; options: Array<{ value: string; label: string }>; value: string | undefined; hint?: string }) {
  return (
    <fieldset class="field radio-group" id={`champ-${name}`} tabIndex={-1} aria-describedby={hint ? `champ-${name}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p class="hint" id={`champ-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map((o, i) => (
        <div class="radio">
          <input type="radio" id={`champ-${name}-${i}`} name={name} value={o.value} checked={value === o.value} />
          <label for={`champ-${name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  )
}

// --- directory and map ------------------------------------------------------------------------------------

interface DirectoryProps {
  values: FormValues
  place: PlaceFilter
  page: Page<AllianceListRow>
}

function DirectoryPageView({ values, place, page }: DirectoryProps) {
  const { t, locale, path, user } = useView()
  return (
    <Layout title={t('alliances.directory.title')}>
      <h1>{t('alliances.directory.title')}</h1>
      <p class="lead">{t('alliances.directory.intro')}</p>
      <ul class="actions">
        {user ? (
          <li>
            <a class="button" href="/alliances/nouvelle">
              {t('alliances.create.title')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="button button-secondary" href="/alliances/carte">
            {t('alliances.map.link')}
          </a>
        </li>
      </ul>
      <Form action="/alliances" method="get" state={{ values, errors: [] }} submitLabel={t('alliances.directory.filter')} class="filters">
        <div class="filter-grid">
          <TextField name="q" label={t('alliances.directory.text')} type="search" />
          <TextField name="lieu" label={t('alliances.directory.place')} hint={t('alliances.directory.placeHint')} />
          <SelectField name="odd" label={t('alliances.field.sdg')} options={termOptions('sdg', locale)} placeholder={t('alliances.directory.all')} />
          <SelectField name="phase" label={t('alliances.field.phase')} options={termOptions('alliance_phase', locale)} placeholder={t('alliances.directory.all')} />
          <SelectField name="forme" label={t('alliances.field.form')} options={termOptions('coconstruction_form', locale)} placeholder={t('alliances.directory.all')} />
          <SelectField name="monde" label={t('alliances.directory.world')} options={termOptions('world', locale)} placeholder={t('alliances.directory.all')} />
          <SelectField name="levier" label={t('alliances.directory.lever')} options={termOptions('lever', locale)} placeholder={t('alliances.directory.all')} />
        </div>
        {place.territory ? <input type="hidden" name="territoire" value={place.territory.id} /> : null}
      </Form>
      <PlaceFilterNotice filter={place} insideLabel={t('alliances.directory.inside')} />
      <h2 aria-live="polite">{t('alliances.directory.count', { count: page.total })}</h2>
      {page.rows.length > 0 ? <AllianceList rows={page.rows} /> : <p>{t('alliances.directory.none')}</p>}
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </Layout>
  )
}

function MapPage({ values, departements }: { values: Map<string, number>; departements: Territory[] }) {
  const { t, locale } = useView()
  const total = departements.filter((d) => (values.get(d.code) ?? 0) > 0)
  return (
    <Layout title={t('alliances.map.title')} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: t('alliances.map.title') }]}>
      <h1>{t('alliances.map.title')}</h1>
      <p class="lead">{t('alliances.map.intro')}</p>
      <FranceMap values={values} unit="alliances.map.unit" title={t('alliances.map.svgTitle')} />
      <DataTable
        caption={t('alliances.map.table')}
        rows={total}
        columns={[
          { header: t('alliances.map.departement'), cell: (d) => <a href={`/alliances?territoire=${encodeURIComponent(d.id)}`}>{`${d.name} (${d.code})`}</a> },
          { header: t('alliances.map.count'), cell: (d) => formatNumber(locale, values.get(d.code) ?? 0), numeric: true },
        ]}
      />
    </Layout>
  )
}

// --- the alliance page ------------------------------------------------------------------------------------

export interface AlliancePageData {
  details: AllianceDetails
  partners: PartnerRow[]
  charters: CharterVersion[]
  totals: ContributionTotals
  recentEntries: JournalRow[]
  recentContributions: ContributionRow[]
  years: Array<{ year: number; entries: number; contributions: number }>
  partnerships: PartnershipRow[]
  diversity: WorldDiversity
  can: ReturnType<typeof allianceCan>
}

/** Loads everything the alliance page shows (in parallel). */
export async function loadAlliancePage(app: FastifyInstance, actor: Actor, access: AllianceAccess, scope: AllianceScope): Promise<AlliancePageData | undefined> {
  const [details, partners, charters, totals, recentEntries, recentContributions, years, partnerships] = await Promise.all([
    findAllianceDetails(app.db, scope),
    listPartners(app.db, scope),
    listCharterVersions(app.db, scope),
    contributionTotals(app.db, scope),
    listJournal(app.db, scope, { year: null, limit: 6 }),
    listContributions(app.db, scope, 1, 4),
    timelineYears(app.db, scope),
    listAlliancePartnerships(app.db, scope),
  ])
  if (!details) return undefined
  const active = partners.filter((p) => p.status === 'active')
  return {
    details,
    partners,
    charters,
    totals,
    recentEntries,
    recentContributions: recentContributions.rows,
    years,
    partnerships,
    diversity: worldDiversity(active.map((p) => p.world)),
    can: allianceCan(actor, access),
  }
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
        const row = data.partners.find((r) => r.id === p.id)
        return (
          <div class="invitation">
            <p>{t('alliances.invitation.text', { organisation: row?.organisation_name ?? '', role: termLabel('partner_role', p.role, locale) })}</p>
            <form method="post" action={`/alliances/${id}/partenaires/${p.id}/accepter`} class="inline-form">
              <input type="hidden" name="_csrf" value={csrfToken()} />
              <button type="submit" class="button">
                {t('alliances.invitation.accept', { organisation: row?.organisation_name ?? '' })}
              </button>
            </form>{' '}
            <form method="post" action={`/alliances/${id}/partenaires/${p.id}/refuser`} class="inline-form">
              <input type="hidden" name="_csrf" value={csrfToken()} />
              <button type="submit" class="button button-secondary">
                {t('alliances.invitation.decline', { organisation: row?.organisation_name ?? '' })}
              </button>
            </form>
          </div>
        )
      })}
    </div>
  )
}

function PartnersSection({ id, data }: { id: string; data: AlliancePageData }) {
  const { t, locale, csrfToken } = useView()
  const active = data.partners.filter((p) => p.status === 'active')
  const invited = data.partners.filter((p) => p.status === 'invited')
  const former = data.partners.filter((p) => p.status === 'left')
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
      <h2 id="partenaires">{t('alliances.partners.title', { count: active.length })}</h2>
      <DiversityBox diversity={data.diversity} />
      <DataTable
        caption={t('alliances.partners.table')}
        rows={active}
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
            cell: (p) =>
              data.can.coordinate ? (
                <form method="post" action={`/alliances/${id}/partenaires/${p.id}/role`} class="role-form">
                  <input type="hidden" name="_csrf" value={csrfToken()} />
                  <label for={`role-${p.id}`} class="visually-hidden">
                    {t('alliances.partners.roleOf', { organisation: p.organisation_name })}
                  </label>
                  <select id={`role-${p.id}`} name="role">
                    {ROLE_CODES.map((code) => (
                      <option value={code} selected={code === p.role}>
                        {termLabel('partner_role', code, locale)}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" class="button button-small button-secondary">
                    {t('alliances.partners.changeRole')}
                  </button>
                </form>
              ) : (
                <TermLink kind="partner_role" code={p.role} />
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
      {invited.length > 0 ? (
        <>
          <h3>{t('alliances.partners.invited', { count: invited.length })}</h3>
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
      {former.length > 0 ? (
        <>
          <h3>{t('alliances.partners.former', { count: former.length })}</h3>
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
    </section>
  )
}

function CharterSummary({ id, data }: { id: string; data: AlliancePageData }) {
  const { t, locale } = useView()
  const current = data.charters[0]
  const active = data.partners.filter((p) => p.status === 'active')
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
            signed: current.signatures.filter((s) => active.some((p) => p.organisation_id === s.organisation_id)).length,
            count: active.length,
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

function AlliancePage({ data }: { data: AlliancePageData }) {
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
      <PartnersSection id={a.id} data={data} />
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
        <PartnershipsSideBySide rows={data.partnerships} />
        {data.can.adminOf.some((p) => p.status === 'active') ? (
          <p>
            <a href={`/partenariats/nouveau?alliance=${a.id}&de=${data.can.adminOf.find((p) => p.status === 'active')?.organisation_id ?? ''}`}>{t('alliances.partnerships.declare')}</a>
          </p>
        ) : null}
      </section>
    </Layout>
  )
}

// --- create / edit / phase --------------------------------------------------------------------------------

interface FormPageProps {
  mode: 'create' | 'edit'
  action: string
  state: FormState
  coordinators: Array<{ value: string; label: string }>
  allianceName?: string
  allianceId?: string
  currentTerritories?: Territory[]
  /** When the alliance is born from an accepted mise en relation: the request and who will be invited. */
  origin?: { requestId: string; otherName: string; needTitle: string }
}

function AllianceFormPage({ mode, action, state, coordinators, allianceName, allianceId, currentTerritories, origin }: FormPageProps) {
  const { t, locale } = useView()
  const title = mode === 'create' ? t('alliances.create.title') : t('alliances.edit.title', { name: allianceName ?? '' })
  const crumbs = [{ label: t('alliances.directory.title'), href: '/alliances' }, ...(allianceId ? [{ label: allianceName ?? '', href: `/alliances/${allianceId}` }] : []), { label: title }]
  if (mode === 'create' && coordinators.length === 0) {
    return (
      <Layout title={title} breadcrumb={crumbs}>
        <h1>{title}</h1>
        <p class="lead">{t('alliances.create.needOrganisation')}</p>
        <p>
          <a class="button" href="/acteurs/nouveau">
            {t('alliances.create.registerOrganisation')}
          </a>
        </p>
      </Layout>
    )
  }
  return (
    <Layout title={title} breadcrumb={crumbs}>
      <h1>{title}</h1>
      {mode === 'create' ? <p class="lead">{t('alliances.create.intro')}</p> : null}
      {origin ? (
        <p class="notice">{t('alliances.create.fromContact', { other: origin.otherName, need: origin.needTitle })}</p>
      ) : null}
      <Form action={action} state={state} submitLabel={mode === 'create' ? t('alliances.create.submit') : t('alliances.edit.submit')}>
        {origin ? <input type="hidden" name="mise_en_relation" value={origin.requestId} /> : null}
        <fieldset>
          <legend>{t('alliances.section.identity')}</legend>
          <TextField name="name" label={t('alliances.field.name')} required maxLength={200} />
          <TextArea name="stakes" label={t('alliances.field.stakes')} hint={t('alliances.field.stakesHint')} required rows={4} maxLength={5000} />
          <TextArea name="description" label={t('alliances.field.description')} rows={4} maxLength={10000} />
          {mode === 'create' ? <SelectField name="coordinator" label={t('alliances.field.coordinator')} hint={t('alliances.field.coordinatorHint')} required options={coordinators} /> : null}
        </fieldset>
        <fieldset>
          <legend>{t('alliances.section.territory')}</legend>
          {currentTerritories && currentTerritories.length > 0 ? (
            <p class="hint">
              {t('alliances.field.territoriesCurrent')} {currentTerritories.map((c) => `${c.name} (${c.kind}:${c.code})`).join(' ; ')}
            </p>
          ) : null}
          <TextField name="territories" label={t('alliances.field.territories')} hint={t('alliances.field.territoriesHint')} required maxLength={500} />
        </fieldset>
        <fieldset>
          <legend>{t('alliances.section.form')}</legend>
          <SelectField name="form" label={t('alliances.field.form')} required options={termOptions('coconstruction_form', locale)} placeholder={t('form.choose')} />
          {mode === 'create' ? <SelectField name="phase" label={t('alliances.field.phase')} hint={t('alliances.field.phaseHint')} required options={termOptions('alliance_phase', locale)} placeholder={t('form.choose')} /> : null}
          <TextField name="started_on" label={t('alliances.field.startedOn')} type="date" required />
          <TextField name="ended_on" label={t('alliances.field.endedOn')} hint={t('alliances.field.endedOnHint')} type="date" />
        </fieldset>
        <CheckboxGroup name="sdgs" legend={t('alliances.field.sdgs')} hint={t('alliances.field.sdgsHint')} options={termOptions('sdg', locale).filter((o) => o.value !== '17')} columns />
        <TextField name="sdg_targets" label={t('alliances.field.targets')} hint={t('alliances.field.targetsHint')} maxLength={500} />
        <CheckboxGroup name="levers" legend={t('alliances.field.levers')} hint={t('alliances.field.leversHint')} options={termOptions('lever', locale)} />
        <RadioGroup
          name="visibility"
          legend={t('alliances.field.visibility')}
          value={typeof state.values.visibility === 'string' ? state.values.visibility : 'public'}
          options={[
            { value: 'public', label: t('alliances.visibility.publicChoice') },
            { value: 'partners', label: t('alliances.visibility.partnersChoice') },
          ]}
        />
      </Form>
    </Layout>
  )
}

function PhasePage({ alliance, state }: { alliance: AllianceDetails['alliance']; state: FormState }) {
  const { t, locale } = useView()
  const title = t('alliances.phase.title', { name: alliance.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.phase.link') }]}>
      <h1>{title}</h1>
      <p class="lead">
        {t('alliances.phase.current')} <TermLink kind="alliance_phase" code={alliance.phase} /> ({t('alliances.phase.since', { date: formatDate(locale, alliance.phase_since) })}).
      </p>
      <p>{t('alliances.phase.intro')}</p>
      <Form action={`/alliances/${alliance.id}/phase`} state={state} submitLabel={t('alliances.phase.submit')}>
        <SelectField name="phase" label={t('alliances.phase.new')} required options={termOptions('alliance_phase', locale).filter((o) => o.value !== alliance.phase)} placeholder={t('form.choose')} />
        <TextField name="on" label={t('alliances.phase.on')} hint={t('alliances.phase.onHint')} type="date" required />
        <TextArea name="note" label={t('alliances.phase.note')} hint={t('alliances.phase.noteHint')} rows={3} maxLength={2000} />
      </Form>
    </Layout>
  )
}

// --- helpers ----------------------------------------------------------------------------------------------

async function coordinatorOptions(app: FastifyInstance, actor: Actor): Promise<Array<{ value: string; label: string }>> {
  const options: Array<{ value: string; label: string }> = []
  for (const [organisationId] of actor.memberships) {
    if (!isAdminOf(actor, organisationId)) continue
    const organisation = await findOrganisation(app.db, organisationId)
    if (organisation) options.push({ value: organisation.id, label: organisation.name })
  }
  return options.sort((a, b) => a.label.localeCompare(b.label, 'fr'))
}

function valuesFromDetails(details: AllianceDetails): FormValues {
  const a = details.alliance
  return {
    name: a.name,
    stakes: a.stakes,
    description: a.description,
    territories: details.territories.map((t) => `${t.kind}:${t.code}`).join('; '),
    form: a.form,
    started_on: a.started_on,
    ended_on: a.ended_on ?? '',
    sdgs: details.sdgs.filter((s) => s !== 17).map(String),
    sdg_targets: [...details.sdgTargets].sort(compareTargets).join('; '),
    levers: details.levers,
    visibility: a.visibility,
  }
}

/** Resolves the typed perimeter and targets; returns the data or the problems to show. */
async function dataFromForm(app: FastifyInstance, form: AllianceFormT): Promise<{ data: AllianceData | null; problems: FieldProblem[] }> {
  const territories = await resolveOtherTerritories(app.db, form.territories)
  const problems: FieldProblem[] = []
  if (territories.problem) problems.push({ ...territories.problem, field: 'territories' })
  else if (territories.ids.length === 0) problems.push({ field: 'territories', message: 'alliances.error.territoriesRequired' })
  const targets = (form.sdg_targets ?? '')
    .split(/[;,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
  if (problems.length > 0) return { data: null, problems }
  return {
    data: {
      name: form.name,
      stakes: form.stakes,
      description: form.description ?? '',
      territoryIds: territories.ids,
      form: form.form,
      sdgs: form.sdgs,
      sdgTargets: targets,
      levers: form.levers,
      startedOn: form.started_on,
      endedOn: form.ended_on ?? null,
      visibility: form.visibility,
    },
    problems: [],
  }
}

// --- routes -----------------------------------------------------------------------------------------------

export interface AlliancePagesOptions {
  publicUrl: string
}

export async function alliancePages(app: FastifyInstance, options: AlliancePagesOptions): Promise<void> {
  app.get('/alliances', { config: { public: true, cache: true } }, async (request, reply) => {
    const parsed = parseForm(DirectoryQuery, request.query)
    const query = parsed.ok ? parsed.value : {}
    const place = await resolvePlaceFilter(app.db, query)
    const territory = place.territory
    await refreshDirectorySummaries(app.db, { worlds: query.monde !== undefined, places: territory !== null })
    const page = await listAlliances(
      app.db,
      readScopeOf(request.actor),
      { text: query.q, territoryId: territory?.id, sdg: query.odd, phase: query.phase, form: query.forme, world: query.monde, lever: query.levier },
      query.page ?? 1,
      PAGE_SIZE,
    )
    const values = formValuesOf(request.query)
    if (territory) values.lieu = ''
    return reply.page(<DirectoryPageView values={values} place={place} page={page} />)
  })

  app.get('/alliances/carte', { config: { public: true, cache: true } }, async (request, reply) => {
    await refreshDirectorySummaries(app.db, { worlds: false, places: true })
    const [values, departements] = await Promise.all([countAlliancesByDepartement(app.db, readScopeOf(request.actor)), listDepartements(app.db)])
    return reply.page(<MapPage values={values} departements={departements} />)
  })

  /**
   * An alliance may be born from an accepted mise en relation (`?mise_en_relation=<id>` on the form, a hidden
   * field when posting): the seed is read again on every request, with the listening feature's rights.
   */
  async function originOf(request: FastifyRequest, requestId: unknown) {
    if (typeof requestId !== 'string' || requestId === '') return null
    if (!isId(requestId)) throw notFound()
    const seed = await allianceSeedFromContact(app.db, request.actor, requestId)
    const other = await findOrganisation(app.db, seed.otherOrganisationId)
    return { seed, view: { requestId: seed.requestId, otherName: other?.name ?? '', needTitle: seed.need.title } }
  }

  app.get('/alliances/nouvelle', async (request, reply) => {
    const coordinators = await coordinatorOptions(app, request.actor)
    const origin = await originOf(request, (request.query as { mise_en_relation?: unknown }).mise_en_relation)
    const values: FormValues = { visibility: 'public', started_on: todayInFrance(), sdgs: [], levers: [], coordinator: coordinators[0]?.value ?? '' }
    if (origin) {
      const { need, ownOrganisationId } = origin.seed
      Object.assign(values, {
        name: `Alliance — ${need.title}`.slice(0, 200),
        stakes: need.description || need.title,
        territories: `${need.territory.kind}:${need.territory.code}`,
        sdgs: need.sdgs.map(String),
        levers: need.lever ? [need.lever] : [],
        form: 'partenariats_organisations',
        phase: 'emergence',
        coordinator: coordinators.some((c) => c.value === ownOrganisationId) ? ownOrganisationId : (coordinators[0]?.value ?? ''),
      })
    }
    return reply.page(<AllianceFormPage mode="create" action="/alliances/nouvelle" state={{ values, errors: [] }} coordinators={coordinators} origin={origin?.view} />)
  })

  app.post('/alliances/nouvelle', async (request, reply) => {
    const values = formValuesOf(request.body)
    const coordinators = await coordinatorOptions(app, request.actor)
    const origin = await originOf(request, (request.body as { mise_en_relation?: unknown } | undefined)?.mise_en_relation)
    const rerender = (errors: FieldProblem[], status = 400) =>
      reply.page(<AllianceFormPage mode="create" action="/alliances/nouvelle" state={{ values, errors }} coordinators={coordinators} origin={origin?.view} />, status)
    const parsed = parseForm(AllianceCreateForm, request.body)
    if (!parsed.ok) return rerender(parsed.errors)
    const { phase, coordinator } = parsed.value
    const { data, problems } = await dataFromForm(app, parsed.value)
    if (!data) return rerender(problems)
    const invited = origin ? [origin.seed.ownOrganisationId, origin.seed.otherOrganisationId].filter((id) => id !== coordinator) : []
    const result = await withFieldErrors(() =>
      createAlliance(app.db, request.actor, { ...data, phase, coordinatorOrganisationId: coordinator, invitedOrganisationIds: invited }, { publicUrl: options.publicUrl }),
    )
    if (!result.ok) return rerender(result.errors, result.status)
    if (origin) {
      await addJournalEntry(app.db, request.actor, result.value, {
        organisationId: coordinator,
        kind: 'jalon',
        occurredOn: data.startedOn,
        title: request.t('alliances.fromContact.journalTitle'),
        body: request.t('alliances.fromContact.journalBody', { need: origin.seed.need.title, other: origin.view.otherName }),
      })
    }
    reply.setFlash({ kind: 'success', message: 'alliances.create.done', params: { name: data.name } })
    return reply.redirect(`/alliances/${result.value}`, 303)
  })

  app.get('/alliances/:id', { config: { public: true, cache: true } }, async (request, reply) => {
    const { access, scope } = await viewable(app, request)
    const data = await loadAlliancePage(app, request.actor, access, scope)
    if (!data) throw new Error('alliance vanished')
    return reply.page(<AlliancePage data={data} />)
  })

  async function editable(request: FastifyRequest) {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    const scope = authorizeCoordinate(request.actor, access)
    const details = await findAllianceDetails(app.db, scope)
    if (!details) throw new Error('alliance vanished')
    return details
  }

  app.get('/alliances/:id/modifier', async (request, reply) => {
    const details = await editable(request)
    const a = details.alliance
    return reply.page(<AllianceFormPage mode="edit" action={`/alliances/${a.id}/modifier`} state={{ values: valuesFromDetails(details), errors: [] }} coordinators={[]} allianceName={a.name} allianceId={a.id} currentTerritories={details.territories} />)
  })

  app.post('/alliances/:id/modifier', async (request, reply) => {
    const details = await editable(request)
    const a = details.alliance
    const values = formValuesOf(request.body)
    const rerender = (errors: FieldProblem[], status = 400) =>
      reply.page(<AllianceFormPage mode="edit" action={`/alliances/${a.id}/modifier`} state={{ values, errors }} coordinators={[]} allianceName={a.name} allianceId={a.id} currentTerritories={details.territories} />, status)
    const parsed = parseForm(AllianceForm, request.body)
    if (!parsed.ok) return rerender(parsed.errors)
    const { data, problems } = await dataFromForm(app, parsed.value)
    if (!data) return rerender(problems)
    const result = await withFieldErrors(() => updateAlliance(app.db, request.actor, a.id, data))
    if (!result.ok) return rerender(result.errors, result.status)
    reply.setFlash({ kind: 'success', message: 'alliances.edit.done' })
    return reply.redirect(`/alliances/${a.id}`, 303)
  })

  async function phaseView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const details = await editable(request)
    return reply.page(<PhasePage alliance={details.alliance} state={state} />, status)
  }

  app.get('/alliances/:id/phase', async (request, reply) => phaseView(request, reply, { values: { on: todayInFrance() }, errors: [] }))

  app.post('/alliances/:id/phase', async (request, reply) => {
    const id = paramId(request)
    const access = await loadAllianceAccess(app.db, request.actor, id)
    authorizeCoordinate(request.actor, access)
    const values = formValuesOf(request.body)
    const parsed = parseForm(PhaseForm, request.body)
    if (!parsed.ok) return phaseView(request, reply, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => changePhase(app.db, request.actor, id, { phase: parsed.value.phase, on: parsed.value.on, note: parsed.value.note }))
    if (!result.ok) return phaseView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'alliances.phase.done', params: { phase: termLabel('alliance_phase', parsed.value.phase, request.locale) } })
    return reply.redirect(`/alliances/${id}`, 303)
  })
}

