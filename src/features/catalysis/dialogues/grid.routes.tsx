/**
 * Pages of the maturity grid: its public documentation (`/maturite`: criteria, levels and ranges, which level
 * is sourced and which are the platform's own proposal, its versions) and its editor for platform admins (a
 * new version at each save; overlapping or missing ranges are refused with every problem named).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { done, formRoute, pageRoute } from '../../../core/http/routes.js'
import type { FormState } from '../../../core/views/forms.js'
import { authorizeGridEdit } from '../catalysis.policy.js'
import { GridForm } from './dialogues.schemas.js'
import type { Grid } from './maturity.grid.js'
import { currentGrid, gridVersions, saveGrid } from './maturity.service.js'
import { GridEditPage, gridFormValues, GridPage } from './views/GridPages.js'

export async function gridPages(app: FastifyInstance): Promise<void> {
  const db = app.db

  pageRoute(app, {
    url: '/maturite',
    public: true,
    handler: async (request, reply) => {
      const [{ version, grid }, versions] = await Promise.all([currentGrid(db), gridVersions(db)])
      return reply.page(<GridPage version={version} grid={grid} versions={versions} canEdit={request.actor.isPlatformAdmin} />)
    },
  })

  /** The current grid, which the actor (a platform admin) may edit. */
  const editable = async (request: FastifyRequest) => {
    authorizeGridEdit(request.actor)
    return (await currentGrid(db)).grid
  }
  const render = (_request: FastifyRequest, reply: FastifyReply, grid: Grid, state: FormState, status: number) => reply.page(<GridEditPage grid={grid} state={state} />, status)
  pageRoute(app, { url: '/maturite/modifier', authorize: editable, handler: async (request, reply, grid) => render(request, reply, grid, { values: gridFormValues(grid), errors: [] }, 200) })

  formRoute(app, {
    url: '/maturite/modifier',
    body: GridForm,
    invalidates: [],
    authorize: editable,
    render,
    // one weight per criterion of the grid as it is (the form's schema allows up to the largest grid)
    check: (_request, grid, values) =>
      grid.criteria.flatMap((_c, i) => {
        const value = values[`criterion_${i}_weight`]
        return typeof value === 'string' && value.trim() !== '' ? [] : [{ field: `criterion_${i}_weight`, message: 'form.error.required' }]
      }),
    handler: async (request, reply, grid) => {
      // the fields are named by index (`criterion_0_weight`…): read as a record of the validated body
      const v: Record<string, unknown> = request.body
      const next: Grid = {
        criteria: grid.criteria.map((c, i) => ({ ...c, weight: Number(v[`criterion_${i}_weight`]) })),
        levels: grid.levels.map((l, i) => ({ ...l, label: String(v[`level_${i}_label`]), description: String(v[`level_${i}_description`] ?? ''), min: Number(v[`level_${i}_min`]), max: Number(v[`level_${i}_max`]) })),
      }
      const version = await saveGrid(db, request.actor, next, String(v.note ?? ''))
      return done(reply, '/maturite', { kind: 'success', message: 'catalysis.grid.saved', params: { version } })
    },
  })
}
