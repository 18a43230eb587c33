/**
 * Pages of an alliance's indicators, under `/evaluation/:id/indicateurs`: the list with charts and tables (read
 * like the alliance), the CSV of values and targets, recording a value (members of active partners), defining
 * and changing an indicator (coordinators' admins).
 */
import { stringify } from 'csv-stringify/sync'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../core/errors.js'
import type { Locale } from '../../core/i18n/index.js'
import { formValuesOf, paramId, parseForm, withFieldErrors } from '../../core/http/forms.js'
import type { FormState } from '../../core/views/forms.js'
import { authorizeCoordinate, authorizeView, isCoordinatorAdmin, loadAllianceAccess, todayInFrance } from '../alliances/index.js'
import { termLabel } from '../vocabulary/index.js'
import { authorizeEvaluation, partnerOrganisations } from './evaluation.policy.js'
import { IndicatorForm, ValueForm, type IndicatorFormT } from './evaluation.schemas.js'
import { createIndicator, listIndicators, recordIndicatorValue, updateIndicator, type IndicatorInput, type IndicatorWithValues } from './indicators.js'
import { IndicatorFormPage, IndicatorsPage } from './views/IndicatorPages.js'

const base = (id: string) => `/evaluation/${id}/indicateurs`

const inputOf = (v: IndicatorFormT): IndicatorInput => ({ name: v.name, unit: v.unit, direction: v.direction, baseline: v.baseline, baselineOn: v.baseline_on, target: v.target, targetOn: v.target_on, sdgTarget: v.sdg_target, source: v.source })

const decimal = (hundredths: number | null) => {
  if (hundredths === null) return ''
  const abs = Math.abs(hundredths)
  return `${hundredths < 0 ? '-' : ''}${Math.floor(abs / 100)}${abs % 100 === 0 ? '' : `.${String(abs % 100).padStart(2, '0')}`}`
}

/** The CSV of an alliance's indicators: one line per indicator (definition), then one per value. */
export function indicatorsCsv(indicators: IndicatorWithValues[], locale: Locale): string {
  const rows: string[][] = [['indicateur', 'ligne', 'unite', 'sens', 'date', 'valeur', 'cible_odd', 'source', 'organisation', 'note']]
  for (const i of indicators) {
    if (i.baseline_hundredths !== null) rows.push([i.name, 'depart', i.unit, termLabel('indicator_direction', i.direction, locale), i.baseline_on ?? '', decimal(i.baseline_hundredths), i.sdg_target ?? '', i.source, '', ''])
    if (i.target_hundredths !== null) rows.push([i.name, 'cible', i.unit, termLabel('indicator_direction', i.direction, locale), i.target_on ?? '', decimal(i.target_hundredths), i.sdg_target ?? '', i.source, '', ''])
    for (const v of i.values) rows.push([i.name, 'valeur', i.unit, termLabel('indicator_direction', i.direction, locale), v.measured_on, decimal(v.value_hundredths), i.sdg_target ?? '', v.source, v.organisation_name, v.note])
  }
  return stringify(rows)
}

export async function indicatorPages(app: FastifyInstance): Promise<void> {
  async function listView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    const scope = authorizeView(request.actor, access)
    const own = partnerOrganisations(request.actor, access, { admin: false })
    const [indicators, names] = await Promise.all([listIndicators(app.db, scope), own.length === 0 ? Promise.resolve([]) : app.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', own).orderBy('search_name').execute()])
    const organisations = names.map((n) => ({ value: n.id, label: n.name }))
    const initial = { values: { measured_on: todayInFrance(), organisation_id: organisations[0]?.value ?? '' }, errors: [] }
    return reply.page(<IndicatorsPage alliance={access.alliance} indicators={indicators} organisations={organisations} coordinate={isCoordinatorAdmin(request.actor, access)} state={state ?? initial} />, status)
  }

  app.get('/evaluation/:id/indicateurs', { config: { public: true } }, async (request, reply) => listView(request, reply, null))

  app.get('/evaluation/:id/indicateurs.csv', { config: { public: true } }, async (request, reply) => {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    const indicators = await listIndicators(app.db, authorizeView(request.actor, access))
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="indicateurs-${access.alliance.id}.csv"`).send(indicatorsCsv(indicators, request.locale))
  })

  app.post('/evaluation/:id/indicateurs/valeurs', async (request, reply) => {
    const id = paramId(request)
    authorizeEvaluation(request.actor, await loadAllianceAccess(app.db, request.actor, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(ValueForm, request.body)
    if (!parsed.ok) return listView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const result = await withFieldErrors(() => recordIndicatorValue(app.db, request.actor, id, v.indicator_id, { organisationId: v.organisation_id, measuredOn: v.measured_on, value: v.value, source: v.source, note: v.note }))
    if (!result.ok) return listView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'evaluation.indicators.recorded' })
    return reply.redirect(base(id), 303)
  })

  async function formView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const id = paramId(request)
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const scope = authorizeCoordinate(request.actor, access)
    const indicatorId = (request.params as { indicatorId?: string }).indicatorId ? paramId(request, 'indicatorId') : null
    let initial: FormState = { values: { direction: 'hausse' }, errors: [] }
    if (indicatorId) {
      const indicator = (await listIndicators(app.db, scope)).find((i) => i.id === indicatorId)
      if (!indicator) throw notFound()
      initial = { values: { name: indicator.name, unit: indicator.unit, direction: indicator.direction, baseline: decimal(indicator.baseline_hundredths), baseline_on: indicator.baseline_on ?? '', target: decimal(indicator.target_hundredths), target_on: indicator.target_on ?? '', sdg_target: indicator.sdg_target ?? '', source: indicator.source }, errors: [] }
    }
    const action = indicatorId ? `${base(id)}/${indicatorId}/modifier` : base(id)
    return reply.page(<IndicatorFormPage alliance={access.alliance} action={action} state={state ?? initial} editing={indicatorId !== null} />, status)
  }

  app.get('/evaluation/:id/indicateurs/nouveau', async (request, reply) => formView(request, reply, null))
  app.get('/evaluation/:id/indicateurs/:indicatorId/modifier', async (request, reply) => formView(request, reply, null))

  async function save(request: FastifyRequest, reply: FastifyReply, indicatorId: string | null) {
    const id = paramId(request)
    authorizeCoordinate(request.actor, await loadAllianceAccess(app.db, request.actor, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(IndicatorForm, request.body)
    if (!parsed.ok) return formView(request, reply, { values, errors: parsed.errors }, 400)
    const input = inputOf(parsed.value)
    const result = await withFieldErrors<unknown>(() => (indicatorId ? updateIndicator(app.db, request.actor, id, indicatorId, input) : createIndicator(app.db, request.actor, id, input)))
    if (!result.ok) return formView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: indicatorId ? 'evaluation.indicators.updated' : 'evaluation.indicators.created' })
    return reply.redirect(base(id), 303)
  }

  app.post('/evaluation/:id/indicateurs', async (request, reply) => save(request, reply, null))
  app.post('/evaluation/:id/indicateurs/:indicatorId/modifier', async (request, reply) => save(request, reply, paramId(request, 'indicatorId')))
}
