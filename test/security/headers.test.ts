/** Security headers on every kind of response: strict CSP without inline scripts, no sniffing, no framing. */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, type TestApp } from '../helpers/app.js'
import { DIALECTS } from '../helpers/dialects.js'

describe('security headers', () => {
  let t: TestApp
  before(async () => {
    t = await buildTestApp(DIALECTS[0]!)
  })
  after(() => t.close())

  test('pages, API answers, errors and static files carry a strict policy', async () => {
    const client = new Client(t.app)
    for (const url of ['/', '/territoires/commune/94080', '/api/v1/territories?q=paris', '/nexiste-pas', '/static/alliance.css', '/api/v1/organisations/zzz']) {
      const res = await client.get(url)
      const csp = String(res.headers['content-security-policy'])
      assert.match(csp, /default-src 'self'/, url)
      assert.match(csp, /script-src 'self'(;|$)/, url)
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url)
      assert.match(csp, /object-src 'none'/, url)
      assert.match(csp, /base-uri 'none'/, url)
      assert.match(csp, /frame-ancestors 'none'/, url)
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url)
      assert.equal(res.headers['x-powered-by'], undefined, url)
      assert.ok(res.headers['referrer-policy'], url)
    }
  })

  test('HTML pages have no inline script and declare UTF-8', async () => {
    const res = await new Client(t.app).get('/')
    assert.match(String(res.headers['content-type']), /text\/html; charset=utf-8/)
    assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)/)
    assert.doesNotMatch(res.body, /\son[a-z]+=/)
  })

  test('session and CSRF cookies are HttpOnly and SameSite=Lax', async () => {
    const client = new Client(t.app)
    const form = await client.get('/inscription')
    const setCookie = ([] as string[]).concat(form.headers['set-cookie'] ?? [])
    assert.ok(setCookie.some((c) => c.startsWith('_csrf=') && /HttpOnly/.test(c) && /SameSite=Lax/.test(c)))
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] as string
    // Signing up no longer signs in (the address is confirmed first): the sign-up helper follows the e-mail link.
    const res = await client.signUp('cookie@example.org')
    void token
    const session = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('alliance_session='))
    assert.ok(session && /HttpOnly/.test(session) && /SameSite=Lax/i.test(session), session)
  })

  test('a body over the limit answers 413 without crashing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/connexion', payload: 'a='.padEnd(300 * 1024, 'x'), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    assert.equal(res.statusCode, 413)
  })

  test('malformed JSON and unknown content types answer 4xx problem+json on the API', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/organisations', payload: '{"name": ', headers: { 'content-type': 'application/json' } })
    assert.ok(bad.statusCode >= 400 && bad.statusCode < 500, String(bad.statusCode))
    assert.match(String(bad.headers['content-type']), /problem\+json/)
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/organisations', payload: '<x/>', headers: { 'content-type': 'application/xml' } })
    assert.ok(xml.statusCode >= 400 && xml.statusCode < 500, String(xml.statusCode))
  })
})
