/**
 * Rate limits are counted in the database: two instances on one database share a limit, and a new instance
 * (a restart) still knows it. Windows end, and expired windows are pruned.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../app.js'
import { DIALECTS, type TestDatabase } from '../../../test/helpers/dialects.js'
import { loadReferenceData } from '../../../test/helpers/reference-data.js'
import { loadConfig } from '../config.js'
import { countHit, pruneRateLimits } from './rate-limit-store.js'

for (const dialect of DIALECTS) {
  describe(`shared rate limits [${dialect.name}]`, () => {
    let database: TestDatabase
    const apps: FastifyInstance[] = []
    const config = loadConfig({ NODE_ENV: 'test', ALLIANCE_RATE_LIMIT: '1', PUBLIC_URL: 'http://alliance.test' })
    const instance = async () => {
      const app = await buildApp(config, { db: database.db })
      await app.ready()
      apps.push(app)
      return app
    }

    before(async () => {
      database = await dialect.open()
      await loadReferenceData(database.db.kysely)
    })
    after(async () => {
      for (const app of apps) await app.close()
      await database.close()
    })

    /** A failed sign-in from one address (no CSRF token needed to be counted: the limit runs first). */
    const attempt = (app: FastifyInstance) =>
      app.inject({ method: 'POST', url: '/connexion', remoteAddress: '203.0.113.7', payload: 'email=x%40example.org&password=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } })

    test('sign-in attempts spread over two instances share one limit, which survives a restart', async () => {
      const first = await instance()
      const second = await instance()
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) statuses.push((await attempt(i % 2 === 0 ? first : second)).statusCode)
      assert.ok(statuses.every((s) => s !== 429), `the first 20 attempts are not limited (${statuses.join(',')})`)
      const limited = await attempt(second)
      assert.equal(limited.statusCode, 429)
      assert.ok(Number(limited.headers['retry-after']) > 0)
      await first.close()
      const restarted = await instance()
      assert.equal((await attempt(restarted)).statusCode, 429, 'a restart does not reset the count')
      const other = await restarted.inject({ method: 'POST', url: '/connexion', remoteAddress: '198.51.100.9', payload: 'email=x%40example.org&password=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.notEqual(other.statusCode, 429, 'another address has its own count')
    })

    test('a window ends, and ended windows are pruned', async () => {
      const db = database.db.kysely
      const t0 = 1_000_000
      assert.deepEqual(await countHit(db, 'k', 1000, t0), { current: 1, ttl: 1000 })
      assert.deepEqual(await countHit(db, 'k', 1000, t0 + 400), { current: 2, ttl: 600 })
      assert.deepEqual(await countHit(db, 'k', 1000, t0 + 1000), { current: 1, ttl: 1000 }, 'a new window')
      assert.equal(await pruneRateLimits(db, t0 + 1500), 0)
      assert.ok((await pruneRateLimits(db, t0 + 2000)) >= 1)
      const left = await db.selectFrom('rate_limits').select('key').where('key', '=', 'k').execute()
      assert.equal(left.length, 0)
    })

    test('concurrent hits are all counted', async () => {
      const db = database.db.kysely
      const results = await Promise.all(Array.from({ length: 25 }, () => countHit(db, 'burst', 60_000)))
      assert.deepEqual(results.map((r) => r.current).sort((a, b) => a - b), Array.from({ length: 25 }, (_, i) => i + 1))
    })
  })
}
