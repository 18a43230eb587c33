/**
 * Account security on both databases: enumeration (same answers, timings within noise), password reset
 * (single use, expiring, stored hashed, every session closed), the second factor (set up, sign-in with the
 * code, replay refused, recovery codes used once, required for platform admins), sessions listed and closed,
 * the security log (own, and everyone's for platform admins only).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { generate } from 'otplib'
import { buildTestApp, Client, giveSecondFactor, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { checkTotp } from './second-factor.js'
import { hashToken } from './tokens.js'

const PASSWORD = 'un mot de passe très long'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

for (const dialect of DIALECTS) {
  describe(`account security [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
    })
    after(() => t.close())

    const resetLinkOf = async (email: string) => {
      const row = await t.db.selectFrom('mail_messages').select('params').where('recipient', '=', email).where('template', '=', 'accounts.mail.reset').orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst()
      return row ? (JSON.parse(row.params) as { link: string }).link : undefined
    }
    const eventsOf = async (email: string) => {
      const user = await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
      return (await t.db.selectFrom('security_events').select('kind').where('user_id', '=', user.id).orderBy('created_at').orderBy('id').execute()).map((e) => e.kind)
    }

    test('sign-up and reset requests answer the same for known and unknown addresses, in times within noise', async (ctx) => {
      await new Client(t.app).signUp('connue@example.org')
      const client = new Client(t.app)
      const token = await client.csrf()
      const timings = { known: [] as number[], unknown: [] as number[] }
      const bodies = new Set<string>()
      for (let i = 0; i < 13; i++) {
        for (const kind of i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
          const email = kind === 'known' ? 'connue@example.org' : `inconnue-${i}@example.org`
          const started = performance.now()
          const res = await client.post('/inscription', { display_name: 'Quelqu’un', email, password: PASSWORD }, { csrf: token })
          // The first pair warms up (JIT, statement caches).
          if (i > 0) timings[kind].push(performance.now() - started)
          bodies.add(`${res.statusCode} ${String(res.headers.location)} ${res.body}`)
        }
      }
      assert.equal(bodies.size, 1, 'one answer for every address')
      const [known, unknown] = [median(timings.known), median(timings.unknown)]
      ctx.diagnostic(`median sign-up times: known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`)
      // Both paths hash the password (argon2id) and write one transaction: the difference is noise (the
      // bound is loose because tests share the machine with other test files).
      assert.ok(Math.abs(known - unknown) < Math.max(40, 0.5 * Math.max(known, unknown)), `median sign-up times: known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`)
      const forgot = new Set<string>()
      for (const email of ['connue@example.org', 'personne-du-tout@example.org']) {
        const res = await client.post('/mot-de-passe-oublie', { email }, { csrf: token })
        forgot.add(`${res.statusCode} ${String(res.headers.location)} ${res.body}`)
      }
      assert.equal(forgot.size, 1)
      await t.drainJobs()
      assert.ok(await resetLinkOf('connue@example.org'))
      assert.equal(await resetLinkOf('personne-du-tout@example.org'), undefined, 'no message to an address without an account')
    })

    test('password reset: the link works once, closes every session, and expires', async () => {
      const a = new Client(t.app)
      await a.signUp('oubli@example.org')
      const b = new Client(t.app)
      await b.signIn('oubli@example.org')
      await new Client(t.app).post('/mot-de-passe-oublie', { email: 'oubli@example.org' })
      await t.drainJobs()
      const link = (await resetLinkOf('oubli@example.org')) as string
      const token = link.split('/').pop() as string
      assert.ok(await t.db.selectFrom('account_tokens').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirst(), 'stored hashed')
      assert.equal(await t.db.selectFrom('account_tokens').select('id').where('token_hash', '=', token).executeTakeFirst(), undefined)
      const visitor = new Client(t.app)
      assert.equal((await visitor.get(link)).statusCode, 200)
      const short = await visitor.post(link, { password: 'court' })
      assert.equal(short.statusCode, 400)
      const done = await visitor.post(link, { password: 'un tout nouveau mot de passe' })
      assert.equal(done.statusCode, 303)
      assert.equal(done.headers.location, '/connexion')
      assert.equal((await a.get('/compte')).statusCode, 303, 'session A closed')
      assert.equal((await b.get('/compte')).statusCode, 303, 'session B closed')
      assert.equal((await new Client(t.app).post(link, { password: 'encore un autre mot de passe' })).statusCode, 410, 'single use')
      assert.equal((await new Client(t.app).signIn('oubli@example.org')).statusCode, 401, 'the old password no longer works')
      assert.equal((await new Client(t.app).signIn('oubli@example.org', 'un tout nouveau mot de passe')).statusCode, 303)
      // An expired link is refused.
      await new Client(t.app).post('/mot-de-passe-oublie', { email: 'oubli@example.org' })
      await t.drainJobs()
      const late = (await resetLinkOf('oubli@example.org')) as string
      await t.db.updateTable('account_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('token_hash', '=', hashToken(late.split('/').pop() as string)).execute()
      assert.equal((await new Client(t.app).get(late)).statusCode, 410)
      assert.equal((await new Client(t.app).post(late, { password: 'un mot de passe trop tard' })).statusCode, 410)
      const events = await eventsOf('oubli@example.org')
      assert.ok(events.includes('password-reset-requested') && events.includes('password-reset'), events.join(','))
    })

    test('second factor: set up with a code, then asked at sign-in; a replayed code and a used recovery code are refused', async () => {
      const client = new Client(t.app)
      await client.signUp('totp@example.org')
      const setup = await client.get('/compte/securite/totp')
      assert.equal(setup.statusCode, 200)
      assert.match(setup.body, /<img src="data:image\/svg\+xml;base64,/)
      const secret = (/<code class="break-all">([A-Z2-7 ]+)<\/code>/.exec(setup.body)?.[1] ?? '').replace(/ /g, '')
      assert.ok(secret.length >= 16, 'the key is shown for manual entry')
      const wrong = await client.post('/compte/securite/totp', { code: '000000' })
      assert.equal(wrong.statusCode, 400)
      const enabled = await client.post('/compte/securite/totp', { code: await generate({ secret }) })
      assert.equal(enabled.statusCode, 200)
      const codes = [...enabled.body.matchAll(/<code>([a-z0-9]{4}-[a-z0-9]{4})<\/code>/g)].map((m) => m[1] as string)
      assert.equal(codes.length, 10)
      const row = await t.db.selectFrom('users').select(['totp_secret', 'totp_enabled_at']).where('email', '=', 'totp@example.org').executeTakeFirstOrThrow()
      assert.ok(row.totp_enabled_at)
      assert.ok(row.totp_secret && !row.totp_secret.includes(secret), 'the secret is stored encrypted')
      await client.post('/deconnexion')

      const first = await client.post('/connexion', { email: 'totp@example.org', password: PASSWORD })
      assert.equal(first.headers.location, '/connexion/code')
      assert.equal((await client.get('/compte')).statusCode, 303, 'not signed in after the password alone')
      assert.equal((await client.post('/connexion/code', { code: '123456' })).statusCode, 401)
      // The code of the current step was used at set-up time: a code of a later step is needed (replay).
      const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 })
      const ok = await client.post('/connexion/code', { code: next })
      assert.equal(ok.statusCode, 303)
      assert.equal((await client.get('/compte')).statusCode, 200)
      await client.post('/deconnexion')
      await client.post('/connexion', { email: 'totp@example.org', password: PASSWORD })
      assert.equal((await client.post('/connexion/code', { code: next })).statusCode, 401, 'the same code twice is refused')
      assert.equal((await client.post('/connexion/code', { code: codes[0] as string })).statusCode, 303, 'a recovery code replaces the code')
      await client.post('/deconnexion')
      await client.post('/connexion', { email: 'totp@example.org', password: PASSWORD })
      assert.equal((await client.post('/connexion/code', { code: codes[0] as string })).statusCode, 401, 'a recovery code works once')
      const events = await eventsOf('totp@example.org')
      for (const kind of ['totp-enabled', 'sign-in-second-factor-failed', 'recovery-code-used', 'sign-in']) assert.ok(events.includes(kind), kind)
    })

    test('TOTP codes: one step of tolerance either side, not two; a step at or before the last one is refused', async () => {
      const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
      const now = Date.parse('2026-12-01T10:00:10Z')
      const at = (offsetSeconds: number) => generate({ secret, epoch: Math.floor(now / 1000) + offsetSeconds })
      const step = Math.floor(now / 1000 / 30)
      assert.equal(await checkTotp(secret, await at(0), null, now), step)
      assert.equal(await checkTotp(secret, await at(-30), null, now), step - 1)
      assert.equal(await checkTotp(secret, await at(30), null, now), step + 1)
      assert.equal(await checkTotp(secret, await at(-60), null, now), null)
      assert.equal(await checkTotp(secret, await at(60), null, now), null)
      assert.equal(await checkTotp(secret, await at(0), step, now), null, 'replay of the last step')
      assert.equal(await checkTotp(secret, await at(-30), step, now), null, 'an earlier step')
      assert.equal(await checkTotp(secret, 'abcdef', null, now), null)
    })

    test('sessions: each person lists theirs and closes one; another person’s session is a 404', async () => {
      const phone = new Client(t.app)
      await phone.signUp('sessions@example.org')
      const laptop = new Client(t.app)
      await laptop.signIn('sessions@example.org')
      const page = await laptop.get('/compte/securite')
      assert.equal(page.statusCode, 200)
      const ids = [...page.body.matchAll(/action="\/compte\/sessions\/([0-9a-f]{64})\/fermer"/g)].map((m) => m[1] as string)
      assert.equal(ids.length, 1, 'every session but the current one can be closed')
      assert.match(textOf(page.body), /\(cette session\)/)
      const stranger = new Client(t.app)
      await stranger.signUp('autre-session@example.org')
      assert.equal((await stranger.post(`/compte/sessions/${ids[0]}/fermer`)).statusCode, 404)
      assert.equal((await phone.get('/compte')).statusCode, 200, 'untouched by the stranger')
      assert.equal((await laptop.post(`/compte/sessions/${'0'.repeat(64)}/fermer`)).statusCode, 404)
      assert.equal((await laptop.post(`/compte/sessions/${ids[0]}/fermer`)).statusCode, 303)
      assert.equal((await phone.get('/compte')).statusCode, 303, 'the closed session is gone')
      assert.equal((await laptop.get('/compte')).statusCode, 200)
      assert.ok((await eventsOf('sessions@example.org')).includes('session-closed'))
    })

    test('the security log: one’s own events; everyone’s for platform admins only, who need the second factor', async () => {
      const person = new Client(t.app)
      await person.signUp('journal@example.org')
      await new Client(t.app).signIn('journal@example.org', 'pas le bon mot de passe')
      const own = await person.get('/compte/securite/journal')
      assert.equal(own.statusCode, 200)
      assert.match(textOf(own.body), /Échec de connexion \(mot de passe\)/)
      assert.match(textOf(own.body), /Adresse e-mail confirmée/)
      assert.equal((await person.get('/admin/securite')).statusCode, 404)

      const admin = new Client(t.app)
      await admin.signUp('admin-securite@example.org')
      await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', 'admin-securite@example.org').execute()
      const redirected = await admin.get('/admin/securite')
      assert.equal(redirected.statusCode, 303)
      assert.equal(redirected.headers.location, '/compte/securite/totp', 'an admin without second factor is sent to set it up')
      assert.equal((await admin.get('/compte/securite/totp')).statusCode, 200)
      await giveSecondFactor(t.db, 'admin-securite@example.org')
      const all = await admin.get('/admin/securite')
      assert.equal(all.statusCode, 200)
      assert.match(textOf(all.body), /journal@example\.org/)
      const disable = await admin.post('/compte/securite/totp/desactiver', { password: PASSWORD, code: '000000' })
      assert.equal(disable.statusCode, 400)
    })
  })
}
