/**
 * The rights matrix of the operators' console: every route × {anonymous, member, organisation admin, platform
 * admin} on both databases. Platform admins only (with their second factor); anyone else signed in gets a 404,
 * and nothing changes. A job or a claim that does not exist is a 404 for the platform admin too; verifying an
 * organisation's identifiers is the accepted write, sent after the refusals.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { buildRightsWorld, inventoryRoutes, platformAdminOnly, runRightsMatrix, type RightsRow, type RightsWorld } from '../../../test/helpers/rights.js'
import { MAIL_QUEUE, queueMail } from '../../core/mail/outbox.js'
import { RIGHTS_ROUTES } from './operations.rights.js'

const UNKNOWN = '0190b3c4-0000-7000-8000-0000000000aa'

for (const dialect of DIALECTS) {
  describe(`operations rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: RightsWorld
    let mailId: string
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildRightsWorld(t, 'console')
      mailId = await queueMail(t.db, { to: 'lecteur@example.org', locale: 'fr', template: 'organisations.mail.inviteMember', params: { inviter: 'Claude', organisation: 'Les Jardins', days: 14, link: '/invitations/x' } })
    })
    after(() => t.close())

    const snapshot = async () =>
      JSON.stringify({
        organisations: await t.db.selectFrom('organisations').selectAll().orderBy('id').execute(),
        mail: await t.db.selectFrom('mail_messages').select(['id', 'status', 'attempts']).orderBy('id').execute(),
        jobs: await t.app.runtime.store.counts(),
      })

    const rows = (): RightsRow[] => [
      { route: 'GET /admin/taches', path: '/admin/taches', expect: platformAdminOnly(200) },
      { route: 'POST /admin/taches/:queue/:id/rejouer', path: `/admin/taches/${MAIL_QUEUE}/${UNKNOWN}/rejouer`, expect: platformAdminOnly(404) },
      { route: 'GET /admin/courriels', path: '/admin/courriels?statut=queued', expect: platformAdminOnly(200) },
      { route: 'GET /admin/courriels/:id', path: `/admin/courriels/${mailId}`, expect: platformAdminOnly(200) },
    ]

    test('the matrix covers every route of the console', () => {
      assert.deepEqual(rows().map((r) => r.route).sort(), [...RIGHTS_ROUTES].sort())
      assert.deepEqual([...RIGHTS_ROUTES].sort(), inventoryRoutes(t, /^[A-Z]+ \/admin\/(taches|courriels)/))
    })

    test('every cell answers as expected, and refused requests change nothing', async () => {
      assert.deepEqual(await runRightsMatrix(w, rows(), snapshot), [])
    })
  })
}
