import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, loadConfig } from './config.js'

test('defaults: SQLite under ./var, 127.0.0.1:3000, demo on', () => {
  const config = loadConfig({ NODE_ENV: 'test' })
  assert.equal(config.host, '127.0.0.1')
  assert.equal(config.port, 3000)
  assert.equal(config.database.dialect, 'sqlite')
  assert.match(config.database.dialect === 'sqlite' ? config.database.file : '', /var\/alliance\.sqlite$/)
  assert.equal(config.demo, true)
  assert.equal(config.publicUrl, 'http://127.0.0.1:3000')
})

test('DATABASE_URL selects PostgreSQL; ALLIANCE_DEMO=0 skips the demo; HOST and PORT are honoured', () => {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u:p@db:5432/alliance', ALLIANCE_DEMO: '0', HOST: '0.0.0.0', PORT: '8080' })
  assert.deepEqual(config.database, { dialect: 'postgres', url: 'postgres://u:p@db:5432/alliance', poolSize: 10 })
  assert.equal(config.demo, false)
  assert.equal(config.port, 8080)
  assert.equal(config.publicUrl, 'http://localhost:8080')
})

test('every problem is listed at once, in words that say what to do', () => {
  try {
    loadConfig({ NODE_ENV: 'staging', PORT: 'abc', DATABASE_URL: 'mysql://x', ALLIANCE_DEMO: 'peut-être', ALLIANCE_DEMOS: '1', ALLIANCE_SESSION_SECRET: 'court' })
    assert.fail('should throw')
  } catch (error) {
    assert.ok(error instanceof ConfigError)
    const variables = error.problems.map((p) => p.variable).sort()
    assert.deepEqual(variables, ['ALLIANCE_DEMO', 'ALLIANCE_DEMOS', 'ALLIANCE_SESSION_SECRET', 'DATABASE_URL', 'NODE_ENV', 'PORT'])
    assert.match(error.message, /PORT : entier attendu entre 0 et 65535 \(reçu « abc »\)/)
    assert.match(error.message, /ALLIANCE_DEMOS : variable inconnue/)
  }
})

test('production requires a session secret and an SMTP server', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    (error: unknown) => error instanceof ConfigError && error.problems.map((p) => p.variable).sort().join() === 'ALLIANCE_SESSION_SECRET,SMTP_URL',
  )
  const config = loadConfig({ NODE_ENV: 'production', ALLIANCE_SESSION_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://mail.example.org:587' })
  assert.equal(config.sessionSecret, 'x'.repeat(40))
  assert.equal(config.mail.smtpUrl, 'smtp://mail.example.org:587')
})

test('mail, jobs and metrics settings: defaults, and each problem named', () => {
  const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://alliance.example.org' })
  assert.deepEqual(config.mail, { smtpUrl: null, from: 'Alliance <ne-pas-repondre@alliance.example.org>', replyTo: null })
  assert.deepEqual(config.jobs, { inServer: true, maintenanceSeconds: 30 })
  assert.deepEqual(config.metrics, { port: null, host: '127.0.0.1', token: null })
  assert.equal(loadConfig({ NODE_ENV: 'production', ALLIANCE_SESSION_SECRET: 'x'.repeat(40), SMTP_URL: 'log:' }).mail.smtpUrl, null, 'log: is an explicit choice')
  try {
    loadConfig({ NODE_ENV: 'test', SMTP_URL: 'http://x', MAIL_FROM: 'personne', ALLIANCE_METRICS_TOKEN: 'court', ALLIANCE_JOBS_IN_SERVER: 'peut-être' })
    assert.fail('should throw')
  } catch (error) {
    assert.ok(error instanceof ConfigError)
    assert.deepEqual(error.problems.map((p) => p.variable).sort(), ['ALLIANCE_JOBS_IN_SERVER', 'ALLIANCE_METRICS_TOKEN', 'MAIL_FROM', 'SMTP_URL'])
  }
})
