/**
 * Routes of the questionnaire builder (`/enquetes`): the analyst's list, the creation form with its templates,
 * the builder (sections and questions added, moved and removed with server-side forms), the question editor,
 * the preview and the duplicate action. Every form goes through `formRoute`: rights on the questionnaire of
 * the URL first (404 for another organisation's), then every field at once, then the service.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { notFound, type FieldProblem } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId, paramText, postedValues } from '../../../core/http/routes.js'
import type { FormState } from '../../../core/views/forms.js'
import { loadQuestionnaire, type QuestionnaireAccess } from '../surveys.access.js'
import { findQuestion, type Question } from '../surveys.definition.js'
import { listCampaignsOf, listOrganisationsOf, listQuestionnaires, questionnaireHasResponses } from '../surveys.queries.js'
import { resolveTerritory, type TerritoryResolution } from '../campaigns/territory-input.js'
import { ButtonForm, QuestionAddForm, QuestionEditForm, QuestionMoveForm, QuestionnaireCreateForm, QuestionnaireMetaForm, SectionAddForm, SectionOpForm } from './builder.schemas.js'
import {
  addQuestionTo,
  addSectionTo,
  assertEditable,
  changeSection,
  createQuestionnaire,
  deleteQuestionFrom,
  duplicateQuestionnaire,
  moveQuestionIn,
  saveQuestion,
  updateQuestionnaireMeta,
} from './builder.service.js'
import { BuilderPage } from './views/BuilderPage.js'
import { CreatePage } from './views/CreatePage.js'
import { PreviewPage } from './views/PreviewPage.js'
import { QuestionEditPage, valuesOfQuestion } from './views/QuestionEditPage.js'
import { QuestionnairesPage } from './views/QuestionnairesPage.js'

/** A question (`q…`) or section (`s…`) key from the URL, or a 404. */
export function requireKey(request: FastifyRequest, prefix: 'q' | 's'): string {
  const value = paramText(request, 'key')
  if (typeof value !== 'string' || !new RegExp(`^${prefix}[0-9]{1,4}$`).test(value)) throw notFound()
  return value
}

const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined)

/** Registers the builder routes (analysts: members of the questionnaire's organisation, platform admins). */
export async function builderRoutes(app: FastifyInstance): Promise<void> {
  const db = app.db
  const questionnaireOf = (request: FastifyRequest) => loadQuestionnaire(db, request.actor, paramId(request))
  const organisationsOf = (request: FastifyRequest) => listOrganisationsOf(db, [...request.actor.memberships.keys()])

  async function renderBuilder(reply: FastifyReply, access: QuestionnaireAccess, errors: FieldProblem[] = [], status = 200, metaState?: FormState) {
    const { scope, questionnaire, def } = access
    const [campaigns, frozen] = await Promise.all([listCampaignsOf(db, [questionnaire.id]), questionnaireHasResponses(db, scope, questionnaire.id)])
    const meta = metaState ?? { values: { title: questionnaire.title, intro: questionnaire.intro }, errors: [] }
    return reply.page(<BuilderPage questionnaire={questionnaire} def={def} campaigns={campaigns} frozen={frozen} errors={errors} metaState={meta} />, status)
  }
  const renderWithErrors = (_request: FastifyRequest, reply: FastifyReply, access: QuestionnaireAccess, state: FormState, status: number) => renderBuilder(reply, access, state.errors, status)

  pageRoute(app, {
    url: '/enquetes',
    handler: async (request, reply) => {
      const actor = request.actor
      const questionnaires = await listQuestionnaires(db, actor.isPlatformAdmin ? 'all' : [...actor.memberships.keys()])
      const campaigns = await listCampaignsOf(db, questionnaires.map((q) => q.id))
      return reply.page(<QuestionnairesPage questionnaires={questionnaires} campaigns={campaigns} />)
    },
  })

  pageRoute(app, {
    url: '/enquetes/nouvelle',
    handler: async (request, reply) => reply.page(<CreatePage state={{ values: { template: 'barometre' }, errors: [] }} organisations={await organisationsOf(request)} candidates={[]} />),
  })

  // The territory typed is resolved once per request: its problem joins the schema's, its candidates the page.
  const territories = new WeakMap<FastifyRequest, TerritoryResolution>()
  const territoryOf = async (request: FastifyRequest, values: FormState['values']) => {
    const resolution = await resolveTerritory(db, text(values.territory), text(values.territory_choice))
    territories.set(request, resolution)
    return resolution
  }
  formRoute(app, {
    url: '/enquetes/nouvelle',
    body: QuestionnaireCreateForm,
    invalidates: [],
    check: async (request, _ctx, values) => {
      const resolution = await territoryOf(request, values)
      return resolution.problem ? [resolution.problem] : []
    },
    render: async (request, reply, _ctx, state, status) => reply.page(<CreatePage state={state} organisations={await organisationsOf(request)} candidates={territories.get(request)?.candidates ?? []} />, status),
    handler: async (request, reply) => {
      const { organisation, title, template } = request.body
      const territory = territories.get(request) ?? (await territoryOf(request, postedValues(request)))
      const id = await createQuestionnaire(db, request.actor, { organisationId: organisation, title, template, territoryId: territory.territoryId })
      return done(reply, `/enquetes/${id}`, { kind: 'success', message: 'surveys.create.done' })
    },
  })

  pageRoute(app, { url: '/enquetes/:id', authorize: questionnaireOf, handler: async (_request, reply, access) => renderBuilder(reply, access) })

  formRoute(app, {
    url: '/enquetes/:id',
    body: QuestionnaireMetaForm,
    invalidates: [],
    authorize: questionnaireOf,
    render: (_request, reply, access, state, status) => renderBuilder(reply, access, state.errors, status, state),
    handler: async (request, reply, access) => {
      await updateQuestionnaireMeta(db, request.actor, access.questionnaire.id, { title: request.body.title, intro: request.body.intro ?? '' })
      return done(reply, `/enquetes/${access.questionnaire.id}`, { kind: 'success', message: 'surveys.builder.saved' })
    },
  })

  formRoute(app, {
    url: '/enquetes/:id/sections',
    body: SectionAddForm,
    invalidates: [],
    authorize: questionnaireOf,
    render: renderWithErrors,
    handler: async (request, reply, access) => {
      const key = await addSectionTo(db, request.actor, access.questionnaire.id, request.body.title)
      return done(reply, `/enquetes/${access.questionnaire.id}#section-${key}`)
    },
  })

  const withKey = (prefix: 'q' | 's') => async (request: FastifyRequest) => ({ access: await questionnaireOf(request), key: requireKey(request, prefix) })

  formRoute(app, {
    url: '/enquetes/:id/sections/:key',
    body: SectionOpForm,
    invalidates: [],
    authorize: withKey('s'),
    render: (request, reply, ctx, state, status) => renderWithErrors(request, reply, ctx.access, state, status),
    handler: async (request, reply, { access, key }) => {
      await changeSection(db, request.actor, access.questionnaire.id, key, request.body.op, request.body.title)
      return done(reply, `/enquetes/${access.questionnaire.id}#section-${key}`)
    },
  })

  formRoute(app, {
    url: '/enquetes/:id/questions',
    body: QuestionAddForm,
    invalidates: [],
    authorize: questionnaireOf,
    render: renderWithErrors,
    handler: async (request, reply, access) => {
      const key = await addQuestionTo(db, request.actor, access.questionnaire.id, request.body)
      return done(reply, `/enquetes/${access.questionnaire.id}/questions/${key}`)
    },
  })

  /** The question of the URL, or 404; the editor of an answered questionnaire is a 409. */
  const editableQuestion = async (request: FastifyRequest): Promise<{ access: QuestionnaireAccess; q: Question }> => {
    const { access, key } = await withKey('q')(request)
    const q = findQuestion(access.def, key)
    if (!q) throw notFound()
    await assertEditable(db, request.actor, access.questionnaire.id)
    return { access, q }
  }
  const renderEditor = (reply: FastifyReply, { access, q }: { access: QuestionnaireAccess; q: Question }, state: FormState, status = 200) =>
    reply.page(<QuestionEditPage questionnaire={access.questionnaire} def={access.def} q={q} state={state} />, status)

  pageRoute(app, {
    url: '/enquetes/:id/questions/:key',
    authorize: editableQuestion,
    handler: async (_request, reply, ctx) => renderEditor(reply, ctx, { values: valuesOfQuestion(ctx.q), errors: [] }),
  })

  formRoute(app, {
    url: '/enquetes/:id/questions/:key',
    body: QuestionEditForm,
    invalidates: [],
    authorize: editableQuestion,
    render: (_request, reply, ctx, state, status) => renderEditor(reply, ctx, state, status),
    handler: async (request, reply, { access, q }) => {
      // option labels are fields named after the options: `option_<code>`
      const labels: Record<string, string> = {}
      for (const [name, value] of Object.entries(postedValues(request))) {
        const match = /^option_([a-z0-9_]{1,24})$/.exec(name)
        if (match && typeof value === 'string') labels[match[1] as string] = value
      }
      await saveQuestion(db, request.actor, access.questionnaire.id, q.key, request.body, labels)
      const id = access.questionnaire.id
      return request.body.op === 'save' ? done(reply, `/enquetes/${id}#q-${q.key}`, { kind: 'success', message: 'surveys.edit.saved' }) : done(reply, `/enquetes/${id}/questions/${q.key}#champ-options`)
    },
  })

  formRoute(app, {
    url: '/enquetes/:id/questions/:key/deplacer',
    body: QuestionMoveForm,
    invalidates: [],
    authorize: withKey('q'),
    render: (request, reply, ctx, state, status) => renderWithErrors(request, reply, ctx.access, state, status),
    handler: async (request, reply, { access, key }) => {
      await moveQuestionIn(db, request.actor, access.questionnaire.id, key, request.body.direction === 'haut' ? 'up' : 'down')
      return done(reply, `/enquetes/${access.questionnaire.id}#q-${key}`)
    },
  })

  formRoute(app, {
    url: '/enquetes/:id/questions/:key/supprimer',
    body: ButtonForm,
    invalidates: [],
    authorize: withKey('q'),
    render: (request, reply, ctx, state, status) => renderWithErrors(request, reply, ctx.access, state, status),
    handler: async (request, reply, { access, key }) => {
      await deleteQuestionFrom(db, request.actor, access.questionnaire.id, key)
      return done(reply, `/enquetes/${access.questionnaire.id}`)
    },
  })

  pageRoute(app, {
    url: '/enquetes/:id/apercu',
    authorize: questionnaireOf,
    handler: async (_request, reply, access) => reply.page(<PreviewPage questionnaire={access.questionnaire} def={access.def} />),
  })

  formRoute(app, {
    url: '/enquetes/:id/dupliquer',
    body: ButtonForm,
    invalidates: [],
    authorize: questionnaireOf,
    render: renderWithErrors,
    handler: async (request, reply, access) => {
      const copy = await duplicateQuestionnaire(db, request.actor, access.questionnaire.id, request.t('surveys.builder.copySuffix'))
      return done(reply, `/enquetes/${copy}`, { kind: 'success', message: 'surveys.builder.duplicated' })
    },
  })
}
