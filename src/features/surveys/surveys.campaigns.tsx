/**
 * Campaign pages for analysts (`/campagnes/:id`): settings (territory, target segments, dates, answering
 * mode), invitation codes, the weighting page (margins, presets, diagnostics), the results page with its
 * breakdowns, the anonymised microdata export, publication and outside figures.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../core/access/actor.js'
import { AppError, type FieldProblem } from '../../core/errors.js'
import { formValuesOf, parseForm, requireId } from '../../core/http/forms.js'
import { formatDate, formatNumber } from '../../core/i18n/index.js'
import { DataTable } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { CheckboxGroup, ErrorSummary, Form, SelectField, TextField, type FormState, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { findTerritoryById, type Territory } from '../territories/index.js'
import { termOptions } from '../vocabulary/index.js'
import type { StudyResults } from './surveys.analysis.js'
import { BarChart } from './charts/BarChart.js'
import { allQuestions, parseDefinition, PROFILE_ROLES, profileQuestion, type Definition, type ProfileRole } from './surveys.definition.js'
import { microdataCsv } from './surveys.export.js'
import { campaignStatus, TerritoryCandidates } from './surveys.pages.js'
import { PRESET_KEYS, type PresetKey } from './surveys.presets.js'
import { countResponses, findPublication, listExternalFigures, listTextAnswers, listWeightings, type Campaign, type ExternalFigure, type Publication, type SurveyScope, type Weighting } from './surveys.queries.js'
import type { ResultsView as ResultsViewKey, SurveyAnalysis } from './surveys.results.js'
import { CampaignForm, CodesForm, ExternalFigureForm, PublicationForm, ResultsQuery, WeightingQuery } from './surveys.schemas.js'
import {
  activeWeighting,
  addExternalFigure,
  applyWeighting,
  createCampaign,
  deleteExternalFigure,
  generateInvitationCodes,
  loadCampaign,
  loadQuestionnaire,
  parisToday,
  publishStudy,
  resolveTerritory,
  unpublishStudy,
  updateCampaign,
  type CampaignData,
  type Methodology,
} from './surveys.service.js'
import { marginCells, presetSettings, readWeightingForm, structureOf, valuesOfSettings } from './surveys.weighting-form.js'
import { cellField, marginField, type WeightingSettings, type WeightingSummary } from './surveys.weighting.js'
import { base, pct } from './views/format.js'
import { ResultsView, roleLabel } from './views/ResultsView.js'

/** The analysis service and the public URL (answer links). */
export interface CampaignPagesOptions {
  analysis: SurveyAnalysis
  publicUrl: string
}

// --- campaign settings form -------------------------------------------------------------------------------

function CampaignFields({ candidates }: { candidates: Territory[] }) {
  const { t, locale } = useView()
  return (
    <>
      <TextField name="title" label={t('surveys.field.campaignTitle')} required maxLength={200} />
      <TextField name="territory" label={t('surveys.field.campaignTerritory')} hint={t('surveys.field.campaignTerritoryHint')} maxLength={100} />
      <TerritoryCandidates candidates={candidates} />
      <CheckboxGroup name="segments" legend={t('surveys.field.segments')} hint={t('surveys.field.segmentsHint')} options={termOptions('respondent_segment', locale)} />
      <TextField name="opens_on" label={t('surveys.field.opensOn')} hint={t('surveys.field.dateHint')} type="date" required />
      <TextField name="closes_on" label={t('surveys.field.closesOn')} hint={t('surveys.field.dateHint')} type="date" required />
      <SelectField
        name="mode"
        label={t('surveys.field.mode')}
        hint={t('surveys.field.modeHint')}
        required
        options={(['anonymous', 'invitation', 'signed_in'] as const).map((m) => ({ value: m, label: t(`surveys.mode.${m}`) }))}
      />
    </>
  )
}

function NewCampaignPage({ questionnaireId, questionnaireTitle, state, candidates }: { questionnaireId: string; questionnaireTitle: string; state: FormState; candidates: Territory[] }) {
  const { t } = useView()
  return (
    <Layout title={t('surveys.campaign.new')} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: questionnaireTitle, href: `/enquetes/${questionnaireId}` }, { label: t('surveys.campaign.new') }]}>
      <h1>{t('surveys.campaign.new')}</h1>
      <p class="lead">{t('surveys.campaign.newIntro')}</p>
      <Form action={`/enquetes/${questionnaireId}/campagnes`} state={state} submitLabel={t('surveys.campaign.create')}>
        <CampaignFields candidates={candidates} />
      </Form>
    </Layout>
  )
}

function campaignValues(campaign: Campaign, territory: Territory | undefined): FormValues {
  return {
    title: campaign.title,
    territory: territory ? territory.name : '',
    territory_choice: campaign.territory_id ?? '',
    segments: campaign.segments.split(',').filter(Boolean),
    opens_on: campaign.opens_on,
    closes_on: campaign.closes_on,
    mode: campaign.mode,
  }
}

async function campaignDataFrom(app: FastifyInstance, body: unknown): Promise<{ data: CampaignData | null; problems: FieldProblem[]; candidates: Territory[] }> {
  const parsed = parseForm(CampaignForm, body)
  if (!parsed.ok) return { data: null, problems: parsed.errors, candidates: [] }
  const territory = await resolveTerritory(app.db, parsed.value.territory, parsed.value.territory_choice)
  if (territory.problem) return { data: null, problems: [territory.problem], candidates: territory.candidates }
  return {
    data: {
      title: parsed.value.title,
      territoryId: territory.territoryId,
      segments: parsed.value.segments,
      opensOn: parsed.value.opens_on,
      closesOn: parsed.value.closes_on,
      mode: parsed.value.mode as CampaignData['mode'],
    },
    problems: [],
    candidates: [],
  }
}

// --- campaign page ----------------------------------------------------------------------------------------

interface CampaignPageData {
  campaign: Campaign
  questionnaireTitle: string
  territory: Territory | undefined
  counts: { drafts: number; submitted: number }
  weightings: Weighting[]
  publication: Publication | undefined
  figures: ExternalFigure[]
  def: Definition
}

interface CampaignPageProps {
  data: CampaignPageData
  answerUrl: string
  settings: FormState
  candidates: Territory[]
  codes: string[] | null
  codesState: FormState
  publication: FormState
  figure: FormState
}

function CampaignPage({ data, answerUrl, settings, candidates, codes, codesState, publication, figure }: CampaignPageProps) {
  const { t, locale, csrfToken } = useView()
  const c = data.campaign
  const status = campaignStatus(c, parisToday())
  const active = data.weightings.find((w) => w.version === c.weighting_version)
  const questions = allQuestions(data.def)
  return (
    <Layout title={c.title} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: data.questionnaireTitle, href: `/enquetes/${c.questionnaire_id}` }, { label: c.title }]}>
      <p class="kicker">
        <span class={`badge status-${status}`}>{t(`surveys.status.${status}`)}</span> {c.is_synthetic ? <span class="badge badge-demo">{t('surveys.synthetic.badge')}</span> : null}
      </p>
      <h1>{c.title}</h1>
      <dl class="facts">
        <div>
          <dt>{t('surveys.method.territory')}</dt>
          <dd>{data.territory?.name ?? t('surveys.national')}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.dates')}</dt>
          <dd>{t('surveys.method.period', { from: formatDate(locale, c.opens_on), to: formatDate(locale, c.closes_on) })}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.mode')}</dt>
          <dd>{t(`surveys.mode.${c.mode}`)}</dd>
        </div>
        <div>
          <dt>{t('surveys.campaign.responses')}</dt>
          <dd>{t('surveys.campaign.counts', { submitted: formatNumber(locale, data.counts.submitted), drafts: formatNumber(locale, data.counts.drafts) })}</dd>
        </div>
        <div>
          <dt>{t('surveys.campaign.answerLink')}</dt>
          <dd>
            <a href={`/repondre/${c.id}`}>{answerUrl}</a>
          </dd>
        </div>
      </dl>
      <ul class="actions">
        <li>
          <a class="button" href={`/campagnes/${c.id}/redressement`}>
            {t('surveys.weighting.title')}
          </a>
        </li>
        <li>
          <a class="button" href={`/campagnes/${c.id}/resultats`}>
            {t('surveys.results.title')}
          </a>
        </li>
        {data.publication ? (
          <li>
            <a class="button button-secondary" href={`/etudes/${c.id}`}>
              {t('surveys.publication.see')}
            </a>
          </li>
        ) : null}
      </ul>
      <p>{active ? t('surveys.campaign.weightedWith', { version: active.version, date: formatDate(locale, active.created_at) }) : t('surveys.campaign.notWeighted')}</p>

      <section aria-labelledby="publication-heading">
        <h2 id="publication-heading">{t('surveys.publication.title')}</h2>
        {data.publication ? <p>{t('surveys.publication.published', { date: formatDate(locale, data.publication.published_at), author: data.publication.author })}</p> : <p>{t('surveys.publication.notPublished')}</p>}
        <p class="hint">{t('surveys.publication.hint')}</p>
        <Form action={`/campagnes/${c.id}/publication`} state={publication} submitLabel={data.publication ? t('surveys.publication.republish') : t('surveys.publication.publish')}>
          <input type="hidden" name="op" value="publish" />
          <TextField name="author" label={t('surveys.field.author')} hint={t('surveys.field.authorHint')} required maxLength={200} />
        </Form>
        {data.publication ? (
          <form method="post" action={`/campagnes/${c.id}/publication`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken()} />
            <input type="hidden" name="op" value="unpublish" />
            <button type="submit" class="link-button danger">
              {t('surveys.publication.unpublish')}
            </button>
          </form>
        ) : null}
      </section>

      {c.mode === 'invitation' || codesState.errors.length > 0 ? (
        <section aria-labelledby="codes-heading">
          <h2 id="codes-heading">{t('surveys.codes.title')}</h2>
          <p class="hint">{t('surveys.codes.hint')}</p>
          {codes ? (
            <div class="notice notice-success" role="status">
              <p>{t('surveys.codes.created', { count: codes.length })}</p>
              <ul class="codes">
                {codes.map((code) => (
                  <li>
                    <code>{code}</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form action={`/campagnes/${c.id}/codes`} state={codesState} submitLabel={t('surveys.codes.submit')}>
            <TextField name="count" label={t('surveys.field.codeCount')} type="number" required />
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">{t('surveys.figures.manage')}</h2>
        <p class="hint">{t('surveys.figures.hint')}</p>
        {data.figures.length > 0 ? (
          <DataTable
            caption={t('surveys.figures.caption', { count: data.figures.length })}
            rows={data.figures}
            columns={[
              { header: t('surveys.figures.population'), cell: (f) => f.population },
              { header: t('surveys.figures.value'), numeric: true, cell: (f) => `${formatNumber(locale, f.value, 0)} %` },
              { header: t('surveys.figures.source'), cell: (f) => t('surveys.figures.stamp', { source: f.source, date: f.published_on, base: f.base }) },
              {
                header: t('surveys.figures.actions'),
                cell: (f) => (
                  <form method="post" action={`/campagnes/${c.id}/chiffres/${f.id}/supprimer`} class="inline-form">
                    <input type="hidden" name="_csrf" value={csrfToken()} />
                    <button type="submit" class="link-button danger">
                      {t('surveys.figures.delete', { population: f.population })}
                    </button>
                  </form>
                ),
              },
            ]}
          />
        ) : null}
        <Form action={`/campagnes/${c.id}/chiffres`} state={figure} submitLabel={t('surveys.figures.add')}>
          <SelectField name="question_key" label={t('surveys.figures.question')} options={questions.map((q, i) => ({ value: q.key, label: `Q${i + 1}. ${q.label.slice(0, 80)}` }))} placeholder={t('surveys.figures.general')} />
          <TextField name="population" label={t('surveys.figures.population')} hint={t('surveys.figures.populationHint')} required maxLength={200} />
          <TextField name="value" label={t('surveys.figures.value')} inputMode="numeric" required maxLength={10} />
          <TextField name="source" label={t('surveys.figures.source')} hint={t('surveys.figures.sourceHint')} required maxLength={300} />
          <TextField name="published_on" label={t('surveys.figures.date')} hint={t('surveys.figures.dateHint')} required maxLength={40} />
          <TextField name="base" label={t('surveys.figures.base')} hint={t('surveys.figures.baseHint')} required maxLength={200} />
          <TextField name="url" label={t('surveys.figures.url')} type="url" maxLength={500} />
        </Form>
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('surveys.campaign.settings')}</h2>
        <Form action={`/campagnes/${c.id}`} state={settings} submitLabel={t('surveys.campaign.save')}>
          <CampaignFields candidates={candidates} />
        </Form>
      </section>
    </Layout>
  )
}

// --- weighting page ---------------------------------------------------------------------------------------

function WeightingDiagnostics({ summary, settings }: { summary: WeightingSummary; settings: WeightingSettings }) {
  const { t, locale } = useView()
  return (
    <section aria-labelledby="diagnostics-heading" class="weighting-diagnostics">
      <h2 id="diagnostics-heading">{t('surveys.weighting.diagnostics')}</h2>
      <p class="survey-headline">{t('surveys.results.baseAll', { base: base(locale, t, summary.base), label: settings.baseLabel })}</p>
      <dl class="facts">
        <div>
          <dt>{t('surveys.weighting.method')}</dt>
          <dd>{t(`surveys.method.method.${summary.method}`)}</dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.convergence')}</dt>
          <dd>{summary.converged ? t('surveys.weighting.converged', { count: summary.iterations }) : t('surveys.weighting.notConverged')}</dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.sample')}</dt>
          <dd>
            {t('surveys.method.n', { n: formatNumber(locale, summary.n) })}
            {summary.excluded > 0 ? ` ${t('surveys.weighting.excluded', { count: summary.excluded, roles: summary.excludedRoles.map((r) => roleLabel(t, r)).join(', ') })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.deff')}</dt>
          <dd>{formatNumber(locale, summary.deff, 2)}</dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.nEff')}</dt>
          <dd>{formatNumber(locale, summary.nEff, 0)}</dd>
        </div>
        <div>
          <dt>{t('surveys.weighting.ratios')}</dt>
          <dd>{t('surveys.weighting.ratiosValue', { min: formatNumber(locale, summary.weights.min / summary.weights.mean, 2), max: formatNumber(locale, summary.weights.max / summary.weights.mean, 2), cv: formatNumber(locale, summary.weights.cv, 2) })}</dd>
        </div>
        {summary.trimmed ? (
          <div>
            <dt>{t('surveys.weighting.trimmed')}</dt>
            <dd>{t('surveys.weighting.trimmedValue', { lower: summary.trimmed.lower, upper: summary.trimmed.upper })}</dd>
          </div>
        ) : null}
      </dl>
      {settings.source ? <p class="notice notice-info">{settings.source}</p> : null}
      <h3>{t('surveys.weighting.trace')}</h3>
      <DataTable
        caption={t('surveys.weighting.traceCaption')}
        rows={summary.trace.map((delta, i) => ({ i: i + 1, delta }))}
        columns={[
          { header: summary.method === 'rake' ? t('surveys.weighting.sweep') : t('surveys.weighting.iteration'), numeric: true, cell: (r) => r.i },
          { header: summary.method === 'rake' ? t('surveys.weighting.delta') : t('surveys.weighting.misfit'), numeric: true, cell: (r) => (r.delta === 0 ? '0' : r.delta.toExponential(2).replace('.', locale === 'fr' ? ',' : '.')) },
        ]}
      />
      <h3>{t('surveys.weighting.distribution')}</h3>
      <BarChart
        id="weights"
        title={t('surveys.weighting.distributionTitle')}
        desc={t('surveys.weighting.distributionDesc')}
        data={summary.histogram.map((b) => ({ label: Number.isFinite(b.to) ? `${formatNumber(locale, b.from, 2)} – ${formatNumber(locale, b.to, 2)}` : `≥ ${formatNumber(locale, b.from, 2)}`, value: summary.n > 0 ? b.count / summary.n : 0 }))}
        max={1}
        format={(v) => pct(locale, v)}
        tickFormat={(v) => `${formatNumber(locale, v * 100, 0)}\u00a0%`}
        suppressedLabel="—"
      />
      <DataTable
        caption={t('surveys.weighting.distributionCaption')}
        rows={summary.histogram}
        columns={[
          { header: t('surveys.weighting.ratioRange'), cell: (b) => (Number.isFinite(b.to) ? `${formatNumber(locale, b.from, 2)} – ${formatNumber(locale, b.to, 2)}` : `≥ ${formatNumber(locale, b.from, 2)}`) },
          { header: t('surveys.weighting.respondents'), numeric: true, cell: (b) => formatNumber(locale, b.count) },
          { header: t('surveys.results.share'), numeric: true, cell: (b) => pct(locale, summary.n > 0 ? b.count / summary.n : 0) },
        ]}
      />
      <h3>{t('surveys.weighting.margins')}</h3>
      {summary.margins.map((m) => (
        <DataTable
          caption={t('surveys.weighting.marginCaption', { variable: m.roles.map((r) => roleLabel(t, r)).join(' × ') })}
          rows={m.cells}
          columns={[
            { header: t('surveys.weighting.category'), cell: (c) => c.labels.join(' × ') },
            { header: t('surveys.weighting.population'), numeric: true, cell: (c) => pct(locale, c.population) },
            { header: t('surveys.weighting.sampleShare'), numeric: true, cell: (c) => pct(locale, c.sample) },
            { header: t('surveys.weighting.weightedShare'), numeric: true, cell: (c) => pct(locale, c.weighted) },
            { header: t('surveys.results.n'), numeric: true, cell: (c) => formatNumber(locale, c.sampleN) },
          ]}
        />
      ))}
    </section>
  )
}

function MarginInputs({ def, roles, values, errors }: { def: Definition; roles: ProfileRole[]; values: FormValues; errors: FieldProblem[] }) {
  const { t } = useView()
  const label = roles.map((r) => roleLabel(t, r)).join(' × ')
  const field = marginField(roles)
  const marginError = errors.find((e) => e.field === field)
  const fieldId = (name: string) => `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
  const input = (codes: string[], text: string) => {
    const name = cellField(roles, codes)
    const problem = errors.find((e) => e.field === name)
    const raw = values[name]
    return (
      <div class={problem ? 'field field-has-error margin-cell' : 'field margin-cell'}>
        <label for={fieldId(name)} class="margin-label">
          {text}
        </label>
        {problem ? (
          <p class="field-error" id={`${fieldId(name)}-error`}>
            {t(problem.message, problem.params)}
          </p>
        ) : null}
        <input id={fieldId(name)} name={name} type="text" inputMode="decimal" value={typeof raw === 'string' ? raw : ''} maxLength={20} aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? `${fieldId(name)}-error` : undefined} />
      </div>
    )
  }
  const q0 = profileQuestion(def, roles[0] as ProfileRole)
  const q1 = roles[1] ? profileQuestion(def, roles[1]) : undefined
  return (
    <fieldset class={marginError ? 'field field-has-error margin' : 'field margin'} id={fieldId(field)} tabIndex={-1}>
      <legend>{t('surveys.weighting.marginLegend', { variable: label })}</legend>
      {marginError ? <p class="field-error">{t(marginError.message, marginError.params)}</p> : null}
      <div class="margin-grid">
        {q1
          ? (q0?.options ?? []).flatMap((a) => q1.options.map((b) => input([a.code, b.code], `${a.label} × ${b.label}`)))
          : marginCells(def, roles).map((codes) => input(codes, q0?.options.find((o) => o.code === codes[0])?.label ?? (codes[0] as string)))}
      </div>
    </fieldset>
  )
}

function WeightingPage({ campaign, def, state, active, presetProblem, n }: { campaign: Campaign; def: Definition; state: FormState; active: { settings: WeightingSettings; summary: WeightingSummary; version: number } | null; presetProblem: string | null; n: number }) {
  const { t, csrfToken } = useView()
  const roles = PROFILE_ROLES.filter((r) => profileQuestion(def, r))
  const structure = structureOf(def, state.values)
  const title = t('surveys.weighting.title')
  const unit = state.values.unit === 'shares' ? 'shares' : 'totals'
  const text = (name: string) => (typeof state.values[name] === 'string' ? (state.values[name] as string) : '')
  return (
    <Layout title={`${title} — ${campaign.title}`} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: campaign.title, href: `/campagnes/${campaign.id}` }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('surveys.weighting.intro', { n })}</p>
      {active ? <WeightingDiagnostics summary={active.summary} settings={active.settings} /> : <p>{t('surveys.campaign.notWeighted')}</p>}
      <h2>{t('surveys.weighting.formTitle')}</h2>
      <ul class="actions">
        {PRESET_KEYS.map((key) => (
          <li>
            <a class="button button-secondary" href={`/campagnes/${campaign.id}/redressement?preset=${key}`}>
              {t(`surveys.preset.${key}`)}
            </a>
          </li>
        ))}
      </ul>
      <p class="hint">{t('surveys.preset.hint')}</p>
      {presetProblem ? <p class="notice notice-info">{t(presetProblem)}</p> : null}
      {roles.length === 0 ? (
        <p class="notice notice-info">{t('surveys.weighting.noProfile')}</p>
      ) : (
        <form method="post" action={`/campagnes/${campaign.id}/redressement`} class="form weighting-form" noValidate>
          <ErrorSummary errors={state.errors} />
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <input type="hidden" name="preset" value={text('preset')} />
          <fieldset class="field" id="champ-structure" tabIndex={-1}>
            <legend>{t('surveys.weighting.structure')}</legend>
            <p class="hint">{t('surveys.weighting.structureHint')}</p>
            {roles.map((role) => (
              <div class="field inline-field">
                <label for={`group-${role}`}>{roleLabel(t, role)}</label>{' '}
                <select id={`group-${role}`} name={`group_${role}`}>
                  <option value="">{t('surveys.weighting.notUsed')}</option>
                  {[1, 2, 3, 4].map((g) => (
                    <option value={String(g)} selected={state.values[`group_${role}`] === String(g)}>
                      {t('surveys.weighting.margin', { number: g })}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" name="op" value="refresh" class="button button-small button-secondary">
              {t('surveys.weighting.refresh')}
            </button>
          </fieldset>
          <fieldset class="field">
            <legend>{t('surveys.weighting.unit')}</legend>
            {(['totals', 'shares'] as const).map((u) => (
              <div class="radio">
                <input type="radio" id={`unit-${u}`} name="unit" value={u} checked={unit === u} />
                <label for={`unit-${u}`}>{t(`surveys.weighting.unit.${u}`)}</label>
              </div>
            ))}
          </fieldset>
          <TextInput name="base" label={t('surveys.weighting.base')} hint={t('surveys.weighting.baseHint')} state={state} />
          <TextInput name="base_label" label={t('surveys.weighting.baseLabel')} hint={t('surveys.weighting.baseLabelHint')} state={state} />
          <TextInput name="source" label={t('surveys.weighting.source')} hint={t('surveys.weighting.sourceHint')} state={state} />
          {structure.map((m) => (
            <MarginInputs def={def} roles={m} values={state.values} errors={state.errors} />
          ))}
          <fieldset class="field">
            <legend>{t('surveys.weighting.options')}</legend>
            <p class="hint">{t('surveys.weighting.boundsHint')}</p>
            <TextInput name="bounds_low" label={t('surveys.weighting.boundsLow')} state={state} />
            <TextInput name="bounds_high" label={t('surveys.weighting.boundsHigh')} state={state} />
            <p class="hint">{t('surveys.weighting.trimHint')}</p>
            <TextInput name="trim_low" label={t('surveys.weighting.trimLow')} state={state} />
            <TextInput name="trim_high" label={t('surveys.weighting.trimHigh')} state={state} />
          </fieldset>
          <div class="form-actions">
            <button type="submit" name="op" value="apply" class="button">
              {t('surveys.weighting.apply')}
            </button>
          </div>
        </form>
      )}
    </Layout>
  )
}

/** A plain labelled text input reading its value and error from a form state (outside the core Form). */
function TextInput({ name, label, hint, state }: { name: string; label: string; hint?: string; state: FormState }) {
  const { t } = useView()
  const id = `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
  const problem = state.errors.find((e) => e.field === name)
  const raw = state.values[name]
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class={problem ? 'field field-has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" id={`${id}-error`}>
          {t(problem.message, problem.params)}
        </p>
      ) : null}
      <input id={id} name={name} type="text" value={typeof raw === 'string' ? raw : ''} maxLength={500} aria-invalid={problem ? 'true' : undefined} aria-describedby={described} />
    </div>
  )
}

// --- results page -----------------------------------------------------------------------------------------

/** The methodology of a campaign as it stands (unpublished: no author yet). */
export function currentMethodology(campaign: Campaign, organisation: string, territory: string | null, settings: WeightingSettings | null, results: StudyResults, author: string): Methodology {
  return {
    title: campaign.title,
    organisation,
    author,
    territory,
    segments: campaign.segments.split(',').filter(Boolean),
    opensOn: campaign.opens_on,
    closesOn: campaign.closes_on,
    mode: campaign.mode,
    n: results.n,
    excluded: results.excluded,
    weighted: settings !== null,
    base: results.baseWeighted,
    baseLabel: settings?.baseLabel ?? '',
    margins: (settings?.margins ?? []).map((m) => ({ roles: m.roles })),
    marginsSource: settings?.source ?? '',
    method: settings ? (settings.bounds ? 'calibrate' : 'rake') + (settings.trim ? '+trim' : '') : 'none',
    synthetic: campaign.is_synthetic === 1,
    publishedAt: '',
  }
}

function ResultsPage({ campaign, results, methodology, figures, texts }: { campaign: Campaign; results: StudyResults; methodology: Methodology; figures: ExternalFigure[]; texts: Record<string, string[]> }) {
  const { t } = useView()
  const title = t('surveys.results.title')
  return (
    <Layout title={`${title} — ${campaign.title}`} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: campaign.title, href: `/campagnes/${campaign.id}` }, { label: title }]}>
      <h1>
        {title} — {campaign.title}
      </h1>
      <p class="notice notice-info">{t('surveys.results.private')}</p>
      <ResultsView results={results} methodology={methodology} figures={figures} action={`/campagnes/${campaign.id}/resultats`} texts={texts}>
        <ul class="actions">
          <li>
            <a href={`/campagnes/${campaign.id}/redressement`}>{t('surveys.weighting.title')}</a>
          </li>
          <li>
            <a href={`/campagnes/${campaign.id}/microdonnees.csv`}>{t('surveys.export.microdata')}</a>
          </li>
        </ul>
      </ResultsView>
    </Layout>
  )
}

// --- routes -----------------------------------------------------------------------------------------------

function definitionOf(db: FastifyInstance['db'], scope: SurveyScope, campaign: Campaign) {
  return db.selectFrom('survey_questionnaires').select(['definition', 'title']).where('id', '=', campaign.questionnaire_id).where('organisation_id', '=', scope.organisationId).executeTakeFirstOrThrow()
}

/** Registers the campaign, weighting, results, microdata, publication and figures routes (analysts). */
export async function campaignPages(app: FastifyInstance, options: CampaignPagesOptions): Promise<void> {
  const db = app.db
  const { analysis } = options

  app.get('/enquetes/:id/campagnes/nouvelle', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const { questionnaire } = await loadQuestionnaire(db, request.actor, id)
    const today = parisToday()
    const closes = new Date(Date.parse(`${today}T12:00:00Z`) + 30 * 86400_000).toISOString().slice(0, 10)
    const values: FormValues = { title: questionnaire.title, opens_on: today, closes_on: closes, mode: 'anonymous', segments: ['citoyen'] }
    if (questionnaire.territory_id) {
      const territory = await findTerritoryById(db, questionnaire.territory_id)
      if (territory) {
        values.territory = territory.name
        values.territory_choice = territory.id
      }
    }
    return reply.page(<NewCampaignPage questionnaireId={id} questionnaireTitle={questionnaire.title} state={{ values, errors: [] }} candidates={[]} />)
  })

  app.post('/enquetes/:id/campagnes', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const { questionnaire } = await loadQuestionnaire(db, request.actor, id)
    const values = formValuesOf(request.body)
    const rerender = (errors: FieldProblem[], candidates: Territory[], status = 400) => reply.page(<NewCampaignPage questionnaireId={id} questionnaireTitle={questionnaire.title} state={{ values, errors }} candidates={candidates} />, status)
    const { data, problems, candidates } = await campaignDataFrom(app, request.body)
    if (!data) return rerender(problems, candidates)
    try {
      const campaignId = await createCampaign(db, request.actor, id, data)
      reply.setFlash({ kind: 'success', message: 'surveys.campaign.created' })
      return reply.redirect(`/campagnes/${campaignId}`, 303)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return rerender(error.fields, [], error.status)
      throw error
    }
  })

  async function campaignData(actor: Actor, id: string): Promise<CampaignPageData & { scope: SurveyScope }> {
    const { scope, campaign } = await loadCampaign(db, actor, id)
    const [questionnaire, counts, weightings, publication, figures, territory] = await Promise.all([
      definitionOf(db, scope, campaign),
      countResponses(db, scope, id),
      listWeightings(db, scope, id),
      findPublication(db, scope, id),
      listExternalFigures(db, id),
      campaign.territory_id ? findTerritoryById(db, campaign.territory_id) : Promise.resolve(undefined),
    ])
    return { scope, campaign, questionnaireTitle: questionnaire.title, territory, counts, weightings, publication, figures, def: parseDefinition(questionnaire.definition) }
  }

  interface PageOverrides {
    settings?: FormState
    candidates?: Territory[]
    codes?: string[] | null
    codesState?: FormState
    publication?: FormState
    figure?: FormState
  }

  async function campaignView(request: FastifyRequest, reply: FastifyReply, overrides: PageOverrides = {}, status = 200) {
    const id = requireId((request.params as { id: string }).id)
    const data = await campaignData(request.actor, id)
    return reply.page(
      <CampaignPage
        data={data}
        answerUrl={`${options.publicUrl}/repondre/${id}`}
        settings={overrides.settings ?? { values: campaignValues(data.campaign, data.territory), errors: [] }}
        candidates={overrides.candidates ?? []}
        codes={overrides.codes ?? null}
        codesState={overrides.codesState ?? { values: { count: '20' }, errors: [] }}
        publication={overrides.publication ?? { values: { author: data.publication?.author ?? request.actor.displayName }, errors: [] }}
        figure={overrides.figure ?? { values: {}, errors: [] }}
      />,
      status,
    )
  }

  app.get('/campagnes/:id', async (request, reply) => campaignView(request, reply))

  app.post('/campagnes/:id', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    await loadCampaign(db, request.actor, id)
    const values = formValuesOf(request.body)
    const { data, problems, candidates } = await campaignDataFrom(app, request.body)
    if (!data) return campaignView(request, reply, { settings: { values, errors: problems }, candidates }, 400)
    try {
      await updateCampaign(db, request.actor, id, data)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return campaignView(request, reply, { settings: { values, errors: error.fields } }, error.status)
      throw error
    }
    reply.setFlash({ kind: 'success', message: 'surveys.campaign.saved' })
    return reply.redirect(`/campagnes/${id}`, 303)
  })

  app.post('/campagnes/:id/codes', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    await loadCampaign(db, request.actor, id)
    const parsed = parseForm(CodesForm, request.body)
    if (!parsed.ok) return campaignView(request, reply, { codesState: { values: formValuesOf(request.body), errors: parsed.errors } }, 400)
    try {
      const codes = await generateInvitationCodes(db, request.actor, id, parsed.value.count)
      reply.header('cache-control', 'no-store')
      return campaignView(request, reply, { codes }, 201)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return campaignView(request, reply, { codesState: { values: formValuesOf(request.body), errors: error.fields } }, error.status)
      throw error
    }
  })

  app.post('/campagnes/:id/publication', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    await loadCampaign(db, request.actor, id)
    const parsed = parseForm(PublicationForm, request.body)
    if (!parsed.ok) return campaignView(request, reply, { publication: { values: formValuesOf(request.body), errors: parsed.errors } }, 400)
    if (parsed.value.op === 'unpublish') {
      await unpublishStudy(db, request.actor, id)
      reply.setFlash({ kind: 'success', message: 'surveys.publication.unpublished' })
      return reply.redirect(`/campagnes/${id}`, 303)
    }
    try {
      await publishStudy(db, request.actor, analysis, id, parsed.value.author ?? '')
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return campaignView(request, reply, { publication: { values: formValuesOf(request.body), errors: error.fields } }, error.status)
      throw error
    }
    reply.setFlash({ kind: 'success', message: 'surveys.publication.done' })
    return reply.redirect(`/etudes/${id}`, 303)
  })

  app.post('/campagnes/:id/chiffres', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    await loadCampaign(db, request.actor, id)
    const values = formValuesOf(request.body)
    const parsed = parseForm(ExternalFigureForm, request.body)
    if (!parsed.ok) return campaignView(request, reply, { figure: { values, errors: parsed.errors } }, 400)
    try {
      await addExternalFigure(db, request.actor, id, {
        questionKey: parsed.value.question_key ?? null,
        population: parsed.value.population,
        value: parsed.value.value,
        source: parsed.value.source,
        publishedOn: parsed.value.published_on,
        base: parsed.value.base,
        url: parsed.value.url ?? null,
      })
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return campaignView(request, reply, { figure: { values, errors: error.fields } }, error.status)
      throw error
    }
    reply.setFlash({ kind: 'success', message: 'surveys.figures.added' })
    return reply.redirect(`/campagnes/${id}#figures-heading`, 303)
  })

  app.post('/campagnes/:id/chiffres/:figureId/supprimer', async (request, reply) => {
    const { id, figureId } = request.params as { id: string; figureId: string }
    await deleteExternalFigure(db, request.actor, requireId(id), requireId(figureId))
    reply.setFlash({ kind: 'success', message: 'surveys.figures.deleted' })
    return reply.redirect(`/campagnes/${id}#figures-heading`, 303)
  })

  // --- weighting ---

  async function weightingView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, presetProblem: string | null = null, status = 200) {
    const id = requireId((request.params as { id: string }).id)
    const { scope, campaign } = await loadCampaign(db, request.actor, id)
    const questionnaire = await definitionOf(db, scope, campaign)
    const def = parseDefinition(questionnaire.definition)
    const weightings = await listWeightings(db, scope, id)
    const current = weightings.find((w) => w.version === campaign.weighting_version)
    const active = current ? { settings: JSON.parse(current.settings) as WeightingSettings, summary: JSON.parse(current.summary) as WeightingSummary, version: current.version } : null
    let formState = state
    let problem = presetProblem
    if (!formState) {
      const query = parseForm(WeightingQuery, request.query)
      const preset = query.ok ? query.value.preset : undefined
      if (preset) {
        const outcome = await presetSettings(db, def, preset as PresetKey)
        problem = outcome.problem
        formState = { values: outcome.settings ? valuesOfSettings(outcome.settings) : {}, errors: [] }
      } else formState = { values: active ? valuesOfSettings(active.settings) : { unit: 'shares', base: '' }, errors: [] }
    }
    return reply.page(<WeightingPage campaign={campaign} def={def} state={formState} active={active} presetProblem={problem} n={campaign.submitted_count} />, status)
  }

  app.get('/campagnes/:id/redressement', async (request, reply) => weightingView(request, reply, null))

  app.post('/campagnes/:id/redressement', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const { scope, campaign } = await loadCampaign(db, request.actor, id)
    const def = parseDefinition((await definitionOf(db, scope, campaign)).definition)
    const values = formValuesOf(request.body)
    const op = values.op === 'refresh' ? 'refresh' : 'apply'
    if (op === 'refresh') return weightingView(request, reply, { values, errors: [] })
    const { settings, problems } = readWeightingForm(def, values)
    if (problems.length > 0) return weightingView(request, reply, { values, errors: problems }, null, 400)
    try {
      const version = await applyWeighting(db, request.actor, analysis, id, settings)
      const questionnaire = await definitionOf(db, scope, campaign)
      analysis.warm({ ...campaign, weighting_version: version }, questionnaire.definition, settings, (error) => request.log.warn({ err: error }, 'results warm-up failed'))
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return weightingView(request, reply, { values, errors: error.fields }, null, error.status)
      throw error
    }
    reply.setFlash({ kind: 'success', message: 'surveys.weighting.done' })
    return reply.redirect(`/campagnes/${id}/redressement#diagnostics-heading`, 303)
  })

  // --- results and microdata ---

  app.get('/campagnes/:id/resultats', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const { scope, campaign } = await loadCampaign(db, request.actor, id)
    const query = parseForm(ResultsQuery, request.query)
    const role = query.ok ? query.value.par : undefined
    const view: ResultsViewKey = role ? (`by:${role}` as ResultsViewKey) : 'overall'
    const [questionnaire, settings, figures, organisation, territory] = await Promise.all([
      definitionOf(db, scope, campaign),
      activeWeighting(db, scope, campaign),
      listExternalFigures(db, id),
      db.selectFrom('organisations').select('name').where('id', '=', campaign.organisation_id).executeTakeFirstOrThrow(),
      campaign.territory_id ? findTerritoryById(db, campaign.territory_id) : Promise.resolve(undefined),
    ])
    const results = await analysis.results(campaign, questionnaire.definition, settings, view)
    const def = parseDefinition(questionnaire.definition)
    const textQuestions = allQuestions(def).filter((q) => q.type === 'short_text' || q.type === 'long_text')
    const texts: Record<string, string[]> = {}
    if (textQuestions.length > 0) {
      for (const row of await listTextAnswers(db, scope, id, 500)) {
        const answers = JSON.parse(row.answers) as Record<string, unknown>
        for (const q of textQuestions) {
          const value = answers[q.key]
          if (typeof value === 'string') (texts[`Q${allQuestions(def).indexOf(q) + 1}`] ??= []).push(value)
        }
      }
    }
    const methodology = currentMethodology(campaign, organisation.name, territory?.name ?? null, settings, results, '')
    return reply.page(<ResultsPage campaign={campaign} results={results} methodology={methodology} figures={figures} texts={texts} />)
  })

  app.get('/campagnes/:id/microdonnees.csv', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const { scope, campaign } = await loadCampaign(db, request.actor, id)
    const def = parseDefinition((await definitionOf(db, scope, campaign)).definition)
    const settings = await activeWeighting(db, scope, campaign)
    const input = await analysis.input(campaign, def, settings)
    reply.header('cache-control', 'no-store')
    reply.header('content-disposition', `attachment; filename="microdonnees-${id}.csv"`)
    return reply.type('text/csv; charset=utf-8').send(microdataCsv(def, input.snapshot, input.weighted, id))
  })
}

