/**
 * Notifications on both databases: the in-app line and its unread count, the e-mail at each person's pace
 * (at once, daily digest, never), the preferences page (authentication, invalid input, saving), the daily
 * digest sent once, one-click unsubscribe (RFC 8058), and kinds declared once.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { makeOrganisation, type TestOrganisation } from '../../../test/helpers/listening.js'
import { enqueueJob } from '../../core/jobs/jobs.js'
import { renderStoredMail } from '../../core/mail/mail.jobs.js'
import { allianceInvited, charterToSign } from '../alliances/index.js'
import { kindRegistry, notificationKind } from './notifications.kinds.js'
import { notify, setPaces } from './notifications.service.js'

for (const dialect of DIALECTS) {
  describe(`notifications [${dialect.name}]`, () => {
    let t: TestApp
    let org: TestOrganisation
    let person: Client
    before(async () => {
      t = await buildTestApp(dialect)
      person = new Client(t.app)
      await person.signUp('notifiee@example.org')
      org = await makeOrganisation(t.db, 'Les Jardins partagés', 'association', '94080')
      const user = await t.db.selectFrom('users').select('id').where('email', '=', 'notifiee@example.org').executeTakeFirstOrThrow()
      await t.db.insertInto('memberships').values({ user_id: user.id, organisation_id: org.id, role: 'admin', created_at: new Date().toISOString() }).execute()
    })
    after(() => t.close())

    const userId = async () => (await t.db.selectFrom('users').select('id').where('email', '=', 'notifiee@example.org').executeTakeFirstOrThrow()).id
    const mailsTo = (template: string) => t.db.selectFrom('mail_messages').selectAll().where('recipient', '=', 'notifiee@example.org').where('template', '=', template).execute()

    test('requires authentication: preferences and notifications redirect to sign-in', async () => {
      const anonymous = new Client(t.app)
      for (const url of ['/notifications', '/notifications/preferences']) {
        const res = await anonymous.get(url)
        assert.equal(res.statusCode, 303)
        assert.match(String(res.headers.location), /^\/connexion/)
      }
      const post = await anonymous.post('/notifications/preferences', { 'pace.alliances.invited': 'never' })
      assert.equal(post.statusCode, 303)
      assert.equal((await t.db.selectFrom('notification_preferences').selectAll().execute()).length, 0)
    })

    test('rejects invalid input: an unknown pace names the field and stores nothing', async () => {
      const res = await person.post('/notifications/preferences', { 'pace.alliances.invited': 'parfois' })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /href="#champ-pace-alliances-invited"/)
      assert.equal((await t.db.selectFrom('notification_preferences').selectAll().execute()).length, 0)
    })

    test('happy path: an act notifies the organisation’s admins in the app and by e-mail at once; opening marks it read', async () => {
      const count = await t.db.transaction().execute((trx) => notify(trx, allianceInvited, { organisationId: org.id }, { params: { inviter: 'Dominique', organisation: 'Les Jardins partagés', alliance: 'Bois & Marne' }, link: '/mon-espace', exceptUserId: org.actor.userId }))
      assert.equal(count, 1, 'the acting person (the other admin) is not notified of their own act')
      const page = await person.get('/notifications')
      assert.match(textOf(page.body), /Les Jardins partagés est invitée par Dominique à rejoindre l’alliance « Bois & Marne »/)
      assert.match(page.body, /class="badge badge-count">1</)
      const mails = await mailsTo('alliances.mail.invited')
      assert.equal(mails.length, 1)
      assert.equal(mails[0]!.unsubscribe_kind, 'alliances.invited')
      const id = /href="\/notifications\/([0-9a-f-]{36})\/ouvrir"/.exec(page.body)?.[1] as string
      const opened = await person.get(`/notifications/${id}/ouvrir`)
      assert.deepEqual([opened.statusCode, opened.headers.location], [303, '/mon-espace'])
      assert.doesNotMatch((await person.get('/notifications')).body, /class="badge badge-count"/)
      assert.equal((await new Client(t.app).get(`/notifications/${id}/ouvrir`)).statusCode, 303, 'anonymous: sign in first')
      const stranger = new Client(t.app)
      await stranger.signUp('etrangere@example.org')
      assert.equal((await stranger.get(`/notifications/${id}/ouvrir`)).statusCode, 404)
    })

    test('daily pace: no e-mail at once, one digest listing the lines, sent once; never: no e-mail at all', async () => {
      const saved = await person.post('/notifications/preferences', { 'pace.alliances.charter-to-sign': 'daily', 'pace.alliances.invited': 'never' })
      assert.equal(saved.statusCode, 303)
      const me = await userId()
      for (const version of [2, 3]) {
        await notify(t.db, charterToSign, { organisationId: org.id }, { params: { alliance: 'Bois & Marne', version, organisation: 'Les Jardins partagés' }, link: '/alliances/x/charte' })
      }
      await notify(t.db, allianceInvited, { userIds: [me] }, { params: { inviter: 'Claude', organisation: 'Les Jardins partagés', alliance: 'Autre alliance' }, link: '/mon-espace' })
      assert.equal((await mailsTo('alliances.mail.charter')).length, 0)
      assert.equal((await mailsTo('alliances.mail.invited')).length, 1, 'never: no new e-mail')
      assert.equal((await t.db.selectFrom('notifications').select('id').where('user_id', '=', me).where('mail_state', '=', 'digest').execute()).length, 2)
      await enqueueJob(t.db, 'notifications.daily-digest', {}, { key: 'test-1' })
      await enqueueJob(t.db, 'notifications.daily-digest', {}, { key: 'test-2' })
      await t.drainJobs()
      const digests = await mailsTo('notifications.mail.digest')
      assert.equal(digests.length, 1, 'two runs, one digest')
      assert.equal(digests[0]!.unsubscribe_kind, 'notifications.digest')
      const rendered = renderStoredMail({ i18n: t.app.runtime.i18n, publicUrl: 'http://alliance.test', secret: 'test-secret-'.padEnd(48, 'x') }, digests[0]!)
      assert.equal(rendered.subject, 'Alliance : 2 nouvelles notifications')
      assert.match(rendered.text, /- Nouvelle version 2 de la charte de « Bois & Marne » à signer : http:\/\/alliance\.test\/alliances\/x\/charte/)
      assert.match(rendered.text, /- Nouvelle version 3 de la charte/)
      assert.match(rendered.html, /<li[^>]*><a href="http:\/\/alliance\.test\/alliances\/x\/charte"/)
    })

    test('one-click unsubscribe: the signed link sets the kind to never, without a session or a CSRF token', async () => {
      await setPaces(t.db, await userId(), [{ kind: 'alliances.invited', pace: 'immediate' }])
      await notify(t.db, allianceInvited, { organisationId: org.id }, { params: { inviter: 'Claude', organisation: 'Les Jardins partagés', alliance: 'Troisième' }, link: '/mon-espace' })
      await t.drainJobs()
      const mail = (await mailsTo('alliances.mail.invited')).at(-1)!
      const { unsubscribeUrl } = renderStoredMail({ i18n: t.app.runtime.i18n, publicUrl: 'http://alliance.test', secret: 'test-secret-'.padEnd(48, 'x') }, mail)
      const path = String(unsubscribeUrl).replace('http://alliance.test', '')
      assert.equal((await new Client(t.app).get(path)).statusCode, 200)
      const oneClick = await t.app.inject({ method: 'POST', url: path, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(oneClick.statusCode, 200)
      const pref = await t.db.selectFrom('notification_preferences').select('pace').where('user_id', '=', await userId()).where('kind', '=', 'alliances.invited').executeTakeFirstOrThrow()
      assert.equal(pref.pace, 'never')
      const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
      assert.equal((await t.app.inject({ method: 'POST', url: forged, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode, 404)
      assert.equal((await new Client(t.app).get('/desabonnement/pas-un-jeton')).statusCode, 404)
    })
  })
}

describe('notification kinds', () => {
  test('a key is declared once, in the form feature.what', () => {
    assert.throws(() => notificationKind({ key: 'Pas Bonne', audience: 'people', message: 'm', mail: 'm', label: 'notifications.digest.label', defaultPace: 'immediate' }))
    assert.throws(() => kindRegistry([allianceInvited, allianceInvited]), /deux fois/)
    assert.equal(kindRegistry([allianceInvited, charterToSign]).size, 2)
  })
})
