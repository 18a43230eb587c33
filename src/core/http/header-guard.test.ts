import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildApp } from '../../app.js'
import { connect } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { loadConfig } from '../config.js'
import type { Database } from '../../database.js'

test('a header Node would refuse becomes a 500 through the error handler, without details', async () => {
  const db = connect<Database>({ dialect: 'sqlite', file: ':memory:' })
  await migrateToLatest(db.kysely)
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', ALLIANCE_RATE_LIMIT: '0', PUBLIC_URL: 'http://alliance.test' }), { db })
  app.get('/api/bad-header', { config: { public: true } }, async (_request, reply) => reply.redirect('/\n/x', 303))
  await app.ready()
  const res = await app.inject('/api/bad-header')
  assert.equal(res.statusCode, 500)
  assert.equal(res.headers.location, undefined)
  assert.match(String(res.headers['content-type']), /application\/problem\+json/)
  assert.equal(res.json().code, 'ALLIANCE_ERR_INTERNAL')
  assert.doesNotMatch(res.body, /ERR_INVALID_CHAR|header content/)
  await app.close()
  await db.close()
})
