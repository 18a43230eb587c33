/**
 * Pages and forms of valuation: an alliance's valued totals (`/valorisation/alliances/:id?annee=`), its table
 * choice, a partner's statement on its own contribution; the valued totals of a place (`/valorisation`); the
 * rate tables, the form of a platform version (platform admins) and of an alliance's own table (its
 * coordinators' admins); an organisation's exports and their CSV files (its members). Filters of pages are
 * lenient: an invalid one is dropped and named, the others kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isMemberOf } from '../../core/access/actor.js'
import { notFound } from '../../core/errors.js'
import { done, formRoute, pageRoute } from '../../core/http/routes.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import type { MessageKey } from '../../core/i18n/index.js'
import { parisToday } from '../../core/time/calendar.js'
import type { FormState } from '../../core/views/forms.js'
import { isCoordinatorAdmin, listPartners, quantityInput } from '../alliances/index.js'
import { resolvePlaceFilter } from '../territories/index.js'
import { valuedTotalsOfPlace } from './place-totals.js'
import { findDefaultTable, listAllianceTables, listPlatformTables, listRates, valuationMethodOf } from './rates.queries.js'
import { adoptRateTable, createRateTable, validateRates } from './rates.service.js'
import { allianceRights, contributionRights, organisationRights, platformAdminRights, tableRights, type AllianceRights } from './valuation.authorize.js'
import { centsToDecimal, type ValueBasis } from './valuation.engine.js'
import { givenContributions, givenContributionsCsv, receivedContributions, receivedContributionsCsv, receivedYears } from './valuation.exports.js'
import { listValuedContributions } from './valuation.queries.js'
import { ofYear, summarise, yearsOf } from './valuation.report.js'
import { AdoptForm, ContributionParams, EXTRA_ROWS, IdParams, PlaceQuery, RateTableForm, ratesFromForm, rowsIn, StatementInput, TableParams, YearQuery } from './valuation.schemas.js'
import { stateContribution } from './valuation.service.js'
import { EVERYWHERE } from './valuation.summaries.js'
import { AdoptTablePage, AllianceValuationPage, StatementPage } from './views/AlliancePages.js'
import { OrganisationExportsPage, PlaceTotalsPage, RateTableFormPage, RateTablePage, RateTablesPage } from './views/PlatformPages.js'
import { formatEuros, methodInfo } from './views/ValuationViews.js'

/** The valuation page of an alliance. */
export const allianceValuationPath = (allianceId: string) => `/valorisation/alliances/${allianceId}`

const CURRENT_VALUE = {
  stated: 'valuation.statement.current.stated',
  rate: 'valuation.statement.current.rate',
  face: 'valuation.statement.current.face',
  none: 'valuation.statement.current.none',
} as const satisfies Record<ValueBasis, MessageKey>

export async function valuationRoutes(app: FastifyInstance): Promise<void> {
  // --- one alliance --------------------------------------------------------------------------------------------

  pageRoute(app, {
    url: '/valorisation/alliances/:id',
    public: true,
    cache: true,
    params: IdParams,
    querystring: lenient(YearQuery),
    authorize: (request) => allianceRights(app.db, request, 'view'),
    handler: async (request, reply, { access, scope }) => {
      const year = request.query.annee ?? null
      const [valued, partners] = await Promise.all([listValuedContributions(app.db, scope), listPartners(app.db, scope)])
      const rows = year === null ? valued.rows : ofYear(valued.rows, year)
      const editable = new Set(access.own.filter((p) => isMemberOf(request.actor, p.organisation_id) && (p.status === 'active' || p.status === 'left')).map((p) => p.organisation_id))
      return reply.page(
        <AllianceValuationPage alliance={access.alliance} years={yearsOf(valued.rows)} year={year} report={summarise(rows)} method={methodInfo(valued.method)} partners={partners} rows={[...rows].reverse()} editable={editable} coordinate={isCoordinatorAdmin(request.actor, access)} ignored={queryProblems(request.query)} />,
      )
    },
  })

  const adoptPage = async (reply: FastifyReply, { access, scope }: AllianceRights, state: FormState | null, status = 200) => {
    const [platform, own, method] = await Promise.all([listPlatformTables(app.db), listAllianceTables(app.db, scope), valuationMethodOf(app.db, scope)])
    const initial = { values: { rate_table_id: method.adopted ? (method.table?.id ?? 'defaut') : 'defaut', reason: method.reason }, errors: [] }
    return reply.page(<AdoptTablePage alliance={access.alliance} tables={[...own, ...platform]} current={methodInfo(method)} state={state ?? initial} />, status)
  }
  pageRoute(app, {
    url: '/valorisation/alliances/:id/bareme',
    params: IdParams,
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    handler: async (_request, reply, rights) => adoptPage(reply, rights, null),
  })
  formRoute(app, {
    url: '/valorisation/alliances/:id/bareme',
    params: IdParams,
    body: AdoptForm,
    invalidates: ['valuation'],
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    render: (_request, reply, rights, state, status) => adoptPage(reply, rights, state, status),
    handler: async (request, reply, { access }) => {
      const v = request.body
      await adoptRateTable(app.db, request.actor, access.alliance.id, { rateTableId: v.rate_table_id === 'defaut' ? null : v.rate_table_id, reason: v.reason ?? '' })
      return done(reply, allianceValuationPath(access.alliance.id), { kind: 'success', message: 'valuation.adopt.done' })
    },
  })

  const statementPage = async (request: FastifyRequest, reply: FastifyReply, rights: AllianceRights & { contributionId: string }, state: FormState | null, status = 200) => {
    const { access, scope, contributionId } = rights
    const locale = request.locale
    const [valued, partners] = await Promise.all([listValuedContributions(app.db, scope), listPartners(app.db, scope)])
    const contribution = valued.rows.find((r) => r.id === contributionId)
    if (!contribution) throw notFound()
    const valueText = request.t(CURRENT_VALUE[contribution.value.basis], { value: contribution.value.cents === null ? '' : formatEuros(locale, contribution.value.cents) })
    const recipients = partners.filter((p) => (p.status === 'active' || p.status === 'left') && p.organisation_id !== contribution.organisationId).map((p) => ({ value: p.organisation_id, label: p.organisation_name }))
    const s = contribution.statement
    const initial = { values: { value: s?.valueCents ? quantityInput(locale, s.valueCents) : '', basis: s?.basis ?? '', recipient_organisation_id: s?.recipientOrganisationId ?? '' }, errors: [] }
    return reply.page(<StatementPage alliance={access.alliance} contribution={contribution} valueText={valueText} recipients={recipients} state={state ?? initial} />, status)
  }
  pageRoute(app, {
    url: '/valorisation/alliances/:id/contributions/:contributionId',
    params: ContributionParams,
    authorize: (request) => contributionRights(app.db, request),
    handler: async (request, reply, rights) => statementPage(request, reply, rights, null),
  })
  formRoute(app, {
    url: '/valorisation/alliances/:id/contributions/:contributionId',
    params: ContributionParams,
    body: StatementInput,
    invalidates: ['valuation'],
    authorize: (request) => contributionRights(app.db, request),
    render: (request, reply, rights, state, status) => statementPage(request, reply, rights, state, status),
    handler: async (request, reply, { access, contributionId }) => {
      const v = request.body
      await stateContribution(app.db, request.actor, access.alliance.id, contributionId, { value: v.value ?? '', basis: v.basis ?? '', recipientOrganisationId: v.recipient_organisation_id ?? null })
      return done(reply, allianceValuationPath(access.alliance.id), { kind: 'success', message: 'valuation.statement.saved' })
    },
  })

  // --- a place -------------------------------------------------------------------------------------------------

  pageRoute(app, {
    url: '/valorisation',
    public: true,
    cache: true,
    querystring: lenient(PlaceQuery),
    handler: async (request, reply) => {
      const q = request.query
      const place = await resolvePlaceFilter(app.db, { territoire: q.territoire, lieu: q.lieu })
      const totals = await valuedTotalsOfPlace(app.db, place.territory?.id ?? EVERYWHERE, q.annee ?? null)
      return reply.page(<PlaceTotalsPage totals={totals} place={place} placeName={place.territory?.name ?? request.t('valuation.place.france')} year={q.annee ?? null} ignored={queryProblems(request.query)} />)
    },
  })

  // --- rate tables ---------------------------------------------------------------------------------------------

  pageRoute(app, {
    url: '/valorisation/baremes',
    public: true,
    cache: true,
    handler: async (request, reply) => reply.page(<RateTablesPage tables={await listPlatformTables(app.db)} canWrite={request.actor.isPlatformAdmin} />),
  })

  pageRoute(app, {
    url: '/valorisation/baremes/:tableId',
    public: true,
    cache: true,
    params: TableParams,
    authorize: (request) => tableRights(app.db, request, 'tableId'),
    handler: async (_request, reply, { table, allianceName }) => {
      const [rates, defaultTable] = await Promise.all([listRates(app.db, table.id), findDefaultTable(app.db)])
      return reply.page(<RateTablePage table={{ ...table, rates }} isDefault={defaultTable?.id === table.id} allianceName={allianceName} />)
    },
  })

  /** The table form, prefilled with the default table's rates (values in the reader's notation). */
  const tableFormPage = async (reply: FastifyReply, locale: 'fr' | 'en', alliance: { id: string; name: string } | null, state: FormState | null, status = 200) => {
    let values = state?.values
    if (!values) {
      const defaultTable = await findDefaultTable(app.db)
      const prefilled = defaultTable ? await listRates(app.db, defaultTable.id) : []
      values = {}
      prefilled.forEach((r, i) => {
        Object.assign(values as object, { [`rates.${i}.contribution_type`]: r.contributionType, [`rates.${i}.unit`]: r.unit, [`rates.${i}.rate`]: centsToDecimal(BigInt(r.rateCents)).replace('.', locale === 'fr' ? ',' : '.'), [`rates.${i}.valid_from`]: r.validFrom, [`rates.${i}.valid_to`]: r.validTo ?? '', [`rates.${i}.method_note`]: r.methodNote, [`rates.${i}.source_text`]: r.sourceText, [`rates.${i}.source_url`]: r.sourceUrl ?? '' })
      })
    }
    return reply.page(<RateTableFormPage state={{ values, errors: state?.errors ?? [] }} rowCount={rowsIn(values) + EXTRA_ROWS} alliance={alliance} />, status)
  }
  // Problems of the rows are checked even when the title is wrong, so that every problem shows at once.
  const rowProblems = (values: FormState['values']) => validateRates(ratesFromForm(values)).problems

  pageRoute(app, {
    url: '/valorisation/baremes/nouveau',
    authorize: platformAdminRights,
    handler: async (request, reply) => tableFormPage(reply, request.locale, null, null),
  })
  formRoute(app, {
    url: '/valorisation/baremes',
    body: RateTableForm,
    invalidates: ['valuation'],
    authorize: platformAdminRights,
    check: (_request, _ctx, values) => rowProblems(values),
    render: (request, reply, _ctx, state, status) => tableFormPage(reply, request.locale, null, state, status),
    handler: async (request, reply) => {
      const created = await createRateTable(app.db, request.actor, { scope: 'platform', title: String(request.body.title), methodNote: String(request.body.method_note), rates: ratesFromForm(request.body) })
      return done(reply, `/valorisation/baremes/${created.id}`, { kind: 'success', message: 'valuation.tables.created.done', params: { version: created.version } })
    },
  })

  pageRoute(app, {
    url: '/valorisation/alliances/:id/baremes/nouveau',
    params: IdParams,
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    handler: async (request, reply, { access }) => tableFormPage(reply, request.locale, access.alliance, null),
  })
  formRoute(app, {
    url: '/valorisation/alliances/:id/baremes',
    params: IdParams,
    body: RateTableForm,
    invalidates: ['valuation'],
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    check: (_request, _rights, values) => rowProblems(values),
    render: (request, reply, { access }, state, status) => tableFormPage(reply, request.locale, access.alliance, state, status),
    handler: async (request, reply, { access }) => {
      const created = await createRateTable(app.db, request.actor, { scope: 'alliance', allianceId: access.alliance.id, title: String(request.body.title), methodNote: String(request.body.method_note), rates: ratesFromForm(request.body) })
      return done(reply, `/valorisation/alliances/${access.alliance.id}/bareme`, { kind: 'success', message: 'valuation.tables.created.done', params: { version: created.version } })
    },
  })

  // --- an organisation's exports ----------------------------------------------------------------------------

  pageRoute(app, {
    url: '/valorisation/organisations/:id',
    params: IdParams,
    authorize: (request) => organisationRights(app.db, request),
    handler: async (_request, reply, organisation) =>
      reply.page(<OrganisationExportsPage organisation={organisation} years={await receivedYears(app.db, organisation.id)} receives={['association', 'fondation'].includes(organisation.world)} />),
  })
  pageRoute(app, {
    url: '/valorisation/organisations/:id/contributions-donnees.csv',
    params: IdParams,
    authorize: (request) => organisationRights(app.db, request),
    handler: async (request, reply, organisation) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="contributions-donnees.csv"')
        .send(givenContributionsCsv(await givenContributions(app.db, request.actor, organisation.id), { t: request.t, locale: request.locale })),
  })
  pageRoute(app, {
    url: '/valorisation/organisations/:id/contributions-recues.csv',
    params: IdParams,
    querystring: lenient(YearQuery),
    authorize: (request) => organisationRights(app.db, request),
    handler: async (request, reply, organisation) => {
      const year = request.query.annee ?? Number(parisToday().slice(0, 4))
      const csv = receivedContributionsCsv(await receivedContributions(app.db, request.actor, organisation.id, year), year, { t: request.t, locale: request.locale })
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="contributions-recues-${year}.csv"`).send(csv)
    },
  })
}
