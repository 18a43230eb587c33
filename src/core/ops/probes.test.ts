/**
 * Operating probes: `/healthz`, `/readyz` (database, migrations, jobs; 503 with the failing check named),
 * request ids, request durations by route in the metrics, `/metrics` only with its token on the main port,
 * and on its own loopback port.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { loadConfig } from '../config.js'
import { migrateDown } from '../db/migrate.js'
import { Metrics } from './metrics.js'
import { serveMetrics } from './probes.js'

const TOKEN = 'un-jeton-de-metriques-assez-long'

for (const dialect of DIALECTS) {
  describe(`operating probes [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_METRICS_TOKEN: TOKEN })
    })
    after(() => t.close())

    test('/healthz answers while the process lives; /readyz checks the database, migrations and jobs', async () => {
      const health = await t.app.inject({ method: 'GET', url: '/healthz' })
      assert.equal(health.statusCode, 200)
      assert.deepEqual(health.json(), { status: 'ok' })
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' })
      assert.equal(ready.statusCode, 200, ready.body)
      assert.deepEqual(Object.keys((ready.json() as { checks: object }).checks), ['database', 'migrations', 'jobs'])
      await migrateDown(t.db)
      const pending = await t.app.inject({ method: 'GET', url: '/readyz' })
      assert.equal(pending.statusCode, 503)
      assert.deepEqual((pending.json() as { checks: { migrations: unknown } }).checks.migrations, { ok: false, detail: '1 en attente' })
      const { migrateToLatest } = await import('../db/migrate.js')
      await migrateToLatest(t.db)
      assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200)
    })

    test('every answer carries a request id; a well-formed one from the proxy is kept', async () => {
      const fresh = await t.app.inject({ method: 'GET', url: '/healthz' })
      assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/)
      const kept = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'nginx-0123456789abcdef' } })
      assert.equal(kept.headers['x-request-id'], 'nginx-0123456789abcdef')
      const refused = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\nwith a newline' } })
      assert.notEqual(refused.headers['x-request-id'], 'bad id\nwith a newline')
    })

    test('/metrics needs its token, then shows request durations by route pattern and job and mail series', async () => {
      const visitor = new Client(t.app)
      await visitor.get('/territoires/commune/94080')
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401)
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer not-the-token-at-all-nope' } })).statusCode, 401)
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })
      assert.equal(metrics.statusCode, 200)
      assert.match(metrics.body, /alliance_http_request_duration_seconds_count\{method="GET",route="\/territoires\/:kind\/:code",status="200"\} 1/)
      assert.doesNotMatch(metrics.body, /route="\/territoires\/commune\/94080"/)
      assert.match(metrics.body, /# TYPE alliance_job_runs_total counter/)
      assert.match(metrics.body, /# TYPE alliance_mail_total counter/)
      assert.match(metrics.body, /alliance_process_resident_memory_bytes/)
    })
  })
}

describe('metrics listener', () => {
  test('without a token, /metrics is not on the main port; a separate port on loopback serves it', async () => {
    const t = await buildTestApp(DIALECTS[0]!)
    try {
      assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404)
    } finally {
      await t.close()
    }
    const metrics = new Metrics()
    const server = await serveMetrics(metrics, loadConfig({ NODE_ENV: 'test', ALLIANCE_METRICS_PORT: '0' }).metrics)
    assert.ok(server)
    try {
      const address = server.address()
      assert.ok(address && typeof address === 'object')
      assert.equal(address.address, '127.0.0.1')
      const res = await fetch(`http://127.0.0.1:${address.port}/metrics`)
      assert.equal(res.status, 200)
      assert.match(await res.text(), /alliance_http_request_duration_seconds/)
      assert.equal((await fetch(`http://127.0.0.1:${address.port}/`)).status, 404)
    } finally {
      server.close()
    }
  })
})
