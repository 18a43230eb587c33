/**
 * A sweep of hostile and malformed input over every route of the inventory, on both databases: control characters
 * (NUL first: PostgreSQL refuses it in text), invalid encodings, oversize bodies, wrong types, unknown and
 * malformed ids, paging past the end, unknown filters, broken JSON. Sent by a signed-in person who administers an
 * organisation and coordinates alliances, so that requests get past the rights checks where they can. Whatever the
 * route: **no answer is a 5xx**, and no answer leaks an internal message.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import type { RouteInfo } from '../../src/app.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { buildAllianceWorld, type AllianceWorld } from '../helpers/alliances.js'
import { DIALECTS } from '../helpers/dialects.js'

interface JsonSchema {
  type?: string
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  anyOf?: JsonSchema[]
}

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000'
const HOSTILE_TEXT = ['a\u0000b', '\u0007bell', 'x\uD800y', '\u202Eevil', '   ', "=cmd|' /C calc'!A0", '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', 'é'.repeat(5000)]

/** Fills a URL template with the value given for every parameter. */
function fill(url: string, value: string): string {
  return url.replace(/:(\w+)/g, () => encodeURIComponent(value)).replace(/\*/g, 'x')
}

/** A body where every declared property gets `pick(schema, i)`. */
function bodyOf(schema: JsonSchema | undefined, pick: (property: JsonSchema, i: number) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  let i = 0
  for (const [name, property] of Object.entries(schema?.properties ?? {})) out[name] = pick(property, i++)
  return out
}

const hostileValue = (property: JsonSchema, i: number): unknown =>
  property.type === 'array' ? [HOSTILE_TEXT[i % HOSTILE_TEXT.length], { nested: true }] : HOSTILE_TEXT[i % HOSTILE_TEXT.length]
const wrongType = (property: JsonSchema): unknown => (property.type === 'string' ? { not: 'a string' } : property.type === 'array' ? 'not-an-array' : 'not-a-number')

/** Words that only an internal error would put in an answer. */
const INTERNAL = /(?<!ALLIANCE_)ERR_[A-Z_]{3,}|FST_[A-Z_]+|SQLITE_[A-Z]+|invalid byte sequence|\bat [\w.<>]+ \(|TypeError|RangeError|SyntaxError: /

function check(res: LightMyRequestResponse, label: string, failures: string[]): void {
  if (res.statusCode >= 500) failures.push(`${label} → ${res.statusCode} ${res.body.slice(0, 160)}`)
  else if (!label.includes('/api/openapi.json') && INTERNAL.test(res.body)) failures.push(`${label} leaks an internal message: ${res.body.match(INTERNAL)?.[0]}`)
}

for (const dialect of DIALECTS) {
  describe(`malformed input [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildAllianceWorld(t)
    })
    after(async () => t.close())

    test('no route answers a 5xx, whatever it is sent', async () => {
      const client = w.clients.coordinatorAdmin
      const failures: string[] = []
      let sent = 0
      const routes = t.app.routeInventory.filter((r: RouteInfo) => !r.url.startsWith('/static') && !r.url.startsWith('/api/docs'))
      for (const route of routes) {
        const urls = [fill(route.url, UNKNOWN_ID), fill(route.url, 'nope\u0000%'), fill(route.url, w.public.id)]
        if (route.method === 'GET') {
          for (const url of urls) {
            for (const query of ['', '?page=999999&per_page=100', '?page=-1&per_page=abc', '?q=%00%FF%FE&page=1e9', `?q=${'x'.repeat(3000)}`, '?territory=commune:%00&domaine=nope&odd=99']) {
              check(await client.get(`${url}${query}`), `GET ${url}${query.slice(0, 60)}`, failures)
              sent++
            }
          }
          continue
        }
        const schema = route.schema.body as JsonSchema | undefined
        const method = route.method as 'POST' | 'PUT' | 'PATCH' | 'DELETE'
        for (const url of urls.slice(0, 2).concat(urls[2] as string)) {
          const payloads: unknown[] = [bodyOf(schema, hostileValue), bodyOf(schema, wrongType), {}, [1, 2, 3], 'x'.repeat(2_000_000)]
          for (const payload of payloads) {
            if (url.startsWith('/api/')) check(await client.json(method, url, payload), `${method} ${url} json`, failures)
            else if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
              const form: Record<string, string> = {}
              for (const [k, v] of Object.entries(payload)) form[k] = typeof v === 'string' ? v : JSON.stringify(v)
              check(await client.post(url, form), `${method} ${url} form`, failures)
            }
            sent++
          }
          const broken = await t.app.inject({ method, url, headers: { 'content-type': 'application/json', cookie: client.cookieHeader() ?? "" }, payload: '{"title": "unterminated' })
          check(broken, `${method} ${url} broken JSON`, failures)
          const latin1 = await t.app.inject({ method, url, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1', cookie: client.cookieHeader() ?? "" }, payload: Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3d, 0xe9, 0xff, 0x00]) })
          check(latin1, `${method} ${url} latin-1 form`, failures)
          sent += 2
        }
      }
      assert.ok(sent >= 300, `at least 300 requests (sent ${sent})`)
      assert.deepEqual(failures.slice(0, 30), [])
    })
  })
}
