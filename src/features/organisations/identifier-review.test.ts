/**
 * Identifier review on both databases: a SIRET declared by a second organisation opens a claim; only platform
 * admins (with their second factor) see the review, verify identifiers, grant or refuse claims; refusals of
 * others change nothing; a claim is decided once; a granted identifier moves to the claimant, verified.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, giveSecondFactor, textOf, type Form, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

const company = (name: string): Form => ({ name, world: 'entreprise', siret: '732 829 320 00074', size_band: 'pme', seat: '94300', perimeter_levels: ['commune'], description: '', website: '' })

for (const dialect of DIALECTS) {
  describe(`identifier review [${dialect.name}]`, () => {
    let t: TestApp
    let squatter: Client
    let owner: Client
    let reviewer: Client
    let squatterOrg: string
    let ownerOrg: string
    let claimId: string
    before(async () => {
      t = await buildTestApp(dialect)
      squatter = new Client(t.app)
      await squatter.signUp('premier@example.org')
      owner = new Client(t.app)
      await owner.signUp('vraie-entreprise@example.org')
      reviewer = new Client(t.app)
      await reviewer.signUp('revue@example.org')
      await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', 'revue@example.org').execute()
      await giveSecondFactor(t.db, 'revue@example.org')
      squatterOrg = String((await squatter.post('/acteurs/nouveau', company('Squat SARL'))).headers.location).split('/').pop() as string
      ownerOrg = String((await owner.post('/acteurs/nouveau', company('La vraie entreprise'))).headers.location).split('/').pop() as string
      claimId = (await t.db.selectFrom('identifier_claims').select('id').where('organisation_id', '=', ownerOrg).executeTakeFirstOrThrow()).id
    })
    after(() => t.close())

    const state = async () => JSON.stringify([await t.db.selectFrom('identifier_claims').selectAll().orderBy('id').execute(), await t.db.selectFrom('organisations').select(['id', 'siret']).orderBy('id').execute(), await t.db.selectFrom('identifier_verifications').selectAll().execute()])

    test('requires authentication, and only platform admins review: others get 404 and change nothing', async () => {
      const before = await state()
      const anonymous = new Client(t.app)
      for (const client of [anonymous, squatter]) {
        const expected = client === anonymous ? 303 : 404
        assert.equal((await client.get('/admin/identifiants')).statusCode, expected)
        assert.equal((await client.post(`/admin/identifiants/revendications/${claimId}/accorder`)).statusCode, expected)
        assert.equal((await client.post(`/admin/identifiants/${squatterOrg}/verifier`)).statusCode, expected)
      }
      assert.equal(await state(), before)
    })

    test('rejects invalid input: unknown ids are 404 and change nothing', async () => {
      const before = await state()
      assert.equal((await reviewer.post('/admin/identifiants/revendications/pas-un-id/accorder')).statusCode, 404)
      assert.equal((await reviewer.post('/admin/identifiants/0190b3c4-0000-7000-8000-000000000001/verifier')).statusCode, 404)
      assert.equal(await state(), before)
    })

    test('happy path: the claim is listed and granted — the SIRET moves to the claimant, verified; a decided claim is a 409', async () => {
      const page = await reviewer.get('/admin/identifiants')
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /SIRET 73282932000074/)
      assert.match(textOf(page.body), /La vraie entreprise/)
      assert.equal((await reviewer.post(`/admin/identifiants/revendications/${claimId}/accorder`)).statusCode, 303)
      const rows = await t.db.selectFrom('organisations').select(['id', 'siret', 'siren']).where('id', 'in', [squatterOrg, ownerOrg]).execute()
      assert.equal(rows.find((r) => r.id === ownerOrg)?.siret, '73282932000074')
      assert.equal(rows.find((r) => r.id === squatterOrg)?.siret, null)
      assert.match(textOf((await owner.get(`/acteurs/${ownerOrg}`)).body), /73282932000074 \(vérifié par la plateforme\)/)
      assert.equal((await reviewer.post(`/admin/identifiants/revendications/${claimId}/refuser`)).statusCode, 409)
    })

    test('verifying a declared identifier; changing it later makes it declared again', async () => {
      await squatter.post(`/acteurs/${squatterOrg}/modifier`, { ...company('Squat SARL'), siret: '' , rna: '' })
      const other = String((await squatter.post('/acteurs/nouveau', { ...company('Autre SARL'), siret: '552 100 554 00021' })).headers.location).split('/').pop() as string
      assert.match(textOf((await reviewer.get('/admin/identifiants')).body), /Autre SARL/)
      assert.equal((await reviewer.post(`/admin/identifiants/${other}/verifier`)).statusCode, 303)
      assert.match(textOf((await squatter.get(`/acteurs/${other}`)).body), /55210055400021 \(vérifié par la plateforme\)/)
      assert.doesNotMatch(textOf((await reviewer.get('/admin/identifiants')).body), /Autre SARL/)
    })
  })
}
