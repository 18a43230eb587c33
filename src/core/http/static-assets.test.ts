import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { assetUrl } from './static-assets.js'

let t: TestApp
before(async () => {
  t = await buildTestApp(DIALECTS[0] as (typeof DIALECTS)[number])
})
after(async () => t.close())

test('static files: fingerprinted addresses cached a year, compressed ahead of time, revalidated by ETag', async () => {
  const url = assetUrl('alliance.css')
  assert.match(url, /^\/static\/alliance\.[0-9a-f]{10}\.css$/)
  const page = await t.app.inject('/')
  assert.ok(page.body.includes(`href="${url}"`), 'pages link to the fingerprinted stylesheet')
  const br = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } })
  assert.equal(br.statusCode, 200)
  assert.equal(br.headers['content-encoding'], 'br')
  assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable')
  assert.match(String(br.headers['content-type']), /^text\/css/)
  const plain = await t.app.inject({ url: '/static/alliance.css' })
  assert.equal(plain.headers['cache-control'], 'public, no-cache')
  assert.equal(plain.headers['content-encoding'], undefined)
  const again = await t.app.inject({ url: '/static/alliance.css', headers: { 'if-none-match': String(plain.headers.etag) } })
  assert.equal(again.statusCode, 304)
  assert.equal((await t.app.inject('/static/../package.json')).statusCode, 404)
  assert.equal((await t.app.inject('/static/nope.css')).statusCode, 404)
})

test('pages are compressed, and the anonymous page cache still serves them', async () => {
  const first = await t.app.inject({ url: '/lexique', headers: { 'accept-encoding': 'br' } })
  assert.equal(first.statusCode, 200)
  assert.equal(first.headers['content-encoding'], 'br')
  const second = await t.app.inject({ url: '/lexique', headers: { 'accept-encoding': 'gzip' } })
  assert.equal(second.headers['x-page-cache'], 'hit')
  assert.equal(second.headers['content-encoding'], 'gzip')
})
