/**
 * The operators' console: each route × {anonymous, signed-in person, platform admin}, refusals changing
 * nothing; invalid input answers 400; a dead e-mail job is listed and replayed; messages written to the log
 * are listed and read as their recipient reads them.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, giveSecondFactor, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { attachJobs, resolveSpec } from '../../core/jobs/jobs.js'
import { MAIL_JOB } from '../../core/mail/mail.jobs.js'
import { MAIL_QUEUE, queueMail } from '../../core/mail/outbox.js'
import { ensurePlatformAdmin } from '../accounts/index.js'

for (const dialect of DIALECTS) {
  describe(`operations console [${dialect.name}]`, () => {
    let t: TestApp
    let admin: Client
    let person: Client
    let anonymous: Client
    let mailId: string
    let deadId: string

    before(async () => {
      // An unreachable SMTP server: every attempt fails.
      t = await buildTestApp(dialect, { SMTP_URL: 'smtp://127.0.0.1:9' })
      await ensurePlatformAdmin(t.db, { email: 'ops@example.org', password: 'un mot de passe très long', displayName: 'Opératrice' })
      await giveSecondFactor(t.db, 'ops@example.org')
      admin = new Client(t.app)
      assert.equal((await admin.signIn('ops@example.org')).statusCode, 303)
      person = new Client(t.app)
      await person.signUp('personne@example.org')
      anonymous = new Client(t.app)
      const quick = { ...MAIL_JOB, retryLimit: 0 }
      await t.app.runtime.store.install([resolveSpec(quick)])
      attachJobs(t.db, t.app.runtime.store, [quick, ...t.app.runtime.definitions.filter((d) => d.name !== MAIL_QUEUE)], t.app.runtime.bus)
      mailId = await queueMail(t.db, { to: 'destinataire@example.org', locale: 'fr', template: 'organisations.mail.inviteMember', params: { inviter: 'Claude', organisation: 'Les Jardins', days: 14 } })
      await t.drainJobs()
      deadId = (await t.app.runtime.store.listDead(10, 0)).rows.find((j) => (j.payload as { id: string }).id === mailId)!.id
    })
    after(() => t.close())

    const state = async () => JSON.stringify([await t.app.runtime.store.listDead(100, 0), await t.db.selectFrom('mail_messages').selectAll().orderBy('id').execute()])

    test('requires authentication; anyone but a platform admin gets 404, and nothing changes', async () => {
      const before = await state()
      const routes: Array<[string, string]> = [
        ['GET', '/admin/taches'],
        ['GET', '/admin/courriels'],
        ['GET', `/admin/courriels/${mailId}`],
        ['POST', `/admin/taches/${MAIL_QUEUE}/${deadId}/rejouer`],
      ]
      for (const [method, url] of routes) {
        const anon = method === 'GET' ? await anonymous.get(url) : await anonymous.post(url)
        assert.equal(anon.statusCode, 303, `${method} ${url} anonymous`)
        assert.match(String(anon.headers.location), /^\/connexion/)
        const other = method === 'GET' ? await person.get(url) : await person.post(url)
        assert.equal(other.statusCode, 404, `${method} ${url} signed-in non-admin`)
      }
      assert.equal(await state(), before)
    })

    test('rejects invalid input', async () => {
      // A page's invalid filter is dropped and named; the valid ones are kept.
      const filtered = await admin.get('/admin/courriels?statut=nope&page=1')
      assert.equal(filtered.statusCode, 200)
      assert.match(textOf(filtered.body), /1 paramètre de l’adresse n’est pas valide|Un paramètre de l’adresse n’est pas valide/)
      assert.match(textOf(filtered.body), /« statut » : Choisissez une des valeurs proposées/)
      const paged = await admin.get('/admin/taches?page=0')
      assert.equal(paged.statusCode, 200)
      assert.match(textOf(paged.body), /« page » : La valeur doit être au moins 1/)
      // Past the last page: an empty page, with the totals.
      const past = await admin.get('/admin/courriels?page=999')
      assert.equal(past.statusCode, 200)
      assert.doesNotMatch(textOf(past.body), /destinataire@example\.org/)
      assert.equal((await admin.get('/admin/courriels/pas-un-id')).statusCode, 404)
      const before = await state()
      assert.equal((await admin.post(`/admin/taches/${MAIL_QUEUE}/0190b3c4-0000-7000-8000-000000000001/rejouer`)).statusCode, 404)
      assert.equal(await state(), before)
    })

    test('a dead e-mail job is listed with its error and replayed; the message is listed and readable', async () => {
      const jobs = await admin.get('/admin/taches')
      assert.equal(jobs.statusCode, 200)
      const text = textOf(jobs.body)
      assert.match(text, /\d+ tâches? mortes?/)
      assert.match(text, /mail\.send/)
      assert.match(text, /ECONNREFUSED|connect/i)
      const list = await admin.get('/admin/courriels?statut=failed')
      assert.equal(list.statusCode, 200)
      assert.match(textOf(list.body), /destinataire@example\.org/)
      assert.match(textOf(list.body), /échec/)
      const one = await admin.get(`/admin/courriels/${mailId}`)
      assert.equal(one.statusCode, 200)
      assert.match(textOf(one.body), /Claude vous invite à rejoindre « Les Jardins » sur Alliance, comme membre/)
      const replay = await admin.post(`/admin/taches/${MAIL_QUEUE}/${deadId}/rejouer`)
      assert.equal(replay.statusCode, 303)
      const dead = await t.app.runtime.store.listDead(10, 0)
      assert.ok(!dead.rows.some((j) => j.id === deadId), 'no longer dead')
      const counts = await t.app.runtime.store.counts()
      assert.ok((counts[MAIL_QUEUE]?.waiting ?? 0) >= 1, 'the job waits for its run')
      assert.match(textOf((await admin.get('/admin/taches')).body), /La tâche est relancée/)
    })
  })
}
