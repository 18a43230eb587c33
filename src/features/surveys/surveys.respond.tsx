/**
 * Answering a survey (`/repondre/:id`): anonymously (no account; one response per browser through a random
 * token cookie), with an invitation code (one response per code), or signed in (one per account). Answers
 * are saved as a draft, then submitted once; the respondent then sees their own answers, and only theirs.
 * Outside the campaign's dates nothing is recorded and the page says why.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, type FieldProblem } from '../../core/errors.js'
import { formValuesOf, parseForm, requireId } from '../../core/http/forms.js'
import { formatDate } from '../../core/i18n/index.js'
import { useView } from '../../core/views/context.js'
import { Form, TextField, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { TermLink } from '../vocabulary/index.js'
import { formValuesOfAnswers, type Answers } from './surveys.answers.js'
import { allQuestions, questionNumber, sharedDefinition, type Definition, type Question } from './surveys.definition.js'
import { unsafeFindCampaignForRespondent, unsafeFindOwnResponse, unsafeInvitationCodeExists } from './surveys.queries.js'
import { InvitationCodeForm } from './surveys.schemas.js'
import {
  codeHash,
  isRespondentToken,
  newRespondentToken,
  normaliseCode,
  parisToday,
  respondentKeyOfToken,
  respondentKeyOfUser,
  saveAnswers,
  type Respondent,
} from './surveys.service.js'
import { QuestionnaireForm } from './views/QuestionnaireForm.js'

/** Cookie of the anonymous respondent's browser token (random, 256 bits). */
export const TOKEN_COOKIE = 'alliance_respondent'
/** Cookie holding an invitation code, scoped to one campaign's path. */
export const CODE_COOKIE = 'alliance_code'

type RespondentCampaign = NonNullable<Awaited<ReturnType<typeof unsafeFindCampaignForRespondent>>>

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

function AnswerPage({ campaign, def, values, errors, notice, closed }: { campaign: RespondentCampaign; def: Definition; values: FormValues; errors: FieldProblem[]; notice: string | null; closed: boolean }) {
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

function CodePage({ campaign, def, values, errors }: { campaign: RespondentCampaign; def: Definition; values: FormValues; errors: FieldProblem[] }) {
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

function answerText(q: Question, value: Answers[string] | undefined, t: (k: string, p?: Record<string, string | number>) => string): string {
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

function OwnAnswersPage({ campaign, def, answers, status, submittedAt }: { campaign: RespondentCampaign; def: Definition; answers: Answers | null; status: 'draft' | 'submitted' | null; submittedAt: string | null }) {
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

/** The public URL (whether cookies must be Secure). */
export interface RespondPagesOptions {
  publicUrl: string
  rateLimit: boolean
}

/** Attempts at an invitation code per address: enough for typing mistakes, far too few for guessing. */
const CODE_ATTEMPTS = { max: 20, timeWindow: 15 * 60_000 }

/** Registers the answering routes (public; the campaign's mode decides who may answer). */
export async function respondPages(app: FastifyInstance, options: RespondPagesOptions): Promise<void> {
  const db = app.db
  const secure = options.publicUrl.startsWith('https://')

  async function campaignOf(request: FastifyRequest): Promise<{ campaign: RespondentCampaign; def: Definition }> {
    const id = requireId((request.params as { id: string }).id)
    const campaign = await unsafeFindCampaignForRespondent(db, id)
    if (!campaign) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
    return { campaign, def: sharedDefinition(campaign.definition) as Definition }
  }

  /**
   * Who is answering: the browser token (created on first visit), the invitation code held in this
   * campaign's cookie, or the signed-in account. Null when a code or a sign-in is still needed.
   */
  async function respondentOf(request: FastifyRequest, reply: FastifyReply, campaign: RespondentCampaign): Promise<Respondent | null> {
    if (campaign.mode === 'signed_in') {
      const userId = request.actor.userId
      return userId === null ? null : { key: respondentKeyOfUser(campaign.id, userId), userId }
    }
    if (campaign.mode === 'invitation') {
      const raw = request.cookies[CODE_COOKIE]
      if (!raw) return null
      const unsigned = request.unsignCookie(raw)
      if (!unsigned.valid || !unsigned.value) return null
      const hash = codeHash(campaign.id, unsigned.value)
      if (!(await unsafeInvitationCodeExists(db, campaign.id, hash))) return null
      return { key: hash, userId: request.actor.userId }
    }
    let token = request.cookies[TOKEN_COOKIE]
    if (!isRespondentToken(token)) {
      token = newRespondentToken()
      reply.setCookie(TOKEN_COOKIE, token, { path: '/repondre', httpOnly: true, sameSite: 'lax', secure, maxAge: 365 * 86400 })
    }
    return { key: respondentKeyOfToken(campaign.id, token), userId: request.actor.userId }
  }

  function noticeOf(request: FastifyRequest, campaign: RespondentCampaign): string | null {
    const today = parisToday()
    if (today < campaign.opens_on) return request.t('surveys.respond.notYetOpen', { date: formatDate(request.locale, campaign.opens_on) })
    if (today > campaign.closes_on) return request.t('surveys.respond.closed', { date: formatDate(request.locale, campaign.closes_on) })
    return null
  }

  app.get('/repondre/:id', { config: { public: true } }, async (request, reply) => {
    const { campaign, def } = await campaignOf(request)
    reply.header('cache-control', 'no-store')
    if (campaign.mode === 'signed_in' && request.actor.userId === null) {
      return reply.redirect(`/connexion?retour=${encodeURIComponent(`/repondre/${campaign.id}`)}`, 303)
    }
    const respondent = await respondentOf(request, reply, campaign)
    if (!respondent) return reply.page(<CodePage campaign={campaign} def={def} values={{}} errors={[]} />)
    const notice = noticeOf(request, campaign)
    const existing = await unsafeFindOwnResponse(db, campaign.id, respondent.key)
    if (existing?.status === 'submitted') return reply.redirect(`/repondre/${campaign.id}/mes-reponses`, 303)
    const values = existing ? formValuesOfAnswers(def, JSON.parse(existing.answers) as Answers) : {}
    return reply.page(<AnswerPage campaign={campaign} def={def} values={values} errors={[]} notice={notice ?? (existing ? request.t('surveys.respond.draftLoaded') : null)} closed={notice !== null} />)
  })

  app.post('/repondre/:id', { config: { public: true } }, async (request, reply) => {
    const { campaign, def } = await campaignOf(request)
    reply.header('cache-control', 'no-store')
    const respondent = await respondentOf(request, reply, campaign)
    if (!respondent) {
      if (campaign.mode === 'signed_in') throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
      return reply.page(<CodePage campaign={campaign} def={def} values={{}} errors={[{ field: 'code', message: 'surveys.respond.codeNeeded' }]} />, 400)
    }
    const body = (request.body ?? {}) as Record<string, unknown>
    const intent = body.intent === 'draft' ? 'draft' : 'submit'
    const values = formValuesOf(request.body)
    try {
      await saveAnswers(db, campaign, respondent, request.body, intent)
    } catch (error) {
      if (error instanceof AppError) {
        if (error.code === 'ALLIANCE_ERR_CAMPAIGN_CLOSED') {
          const date = formatDate(request.locale, String(error.params.date ?? ''))
          return reply.page(<AnswerPage campaign={campaign} def={def} values={values} errors={[]} notice={request.t(error.messageKey, { date })} closed />, 409)
        }
        if (error.code === 'ALLIANCE_ERR_ALREADY_SUBMITTED') {
          const own = await unsafeFindOwnResponse(db, campaign.id, respondent.key)
          return reply.page(<OwnAnswersPage campaign={campaign} def={def} answers={own ? (JSON.parse(own.answers) as Answers) : null} status={own?.status ?? null} submittedAt={own?.submitted_at ?? null} />, 409)
        }
        if (error.fields.length > 0) return reply.page(<AnswerPage campaign={campaign} def={def} values={values} errors={error.fields} notice={null} closed={false} />, 400)
      }
      throw error
    }
    if (intent === 'draft') {
      reply.setFlash({ kind: 'success', message: 'surveys.respond.draftSaved' })
      return reply.redirect(`/repondre/${campaign.id}`, 303)
    }
    reply.setFlash({ kind: 'success', message: 'surveys.respond.thanks' })
    return reply.redirect(`/repondre/${campaign.id}/mes-reponses`, 303)
  })

  app.post('/repondre/:id/code', { config: { public: true, ...(options.rateLimit ? { rateLimit: CODE_ATTEMPTS } : {}) } }, async (request, reply) => {
    const { campaign, def } = await campaignOf(request)
    reply.header('cache-control', 'no-store')
    const values = formValuesOf(request.body)
    if (campaign.mode !== 'invitation') return reply.redirect(`/repondre/${campaign.id}`, 303)
    const parsed = parseForm(InvitationCodeForm, request.body)
    if (!parsed.ok) return reply.page(<CodePage campaign={campaign} def={def} values={values} errors={parsed.errors} />, 400)
    const code = normaliseCode(parsed.value.code)
    if (!(await unsafeInvitationCodeExists(db, campaign.id, codeHash(campaign.id, code)))) {
      return reply.page(<CodePage campaign={campaign} def={def} values={values} errors={[{ field: 'code', message: 'surveys.respond.codeInvalid' }]} />, 400)
    }
    reply.setCookie(CODE_COOKIE, code, { path: `/repondre/${campaign.id}`, httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 90 * 86400 })
    return reply.redirect(`/repondre/${campaign.id}`, 303)
  })

  app.get('/repondre/:id/mes-reponses', { config: { public: true } }, async (request, reply) => {
    const { campaign, def } = await campaignOf(request)
    reply.header('cache-control', 'no-store')
    if (campaign.mode === 'signed_in' && request.actor.userId === null) {
      return reply.redirect(`/connexion?retour=${encodeURIComponent(`/repondre/${campaign.id}/mes-reponses`)}`, 303)
    }
    const respondent = await respondentOf(request, reply, campaign)
    const own = respondent ? await unsafeFindOwnResponse(db, campaign.id, respondent.key) : undefined
    return reply.page(<OwnAnswersPage campaign={campaign} def={def} answers={own ? (JSON.parse(own.answers) as Answers) : null} status={own?.status ?? null} submittedAt={own?.submitted_at ?? null} />)
  })

}
