/** Pages of calls to engage: the list, one call with its progress, and the form that drafts or changes it. */
import type { FieldProblem } from '../../../../core/errors.js'
import type { PageOf } from '../../../../core/db/paging.js'
import { DataTable, Pagination } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState, type Option } from '../../../../core/views/forms.js'
import { termLabel, TermLink, termOptions } from '../../../vocabulary/index.js'
import { HELP, HELP_KINDS } from '../../help.js'
import type { PledgeListRow } from '../../pledges/pledges.queries.js'
import { Amount, Day, MobilisationPage, Progress } from '../../views/format.js'
import type { Call, CallContent, CallListRow, CallPhase, GoalProgress } from '../calls.queries.js'
import { translateLabel } from '../../../../core/i18n/index.js'
import { HELP_KIND_LABELS } from '../../views/labels.js'

function PhaseBadge({ phase }: { phase: CallPhase }) {
  const { t } = useView()
  return <span class={`badge badge-phase-${phase}`}>{t(`mobilisation.call.phase.${phase}`)}</span>
}

export function CallListPage({ page, phaseOf, filters, problems, canCreate }: { page: PageOf<CallListRow>; phaseOf: (row: CallListRow) => CallPhase; filters: { etat?: string; territoire?: string }; problems: FieldProblem[]; canCreate: boolean }) {
  const { t, path } = useView()
  return (
    <MobilisationPage title={t('mobilisation.calls.title')}>
      <h1>{t('mobilisation.calls.title')}</h1>
      <p class="lead">{t('mobilisation.calls.intro')}</p>
      {problems.length > 0 ? <p class="notice notice-warning">{t('mobilisation.filters.ignored', { fields: problems.map((p) => p.field).join(', ') })}</p> : null}
      <form method="get" action="/mobilisation/appels" class="filters">
        <div class="filter-grid">
          <div class="field">
            <label for="filtre-etat">{t('mobilisation.calls.filter.phase')}</label>
            <select id="filtre-etat" name="etat">
              <option value="">{t('mobilisation.filters.all')}</option>
              {(['open', 'upcoming', 'ended'] as const).map((p) => (
                <option value={p} selected={filters.etat === p}>
                  {t(`mobilisation.call.phase.${p}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {filters.territoire ? <input type="hidden" name="territoire" value={filters.territoire} /> : null}
        <button type="submit" class="button button-small">
          {t('mobilisation.filters.apply')}
        </button>
      </form>
      {canCreate ? (
        <p>
          <a class="button" href="/mobilisation/appels/nouveau">
            {t('mobilisation.calls.new')}
          </a>
        </p>
      ) : null}
      <h2>{t('mobilisation.calls.count', { count: page.total })}</h2>
      {page.rows.length === 0 ? (
        <p>{t('mobilisation.calls.none')}</p>
      ) : (
        <ul class="actor-list">
          {page.rows.map((c) => (
            <li>
              <a class="actor-name" href={`/mobilisation/appels/${c.id}`}>
                {c.title}
              </a>{' '}
              <PhaseBadge phase={phaseOf(c)} />
              <span class="actor-meta">
                {t('mobilisation.call.by', { organisation: c.organisation_name, territory: c.territory_name })} · <Day day={c.starts_on} /> – <Day day={c.ends_on} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </MobilisationPage>
  )
}

export interface CallPageProps {
  call: Call
  phase: CallPhase
  content: CallContent
  progress: GoalProgress[]
  pledges: PageOf<PledgeListRow>
  manage: boolean
  /** pledges to follow up (publisher's admins only; null for others) */
  toFollow: number | null
}

export function CallPage({ call, phase, content, progress, pledges, manage, toFollow }: CallPageProps) {
  const { t, locale, csrfToken, path } = useView()
  return (
    <MobilisationPage title={call.title} trail={[{ label: t('mobilisation.calls.title'), href: '/mobilisation/appels' }]}>
      <h1>
        {call.title} <PhaseBadge phase={phase} />
      </h1>
      <p class="lead">{call.summary}</p>
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.call.publisher')}</dt>
          <dd>
            <a href={`/acteurs/${call.organisation_id}`}>{call.organisation_name}</a>
            {content.space ? (
              <>
                {' · '}
                <a href={`/espaces/${content.space.id}`}>{content.space.name}</a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.call.territory')}</dt>
          <dd>
            <a href={`/territoires/${call.territory_id.replace(':', '/')}`}>{call.territory_name}</a>
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.call.period')}</dt>
          <dd>
            <Day day={call.starts_on} /> – <Day day={call.ends_on} />
          </dd>
        </div>
      </dl>
      {manage ? (
        <section aria-labelledby="gestion" class="notice">
          <h2 id="gestion">{t('mobilisation.call.manage')}</h2>
          {toFollow !== null ? <p>{t('mobilisation.call.toFollow', { count: toFollow })}</p> : null}
          <ul class="actions">
            {call.status !== 'closed' ? (
              <li>
                <a class="button button-secondary" href={`/mobilisation/appels/${call.id}/modifier`}>
                  {t('mobilisation.call.edit')}
                </a>
              </li>
            ) : null}
            {call.status === 'draft' ? (
              <li>
                <form method="post" action={`/mobilisation/appels/${call.id}/publier`} class="inline-form">
                  <input type="hidden" name="_csrf" value={csrfToken()} />
                  <button type="submit" class="button">
                    {t('mobilisation.call.publish')}
                  </button>
                </form>
              </li>
            ) : null}
            {call.status === 'published' ? (
              <li>
                <form method="post" action={`/mobilisation/appels/${call.id}/cloturer`} class="inline-form">
                  <input type="hidden" name="_csrf" value={csrfToken()} />
                  <button type="submit" class="button button-secondary">
                    {t('mobilisation.call.close')}
                  </button>
                </form>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="objectifs">
        <h2 id="objectifs">{t('mobilisation.call.goals')}</h2>
        {progress.map((g) => (
          <Progress id={`objectif-${g.kind}`} label={t(`mobilisation.help.${g.kind}`)} value={g.fulfilled} max={g.target} unit={g.unit} />
        ))}
        <DataTable
          caption={t('mobilisation.call.progressTable')}
          rows={progress}
          columns={[
            { header: t('mobilisation.help.kind'), cell: (g) => t(`mobilisation.help.${g.kind}`) },
            { header: t('mobilisation.call.target'), cell: (g) => <Amount hundredths={g.target} unit={g.unit} />, numeric: true },
            { header: t('mobilisation.call.pledged'), cell: (g) => <Amount hundredths={g.pledged} unit={g.unit} />, numeric: true },
            { header: t('mobilisation.call.fulfilled'), cell: (g) => <Amount hundredths={g.fulfilled} unit={g.unit} />, numeric: true },
            { header: t('mobilisation.call.pledges'), cell: (g) => String(g.pledges), numeric: true },
          ]}
        />
        <p class="muted">{t('mobilisation.call.progressNote')}</p>
        {phase === 'open' ? (
          <p>
            <a class="button" href={`/mobilisation/engagements/nouveau?appel=${call.id}`}>
              {t('mobilisation.call.pledge')}
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="besoins">
        <h2 id="besoins">{t('mobilisation.call.needs')}</h2>
        {content.needs.length === 0 ? (
          <p class="muted">{t('mobilisation.call.noNeeds')}</p>
        ) : (
          <ul>
            {content.needs.map((n) => (
              <li>
                <a href={`/besoins/${n.id}`}>{n.title}</a> <span class="muted">— {n.organisation_name}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="public-vise">
        <h2 id="public-vise">{t('mobilisation.call.audience')}</h2>
        <ul>
          <li>
            {t('mobilisation.call.audience.worlds')}{' '}
            {content.audience.world.length === 0 ? t('mobilisation.call.audience.all') : content.audience.world.map((w, i) => [i > 0 ? ', ' : '', <TermLink kind="world" code={w} />])}
          </li>
          <li>
            {t('mobilisation.call.audience.sizes')} {content.audience.size.length === 0 ? t('mobilisation.call.audience.all') : content.audience.size.map((s) => termLabel('organisation_size', s, locale)).join(', ')}
          </li>
        </ul>
      </section>
      <section aria-labelledby="engagements">
        <h2 id="engagements">{t('mobilisation.call.pledgeList', { count: pledges.total })}</h2>
        {pledges.rows.length === 0 ? (
          <p class="muted">{t('mobilisation.call.noPledges')}</p>
        ) : (
          <DataTable
            caption={t('mobilisation.call.pledgeList', { count: pledges.total })}
            captionHidden
            rows={pledges.rows}
            columns={[
              { header: t('mobilisation.pledge.organisation'), cell: (p) => <a href={`/mobilisation/engagements/${p.id}`}>{p.organisation_name}</a> },
              { header: t('mobilisation.help.kind'), cell: (p) => translateLabel(t, HELP_KIND_LABELS, p.help_kind) },
              { header: t('mobilisation.pledge.quantity'), cell: (p) => <Amount hundredths={Number(p.quantity_hundredths)} unit={p.unit} />, numeric: true },
              { header: t('mobilisation.call.fulfilled'), cell: (p) => <Amount hundredths={Number(p.fulfilled_hundredths)} unit={p.unit} />, numeric: true },
              { header: t('mobilisation.pledge.pledgedOn'), cell: (p) => <Day day={p.pledged_on} /> },
            ]}
          />
        )}
        <Pagination page={pledges.page} pageCount={pledges.pageCount} href={path} />
      </section>
    </MobilisationPage>
  )
}

export interface CallFormProps {
  action: string
  state: FormState
  creating: boolean
  organisations: Option[]
  spaces: Option[]
  needs: Option[]
}

export function CallForm({ action, state, creating, organisations, spaces, needs }: CallFormProps) {
  const { t, locale } = useView()
  const title = creating ? t('mobilisation.calls.new') : t('mobilisation.call.edit')
  return (
    <MobilisationPage title={title} trail={[{ label: t('mobilisation.calls.title'), href: '/mobilisation/appels' }]}>
      <h1>{title}</h1>
      <p class="lead">{t('mobilisation.callForm.intro')}</p>
      <Form action={action} state={state} submitLabel={creating ? t('mobilisation.callForm.create') : t('mobilisation.form.save')}>
        {creating ? <SelectField name="organisation_id" label={t('mobilisation.callForm.organisation')} hint={t('mobilisation.callForm.organisationHint')} required options={organisations} /> : null}
        {creating && spaces.length > 0 ? <SelectField name="space_id" label={t('mobilisation.callForm.space')} options={spaces} placeholder={t('mobilisation.callForm.noSpace')} /> : null}
        <TextField name="title" label={t('mobilisation.callForm.title')} required maxLength={200} />
        <TextArea name="summary" label={t('mobilisation.callForm.summary')} hint={t('mobilisation.callForm.summaryHint')} required rows={5} />
        <TextField name="territory" label={t('mobilisation.callForm.territory')} hint={t('mobilisation.form.territoryHint')} required maxLength={200} />
        <TextField name="starts_on" type="date" label={t('mobilisation.callForm.startsOn')} required />
        <TextField name="ends_on" type="date" label={t('mobilisation.callForm.endsOn')} required />
        <fieldset>
          <legend>{t('mobilisation.callForm.goals')}</legend>
          <p class="hint">{t('mobilisation.callForm.goalsHint')}</p>
          {HELP_KINDS.map((kind) => (
            <TextField name={`goal_${kind}`} label={t('mobilisation.callForm.goal', { kind: t(`mobilisation.help.${kind}`), unit: t(`mobilisation.unit.${HELP[kind].unit}`) })} inputMode="numeric" maxLength={30} />
          ))}
        </fieldset>
        {needs.length > 0 ? <CheckboxGroup name="need_ids" legend={t('mobilisation.callForm.needs')} hint={t('mobilisation.callForm.needsHint')} options={needs} /> : <p class="muted">{t('mobilisation.callForm.needsLater')}</p>}
        <CheckboxGroup name="worlds" legend={t('mobilisation.callForm.worlds')} hint={t('mobilisation.callForm.allWhenNone')} options={termOptions('world', locale)} columns />
        <CheckboxGroup name="sizes" legend={t('mobilisation.callForm.sizes')} hint={t('mobilisation.callForm.allWhenNone')} options={termOptions('organisation_size', locale)} columns />
        <TextArea name="audience_territories" label={t('mobilisation.callForm.audienceTerritories')} hint={t('mobilisation.callForm.audienceTerritoriesHint')} rows={3} />
      </Form>
    </MobilisationPage>
  )
}
