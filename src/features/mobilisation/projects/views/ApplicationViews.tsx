/** Pages of applications: one application, its form (questions and budget), the committee's list. */
import type { PageOf } from '../../../../core/db/paging.js'
import { DataTable, Pagination } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, emptyForm, Form, RadioGroup, SelectField, TextArea, TextField, type FormState, type Option } from '../../../../core/views/forms.js'
import { CONTRIBUTION_UNITS } from '../../../alliances/index.js'
import { termOptions } from '../../../vocabulary/index.js'
import type { MobilisationBudgetLinesTable, MobilisationDecisionsTable } from '../../mobilisation.table.js'
import { Amount, Cents, MobilisationPage, ParisTime } from '../../views/format.js'
import { EXPENSE_ROWS, RESOURCE_ROWS, TYPED_SOURCES } from '../budget.js'
import type { EligibilityCheck } from '../eligibility.js'
import type { Application, ApplicationListRow, ProjectCall } from '../projects.queries.js'
import { allQuestions, answerField, rankField, type Answers, type Definition, type Question } from '../questions.js'
import { ProjectPhaseBadge } from './ProjectCallViews.js'
import { translateLabel } from '../../../../core/i18n/index.js'
import { BUDGET_SOURCE_LABELS } from '../../views/labels.js'

function Eligibility({ checks }: { checks: EligibilityCheck[] }) {
  const { t } = useView()
  if (checks.length === 0) return null
  return (
    <ul class="checklist">
      {checks.map((c) => (
        <li class={c.ok ? 'check-ok' : 'check-failed'}>
          <span class="visually-hidden">{c.ok ? t('mobilisation.eligibility.okPrefix') : t('mobilisation.eligibility.failedPrefix')} </span>
          <span aria-hidden="true">{c.ok ? '✓ ' : '✗ '}</span>
          {t(`mobilisation.eligibility.${c.rule}.${c.ok ? 'ok' : 'failed'}`, c.params)}
        </li>
      ))}
    </ul>
  )
}

function BudgetTable({ lines }: { lines: MobilisationBudgetLinesTable[] }) {
  const { t } = useView()
  const side = (s: 'expense' | 'resource') => lines.filter((l) => l.side === s)
  return (
    <>
      {(['expense', 'resource'] as const).map((s) => (
        <DataTable
          caption={t(`mobilisation.budget.${s}s`)}
          rows={side(s)}
          columns={[
            { header: t('mobilisation.budget.line'), cell: (l) => (l.source === 'fund' ? t('mobilisation.budget.fundLine') : l.label) },
            ...(s === 'resource' ? [{ header: t('mobilisation.budget.source'), cell: (l: MobilisationBudgetLinesTable) => translateLabel(t, BUDGET_SOURCE_LABELS, l.source) }] : []),
            { header: t('mobilisation.budget.inKind'), cell: (l) => (l.in_kind_unit && l.in_kind_hundredths !== null ? <Amount hundredths={Number(l.in_kind_hundredths)} unit={l.in_kind_unit} /> : '') },
            { header: t('mobilisation.fund.amount'), cell: (l) => <Cents cents={Number(l.amount_cents)} />, numeric: true },
          ]}
        />
      ))}
    </>
  )
}

function AnswerList({ questions, answers }: { questions: Definition | null; answers: Answers }) {
  const { t } = useView()
  const list = allQuestions(questions)
  if (list.length === 0) return null
  const show = (q: Question) => {
    const a = answers[q.key]
    if (a === undefined) return <span class="muted">{t('mobilisation.application.noAnswer')}</span>
    const label = (code: string) => q.options.find((o) => o.code === code)?.label ?? code
    if (Array.isArray(a)) return a.map(label).join(', ')
    if (typeof a === 'object') return Object.entries(a).sort((x, y) => x[1] - y[1]).map(([code, r]) => `${r}. ${label(code)}`).join(' · ')
    return q.type === 'single' ? label(String(a)) : String(a)
  }
  return (
    <dl class="answers">
      {list.map((q) => (
        <>
          <dt>{q.label}</dt>
          <dd>{show(q)}</dd>
        </>
      ))}
    </dl>
  )
}

export interface ApplicationPageProps {
  application: Application
  call: ProjectCall
  lines: MobilisationBudgetLinesTable[]
  questions: Definition | null
  eligibility: EligibilityCheck[]
  applicant: 'admin' | 'member' | null
  fundAdmin: boolean
  reviewer: boolean
  decision: MobilisationDecisionsTable | null
  grantId: string | null
  withdrawState?: FormState
}

export function ApplicationPage(props: ApplicationPageProps) {
  const { application: a, call, lines, questions, eligibility, applicant, fundAdmin, reviewer, decision, grantId } = props
  const { t, csrfToken } = useView()
  const open = new Date().toISOString() < call.deadline_at && call.status === 'published'
  const showDecision = decision !== null && (fundAdmin || decision.published_at !== null)
  return (
    <MobilisationPage title={a.title} trail={[{ label: t('mobilisation.projects.title'), href: '/mobilisation/appels-a-projets' }, { label: call.title, href: `/mobilisation/appels-a-projets/${call.id}` }]}>
      <h1>{a.title}</h1>
      <p>
        <span class={`badge badge-status-${a.status}`}>{t(`mobilisation.application.status.${a.status}`)}</span> {t('mobilisation.application.by', { alliance: a.alliance_name })}{' '}
        {a.submitted_at ? <>· {t('mobilisation.application.submittedAt')} <ParisTime iso={a.submitted_at} /></> : null}
      </p>
      <p class="muted">{t('mobilisation.application.private')}</p>
      {showDecision && decision ? (
        <section aria-labelledby="decision" class={`notice ${decision.outcome === 'funded' ? 'notice-success' : ''}`}>
          <h2 id="decision">{t(`mobilisation.decision.${decision.outcome}`)}</h2>
          {decision.outcome === 'funded' ? (
            <p>
              {t('mobilisation.decision.amount')} <Cents cents={Number(decision.amount_cents)} />
            </p>
          ) : null}
          {decision.conditions ? <p>{t('mobilisation.decision.conditions', { conditions: decision.conditions })}</p> : null}
          <p>{t('mobilisation.decision.reasons', { reasons: decision.reasons })}</p>
          {decision.published_at === null ? <p class="muted">{t('mobilisation.decision.notPublished')}</p> : null}
          {grantId ? (
            <p>
              <a href={`/mobilisation/conventions/${grantId}`}>{t('mobilisation.decision.grant')}</a>
            </p>
          ) : null}
        </section>
      ) : null}
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.application.beneficiary')}</dt>
          <dd>{a.beneficiary_name}</dd>
        </div>
        <div>
          <dt>{t('mobilisation.application.requested')}</dt>
          <dd>
            <Cents cents={Number(a.requested_cents)} />
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.application.budget')}</dt>
          <dd>
            <Cents cents={Number(a.budget_cents)} />
          </dd>
        </div>
      </dl>
      {a.summary ? <p>{a.summary}</p> : null}
      <h2>{t('mobilisation.application.eligibility')}</h2>
      {eligibility.length === 0 ? <p class="muted">{t('mobilisation.application.eligibilityLater')}</p> : <Eligibility checks={eligibility} />}
      <h2>{t('mobilisation.application.budgetTitle')}</h2>
      <BudgetTable lines={lines} />
      <h2>{t('mobilisation.application.answers')}</h2>
      <AnswerList questions={questions} answers={JSON.parse(a.answers) as Answers} />
      {applicant === 'admin' && a.status !== 'withdrawn' ? (
        <section aria-labelledby="actions-candidat" class="notice">
          <h2 id="actions-candidat">{t('mobilisation.application.actions')}</h2>
          {a.status === 'draft' && open ? (
            <p>
              <a class="button" href={`/mobilisation/candidatures/${a.id}/modifier`}>
                {t('mobilisation.application.edit')}
              </a>
            </p>
          ) : null}
          {call.status !== 'decided' ? (
            <Form action={`/mobilisation/candidatures/${a.id}/retrait`} state={props.withdrawState ?? emptyForm} submitLabel={t('mobilisation.application.withdraw')}>
              <TextArea name="reason" label={t('mobilisation.application.withdrawReason')} rows={2} maxLength={1000} />
            </Form>
          ) : null}
        </section>
      ) : null}
      {reviewer && a.status === 'submitted' ? (
        <section aria-labelledby="evaluer" class="notice">
          <h2 id="evaluer">{t('mobilisation.review.title')}</h2>
          <ul class="actions">
            <li>
              <a class="button" href={`/mobilisation/candidatures/${a.id}/evaluation`}>
                {t('mobilisation.review.open')}
              </a>
            </li>
          </ul>
          <form method="post" action={`/mobilisation/candidatures/${a.id}/conflit`} class="form">
            <input type="hidden" name="_csrf" value={csrfToken()} />
            <div class="field">
              <label for="champ-reason-conflit">{t('mobilisation.review.conflictReason')}</label>
              <p class="hint" id="champ-reason-conflit-hint">
                {t('mobilisation.review.conflictHint')}
              </p>
              <textarea id="champ-reason-conflit" name="reason" rows={2} maxLength={1000} aria-describedby="champ-reason-conflit-hint" />
            </div>
            <button type="submit" class="button button-secondary">
              {t('mobilisation.review.declareConflict')}
            </button>
          </form>
        </section>
      ) : null}
      {fundAdmin && a.status === 'submitted' && call.status === 'published' && !open ? (
        <p>
          <a class="button" href={`/mobilisation/candidatures/${a.id}/decision`}>
            {t('mobilisation.decision.record')}
          </a>
        </p>
      ) : null}
    </MobilisationPage>
  )
}

function QuestionField({ q }: { q: Question }) {
  const { t } = useView()
  const options = q.options.map((o) => ({ value: o.code, label: o.label }))
  switch (q.type) {
    case 'single':
      return <RadioGroup name={answerField(q.key)} legend={q.label} hint={q.help || undefined} required={q.required} groups={[{ options }]} />
    case 'multiple':
      return <CheckboxGroup name={answerField(q.key)} legend={q.label} hint={q.help || undefined} options={options} />
    case 'scale': {
      const s = q.scale ?? { min: 0, max: 10, minLabel: '', maxLabel: '' }
      const values = Array.from({ length: s.max - s.min + 1 }, (_, i) => String(s.min + i))
      return <RadioGroup name={answerField(q.key)} legend={q.label} hint={[q.help, s.minLabel && `${s.min} : ${s.minLabel}`, s.maxLabel && `${s.max} : ${s.maxLabel}`].filter(Boolean).join(' — ') || undefined} required={q.required} groups={[{ options: values.map((v) => ({ value: v, label: v })) }]} />
    }
    case 'number':
      return <TextField name={answerField(q.key)} label={q.number?.unit ? `${q.label} (${q.number.unit})` : q.label} hint={q.help || undefined} required={q.required} inputMode="numeric" maxLength={30} />
    case 'short_text':
      return <TextField name={answerField(q.key)} label={q.label} hint={q.help || undefined} required={q.required} maxLength={300} />
    case 'long_text':
      return <TextArea name={answerField(q.key)} label={q.label} hint={q.help || undefined} required={q.required} rows={6} maxLength={5000} />
    case 'ranking':
      return (
        <fieldset class="field" id={`champ-${answerField(q.key)}`} tabIndex={-1}>
          <legend>{q.label}</legend>
          <p class="hint">{t('mobilisation.application.rankingHint', { count: Math.min(q.rankCount ?? q.options.length, q.options.length) })}</p>
          {q.options.map((o) => (
            <TextField name={rankField(q.key, o.code)} label={o.label} inputMode="numeric" maxLength={2} />
          ))}
        </fieldset>
      )
  }
}

export interface ApplicationFormProps {
  application: Application
  call: ProjectCall
  questions: Definition | null
  beneficiaries: Option[]
  state: FormState
}

export function ApplicationFormPage({ application: a, call, questions, beneficiaries, state }: ApplicationFormProps) {
  const { t, locale } = useView()
  const title = t('mobilisation.application.editTitle', { alliance: a.alliance_name })
  const sources = TYPED_SOURCES.map((s) => ({ value: s, label: t(`mobilisation.budget.source.${s}`) }))
  const types = termOptions('contribution_type', locale).filter((o) => o.value !== 'mecenat_financier')
  const units = CONTRIBUTION_UNITS.filter((u) => u !== 'eur').map((u) => ({ value: u, label: t(`mobilisation.unit.${u}`) }))
  return (
    <MobilisationPage title={title} trail={[{ label: call.title, href: `/mobilisation/appels-a-projets/${call.id}` }, { label: a.title, href: `/mobilisation/candidatures/${a.id}` }]}>
      <h1>{title}</h1>
      <p>
        {t('mobilisation.project.deadline')} <ParisTime iso={call.deadline_at} />
      </p>
      <Form action={`/mobilisation/candidatures/${a.id}/modifier`} state={state} submitLabel={t('mobilisation.application.saveDraft')} secondary={<button type="submit" name="intent" value="submit" class="button button-secondary">{t('mobilisation.application.submit')}</button>}>
        <input type="hidden" name="intent" value="draft" />
        <TextField name="title" label={t('mobilisation.application.titleField')} required maxLength={200} />
        <TextArea name="summary" label={t('mobilisation.application.summary')} hint={t('mobilisation.application.summaryHint')} rows={6} maxLength={5000} />
        <SelectField name="beneficiary_organisation_id" label={t('mobilisation.application.beneficiary')} hint={t('mobilisation.application.beneficiaryHint')} required options={beneficiaries} />
        <TextField name="requested" label={t('mobilisation.application.requested')} hint={t('mobilisation.form.eurosHint')} required inputMode="numeric" maxLength={30} />
        <fieldset id="champ-budget" tabIndex={-1}>
          <legend>{t('mobilisation.budget.expenses')}</legend>
          <p class="hint">{t('mobilisation.budget.hint')}</p>
          {Array.from({ length: EXPENSE_ROWS }, (_, i) => (
            <div class="row-fields">
              <TextField name={`expense_label_${i + 1}`} label={t('mobilisation.budget.expenseLabel', { n: i + 1 })} maxLength={200} />
              <TextField name={`expense_amount_${i + 1}`} label={t('mobilisation.budget.expenseAmount', { n: i + 1 })} inputMode="numeric" maxLength={30} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('mobilisation.budget.resources')}</legend>
          <p class="hint">{t('mobilisation.budget.resourcesHint')}</p>
          {Array.from({ length: RESOURCE_ROWS }, (_, i) => (
            <div class="row-fields">
              <SelectField name={`resource_source_${i + 1}`} label={t('mobilisation.budget.resourceSource', { n: i + 1 })} options={sources} placeholder={t('mobilisation.budget.noSource')} />
              <TextField name={`resource_label_${i + 1}`} label={t('mobilisation.budget.resourceLabel', { n: i + 1 })} maxLength={200} />
              <TextField name={`resource_amount_${i + 1}`} label={t('mobilisation.budget.resourceAmount', { n: i + 1 })} inputMode="numeric" maxLength={30} />
              <SelectField name={`resource_type_${i + 1}`} label={t('mobilisation.budget.resourceType', { n: i + 1 })} options={types} placeholder={t('mobilisation.budget.notInKind')} />
              <SelectField name={`resource_unit_${i + 1}`} label={t('mobilisation.budget.resourceUnit', { n: i + 1 })} options={units} placeholder={t('mobilisation.budget.notInKind')} />
              <TextField name={`resource_quantity_${i + 1}`} label={t('mobilisation.budget.resourceQuantity', { n: i + 1 })} inputMode="numeric" maxLength={30} />
            </div>
          ))}
        </fieldset>
        {allQuestions(questions).length > 0 ? (
          <fieldset>
            <legend>{t('mobilisation.application.answers')}</legend>
            {allQuestions(questions).map((q) => (
              <QuestionField q={q} />
            ))}
          </fieldset>
        ) : null}
      </Form>
    </MobilisationPage>
  )
}

export function ApplicationsListPage({ call, phase, page, hidden }: { call: ProjectCall; phase: Parameters<typeof ProjectPhaseBadge>[0]['phase']; page: PageOf<ApplicationListRow>; hidden: number }) {
  const { t, path } = useView()
  const title = t('mobilisation.project.applications')
  return (
    <MobilisationPage title={title} trail={[{ label: t('mobilisation.projects.title'), href: '/mobilisation/appels-a-projets' }, { label: call.title, href: `/mobilisation/appels-a-projets/${call.id}` }]}>
      <h1>
        {title} <ProjectPhaseBadge phase={phase} />
      </h1>
      {hidden > 0 ? <p class="notice">{t('mobilisation.project.hiddenForConflicts', { count: hidden })}</p> : null}
      <DataTable
        caption={t('mobilisation.project.applicationsCount', { count: page.total })}
        rows={page.rows}
        columns={[
          { header: t('mobilisation.application.alliance'), cell: (a) => <a href={`/mobilisation/candidatures/${a.id}`}>{a.alliance_name}</a> },
          { header: t('mobilisation.application.titleField'), cell: (a) => a.title },
          { header: t('mobilisation.application.requested'), cell: (a) => <Cents cents={Number(a.requested_cents)} />, numeric: true },
          { header: t('mobilisation.application.statusLabel'), cell: (a) => t(`mobilisation.application.status.${a.status}`) },
        ]}
      />
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </MobilisationPage>
  )
}
