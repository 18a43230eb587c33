/**
 * The pages of a respondent: the questionnaire to answer (or why it cannot be answered now), the invitation code
 * to type, and one's own answers. Respondents only ever see their own answers.
 */
import type { FieldProblem } from '../../../../core/errors.js'
import { formatDate, type Translate } from '../../../../core/i18n/index.js'
import { useView } from '../../../../core/views/context.js'
import { Form, TextField, type FormValues } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { TermLink } from '../../../vocabulary/index.js'
import { allQuestions, questionNumber, type Definition, type Question } from '../../surveys.definition.js'
import type { unsafeFindCampaignForRespondent } from '../../surveys.queries.js'
import type { Answers } from '../answers.js'
import { QuestionnaireForm } from './QuestionnaireForm.js'

/** A campaign as its answer pages show it. */
export type RespondentCampaign = NonNullable<Awaited<ReturnType<typeof unsafeFindCampaignForRespondent>>>

function Header({ campaign, def }: { campaign: RespondentCampaign; def: Definition }) {
  const { t, locale } = useView()
  const segments = campaign.segments.split(',').filter(Boolean)
  return (
    <>
      <h1>{campaign.title}</h1>
      {campaign.is_synthetic ? <p class="notice notice-info">{t('surveys.synthetic.notice')}</p> : null}
      {campaign.intro ? <p class="lead">{campaign.intro}</p> : null}
      <dl class="facts">
        <div>
          <dt>{t('surveys.respond.period')}</dt>
          <dd>{t('surveys.method.period', { from: formatDate(locale, campaign.opens_on), to: formatDate(locale, campaign.closes_on) })}</dd>
        </div>
        {segments.length > 0 ? (
          <div>
            <dt>{t('surveys.respond.audience')}</dt>
            <dd>
              {segments.map((s, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <TermLink kind="respondent_segment" code={s} />
                </>
              ))}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('surveys.respond.length')}</dt>
          <dd>{t('surveys.respond.questions', { count: allQuestions(def).length })}</dd>
        </div>
      </dl>
      <p class="hint">{t(`surveys.respond.privacy.${campaign.mode}`)}</p>
    </>
  )
}

/** The answer form of a campaign, with a notice (draft found, closed) and the problems of the last post. */
export function AnswerPage({ campaign, def, values, errors, notice, closed }: { campaign: RespondentCampaign; def: Definition; values: FormValues; errors: FieldProblem[]; notice: string | null; closed: boolean }) {
  const { t } = useView()
  return (
    <Layout title={campaign.title}>
      <Header campaign={campaign} def={def} />
      {notice ? (
        <div class="notice notice-info" role="status">
          {notice}
        </div>
      ) : null}
      {closed ? null : <QuestionnaireForm def={def} action={`/repondre/${campaign.id}`} values={values} errors={errors} />}
      {closed ? (
        <p>
          <a href="/etudes">{t('surveys.studies.title')}</a>
        </p>
      ) : null}
    </Layout>
  )
}

/** The page asking for an invitation code. */
export function CodePage({ campaign, def, values, errors }: { campaign: RespondentCampaign; def: Definition; values: FormValues; errors: FieldProblem[] }) {
  const { t } = useView()
  return (
    <Layout title={campaign.title}>
      <Header campaign={campaign} def={def} />
      <Form action={`/repondre/${campaign.id}/code`} state={{ values, errors }} submitLabel={t('surveys.respond.codeSubmit')}>
        <TextField name="code" label={t('surveys.respond.code')} hint={t('surveys.respond.codeHint')} required maxLength={40} autocomplete="off" />
      </Form>
    </Layout>
  )
}

function answerText(q: Question, value: Answers[string] | undefined, t: Translate): string {
  if (value === undefined) return t('surveys.respond.noAnswer')
  const label = (code: string) => q.options.find((o) => o.code === code)?.label ?? code
  if (typeof value === 'string') return q.type === 'single' ? label(value) : value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.map(label).join(' ; ')
  return Object.entries(value)
    .sort((a, b) => a[1] - b[1])
    .map(([item, rank]) => `${rank}. ${label(item)}`)
    .join(' ; ')
}

/** The respondent's own answers (and only theirs). */
export function OwnAnswersPage({ campaign, def, answers, status, submittedAt }: { campaign: RespondentCampaign; def: Definition; answers: Answers | null; status: 'draft' | 'submitted' | null; submittedAt: string | null }) {
  const { t, locale } = useView()
  const title = t('surveys.respond.mine', { title: campaign.title })
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      {status === null || answers === null ? (
        <p>
          {t('surveys.respond.noResponse')} <a href={`/repondre/${campaign.id}`}>{t('surveys.respond.answerNow')}</a>
        </p>
      ) : (
        <>
          <p>{status === 'submitted' ? t('surveys.respond.submittedOn', { date: submittedAt ? formatDate(locale, submittedAt) : '' }) : t('surveys.respond.draftOnly')}</p>
          <dl class="own-answers">
            {allQuestions(def).map((q) => (
              <div>
                <dt>
                  {questionNumber(def, q.key)}. {q.label}
                </dt>
                <dd>{answerText(q, answers[q.key], t)}</dd>
              </div>
            ))}
          </dl>
          {status === 'draft' ? (
            <p>
              <a class="button" href={`/repondre/${campaign.id}`}>
                {t('surveys.respond.continue')}
              </a>
            </p>
          ) : null}
        </>
      )}
    </Layout>
  )
}

