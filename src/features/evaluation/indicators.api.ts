/**
 * JSON API of an alliance's indicators (OpenAPI tag `evaluation`): read like the alliance (paged), define and
 * change one (coordinators' admins), record a dated value with its source for one of one's partner
 * organisations (members of active partners; another organisation answers 404).
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { pageOf, pageWindow } from '../../core/db/paging.js'
import { notFound } from '../../core/errors.js'
import { apiRoute } from '../../core/http/routes.js'
import { Id, IdParams, Page, pageMeta } from '../../core/http/schemas.js'
import { allianceRights, indicatorRights } from './evaluation.authorize.js'
import { Indicator, IndicatorInput, IndicatorParams, IndicatorsQuery, ValueInput } from './evaluation.schemas.js'
import { createIndicator, listIndicators, recordIndicatorValue, updateIndicator, type IndicatorWithValues } from './indicators.js'
import { indicatorInputOf, indicatorsPath } from './indicators.routes.js'

const BASE = '/api/v1/evaluation/alliances/:id/indicators'
const tags: ['evaluation'] = ['evaluation']

/** An indicator as the API shows it. */
function presentIndicator(i: IndicatorWithValues) {
  return {
    id: i.id,
    name: i.name,
    unit: i.unit,
    direction: i.direction,
    baseline_hundredths: i.baseline_hundredths,
    baseline_on: i.baseline_on,
    target_hundredths: i.target_hundredths,
    target_on: i.target_on,
    sdg_target: i.sdg_target,
    source: i.source,
    values: i.values.map((v) => ({ id: v.id, measured_on: v.measured_on, value_hundredths: v.value_hundredths, source: v.source, organisation_id: v.organisation_id, organisation_name: v.organisation_name, note: v.note })),
    href: indicatorsPath(i.alliance_id),
  }
}

export async function indicatorsApi(app: FastifyInstance): Promise<void> {
  const one = async (scope: Parameters<typeof listIndicators>[1], id: string) => {
    const indicator = (await listIndicators(app.db, scope)).find((i) => i.id === id)
    if (!indicator) throw notFound()
    return presentIndicator(indicator)
  }

  apiRoute(app, {
    method: 'GET',
    url: BASE,
    public: true,
    operationId: 'listAllianceIndicators',
    tags,
    summary: 'The alliance’s indicators with their values, in the order they were defined (read like the alliance)',
    params: IdParams,
    querystring: IndicatorsQuery,
    response: { 200: Page(Indicator) },
    authorize: (request) => allianceRights(app.db, request, 'view'),
    handler: async (request, _reply, { scope }) => {
      const perPage = request.query.per_page ?? 20
      const window = pageWindow(request.query.page ?? 1, perPage)
      const all = await listIndicators(app.db, scope)
      const page = pageOf(all.slice(window.offset, window.offset + window.limit), all.length, window.page, perPage)
      return { data: page.rows.map(presentIndicator), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: BASE,
    operationId: 'createAllianceIndicator',
    tags,
    summary: 'Define an indicator (coordinators’ admins)',
    params: IdParams,
    body: IndicatorInput,
    response: { 201: Type.Object({ data: Indicator }, { description: 'The indicator defined' }) },
    invalidates: ['evaluation'],
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    handler: async (request, _reply, { access, scope }) => {
      const id = await createIndicator(app.db, request.actor, access.alliance.id, indicatorInputOf(request.body))
      return { data: await one(scope, id) }
    },
  })

  apiRoute(app, {
    method: 'PATCH',
    url: `${BASE}/:indicatorId`,
    operationId: 'updateAllianceIndicator',
    tags,
    summary: 'Change an indicator’s definition (coordinators’ admins); its values stay',
    params: IndicatorParams,
    body: IndicatorInput,
    response: { 200: Type.Object({ data: Indicator }, { description: 'The indicator' }) },
    invalidates: ['evaluation'],
    authorize: (request) => indicatorRights(app.db, request, 'coordinate'),
    handler: async (request, _reply, { access, scope, indicator }) => {
      await updateIndicator(app.db, request.actor, access.alliance.id, indicator.id, indicatorInputOf(request.body))
      return { data: await one(scope, indicator.id) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: `${BASE}/:indicatorId/values`,
    operationId: 'recordIndicatorValue',
    tags,
    summary: 'Record a dated value with its source, for one of your partner organisations (members; another organisation: 404)',
    params: IndicatorParams,
    body: ValueInput,
    response: { 201: Type.Object({ data: Type.Object({ id: Id }) }, { description: 'The value recorded' }) },
    errors: [403],
    invalidates: ['evaluation'],
    authorize: (request) => indicatorRights(app.db, request, 'evaluation'),
    handler: async (request, _reply, { access, indicator }) => {
      const v = request.body
      return { data: { id: await recordIndicatorValue(app.db, request.actor, access.alliance.id, indicator.id, { organisationId: v.organisation_id, measuredOn: v.measured_on, value: v.value, source: v.source, note: v.note }) } }
    },
  })
}
