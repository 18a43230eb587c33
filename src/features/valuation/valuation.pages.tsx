/**
 * Pages of valuation: an alliance's valued totals (`/valorisation/alliances/:id`), its table choice, a partner's
 * statement on its own contribution; valued totals of a place (`/valorisation`); the rate tables and the form of
 * a new version; an organisation's exports and their CSV files.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isMemberOf, requireUser } from '../../core/access/actor.js'
import { AppError, notFound, type FieldProblem } from '../../core/errors.js'
import { formValuesOf, paramId, parseForm, requireId, withFieldErrors } from '../../core/http/forms.js'
import type { FormState } from '../../core/views/forms.js'
import { authorizeContributionEdit, authorizeCoordinate, authorizeView, isCoordinatorAdmin, listPartners, loadAllianceAccess, quantityInput, todayInFrance } from '../alliances/index.js'
import { resolvePlaceFilter } from '../territories/index.js'
import { valuedTotalsOfPlace } from './place-totals.js'
import { findDefaultTable, listAllianceTables, listPlatformTables, listRates, unsafeFindRateTable, valuationMethodOf } from './rates.queries.js'
import { adoptRateTable, createRateTable } from './rates.service.js'
import { centsToDecimal } from './valuation.engine.js'
import { authorizeOwnOrganisation, givenContributions, givenContributionsCsv, receivedContributions, receivedContributionsCsv } from './valuation.exports.js'
import { listValuedContributions } from './valuation.queries.js'
import { ofYear, summarise, yearsOf } from './valuation.report.js'
import { AdoptForm, EXTRA_ROWS, PlaceQuery, rateRowsSchema, ratesFromForm, RateTableHeadForm, StatementForm, YearQuery } from './valuation.schemas.js'
import { stateContribution } from './valuation.service.js'
import { EVERYWHERE } from './valuation.summaries.js'
import { AdoptTablePage, AllianceValuationPage, StatementPage } from './views/AlliancePages.js'
import { OrganisationExportsPage, PlaceTotalsPage, RateTableFormPage, RateTablePage, RateTablesPage } from './views/PlatformPages.js'
import { formatEuros, type MethodInfo } from './views/ValuationViews.js'

const methodInfo = (m: Awaited<ReturnType<typeof valuationMethodOf>>): MethodInfo => ({ tableId: m.table?.id ?? null, title: m.table?.title ?? null, version: m.table?.version ?? null, adopted: m.adopted, reason: m.reason })

export async function valuationPages(app: FastifyInstance): Promise<void> {
  app.get('/valorisation/alliances/:id', { config: { public: true } }, async (request, reply) => {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    const scope = authorizeView(request.actor, access)
    const query = parseForm(YearQuery, request.query)
    const year = query.ok ? (query.value.annee ?? null) : null
    const [valued, partners] = await Promise.all([listValuedContributions(app.db, scope), listPartners(app.db, scope)])
    const rows = year === null ? valued.rows : ofYear(valued.rows, year)
    const editable = new Set(access.own.filter((p) => isMemberOf(request.actor, p.organisation_id) && (p.status === 'active' || p.status === 'left')).map((p) => p.organisation_id))
    return reply.page(<AllianceValuationPage alliance={access.alliance} years={yearsOf(valued.rows)} year={year} report={summarise(rows)} method={methodInfo(valued.method)} partners={partners} rows={[...rows].reverse()} editable={editable} coordinate={isCoordinatorAdmin(request.actor, access)} />)
  })

  async function adoptView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    const scope = authorizeCoordinate(request.actor, access)
    const [platform, own, method] = await Promise.all([listPlatformTables(app.db), listAllianceTables(app.db, scope), valuationMethodOf(app.db, scope)])
    const initial = { values: { rate_table_id: method.adopted ? (method.table?.id ?? 'defaut') : 'defaut', reason: method.reason }, errors: [] }
    return reply.page(<AdoptTablePage alliance={access.alliance} tables={[...own, ...platform]} current={methodInfo(method)} state={state ?? initial} />, status)
  }
  app.get('/valorisation/alliances/:id/bareme', async (request, reply) => adoptView(request, reply, null))
  app.post('/valorisation/alliances/:id/bareme', async (request, reply) => {
    const id = paramId(request)
    authorizeCoordinate(request.actor, await loadAllianceAccess(app.db, request.actor, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(AdoptForm, request.body)
    if (!parsed.ok) return adoptView(request, reply, { values, errors: parsed.errors }, 400)
    const tableId = parsed.value.rate_table_id === 'defaut' ? null : parsed.value.rate_table_id
    const result = await withFieldErrors(() => adoptRateTable(app.db, request.actor, id, { rateTableId: tableId, reason: parsed.value.reason ?? '' }))
    if (!result.ok) return adoptView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'valuation.adopt.done' })
    return reply.redirect(`/valorisation/alliances/${id}`, 303)
  })

  async function statementView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const [id, contributionId] = [paramId(request), paramId(request, 'contributionId')]
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const { scope } = await authorizeContributionEdit(app.db, request.actor, access, contributionId)
    const [valued, partners] = await Promise.all([listValuedContributions(app.db, scope), listPartners(app.db, scope)])
    const contribution = valued.rows.find((r) => r.id === contributionId)
    if (!contribution) throw notFound()
    const value = contribution.value.cents === null ? '' : formatEuros(request.locale, contribution.value.cents)
    const valueText = request.t(`valuation.statement.current.${contribution.value.basis}`, { value })
    const recipients = partners.filter((p) => (p.status === 'active' || p.status === 'left') && p.organisation_id !== contribution.organisationId).map((p) => ({ value: p.organisation_id, label: p.organisation_name }))
    const s = contribution.statement
    const initial = { values: { value: s?.valueCents ? quantityInput(request.locale, s.valueCents) : '', basis: s?.basis ?? '', recipient_organisation_id: s?.recipientOrganisationId ?? '' }, errors: [] }
    return reply.page(<StatementPage alliance={access.alliance} contribution={contribution} valueText={valueText} recipients={recipients} state={state ?? initial} />, status)
  }
  app.get('/valorisation/alliances/:id/contributions/:contributionId', async (request, reply) => statementView(request, reply, null))
  app.post('/valorisation/alliances/:id/contributions/:contributionId', async (request, reply) => {
    const [id, contributionId] = [paramId(request), paramId(request, 'contributionId')]
    await authorizeContributionEdit(app.db, request.actor, await loadAllianceAccess(app.db, request.actor, id), contributionId)
    const values = formValuesOf(request.body)
    const parsed = parseForm(StatementForm, request.body)
    if (!parsed.ok) return statementView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const result = await withFieldErrors(() => stateContribution(app.db, request.actor, id, contributionId, { value: v.value ?? '', basis: v.basis ?? '', recipientOrganisationId: v.recipient_organisation_id ?? null }))
    if (!result.ok) return statementView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'valuation.statement.saved' })
    return reply.redirect(`/valorisation/alliances/${id}`, 303)
  })

  app.get('/valorisation', { config: { public: true } }, async (request, reply) => {
    const query = parseForm(PlaceQuery, request.query)
    const q = query.ok ? query.value : {}
    const place = await resolvePlaceFilter(app.db, { territoire: q.territoire, lieu: q.lieu })
    const totals = await valuedTotalsOfPlace(app.db, place.territory?.id ?? EVERYWHERE, q.annee ?? null)
    return reply.page(<PlaceTotalsPage totals={totals} place={place} placeName={place.territory?.name ?? request.t('valuation.place.france')} year={q.annee ?? null} />)
  })

  app.get('/valorisation/baremes', { config: { public: true } }, async (request, reply) => reply.page(<RateTablesPage tables={await listPlatformTables(app.db)} canWrite={request.actor.isPlatformAdmin} />))

  app.get('/valorisation/baremes/:tableId', { config: { public: true } }, async (request, reply) => {
    const table = await unsafeFindRateTable(app.db, paramId(request, 'tableId'))
    if (!table) throw notFound()
    let allianceName: string | null = null
    if (table.alliance_id) {
      // An alliance's table is read with the alliance's rights (a partners-only alliance's table is hidden).
      const access = await loadAllianceAccess(app.db, request.actor, table.alliance_id)
      authorizeView(request.actor, access)
      allianceName = access.alliance.name
    }
    const defaultTable = await findDefaultTable(app.db)
    return reply.page(<RateTablePage table={{ ...table, rates: await listRates(app.db, table.id) }} isDefault={defaultTable?.id === table.id} allianceName={allianceName} />)
  })

  /** The table form is for platform admins (a platform version) or an alliance's coordinators (`?alliance=`). */
  async function tableFormAccess(request: FastifyRequest): Promise<{ allianceId: string | null; allianceName: string | null }> {
    requireUser(request.actor)
    const allianceId = (request.query as { alliance?: string }).alliance
    if (allianceId) {
      const access = await loadAllianceAccess(app.db, request.actor, requireId(allianceId))
      authorizeCoordinate(request.actor, access)
      return { allianceId: access.alliance.id, allianceName: access.alliance.name }
    }
    if (!request.actor.isPlatformAdmin) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'valuation.error.platformAdminOnly')
    return { allianceId: null, allianceName: null }
  }

  async function tableFormView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const target = await tableFormAccess(request)
    const defaultTable = await findDefaultTable(app.db)
    const prefilled = defaultTable ? await listRates(app.db, defaultTable.id) : []
    const values: Record<string, string> = {}
    prefilled.forEach((r, i) => {
      Object.assign(values, { [`rates.${i}.contribution_type`]: r.contributionType, [`rates.${i}.unit`]: r.unit, [`rates.${i}.rate`]: centsToDecimal(BigInt(r.rateCents)).replace('.', request.locale === 'fr' ? ',' : '.'), [`rates.${i}.valid_from`]: r.validFrom, [`rates.${i}.valid_to`]: r.validTo ?? '', [`rates.${i}.method_note`]: r.methodNote, [`rates.${i}.source_text`]: r.sourceText, [`rates.${i}.source_url`]: r.sourceUrl ?? '' })
    })
    const rowCount = Math.max(prefilled.length, rowsIn(state?.values ?? {})) + EXTRA_ROWS
    return reply.page(<RateTableFormPage state={state ?? { values, errors: [] }} rowCount={rowCount} allianceId={target.allianceId} allianceName={target.allianceName} />, status)
  }
  app.get('/valorisation/baremes/nouveau', async (request, reply) => tableFormView(request, reply, null))
  app.post('/valorisation/baremes', async (request, reply) => {
    const target = await tableFormAccess(request)
    const values = formValuesOf(request.body)
    const rows = rowsIn(values)
    const head = parseForm(RateTableHeadForm, request.body)
    const body = parseForm(rateRowsSchema(rows), request.body)
    const formErrors = [...(head.ok ? [] : head.errors), ...(body.ok ? [] : body.errors)]
    if (!head.ok || !body.ok) return tableFormView(request, reply, { values, errors: formErrors }, 400)
    const { rates, fieldOf } = ratesFromForm(body.value as Record<string, string | undefined>, rows)
    const result = await withFieldErrors(() => createRateTable(app.db, request.actor, { scope: target.allianceId ? 'alliance' : 'platform', allianceId: target.allianceId ?? undefined, title: head.value.title, methodNote: head.value.method_note, rates }))
    if (!result.ok) {
      const remap = (p: FieldProblem): FieldProblem => ({ ...p, field: p.field.replace(/^rates\.(\d+)\./, (_m, i: string) => `rates.${fieldOf(Number(i))}.`) })
      return tableFormView(request, reply, { values, errors: result.errors.map(remap) }, result.status)
    }
    reply.setFlash({ kind: 'success', message: 'valuation.tables.created.done', params: { version: result.value.version } })
    return reply.redirect(target.allianceId ? `/valorisation/alliances/${target.allianceId}/bareme` : `/valorisation/baremes/${result.value.id}`, 303)
  })

  app.get('/valorisation/organisations/:id', async (request, reply) => {
    const organisation = await authorizeOwnOrganisation(app.db, request.actor, paramId(request))
    const years = await app.db
      .selectFrom('valuation_statements')
      .innerJoin('alliance_contributions', 'alliance_contributions.id', 'valuation_statements.contribution_id')
      .select((eb) => eb.fn<string>('substr', ['alliance_contributions.contributed_on', eb.val(1), eb.val(4)]).as('year'))
      .distinct()
      .where('valuation_statements.recipient_organisation_id', '=', organisation.id)
      .execute()
    return reply.page(<OrganisationExportsPage organisation={organisation} years={years.map((y) => Number(y.year)).sort((a, b) => b - a)} receives={['association', 'fondation'].includes(organisation.world)} />)
  })
  app.get('/valorisation/organisations/:id/contributions-donnees.csv', async (request, reply) => {
    const csv = givenContributionsCsv(await givenContributions(app.db, request.actor, paramId(request)), { t: request.t, locale: request.locale })
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="contributions-donnees.csv"').send(csv)
  })
  app.get('/valorisation/organisations/:id/contributions-recues.csv', async (request, reply) => {
    const id = paramId(request)
    await authorizeOwnOrganisation(app.db, request.actor, id)
    const query = parseForm(YearQuery, request.query)
    const year = query.ok && query.value.annee ? query.value.annee : Number(todayInFrance().slice(0, 4))
    const csv = receivedContributionsCsv(await receivedContributions(app.db, request.actor, id, year), year, { t: request.t, locale: request.locale })
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="contributions-recues-${year}.csv"`).send(csv)
  })
}

/** How many rows a posted table form has (the highest `rates.<i>.` index + 1). */
function rowsIn(values: Record<string, unknown>): number {
  let max = -1
  for (const key of Object.keys(values)) {
    const m = /^rates\.(\d+)\./.exec(key)
    if (m) max = Math.max(max, Math.min(199, Number(m[1])))
  }
  return max + 1
}
