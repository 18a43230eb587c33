/**
 * The rights matrix of notifications: every route × {anonymous, member, organisation admin, platform admin} on
 * both databases. Each person reads, opens and sets the pace of their own notifications (another person's
 * notification is a 404); the unsubscribe link is its own authorisation (anyone holding it, no session).
 * Refusals change no row; marking read and opening are the accepted writes, sent after the refusals.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, TEST_SESSION_SECRET, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { buildRightsWorld, everyone, inventoryRoutes, own, runRightsMatrix, type RightsRow, type RightsWorld } from '../../../test/helpers/rights.js'
import { unsubscribeToken } from '../../core/mail/unsubscribe.js'
import { allianceInvited } from '../alliances/index.js'
import { RIGHTS_ROUTES } from './notifications.rights.js'
import { notify } from './notifications.service.js'

for (const dialect of DIALECTS) {
  describe(`notifications rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: RightsWorld
    let notificationId: string
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildRightsWorld(t, 'notes')
      await notify(t.db, allianceInvited, { userIds: [w.userIds.member] }, { params: { alliance: 'Alliance des jardins', organisation: 'Les Jardins' }, link: '/mon-espace' })
      notificationId = (await t.db.selectFrom('notifications').select('id').where('user_id', '=', w.userIds.member).executeTakeFirstOrThrow()).id
    })
    after(() => t.close())

    const snapshot = async () =>
      JSON.stringify({
        notifications: await t.db.selectFrom('notifications').select(['id', 'read_at']).orderBy('id').execute(),
        preferences: await t.db.selectFrom('notification_preferences').selectAll().orderBy('user_id').orderBy('kind').execute(),
      })

    const rows = (): RightsRow[] => {
      const token = unsubscribeToken(TEST_SESSION_SECRET, w.userIds.member, allianceInvited.key)
      return [
        { route: 'GET /notifications', path: '/notifications', expect: own(200) },
        { route: 'GET /notifications/preferences', path: '/notifications/preferences', expect: own(200) },
        { route: 'POST /notifications/preferences', path: '/notifications/preferences', body: { [`pace.${allianceInvited.key}`]: 'parfois' }, expect: own(400) },
        { route: 'GET /desabonnement/:token', path: `/desabonnement/${token}`, expect: everyone(200) },
        { route: 'POST /desabonnement/:token', path: `/desabonnement/${token}`, body: { 'List-Unsubscribe': 'Two-Clicks' }, expect: everyone(400) },
        // Accepted writes, each on the person's own notifications.
        { route: 'GET /notifications/:id/ouvrir', path: `/notifications/${notificationId}/ouvrir`, expect: { anonymous: 303, member: 303, orgAdmin: 404, platformAdmin: 404 } },
        { route: 'POST /notifications/lues', path: '/notifications/lues', expect: own(303) },
      ]
    }

    test('the matrix covers every route of notifications', () => {
      assert.deepEqual(rows().map((r) => r.route).sort(), [...RIGHTS_ROUTES].sort())
      assert.deepEqual([...RIGHTS_ROUTES].sort(), inventoryRoutes(t, /^[A-Z]+ \/(notifications|desabonnement)/))
    })

    test('every cell answers as expected, and refused requests change nothing', async () => {
      assert.deepEqual(await runRightsMatrix(w, rows(), snapshot), [])
      const opened = await t.db.selectFrom('notifications').select('read_at').where('id', '=', notificationId).executeTakeFirstOrThrow()
      assert.notEqual(opened.read_at, null, 'its owner opened it')
      assert.equal((await t.db.selectFrom('notification_preferences').selectAll().execute()).length, 0, 'no pace was stored by an invalid post')
    })
  })
}
