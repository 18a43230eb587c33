/**
 * Members pages on both databases: a member or an invitation of another organisation named in the URL of one's
 * own organisation answers 404 and changes nothing, a malformed id too.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, type TestApp } from '../../../test/helpers/app.js'
import { addMember, insertOrganisation, userId } from '../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

for (const dialect of DIALECTS) {
  describe(`members of another organisation [${dialect.name}]`, () => {
    let t: TestApp
    let admin: Client
    let mine: string
    let theirs: string
    before(async () => {
      t = await buildTestApp(dialect)
      admin = new Client(t.app)
      await admin.signUp('m-admin@example.org')
      const other = new Client(t.app)
      await other.signUp('m-other@example.org')
      mine = await insertOrganisation(t.db, 'La mienne', 'association')
      theirs = await insertOrganisation(t.db, 'La leur', 'association')
      await addMember(t.db, await userId(t.db, 'm-admin@example.org'), mine, 'admin')
      await addMember(t.db, await userId(t.db, 'm-other@example.org'), theirs, 'admin')
      const theirAdmin = new Client(t.app)
      await theirAdmin.signIn('m-other@example.org')
      assert.equal((await theirAdmin.post(`/acteurs/${theirs}/invitations`, { email: 'invite@example.org', role: 'member' })).statusCode, 201)
    })
    after(() => t.close())

    const state = async () => JSON.stringify([await t.db.selectFrom('memberships').selectAll().orderBy('user_id').execute(), await t.db.selectFrom('invitations').selectAll().orderBy('id').execute()])

    test('acting on a member or an invitation of another organisation through one’s own answers 404', async () => {
      const before = await state()
      const otherUser = await userId(t.db, 'm-other@example.org')
      const invitation = (await t.db.selectFrom('invitations').select('id').where('organisation_id', '=', theirs).executeTakeFirstOrThrow()).id
      assert.equal((await admin.post(`/acteurs/${mine}/membres/${otherUser}/role`, { role: 'member' })).statusCode, 404)
      assert.equal((await admin.post(`/acteurs/${mine}/membres/${otherUser}/retirer`)).statusCode, 404)
      assert.equal((await admin.post(`/acteurs/${mine}/invitations/${invitation}/retirer`)).statusCode, 404)
      assert.equal((await admin.post(`/acteurs/${mine}/membres/pas-un-id/retirer`)).statusCode, 404)
      // … and through theirs, where one is nobody: 404 too.
      assert.equal((await admin.post(`/acteurs/${theirs}/invitations/${invitation}/retirer`)).statusCode, 404)
      assert.equal(await state(), before)
    })

    test('rejects an invalid role with the members page and its error summary, changing nothing', async () => {
      const before = await state()
      const me = await userId(t.db, 'm-admin@example.org')
      const res = await admin.post(`/acteurs/${mine}/membres/${me}/role`, { role: 'chef' })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /class="error-summary"/)
      assert.equal(await state(), before)
    })
  })
}
