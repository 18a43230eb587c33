/**
 * Pages and forms of an alliance's indicators, under `/evaluation/:id/indicateurs`: the list with charts and
 * tables and the CSV of values and targets (read like the alliance), recording a value (members of active
 * partners, for one of their organisations), defining and changing an indicator (coordinators' admins).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Locale } from '../../core/i18n/index.js'
import { done, formRoute, pageRoute } from '../../core/http/routes.js'
import { parisToday } from '../../core/time/calendar.js'
import type { FormState } from '../../core/views/forms.js'
import { isCoordinatorAdmin, listPartners, quantityInput } from '../alliances/index.js'
import { allianceRights, indicatorRights, type AllianceRights } from './evaluation.authorize.js'
import { partnerOrganisations } from './evaluation.policy.js'
import { IdParams, IndicatorInput, IndicatorParams, ValueForm, type IndicatorInputT } from './evaluation.schemas.js'
import { createIndicator, indicatorsCsv, listIndicators, recordIndicatorValue, updateIndicator, type Indicator, type IndicatorInput as ServiceInput } from './indicators.js'
import { IndicatorFormPage, IndicatorsPage } from './views/IndicatorPages.js'

/** The indicators page of an alliance. */
export const indicatorsPath = (allianceId: string) => `/evaluation/${allianceId}/indicateurs`

/** A definition as posted, as the service's input (form and API). */
export const indicatorInputOf = (v: IndicatorInputT): ServiceInput => ({ name: v.name, unit: v.unit, direction: v.direction, baseline: v.baseline, baselineOn: v.baseline_on, target: v.target, targetOn: v.target_on, sdgTarget: v.sdg_target, source: v.source })

/** A signed exact value as typed in a form field (`-12,5` in French). */
const signedInput = (locale: Locale, hundredths: number | null) => (hundredths === null ? '' : `${hundredths < 0 ? '-' : ''}${quantityInput(locale, Math.abs(hundredths))}`)

/** An indicator's definition as form values. */
function definitionValues(locale: Locale, i: Indicator): Record<string, string> {
  return { name: i.name, unit: i.unit, direction: i.direction, baseline: signedInput(locale, i.baseline_hundredths), baseline_on: i.baseline_on ?? '', target: signedInput(locale, i.target_hundredths), target_on: i.target_on ?? '', sdg_target: i.sdg_target ?? '', source: i.source }
}

export async function indicatorRoutes(app: FastifyInstance): Promise<void> {
  const listPage = async (request: FastifyRequest, reply: FastifyReply, { access, scope }: AllianceRights, state: FormState | null, status = 200) => {
    const own = new Set(partnerOrganisations(request.actor, access, { admin: false }))
    const partners = own.size === 0 ? [] : await listPartners(app.db, scope)
    const organisations = partners.filter((p) => own.has(p.organisation_id)).map((p) => ({ value: p.organisation_id, label: p.organisation_name }))
    const initial = { values: { measured_on: parisToday(), organisation_id: organisations[0]?.value ?? '' }, errors: [] }
    return reply.page(<IndicatorsPage alliance={access.alliance} indicators={await listIndicators(app.db, scope)} organisations={organisations} coordinate={isCoordinatorAdmin(request.actor, access)} state={state ?? initial} />, status)
  }

  pageRoute(app, {
    url: '/evaluation/:id/indicateurs',
    public: true,
    cache: true,
    params: IdParams,
    authorize: (request) => allianceRights(app.db, request, 'view'),
    handler: async (request, reply, rights) => listPage(request, reply, rights, null),
  })

  pageRoute(app, {
    url: '/evaluation/:id/indicateurs.csv',
    public: true,
    params: IdParams,
    authorize: (request) => allianceRights(app.db, request, 'view'),
    handler: async (request, reply, { access, scope }) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="indicateurs-${access.alliance.id}.csv"`)
        .send(indicatorsCsv(await listIndicators(app.db, scope), request.locale)),
  })

  // Recording a value: the indicator and the organisation are chosen in the form (not one's own: 404).
  formRoute(app, {
    url: '/evaluation/:id/indicateurs/valeurs',
    params: IdParams,
    body: ValueForm,
    invalidates: ['evaluation'],
    authorize: (request) => allianceRights(app.db, request, 'evaluation'),
    render: (request, reply, rights, state, status) => listPage(request, reply, rights, state, status),
    handler: async (request, reply, { access }) => {
      const v = request.body
      await recordIndicatorValue(app.db, request.actor, access.alliance.id, v.indicator_id, { organisationId: v.organisation_id, measuredOn: v.measured_on, value: v.value, source: v.source, note: v.note })
      return done(reply, indicatorsPath(access.alliance.id), { kind: 'success', message: 'evaluation.indicators.recorded' })
    },
  })

  const definitionPage = (reply: FastifyReply, alliance: { id: string; name: string }, indicatorId: string | null, state: FormState, status = 200) => {
    const action = indicatorId ? `${indicatorsPath(alliance.id)}/${indicatorId}/modifier` : indicatorsPath(alliance.id)
    return reply.page(<IndicatorFormPage alliance={alliance} action={action} state={state} editing={indicatorId !== null} />, status)
  }

  pageRoute(app, {
    url: '/evaluation/:id/indicateurs/nouveau',
    params: IdParams,
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    handler: async (_request, reply, { access }) => definitionPage(reply, access.alliance, null, { values: { direction: 'hausse' }, errors: [] }),
  })
  formRoute(app, {
    url: '/evaluation/:id/indicateurs',
    params: IdParams,
    body: IndicatorInput,
    invalidates: ['evaluation'],
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    render: (_request, reply, { access }, state, status) => definitionPage(reply, access.alliance, null, state, status),
    handler: async (request, reply, { access }) => {
      await createIndicator(app.db, request.actor, access.alliance.id, indicatorInputOf(request.body))
      return done(reply, indicatorsPath(access.alliance.id), { kind: 'success', message: 'evaluation.indicators.created' })
    },
  })

  pageRoute(app, {
    url: '/evaluation/:id/indicateurs/:indicatorId/modifier',
    params: IndicatorParams,
    authorize: (request) => indicatorRights(app.db, request, 'coordinate'),
    handler: async (request, reply, { access, indicator }) => definitionPage(reply, access.alliance, indicator.id, { values: definitionValues(request.locale, indicator), errors: [] }),
  })
  formRoute(app, {
    url: '/evaluation/:id/indicateurs/:indicatorId/modifier',
    params: IndicatorParams,
    body: IndicatorInput,
    invalidates: ['evaluation'],
    authorize: (request) => indicatorRights(app.db, request, 'coordinate'),
    render: (_request, reply, { access, indicator }, state, status) => definitionPage(reply, access.alliance, indicator.id, state, status),
    handler: async (request, reply, { access, indicator }) => {
      await updateIndicator(app.db, request.actor, access.alliance.id, indicator.id, indicatorInputOf(request.body))
      return done(reply, indicatorsPath(access.alliance.id), { kind: 'success', message: 'evaluation.indicators.updated' })
    },
  })
}
