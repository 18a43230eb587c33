/**
 * JSON API of valuation (OpenAPI tag `valuation`) with the rights of the pages, checked before the body is read:
 * an alliance's valued totals (by year), its table choice, a partner's statement on its own contribution; valued
 * totals of a place; the rate tables; an organisation's given and received contributions. Amounts are integer
 * cents (`*_cents`) and exact decimal strings of euros (`*_eur`); every figure names its table and version.
 */
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import Type from 'typebox'
import { requireUser } from '../../core/access/actor.js'
import { AppError, notFound } from '../../core/errors.js'
import { paramId } from '../../core/http/forms.js'
import { authorizeContributionEdit, authorizeCoordinate, authorizeView, loadAllianceAccess } from '../alliances/index.js'
import { findTerritoryById } from '../territories/index.js'
import { valuedTotalsOfPlace } from './place-totals.js'
import { findDefaultTable, listPlatformTables, listRates, unsafeFindRateTable } from './rates.queries.js'
import { adoptRateTable, createRateTable } from './rates.service.js'
import { centsToDecimal, type Rate } from './valuation.engine.js'
import { listValuedContributions, type ValuedContribution } from './valuation.queries.js'
import { ofYear, summarise, yearsOf } from './valuation.report.js'
import { AdoptApi, RateTableApi, ratesFromApi, StatementForm, type AdoptApiT, type RateTableApiT, type StatementFormT } from './valuation.schemas.js'
import { authorizeOwnOrganisation, categoryOf, givenContributions, receivedContributions, type ValuedLine } from './valuation.exports.js'
import { stateContribution } from './valuation.service.js'
import { EVERYWHERE } from './valuation.summaries.js'

const Problem = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String() }, { additionalProperties: true })
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
const Any = Type.Object({}, { additionalProperties: true })
const Params = Type.Object({ id: Type.String({ description: 'Alliance id' }) })
const ContributionParams = Type.Object({ id: Type.String({ description: 'Alliance id' }), contributionId: Type.String() })
const money = (cents: bigint) => ({ cents: Number(cents), eur: centsToDecimal(cents) })
const rateOut = (r: Rate) => ({ contribution_type: r.contributionType, unit: r.unit, rate_cents: r.rateCents, valid_from: r.validFrom, valid_to: r.validTo, method_note: r.methodNote, source_text: r.sourceText, source_url: r.sourceUrl })

function valuedOut(c: ValuedContribution) {
  return {
    id: c.id,
    organisation_id: c.organisationId,
    organisation_name: c.organisationName,
    world: c.world,
    contribution_type: c.contributionType,
    unit: c.unit,
    quantity_hundredths: c.quantityHundredths,
    contributed_on: c.day,
    value_cents: c.value.cents === null ? null : Number(c.value.cents),
    value_eur: c.value.cents === null ? null : centsToDecimal(c.value.cents),
    basis: c.value.basis,
    rate: c.value.rate ? rateOut(c.value.rate) : null,
    statement: c.statement ? { value_cents: c.statement.valueCents, basis: c.statement.basis, recipient_organisation_id: c.statement.recipientOrganisationId } : null,
  }
}

function guard(app: FastifyInstance, level: 'coordinate' | 'contribution'): preValidationAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    if (level === 'coordinate') authorizeCoordinate(request.actor, access)
    else await authorizeContributionEdit(app.db, request.actor, access, paramId(request, 'contributionId'))
  }
}

export async function valuationApi(app: FastifyInstance): Promise<void> {
  const tag = ['valuation']

  app.get(
    '/api/v1/valuation/alliances/:id',
    {
      config: { public: true },
      schema: {
        operationId: 'getAllianceValuation',
        tags: tag,
        summary: 'Valued contributions of an alliance (all years, or one): totals per partner, world, type and lever, every contribution with its value and method',
        params: Params,
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ data: Any }), 404: Problem },
      },
    },
    async (request) => {
      const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
      const { rows, method } = await listValuedContributions(app.db, authorizeView(request.actor, access))
      const year = (request.query as { year?: number }).year
      const selected = year === undefined ? rows : ofYear(rows, year)
      const report = summarise(selected)
      return {
        data: {
          year: year ?? null,
          years: yearsOf(rows).map((y) => ({ year: y.year, ...money(y.cents), count: y.count })),
          table: method.table ? { id: method.table.id, title: method.table.title, version: method.table.version, scope: method.table.scope } : null,
          adopted: method.adopted,
          reason: method.reason,
          total: money(report.total),
          count: report.count,
          stated_count: report.statedCount,
          unvalued_count: report.unvaluedCount,
          by_partner: report.byPartner.map((p) => ({ organisation_id: p.organisationId, name: p.organisationName, world: p.world, ...money(p.cents), per_mille: p.perMille, count: p.count })),
          by_world: report.byWorld.map((w) => ({ world: w.world, ...money(w.cents), per_mille: w.perMille })),
          by_type: report.byType.map((t) => ({ contribution_type: t.contributionType, ...money(t.cents), per_mille: t.perMille, count: t.count })),
          by_lever: report.byLever.map((l) => ({ lever: l.lever, ...money(l.cents), per_mille: l.perMille })),
          unvalued: report.unvalued.map((u) => ({ contribution_type: u.contributionType, unit: u.unit, quantity_hundredths: u.quantityHundredths, count: u.count })),
          rates_used: report.ratesUsed.map(rateOut),
          contributions: selected.map(valuedOut),
        },
      }
    },
  )

  app.put(
    '/api/v1/valuation/alliances/:id/rate-table',
    { preValidation: guard(app, 'coordinate'), schema: { operationId: 'adoptRateTable', tags: tag, summary: 'Adopt a rate table with the reason, or go back to the default (coordinators’ admins); no contribution changes', params: Params, body: AdoptApi, response: { 200: Type.Object({ data: Type.Object({ rate_table_id: Type.Union([Type.String(), Type.Null()]) }) }), ...errors } } },
    async (request) => {
      const v = request.body as AdoptApiT
      await adoptRateTable(app.db, request.actor, paramId(request), { rateTableId: v.rate_table_id, reason: v.reason ?? '' })
      return { data: { rate_table_id: v.rate_table_id } }
    },
  )

  app.put(
    '/api/v1/valuation/alliances/:id/contributions/:contributionId',
    { preValidation: guard(app, 'contribution'), schema: { operationId: 'stateContributionValue', tags: tag, summary: 'State the value of one of your organisation’s contributions (wins over the rates) and who received it', params: ContributionParams, body: StatementForm, response: { 200: Type.Object({ data: Any }), ...errors } } },
    async (request) => {
      const [id, contributionId] = [paramId(request), paramId(request, 'contributionId')]
      const v = request.body as StatementFormT
      await stateContribution(app.db, request.actor, id, contributionId, { value: v.value ?? '', basis: v.basis ?? '', recipientOrganisationId: v.recipient_organisation_id ?? null })
      const access = await loadAllianceAccess(app.db, request.actor, id)
      const row = (await listValuedContributions(app.db, authorizeView(request.actor, access))).rows.find((r) => r.id === contributionId)
      if (!row) throw notFound()
      return { data: valuedOut(row) }
    },
  )

  app.delete(
    '/api/v1/valuation/alliances/:id/contributions/:contributionId',
    { preValidation: guard(app, 'contribution'), schema: { operationId: 'removeContributionStatement', tags: tag, summary: 'Remove what your organisation stated about its contribution (the rates apply again)', params: ContributionParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await stateContribution(app.db, request.actor, paramId(request), paramId(request, 'contributionId'), { value: '', basis: '', recipientOrganisationId: null })
      return reply.status(204).send()
    },
  )

  app.get(
    '/api/v1/valuation/places',
    {
      config: { public: true },
      schema: {
        operationId: 'getPlaceValuation',
        tags: tag,
        summary: 'Valued totals by world and type of the public alliances of a place (France when absent)',
        querystring: Type.Object({ territory: Type.Optional(Type.String({ pattern: '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$' })), year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ data: Any }), 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const q = request.query as { territory?: string; year?: number }
      if (q.territory && !(await findTerritoryById(app.db, q.territory))) throw notFound()
      const totals = await valuedTotalsOfPlace(app.db, q.territory ?? EVERYWHERE, q.year ?? null)
      return {
        data: {
          place: q.territory ?? EVERYWHERE,
          year: totals.year,
          years: totals.years,
          public_alliances: totals.alliances,
          total: money(totals.total),
          count: totals.count,
          by_world_and_type: totals.byWorldAndType.map((r) => ({ world: r.world, contribution_type: r.contributionType, ...money(r.cents), count: r.count })),
          by_world: totals.byWorld.map((r) => ({ world: r.world, ...money(r.cents), per_mille: r.perMille, count: r.count })),
          by_type: totals.byType.map((r) => ({ contribution_type: r.contributionType, ...money(r.cents), per_mille: r.perMille, count: r.count })),
          unvalued: totals.unvalued.map((u) => ({ contribution_type: u.contributionType, unit: u.unit, quantity_hundredths: u.quantityHundredths, count: u.count })),
          tables: totals.tables.map((x) => ({ id: x.table.id, title: x.table.title, version: x.table.version, is_default: x.isDefault, contributions: x.count })),
        },
      }
    },
  )

  const TableSchema = Type.Object({ id: Type.String(), scope: Type.String(), alliance_id: Type.Union([Type.String(), Type.Null()]), version: Type.Integer(), title: Type.String(), method_note: Type.String(), created_at: Type.String(), is_default: Type.Boolean() })

  app.get('/api/v1/valuation/rate-tables', { config: { public: true }, schema: { operationId: 'listRateTables', tags: tag, summary: 'The platform’s versions of the rate table, newest (the default) first', response: { 200: Type.Object({ data: Type.Array(TableSchema) }) } } }, async () => {
    const tables = await listPlatformTables(app.db)
    return { data: tables.map((x, i) => ({ id: x.id, scope: x.scope, alliance_id: x.alliance_id, version: x.version, title: x.title, method_note: x.method_note, created_at: x.created_at, is_default: i === 0 })) }
  })

  app.get(
    '/api/v1/valuation/rate-tables/:id',
    { config: { public: true }, schema: { operationId: 'getRateTable', tags: tag, summary: 'One table with its rates, validity, methods and sources (an alliance’s table: read like the alliance)', params: Type.Object({ id: Type.String() }), response: { 200: Type.Object({ data: Any }), 404: Problem } } },
    async (request) => {
      const table = await unsafeFindRateTable(app.db, paramId(request))
      if (!table) throw notFound()
      if (table.alliance_id) authorizeView(request.actor, await loadAllianceAccess(app.db, request.actor, table.alliance_id))
      const defaultTable = await findDefaultTable(app.db)
      return { data: { id: table.id, scope: table.scope, alliance_id: table.alliance_id, version: table.version, title: table.title, method_note: table.method_note, created_at: table.created_at, is_default: defaultTable?.id === table.id, rates: (await listRates(app.db, table.id)).map(rateOut) } }
    },
  )

  app.post(
    '/api/v1/valuation/rate-tables',
    {
      preValidation: async (request) => {
        // Rights before the body: a platform version needs a platform admin; an alliance's table is checked by
        // the service with the alliance's policy (its id is in the body).
        requireUser(request.actor)
        const allianceId = (request.body as { alliance_id?: unknown } | undefined)?.alliance_id
        if (allianceId === undefined && !request.actor.isPlatformAdmin) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'valuation.error.platformAdminOnly')
      },
      schema: { operationId: 'createRateTable', tags: tag, summary: 'Publish a new version of the platform’s table (platform admins) or a table of an alliance’s own (its coordinators’ admins)', body: RateTableApi, response: { 201: Type.Object({ data: Type.Object({ id: Type.String(), version: Type.Integer() }) }), ...errors } },
    },
    async (request, reply) => {
      const v = request.body as RateTableApiT
      const created = await createRateTable(app.db, request.actor, { scope: v.alliance_id ? 'alliance' : 'platform', allianceId: v.alliance_id, title: v.title, methodNote: v.method_note, rates: ratesFromApi(v) })
      reply.header('location', `/api/v1/valuation/rate-tables/${created.id}`)
      return reply.status(201).send({ data: created })
    },
  )

  const ownOrganisation = async (request: FastifyRequest) => {
    await authorizeOwnOrganisation(app.db, request.actor, paramId(request))
  }
  const lineOut = (l: ValuedLine) => ({
    contribution_id: l.contribution_id,
    contributed_on: l.contributed_on,
    alliance_id: l.alliance_id,
    alliance_name: l.alliance_name,
    giver_name: l.organisation_name,
    contribution_type: l.contribution_type,
    unit: l.unit,
    quantity_hundredths: l.quantity_hundredths,
    value_cents: l.value.cents === null ? null : Number(l.value.cents),
    value_eur: l.value.cents === null ? null : centsToDecimal(l.value.cents),
    basis: l.value.basis,
    stated_basis: l.value.basis === 'stated' ? l.basis : null,
    rate: l.value.rate ? rateOut(l.value.rate) : null,
    table: l.method.table ? { id: l.method.table.id, title: l.method.table.title, version: l.method.table.version } : null,
  })

  app.get(
    '/api/v1/valuation/organisations/:id/given',
    { preValidation: ownOrganisation, schema: { operationId: 'getGivenContributions', tags: tag, summary: 'What an organisation gave, valued, with each alliance’s SDGs and territories (its members)', params: Type.Object({ id: Type.String() }), response: { 200: Type.Object({ data: Type.Array(Any) }), ...errors } } },
    async (request) => ({ data: (await givenContributions(app.db, request.actor, paramId(request))).map((l) => ({ ...lineOut(l), year: Number(l.contributed_on.slice(0, 4)), sdgs: l.sdgs, territories: l.territories })) }),
  )

  app.get(
    '/api/v1/valuation/organisations/:id/received',
    { preValidation: ownOrganisation, schema: { operationId: 'getReceivedContributions', tags: tag, summary: 'What an association or foundation received in a year, valued, each with its category of contributions in kind (its members)', params: Type.Object({ id: Type.String() }), querystring: Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2200 }) }, { additionalProperties: false }), response: { 200: Type.Object({ data: Type.Array(Any) }), ...errors } } },
    async (request) => ({ data: (await receivedContributions(app.db, request.actor, paramId(request), (request.query as { year: number }).year)).map((l) => ({ ...lineOut(l), category: categoryOf(l.contribution_type) })) }),
  )
}
