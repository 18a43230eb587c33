/** Pages of calls for projects: the list, one call (its rules, grid, questions, and each person's next step), the form. */
import type { PageOf } from '../../../../core/db/paging.js'
import { DataTable, Pagination } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, emptyForm, Form, SelectField, TextArea, TextField, type FormState, type Option } from '../../../../core/views/forms.js'
import { TermList } from '../../../vocabulary/index.js'
import { Cents, MobilisationPage, ParisTime } from '../../views/format.js'
import { CRITERIA_ROWS } from '../project-calls.service.js'
import type { ApplicationListRow, Criterion, ProjectCall, ProjectCallListRow, ProjectCallPhase, ReviewerRow } from '../projects.queries.js'
import { allQuestions, type Definition } from '../questions.js'

export function ProjectPhaseBadge({ phase }: { phase: ProjectCallPhase }) {
  const { t } = useView()
  return <span class={`badge badge-phase-${phase}`}>{t(`mobilisation.project.phase.${phase}`)}</span>
}

export function ProjectCallListPage({ page, phaseOf }: { page: PageOf<ProjectCallListRow>; phaseOf: (c: ProjectCallListRow) => ProjectCallPhase }) {
  const { t, path } = useView()
  return (
    <MobilisationPage title={t('mobilisation.projects.title')}>
      <h1>{t('mobilisation.projects.title')}</h1>
      <p class="lead">{t('mobilisation.projects.intro')}</p>
      <h2>{t('mobilisation.projects.count', { count: page.total })}</h2>
      {page.rows.length === 0 ? (
        <p>{t('mobilisation.projects.none')}</p>
      ) : (
        <ul class="actor-list">
          {page.rows.map((c) => (
            <li>
              <a class="actor-name" href={`/mobilisation/appels-a-projets/${c.id}`}>
                {c.title}
              </a>{' '}
              <ProjectPhaseBadge phase={phaseOf(c)} />
              <span class="actor-meta">
                {c.fund_name} · {c.territory_name} · {t('mobilisation.project.deadline')} <ParisTime iso={c.deadline_at} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </MobilisationPage>
  )
}

export interface ProjectCallPageProps {
  call: ProjectCall
  phase: ProjectCallPhase
  sdgs: number[]
  criteria: Criterion[]
  questions: Definition | null
  fundAdmin: boolean
  reviewer: boolean
  reviewers: ReviewerRow[]
  committee: Option[]
  /** alliances the actor may apply for (coordinators' admin) */
  alliances: Option[]
  /** the actor's alliances' applications to this call */
  own: ApplicationListRow[]
  reviewerState?: FormState
  applyState?: FormState
}

export function ProjectCallPage(props: ProjectCallPageProps) {
  const { call, phase, sdgs, criteria, questions, fundAdmin, reviewer, reviewers, committee, alliances, own } = props
  const { t, csrfToken } = useView()
  const form = (action: string, label: string, secondary = false) => (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={csrfToken()} />
      <button type="submit" class={secondary ? 'button button-secondary' : 'button'}>
        {label}
      </button>
    </form>
  )
  return (
    <MobilisationPage title={call.title} trail={[{ label: t('mobilisation.projects.title'), href: '/mobilisation/appels-a-projets' }]}>
      <h1>
        {call.title} <ProjectPhaseBadge phase={phase} />
      </h1>
      <p class="lead">{call.summary}</p>
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.project.fund')}</dt>
          <dd>
            <a href={`/mobilisation/fonds/${call.fund_id}`}>{call.fund_name}</a>
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.project.territory')}</dt>
          <dd>{call.territory_name}</dd>
        </div>
        <div>
          <dt>{t('mobilisation.project.opens')}</dt>
          <dd>
            <ParisTime iso={call.opens_at} />
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.project.deadline')}</dt>
          <dd>
            <ParisTime iso={call.deadline_at} />
          </dd>
        </div>
      </dl>
      <section aria-labelledby="regles">
        <h2 id="regles">{t('mobilisation.project.rules')}</h2>
        <ul>
          <li>{t('mobilisation.project.rule.alliance')}</li>
          <li>{t('mobilisation.project.rule.worlds', { count: call.min_worlds })}</li>
          <li>{t('mobilisation.project.rule.perimeter', { territory: call.territory_name })}</li>
          <li>
            {t('mobilisation.project.rule.amount')} <Cents cents={Number(call.min_amount_cents)} /> – <Cents cents={Number(call.max_amount_cents)} />
          </li>
          <li>{t('mobilisation.project.rule.cofunding', { percent: call.cofunding_min_percent })}</li>
        </ul>
        {sdgs.length > 0 ? (
          <>
            <h3>{t('mobilisation.project.sdgs')}</h3>
            <TermList kind="sdg" codes={sdgs.map(String)} short />
          </>
        ) : null}
      </section>
      <section aria-labelledby="grille">
        <h2 id="grille">{t('mobilisation.project.grid')}</h2>
        <DataTable
          caption={t('mobilisation.project.gridCaption', { max: call.score_max })}
          rows={criteria}
          columns={[
            { header: t('mobilisation.project.criterion'), cell: (c) => c.label },
            { header: t('mobilisation.project.weight'), cell: (c) => String(c.weight), numeric: true },
          ]}
        />
      </section>
      <section aria-labelledby="questions">
        <h2 id="questions">{t('mobilisation.project.questions')}</h2>
        {allQuestions(questions).length === 0 ? (
          <p class="muted">{call.status === 'draft' ? t('mobilisation.project.questionsDraft') : t('mobilisation.project.noQuestions')}</p>
        ) : (
          <ol>
            {allQuestions(questions).map((q) => (
              <li>
                {q.label}
                {q.required ? <span class="muted"> {t('form.required')}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {phase === 'open' && alliances.length > 0 ? (
        <section aria-labelledby="candidater">
          <h2 id="candidater">{t('mobilisation.project.apply')}</h2>
          <Form action={`/mobilisation/appels-a-projets/${call.id}/candidatures`} state={props.applyState ?? emptyForm} submitLabel={t('mobilisation.project.startApplication')}>
            <SelectField name="alliance_id" label={t('mobilisation.project.applyAs')} required options={alliances} />
          </Form>
        </section>
      ) : null}
      {own.length > 0 ? (
        <section aria-labelledby="mes-candidatures">
          <h2 id="mes-candidatures">{t('mobilisation.project.ownApplications')}</h2>
          <ul>
            {own.map((a) => (
              <li>
                <a href={`/mobilisation/candidatures/${a.id}`}>{a.alliance_name}</a> — {t(`mobilisation.application.status.${a.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {reviewer || fundAdmin ? (
        <section aria-labelledby="comite" class="notice">
          <h2 id="comite">{t('mobilisation.project.committee')}</h2>
          <ul class="actions">
            <li>
              <a href={`/mobilisation/appels-a-projets/${call.id}/candidatures`}>{t('mobilisation.project.applications')}</a>
            </li>
            {phase === 'review' || phase === 'decided' ? (
              <li>
                <a href={`/mobilisation/appels-a-projets/${call.id}/deliberation`}>{t('mobilisation.project.deliberation')}</a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      {fundAdmin ? (
        <section aria-labelledby="administration">
          <h2 id="administration">{t('mobilisation.project.admin')}</h2>
          <ul class="actions">
            {call.status === 'draft' ? (
              <>
                <li>
                  <a class="button button-secondary" href={`/mobilisation/appels-a-projets/${call.id}/modifier`}>
                    {t('mobilisation.project.edit')}
                  </a>
                </li>
                <li>
                  {call.questionnaire_id ? (
                    <a class="button button-secondary" href={`/enquetes/${call.questionnaire_id}`}>
                      {t('mobilisation.project.editQuestions')}
                    </a>
                  ) : (
                    form(`/mobilisation/appels-a-projets/${call.id}/questionnaire`, t('mobilisation.project.createQuestions'), true)
                  )}
                </li>
                <li>{form(`/mobilisation/appels-a-projets/${call.id}/publier`, t('mobilisation.project.publish'))}</li>
              </>
            ) : null}
            {phase === 'review' ? <li>{form(`/mobilisation/appels-a-projets/${call.id}/decisions`, t('mobilisation.project.publishDecisions'))}</li> : null}
          </ul>
          <h3>{t('mobilisation.project.reviewers')}</h3>
          {reviewers.length === 0 ? (
            <p class="muted">{t('mobilisation.project.noReviewer')}</p>
          ) : (
            <ul>
              {reviewers.map((r) => (
                <li>
                  {r.display_name}
                  {call.status !== 'decided' ? (
                    <form method="post" action={`/mobilisation/appels-a-projets/${call.id}/evaluateurs/${r.user_id}/retirer`} class="inline-form">
                      <input type="hidden" name="_csrf" value={csrfToken()} />{' '}
                      <button type="submit" class="link-button danger">
                        {t('mobilisation.project.removeReviewer', { name: r.display_name })}
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {call.status !== 'decided' && committee.length > 0 ? (
            <Form action={`/mobilisation/appels-a-projets/${call.id}/evaluateurs`} state={props.reviewerState ?? emptyForm} submitLabel={t('mobilisation.project.assign')}>
              <SelectField name="user_id" label={t('mobilisation.project.reviewer')} hint={t('mobilisation.project.reviewerHint')} required options={committee} />
            </Form>
          ) : null}
        </section>
      ) : null}
    </MobilisationPage>
  )
}

export function ProjectCallFormPage({ action, state, creating, fund }: { action: string; state: FormState; creating: boolean; fund: { id: string; name: string } }) {
  const { t } = useView()
  const title = creating ? t('mobilisation.project.new') : t('mobilisation.project.edit')
  const sdgs = Array.from({ length: 17 }, (_, i) => ({ value: String(i + 1), label: t('mobilisation.project.sdgOption', { n: i + 1 }) }))
  return (
    <MobilisationPage title={title} trail={[{ label: t('mobilisation.funds.title'), href: '/mobilisation/fonds' }, { label: fund.name, href: `/mobilisation/fonds/${fund.id}` }]}>
      <h1>{title}</h1>
      <Form action={action} state={state} submitLabel={creating ? t('mobilisation.projectForm.create') : t('mobilisation.form.save')}>
        <TextField name="title" label={t('mobilisation.projectForm.title')} required maxLength={200} />
        <TextArea name="summary" label={t('mobilisation.projectForm.summary')} required rows={5} />
        <TextField name="territory" label={t('mobilisation.projectForm.territory')} hint={t('mobilisation.form.territoryHint')} required maxLength={200} />
        <CheckboxGroup name="sdgs" legend={t('mobilisation.projectForm.sdgs')} hint={t('mobilisation.projectForm.sdgsHint')} options={sdgs} columns />
        <TextField name="min_amount" label={t('mobilisation.projectForm.minAmount')} hint={t('mobilisation.form.eurosHint')} required inputMode="numeric" maxLength={30} />
        <TextField name="max_amount" label={t('mobilisation.projectForm.maxAmount')} hint={t('mobilisation.form.eurosHint')} required inputMode="numeric" maxLength={30} />
        <TextField name="cofunding_min_percent" label={t('mobilisation.projectForm.cofunding')} hint={t('mobilisation.projectForm.cofundingHint')} required inputMode="numeric" maxLength={3} />
        <TextField name="min_worlds" label={t('mobilisation.projectForm.minWorlds')} required inputMode="numeric" maxLength={1} />
        <TextField name="score_max" label={t('mobilisation.projectForm.scoreMax')} hint={t('mobilisation.projectForm.scoreMaxHint')} required inputMode="numeric" maxLength={2} />
        <TextField name="opens_at" type="datetime-local" label={t('mobilisation.projectForm.opensAt')} hint={t('mobilisation.projectForm.parisHint')} required />
        <TextField name="deadline_at" type="datetime-local" label={t('mobilisation.projectForm.deadlineAt')} hint={t('mobilisation.projectForm.parisHint')} required />
        <fieldset>
          <legend>{t('mobilisation.projectForm.grid')}</legend>
          <p class="hint">{t('mobilisation.projectForm.gridHint')}</p>
          {Array.from({ length: CRITERIA_ROWS }, (_, i) => (
            <div class="row-fields">
              <TextField name={`criterion_label_${i + 1}`} label={t('mobilisation.projectForm.criterion', { n: i + 1 })} maxLength={200} />
              <TextField name={`criterion_weight_${i + 1}`} label={t('mobilisation.projectForm.weight', { n: i + 1 })} inputMode="numeric" maxLength={2} />
            </div>
          ))}
        </fieldset>
      </Form>
    </MobilisationPage>
  )
}
