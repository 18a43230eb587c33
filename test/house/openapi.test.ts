/**
 * The OpenAPI document as clients and their tools judge it: Redocly's recommended rules report no error (and the
 * warnings are listed, not hidden). Real answers are checked against their declared schemas by every test that
 * calls the API (the route helpers validate responses when the application runs its tests: `core/http/routes.ts`).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createConfig, lintFromString } from '@redocly/openapi-core'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { DIALECTS } from '../helpers/dialects.js'

process.env.REDOCLY_TELEMETRY = 'off'
process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE = 'true'

let t: TestApp
before(async () => {
  t = await buildTestApp(DIALECTS[0] as (typeof DIALECTS)[number])
})
after(async () => t.close())

test("the API document passes Redocly's recommended rules", async () => {
  const res = await t.app.inject('/api/openapi.json')
  assert.equal(res.statusCode, 200)
  const config = await createConfig({ extends: ['recommended'] })
  const problems = await lintFromString({ source: res.body, absoluteRef: 'openapi.json', config })
  const describe = (p: (typeof problems)[number]) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`
  const errors = problems.filter((p) => p.severity === 'error').map(describe)
  const warnings = problems.filter((p) => p.severity === 'warn').map(describe)
  if (warnings.length > 0) console.log(`Redocly warnings (${warnings.length}):\n${warnings.slice(0, 40).join('\n')}`)
  assert.deepEqual(errors, [])
})

test('the API document names its components, security and server', async () => {
  const doc = (await t.app.inject('/api/openapi.json')).json() as {
    servers: Array<{ url: string }>
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>
  }
  assert.ok(doc.servers[0]?.url)
  assert.ok(doc.components.schemas.Problem, 'one problem schema')
  assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['csrf', 'session'])
  assert.ok(!JSON.stringify(doc).includes('errorMessage'), 'no internal keyword')
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) assert.ok(response.content?.['application/problem+json'], `${method} ${path} ${status} is problem+json`)
      }
    }
  }
})
