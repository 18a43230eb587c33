/**
 * Answering a survey (`/repondre/:id`): anonymously (no account; one response per browser through a random
 * token cookie), with an invitation code (one response per code), or signed in (one per account). Answers are
 * saved as a draft, then submitted once; the respondent then sees their own answers, and only theirs. Outside
 * the campaign's dates nothing is recorded and the page says why. Answering changes nothing public (published
 * studies are frozen), so these writes leave the page cache alone.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, validationError } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId, postedValues } from '../../../core/http/routes.js'
import { formatDate } from '../../../core/i18n/index.js'
import { sharedDefinition, type Definition } from '../surveys.definition.js'
import { unsafeFindCampaignForRespondent, unsafeFindOwnResponse, unsafeInvitationCodeExists } from '../surveys.queries.js'
import { formValuesOfAnswers, type Answers } from './answers.js'
import { AnswerForm, InvitationCodeForm } from './respond.schemas.js'
import {
  campaignStatus,
  codeHash,
  isRespondentToken,
  newRespondentToken,
  normaliseCode,
  respondentKeyOfToken,
  respondentKeyOfUser,
  saveAnswers,
  type Respondent,
} from './respond.service.js'
import { AnswerPage, CodePage, OwnAnswersPage, type RespondentCampaign } from './views/RespondPages.js'

/** Cookie of the anonymous respondent's browser token (random, 256 bits). */
export const TOKEN_COOKIE = 'alliance_respondent'
/** Cookie holding an invitation code, scoped to one campaign's path. */
export const CODE_COOKIE = 'alliance_code'

/** The public URL (whether cookies must be Secure) and whether code attempts are limited. */
export interface RespondRoutesOptions {
  publicUrl: string
  rateLimit: boolean
}

/** Attempts at an invitation code per address: enough for typing mistakes, far too few for guessing. */
const CODE_ATTEMPTS = { max: 20, timeWindow: 15 * 60_000 }

interface Answerable {
  campaign: RespondentCampaign
  def: Definition
}

/** Registers the answering routes (public; the campaign's mode decides who may answer). */
export async function respondRoutes(app: FastifyInstance, options: RespondRoutesOptions): Promise<void> {
  const db = app.db
  const secure = options.publicUrl.startsWith('https://')

  /** The campaign of the URL (anyone with the link may see its questionnaire), or 404. */
  async function campaignOf(request: FastifyRequest): Promise<Answerable> {
    const campaign = await unsafeFindCampaignForRespondent(db, paramId(request))
    if (!campaign) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
    return { campaign, def: sharedDefinition(campaign.definition) as Definition }
  }

  /**
   * Who is answering: the browser token (created on first visit), the invitation code held in this campaign's
   * cookie, or the signed-in account. Null when a code or a sign-in is still needed.
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

  /** Why answering is not possible today (before the first day, after the last), in the reader's words. */
  function closedNotice(request: FastifyRequest, campaign: RespondentCampaign): string | null {
    const status = campaignStatus(campaign)
    if (status === 'upcoming') return request.t('surveys.respond.notYetOpen', { date: formatDate(request.locale, campaign.opens_on) })
    if (status === 'closed') return request.t('surveys.respond.closed', { date: formatDate(request.locale, campaign.closes_on) })
    return null
  }

  const signInFirst = (reply: FastifyReply, path: string) => reply.redirect(`/connexion?retour=${encodeURIComponent(path)}`, 303)
  const renderOwn = async (reply: FastifyReply, { campaign, def }: Answerable, respondent: Respondent | null, status = 200) => {
    const own = respondent ? await unsafeFindOwnResponse(db, campaign.id, respondent.key) : undefined
    return reply.page(<OwnAnswersPage campaign={campaign} def={def} answers={own ? (JSON.parse(own.answers) as Answers) : null} status={own?.status ?? null} submittedAt={own?.submitted_at ?? null} />, status)
  }

  pageRoute(app, {
    url: '/repondre/:id',
    public: true,
    authorize: campaignOf,
    handler: async (request, reply, ctx) => {
      const { campaign, def } = ctx
      reply.header('cache-control', 'no-store')
      if (campaign.mode === 'signed_in' && request.actor.userId === null) return signInFirst(reply, `/repondre/${campaign.id}`)
      const respondent = await respondentOf(request, reply, campaign)
      if (!respondent) return reply.page(<CodePage campaign={campaign} def={def} values={{}} errors={[]} />)
      const notice = closedNotice(request, campaign)
      const existing = await unsafeFindOwnResponse(db, campaign.id, respondent.key)
      if (existing?.status === 'submitted') return reply.redirect(`/repondre/${campaign.id}/mes-reponses`, 303)
      const values = existing ? formValuesOfAnswers(def, JSON.parse(existing.answers) as Answers) : {}
      return reply.page(<AnswerPage campaign={campaign} def={def} values={values} errors={[]} notice={notice ?? (existing ? request.t('surveys.respond.draftLoaded') : null)} closed={notice !== null} />)
    },
  })

  formRoute(app, {
    url: '/repondre/:id',
    public: true,
    body: AnswerForm,
    invalidates: [],
    authorize: campaignOf,
    render: (_request, reply, { campaign, def }, state, status) => reply.page(<AnswerPage campaign={campaign} def={def} values={state.values} errors={state.errors} notice={null} closed={false} />, status),
    handler: async (request, reply, ctx) => {
      const { campaign, def } = ctx
      reply.header('cache-control', 'no-store')
      const respondent = await respondentOf(request, reply, campaign)
      if (!respondent) {
        if (campaign.mode === 'signed_in') throw new AppError('ALLIANCE_ERR_UNAUTHENTICATED', 'error.unauthenticated')
        return reply.page(<CodePage campaign={campaign} def={def} values={{}} errors={[{ field: 'code', message: 'surveys.respond.codeNeeded' }]} />, 400)
      }
      const notice = closedNotice(request, campaign)
      if (notice) return reply.page(<AnswerPage campaign={campaign} def={def} values={postedValues(request)} errors={[]} notice={notice} closed />, 409)
      const existing = await unsafeFindOwnResponse(db, campaign.id, respondent.key)
      if (existing?.status === 'submitted') return renderOwn(reply, ctx, respondent, 409)
      const intent = request.body.intent === 'draft' ? 'draft' : 'submit'
      // the answers are fields named after the questions (`q_<key>`): read from the posted values
      await saveAnswers(db, campaign, respondent, postedValues(request), intent)
      if (intent === 'draft') return done(reply, `/repondre/${campaign.id}`, { kind: 'success', message: 'surveys.respond.draftSaved' })
      return done(reply, `/repondre/${campaign.id}/mes-reponses`, { kind: 'success', message: 'surveys.respond.thanks' })
    },
  })

  formRoute(app, {
    url: '/repondre/:id/code',
    public: true,
    body: InvitationCodeForm,
    invalidates: [],
    rateLimit: options.rateLimit ? CODE_ATTEMPTS : false,
    authorize: campaignOf,
    render: (_request, reply, { campaign, def }, state, status) => reply.page(<CodePage campaign={campaign} def={def} values={state.values} errors={state.errors} />, status),
    handler: async (request, reply, { campaign }) => {
      reply.header('cache-control', 'no-store')
      if (campaign.mode !== 'invitation') return reply.redirect(`/repondre/${campaign.id}`, 303)
      const code = normaliseCode(request.body.code)
      if (!(await unsafeInvitationCodeExists(db, campaign.id, codeHash(campaign.id, code)))) throw validationError([{ field: 'code', message: 'surveys.respond.codeInvalid' }])
      reply.setCookie(CODE_COOKIE, code, { path: `/repondre/${campaign.id}`, httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 90 * 86400 })
      return reply.redirect(`/repondre/${campaign.id}`, 303)
    },
  })

  pageRoute(app, {
    url: '/repondre/:id/mes-reponses',
    public: true,
    authorize: campaignOf,
    handler: async (request, reply, ctx) => {
      reply.header('cache-control', 'no-store')
      if (ctx.campaign.mode === 'signed_in' && request.actor.userId === null) return signInFirst(reply, `/repondre/${ctx.campaign.id}/mes-reponses`)
      return renderOwn(reply, ctx, await respondentOf(request, reply, ctx.campaign))
    },
  })
}
