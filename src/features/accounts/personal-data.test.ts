/**
 * A person's rights over their account (RGPD): the export gathers what every feature keeps about them and no
 * secret; the erasure needs the password, is refused while they are an organisation's only admin, removes the
 * account with what hangs on it, and leaves what they wrote for organisations without their name.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { newId, nowIso } from '../../core/db/values.js'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { addMember, insertOrganisation, userId } from '../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

const PASSWORD = 'un mot de passe très long'

for (const dialect of DIALECTS) {
  describe(`personal data [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
    })
    after(() => t.close())

    /** A person who is a member of one organisation (whose admin is someone else) and the admin of another. */
    async function person(email: string) {
      const client = new Client(t.app)
      await client.signUp(email, PASSWORD, 'Dominique Donnée')
      const id = await userId(t.db, email)
      const adminClient = new Client(t.app)
      const adminEmail = `admin-${email}`
      await adminClient.signUp(adminEmail)
      const shared = await insertOrganisation(t.db, `Association partagée ${email}`, 'association')
      await addMember(t.db, await userId(t.db, adminEmail), shared, 'admin')
      await addMember(t.db, id, shared, 'member')
      const own = await insertOrganisation(t.db, `Collectif de ${email}`, 'association')
      await addMember(t.db, id, own, 'admin')
      await t.db.updateTable('organisations').set({ created_by: id }).where('id', '=', own).execute()
      const now = nowIso()
      await t.db.insertInto('notifications').values({ id: newId(), user_id: id, message_key: 'notifications.test', params: '{"n":1}', link: null, created_at: now, read_at: null }).execute()
      await t.db.insertInto('mail_messages').values({ id: newId(), recipient: email, user_id: null, locale: 'fr', template: 'organisations.mail.inviteMember', params: '{}', unsubscribe_kind: null, status: 'queued', subject: null, attempts: 0, last_error: null, transport: null, created_at: now, sent_at: null }).execute()
      await t.db
        .insertInto('invitations')
        .values({ id: newId(), organisation_id: shared, email, role: 'member', token_hash: newId(), invited_by: null, created_at: now, expires_at: '2999-01-01T00:00:00.000Z', accepted_at: null, accepted_by: null, revoked_at: null })
        .execute()
      return { client, id, shared, own }
    }

    test('both routes require authentication; an anonymous erasure changes nothing', async () => {
      const p = await person('anonyme@example.org')
      const anonymous = new Client(t.app)
      const download = await anonymous.get('/compte/mes-donnees')
      assert.equal(download.statusCode, 303)
      assert.match(String(download.headers.location), /^\/connexion/)
      assert.equal((await anonymous.get('/compte/supprimer')).statusCode, 303)
      assert.equal((await anonymous.post('/compte/supprimer', { password: PASSWORD })).statusCode, 303)
      assert.ok(await t.db.selectFrom('users').select('id').where('id', '=', p.id).executeTakeFirst())
    })

    test('the export holds every part, as an attachment, and no password or token hash', async () => {
      const p = await person('export@example.org')
      const res = await p.client.get('/compte/mes-donnees')
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /^application\/json/)
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="alliance-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/)
      assert.equal(res.headers['cache-control'], 'no-store')
      const data = res.json() as Record<string, Array<Record<string, unknown>>>
      assert.equal(data.compte?.[0]?.email, 'export@example.org')
      assert.deepEqual(data.adhesions?.map((a) => a.role).sort(), ['admin', 'member'])
      assert.equal(data.notifications?.[0]?.message_key, 'notifications.test')
      assert.deepEqual(data.notifications?.[0]?.params, { n: 1 })
      assert.ok(data.messages_envoyes?.some((m) => m.template === 'organisations.mail.inviteMember'))
      assert.equal(data.invitations_recues?.length, 1)
      assert.ok(data.journal_de_securite?.some((e) => e.kind === 'email-verified'))
      assert.ok((data.sessions?.length ?? 0) >= 1)
      for (const key of ['demandes_de_mise_en_relation', 'messages_de_mise_en_relation', 'signatures_de_charte', 'entrees_de_journal', 'contributions_enregistrees', 'reponses_aux_enquetes']) {
        assert.ok(Array.isArray(data[key]), key)
      }
      assert.doesNotMatch(res.body, /argon2|password_hash|token_hash/)
    })

    test('the only admin of an organisation is told whom to appoint, and the erasure is refused (409, nothing erased)', async () => {
      const p = await person('seul-admin@example.org')
      const page = await p.client.get('/compte/supprimer')
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /seul administrateur de : Collectif de seul-admin@example\.org/)
      assert.doesNotMatch(page.body, /name="password"/)
      const res = await p.client.post('/compte/supprimer', { password: PASSWORD })
      assert.equal(res.statusCode, 409)
      assert.ok(await t.db.selectFrom('users').select('id').where('id', '=', p.id).executeTakeFirst())
      assert.equal((await t.db.selectFrom('memberships').select('user_id').where('user_id', '=', p.id).execute()).length, 2)
    })

    test('a wrong or missing password is refused with a message, and nothing is erased', async () => {
      const p = await person('mauvais@example.org')
      await t.db.deleteFrom('memberships').where('user_id', '=', p.id).where('organisation_id', '=', p.own).execute()
      const empty = await p.client.post('/compte/supprimer', { password: '' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /href="#champ-password"/)
      const wrong = await p.client.post('/compte/supprimer', { password: 'pas le bon mot de passe' })
      assert.equal(wrong.statusCode, 400)
      assert.match(textOf(wrong.body), /mot de passe actuel est incorrect/)
      assert.ok(await t.db.selectFrom('users').select('id').where('id', '=', p.id).executeTakeFirst())
    })

    test('erasing: the account and what hangs on it go; what was written for organisations stays, unnamed', async () => {
      const p = await person('efface@example.org')
      // Another admin is named for the person's own organisation, so the erasure may proceed.
      const other = new Client(t.app)
      await other.signUp('releve@example.org')
      await addMember(t.db, await userId(t.db, 'releve@example.org'), p.own, 'admin')
      const res = await p.client.post('/compte/supprimer', { password: PASSWORD })
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, '/')
      assert.equal(await t.db.selectFrom('users').select('id').where('id', '=', p.id).executeTakeFirst(), undefined)
      assert.equal((await t.db.selectFrom('memberships').select('user_id').where('user_id', '=', p.id).execute()).length, 0)
      assert.equal((await t.db.selectFrom('sessions').select('id').where('user_id', '=', p.id).execute()).length, 0)
      assert.equal((await t.db.selectFrom('notifications').select('id').where('user_id', '=', p.id).execute()).length, 0)
      assert.equal((await t.db.selectFrom('mail_messages').select('id').where('recipient', '=', 'efface@example.org').execute()).length, 0)
      assert.equal((await t.db.selectFrom('invitations').select('id').where('email', '=', 'efface@example.org').execute()).length, 0)
      const own = await t.db.selectFrom('organisations').select(['name', 'created_by']).where('id', '=', p.own).executeTakeFirstOrThrow()
      assert.deepEqual(own, { name: 'Collectif de efface@example.org', created_by: null })
      // The browser's session is over.
      const after = await p.client.get('/compte')
      assert.equal(after.statusCode, 303)
      assert.match(String(after.headers.location), /^\/connexion/)
      // The address is free again.
      const again = new Client(t.app)
      assert.equal((await again.signUp('efface@example.org')).statusCode, 303)
    })
  })
}
