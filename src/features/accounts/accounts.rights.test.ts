/**
 * The rights matrix of accounts: every route × {anonymous, member, organisation admin, platform admin} on both
 * databases. Getting in is public; one's account and security are one's own (another person's session is a
 * 404); every account's security log is for platform admins only. Refusals change no row.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { buildRightsWorld, everyone, inventoryRoutes, own, platformAdminOnly, runRightsMatrix, type RightsRow, type RightsWorld } from '../../../test/helpers/rights.js'
import { RIGHTS_ROUTES } from './accounts.rights.js'

const NO_TOKEN = 'a'.repeat(43)

for (const dialect of DIALECTS) {
  describe(`accounts rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: RightsWorld
    let otherSession: string
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildRightsWorld(t, 'comptes')
      // A second session of the organisation admin (another browser): only its owner may close it.
      await w.fresh('orgAdmin')
      const row = await t.db.selectFrom('sessions').select(['id', 'created_at']).where('user_id', '=', w.userIds.orgAdmin).orderBy('created_at', 'desc').orderBy('id').executeTakeFirstOrThrow()
      otherSession = row.id
    })
    after(() => t.close())

    const snapshot = async () => {
      const users = await t.db.selectFrom('users').select(['id', 'email', 'password_hash', 'display_name', 'locale', 'totp_enabled_at', 'email_verified_at']).orderBy('id').execute()
      const counts = await Promise.all(
        (['sessions', 'account_tokens', 'recovery_codes', 'mail_messages', 'security_events'] as const).map(async (table) => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)),
      )
      return JSON.stringify({ users, counts })
    }

    const rows = (): RightsRow[] => [
      { route: 'GET /inscription', path: '/inscription', expect: everyone(303, 200) },
      { route: 'POST /inscription', path: '/inscription', body: { email: 'pas-une-adresse' }, expect: everyone(400) },
      { route: 'GET /inscription/verifiez', path: '/inscription/verifiez', expect: everyone(200) },
      { route: 'GET /inscription/confirmer/:token', path: `/inscription/confirmer/${NO_TOKEN}`, expect: everyone(410) },
      { route: 'POST /inscription/confirmer/:token', path: `/inscription/confirmer/${NO_TOKEN}`, expect: everyone(410) },
      { route: 'GET /connexion', path: '/connexion', expect: everyone(303, 200) },
      { route: 'POST /connexion', path: '/connexion', body: { email: 'pas-une-adresse', password: '' }, expect: everyone(400) },
      { route: 'GET /connexion/code', path: '/connexion/code', expect: everyone(303) },
      { route: 'POST /connexion/code', path: '/connexion/code', body: { code: '1' }, expect: everyone(400) },
      { route: 'POST /deconnexion', path: '/deconnexion', expect: everyone(303), fresh: true },
      { route: 'GET /mot-de-passe-oublie', path: '/mot-de-passe-oublie', expect: everyone(200) },
      { route: 'POST /mot-de-passe-oublie', path: '/mot-de-passe-oublie', body: { email: 'pas-une-adresse' }, expect: everyone(400) },
      { route: 'GET /mot-de-passe-oublie/envoye', path: '/mot-de-passe-oublie/envoye', expect: everyone(200) },
      { route: 'GET /mot-de-passe-oublie/:token', path: `/mot-de-passe-oublie/${NO_TOKEN}`, expect: everyone(410) },
      { route: 'POST /mot-de-passe-oublie/:token', path: `/mot-de-passe-oublie/${NO_TOKEN}`, body: { password: 'court' }, expect: everyone(410) },
      { route: 'GET /compte', path: '/compte', expect: own(200) },
      { route: 'POST /compte', path: '/compte', body: { display_name: '', locale: 'de' }, expect: own(400) },
      { route: 'POST /compte/mot-de-passe', path: '/compte/mot-de-passe', body: { current_password: '', new_password: 'court' }, expect: own(400) },
      { route: 'GET /compte/mes-donnees', path: '/compte/mes-donnees', expect: own(200) },
      { route: 'GET /compte/supprimer', path: '/compte/supprimer', expect: own(200) },
      { route: 'POST /compte/supprimer', path: '/compte/supprimer', body: { password: '' }, expect: own(400) },
      { route: 'GET /compte/securite', path: '/compte/securite', expect: own(200) },
      // The platform admin has a second factor already: the setup page sends them back to the overview.
      { route: 'GET /compte/securite/totp', path: '/compte/securite/totp', expect: { ...own(200), platformAdmin: 303 } },
      { route: 'POST /compte/securite/totp', path: '/compte/securite/totp', body: { code: '' }, expect: { ...own(400), platformAdmin: 303 } },
      { route: 'POST /compte/securite/codes', path: '/compte/securite/codes', body: { password: '', code: '' }, expect: own(400) },
      { route: 'POST /compte/securite/totp/desactiver', path: '/compte/securite/totp/desactiver', body: { password: '', code: '' }, expect: own(400) },
      // Another person's session is a 404 for everyone but its owner, who closes it (sent last).
      { route: 'POST /compte/sessions/:id/fermer', path: `/compte/sessions/${otherSession}/fermer`, expect: { anonymous: 303, member: 404, platformAdmin: 404, orgAdmin: 303 } },
      { route: 'GET /compte/securite/journal', path: '/compte/securite/journal', expect: own(200) },
      { route: 'GET /admin/securite', path: '/admin/securite', expect: platformAdminOnly(200) },
    ]

    test('the matrix covers every route of accounts', () => {
      assert.deepEqual(rows().map((r) => r.route).sort(), [...RIGHTS_ROUTES].sort())
      const inventory = inventoryRoutes(t, /^[A-Z]+ \/(inscription|connexion|deconnexion|mot-de-passe-oublie|compte|admin\/securite)/)
      assert.deepEqual([...RIGHTS_ROUTES].sort(), inventory)
    })

    test('every cell answers as expected, and refused requests change nothing', async () => {
      assert.deepEqual(await runRightsMatrix(w, rows(), snapshot), [])
      // The owner's close went through: that session is gone.
      assert.equal(await t.db.selectFrom('sessions').select('id').where('id', '=', otherSession).executeTakeFirst(), undefined)
    })
  })
}
