/**
 * Questionnaire builder pages (`/enquetes`): the list of an analyst's questionnaires and campaigns, the
 * creation form with its templates, the builder (sections and questions added, moved and removed with
 * server-side forms), the question editor (options, ranking, scale, number settings, display condition,
 * profile role, subtotal), the preview and the duplicate action. Everything works without JavaScript
 * (POST-redirect-GET; on failure the page is re-rendered with an error summary).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, notFound, type FieldProblem } from '../../core/errors.js'
import { formValuesOf, parseForm, requireId } from '../../core/http/forms.js'
import { formatDate } from '../../core/i18n/index.js'
import { DataTable } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { CheckboxGroup, ErrorSummary, Form, SelectField, TextArea, TextField, type FormState, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import type { Territory } from '../territories/index.js'
import { earlierChoiceQuestions, findQuestion, hasOptions, PROFILE_ROLES, QUESTION_TYPES, questionNumber, rankCountOf, type Definition, type Question } from './surveys.definition.js'
import { listCampaignsOf, listQuestionnaires, questionnaireHasResponses, type Campaign, type Questionnaire } from './surveys.queries.js'
import { QuestionAddForm, QuestionEditForm, QuestionMoveForm, QuestionnaireCreateForm, QuestionnaireMetaForm, SectionAddForm, SectionOpForm } from './surveys.schemas.js'
import {
  addQuestionTo,
  addSectionTo,
  changeSection,
  createQuestionnaire,
  deleteQuestionFrom,
  duplicateQuestionnaire,
  loadQuestionnaire,
  moveQuestionIn,
  resolveTerritory,
  saveQuestion,
  updateQuestionnaireMeta,
} from './surveys.service.js'
import { TEMPLATE_KEYS } from './surveys.templates.js'
import { QuestionnaireForm } from './views/QuestionnaireForm.js'
import { roleLabel } from './views/ResultsView.js'

/** A question (`q…`) or section (`s…`) key from the URL, or a 404. */
export function requireKey(value: string, prefix: 'q' | 's'): string {
  if (!new RegExp(`^${prefix}[0-9]{1,4}$`).test(value)) throw notFound()
  return value
}

/** The status of a campaign today: not yet open, open, closed. */
export function campaignStatus(campaign: Pick<Campaign, 'opens_on' | 'closes_on'>, today: string): 'upcoming' | 'open' | 'closed' {
  if (today < campaign.opens_on) return 'upcoming'
  if (today > campaign.closes_on) return 'closed'
  return 'open'
}

// --- list -------------------------------------------------------------------------------------------------

function ListPage({ questionnaires, campaigns }: { questionnaires: Awaited<ReturnType<typeof listQuestionnaires>>; campaigns: Campaign[] }) {
  const { t, locale } = useView()
  return (
    <Layout title={t('surveys.list.title')}>
      <h1>{t('surveys.list.title')}</h1>
      <p class="lead">{t('surveys.list.intro')}</p>
      <ul class="actions">
        <li>
          <a class="button" href="/enquetes/nouvelle">
            {t('surveys.create.title')}
          </a>
        </li>
        <li>
          <a class="button button-secondary" href="/etudes">
            {t('surveys.studies.title')}
          </a>
        </li>
      </ul>
      {questionnaires.length === 0 ? (
        <p>{t('surveys.list.none')}</p>
      ) : (
        <DataTable
          caption={t('surveys.list.caption', { count: questionnaires.length })}
          rows={questionnaires}
          columns={[
            { header: t('surveys.field.title'), cell: (q) => <a href={`/enquetes/${q.id}`}>{q.title}</a> },
            { header: t('surveys.field.organisation'), cell: (q) => q.organisation_name },
            {
              header: t('surveys.list.campaigns'),
              cell: (q) => {
                const mine = campaigns.filter((c) => c.questionnaire_id === q.id)
                return mine.length === 0 ? (
                  '—'
                ) : (
                  <ul class="plain-list">
                    {mine.map((c) => (
                      <li>
                        <a href={`/campagnes/${c.id}`}>{c.title}</a> <span class="muted">({t('surveys.list.responses', { count: c.submitted_count })})</span>
                      </li>
                    ))}
                  </ul>
                )
              },
            },
            { header: t('surveys.list.updated'), cell: (q) => formatDate(locale, q.updated_at) },
          ]}
        />
      )}
    </Layout>
  )
}

// --- create -----------------------------------------------------------------------------------------------

function CreatePage({ state, organisations, candidates }: { state: FormState; organisations: Array<{ id: string; name: string }>; candidates: Territory[] }) {
  const { t } = useView()
  return (
    <Layout title={t('surveys.create.title')} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: t('surveys.create.title') }]}>
      <h1>{t('surveys.create.title')}</h1>
      {organisations.length === 0 ? (
        <p class="notice notice-info">
          {t('surveys.create.noOrganisation')} <a href="/acteurs/nouveau">{t('surveys.create.registerOrganisation')}</a>
        </p>
      ) : (
        <Form action="/enquetes/nouvelle" state={state} submitLabel={t('surveys.create.submit')}>
          <SelectField name="organisation" label={t('surveys.field.organisation')} required options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
          <TextField name="title" label={t('surveys.field.title')} required maxLength={200} />
          <fieldset class="field radio-group" id="champ-template" tabIndex={-1}>
            <legend>{t('surveys.field.template')}</legend>
            {TEMPLATE_KEYS.map((key, i) => (
              <div class="radio">
                <input type="radio" id={`template-${i}`} name="template" value={key} checked={(state.values.template ?? 'barometre') === key} />
                <label for={`template-${i}`}>
                  <strong>{t(`surveys.template.${key}`)}</strong> — {t(`surveys.template.${key}.hint`)}
                </label>
              </div>
            ))}
          </fieldset>
          <TextField name="territory" label={t('surveys.field.territory')} hint={t('surveys.field.territoryHint')} maxLength={100} />
          <TerritoryCandidates candidates={candidates} />
        </Form>
      )}
    </Layout>
  )
}

/** Radio buttons to pick among several territories matching what was typed. */
export function TerritoryCandidates({ candidates }: { candidates: Territory[] }) {
  const { t } = useView()
  if (candidates.length === 0) return null
  return (
    <fieldset class="field radio-group">
      <legend>{t('surveys.field.territoryChoice')}</legend>
      {candidates.map((c, i) => (
        <div class="radio">
          <input type="radio" id={`territory-choice-${i}`} name="territory_choice" value={c.id} />
          <label for={`territory-choice-${i}`}>
            {c.name} ({t(`surveys.kind.${c.kind}`)} {c.code})
          </label>
        </div>
      ))}
    </fieldset>
  )
}

// --- builder ----------------------------------------------------------------------------------------------

function questionSummary(t: (k: string, p?: Record<string, string | number>) => string, def: Definition, q: Question): string[] {
  const lines: string[] = [t(`surveys.type.${q.type}`)]
  lines.push(q.required ? t('surveys.builder.required') : t('surveys.builder.optional'))
  if (q.type === 'ranking') lines.push(t('surveys.builder.rankSummary', { k: rankCountOf(q), m: q.options.length }))
  if (q.type === 'scale' && q.scale) lines.push(`${q.scale.min}–${q.scale.max}`)
  if (q.profile) lines.push(t('surveys.builder.profile', { role: t(`surveys.role.${q.profile}`) }))
  if (q.condition) {
    const target = findQuestion(def, q.condition.question)
    lines.push(t('surveys.builder.condition', { number: target ? questionNumber(def, target.key) : '?' }))
  }
  return lines
}

function BuilderPage({ questionnaire, def, campaigns, frozen, errors, metaState }: { questionnaire: Questionnaire; def: Definition; campaigns: Campaign[]; frozen: boolean; errors: FieldProblem[]; metaState: FormState }) {
  const { t, csrfToken } = useView()
  const base = `/enquetes/${questionnaire.id}`
  return (
    <Layout title={questionnaire.title} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: questionnaire.title }]}>
      <h1>{questionnaire.title}</h1>
      <ErrorSummary errors={errors} />
      <ul class="actions">
        <li>
          <a class="button button-secondary" href={`${base}/apercu`}>
            {t('surveys.builder.preview')}
          </a>
        </li>
        <li>
          <a class="button" href={`${base}/campagnes/nouvelle`}>
            {t('surveys.campaign.new')}
          </a>
        </li>
        <li>
          <form method="post" action={`${base}/dupliquer`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken()} />
            <button type="submit" class="button button-secondary">
              {t('surveys.builder.duplicate')}
            </button>
          </form>
        </li>
      </ul>
      {frozen ? <p class="notice notice-info">{t('surveys.builder.frozen')}</p> : null}
      {campaigns.length > 0 ? (
        <section aria-labelledby="campaigns-heading">
          <h2 id="campaigns-heading">{t('surveys.list.campaigns')}</h2>
          <ul>
            {campaigns.map((c) => (
              <li>
                <a href={`/campagnes/${c.id}`}>{c.title}</a> <span class="muted">({t('surveys.list.responses', { count: c.submitted_count })})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <details class="builder-meta">
        <summary>{t('surveys.builder.meta')}</summary>
        <Form action={base} state={metaState} submitLabel={t('surveys.builder.saveMeta')}>
          <TextField name="title" label={t('surveys.field.title')} required maxLength={200} />
          <TextArea name="intro" label={t('surveys.field.intro')} hint={t('surveys.field.introHint')} rows={4} maxLength={3000} />
        </Form>
      </details>
      {def.sections.map((s, si) => (
        <section class="builder-section" aria-labelledby={`section-${s.key}`}>
          <h2 id={`section-${s.key}`}>
            {t('surveys.builder.section', { number: si + 1 })} — {s.title}
          </h2>
          {!frozen ? (
            <form method="post" action={`${base}/sections/${s.key}`} class="inline-form section-ops">
              <input type="hidden" name="_csrf" value={csrfToken()} />
              <label for={`rename-${s.key}`}>{t('surveys.builder.sectionTitle')}</label>{' '}
              <input id={`rename-${s.key}`} type="text" name="title" value={s.title} maxLength={300} />{' '}
              <button type="submit" name="op" value="rename" class="button button-small">
                {t('surveys.builder.rename')}
              </button>{' '}
              <button type="submit" name="op" value="up" class="link-button">
                {t('surveys.builder.sectionUp', { number: si + 1 })}
              </button>{' '}
              <button type="submit" name="op" value="down" class="link-button">
                {t('surveys.builder.sectionDown', { number: si + 1 })}
              </button>{' '}
              <button type="submit" name="op" value="delete" class="link-button danger">
                {t('surveys.builder.sectionDelete', { number: si + 1 })}
              </button>
            </form>
          ) : null}
          {s.questions.length === 0 ? <p class="muted">{t('surveys.builder.emptySection')}</p> : null}
          <ol class="builder-questions" start={s.questions[0] ? questionNumber(def, s.questions[0].key) : 1}>
            {s.questions.map((q) => {
              const n = questionNumber(def, q.key)
              return (
                <li id={`q-${q.key}`} class="builder-question">
                  <p class="builder-question-label">{q.label}</p>
                  <p class="muted">{questionSummary(t, def, q).join(' · ')}</p>
                  {q.help ? <p class="hint">{q.help}</p> : null}
                  {q.options.length > 0 ? (
                    <ul class="builder-options">
                      {q.options.map((o) => (
                        <li>{o.label}</li>
                      ))}
                    </ul>
                  ) : null}
                  {!frozen ? (
                    <div class="row-actions">
                      <a href={`${base}/questions/${q.key}`}>{t('surveys.builder.edit', { number: n })}</a>
                      <form method="post" action={`${base}/questions/${q.key}/deplacer`} class="inline-form">
                        <input type="hidden" name="_csrf" value={csrfToken()} />
                        <button type="submit" name="direction" value="haut" class="link-button">
                          {t('surveys.builder.up', { number: n })}
                        </button>{' '}
                        <button type="submit" name="direction" value="bas" class="link-button">
                          {t('surveys.builder.down', { number: n })}
                        </button>
                      </form>
                      <form method="post" action={`${base}/questions/${q.key}/supprimer`} class="inline-form">
                        <input type="hidden" name="_csrf" value={csrfToken()} />
                        <button type="submit" class="link-button danger">
                          {t('surveys.builder.delete', { number: n })}
                        </button>
                      </form>
                    </div>
                  ) : null}
                </li>
              )
            })}
          </ol>
          {!frozen ? (
            <form method="post" action={`${base}/questions`} class="form add-question" noValidate>
              <input type="hidden" name="_csrf" value={csrfToken()} />
              <input type="hidden" name="section" value={s.key} />
              <fieldset>
                <legend>{t('surveys.builder.addQuestion', { number: si + 1 })}</legend>
                <div class="field">
                  <label for={`type-${s.key}`}>{t('surveys.field.type')}</label>
                  <select id={`type-${s.key}`} name="type">
                    {QUESTION_TYPES.map((type) => (
                      <option value={type}>{t(`surveys.type.${type}`)}</option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for={`label-${s.key}`}>{t('surveys.field.questionLabel')}</label>
                  <input id={`label-${s.key}`} type="text" name="label" maxLength={1000} />
                </div>
                <button type="submit" class="button button-small">
                  {t('surveys.builder.add')}
                </button>
              </fieldset>
            </form>
          ) : null}
        </section>
      ))}
      {!frozen ? (
        <form method="post" action={`${base}/sections`} class="form" noValidate>
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <fieldset>
            <legend>{t('surveys.builder.addSection')}</legend>
            <div class="field">
              <label for="new-section">{t('surveys.builder.sectionTitle')}</label>
              <input id="new-section" type="text" name="title" maxLength={300} />
            </div>
            <button type="submit" class="button button-small">
              {t('surveys.builder.add')}
            </button>
          </fieldset>
        </form>
      ) : null}
    </Layout>
  )
}

// --- question editor --------------------------------------------------------------------------------------

function QuestionEditPage({ questionnaire, def, q, state }: { questionnaire: Questionnaire; def: Definition; q: Question; state: FormState }) {
  const { t } = useView()
  const base = `/enquetes/${questionnaire.id}`
  const n = questionNumber(def, q.key)
  const title = t('surveys.edit.title', { number: n })
  const earlier = earlierChoiceQuestions(def, q.key)
  return (
    <Layout title={title} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: questionnaire.title, href: base }, { label: title }]}>
      <h1>{title}</h1>
      <p class="muted">{t(`surveys.type.${q.type}`)}</p>
      <Form action={`${base}/questions/${q.key}`} state={state} submitLabel={t('surveys.edit.save')}>
        <div class="form-actions">
          <button type="submit" name="op" value="save" class="button">
            {t('surveys.edit.save')}
          </button>
        </div>
        <input type="hidden" name="op" value="save" />
        <TextArea name="label" label={t('surveys.field.questionLabel')} required rows={3} maxLength={1000} />
        <TextArea name="help" label={t('surveys.field.help')} hint={t('surveys.field.helpHint')} rows={2} maxLength={2000} />
        <CheckboxGroup name="required" legend={t('surveys.field.requiredLegend')} options={[{ value: 'on', label: t('surveys.field.required') }]} />
        {hasOptions(q.type) ? (
          <fieldset class="field options-editor" id="champ-options" tabIndex={-1}>
            <legend>{q.type === 'ranking' ? t('surveys.edit.items') : t('surveys.edit.options')}</legend>
            {q.options.length === 0 ? <p class="muted">{t('surveys.edit.noOptions')}</p> : null}
            {q.options.map((o, i) => (
              <div class="option-row">
                <TextField name={`option_${o.code}`} label={t('surveys.edit.option', { number: i + 1 })} maxLength={300} />
                <button type="submit" name="op" value={`option-up:${o.code}`} class="link-button">
                  {t('surveys.edit.optionUp', { number: i + 1 })}
                </button>{' '}
                <button type="submit" name="op" value={`option-down:${o.code}`} class="link-button">
                  {t('surveys.edit.optionDown', { number: i + 1 })}
                </button>{' '}
                <button type="submit" name="op" value={`option-delete:${o.code}`} class="link-button danger">
                  {t('surveys.edit.optionDelete', { number: i + 1 })}
                </button>
              </div>
            ))}
            <TextField name="new_option" label={t('surveys.edit.newOption')} maxLength={300} />
            <button type="submit" name="op" value="add-option" class="button button-small">
              {t('surveys.edit.addOption')}
            </button>
          </fieldset>
        ) : null}
        {q.type === 'ranking' ? (
          <fieldset>
            <legend>{t('surveys.edit.rankingSettings')}</legend>
            <TextField name="rank_count" label={t('surveys.field.rankCount')} hint={t('surveys.field.rankCountHint', { m: q.options.length })} type="number" />
            <CheckboxGroup name="partial" legend={t('surveys.field.partialLegend')} options={[{ value: 'on', label: t('surveys.field.partial') }]} />
          </fieldset>
        ) : null}
        {q.type === 'scale' ? (
          <fieldset>
            <legend>{t('surveys.edit.scaleSettings')}</legend>
            <SelectField name="scale_range" label={t('surveys.field.scaleRange')} options={[{ value: '0-10', label: '0 – 10' }, { value: '1-5', label: '1 – 5' }]} />
            <TextField name="min_label" label={t('surveys.field.minLabel')} maxLength={100} />
            <TextField name="max_label" label={t('surveys.field.maxLabel')} maxLength={100} />
          </fieldset>
        ) : null}
        {q.type === 'number' ? (
          <fieldset>
            <legend>{t('surveys.edit.numberSettings')}</legend>
            <TextField name="number_min" label={t('surveys.field.numberMin')} inputMode="numeric" maxLength={20} />
            <TextField name="number_max" label={t('surveys.field.numberMax')} inputMode="numeric" maxLength={20} />
            <CheckboxGroup name="number_integer" legend={t('surveys.field.integerLegend')} options={[{ value: 'on', label: t('surveys.field.integer') }]} />
            <TextField name="number_unit" label={t('surveys.field.unit')} maxLength={40} />
          </fieldset>
        ) : null}
        {earlier.length > 0 ? (
          <fieldset class="field" id="champ-condition" tabIndex={-1}>
            <legend>{t('surveys.edit.condition')}</legend>
            <p class="hint">{t('surveys.edit.conditionHint')}</p>
            {earlier.map((e) => (
              <CheckboxGroup
                name="condition"
                legend={t('surveys.edit.conditionOn', { number: questionNumber(def, e.key), label: e.label.length > 80 ? `${e.label.slice(0, 79)}…` : e.label })}
                options={e.options.map((o) => ({ value: `${e.key}:${o.code}`, label: o.label }))}
              />
            ))}
          </fieldset>
        ) : null}
        {q.type === 'single' ? (
          <>
            <SelectField name="profile" label={t('surveys.field.profile')} hint={t('surveys.field.profileHint')} options={PROFILE_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} placeholder={t('surveys.field.noProfile')} />
            {q.options.length >= 2 ? (
              <fieldset class="field" id="champ-subtotal" tabIndex={-1}>
                <legend>{t('surveys.edit.subtotal')}</legend>
                <CheckboxGroup name="subtotal" legend={t('surveys.edit.subtotalOptions')} hint={t('surveys.edit.subtotalHint')} options={q.options.map((o) => ({ value: o.code, label: o.label }))} />
                <TextField name="subtotal_label" label={t('surveys.edit.subtotalLabel')} maxLength={100} />
              </fieldset>
            ) : null}
          </>
        ) : null}
      </Form>
      <p>
        <a href={`${base}#q-${q.key}`}>{t('surveys.edit.back')}</a>
      </p>
    </Layout>
  )
}

function valuesOfQuestion(q: Question): FormValues {
  const values: FormValues = {
    label: q.label,
    help: q.help,
    required: q.required ? ['on'] : [],
    condition: q.condition ? q.condition.options.map((c) => `${q.condition?.question}:${c}`) : [],
    profile: q.profile ?? '',
    subtotal: q.subtotal?.options ?? [],
    subtotal_label: q.subtotal?.label ?? '',
  }
  for (const o of q.options) values[`option_${o.code}`] = o.label
  if (q.type === 'ranking') {
    values.rank_count = q.rankCount !== undefined ? String(q.rankCount) : ''
    values.partial = q.partialRanking ? ['on'] : []
  }
  if (q.type === 'scale' && q.scale) {
    values.scale_range = q.scale.min === 1 ? '1-5' : '0-10'
    values.min_label = q.scale.minLabel
    values.max_label = q.scale.maxLabel
  }
  if (q.type === 'number' && q.number) {
    values.number_min = q.number.min === null ? '' : String(q.number.min)
    values.number_max = q.number.max === null ? '' : String(q.number.max)
    values.number_integer = q.number.integer ? ['on'] : []
    values.number_unit = q.number.unit
  }
  return values
}

function PreviewPage({ questionnaire, def }: { questionnaire: Questionnaire; def: Definition }) {
  const { t } = useView()
  const title = t('surveys.preview.title', { title: questionnaire.title })
  return (
    <Layout title={title} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: questionnaire.title, href: `/enquetes/${questionnaire.id}` }, { label: t('surveys.builder.preview') }]}>
      <h1>{title}</h1>
      <p class="notice notice-info">{t('surveys.preview.notice')}</p>
      {questionnaire.intro ? <p class="lead">{questionnaire.intro}</p> : null}
      <QuestionnaireForm def={def} action={null} values={{}} errors={[]} preview />
    </Layout>
  )
}

// --- routes -----------------------------------------------------------------------------------------------

/** Registers the builder routes (analysts). */
export async function questionnairePages(app: FastifyInstance): Promise<void> {
  const db = app.db

  app.get('/enquetes', async (request, reply) => {
    const actor = request.actor
    const ids = actor.isPlatformAdmin ? 'all' : [...actor.memberships.keys()]
    const questionnaires = await listQuestionnaires(db, ids)
    const campaigns = await listCampaignsOf(db, questionnaires.map((q) => q.id))
    return reply.page(<ListPage questionnaires={questionnaires} campaigns={campaigns} />)
  })

  async function myOrganisations(request: FastifyRequest) {
    const ids = [...request.actor.memberships.keys()]
    if (ids.length === 0) return []
    return db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).orderBy('search_name').execute()
  }

  app.get('/enquetes/nouvelle', async (request, reply) => {
    return reply.page(<CreatePage state={{ values: { template: 'barometre' }, errors: [] }} organisations={await myOrganisations(request)} candidates={[]} />)
  })

  app.post('/enquetes/nouvelle', async (request, reply) => {
    const values = formValuesOf(request.body)
    const organisations = await myOrganisations(request)
    const rerender = (errors: FieldProblem[], candidates: Territory[], status = 400) => reply.page(<CreatePage state={{ values, errors }} organisations={organisations} candidates={candidates} />, status)
    const parsed = parseForm(QuestionnaireCreateForm, request.body)
    if (!parsed.ok) return rerender(parsed.errors, [])
    const territory = await resolveTerritory(db, parsed.value.territory, parsed.value.territory_choice)
    if (territory.problem) return rerender([territory.problem], territory.candidates)
    try {
      const id = await createQuestionnaire(db, request.actor, { organisationId: parsed.value.organisation, title: parsed.value.title, template: parsed.value.template as 'vide', territoryId: territory.territoryId })
      reply.setFlash({ kind: 'success', message: 'surveys.create.done' })
      return reply.redirect(`/enquetes/${id}`, 303)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return rerender(error.fields, [], error.status)
      throw error
    }
  })

  async function builderView(request: FastifyRequest, reply: FastifyReply, errors: FieldProblem[] = [], status = 200, metaState?: FormState) {
    const id = requireId((request.params as { id: string }).id)
    const { scope, questionnaire, def } = await loadQuestionnaire(db, request.actor, id)
    const campaigns = await listCampaignsOf(db, [id])
    const frozen = await questionnaireHasResponses(db, scope, id)
    return reply.page(<BuilderPage questionnaire={questionnaire} def={def} campaigns={campaigns} frozen={frozen} errors={errors} metaState={metaState ?? { values: { title: questionnaire.title, intro: questionnaire.intro }, errors: [] }} />, status)
  }

  /** Runs a builder operation: redirect back on success, re-render the builder with the problems otherwise. */
  async function operation(request: FastifyRequest, reply: FastifyReply, run: (id: string) => Promise<string | void>, anchor = '') {
    const id = requireId((request.params as { id: string }).id)
    try {
      const target = await run(id)
      return reply.redirect(typeof target === 'string' ? target : `/enquetes/${id}${anchor}`, 303)
    } catch (error) {
      if (error instanceof AppError && (error.fields.length > 0 || error.code === 'ALLIANCE_ERR_QUESTIONNAIRE_FROZEN')) {
        const fields = error.fields.length > 0 ? error.fields : [{ field: 'question', message: error.messageKey }]
        return builderView(request, reply, fields, error.status)
      }
      throw error
    }
  }

  app.get('/enquetes/:id', async (request, reply) => builderView(request, reply))

  app.post('/enquetes/:id', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const parsed = parseForm(QuestionnaireMetaForm, request.body)
    if (!parsed.ok) return builderView(request, reply, parsed.errors, 400, { values: formValuesOf(request.body), errors: parsed.errors })
    await updateQuestionnaireMeta(db, request.actor, id, { title: parsed.value.title, intro: parsed.value.intro ?? '' })
    reply.setFlash({ kind: 'success', message: 'surveys.builder.saved' })
    return reply.redirect(`/enquetes/${id}`, 303)
  })

  app.post('/enquetes/:id/sections', async (request, reply) => {
    const parsed = parseForm(SectionAddForm, request.body)
    if (!parsed.ok) return builderView(request, reply, parsed.errors, 400)
    return operation(request, reply, async (id) => {
      const key = await addSectionTo(db, request.actor, id, parsed.value.title)
      return `/enquetes/${id}#section-${key}`
    })
  })

  app.post('/enquetes/:id/sections/:key', async (request, reply) => {
    const key = requireKey((request.params as { key: string }).key, 's')
    const parsed = parseForm(SectionOpForm, request.body)
    if (!parsed.ok) return builderView(request, reply, parsed.errors, 400)
    return operation(request, reply, (id) => changeSection(db, request.actor, id, key, parsed.value.op as 'rename', parsed.value.title), `#section-${key}`)
  })

  app.post('/enquetes/:id/questions', async (request, reply) => {
    const parsed = parseForm(QuestionAddForm, request.body)
    if (!parsed.ok) return builderView(request, reply, parsed.errors, 400)
    return operation(request, reply, async (id) => {
      const key = await addQuestionTo(db, request.actor, id, { section: parsed.value.section, type: parsed.value.type as 'single', label: parsed.value.label })
      return `/enquetes/${id}/questions/${key}`
    })
  })

  async function editView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const { id, key } = request.params as { id: string; key: string }
    const { questionnaire, def, scope } = await loadQuestionnaire(db, request.actor, requireId(id))
    const q = findQuestion(def, requireKey(key, 'q'))
    if (!q) throw notFound()
    if (await questionnaireHasResponses(db, scope, questionnaire.id)) throw new AppError('ALLIANCE_ERR_QUESTIONNAIRE_FROZEN', 'surveys.error.frozen')
    return reply.page(<QuestionEditPage questionnaire={questionnaire} def={def} q={q} state={state ?? { values: valuesOfQuestion(q), errors: [] }} />, status)
  }

  app.get('/enquetes/:id/questions/:key', async (request, reply) => editView(request, reply, null))

  app.post('/enquetes/:id/questions/:key', async (request, reply) => {
    const { id, key } = request.params as { id: string; key: string }
    requireId(id)
    requireKey(key, 'q')
    const values = formValuesOf(request.body)
    const parsed = parseForm(QuestionEditForm, request.body)
    if (!parsed.ok) return editView(request, reply, { values, errors: parsed.errors }, 400)
    const body = (request.body ?? {}) as Record<string, unknown>
    const labels: Record<string, string> = {}
    for (const [name, value] of Object.entries(body)) {
      const match = /^option_([a-z0-9_]{1,24})$/.exec(name)
      if (match && typeof value === 'string') labels[match[1] as string] = value
    }
    try {
      await saveQuestion(db, request.actor, id, key, parsed.value, labels)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return editView(request, reply, { values, errors: error.fields }, error.status)
      throw error
    }
    if (parsed.value.op === 'save') {
      reply.setFlash({ kind: 'success', message: 'surveys.edit.saved' })
      return reply.redirect(`/enquetes/${id}#q-${key}`, 303)
    }
    return reply.redirect(`/enquetes/${id}/questions/${key}#champ-options`, 303)
  })

  app.post('/enquetes/:id/questions/:key/deplacer', async (request, reply) => {
    const key = requireKey((request.params as { key: string }).key, 'q')
    const parsed = parseForm(QuestionMoveForm, request.body)
    if (!parsed.ok) return builderView(request, reply, parsed.errors, 400)
    return operation(request, reply, (id) => moveQuestionIn(db, request.actor, id, key, parsed.value.direction === 'haut' ? 'up' : 'down'), `#q-${key}`)
  })

  app.post('/enquetes/:id/questions/:key/supprimer', async (request, reply) => {
    const key = requireKey((request.params as { key: string }).key, 'q')
    return operation(request, reply, (id) => deleteQuestionFrom(db, request.actor, id, key))
  })

  app.get('/enquetes/:id/apercu', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const { questionnaire, def } = await loadQuestionnaire(db, request.actor, id)
    return reply.page(<PreviewPage questionnaire={questionnaire} def={def} />)
  })

  app.post('/enquetes/:id/dupliquer', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const copy = await duplicateQuestionnaire(db, request.actor, id, request.t('surveys.builder.copySuffix'))
    reply.setFlash({ kind: 'success', message: 'surveys.builder.duplicated' })
    return reply.redirect(`/enquetes/${copy}`, 303)
  })
}
