/**
 * "An alliance always keeps an active coordinator" under concurrency, on SQLite and PostgreSQL: two
 * coordinators stepping back at the same instant (two role changes, or a role change and a departure) through
 * real concurrent requests — one is accepted, the other refused, and one coordinator remains, every round.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { buildAllianceWorld, type AllianceWorld } from '../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

const ROUNDS = 6

for (const dialect of DIALECTS) {
  describe(`last coordinator under concurrency [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildAllianceWorld(t, 'k')
    })
    after(() => t.close())

    /** C and P both active coordinators of the public alliance again. */
    async function twoCoordinators(): Promise<void> {
      await t.db.updateTable('alliance_partners').set({ role: 'coordinateur', status: 'active', left_on: null, joined_on: '2024-02-01' }).where('id', 'in', [w.public.partnerId.C, w.public.partnerId.P]).execute()
    }
    const coordinators = async () =>
      (await t.db.selectFrom('alliance_partners').select('id').where('alliance_id', '=', w.public.id).where('status', '=', 'active').where('role', '=', 'coordinateur').execute()).length

    test('two coordinators demoting each other at once: one succeeds, one is refused, one coordinator remains', async () => {
      const id = w.public.id
      for (let round = 0; round < ROUNDS; round++) {
        await twoCoordinators()
        const answers = await Promise.all([
          w.clients.coordinatorAdmin.post(`/alliances/${id}/partenaires/${w.public.partnerId.P}/role`, { role: 'partenaire' }),
          w.clients.partnerAdmin.post(`/alliances/${id}/partenaires/${w.public.partnerId.C}/role`, { role: 'partenaire' }),
        ])
        const statuses = answers.map((a) => a.statusCode).sort()
        assert.equal(statuses[0], 303, `round ${round}: ${statuses.join(', ')}`)
        // The second is refused: its author is no longer a coordinator (403), or it would remove the last one (409).
        assert.ok(statuses[1] === 403 || statuses[1] === 409, `round ${round}: ${statuses.join(', ')}`)
        assert.equal(await coordinators(), 1, `round ${round}`)
      }
    })

    test('a coordinator leaving while the other steps back, through the API: never without a coordinator', async () => {
      const id = w.public.id
      const departures = async () => (await t.db.selectFrom('alliance_journal_entries').select('id').where('alliance_id', '=', id).where('system_event', '=', 'partner_left').execute()).length
      for (let round = 0; round < ROUNDS; round++) {
        await twoCoordinators()
        const written = await departures()
        const answers = await Promise.all([
          w.clients.partnerAdmin.json('POST', `/api/v1/alliances/${id}/partners/${w.public.partnerId.P}/leave`, { left_on: '2025-01-02' }),
          w.clients.coordinatorAdmin.json('PUT', `/api/v1/alliances/${id}/partners/${w.public.partnerId.C}/role`, { role: 'partenaire' }),
        ])
        const statuses = answers.map((a) => a.statusCode).sort()
        assert.equal(statuses[0], 200, `round ${round}: ${statuses.join(', ')}`)
        assert.equal(statuses[1], 409, `round ${round}: ${statuses.join(', ')}`)
        assert.equal(await coordinators(), 1, `round ${round}`)
        // Whoever lost, the journal says only what happened: a departure only when P did leave.
        const left = await t.db.selectFrom('alliance_partners').select('status').where('id', '=', w.public.partnerId.P).executeTakeFirstOrThrow()
        assert.equal(await departures(), written + (left.status === 'left' ? 1 : 0), `round ${round}`)
      }
    })

    test('the same partner leaving twice at once: one departure, one refusal, one journal entry', async () => {
      const id = w.partners.id
      const before = (await t.db.selectFrom('alliance_journal_entries').select('id').where('alliance_id', '=', id).where('system_event', '=', 'partner_left').execute()).length
      const answers = await Promise.all([1, 2].map(() => w.clients.partnerAdmin.json('POST', `/api/v1/alliances/${id}/partners/${w.partners.partnerId.P}/leave`, { left_on: '2025-01-02' })))
      const statuses = answers.map((a) => a.statusCode).sort()
      assert.equal(statuses[0], 200)
      // The second is refused: raced inside the transaction (409), or, once P has left, it no longer sees this
      // partners-only alliance (404).
      assert.ok(statuses[1] === 404 || statuses[1] === 409, statuses.join(', '))
      const after = (await t.db.selectFrom('alliance_journal_entries').select('id').where('alliance_id', '=', id).where('system_event', '=', 'partner_left').execute()).length
      assert.equal(after, before + 1)
    })
  })
}
