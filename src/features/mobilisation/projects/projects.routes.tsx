/**
 * Pages of calls for projects and applications: the list (`/mobilisation/appels-a-projets`), drafting a call from its
 * fund, one call (its rules, and each person's next step), its questions (the surveys builder), publishing it,
 * assigning reviewers, the committee's list of applications; starting, filling, submitting and withdrawing an
 * application (`/mobilisation/candidatures/:id`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { requireUser } from '../../../core/access/actor.js'
import { AppError } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId, postedValues } from '../../../core/http/routes.js'
import { Id, IdParams } from '../../../core/http/schemas.js'
import { lenient } from '../../../core/http/validation.js'
import { isoToParisLocal } from '../../../core/time/calendar.js'
import type { FormState } from '../../../core/views/forms.js'
import { quantityInput } from '../../alliances/index.js'
import { FUNDS_TAG } from '../cache-tags.js'
import { authorizeFundAdmin } from '../funds/funds.policy.js'
import { listCommittee } from '../funds/funds.queries.js'
import { loadFund } from '../funds/funds.service.js'
import { administeredOrganisations } from '../mobilisation.policy.js'
import { EmptyBody, ReasonBody } from '../mobilisation.schemas.js'
import { conflictsOfCall } from '../selection/conflicts.js'
import { loadApplicationAccess, loadProjectCall } from './access.js'
import { eligibilityOf, saveApplication, startApplication, submitApplication, withdrawApplication } from './applications.service.js'
import { assignReviewer, createCallQuestionnaire, createProjectCall, publishProjectCall, unassignReviewer, updateProjectCall } from './project-calls.service.js'
import { authorizeApplicationEdit, authorizeApplicationView, authorizeProjectCallManage, type ApplicationAccess, type ProjectCallAccess } from './projects.policy.js'
import { activePartnerOrganisations, coordinatedAlliances, listApplicationsOfAlliances, listBudgetLines, listCallApplications, listCallSdgs, listCriteria, listProjectCalls, listReviewers, projectCallPhase } from './projects.queries.js'
import { applicationInputOfForm, ApplicationForm, projectCallInputOfForm, ProjectCallForm, ReviewerBody, StartApplicationBody } from './projects.schemas.js'
import { answerValues, questionsOf, type Answers } from './questions.js'
import { ApplicationFormPage, ApplicationPage, ApplicationsListPage } from './views/ApplicationViews.js'
import { ProjectCallFormPage, ProjectCallListPage, ProjectCallPage } from './views/ProjectCallViews.js'

const PageOnly = lenient(Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }))

export async function projectPages(app: FastifyInstance): Promise<void> {
  const db = app.db

  pageRoute(app, {
    url: '/mobilisation/appels-a-projets',
    public: true,
    cache: { tags: [FUNDS_TAG] },
    querystring: PageOnly,
    handler: async (request, reply) => {
      const page = await listProjectCalls(db, { hostOrganisationIds: administeredOrganisations(request.actor) }, request.query.page ?? 1, 20)
      return reply.page(<ProjectCallListPage page={page} phaseOf={(c) => projectCallPhase(c)} />)
    },
  })

  // --- drafting a call -------------------------------------------------------------------------------------
  const adminFund = async (request: FastifyRequest) => authorizeFundAdmin(request.actor, await loadFund(db, request.actor, paramId(request)))

  pageRoute(app, {
    url: '/mobilisation/fonds/:id/appels-a-projets/nouveau',
    params: IdParams,
    authorize: adminFund,
    handler: async (_request, reply, { fund }) => {
      const values = { cofunding_min_percent: '20', min_worlds: '2', score_max: '5', territory: fund.territory_id }
      return reply.page(<ProjectCallFormPage action={`/mobilisation/fonds/${fund.id}/appels-a-projets/nouveau`} state={{ values, errors: [] }} creating fund={fund} />)
    },
  })

  formRoute(app, {
    url: '/mobilisation/fonds/:id/appels-a-projets/nouveau',
    params: IdParams,
    body: ProjectCallForm,
    invalidates: [],
    authorize: adminFund,
    render: (_request, reply, { fund }, state, status) => reply.page(<ProjectCallFormPage action={`/mobilisation/fonds/${fund.id}/appels-a-projets/nouveau`} state={state} creating fund={fund} />, status),
    handler: async (request, reply, { fund }) => {
      const id = await createProjectCall(db, request.actor, fund.id, projectCallInputOfForm(request.body))
      return done(reply, `/mobilisation/appels-a-projets/${id}`, { kind: 'success', message: 'mobilisation.flash.projectDrafted' })
    },
  })

  // --- one call ---------------------------------------------------------------------------------------------
  const loadCallOf = (request: FastifyRequest) => loadProjectCall(db, request.actor, paramId(request))
  const manageCall = async (request: FastifyRequest) => authorizeProjectCallManage(request.actor, await loadCallOf(request))

  const callPage = async (request: FastifyRequest, access: ProjectCallAccess, forms: { reviewerState?: FormState; applyState?: FormState } = {}) => {
    const { call } = access
    const own = administeredOrganisations(request.actor)
    const memberOf = [...request.actor.memberships.keys()]
    const [sdgs, criteria, reviewers, committee, alliances, partnerAlliances] = await Promise.all([
      listCallSdgs(db, call.id),
      listCriteria(db, call.id),
      access.fundAdmin ? listReviewers(db, call.id) : Promise.resolve([]),
      access.fundAdmin ? listCommittee(db, call.fund_id) : Promise.resolve([]),
      coordinatedAlliances(db, own),
      memberOf.length > 0
        ? db.selectFrom('alliance_partners').select('alliance_id').distinct().where('organisation_id', 'in', memberOf).where('status', '=', 'active').execute()
        : Promise.resolve([]),
    ])
    const ownApplications = await listApplicationsOfAlliances(db, call.id, partnerAlliances.map((p) => p.alliance_id))
    const assigned = new Set(reviewers.map((r) => r.user_id))
    return (
      <ProjectCallPage
        call={call}
        phase={projectCallPhase(call)}
        sdgs={sdgs}
        criteria={criteria}
        questions={call.status === 'draft' ? null : questionsOf(call.questions)}
        fundAdmin={access.fundAdmin}
        reviewer={access.reviewer}
        reviewers={reviewers}
        committee={committee.filter((m) => !assigned.has(m.user_id)).map((m) => ({ value: m.user_id, label: m.organisations ? `${m.display_name} (${m.organisations})` : m.display_name }))}
        alliances={alliances.filter((a) => !ownApplications.some((o) => o.alliance_id === a.id)).map((a) => ({ value: a.id, label: a.name }))}
        own={ownApplications}
        {...forms}
      />
    )
  }

  pageRoute(app, {
    url: '/mobilisation/appels-a-projets/:id',
    public: true,
    params: IdParams,
    authorize: loadCallOf,
    handler: async (request, reply, access) => reply.page(await callPage(request, access)),
  })

  const editForm = async (access: ProjectCallAccess, state: FormState) => <ProjectCallFormPage action={`/mobilisation/appels-a-projets/${access.call.id}/modifier`} state={state} creating={false} fund={{ id: access.call.fund_id, name: access.call.fund_name }} />

  pageRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/modifier',
    params: IdParams,
    authorize: manageCall,
    handler: async (request, reply, access) => {
      const c = access.call
      const [sdgs, criteria] = await Promise.all([listCallSdgs(db, c.id), listCriteria(db, c.id)])
      const values: FormState['values'] = {
        title: c.title,
        summary: c.summary,
        territory: c.territory_id,
        sdgs: sdgs.map(String),
        min_amount: quantityInput(request.locale, Number(c.min_amount_cents)),
        max_amount: quantityInput(request.locale, Number(c.max_amount_cents)),
        cofunding_min_percent: String(c.cofunding_min_percent),
        min_worlds: String(c.min_worlds),
        score_max: String(c.score_max),
        opens_at: isoToParisLocal(c.opens_at),
        deadline_at: isoToParisLocal(c.deadline_at),
      }
      for (const k of criteria) {
        values[`criterion_label_${k.position}`] = k.label
        values[`criterion_weight_${k.position}`] = String(k.weight)
      }
      return reply.page(await editForm(access, { values, errors: [] }))
    },
  })

  formRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/modifier',
    params: IdParams,
    body: ProjectCallForm,
    invalidates: [],
    authorize: manageCall,
    render: async (_request, reply, access, state, status) => reply.page(await editForm(access, state), status),
    handler: async (request, reply, access) => {
      await updateProjectCall(db, request.actor, access.call.id, projectCallInputOfForm(request.body))
      return done(reply, `/mobilisation/appels-a-projets/${access.call.id}`, { kind: 'success', message: 'mobilisation.flash.saved' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/questionnaire',
    params: IdParams,
    body: EmptyBody,
    invalidates: [],
    authorize: manageCall,
    render: async (request, reply, access, _state, status) => reply.page(await callPage(request, access), status),
    handler: async (request, reply, access) => {
      const questionnaireId = await createCallQuestionnaire(db, request.actor, access.call.id)
      return done(reply, `/enquetes/${questionnaireId}`, { kind: 'success', message: 'mobilisation.flash.questionnaireCreated' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/publier',
    params: IdParams,
    body: EmptyBody,
    invalidates: [FUNDS_TAG],
    authorize: manageCall,
    render: async (request, reply, access, _state, status) => reply.page(await callPage(request, access), status),
    handler: async (request, reply, access) => {
      await publishProjectCall(db, request.actor, access.call.id)
      return done(reply, `/mobilisation/appels-a-projets/${access.call.id}`, { kind: 'success', message: 'mobilisation.flash.projectPublished' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/evaluateurs',
    params: IdParams,
    body: ReviewerBody,
    invalidates: [],
    authorize: manageCall,
    render: async (request, reply, access, state, status) => reply.page(await callPage(request, access, { reviewerState: state }), status),
    handler: async (request, reply, access) => {
      await assignReviewer(db, request.actor, access.call.id, request.body.user_id)
      return done(reply, `/mobilisation/appels-a-projets/${access.call.id}`, { kind: 'success', message: 'mobilisation.flash.reviewerAssigned' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/evaluateurs/:userId/retirer',
    params: Type.Object({ id: Id, userId: Type.String() }),
    body: EmptyBody,
    invalidates: [],
    authorize: manageCall,
    render: async (request, reply, access, _state, status) => reply.page(await callPage(request, access), status),
    handler: async (request, reply, access) => {
      await unassignReviewer(db, request.actor, access.call.id, paramId(request, 'userId'))
      return done(reply, `/mobilisation/appels-a-projets/${access.call.id}`, { kind: 'success', message: 'mobilisation.flash.reviewerRemoved' })
    },
  })

  pageRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/candidatures',
    params: IdParams,
    querystring: PageOnly,
    authorize: async (request) => {
      const access = await loadCallOf(request)
      requireUser(request.actor)
      if (!access.fundAdmin && !access.reviewer) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.committeeOnly')
      return access
    },
    handler: async (request, reply, access) => {
      const userId = request.actor.userId as string
      const hidden = access.fundAdmin ? [] : (await conflictsOfCall(db, access.call.id, [userId])).map((c) => c.application_id)
      const page = await listCallApplications(db, access.call.id, { statuses: access.fundAdmin ? ['submitted', 'withdrawn'] : ['submitted'], hiddenIds: hidden }, request.query.page ?? 1, 50)
      return reply.page(<ApplicationsListPage call={access.call} phase={projectCallPhase(access.call)} page={page} hidden={hidden.length} />)
    },
  })

  // --- applications -----------------------------------------------------------------------------------------
  formRoute(app, {
    url: '/mobilisation/appels-a-projets/:id/candidatures',
    params: IdParams,
    body: StartApplicationBody,
    invalidates: [],
    authorize: loadCallOf,
    render: async (request, reply, access, state, status) => reply.page(await callPage(request, access, { applyState: state }), status),
    handler: async (request, reply, access) => {
      const id = await startApplication(db, request.actor, access.call.id, request.body.alliance_id)
      return done(reply, `/mobilisation/candidatures/${id}/modifier`, { kind: 'success', message: 'mobilisation.flash.applicationStarted' })
    },
  })

  const loadApplicationOf = (request: FastifyRequest) => loadApplicationAccess(db, request.actor, paramId(request))
  const applicationPage = async (request: FastifyRequest, access: ApplicationAccess, withdrawState?: FormState) => {
    const { application, call } = access
    const [lines, eligibility, decision, grant] = await Promise.all([
      listBudgetLines(db, application.id),
      application.status === 'draft' ? eligibilityOf(db, request.actor, access) : Promise.resolve(application.eligibility ? JSON.parse(application.eligibility) : []),
      db.selectFrom('mobilisation_decisions').selectAll().where('application_id', '=', application.id).executeTakeFirst(),
      db.selectFrom('mobilisation_grants').select('id').where('application_id', '=', application.id).executeTakeFirst(),
    ])
    const decided = decision && (access.fundAdmin || decision.published_at) ? decision : null
    return <ApplicationPage application={application} call={call} lines={lines} questions={questionsOf(call.questions)} eligibility={eligibility} applicant={access.applicant} fundAdmin={access.fundAdmin} reviewer={access.reviewer && access.conflict === null} decision={decided} grantId={decided && grant ? grant.id : null} withdrawState={withdrawState} />
  }

  pageRoute(app, {
    url: '/mobilisation/candidatures/:id',
    params: IdParams,
    authorize: async (request) => authorizeApplicationView(request.actor, await loadApplicationOf(request)),
    handler: async (request, reply, access) => reply.page(await applicationPage(request, access)),
  })

  const editApplication = async (request: FastifyRequest) => authorizeApplicationEdit(request.actor, await loadApplicationOf(request))
  const applicationForm = async (access: ApplicationAccess, state: FormState) => {
    const beneficiaries = (await activePartnerOrganisations(db, access.application.alliance_id)).map((o) => ({ value: o.id, label: o.name }))
    return <ApplicationFormPage application={access.application} call={access.call} questions={questionsOf(access.call.questions)} beneficiaries={beneficiaries} state={state} />
  }

  pageRoute(app, {
    url: '/mobilisation/candidatures/:id/modifier',
    params: IdParams,
    authorize: editApplication,
    handler: async (request, reply, access) => {
      const a = access.application
      const lines = await listBudgetLines(db, a.id)
      const values: FormState['values'] = { title: a.title, summary: a.summary, beneficiary_organisation_id: a.beneficiary_organisation_id, requested: Number(a.requested_cents) > 0 ? quantityInput(request.locale, Number(a.requested_cents)) : '' }
      let e = 0
      let r = 0
      for (const l of lines) {
        if (l.side === 'expense') {
          e++
          values[`expense_label_${e}`] = l.label
          values[`expense_amount_${e}`] = quantityInput(request.locale, Number(l.amount_cents))
        } else if (l.source !== 'fund') {
          r++
          values[`resource_source_${r}`] = l.source
          values[`resource_label_${r}`] = l.label
          values[`resource_amount_${r}`] = quantityInput(request.locale, Number(l.amount_cents))
          if (l.in_kind_type) values[`resource_type_${r}`] = l.in_kind_type
          if (l.in_kind_unit) values[`resource_unit_${r}`] = l.in_kind_unit
          if (l.in_kind_hundredths !== null) values[`resource_quantity_${r}`] = quantityInput(request.locale, Number(l.in_kind_hundredths))
        }
      }
      Object.assign(values, answerValues(access.call.questions, JSON.parse(a.answers) as Answers))
      return reply.page(await applicationForm(access, { values, errors: [] }))
    },
  })

  formRoute(app, {
    url: '/mobilisation/candidatures/:id/modifier',
    params: IdParams,
    body: ApplicationForm,
    invalidates: [],
    authorize: editApplication,
    render: async (_request, reply, access, state, status) => reply.page(await applicationForm(access, state), status),
    handler: async (request, reply, access) => {
      await saveApplication(db, request.actor, access.application.id, applicationInputOfForm(request.body, postedValues(request)))
      if (request.body.intent === 'submit') {
        await submitApplication(db, request.actor, access.application.id)
        return done(reply, `/mobilisation/candidatures/${access.application.id}`, { kind: 'success', message: 'mobilisation.flash.applicationSubmitted' })
      }
      return done(reply, `/mobilisation/candidatures/${access.application.id}/modifier`, { kind: 'success', message: 'mobilisation.flash.draftSaved' })
    },
  })

  formRoute(app, {
    url: '/mobilisation/candidatures/:id/retrait',
    params: IdParams,
    body: ReasonBody,
    invalidates: [],
    authorize: editApplication,
    render: async (request, reply, access, state, status) => reply.page(await applicationPage(request, access, state), status),
    handler: async (request, reply, access) => {
      await withdrawApplication(db, request.actor, access.application.id, request.body.reason ?? '')
      return done(reply, `/mobilisation/candidatures/${access.application.id}`, { kind: 'success', message: 'mobilisation.flash.applicationWithdrawn' })
    },
  })
}

