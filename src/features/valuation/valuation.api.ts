/**
 * JSON API of valuation (OpenAPI tag `valuation`), with the rights of the pages checked before the body is
 * read: an alliance's valued totals (by year) and its valued contributions (paged), its table choice, a
 * partner's statement on its own contribution; the valued totals of a place; the rate tables (a platform
 * version by platform admins, an alliance's own by its coordinators' admins); an organisation's given and
 * received contributions (its members). Every figure names the table and version that produced it.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { pageOf, pageWindow } from '../../core/db/paging.js'
import { notFound } from '../../core/errors.js'
import { apiRoute } from '../../core/http/routes.js'
import { Page, pageMeta } from '../../core/http/schemas.js'
import { findTerritoryById } from '../territories/index.js'
import { valuedTotalsOfPlace } from './place-totals.js'
import { findDefaultTable, listPlatformTables, listRates, type RateTable } from './rates.queries.js'
import { adoptRateTable, createRateTable } from './rates.service.js'
import { allianceRights, contributionRights, organisationRights, platformAdminRights, tableRights } from './valuation.authorize.js'
import { centsToDecimal, type ContributionValue, type Rate } from './valuation.engine.js'
import { categoryOf, givenContributions, receivedContributions, type ValuedLine } from './valuation.exports.js'
import { listValuedContributions, type ValuedContribution } from './valuation.queries.js'
import { ofYear, summarise, yearsOf } from './valuation.report.js'
import {
  AdoptInput,
  AllianceValuationQuery,
  AllianceValuationSchema,
  ContributionParams,
  ContributionsQuery,
  CreatedTable,
  GivenQuery,
  IdParams,
  PlaceApiQuery,
  PlaceValuationSchema,
  RateTableDetail,
  RateTableInput,
  RateTableSchema,
  ratesFromApi,
  ReceivedQuery,
  StatementInput,
  TablesQuery,
  ValuedContributionSchema,
  ValuedLineSchema,
} from './valuation.schemas.js'
import { stateContribution } from './valuation.service.js'
import { EVERYWHERE } from './valuation.summaries.js'

const tags: ['valuation'] = ['valuation']

const money = (cents: bigint) => ({ cents: Number(cents), eur: centsToDecimal(cents) })
const presentRate = (r: Rate) => ({ contribution_type: r.contributionType, unit: r.unit, rate_cents: r.rateCents, valid_from: r.validFrom, valid_to: r.validTo, method_note: r.methodNote, source_text: r.sourceText, source_url: r.sourceUrl })
const presentValue = (v: ContributionValue) => ({ value_cents: v.cents === null ? null : Number(v.cents), value_eur: v.cents === null ? null : centsToDecimal(v.cents), basis: v.basis, rate: v.rate ? presentRate(v.rate) : null })
const presentTable = (x: RateTable, isDefault: boolean) => ({ id: x.id, scope: x.scope, alliance_id: x.alliance_id, version: x.version, title: x.title, method_note: x.method_note, created_at: x.created_at, is_default: isDefault, href: `/valorisation/baremes/${x.id}` })

function presentContribution(c: ValuedContribution) {
  return {
    id: c.id,
    organisation_id: c.organisationId,
    organisation_name: c.organisationName,
    world: c.world,
    contribution_type: c.contributionType,
    unit: c.unit,
    quantity_hundredths: c.quantityHundredths,
    contributed_on: c.day,
    ...presentValue(c.value),
    statement: c.statement ? { value_cents: c.statement.valueCents, basis: c.statement.basis, recipient_organisation_id: c.statement.recipientOrganisationId } : null,
  }
}

function presentLine(l: ValuedLine, extra: { sdgs: number[]; territories: Array<{ id: string; name: string }>; category: ReturnType<typeof categoryOf> | null }) {
  return {
    contribution_id: l.contribution_id,
    contributed_on: l.contributed_on,
    year: Number(l.contributed_on.slice(0, 4)),
    alliance_id: l.alliance_id,
    alliance_name: l.alliance_name,
    giver_name: l.organisation_name,
    contribution_type: l.contribution_type,
    unit: l.unit,
    quantity_hundredths: l.quantity_hundredths,
    ...presentValue(l.value),
    stated_basis: l.value.basis === 'stated' ? l.basis : null,
    table: l.method.table ? { id: l.method.table.id, title: l.method.table.title, version: l.method.table.version } : null,
    ...extra,
  }
}

/** One page of `rows` (read whole: an alliance's or an organisation's own lines). */
function paged<T>(rows: T[], query: { page?: number; per_page?: number }, perPage: number) {
  const size = query.per_page ?? perPage
  const window = pageWindow(query.page ?? 1, size)
  return pageOf(rows.slice(window.offset, window.offset + window.limit), rows.length, window.page, size)
}

export async function valuationApi(app: FastifyInstance): Promise<void> {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/valuation/alliances/:id',
    public: true,
    operationId: 'getAllianceValuation',
    tags,
    summary: 'Valued totals of an alliance (all years, or one): per partner, world, type and lever of the socio-economic model, what stayed unvalued, the rates used',
    params: IdParams,
    querystring: AllianceValuationQuery,
    response: { 200: Type.Object({ data: AllianceValuationSchema }, { description: 'The valuation, with the table and version that produced it' }) },
    authorize: (request) => allianceRights(app.db, request, 'view'),
    handler: async (request, _reply, { access, scope }) => {
      const { rows, method } = await listValuedContributions(app.db, scope)
      const year = request.query.year
      const report = summarise(year === undefined ? rows : ofYear(rows, year))
      return {
        data: {
          year: year ?? null,
          years: yearsOf(rows).map((y) => ({ year: y.year, ...money(y.cents), count: y.count })),
          method: { table: method.table ? { id: method.table.id, title: method.table.title, version: method.table.version, scope: method.table.scope } : null, adopted: method.adopted, reason: method.reason },
          total: money(report.total),
          count: report.count,
          stated_count: report.statedCount,
          unvalued_count: report.unvaluedCount,
          by_partner: report.byPartner.map((p) => ({ organisation_id: p.organisationId, name: p.organisationName, world: p.world, ...money(p.cents), per_mille: p.perMille, count: p.count })),
          by_world: report.byWorld.map((w) => ({ world: w.world, ...money(w.cents), per_mille: w.perMille })),
          by_type: report.byType.map((t) => ({ contribution_type: t.contributionType, ...money(t.cents), per_mille: t.perMille, count: t.count })),
          by_lever: report.byLever.map((l) => ({ lever: l.lever, ...money(l.cents), per_mille: l.perMille })),
          unvalued: report.unvalued.map((u) => ({ contribution_type: u.contributionType, unit: u.unit, quantity_hundredths: u.quantityHundredths, count: u.count })),
          rates_used: report.ratesUsed.map(presentRate),
          contributions_href: `/api/v1/valuation/alliances/${access.alliance.id}/contributions${year === undefined ? '' : `?year=${year}`}`,
        },
      }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/valuation/alliances/:id/contributions',
    public: true,
    operationId: 'listValuedContributions',
    tags,
    summary: 'An alliance’s contributions (all years, or one), oldest first, each with its value, how it was valued and the rate used',
    params: IdParams,
    querystring: ContributionsQuery,
    response: { 200: Page(ValuedContributionSchema) },
    authorize: (request) => allianceRights(app.db, request, 'view'),
    handler: async (request, _reply, { scope }) => {
      const { rows } = await listValuedContributions(app.db, scope)
      const year = request.query.year
      const page = paged(year === undefined ? rows : ofYear(rows, year), request.query, 50)
      return { data: page.rows.map(presentContribution), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/valuation/alliances/:id/rate-table',
    operationId: 'adoptRateTable',
    tags,
    summary: 'Adopt a rate table with the reason, or go back to the default (coordinators’ admins); no contribution changes',
    params: IdParams,
    body: AdoptInput,
    response: { 200: Type.Object({ data: Type.Object({ rate_table_id: Type.Union([Type.String(), Type.Null()]) }) }, { description: 'The table now used' }) },
    invalidates: ['valuation'],
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    handler: async (request, _reply, { access }) => {
      const v = request.body
      await adoptRateTable(app.db, request.actor, access.alliance.id, { rateTableId: v.rate_table_id, reason: v.reason ?? '' })
      return { data: { rate_table_id: v.rate_table_id } }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/valuation/alliances/:id/contributions/:contributionId',
    operationId: 'stateContributionValue',
    tags,
    summary: 'State the value of one of your organisation’s contributions (it wins over the rates) with its basis, and who received it',
    params: ContributionParams,
    body: StatementInput,
    response: { 200: Type.Object({ data: ValuedContributionSchema }, { description: 'The contribution, valued' }) },
    invalidates: ['valuation'],
    authorize: (request) => contributionRights(app.db, request),
    handler: async (request, _reply, { access, scope, contributionId }) => {
      const v = request.body
      await stateContribution(app.db, request.actor, access.alliance.id, contributionId, { value: v.value ?? '', basis: v.basis ?? '', recipientOrganisationId: v.recipient_organisation_id ?? null })
      const row = (await listValuedContributions(app.db, scope)).rows.find((r) => r.id === contributionId)
      if (!row) throw notFound()
      return { data: presentContribution(row) }
    },
  })

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/valuation/alliances/:id/contributions/:contributionId',
    operationId: 'removeContributionStatement',
    tags,
    summary: 'Remove what your organisation stated about its contribution (the rates apply again)',
    params: ContributionParams,
    response: { 204: Type.Null({ description: 'Removed' }) },
    invalidates: ['valuation'],
    authorize: (request) => contributionRights(app.db, request),
    handler: async (request, reply, { access, contributionId }) => {
      await stateContribution(app.db, request.actor, access.alliance.id, contributionId, { value: '', basis: '', recipientOrganisationId: null })
      return reply.status(204).send()
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/valuation/places',
    public: true,
    operationId: 'getPlaceValuation',
    tags,
    summary: 'Valued totals by world and type of the public alliances of a place (France when absent); an unknown territory: 404',
    querystring: PlaceApiQuery,
    response: { 200: Type.Object({ data: PlaceValuationSchema }, { description: 'The totals of the place' }) },
    errors: [404],
    handler: async (request) => {
      const q = request.query
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
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/valuation/rate-tables',
    public: true,
    operationId: 'listRateTables',
    tags,
    summary: 'The platform’s versions of the rate table, newest (the default) first',
    querystring: TablesQuery,
    response: { 200: Page(RateTableSchema) },
    handler: async (request) => {
      const tables = await listPlatformTables(app.db)
      const newest = tables[0]?.id
      const page = paged(tables, request.query, 20)
      return { data: page.rows.map((x) => presentTable(x, x.id === newest)), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/valuation/rate-tables/:id',
    public: true,
    operationId: 'getRateTable',
    tags,
    summary: 'One table with its rates, their validity, methods and sources (an alliance’s own table: read like the alliance)',
    params: IdParams,
    response: { 200: Type.Object({ data: RateTableDetail }, { description: 'The table' }) },
    authorize: (request) => tableRights(app.db, request, 'id'),
    handler: async (_request, _reply, { table }) => {
      const [rates, defaultTable] = await Promise.all([listRates(app.db, table.id), findDefaultTable(app.db)])
      return { data: { ...presentTable(table, defaultTable?.id === table.id), rates: rates.map(presentRate) } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/valuation/rate-tables',
    operationId: 'createRateTable',
    tags,
    summary: 'Publish a new version of the platform’s table (platform admins); every rate needs its source; overlapping rates: 400',
    body: RateTableInput,
    formFields: [[/^rates\./, 'rates']],
    response: { 201: CreatedTable },
    errors: [409],
    invalidates: ['valuation'],
    authorize: platformAdminRights,
    handler: async (request, reply) => {
      const v = request.body
      const created = await createRateTable(app.db, request.actor, { scope: 'platform', title: v.title, methodNote: v.method_note, rates: ratesFromApi(v) })
      reply.header('location', `/api/v1/valuation/rate-tables/${created.id}`)
      return { data: { ...created, href: `/valorisation/baremes/${created.id}` } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/valuation/alliances/:id/rate-tables',
    operationId: 'createAllianceRateTable',
    tags,
    summary: 'Write a table of the alliance’s own (its coordinators’ admins), to adopt it with a reason',
    params: IdParams,
    body: RateTableInput,
    formFields: [[/^rates\./, 'rates']],
    response: { 201: CreatedTable },
    errors: [409],
    invalidates: ['valuation'],
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    handler: async (request, reply, { access }) => {
      const v = request.body
      const created = await createRateTable(app.db, request.actor, { scope: 'alliance', allianceId: access.alliance.id, title: v.title, methodNote: v.method_note, rates: ratesFromApi(v) })
      reply.header('location', `/api/v1/valuation/rate-tables/${created.id}`)
      return { data: { ...created, href: `/valorisation/baremes/${created.id}` } }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/valuation/organisations/:id/given',
    operationId: 'getGivenContributions',
    tags,
    summary: 'What an organisation gave, valued, oldest first, with each alliance’s SDGs and territories (its members), for a CSR report',
    params: IdParams,
    querystring: GivenQuery,
    response: { 200: Page(ValuedLineSchema) },
    errors: [403],
    authorize: (request) => organisationRights(app.db, request),
    handler: async (request, _reply, organisation) => {
      const page = paged(await givenContributions(app.db, request.actor, organisation.id), request.query, 50)
      return { data: page.rows.map((l) => presentLine(l, { sdgs: l.sdgs, territories: l.territories, category: null })), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/valuation/organisations/:id/received',
    operationId: 'getReceivedContributions',
    tags,
    summary: 'What an association or foundation received in a year, valued, each with its category of contributions in kind (ANC 2018-06; its members; other worlds: 403)',
    params: IdParams,
    querystring: ReceivedQuery,
    response: { 200: Page(ValuedLineSchema) },
    errors: [403],
    authorize: (request) => organisationRights(app.db, request),
    handler: async (request, _reply, organisation) => {
      const page = paged(await receivedContributions(app.db, request.actor, organisation.id, request.query.year), request.query, 50)
      return { data: page.rows.map((l) => presentLine(l, { sdgs: [], territories: [], category: categoryOf(l.contribution_type) })), ...pageMeta(page) }
    },
  })
}
