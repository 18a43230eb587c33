/**
 * Operating routes and hooks: `/healthz` (the process answers), `/readyz` (the database answers, no
 * migration is pending, the job runner turns — what a proxy or orchestrator checks before sending traffic),
 * request durations by route for the metrics, request ids in logs and responses, and `/metrics` on the main
 * port only when `ALLIANCE_METRICS_TOKEN` is set (bearer token). A separate metrics listener
 * (`ALLIANCE_METRICS_PORT`) is started by the server (`serveMetrics`).
 */
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { sql } from 'kysely'
import type { MetricsConfig } from '../config.js'
import { pendingMigrations } from '../db/migrate.js'
import type { Metrics } from './metrics.js'

/** A readiness check: a name and whether it passed (with a short reason when not). */
export interface ReadinessCheck {
  name: string
  check(): Promise<{ ok: boolean; detail?: string }>
}

export interface ProbesOptions {
  metrics: Metrics
  metricsConfig: MetricsConfig
  /** extra checks beyond the database and migrations (the job runner) */
  checks: ReadinessCheck[]
}

/** Request ids: a valid `X-Request-Id` from the proxy is kept (one id across nginx and the app), else a UUID. */
export function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID()
}

function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

async function probes(app: FastifyInstance, options: ProbesOptions): Promise<void> {
  const { metrics } = options

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  app.addHook('onResponse', async (request: FastifyRequest, reply) => {
    const route = request.routeOptions.url ?? 'inconnue'
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000)
  })

  app.get('/healthz', { config: { public: true } }, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' })
  })

  const checks: ReadinessCheck[] = [
    {
      name: 'database',
      async check() {
        await sql`select 1`.execute(app.db)
        return { ok: true }
      },
    },
    {
      name: 'migrations',
      async check() {
        const pending = await pendingMigrations(app.db)
        return pending.length === 0 ? { ok: true } : { ok: false, detail: `${pending.length} en attente` }
      },
    },
    ...options.checks,
  ]

  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    const results: Record<string, { ok: boolean; detail?: string }> = {}
    for (const c of checks) {
      try {
        results[c.name] = await c.check()
      } catch (error) {
        // The reason stays in the log: the probe is public and must not describe the infrastructure.
        app.log.warn({ err: error, check: c.name }, 'readiness check failed')
        results[c.name] = { ok: false }
      }
    }
    const ready = Object.values(results).every((r) => r.ok)
    return reply
      .status(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not ready', checks: results })
  })

  const token = options.metricsConfig.token
  if (token !== null) {
    app.get('/metrics', { config: { public: true } }, async (request, reply) => {
      const header = request.headers.authorization ?? ''
      const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : ''
      if (!sameToken(given, token)) {
        return reply.status(401).header('www-authenticate', 'Bearer').type('text/plain; charset=utf-8').send('jeton requis\n')
      }
      const { body, contentType } = await metrics.exposition()
      return reply.header('cache-control', 'no-store').type(contentType).send(body)
    })
  }
}

export const probesPlugin = fp(probes, { name: 'alliance-probes', dependencies: ['alliance-http'] })

/** Serves `/metrics` on its own port (bound to `host`, loopback by default); resolves with the listening server. */
export async function serveMetrics(metrics: Metrics, config: MetricsConfig): Promise<Server | null> {
  if (config.port === null) return null
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('introuvable\n')
      return
    }
    metrics.exposition().then(
      ({ body, contentType }) => response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('erreur\n'),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port ?? 0, config.host, () => resolve())
  })
  return server
}
