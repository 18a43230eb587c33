import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

for (const dialect of DIALECTS) {
  describe(`accounts [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
    })
    after(() => t.close())

    const users = () => t.db.selectFrom('users').selectAll().execute()

    test('requires authentication: the account page redirects to sign-in, the API answers 401', async () => {
      const client = new Client(t.app)
      const res = await client.get('/compte')
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, '/connexion?retour=%2Fcompte')
      const post = await client.post('/compte', { display_name: 'X', locale: 'fr' })
      assert.equal(post.statusCode, 303)
      assert.match(String(post.headers.location), /^\/connexion/)
    })

    test('rejects invalid input: short password, bad e-mail — error summary naming the fields, nothing stored', async () => {
      const client = new Client(t.app)
      const before = (await users()).length
      const res = await client.signUp('pas-une-adresse', 'court', 'C')
      assert.equal(res.statusCode, 400)
      const text = textOf(res.body)
      assert.match(text, /Il y a 3 problèmes à corriger/)
      assert.match(text, /au moins 12 caractères/)
      assert.match(text, /adresse e-mail valide/)
      assert.match(res.body, /href="#champ-email"/)
      assert.match(res.body, /aria-invalid="true"/)
      assert.equal((await users()).length, before)
    })

    test('rejects oversize fields without storing anything', async () => {
      const client = new Client(t.app)
      const res = await client.signUp('long@example.org', 'x'.repeat(129), 'N'.repeat(101))
      assert.equal(res.statusCode, 400)
      assert.match(textOf(res.body), /au plus 100 caractères/)
      assert.match(textOf(res.body), /au plus 128 caractères/)
      assert.equal((await t.db.selectFrom('users').select('id').where('email', '=', 'long@example.org').execute()).length, 0)
    })

    test('happy path: sign-up creates an unverified account and sends a link; the link verifies the address once and signs in', async () => {
      const client = new Client(t.app)
      const res = await client.post('/inscription', { display_name: 'Camille Test', email: 'Camille@Example.org', password: 'un mot de passe très long' })
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, '/inscription/verifiez')
      assert.equal(client.cookie('alliance_session'), undefined, 'not signed in before the address is confirmed')
      const user = await t.db.selectFrom('users').selectAll().where('email', '=', 'camille@example.org').executeTakeFirstOrThrow()
      assert.match(user.password_hash, /^\$argon2id\$/)
      assert.equal(user.email_verified_at, null)
      const mail = await t.db.selectFrom('mail_messages').selectAll().where('recipient', '=', 'camille@example.org').executeTakeFirstOrThrow()
      assert.equal(mail.template, 'accounts.mail.verify')
      const link = (JSON.parse(mail.params) as { link: string }).link
      assert.match(link, /^\/inscription\/confirmer\/[A-Za-z0-9_-]{43}$/)
      const tokens = await t.db.selectFrom('account_tokens').select('token_hash').where('user_id', '=', user.id).execute()
      assert.equal(tokens.length, 1)
      assert.notEqual(tokens[0]!.token_hash, link.split('/').pop(), 'only a hash of the token is stored')
      const page = await client.get(link)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /Confirmer mon adresse/)
      assert.equal((await t.db.selectFrom('users').select('email_verified_at').where('id', '=', user.id).executeTakeFirstOrThrow()).email_verified_at, null, 'opening the link alone confirms nothing')
      const confirmed = await client.post(link)
      assert.equal(confirmed.statusCode, 303)
      assert.equal(confirmed.headers.location, '/mon-espace')
      assert.ok((await t.db.selectFrom('users').select('email_verified_at').where('id', '=', user.id).executeTakeFirstOrThrow()).email_verified_at)
      assert.equal((await t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute()).length, 1)
      const account = await client.get('/compte')
      assert.equal(account.statusCode, 200)
      assert.match(textOf(account.body), /Connecté en tant que camille@example.org/)
      assert.equal(account.headers['cache-control'], 'no-store')
      const again = await new Client(t.app).post(link)
      assert.equal(again.statusCode, 410, 'the link works once')
    })

    test('sign-up on a known address answers the same; its owner is told by e-mail and nothing changes', async () => {
      const owner = new Client(t.app)
      await owner.signUp('double@example.org')
      const before = await t.db.selectFrom('users').selectAll().where('email', '=', 'double@example.org').executeTakeFirstOrThrow()
      const other = new Client(t.app)
      const known = await other.post('/inscription', { display_name: 'Intrus', email: 'DOUBLE@example.org', password: 'un autre mot de passe' })
      const unknown = await other.post('/inscription', { display_name: 'Nouveau', email: 'nouveau-inconnu@example.org', password: 'un autre mot de passe' })
      assert.deepEqual([known.statusCode, known.headers.location], [unknown.statusCode, unknown.headers.location])
      assert.equal(known.body, unknown.body)
      const after = await t.db.selectFrom('users').selectAll().where('email', '=', 'double@example.org').execute()
      assert.deepEqual(after, [before], 'no second account, no change')
      const mails = await t.db.selectFrom('mail_messages').select('template').where('recipient', '=', 'double@example.org').orderBy('created_at').execute()
      assert.deepEqual(mails.map((m) => m.template), ['accounts.mail.verify', 'accounts.mail.alreadyRegistered'])
    })

    test('sign-in: wrong password is refused with one generic message; right password opens a new session id', async () => {
      const client = new Client(t.app)
      await client.signUp('signin@example.org')
      const firstSession = client.cookie('alliance_session')
      await client.post('/deconnexion')
      assert.equal(client.cookie('alliance_session'), undefined)
      const wrong = await client.signIn('signin@example.org', 'mauvais mot de passe!!')
      assert.equal(wrong.statusCode, 401)
      assert.match(textOf(wrong.body), /Adresse e-mail ou mot de passe incorrect/)
      const unknown = await client.signIn('personne@example.org', 'mauvais mot de passe!!')
      assert.equal(unknown.statusCode, 401)
      const ok = await client.signIn('signin@example.org')
      assert.equal(ok.statusCode, 303)
      assert.notEqual(client.cookie('alliance_session'), firstSession)
      assert.equal((await client.get('/compte')).statusCode, 200)
    })

    test('sign-out deletes the server-side session: the old cookie no longer works', async () => {
      const client = new Client(t.app)
      await client.signUp('signout@example.org')
      const user = await t.db.selectFrom('users').select('id').where('email', '=', 'signout@example.org').executeTakeFirstOrThrow()
      const stolen = client.cookie('alliance_session') as string
      const res = await client.post('/deconnexion')
      assert.equal(res.statusCode, 303)
      assert.equal((await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).length, 0)
      const replay = await t.app.inject({ method: 'GET', url: '/compte', headers: { cookie: `alliance_session=${stolen}` } })
      assert.equal(replay.statusCode, 303)
    })

    test('a forged or missing CSRF token is refused (403) and changes nothing', async () => {
      const client = new Client(t.app)
      await client.signUp('csrf@example.org')
      const forged = await client.post('/compte', { display_name: 'Pirate', locale: 'en' }, { csrf: 'forged-token' })
      assert.equal(forged.statusCode, 403)
      assert.match(textOf(forged.body), /Le formulaire a expiré/)
      const missing = await client.post('/compte', { display_name: 'Pirate', locale: 'en' }, { csrf: null })
      assert.equal(missing.statusCode, 403)
      const user = await t.db.selectFrom('users').selectAll().where('email', '=', 'csrf@example.org').executeTakeFirstOrThrow()
      assert.equal(user.display_name, 'Camille Test')
      // The same form with a real token goes through.
      const ok = await client.post('/compte', { display_name: 'Camille Modifiée', locale: 'en' })
      assert.equal(ok.statusCode, 303)
      const changed = await t.db.selectFrom('users').select(['display_name', 'locale']).where('id', '=', user.id).executeTakeFirstOrThrow()
      assert.deepEqual(changed, { display_name: 'Camille Modifiée', locale: 'en' })
    })

    test('changing the password checks the current one and ends the other sessions', async () => {
      const a = new Client(t.app)
      await a.signUp('password@example.org')
      const b = new Client(t.app)
      await b.signIn('password@example.org')
      const wrong = await a.post('/compte/mot-de-passe', { current_password: 'faux mot de passe', new_password: 'un nouveau mot de passe' })
      assert.equal(wrong.statusCode, 400)
      assert.match(textOf(wrong.body), /Le mot de passe actuel est incorrect/)
      const ok = await a.post('/compte/mot-de-passe', { current_password: 'un mot de passe très long', new_password: 'un nouveau mot de passe' })
      assert.equal(ok.statusCode, 303)
      assert.equal((await a.get('/compte')).statusCode, 200)
      assert.equal((await b.get('/compte')).statusCode, 303)
      const c = new Client(t.app)
      assert.equal((await c.signIn('password@example.org', 'un nouveau mot de passe')).statusCode, 303)
    })

    test('the return path after sign-in is local only (no open redirect)', async () => {
      const client = new Client(t.app)
      await client.signUp('retour@example.org')
      await client.post('/deconnexion')
      const res = await client.post('/connexion', { email: 'retour@example.org', password: 'un mot de passe très long', retour: '//evil.example/' })
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, '/mon-espace')
    })

    test('the return path is read as a browser reads it: tabs, newlines, backslashes never lead off-site, never a 5xx', async () => {
      const client = new Client(t.app)
      await client.signUp('retour2@example.org')
      // Decoded values of `retour=/%09/evil.example/phish`, `/%0a/x`, `/%0d/x`, `\\evil`, `/\\evil`, U+2028, NUL…
      const hostile = ['/\t/evil.example/phish', '/\n/x', '/\r/x', '\\evil', '\\\\evil', '/\\evil.example', '/\u2028/x', '/\u0000/x', 'https://evil.example/', ' //evil.example', '/' + 'a'.repeat(3000)]
      for (const retour of hostile) {
        await client.post('/deconnexion')
        const res = await client.post('/connexion', { email: 'retour2@example.org', password: 'un mot de passe très long', retour })
        assert.equal(res.statusCode, 303, JSON.stringify(retour))
        assert.equal(res.headers.location, '/mon-espace', JSON.stringify(retour))
        // The form shown again (a wrong password) carries the safe path, not the hostile one.
        await client.post('/deconnexion')
        const refused = await client.post('/connexion', { email: 'retour2@example.org', password: 'pas le bon mot de passe', retour })
        assert.equal(refused.statusCode, 401, JSON.stringify(retour))
        assert.match(refused.body, /name="retour" value="\/mon-espace"/)
        const page = await client.get(`/connexion?retour=${encodeURIComponent(retour)}`)
        assert.ok(page.statusCode < 500, JSON.stringify(retour))
        assert.match(page.body, /name="retour" value="\/mon-espace"/)
      }
      // A path of this site (with its query) is followed.
      await client.post('/deconnexion')
      const local = await client.post('/connexion', { email: 'retour2@example.org', password: 'un mot de passe très long', retour: '/acteurs?q=jardin' })
      assert.equal(local.headers.location, '/acteurs?q=jardin')
    })
  })
}

describe('authentication rate limit', () => {
  const dialect = DIALECTS[0]!
  let t: TestApp
  before(async () => {
    t = await buildTestApp(dialect, { ALLIANCE_RATE_LIMIT: '1' })
  })
  after(() => t.close())

  test('sign-in attempts from one address are limited (429 with Retry-After), other addresses are not', async () => {
    const client = new Client(t.app, '10.0.0.7')
    const token = await client.csrf()
    let last = 0
    for (let i = 0; i < 21; i++) {
      const res = await client.post('/connexion', { email: 'x@example.org', password: 'pas le bon mot de passe' }, { csrf: token })
      last = res.statusCode
      if (res.statusCode === 429) {
        assert.ok(res.headers['retry-after'])
        assert.match(textOf(res.body), /Trop de tentatives/)
        break
      }
    }
    assert.equal(last, 429)
    const other = new Client(t.app, '10.0.0.8')
    const res = await other.post('/connexion', { email: 'x@example.org', password: 'pas le bon mot de passe' })
    assert.equal(res.statusCode, 401)
  })
})
