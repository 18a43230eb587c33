/**
 * The JSON API's writes beyond creation (answers to invitations, roles, statements, leaving, charter versions,
 * corrections of contributions, partnerships): each one requires authentication, rejects invalid input as
 * `application/problem+json` without changing a row, and does what the page does, checked in the database.
 * Who may call each of them is the rights matrix's job (`alliances.rights.test.ts`).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, type TestApp } from '../../../test/helpers/app.js'
import { allianceSnapshot, buildAllianceWorld, type AllianceWorld } from '../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { parisToday } from '../../core/time/calendar.js'

const problemOf = (res: { headers: Record<string, unknown>; json: () => unknown }) => {
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
  return res.json() as { code: string; status: number; errors?: Array<{ field: string }> }
}

for (const dialect of DIALECTS) {
  describe(`alliances API writes [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildAllianceWorld(t, 'a')
    })
    after(() => t.close())

    test('every write requires authentication and changes nothing without it', async () => {
      const anonymous = new Client(t.app)
      const before = await allianceSnapshot(t.db)
      const id = w.public.id
      const calls: Array<['POST' | 'PUT' | 'PATCH', string, unknown]> = [
        ['POST', `/api/v1/alliances/${id}/partners/${w.public.partnerId.I}/answer`, { accept: true }],
        ['PUT', `/api/v1/alliances/${id}/partners/${w.public.partnerId.P}/role`, { role: 'financeur' }],
        ['PUT', `/api/v1/alliances/${id}/partners/${w.public.partnerId.P}/statement`, { brings_objectives: [], expects_objectives: [] }],
        ['POST', `/api/v1/alliances/${id}/partners/${w.public.partnerId.P}/leave`, { left_on: parisToday() }],
        ['POST', `/api/v1/alliances/${id}/charter`, { principles: 'Des principes partagés.', governance: 'Un comité mensuel.', meeting_frequency: 'mensuelle', next_review_on: '2099-01-01' }],
        ['PATCH', `/api/v1/alliances/${id}/contributions/${w.public.contribution.P}`, { contribution_type: 'benevolat', unit: 'hours', quantity: '3', contributed_on: '2025-01-01' }],
        ['POST', '/api/v1/partnerships', { organisation_a_id: w.org.P, organisation_b_id: w.org.C, partnership_type: 'mecenat_nature', started_on: '2025-01-01' }],
        ['POST', `/api/v1/partnerships/${w.public.partnership.toConfirm}/answer`, { accept: true }],
        ['POST', `/api/v1/partnerships/${w.public.partnership.confirmed}/end`, { ended_on: parisToday() }],
      ]
      for (const [method, url, body] of calls) {
        const res = await anonymous.json(method, url, body, { csrf: null })
        assert.equal(res.statusCode, 401, `${method} ${url}`)
        assert.equal(problemOf(res).status, 401)
      }
      assert.equal(await allianceSnapshot(t.db), before)
    })

    test('answering an invitation: invalid input is a 400; accepting makes an active partner, in the journal; twice is a 409', async () => {
      const id = w.partners.id
      const partnerId = w.partners.partnerId.I
      const invitedAdmin = w.clients.invitedAdmin
      const before = await allianceSnapshot(t.db)
      const invalid = await invitedAdmin.json('POST', `/api/v1/alliances/${id}/partners/${partnerId}/answer`, { accept: 'oui' })
      assert.equal(invalid.statusCode, 400)
      assert.equal(problemOf(invalid).status, 400)
      assert.equal(await allianceSnapshot(t.db), before)
      const res = await invitedAdmin.json('POST', `/api/v1/alliances/${id}/partners/${partnerId}/answer`, { accept: true })
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), { data: { id: partnerId, status: 'active' } })
      const row = await t.db.selectFrom('alliance_partners').select(['status', 'joined_on']).where('id', '=', partnerId).executeTakeFirstOrThrow()
      assert.equal(row.status, 'active')
      assert.equal(row.joined_on, parisToday())
      const joined = await t.db.selectFrom('alliance_journal_entries').select('organisation_id').where('alliance_id', '=', id).where('system_event', '=', 'partner_joined').execute()
      assert.deepEqual(joined.map((j) => j.organisation_id), [w.org.I])
      const twice = await invitedAdmin.json('POST', `/api/v1/alliances/${id}/partners/${partnerId}/answer`, { accept: false })
      assert.equal(twice.statusCode, 409)
      assert.equal(problemOf(twice).code, 'ALLIANCE_ERR_CONFLICT')
      assert.equal((await t.db.selectFrom('alliance_partners').select('status').where('id', '=', partnerId).executeTakeFirstOrThrow()).status, 'active')
    })

    test('roles and statements: unknown codes are refused; the last coordinator keeps the role; changes are stored', async () => {
      const id = w.public.id
      const coordinator = w.clients.coordinatorAdmin
      const partnerAdmin = w.clients.partnerAdmin
      const before = await allianceSnapshot(t.db)
      const badRole = await coordinator.json('PUT', `/api/v1/alliances/${id}/partners/${w.public.partnerId.P}/role`, { role: 'chef' })
      assert.equal(badRole.statusCode, 400)
      assert.ok(problemOf(badRole).errors?.some((e) => e.field === 'role'))
      const lastCoordinator = await coordinator.json('PUT', `/api/v1/alliances/${id}/partners/${w.public.partnerId.C}/role`, { role: 'partenaire' })
      assert.equal(lastCoordinator.statusCode, 409)
      assert.equal(problemOf(lastCoordinator).code, 'ALLIANCE_ERR_LAST_COORDINATOR')
      const badObjective = await partnerAdmin.json('PUT', `/api/v1/alliances/${id}/partners/${w.public.partnerId.P}/statement`, { brings_objectives: ['gloire'], expects_objectives: [] })
      assert.equal(badObjective.statusCode, 400)
      assert.equal(await allianceSnapshot(t.db), before)

      const role = await coordinator.json('PUT', `/api/v1/alliances/${id}/partners/${w.public.partnerId.P}/role`, { role: 'financeur' })
      assert.equal(role.statusCode, 200)
      assert.equal((await t.db.selectFrom('alliance_partners').select('role').where('id', '=', w.public.partnerId.P).executeTakeFirstOrThrow()).role, 'financeur')
      const statement = await partnerAdmin.json('PUT', `/api/v1/alliances/${id}/partners/${w.public.partnerId.P}/statement`, {
        brings: 'Deux salariés un jour par mois.',
        expects: 'Des liens avec les associations du quartier.',
        brings_objectives: ['competences'],
        expects_objectives: ['parties_prenantes', 'innovation'],
      })
      assert.equal(statement.statusCode, 200)
      const partner = await t.db.selectFrom('alliance_partners').select(['brings', 'expects']).where('id', '=', w.public.partnerId.P).executeTakeFirstOrThrow()
      assert.deepEqual(partner, { brings: 'Deux salariés un jour par mois.', expects: 'Des liens avec les associations du quartier.' })
      const objectives = await t.db.selectFrom('alliance_partner_objectives').select(['direction', 'objective']).where('partner_id', '=', w.public.partnerId.P).orderBy('direction').orderBy('objective').execute()
      assert.deepEqual(objectives, [
        { direction: 'brings', objective: 'competences' },
        { direction: 'expects', objective: 'innovation' },
        { direction: 'expects', objective: 'parties_prenantes' },
      ])
    })

    test('charter versions: invalid input writes no version; a new version keeps the commitments and awaits every signature', async () => {
      const id = w.public.id
      const coordinator = w.clients.coordinatorAdmin
      const versions = async () => (await t.db.selectFrom('alliance_charters').select('version').where('alliance_id', '=', id).orderBy('version').execute()).map((c) => c.version)
      const existing = await versions()
      const invalid = await coordinator.json('POST', `/api/v1/alliances/${id}/charter`, { principles: 'court', governance: 'Un comité.', meeting_frequency: 'jamais', next_review_on: '2099-01-01' })
      assert.equal(invalid.statusCode, 400)
      const fields = problemOf(invalid).errors?.map((e) => e.field) ?? []
      assert.ok(fields.includes('principles') && fields.includes('meeting_frequency'), fields.join(','))
      const past = await coordinator.json('POST', `/api/v1/alliances/${id}/charter`, { principles: 'Des principes partagés.', governance: 'Le comité décide.', meeting_frequency: 'mensuelle', next_review_on: '2001-01-01' })
      assert.equal(past.statusCode, 400)
      assert.deepEqual(await versions(), existing)
      const res = await coordinator.json('POST', `/api/v1/alliances/${id}/charter`, {
        principles: 'Des principes revus ensemble.',
        governance: 'Le comité décide chaque mois.',
        meeting_frequency: 'mensuelle',
        next_review_on: '2099-06-30',
        commitments: [{ organisation_id: w.org.P, commitments: 'Cent heures de mécénat de compétences.' }],
      })
      assert.equal(res.statusCode, 201)
      const version = (res.json() as { data: { version: number } }).data.version
      assert.equal(version, Math.max(0, ...existing) + 1)
      const charter = await t.db.selectFrom('alliance_charters').select(['id', 'meeting_frequency']).where('alliance_id', '=', id).where('version', '=', version).executeTakeFirstOrThrow()
      assert.equal(charter.meeting_frequency, 'mensuelle')
      const commitments = await t.db.selectFrom('alliance_charter_commitments').select(['organisation_id', 'commitments']).where('charter_id', '=', charter.id).execute()
      assert.deepEqual(commitments, [{ organisation_id: w.org.P, commitments: 'Cent heures de mécénat de compétences.' }])
      assert.equal((await t.db.selectFrom('alliance_charter_signatures').select('organisation_id').where('charter_id', '=', charter.id).execute()).length, 0)
    })

    test('correcting a contribution: its organisation’s members only; a negative quantity is refused; the giver stays', async () => {
      const id = w.public.id
      const url = `/api/v1/alliances/${id}/contributions/${w.public.contribution.P}`
      const row = () => t.db.selectFrom('alliance_contributions').select(['organisation_id', 'contribution_type', 'unit', 'quantity_hundredths', 'contributed_on']).where('id', '=', w.public.contribution.P).executeTakeFirstOrThrow()
      const original = await row()
      const negative = await w.clients.partnerMember.json('PATCH', url, { contribution_type: 'benevolat', unit: 'hours', quantity: '-3', contributed_on: '2025-01-02' })
      assert.equal(negative.statusCode, 400)
      assert.ok(problemOf(negative).errors?.some((e) => e.field === 'quantity'))
      const giver = await w.clients.partnerMember.json('PATCH', url, { organisation_id: w.org.C, contribution_type: 'benevolat', unit: 'hours', quantity: '3', contributed_on: '2025-01-02' })
      assert.equal(giver.statusCode, 400, 'the giving organisation is not a field of a correction')
      assert.equal((await w.clients.coordinatorAdmin.json('PATCH', url, { contribution_type: 'benevolat', unit: 'hours', quantity: '3', contributed_on: '2025-01-02' })).statusCode, 403)
      assert.deepEqual(await row(), original)
      const res = await w.clients.partnerMember.json('PATCH', url, { contribution_type: 'benevolat', unit: 'hours', quantity: '12,5', contributed_on: '2025-01-02', description: 'Chantier de printemps' })
      assert.equal(res.statusCode, 200)
      assert.deepEqual(await row(), { organisation_id: original.organisation_id, contribution_type: 'benevolat', unit: 'hours', quantity_hundredths: 1250, contributed_on: '2025-01-02' })
    })

    test('deleting a contribution through the API: 401 signed out, 403 for another partner, 204 then 404', async () => {
      const id = w.public.id
      const created = await w.clients.partnerMember.json('POST', `/api/v1/alliances/${id}/contributions`, { organisation_id: w.org.P, contribution_type: 'benevolat', unit: 'hours', quantity: '5', contributed_on: '2025-01-03' })
      assert.equal(created.statusCode, 201)
      const contributionId = (created.json() as { data: { id: string } }).data.id
      const url = `/api/v1/alliances/${id}/contributions/${contributionId}`
      const exists = async () => (await t.db.selectFrom('alliance_contributions').select('id').where('id', '=', contributionId).executeTakeFirst()) !== undefined
      const anonymous = await new Client(t.app).json('DELETE', url, undefined, { csrf: null })
      assert.equal(anonymous.statusCode, 401)
      assert.equal((await w.clients.coordinatorAdmin.json('DELETE', url, undefined)).statusCode, 403)
      assert.equal((await w.clients.partnerMember.json('DELETE', `/api/v1/alliances/${id}/contributions/pas-un-id`, undefined)).statusCode, 404)
      assert.ok(await exists())
      assert.equal((await w.clients.partnerMember.json('DELETE', url, undefined)).statusCode, 204)
      assert.equal(await exists(), false)
      assert.equal((await w.clients.partnerMember.json('DELETE', url, undefined)).statusCode, 404)
    })

    test('correcting a journal entry through the API: 401 signed out, 403 for another partner or a platform entry, 400 on bad input, then stored', async () => {
      const id = w.public.id
      const url = `/api/v1/alliances/${id}/journal/${w.public.journal.P}`
      const body = { kind: 'resultat', occurred_on: '2024-03-11', title: 'Lancement réussi', body: 'Trois ateliers prévus.' }
      assert.equal((await new Client(t.app).json('PATCH', url, body, { csrf: null })).statusCode, 401)
      assert.equal((await w.clients.coordinatorAdmin.json('PATCH', url, body)).statusCode, 403)
      assert.equal((await w.clients.coordinatorAdmin.json('PATCH', `/api/v1/alliances/${id}/journal/${w.public.journal.system}`, body)).statusCode, 403)
      const invalid = await w.clients.partnerMember.json('PATCH', url, { ...body, kind: 'changement_phase', title: 'x' })
      assert.equal(invalid.statusCode, 400)
      const fields = problemOf(invalid).errors?.map((e) => e.field) ?? []
      assert.ok(fields.includes('kind') && fields.includes('title'), fields.join(','))
      const res = await w.clients.partnerMember.json('PATCH', url, body)
      assert.equal(res.statusCode, 200)
      const row = await t.db.selectFrom('alliance_journal_entries').select(['kind', 'occurred_on', 'title', 'body', 'organisation_id']).where('id', '=', w.public.journal.P).executeTakeFirstOrThrow()
      assert.deepEqual(row, { ...body, organisation_id: w.org.P })
    })

    test('partnerships: proposed by one side, confirmed by the other, ended by either; duplicates and bad dates refused', async () => {
      const partnerAdmin = w.clients.partnerAdmin
      const coordinator = w.clients.coordinatorAdmin
      const count = async () => Number((await t.db.selectFrom('partnerships').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const before = await count()
      const proposal = { organisation_a_id: w.org.P, organisation_b_id: w.org.C, alliance_id: w.public.id, partnership_type: 'mecenat_nature', started_on: '2025-01-01', description: 'Prêt de matériel' }
      const invalid = await partnerAdmin.json('POST', '/api/v1/partnerships', { ...proposal, partnership_type: 'amitie', started_on: 'demain' })
      assert.equal(invalid.statusCode, 400)
      const fields = problemOf(invalid).errors?.map((e) => e.field) ?? []
      assert.ok(fields.includes('partnership_type') && fields.includes('started_on'), fields.join(','))
      // Once the input is valid: organisation A not among the person's is a 404; a member who is not its admin, 403.
      assert.equal((await partnerAdmin.json('POST', '/api/v1/partnerships', { ...proposal, organisation_a_id: w.org.C, organisation_b_id: w.org.P })).statusCode, 404, 'organisation A is not theirs')
      assert.equal((await w.clients.partnerMember.json('POST', '/api/v1/partnerships', proposal)).statusCode, 403, 'only organisation A’s admins propose')
      assert.equal(await count(), before)

      const created = await partnerAdmin.json('POST', '/api/v1/partnerships', proposal)
      assert.equal(created.statusCode, 201)
      const id = (created.json() as { data: { id: string } }).data.id
      const row = () => t.db.selectFrom('partnerships').select(['status', 'organisation_a_id', 'organisation_b_id', 'partnership_type', 'ended_on']).where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual(await row(), { status: 'proposed', organisation_a_id: w.org.P, organisation_b_id: w.org.C, partnership_type: 'mecenat_nature', ended_on: null })
      const duplicate = await partnerAdmin.json('POST', '/api/v1/partnerships', proposal)
      assert.equal(duplicate.statusCode, 409)
      assert.equal(await count(), before + 1)

      assert.equal((await partnerAdmin.json('POST', `/api/v1/partnerships/${id}/answer`, { accept: true })).statusCode, 403, 'the proposing side does not confirm')
      const confirmed = await coordinator.json('POST', `/api/v1/partnerships/${id}/answer`, { accept: true })
      assert.equal(confirmed.statusCode, 200)
      assert.equal((await row()).status, 'confirmed')
      const early = await coordinator.json('POST', `/api/v1/partnerships/${id}/end`, { ended_on: '2024-12-31' })
      assert.equal(early.statusCode, 400)
      assert.equal((await row()).ended_on, null)
      const ended = await partnerAdmin.json('POST', `/api/v1/partnerships/${id}/end`, { ended_on: parisToday() })
      assert.equal(ended.statusCode, 200)
      assert.equal((await row()).ended_on, parisToday())
    })

    test('leaving: a bad date is refused; the partner leaves with its history, written in the journal', async () => {
      const id = w.public.id
      const partnerAdmin = w.clients.partnerAdmin
      const url = `/api/v1/alliances/${id}/partners/${w.public.partnerId.P}/leave`
      const before = await allianceSnapshot(t.db)
      assert.equal((await partnerAdmin.json('POST', url, { left_on: 'hier' })).statusCode, 400)
      assert.equal((await partnerAdmin.json('POST', url, { left_on: '2999-01-01' })).statusCode, 400)
      assert.equal(await allianceSnapshot(t.db), before)
      const contributions = await t.db.selectFrom('alliance_contributions').select('id').where('alliance_id', '=', id).where('organisation_id', '=', w.org.P).execute()
      const res = await partnerAdmin.json('POST', url, { left_on: parisToday(), reason: 'Fin du programme' })
      assert.equal(res.statusCode, 200)
      const row = await t.db.selectFrom('alliance_partners').select(['status', 'left_on', 'left_reason']).where('id', '=', w.public.partnerId.P).executeTakeFirstOrThrow()
      assert.deepEqual(row, { status: 'left', left_on: parisToday(), left_reason: 'Fin du programme' })
      const left = await t.db.selectFrom('alliance_journal_entries').select('organisation_id').where('alliance_id', '=', id).where('system_event', '=', 'partner_left').execute()
      assert.deepEqual(left.map((j) => j.organisation_id), [w.org.P])
      assert.equal((await t.db.selectFrom('alliance_contributions').select('id').where('alliance_id', '=', id).where('organisation_id', '=', w.org.P).execute()).length, contributions.length)
    })
  })
}
