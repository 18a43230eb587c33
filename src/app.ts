/**
 * Builds the Alliance application (no `listen`): the HTTP kernel, sessions, every feature, the OpenAPI
 * document. The server, the CLI and the tests all start from here.
 *
 * Features are plugins; the app composes them and wires their extension points (e.g. the sections of the
 * territory page contributed by other features), so that no feature needs to know who extends it.
 */
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Config } from './core/config.js'
import { connect, type Db } from './core/db/connect.js'
import { finishOpenApiDocument, securitySchemes } from './core/http/openapi.js'
import { httpPlugin } from './core/http/plugin.js'
import { validatorCompiler } from './core/http/validation.js'
import { coreMessages } from './core/i18n/core.messages.js'
import { createI18n, type I18n } from './core/i18n/index.js'
import { mailMessages } from './core/mail/mail.messages.js'
import { probesPlugin, requestId } from './core/ops/probes.js'
import type { NavItem } from './core/views/context.js'
import type { Database } from './database.js'
import { accountMessages, accountsFeature, SESSION_COOKIE, sessionsPlugin } from './features/accounts/index.js'
import { allianceMessages, allianceNotificationKinds, allianceNotificationMessages, alliancesFeature, alliancesPersonalData, organisationAlliancesSection, territoryAlliancesSection } from './features/alliances/index.js'
import { catalysisFeature, catalysisMessages, catalysisNotificationKinds, catalysisPersonalData, territoryCatalysisSection } from './features/catalysis/index.js'
import { homeFeature, homeMessages } from './features/home/index.js'
import { connectionNotificationKinds, connectionNotificationMessages, listeningFeature, listeningMessages, listeningPersonalData, organisationListingsSection, territoryListeningSection } from './features/listening/index.js'
import { notificationMessages, notificationsFeature, notificationsPersonalData, unreadCountPlugin } from './features/notifications/index.js'
import { hasDemoOrganisations, organisationMessages, organisationsFeature, organisationsPersonalData, territoryActorsSection } from './features/organisations/index.js'
import { surveyMessages, surveysFeature, surveysPersonalData, territoryStudiesSection } from './features/surveys/index.js'
import { territoriesFeature, territoryMessages } from './features/territories/index.js'
import { vocabularyFeature, vocabularyMessages } from './features/vocabulary/index.js'
import { operationMessages, operationsFeature } from './features/operations/index.js'
import { workspaceFeature, workspaceMessages } from './features/workspace/index.js'
import { openRuntime, type Runtime } from './runtime.js'
import { evaluationFeature, evaluationMessages, evaluationNotificationKinds, evaluationNotificationMessages, evaluationPersonalData } from './features/evaluation/index.js'
import { mobilisationFeature, mobilisationMessages, mobilisationNotificationKinds, mobilisationNotificationMessages } from './features/mobilisation/index.js'
import { practiceMessages, practicesFeature, practicesPersonalData } from './features/practices/index.js'
import { organisationValuationSection, valuationFeature, valuationMessages, valuationPersonalData } from './features/valuation/index.js'

/** Every message catalogue of the application (a test checks French and English have the same keys). */
export function appI18n(): I18n {
  return createI18n([coreMessages, mailMessages, vocabularyMessages, territoryMessages, organisationMessages, accountMessages, homeMessages, listeningMessages, notificationMessages, allianceMessages, surveyMessages, connectionNotificationMessages, allianceNotificationMessages, operationMessages, workspaceMessages, catalysisMessages, evaluationMessages, evaluationNotificationMessages, valuationMessages, practiceMessages, mobilisationMessages, mobilisationNotificationMessages])
}

const NAV: NavItem[] = [
  { href: '/territoires', label: 'nav.territories' },
  { href: '/acteurs', label: 'nav.actors' },
  { href: '/besoins', label: 'nav.needs' },
  { href: '/ressources', label: 'nav.resources' },
  { href: '/alliances', label: 'nav.alliances' },
  { href: '/etudes', label: 'nav.studies' },
  { href: '/espaces', label: 'nav.catalysis' },
  { href: '/pratiques', label: 'nav.practices' },
  { href: '/recherche', label: 'nav.search' },
  { href: '/lexique', label: 'nav.lexique' },
]

export interface RouteInfo {
  method: string
  url: string
  public: boolean
  /** The page-cache tags a write declares it changes (`core/http/page-cache.ts`); undefined: not declared. */
  invalidates?: string[]
  /** The input schemas, for the tests that send every route malformed input. */
  schema: { body?: unknown; querystring?: unknown; params?: unknown }
}

declare module 'fastify' {
  interface FastifyInstance {
    routeInventory: RouteInfo[]
    /** jobs, mail transport, metrics and the bus of this process (src/runtime.ts) */
    runtime: Runtime
  }
}

export interface BuildOptions {
  /** An open database to use (tests, CLI); otherwise one is opened from `config` and closed with the app. */
  db?: Db<Database>
  /** Run the background jobs in this process once the app is ready (the server; tests drain jobs themselves). */
  runJobs?: boolean
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const db = options.db ?? connect<Database>(config.database)
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] },
    trustProxy: config.trustProxy === '' ? false : config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // One request id across the proxy and every log line of the request (and in the `x-request-id` answer).
    genReqId: requestId,
    requestIdHeader: false,
  }).withTypeProvider<TypeBoxTypeProvider>()
  // One validation pipeline for every route (trim, control characters, every field at once): core/http/validation.
  app.setValidatorCompiler(validatorCompiler)
  app.decorate('db', db.kysely)
  app.decorate('checkResponses', config.env === 'test')
  // Every route with its access, for the authorisation-matrix test and the route inventory.
  const routes: RouteInfo[] = []
  app.decorate('routeInventory', routes)
  app.addHook('onRoute', (route) => {
    for (const method of ([] as string[]).concat(route.method)) {
      if (method === 'HEAD') continue
      const schema = (route.schema ?? {}) as RouteInfo['schema']
      routes.push({
        method,
        url: route.url,
        public: route.config?.public === true,
        ...(route.config?.invalidates ? { invalidates: route.config.invalidates } : {}),
        schema: { body: schema.body, querystring: schema.querystring, params: schema.params },
      })
    }
  })
  const i18n = appI18n()
  const runtime = await openRuntime({ config, db, i18n, log: app.log, runJobs: options.runJobs ?? false })
  app.decorate('runtime', runtime)
  app.addHook('onReady', async () => runtime.start())
  app.addHook('onClose', async () => {
    await runtime.close()
    if (!options.db) await db.close()
  })

  let demo = { value: false, at: 0 }
  const isDemo = () => {
    if (Date.now() - demo.at > 30_000) {
      demo.at = Date.now()
      hasDemoOrganisations(db.kysely)
        .then((value) => {
          demo = { value, at: Date.now() }
        })
        .catch((err: unknown) => app.log.warn({ err }, 'demo flag check failed'))
    }
    return demo.value
  }
  demo = { value: await hasDemoOrganisations(db.kysely), at: Date.now() }

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      components: { securitySchemes: securitySchemes(SESSION_COOKIE) },
      info: {
        title: 'Alliance API',
        version: '1',
        description:
          'Open data of the Alliance platform: territories, actors, alliances, the common vocabulary. Read routes are public; write routes need a signed-in session and a CSRF token (`X-CSRF-Token`). Errors are `application/problem+json` with a stable `code` (see docs/errors.md).',
      },
      tags: [
        { name: 'territories', description: 'The official French geography' },
        { name: 'organisations', description: 'Actors (organisations) of the territories' },
        { name: 'vocabulary', description: 'The common vocabulary (sémantique commune)' },
        { name: 'listening', description: 'Needs (besoins), resources and wishes to engage, and their explainable matching' },
        { name: 'alliances', description: 'Alliances: partners, charter, contributions, journal (partners-only alliances answer 404 to others)' },
        { name: 'studies', description: 'Published survey studies: weighted estimates with intervals, methodology' },
        { name: 'evaluation', description: 'Évaluation partenariale: rounds, answers per organisation, crossed views, reviews, indicators' },
        { name: 'mobilisation', description: 'Mobilisation: calls to engage, pledges, territorial funds and their ledger, calls for projects, territory dashboards' },
        { name: 'valuation', description: 'Valorisation: rate tables in versions, valued contributions (cents), totals per place, exports' },
        { name: 'practices', description: 'Pratiques inspirantes: practice sheets from published reviews, library search, S’en inspirer' },
        { name: 'catalysis', description: 'Territory spaces, their activity log, meetings (registration, iCalendar), places, governance dialogues and the maturity grid' },
      ],
    },
    hideUntagged: true,
    transformObject: (documents) => finishOpenApiDocument(('openapiObject' in documents ? documents.openapiObject : documents.swaggerObject) as Record<string, unknown>, { publicUrl: config.publicUrl }),
  })

  await app.register(httpPlugin, {
    config,
    i18n,
    nav: NAV,
    isDemo,
    publicPrefixes: ['/static/', '/api/docs'],
    notFoundSearch: { action: '/territoires', label: 'error.search.label', hint: 'error.search.hint' },
    notificationsHref: '/notifications',
  })
  await app.register(probesPlugin, {
    metrics: runtime.metrics,
    metricsConfig: config.metrics,
    checks: [
      {
        name: 'jobs',
        check: runtime.runner
          ? async () => ({ ok: runtime.runner?.healthy ?? false })
          : async () => {
              await runtime.store.counts()
              return { ok: true }
            },
      },
    ],
  })
  await app.register(sessionsPlugin, { config })
  await app.register(unreadCountPlugin)

  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false, uiConfig: { docExpansion: 'list' } })
  app.get('/api/openapi.json', { config: { public: true } }, async () => app.swagger())

  await app.register(homeFeature)
  await app.register(vocabularyFeature)
  await app.register(territoriesFeature, { sections: [territoryListeningSection(app), territoryActorsSection(app), territoryAlliancesSection(app), territoryStudiesSection(app), territoryCatalysisSection(app)] })
  await app.register(organisationsFeature, { publicUrl: config.publicUrl, sections: [organisationListingsSection(app), organisationAlliancesSection(app), organisationValuationSection(app)] })
  await app.register(listeningFeature, { publicUrl: config.publicUrl })
  // Every notification kind of the application (a new feature adds its list here).
  await app.register(notificationsFeature, { kinds: [...connectionNotificationKinds, ...allianceNotificationKinds, ...catalysisNotificationKinds, ...evaluationNotificationKinds, ...mobilisationNotificationKinds], secret: config.sessionSecret })
  await app.register(alliancesFeature)
  await app.register(accountsFeature, {
    rateLimit: config.rateLimit,
    secret: config.sessionSecret,
    personalData: [...organisationsPersonalData, ...notificationsPersonalData, ...listeningPersonalData, ...alliancesPersonalData, ...surveysPersonalData, ...catalysisPersonalData, ...evaluationPersonalData, ...valuationPersonalData, ...practicesPersonalData],
  })
  await app.register(surveysFeature, { publicUrl: config.publicUrl, rateLimit: config.rateLimit })
  await app.register(operationsFeature, { publicUrl: config.publicUrl, secret: config.sessionSecret })
  await app.register(workspaceFeature)
  await app.register(catalysisFeature, { publicUrl: config.publicUrl })
  await app.register(evaluationFeature)
  await app.register(valuationFeature)
  await app.register(practicesFeature, { publicUrl: config.publicUrl })
  await app.register(mobilisationFeature)

  return app
}
