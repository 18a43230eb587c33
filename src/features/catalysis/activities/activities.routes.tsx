/**
 * The forms of a space's activity log (`/espaces/:id/activites…`): recording an activity in one cell of the
 * 4 × 4 grid, editing it, deleting one recorded by mistake. The space's team only: rights (404 for an unknown
 * space or activity, 403 for someone outside the team) before the input; the outputs typed as page addresses
 * are read with the other fields so that every problem shows at once.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type, { type Static } from 'typebox'
import { notFound } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId, postedValues } from '../../../core/http/routes.js'
import { IdParams } from '../../../core/http/schemas.js'
import { parisToday } from '../../../core/time/calendar.js'
import type { FormState } from '../../../core/views/forms.js'
import { authorizeSpaceTeam, type SpaceAccess } from '../catalysis.policy.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { ActivityFormPage } from '../spaces/views/SpaceForms.js'
import { findActivity, type TimelineActivity } from './activities.queries.js'
import { ActivityForm, ActivityParams, minutesOf } from './activities.schemas.js'
import { deleteActivity, parseOutputLinks, recordActivity, updateActivity, type ActivityData } from './activities.service.js'

/** The page address of an output (how the form shows it). */
function outputPath(kind: string, id: string): string {
  return { connection: '/mises-en-relation/', alliance: '/alliances/', need: '/besoins/', survey: '/repondre/', meeting: '/rencontres/' }[kind] + id
}

interface Ctx {
  access: SpaceAccess
  editing: TimelineActivity | null
}

export async function activityPages(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db

  /** The space (and, with `activity`, the activity `:activityId` of it: 404 otherwise) of the URL, and the actor in its team. */
  const teamOf =
    (activity: boolean) =>
    async (request: FastifyRequest): Promise<Ctx> => {
      const access = await loadSpace(db, paramId(request))
      const editing = activity ? ((await findActivity(db, access.space.id, paramId(request, 'activityId'))) ?? null) : null
      if (activity && !editing) throw notFound()
      authorizeSpaceTeam(request.actor, access)
      return { access, editing }
    }

  /** The organisations of the space's perimeter, to name those involved. */
  async function perimeterOrganisations(spaceId: string) {
    const rows = await db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('seat_commune_id', 'in', (eb) => eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', 'in', eb.selectFrom('catalysis_space_territories').select('territory_id').where('space_id', '=', spaceId)))
      .orderBy('search_name')
      .limit(300)
      .execute()
    return rows.map((r) => ({ value: r.id, label: r.name }))
  }

  async function render(_request: FastifyRequest, reply: FastifyReply, { access, editing }: Ctx, state: FormState, status: number) {
    const action = editing ? `/espaces/${access.space.id}/activites/${editing.id}/modifier` : `/espaces/${access.space.id}/activites`
    return reply.page(<ActivityFormPage space={access.space} action={action} state={state} organisations={await perimeterOrganisations(access.space.id)} editing={editing ?? undefined} />, status)
  }

  /** The outputs field read as page addresses; its problem is shown with the schema's. */
  const outputsOf = (request: FastifyRequest) => {
    const raw = postedValues(request).outputs
    return parseOutputLinks(typeof raw === 'string' ? raw : '')
  }

  const save = (request: FastifyRequest, v: Static<typeof ActivityForm>): ActivityData => {
    return { activity: v.activity, title: v.title, description: v.description ?? '', startedOn: v.started_on, endedOn: v.ended_on ?? null, minutesSpent: minutesOf(v.hours), organisationIds: v.organisation_ids, outputs: outputsOf(request).outputs }
  }
  const back = (spaceId: string, startedOn: string) => `/espaces/${spaceId}?annee=${startedOn.slice(0, 4)}#frise`

  pageRoute(app, {
    url: '/espaces/:id/activites/nouvelle',
    params: IdParams,
    authorize: teamOf(false),
    handler: async (request, reply, ctx) => render(request, reply, ctx, { values: { started_on: parisToday() }, errors: [] }, 200),
  })
  formRoute(app, {
    url: '/espaces/:id/activites',
    params: IdParams,
    body: ActivityForm,
    // the activity log is on the space's page, which the page cache does not keep
    invalidates: [],
    authorize: teamOf(false),
    render,
    check: (request) => {
      const { problem } = outputsOf(request)
      return problem ? [problem] : []
    },
    handler: async (request, reply, { access }) => {
      await recordActivity(db, request.actor, access.space.id, save(request, request.body))
      return done(reply, back(access.space.id, request.body.started_on), { kind: 'success', message: 'catalysis.activity.recorded' })
    },
  })

  pageRoute(app, {
    url: '/espaces/:id/activites/:activityId/modifier',
    params: ActivityParams,
    authorize: teamOf(true),
    handler: async (request, reply, ctx) => {
      const a = ctx.editing as TimelineActivity
      const values = { activity: a.activity, title: a.title, description: a.description, started_on: a.started_on, ended_on: a.ended_on ?? '', hours: a.minutes_spent ? String(a.minutes_spent / 60) : '', organisation_ids: a.organisations.map((o) => o.id), outputs: a.outputs.map((o) => `${options.publicUrl}${outputPath(o.kind, o.targetId)}`).join('\n') }
      return render(request, reply, ctx, { values, errors: [] }, 200)
    },
  })
  formRoute(app, {
    url: '/espaces/:id/activites/:activityId/modifier',
    params: ActivityParams,
    body: ActivityForm,
    invalidates: [],
    authorize: teamOf(true),
    render,
    check: (request) => {
      const { problem } = outputsOf(request)
      return problem ? [problem] : []
    },
    handler: async (request, reply, { access, editing }) => {
      await updateActivity(db, request.actor, access.space.id, (editing as TimelineActivity).id, save(request, request.body))
      return done(reply, back(access.space.id, request.body.started_on), { kind: 'success', message: 'catalysis.saved' })
    },
  })

  formRoute(app, {
    url: '/espaces/:id/activites/:activityId/supprimer',
    params: ActivityParams,
    body: Type.Object({}),
    invalidates: [],
    authorize: teamOf(true),
    render,
    handler: async (request, reply, { access, editing }) => {
      await deleteActivity(db, request.actor, access.space.id, (editing as TimelineActivity).id)
      return done(reply, `/espaces/${access.space.id}#frise`, { kind: 'success', message: 'catalysis.activity.deleted' })
    },
  })
}
