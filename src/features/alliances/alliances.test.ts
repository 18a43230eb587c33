/**
 * Route tests of alliances and partnerships, on SQLite and PostgreSQL: each route requires authentication
 * where it should, rejects invalid input with a message naming the field and writes nothing, and its happy
 * path is checked on the database. Bad input of the issue: signing an outdated charter version, a negative
 * or unit-less contribution, inviting an organisation twice, removing the last coordinator.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { allianceSnapshot, buildAlliance, buildAllianceWorld, insertOrganisation, type AllianceWorld } from '../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

const count = async (t: TestApp, table: 'alliances' | 'alliance_partners' | 'alliance_contributions' | 'alliance_journal_entries' | 'alliance_charters' | 'alliance_charter_signatures' | 'partnerships') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

function allianceForm(coordinator: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: 'Alliance des jardins du Plateau',
    stakes: 'Des parcelles abandonnées et des habitants qui veulent jardiner ensemble.',
    description: 'Jardins partagés et ateliers.',
    territories: 'Vincennes; departement:94',
    form: 'experimentation_collective',
    phase: 'emergence',
    started_on: '2025-03-01',
    sdgs: ['2', '11'],
    sdg_targets: '11.7; 17.17',
    levers: ['action', 'vision'],
    visibility: 'public',
    coordinator,
    ...overrides,
  }
}

const idFrom = (location: unknown) => String(location).split('/').pop()!.split('#')[0]!

for (const dialect of DIALECTS) {
  describe(`alliances [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    let coordinator: Client
    let partnerAdmin: Client
    let partnerMember: Client
    let invitedAdmin: Client
    let outsider: Client
    before(async () => {
      t = await buildTestApp(dialect)
      w = await buildAllianceWorld(t, 'r')
      coordinator = w.clients.coordinatorAdmin
      partnerAdmin = w.clients.partnerAdmin
      partnerMember = w.clients.partnerMember
      invitedAdmin = w.clients.invitedAdmin
      outsider = w.clients.nonMember
    })
    after(() => t.close())

    // --- creation ------------------------------------------------------------------------------------------

    test('creating an alliance requires authentication; nothing is written', async () => {
      const anonymous = new Client(t.app)
      assert.equal((await anonymous.get('/alliances/nouvelle')).statusCode, 303)
      const before = await count(t, 'alliances')
      const res = await anonymous.post('/alliances/nouvelle', allianceForm(w.org.C))
      assert.equal(res.statusCode, 303)
      assert.match(String(res.headers.location), /^\/connexion/)
      const api = await anonymous.json('POST', '/api/v1/alliances', {}, { csrf: null })
      assert.equal(api.statusCode, 401)
      assert.equal(await count(t, 'alliances'), before)
    })

    test('creating an alliance rejects invalid input, naming each field, and writes nothing', async () => {
      const before = await allianceSnapshot(t.db)
      const res = await coordinator.post('/alliances/nouvelle', allianceForm(w.org.C, { name: '', stakes: 'court', started_on: '2025-02-30', form: 'autre', visibility: 'secret' }))
      assert.equal(res.statusCode, 400)
      const text = textOf(res.body)
      assert.match(text, /Ce champ est obligatoire/)
      assert.match(text, /au moins 10 caractères/)
      assert.match(text, /Choisissez une forme de co-construction/)
      assert.match(res.body, /href="#champ-name"/)
      const territory = await coordinator.post('/alliances/nouvelle', allianceForm(w.org.C, { territories: 'Atlantide' }))
      assert.equal(territory.statusCode, 400)
      assert.match(textOf(territory.body), /Aucun territoire ne correspond à « Atlantide »/)
      const dates = await coordinator.post('/alliances/nouvelle', allianceForm(w.org.C, { started_on: '2025-05-01', ended_on: '2025-04-01', sdg_targets: '17.42' }))
      assert.equal(dates.statusCode, 400)
      assert.match(textOf(dates.body), /La fin ne peut pas précéder le début/)
      assert.match(textOf(dates.body), /« 17.42 » n’est pas une cible des ODD/)
      // Coordinating for an organisation one is not in is a 404 (its ties are not the person's to learn); for one
      // the person is a member of without being its admin, a 403 — both once the input is valid.
      assert.equal((await outsider.post('/alliances/nouvelle', allianceForm(w.org.P))).statusCode, 404)
      assert.equal((await outsider.post('/alliances/nouvelle', allianceForm(w.org.P, { name: '' }))).statusCode, 400)
      assert.equal((await partnerMember.post('/alliances/nouvelle', allianceForm(w.org.P))).statusCode, 403)
      const api = await outsider.json('POST', '/api/v1/alliances', { name: 'Alliance détournée', stakes: 'Des enjeux partagés par tous.', form: 'experimentation_collective', phase: 'emergence', started_on: '2025-03-01', visibility: 'public', territory_ids: ['commune:94080'], coordinator_organisation_id: w.org.P })
      assert.equal(api.statusCode, 404)
      // Without an organisation to coordinate, the form says what to do first.
      assert.match(textOf((await partnerMember.get('/alliances/nouvelle')).body), /vous devez administrer au moins une organisation/)
      assert.equal(await allianceSnapshot(t.db), before)
    })

    test('happy path: the creating organisation is the first partner and coordinator; SDG 17 is always there; the birth is in the journal', async () => {
      const res = await coordinator.post('/alliances/nouvelle', allianceForm(w.org.C))
      assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 500))
      const id = idFrom(res.headers.location)
      const alliance = await t.db.selectFrom('alliances').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(alliance.name, 'Alliance des jardins du Plateau')
      assert.equal(alliance.phase, 'emergence')
      assert.equal(alliance.phase_since, '2025-03-01')
      assert.equal(alliance.visibility, 'public')
      const territories = await t.db.selectFrom('alliance_territories').select('territory_id').where('alliance_id', '=', id).orderBy('territory_id').execute()
      assert.deepEqual(territories.map((r) => r.territory_id), ['commune:94080', 'departement:94'])
      const sdgs = await t.db.selectFrom('alliance_sdgs').select('sdg').where('alliance_id', '=', id).orderBy('sdg').execute()
      assert.deepEqual(sdgs.map((r) => r.sdg), [2, 11, 17])
      const targets = await t.db.selectFrom('alliance_sdg_targets').select('target').where('alliance_id', '=', id).orderBy('target').execute()
      assert.deepEqual(targets.map((r) => r.target), ['11.7', '17.17'])
      const levers = await t.db.selectFrom('alliance_levers').select('lever').where('alliance_id', '=', id).orderBy('lever').execute()
      assert.deepEqual(levers.map((r) => r.lever), ['action', 'vision'])
      const partners = await t.db.selectFrom('alliance_partners').selectAll().where('alliance_id', '=', id).execute()
      assert.equal(partners.length, 1)
      assert.deepEqual([partners[0]?.organisation_id, partners[0]?.role, partners[0]?.status, partners[0]?.joined_on], [w.org.C, 'coordinateur', 'active', '2025-03-01'])
      const journal = await t.db.selectFrom('alliance_journal_entries').selectAll().where('alliance_id', '=', id).execute()
      assert.deepEqual(journal.map((e) => [e.system_event, e.occurred_on, e.phase_to]), [['created', '2025-03-01', 'emergence']])
      const page = await coordinator.get(`/alliances/${id}`)
      assert.match(textOf(page.body), /Naissance de l’alliance, en phase « Émergence »/)
      assert.match(textOf(page.body), /Pas encore une alliance entre mondes différents/)
    })

    // --- edit and phase --------------------------------------------------------------------------------------

    test('editing: coordinators only; invalid input writes nothing; visibility and perimeter change', async () => {
      const id = w.public.id
      assert.equal((await partnerAdmin.get(`/alliances/${id}/modifier`)).statusCode, 403)
      const form = await coordinator.get(`/alliances/${id}/modifier`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /value="commune:94080"/)
      const before = await allianceSnapshot(t.db)
      const bad = await coordinator.post(`/alliances/${id}/modifier`, allianceForm(w.org.C, { name: 'x', territories: '' }))
      assert.equal(bad.statusCode, 400)
      assert.match(textOf(bad.body), /au moins 2 caractères/)
      assert.equal(await allianceSnapshot(t.db), before)
      const ok = await coordinator.post(`/alliances/${id}/modifier`, allianceForm(w.org.C, { name: 'r Alliance publique (renommée)', territories: 'Fontenay-sous-Bois', visibility: 'public', sdgs: ['4'] }))
      assert.equal(ok.statusCode, 303)
      const row = await t.db.selectFrom('alliances').select(['name', 'search_name', 'phase']).where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.name, 'r Alliance publique (renommée)')
      assert.equal(row.phase, 'experimentation', 'the edit form does not change the phase')
      const territories = await t.db.selectFrom('alliance_territories').select('territory_id').where('alliance_id', '=', id).execute()
      assert.deepEqual(territories.map((r) => r.territory_id), ['commune:94033'])
      await coordinator.post(`/alliances/${id}/modifier`, allianceForm(w.org.C, { name: 'r Alliance publique', territories: 'commune:94080', sdgs: ['4'], started_on: '2024-01-15', levers: ['action'] }))
    })

    test('changing phase: dated in the journal; the same phase, a future day or a day before the current phase are refused', async () => {
      const id = w.public.id
      const anonymous = new Client(t.app)
      assert.equal((await anonymous.post(`/alliances/${id}/phase`, { phase: 'deploiement', on: '2025-01-01' })).statusCode, 303)
      const before = await allianceSnapshot(t.db)
      for (const [form, message] of [
        [{ phase: 'experimentation', on: '2025-01-01' }, /déjà dans cette phase/],
        [{ phase: 'deploiement', on: '2199-01-01' }, /dans le futur/],
        [{ phase: 'deploiement', on: '2023-12-31' }, /ne peut pas précéder le début/],
        [{ phase: '', on: '' }, /Ce champ est obligatoire|Choisissez une phase/],
      ] as const) {
        const res = await coordinator.post(`/alliances/${id}/phase`, form)
        assert.equal(res.statusCode, 400, JSON.stringify(form))
        assert.match(textOf(res.body), message)
      }
      assert.equal(await allianceSnapshot(t.db), before)
      const res = await coordinator.post(`/alliances/${id}/phase`, { phase: 'deploiement', on: '2025-06-02', note: 'Décidé en comité.' })
      assert.equal(res.statusCode, 303)
      const alliance = await t.db.selectFrom('alliances').select(['phase', 'phase_since']).where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual(alliance, { phase: 'deploiement', phase_since: '2025-06-02' })
      const entry = await t.db.selectFrom('alliance_journal_entries').selectAll().where('alliance_id', '=', id).where('system_event', '=', 'phase_changed').executeTakeFirstOrThrow()
      assert.deepEqual([entry.kind, entry.occurred_on, entry.phase_from, entry.phase_to, entry.body], ['changement_phase', '2025-06-02', 'experimentation', 'deploiement', 'Décidé en comité.'])
    })

    // --- partners ------------------------------------------------------------------------------------------

    test('inviting: search, invite, a message to the admins; inviting twice or an active partner is a clear 409, nothing lost', async () => {
      const id = w.public.id
      const other = await insertOrganisation(t.db, 'r Club sportif de Vincennes', 'association')
      const search = await coordinator.get(`/alliances/${id}/partenaires/inviter?q=club+sportif`)
      assert.equal(search.statusCode, 200)
      assert.match(textOf(search.body), /r Club sportif de Vincennes/)
      const invalid = await coordinator.post(`/alliances/${id}/partenaires`, { organisation_id: other, role: 'chef' })
      assert.equal(invalid.statusCode, 400)
      assert.match(textOf(invalid.body), /Choisissez un rôle/)
      const outbox = async () => Number((await t.db.selectFrom('mail_messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const mails = await outbox()
      const res = await coordinator.post(`/alliances/${id}/partenaires`, { organisation_id: other, role: 'operateur' })
      assert.equal(res.statusCode, 303)
      const row = await t.db.selectFrom('alliance_partners').selectAll().where('alliance_id', '=', id).where('organisation_id', '=', other).executeTakeFirstOrThrow()
      assert.deepEqual([row.status, row.role], ['invited', 'operateur'])
      assert.equal(await outbox(), mails, 'the new organisation has no admin yet, so no message')
      const before = await allianceSnapshot(t.db)
      const twice = await coordinator.post(`/alliances/${id}/partenaires`, { organisation_id: other, role: 'partenaire' })
      assert.equal(twice.statusCode, 409)
      assert.match(textOf(twice.body), /déjà invitée ; elle n’a pas encore répondu/)
      const active = await coordinator.post(`/alliances/${id}/partenaires`, { organisation_id: w.org.P, role: 'partenaire' })
      assert.equal(active.statusCode, 409)
      assert.match(textOf(active.body), /déjà partenaire de l’alliance/)
      const api = await coordinator.json('POST', `/api/v1/alliances/${id}/partners`, { organisation_id: w.org.P, role: 'partenaire' })
      assert.equal(api.statusCode, 409)
      assert.equal((api.json() as { code: string }).code, 'ALLIANCE_ERR_ALREADY_PARTNER')
      assert.equal(await allianceSnapshot(t.db), before)
      // The invited organisation's admins were told (the fixture's invitation of I).
      const toI = await t.db.selectFrom('mail_messages').select(['template', 'params']).where('recipient', '=', w.emails.invitedAdmin).execute()
      assert.ok(toI.some((m) => m.template === 'alliances.mail.invited' && (JSON.parse(m.params) as { alliance: string }).alliance.includes('r Alliance publique')))
    })

    test('answering an invitation: its admins only; accepting makes an active partner from today, in the journal; twice is a 409', async () => {
      const id = w.partners.id
      // The invited organisation's members see the partners-only alliance, with the question.
      const page = await invitedAdmin.get(`/alliances/${id}`)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /r Fondation invitée est invitée à rejoindre cette alliance/)
      assert.match(textOf(page.body), /Accepter pour r Fondation invitée/)
      assert.equal((await partnerAdmin.post(`/alliances/${id}/partenaires/${w.partners.partnerId.I}/accepter`)).statusCode, 403)
      const res = await invitedAdmin.post(`/alliances/${id}/partenaires/${w.partners.partnerId.I}/accepter`)
      assert.equal(res.statusCode, 303)
      const row = await t.db.selectFrom('alliance_partners').selectAll().where('id', '=', w.partners.partnerId.I).executeTakeFirstOrThrow()
      assert.equal(row.status, 'active')
      assert.ok(row.joined_on)
      const joined = await t.db.selectFrom('alliance_journal_entries').select('organisation_id').where('alliance_id', '=', id).where('system_event', '=', 'partner_joined').execute()
      assert.deepEqual(joined.map((j) => j.organisation_id), [w.org.I])
      const again = await invitedAdmin.post(`/alliances/${id}/partenaires/${w.partners.partnerId.I}/refuser`)
      assert.equal(again.statusCode, 409)
      assert.match(textOf(again.body), /déjà reçu une réponse/)
    })

    test('declining an invitation keeps a declined row; the organisation may be invited again later', async () => {
      const id = w.public.id
      const res = await invitedAdmin.post(`/alliances/${id}/partenaires/${w.public.partnerId.I}/refuser`)
      assert.equal(res.statusCode, 303)
      assert.equal((await t.db.selectFrom('alliance_partners').select('status').where('id', '=', w.public.partnerId.I).executeTakeFirstOrThrow()).status, 'declined')
      const again = await coordinator.post(`/alliances/${id}/partenaires`, { organisation_id: w.org.I, role: 'financeur' })
      assert.equal(again.statusCode, 303)
      assert.equal((await t.db.selectFrom('alliance_partners').select('status').where('id', '=', w.public.partnerId.I).executeTakeFirstOrThrow()).status, 'invited')
    })

    test('roles: the coordinator changes them; the last coordinator cannot lose the role or leave (409, nothing changed)', async () => {
      const id = w.public.id
      const before = await allianceSnapshot(t.db)
      const demote = await coordinator.post(`/alliances/${id}/partenaires/${w.public.partnerId.C}/role`, { role: 'partenaire' })
      assert.equal(demote.statusCode, 409)
      assert.match(textOf(demote.body), /au moins un coordinateur/)
      const leave = await coordinator.post(`/alliances/${id}/partenaires/${w.public.partnerId.C}/quitter`, { left_on: '2025-06-01' })
      assert.equal(leave.statusCode, 409)
      assert.match(textOf(leave.body), /au moins un coordinateur/)
      assert.equal(await allianceSnapshot(t.db), before)
      // The overview links each partner's role to its own form, which shows the current role.
      assert.match((await coordinator.get(`/alliances/${id}`)).body, new RegExp(`href="/alliances/${id}/partenaires/${w.public.partnerId.P}/role"`))
      const form = await coordinator.get(`/alliances/${id}/partenaires/${w.public.partnerId.P}/role`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /<option value="partenaire" selected>/)
      assert.equal((await coordinator.get(`/alliances/${id}/partenaires/${randomUUID()}/role`)).statusCode, 404)
      const bad = await coordinator.post(`/alliances/${id}/partenaires/${w.public.partnerId.P}/role`, { role: 'chef' })
      assert.equal(bad.statusCode, 400)
      assert.equal((await partnerAdmin.post(`/alliances/${id}/partenaires/${w.public.partnerId.P}/role`, { role: 'coordinateur' })).statusCode, 403)
      const promote = await coordinator.post(`/alliances/${id}/partenaires/${w.public.partnerId.P}/role`, { role: 'coordinateur' })
      assert.equal(promote.statusCode, 303)
      assert.equal((await t.db.selectFrom('alliance_partners').select('role').where('id', '=', w.public.partnerId.P).executeTakeFirstOrThrow()).role, 'coordinateur')
      // With two coordinators, one may step back; then the other is the last again.
      assert.equal((await coordinator.post(`/alliances/${id}/partenaires/${w.public.partnerId.C}/role`, { role: 'partenaire' })).statusCode, 303)
      assert.equal((await partnerAdmin.post(`/alliances/${id}/partenaires/${w.public.partnerId.C}/role`, { role: 'coordinateur' })).statusCode, 303)
      assert.equal((await partnerAdmin.post(`/alliances/${id}/partenaires/${w.public.partnerId.P}/role`, { role: 'partenaire' })).statusCode, 303)
      const roles = await t.db.selectFrom('alliance_partners').select(['organisation_id', 'role']).where('alliance_id', '=', id).where('status', '=', 'active').orderBy('role').execute()
      assert.deepEqual(roles.map((r) => r.role), ['coordinateur', 'partenaire'])
    })

    test('a partner states what it brings and expects on the four objectives (its admins only)', async () => {
      const id = w.public.id
      const url = `/alliances/${id}/partenaires/${w.public.partnerId.P}/apports`
      assert.equal((await partnerMember.get(url)).statusCode, 403)
      assert.equal((await coordinator.get(url)).statusCode, 403)
      assert.equal((await partnerAdmin.get(url)).statusCode, 200)
      const bad = await partnerAdmin.post(url, { brings_objectives: ['argent'] })
      assert.equal(bad.statusCode, 400)
      assert.match(textOf(bad.body), /Cet objectif n’existe pas/)
      const res = await partnerAdmin.post(url, { brings_objectives: ['competences', 'ressources'], brings: 'Des techniciens.', expects_objectives: ['parties_prenantes'], expects: 'Connaître le quartier.' })
      assert.equal(res.statusCode, 303)
      const partner = await t.db.selectFrom('alliance_partners').select(['brings', 'expects']).where('id', '=', w.public.partnerId.P).executeTakeFirstOrThrow()
      assert.deepEqual(partner, { brings: 'Des techniciens.', expects: 'Connaître le quartier.' })
      const objectives = await t.db.selectFrom('alliance_partner_objectives').select(['direction', 'objective']).where('partner_id', '=', w.public.partnerId.P).orderBy('direction').orderBy('objective').execute()
      assert.deepEqual(objectives.map((o) => `${o.direction}:${o.objective}`), ['brings:competences', 'brings:ressources', 'expects:parties_prenantes'])
      assert.match(textOf((await new Client(t.app).get(`/alliances/${id}`)).body), /Connaître le quartier/)
    })

    // --- charter -------------------------------------------------------------------------------------------

    test('charter: v1 signed by each partner admin; editing makes v2 that must be signed again; signing v1 then is a 409', async () => {
      const id = w.public.id
      const before = await allianceSnapshot(t.db)
      const invalid = await coordinator.post(`/alliances/${id}/charte`, { principles: 'court', governance: '', meeting_frequency: 'jamais', next_review_on: '2020-01-01' })
      assert.equal(invalid.statusCode, 400)
      assert.match(textOf(invalid.body), /au moins 10 caractères/)
      assert.equal((await partnerAdmin.post(`/alliances/${id}/charte`, { principles: 'Des principes partagés.', governance: 'Le comité décide.', meeting_frequency: 'mensuelle', next_review_on: '2099-01-01' })).statusCode, 403)
      assert.equal((await partnerMember.post(`/alliances/${id}/charte/signer`, { version: '1', organisation_id: w.org.P })).statusCode, 403)
      assert.equal(await allianceSnapshot(t.db), before)
      // Version 1 (from the fixture) signed by both partners.
      assert.equal((await partnerAdmin.post(`/alliances/${id}/charte/signer`, { version: '1', organisation_id: w.org.P })).statusCode, 303)
      assert.equal((await coordinator.post(`/alliances/${id}/charte/signer`, { version: '1', organisation_id: w.org.C })).statusCode, 303)
      // Signing for an organisation one is not in: 404.
      assert.equal((await coordinator.post(`/alliances/${id}/charte/signer`, { version: '1', organisation_id: w.org.P })).statusCode, 404)
      const twice = await partnerAdmin.post(`/alliances/${id}/charte/signer`, { version: '1', organisation_id: w.org.P })
      assert.equal(twice.statusCode, 409)
      assert.match(textOf(twice.body), /a déjà signé la version 1/)
      const v1 = await t.db.selectFrom('alliance_charter_signatures').innerJoin('alliance_charters', 'alliance_charters.id', 'alliance_charter_signatures.charter_id').select(['alliance_charter_signatures.organisation_id', 'alliance_charter_signatures.version', 'alliance_charter_signatures.signer_name', 'alliance_charter_signatures.signed_by']).where('alliance_charters.alliance_id', '=', id).execute()
      assert.equal(v1.length, 2)
      assert.ok(v1.every((s) => s.version === 1 && s.signer_name.startsWith('Personne') && s.signed_by))
      let page = await new Client(t.app).get(`/alliances/${id}/charte`)
      assert.match(textOf(page.body), /2 partenaires actifs sur 2 ont signé la version 1/)
      // Version 2.
      const form = await coordinator.get(`/alliances/${id}/charte/modifier`)
      assert.match(textOf(form.body), /Enregistrer crée la version 2 : les signatures repartent de zéro/)
      const v2 = await coordinator.post(`/alliances/${id}/charte`, { principles: 'Des principes revus ensemble.', governance: 'Le comité décide chaque mois.', meeting_frequency: 'mensuelle', next_review_on: '2099-06-30', [`engagements-${w.org.P}`]: 'Deux cents heures.' })
      assert.equal(v2.statusCode, 303)
      const charters = await t.db.selectFrom('alliance_charters').select(['id', 'version']).where('alliance_id', '=', id).orderBy('version').execute()
      assert.deepEqual(charters.map((c) => c.version), [1, 2])
      const commitments = await t.db.selectFrom('alliance_charter_commitments').select(['organisation_id', 'commitments']).where('charter_id', '=', charters[1]!.id).execute()
      assert.deepEqual(commitments, [{ organisation_id: w.org.P, commitments: 'Deux cents heures.' }])
      page = await new Client(t.app).get(`/alliances/${id}/charte`)
      assert.match(textOf(page.body), /Aucun partenaire actif sur 2 n’a signé la version 2/)
      assert.match(textOf(page.body), /Version 1 signée par Personne partnerAdmin/)
      // The page of version 1 was still open: signing it now is refused, clearly, and nothing is recorded.
      const signaturesBefore = await count(t, 'alliance_charter_signatures')
      const outdated = await partnerAdmin.post(`/alliances/${id}/charte/signer`, { version: '1', organisation_id: w.org.P })
      assert.equal(outdated.statusCode, 409)
      assert.match(textOf(outdated.body), /La version 1 de la charte a été remplacée par la version 2/)
      const api = await partnerAdmin.json('POST', `/api/v1/alliances/${id}/charter/signatures`, { version: 1, organisation_id: w.org.P })
      assert.equal(api.statusCode, 409)
      assert.equal((api.json() as { code: string }).code, 'ALLIANCE_ERR_CHARTER_OUTDATED')
      assert.equal(await count(t, 'alliance_charter_signatures'), signaturesBefore)
      assert.equal((await partnerAdmin.json('POST', `/api/v1/alliances/${id}/charter/signatures`, { version: 2, organisation_id: w.org.P })).statusCode, 201)
      const journal = await t.db.selectFrom('alliance_journal_entries').select('system_event').where('alliance_id', '=', id).where('system_event', '=', 'charter_version').execute()
      assert.equal(journal.length, 2)
    })

    // --- contributions --------------------------------------------------------------------------------------

    test('contributions: members record their own organisation’s, exactly; negative, unit-less or text quantities are refused', async () => {
      const id = w.public.id
      const anonymous = new Client(t.app)
      const base = { organisation_id: w.org.P, contribution_type: 'mecenat_financier', unit: 'eur', quantity: '2 500,75', contributed_on: '2025-02-01', description: 'Don de printemps' }
      assert.equal((await anonymous.post(`/alliances/${id}/contributions`, base)).statusCode, 303)
      const before = await allianceSnapshot(t.db)
      for (const [form, message] of [
        [{ ...base, quantity: '-500' }, /ne peut pas être négative/],
        [{ ...base, unit: '' }, /Choisissez une unité/],
        [{ ...base, quantity: '500 €' }, /Saisissez un nombre, sans unité/],
        [{ ...base, quantity: '0' }, /supérieure à zéro/],
        [{ ...base, unit: 'people', quantity: '2,5' }, /nombres entiers/],
        [{ ...base, contributed_on: '2199-01-01' }, /dans le futur/],
      ] as const) {
        const res = await partnerMember.post(`/alliances/${id}/contributions`, form)
        assert.equal(res.statusCode, 400, JSON.stringify(form))
        assert.match(textOf(res.body), message)
      }
      // Nobody records another partner's contributions: an organisation one is not in is a 404.
      assert.equal((await coordinator.post(`/alliances/${id}/contributions`, base)).statusCode, 404)
      assert.equal((await outsider.post(`/alliances/${id}/contributions`, base)).statusCode, 403)
      const api = await partnerMember.json('POST', `/api/v1/alliances/${id}/contributions`, { ...base, quantity: '-1' })
      assert.equal(api.statusCode, 400)
      assert.ok((api.json() as { errors: Array<{ field: string }> }).errors.some((e) => e.field === 'quantity'))
      assert.equal(await allianceSnapshot(t.db), before)
      const res = await partnerMember.post(`/alliances/${id}/contributions`, base)
      assert.equal(res.statusCode, 303)
      const row = await t.db.selectFrom('alliance_contributions').selectAll().where('alliance_id', '=', id).where('contributed_on', '=', '2025-02-01').executeTakeFirstOrThrow()
      assert.deepEqual([row.organisation_id, row.unit, Number(row.quantity_hundredths), row.contribution_type], [w.org.P, 'eur', 250075, 'mecenat_financier'])
      const viaApi = await partnerAdmin.json('POST', `/api/v1/alliances/${id}/contributions`, { organisation_id: w.org.P, contribution_type: 'mecenat_competences', unit: 'hours', quantity: '7.5', contributed_on: '2025-02-03' })
      assert.equal(viaApi.statusCode, 201)
      const page = await new Client(t.app).get(`/alliances/${id}/contributions`)
      const text = textOf(page.body)
      assert.match(text, /Totaux par type de contribution/)
      // 1 500,50 € (fixture) + 2 500,75 € for the same partner: exact to the cent.
      assert.match(text, /4 001,25 €/)
      assert.match(text, /7,5 heures/)
    })

    test('correcting a contribution: its organisation’s members only; a coordinator gets 403 for another partner’s', async () => {
      const id = w.public.id
      const url = `/alliances/${id}/contributions/${w.public.contribution.P}/modifier`
      assert.equal((await coordinator.get(url)).statusCode, 403)
      const before = await allianceSnapshot(t.db)
      assert.equal((await coordinator.post(url, { contribution_type: 'benevolat', unit: 'hours', quantity: '1', contributed_on: '2024-04-01' })).statusCode, 403)
      const bad = await partnerMember.post(url, { contribution_type: 'mecenat_financier', unit: 'eur', quantity: '-3', contributed_on: '2024-04-01' })
      assert.equal(bad.statusCode, 400)
      assert.equal(await allianceSnapshot(t.db), before)
      const form = await partnerMember.get(url)
      assert.match(form.body, /value="1500,50"/)
      const ok = await partnerMember.post(url, { contribution_type: 'mecenat_financier', unit: 'eur', quantity: '1600', contributed_on: '2024-04-02', description: 'Don corrigé' })
      assert.equal(ok.statusCode, 303)
      const row = await t.db.selectFrom('alliance_contributions').selectAll().where('id', '=', w.public.contribution.P).executeTakeFirstOrThrow()
      assert.deepEqual([Number(row.quantity_hundredths), row.contributed_on, row.description, row.organisation_id], [160000, '2024-04-02', 'Don corrigé', w.org.P])
      assert.ok(row.updated_by)
    })

    test('deleting a contribution: its organisation’s members only, after ticking the confirmation; totals follow', async () => {
      const id = w.public.id
      const created = await partnerMember.post(`/alliances/${id}/contributions`, { organisation_id: w.org.P, contribution_type: 'benevolat', unit: 'hours', quantity: '40', contributed_on: '2025-03-01', description: 'Saisie en double' })
      assert.equal(created.statusCode, 303)
      const row = await t.db.selectFrom('alliance_contributions').select('id').where('alliance_id', '=', id).where('description', '=', 'Saisie en double').executeTakeFirstOrThrow()
      const url = `/alliances/${id}/contributions/${row.id}/supprimer`
      const anonymous = await new Client(t.app).post(url, { confirm: 'oui' })
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/connexion/)
      assert.equal((await coordinator.post(url, { confirm: 'oui' })).statusCode, 403)
      const unconfirmed = await partnerMember.post(url, {})
      assert.equal(unconfirmed.statusCode, 400)
      assert.match(textOf(unconfirmed.body), /Cochez la case pour confirmer la suppression/)
      assert.ok(await t.db.selectFrom('alliance_contributions').select('id').where('id', '=', row.id).executeTakeFirst())
      const form = await partnerMember.get(`/alliances/${id}/contributions/${row.id}/modifier`)
      assert.match(form.body, new RegExp(`action="/alliances/${id}/contributions/${row.id}/supprimer"`))
      const deleted = await partnerMember.post(url, { confirm: 'oui' })
      assert.equal(deleted.statusCode, 303)
      assert.equal(await t.db.selectFrom('alliance_contributions').select('id').where('id', '=', row.id).executeTakeFirst(), undefined)
      const page = await new Client(t.app).get(`/alliances/${id}/contributions`)
      assert.doesNotMatch(page.body, /Saisie en double/)
      assert.equal((await partnerMember.post(url, { confirm: 'oui' })).statusCode, 404)
    })

    test('the sums of contributions follow every write to them, made by any writer', async () => {
      const id = w.public.id
      const direct = () =>
        t.db
          .selectFrom('alliance_contributions')
          .select(['organisation_id', 'contribution_type', 'unit', (eb) => eb.fn.sum<number>('quantity_hundredths').as('q'), (eb) => eb.fn.countAll<number>().as('n')])
          .where('alliance_id', '=', id)
          .groupBy(['organisation_id', 'contribution_type', 'unit'])
          .orderBy('organisation_id')
          .orderBy('contribution_type')
          .orderBy('unit')
          .execute()
      const kept = () =>
        t.db
          .selectFrom('alliance_contribution_sums')
          .select(['organisation_id', 'contribution_type', 'unit', 'quantity_hundredths as q', 'n'])
          .where('alliance_id', '=', id)
          .where('n', '>', 0)
          .orderBy('organisation_id')
          .orderBy('contribution_type')
          .orderBy('unit')
          .execute()
      const same = async (step: string) => {
        const norm = (rows: Array<{ q: number; n: number }>) => rows.map((r) => ({ ...r, q: Number(r.q), n: Number(r.n) }))
        assert.deepEqual(norm(await kept()), norm(await direct()), step)
      }
      await same('as the alliance was built')
      const model = await t.db.selectFrom('alliance_contributions').selectAll().where('alliance_id', '=', id).limit(1).executeTakeFirstOrThrow()
      const extra = randomUUID()
      await t.db.insertInto('alliance_contributions').values({ ...model, id: extra, quantity_hundredths: 700 }).execute()
      await same('after an insert')
      await t.db.updateTable('alliance_contributions').set({ quantity_hundredths: 1250 }).where('id', '=', extra).execute()
      await same('after a new quantity')
      await t.db.updateTable('alliance_contributions').set({ contribution_type: 'mecenat_nature', unit: 'items' }).where('id', '=', extra).execute()
      await same('after a new type and unit')
      await t.db.updateTable('alliance_contributions').set({ description: 'Sans effet sur les sommes' }).where('id', '=', extra).execute()
      await same('after a change of description')
      await t.db.deleteFrom('alliance_contributions').where('id', '=', extra).execute()
      await same('after a delete')
      const api = (await new Client(t.app).get(`/api/v1/alliances/${id}/contributions`)).json() as {
        totals: { count: number; by_type: Array<{ contribution_type: string; unit: string; quantity_hundredths: number; count: number }>; by_partner: Array<{ organisation_id: string; count: number }> }
      }
      const rows = await direct()
      assert.equal(api.totals.count, rows.reduce((sum, r) => sum + Number(r.n), 0), 'the totals count every contribution once')
      assert.equal(api.totals.by_partner.reduce((sum, r) => sum + r.count, 0), api.totals.count)
      for (const line of api.totals.by_type) {
        const of = rows.filter((r) => r.contribution_type === line.contribution_type && r.unit === line.unit)
        assert.equal(line.quantity_hundredths, of.reduce((sum, r) => sum + Number(r.q), 0), `${line.contribution_type} in ${line.unit}`)
      }
    })

    // --- journal -------------------------------------------------------------------------------------------

    test('correcting a journal entry: its organisation’s members only; the platform’s own entries are never corrected', async () => {
      const id = w.public.id
      const url = `/alliances/${id}/journal/${w.public.journal.P}/modifier`
      const anonymous = await new Client(t.app).get(url)
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/connexion/)
      assert.equal((await coordinator.get(url)).statusCode, 403)
      const system = await coordinator.get(`/alliances/${id}/journal/${w.public.journal.system}/modifier`)
      assert.equal(system.statusCode, 403)
      assert.match(textOf(system.body), /écrite par la plateforme/)
      const entry = () => t.db.selectFrom('alliance_journal_entries').select(['organisation_id', 'kind', 'occurred_on', 'title', 'body']).where('id', '=', w.public.journal.P).executeTakeFirstOrThrow()
      const original = await entry()
      const invalid = await partnerMember.post(url, { kind: 'changement_phase', occurred_on: '2024-02-30', title: '' })
      assert.equal(invalid.statusCode, 400)
      assert.match(invalid.body, /href="#champ-title"/)
      assert.deepEqual(await entry(), original)
      const journal = await partnerMember.get(`/alliances/${id}/journal?annee=2024`)
      assert.match(journal.body, new RegExp(`href="${url}"`))
      const res = await partnerMember.post(url, { kind: 'decision', occurred_on: '2024-03-12', title: 'Réunion de lancement : compte rendu', body: 'Vingt participants.' })
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, `/alliances/${id}/journal?annee=2024`)
      assert.deepEqual(await entry(), { organisation_id: w.org.P, kind: 'decision', occurred_on: '2024-03-12', title: 'Réunion de lancement : compte rendu', body: 'Vingt participants.' })
    })

    test('journal: partners write dated entries; contributions and entries appear together in the timeline of their year', async () => {
      const id = w.public.id
      const anonymous = new Client(t.app)
      assert.equal((await anonymous.post(`/alliances/${id}/journal`, { organisation_id: w.org.P, kind: 'resultat', occurred_on: '2025-03-01', title: 'x' })).statusCode, 303)
      const before = await allianceSnapshot(t.db)
      const bad = await partnerMember.post(`/alliances/${id}/journal`, { organisation_id: w.org.P, kind: 'changement_phase', occurred_on: 'hier', title: '' })
      assert.equal(bad.statusCode, 400)
      const text = textOf(bad.body)
      assert.match(text, /Choisissez un type d’entrée/)
      assert.match(text, /Saisissez une date réelle/)
      assert.equal((await outsider.post(`/alliances/${id}/journal`, { organisation_id: w.org.O, kind: 'resultat', occurred_on: '2025-03-01', title: 'Intrus' })).statusCode, 403)
      assert.equal((await partnerMember.post(`/alliances/${id}/journal`, { organisation_id: w.org.C, kind: 'resultat', occurred_on: '2025-03-01', title: 'Au nom d’un autre' })).statusCode, 404)
      assert.equal(await allianceSnapshot(t.db), before)
      const res = await partnerMember.post(`/alliances/${id}/journal`, { organisation_id: w.org.P, kind: 'resultat', occurred_on: '2025-02-15', title: 'Premiers fruits', body: 'Quarante familles accompagnées.' })
      assert.equal(res.statusCode, 303)
      assert.equal(res.headers.location, `/alliances/${id}/journal?annee=2025`)
      const entry = await t.db.selectFrom('alliance_journal_entries').selectAll().where('alliance_id', '=', id).where('title', '=', 'Premiers fruits').executeTakeFirstOrThrow()
      assert.deepEqual([entry.kind, entry.occurred_on, entry.organisation_id, entry.system_event], ['resultat', '2025-02-15', w.org.P, null])
      const page = await anonymous.get(`/alliances/${id}/journal?annee=2025`)
      const body = textOf(page.body)
      assert.match(body, /Premiers fruits/)
      assert.match(body, /Contribution · r Entreprise partenaire/)
      assert.match(page.body, /<svg[^>]*class="frieze"/)
      const years = await anonymous.get(`/alliances/${id}/journal?annee=2024`)
      assert.match(textOf(years.body), /Réunion de lancement/)
    })

    test('journal: a year of 80 events is shown 50 per page, entries and contributions merged newest first across pages', async () => {
      const id = w.public.id
      const partner = await t.db.selectFrom('alliance_partners').select('id').where('alliance_id', '=', id).where('organisation_id', '=', w.org.P).executeTakeFirstOrThrow()
      const at = '2019-01-01T00:00:00.000Z'
      // 40 entries on even days, 40 contributions on odd days of 2019: dates interleave, each item is unique.
      const day = (n: number) => new Date(Date.UTC(2019, 0, 1 + n)).toISOString().slice(0, 10)
      await t.db
        .insertInto('alliance_journal_entries')
        .values(Array.from({ length: 40 }, (_, i) => ({ id: randomUUID(), alliance_id: id, organisation_id: w.org.P, kind: 'jalon', occurred_on: day(2 * i), title: `Jalon ${String(i).padStart(2, '0')}`, title_key: null, title_params: null, body: '', phase_from: null, phase_to: null, system_event: null, author_id: null, created_at: at })))
        .execute()
      await t.db
        .insertInto('alliance_contributions')
        .values(Array.from({ length: 40 }, (_, i) => ({ id: randomUUID(), alliance_id: id, partner_id: partner.id, organisation_id: w.org.P, contribution_type: 'benevolat', unit: 'hours' as const, quantity_hundredths: (i + 1) * 100, contributed_on: day(2 * i + 1), description: `Don ${i}`, created_by: null, created_at: at, updated_by: null, updated_at: at })))
        .execute()
      const anonymous = new Client(t.app)
      const dates = (html: string) => [...html.matchAll(/<time datetime="(\d{4}-\d\d-\d\d)"/g)].map((m) => m[1])
      const first = await anonymous.get(`/alliances/${id}/journal?annee=2019`)
      assert.equal(first.statusCode, 200)
      assert.match(textOf(first.body), /2019 : 80 événements/)
      const second = await anonymous.get(`/alliances/${id}/journal?annee=2019&page=2`)
      const shown = [...dates(first.body), ...dates(second.body)]
      assert.equal(dates(first.body).length, 50)
      assert.equal(dates(second.body).length, 30)
      // Every event once, newest first, across both pages.
      assert.deepEqual(shown, Array.from({ length: 80 }, (_, n) => day(79 - n)))
      assert.match(first.body, new RegExp(`href="/alliances/${id}/journal\\?annee=2019&amp;page=2"`))
      const past = await anonymous.get(`/alliances/${id}/journal?annee=2019&page=3`)
      assert.equal(past.statusCode, 200)
      assert.match(textOf(past.body), /au-delà du dernier événement/)
      const bad = await anonymous.get(`/alliances/${id}/journal?annee=2019&page=zero`)
      assert.equal(bad.statusCode, 200)
      assert.deepEqual(dates(bad.body), dates(first.body))
    })

    test('partners: the alliance page shows the first 12 and links to the partners page, which shows them all, 50 per page', async () => {
      const big = await buildAlliance(t.db, w.org, w.emails, 'public', 'r Alliance de soixante partenaires')
      const at = '2024-03-01T00:00:00.000Z'
      const names: string[] = []
      for (let i = 0; i < 60; i++) {
        const name = `r Partenaire ${String(i).padStart(2, '0')}`
        names.push(name)
        const organisation = await insertOrganisation(t.db, name, 'association')
        await t.db
          .insertInto('alliance_partners')
          .values({ id: randomUUID(), alliance_id: big.id, organisation_id: organisation, role: 'partenaire', status: 'active', brings: '', expects: '', invited_by: null, invited_at: at, responded_by: null, joined_on: '2024-03-01', left_on: null, left_reason: '', updated_at: at })
          .execute()
      }
      // 14 former partners (one list longer than the overview's 12), and a second charter version signed by 3 active partners and
      // 2 former ones: the overview counts the active signatures only.
      const formerNames: string[] = []
      for (let i = 0; i < 14; i++) {
        const name = `r Ancien partenaire ${String(i).padStart(2, '0')}`
        formerNames.push(name)
        const organisation = await insertOrganisation(t.db, name, 'entreprise')
        await t.db
          .insertInto('alliance_partners')
          .values({ id: randomUUID(), alliance_id: big.id, organisation_id: organisation, role: 'partenaire', status: 'left', brings: '', expects: '', invited_by: null, invited_at: at, responded_by: null, joined_on: '2023-03-01', left_on: '2024-01-31', left_reason: '', updated_at: at })
          .execute()
      }
      const charterId = randomUUID()
      await t.db.insertInto('alliance_charters').values({ id: charterId, alliance_id: big.id, version: 2, principles: 'Principes', governance: 'Gouvernance', meeting_frequency: 'mensuelle', next_review_on: '2025-03-01', created_by: null, created_at: at }).execute()
      const signers = await t.db
        .selectFrom('alliance_partners')
        .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
        .select(['alliance_partners.organisation_id', 'alliance_partners.status'])
        .where('alliance_id', '=', big.id)
        .where('organisations.name', 'in', [names[0] as string, names[1] as string, names[2] as string, formerNames[0] as string, formerNames[1] as string])
        .execute()
      assert.equal(signers.length, 5)
      await t.db
        .insertInto('alliance_charter_signatures')
        .values(signers.map((p) => ({ charter_id: charterId, organisation_id: p.organisation_id, version: 2, signed_by: null, signer_name: 'Signataire', signed_at: at })))
        .execute()
      const active = await t.db.selectFrom('alliance_partners').select((eb) => eb.fn.countAll<number>().as('n')).where('alliance_id', '=', big.id).where('status', '=', 'active').executeTakeFirstOrThrow()
      assert.equal(Number(active.n), 62)
      const anonymous = new Client(t.app)
      const partnerLinks = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/acteurs\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1])
      const overview = await anonymous.get(`/alliances/${big.id}`)
      assert.equal(overview.statusCode, 200)
      assert.match(textOf(overview.body), /62 partenaires/)
      assert.equal(partnerLinks(overview.body).length, 12)
      assert.match(overview.body, new RegExp(`<a href="/alliances/${big.id}/partenaires">Voir les 62 partenaires actifs, les invitations et les anciens partenaires</a>`))
      assert.match(textOf(overview.body), /signée par 3 partenaires actifs sur 62/)
      // The diversity counts every active partner, not the 12 shown: 61 associations and the coordinator's world.
      assert.match(textOf(overview.body), /2 mondes pour 62 partenaires/)
      const formerShown = (html: string) => formerNames.filter((name) => html.includes(`>${name}</a>`))
      assert.deepEqual(formerShown(overview.body), formerNames.slice(0, 12))
      const first = await anonymous.get(`/alliances/${big.id}/partenaires`)
      assert.equal(first.statusCode, 200)
      assert.match(textOf(first.body), /Partenaires de r Alliance de soixante partenaires/)
      const second = await anonymous.get(`/alliances/${big.id}/partenaires?page=2`)
      const listed = [...partnerLinks(first.body), ...partnerLinks(second.body)]
      assert.equal(partnerLinks(first.body).length, 50)
      assert.equal(listed.length, 62)
      // The coordinator first, then by name, each partner once.
      assert.equal(new Set(listed).size, 62)
      assert.deepEqual(listed.filter((name) => names.includes(name as string)), names)
      assert.match(textOf(first.body), /1 invitation en attente/)
      assert.match(textOf(first.body), /2 mondes pour 62 partenaires/)
      // Every former partner on the partners page, on its first page as on the next.
      assert.deepEqual(formerShown(first.body), formerNames)
      assert.deepEqual(formerShown(second.body), formerNames)
      assert.match(first.body, new RegExp(`href="/alliances/${big.id}/partenaires\\?page=2"`))
      const past = await anonymous.get(`/alliances/${big.id}/partenaires?page=9`)
      assert.equal(past.statusCode, 200)
      assert.match(textOf(past.body), /au-delà du dernier partenaire/)
      const bad = await anonymous.get(`/alliances/${big.id}/partenaires?page=-1`)
      assert.equal(bad.statusCode, 200)
      assert.deepEqual(partnerLinks(bad.body), partnerLinks(first.body))
      // A partners-only alliance's partners are not shown to others.
      assert.equal((await anonymous.get(`/alliances/${w.partners.id}/partenaires`)).statusCode, 404)
      assert.equal((await partnerMember.get(`/alliances/${w.partners.id}/partenaires`)).statusCode, 200)
    })

    // --- partnerships --------------------------------------------------------------------------------------

    test('partnerships: proposed by one side’s admin, confirmed by the other’s; duplicates and self-links refused; ended with a date', async () => {
      const anonymous = new Client(t.app)
      const form = { organisation_a_id: w.org.O, organisation_b_id: w.org.P, partnership_type: 'mecenat_logistique', started_on: '2025-01-06', description: 'Prêt d’un véhicule' }
      assert.equal((await anonymous.post('/partenariats', form)).statusCode, 303)
      const before = await allianceSnapshot(t.db)
      assert.equal((await partnerMember.post('/partenariats', { ...form, organisation_a_id: w.org.P, organisation_b_id: w.org.O })).statusCode, 403)
      const self = await outsider.post('/partenariats', { ...form, organisation_b_id: w.org.O })
      assert.equal(self.statusCode, 400)
      assert.match(textOf(self.body), /deux organisations différentes/)
      const badType = await outsider.post('/partenariats', { ...form, partnership_type: 'amitie' })
      assert.equal(badType.statusCode, 400)
      assert.match(textOf(badType.body), /Choisissez un type de partenariat/)
      assert.equal(await allianceSnapshot(t.db), before)
      const res = await outsider.post('/partenariats', form)
      assert.equal(res.statusCode, 303)
      const row = await t.db.selectFrom('partnerships').selectAll().where('organisation_a_id', '=', w.org.O).executeTakeFirstOrThrow()
      assert.deepEqual([row.status, row.alliance_id, row.partnership_type], ['proposed', null, 'mecenat_logistique'])
      const duplicate = await outsider.post('/partenariats', form)
      assert.equal(duplicate.statusCode, 409)
      assert.match(textOf(duplicate.body), /existe déjà/)
      // Not shown to others until confirmed; its admins answer on their organisation's page.
      assert.doesNotMatch(textOf((await anonymous.get(`/acteurs/${w.org.P}`)).body), /Prêt d’un véhicule/)
      const profile = await partnerAdmin.get(`/acteurs/${w.org.P}`)
      assert.match(textOf(profile.body), /Confirmer le partenariat avec r Commune extérieure/)
      assert.equal((await partnerMember.post(`/partenariats/${row.id}/confirmer`)).statusCode, 403)
      assert.equal((await outsider.post(`/partenariats/${row.id}/confirmer`)).statusCode, 403)
      assert.equal((await partnerAdmin.post(`/partenariats/${row.id}/confirmer`)).statusCode, 303)
      assert.equal((await t.db.selectFrom('partnerships').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status, 'confirmed')
      assert.equal((await partnerAdmin.post(`/partenariats/${row.id}/refuser`)).statusCode, 409)
      const shown = textOf((await anonymous.get(`/acteurs/${w.org.P}`)).body)
      assert.match(shown, /Mécénat logistique/)
      assert.match(shown, /aucune ne vaut mieux qu’une autre/)
      const badEnd = await outsider.post(`/partenariats/${row.id}/terminer`, { ended_on: '2024-01-01' })
      assert.equal(badEnd.statusCode, 400)
      assert.equal((await outsider.post(`/partenariats/${row.id}/terminer`, { ended_on: '2025-06-30' })).statusCode, 303)
      assert.equal((await t.db.selectFrom('partnerships').select('ended_on').where('id', '=', row.id).executeTakeFirstOrThrow()).ended_on, '2025-06-30')
      // Inside an alliance: both sides must be active partners of it.
      const inside = await coordinator.post('/partenariats', { ...form, organisation_a_id: w.org.C, organisation_b_id: w.org.O, alliance_id: w.public.id })
      assert.equal(inside.statusCode, 400)
      assert.match(textOf(inside.body), /n’est pas partenaire active de l’alliance/)
      const newPage = await coordinator.get(`/partenariats/nouveau?alliance=${w.public.id}`)
      assert.equal(newPage.statusCode, 200)
      assert.match(textOf(newPage.body), /r Entreprise partenaire/)
    })

    // --- lists, sections, visibility --------------------------------------------------------------------------

    test('directory: filters (territory with everything inside, SDG, phase, form, world, lever, text) and pagination; partners-only alliances only for partners', async () => {
      const anonymous = new Client(t.app)
      const names = async (client: Client, query: string) => textOf((await client.get(`/alliances?${query}`)).body)
      let text = await names(anonymous, 'territoire=departement:94')
      assert.match(text, /r Alliance publique/)
      assert.doesNotMatch(text, /r Alliance réservée/)
      assert.match(await names(partnerMember, 'territoire=departement:94'), /r Alliance réservée/)
      assert.doesNotMatch(await names(outsider, 'q=r+alliance'), /r Alliance réservée/)
      assert.match(await names(anonymous, 'territoire=region:11&odd=4&forme=experimentation_collective&levier=action&monde=entreprise'), /r Alliance publique/)
      assert.doesNotMatch(await names(anonymous, 'monde=syndicat&q=r+alliance'), /r Alliance publique/)
      assert.doesNotMatch(await names(anonymous, 'territoire=departement:42'), /r Alliance publique/)
      assert.doesNotMatch(await names(anonymous, 'odd=14&q=r+alliance'), /r Alliance publique/)
      text = await names(anonymous, 'lieu=Val-de-Marne')
      assert.match(text, /Alliances situées dans : Val-de-Marne \(94\)/)
      assert.equal((await anonymous.get('/alliances?page=-2&odd=99&phase=x')).statusCode, 200)
      const api = await anonymous.get('/api/v1/alliances?territory=departement:94&per_page=1')
      const body = api.json() as { data: Array<{ name: string }>; total: number; page_count: number }
      assert.ok(body.total >= 2)
      assert.equal(body.data.length, 1)
      assert.ok(!JSON.stringify(body).includes('r Alliance réservée'))
      assert.equal((await anonymous.get('/api/v1/alliances?per_page=500')).statusCode, 400)
      // A partner's pages merge public and partners-only alliances in name order, without gaps or repeats.
      const seen: string[] = []
      const first = (await partnerMember.get('/api/v1/alliances?territory=departement:94&per_page=1')).json() as { total: number; page_count: number; data: Array<{ name: string }> }
      for (let p = 1; p <= first.page_count; p++) {
        const page = (await partnerMember.get(`/api/v1/alliances?territory=departement:94&per_page=1&page=${p}`)).json() as { data: Array<{ name: string }> }
        seen.push(...page.data.map((d) => d.name))
      }
      assert.equal(seen.length, first.total)
      assert.equal(new Set(seen).size, seen.length)
      assert.ok(seen.includes('r Alliance réservée') && seen.includes('r Alliance publique'))
      // Everywhere (the scope written as a literal in the directory's statements), with and without a name filter.
      assert.match(await names(partnerMember, 'q=r+alliance'), /r Alliance réservée/)
      const everywhere: string[] = []
      for (let p = 1; ; p++) {
        const page = (await partnerMember.get(`/api/v1/alliances?per_page=100&page=${p}`)).json() as { data: Array<{ name: string }>; total: number; page_count: number }
        everywhere.push(...page.data.map((d) => d.name))
        if (p >= page.page_count) {
          assert.equal(everywhere.length, page.total)
          break
        }
      }
      assert.equal(new Set(everywhere).size, everywhere.length)
      assert.ok(everywhere.includes('r Alliance réservée') && everywhere.includes('r Alliance publique'))
      const map = await anonymous.get('/alliances/carte')
      assert.equal(map.statusCode, 200)
      assert.match(map.body, /<svg[^>]*class="france-map"/)
    })

    test('territory and organisation pages: alliances, the network with its table, hidden alliances left out', async () => {
      const anonymous = new Client(t.app)
      const territory = await anonymous.get('/territoires/commune/94080')
      const text = textOf(territory.body)
      assert.match(text, /r Alliance publique/)
      assert.doesNotMatch(text, /r Alliance réservée/)
      assert.doesNotMatch(territory.body, /<svg[^>]*class="network"/, 'the network has its own page')
      assert.match(territory.body, /href="\/alliances\/territoires\/commune\/94080\/reseau"/)
      const network = await anonymous.get('/alliances/territoires/commune/94080/reseau')
      assert.match(network.body, /<svg[^>]*class="network"[^>]*role="img"/)
      assert.match(textOf(network.body), /Le réseau sous forme de tableaux/)
      assert.doesNotMatch(textOf(network.body), /r Alliance réservée/)
      assert.equal((await anonymous.get('/alliances/territoires/pays/94080/reseau')).statusCode, 404)
      assert.equal((await anonymous.get('/alliances/territoires/commune/00000/reseau')).statusCode, 404)
      assert.match(textOf((await partnerMember.get('/territoires/commune/94080')).body), /r Alliance réservée/)
      const org = textOf((await anonymous.get(`/acteurs/${w.org.P}`)).body)
      assert.match(org, /Alliances et partenariats/)
      assert.match(org, /r Alliance publique/)
      assert.doesNotMatch(org, /r Alliance réservée/)
      assert.match(textOf((await partnerAdmin.get(`/acteurs/${w.org.P}`)).body), /r Alliance réservée/)
    })

    test('a partners-only alliance answers 404 to everyone else, in pages and the API; a partner leaving loses sight of it but keeps its history', async () => {
      const id = w.partners.id
      for (const client of [new Client(t.app), outsider, w.clients.platformAdmin]) {
        for (const url of [`/alliances/${id}`, `/alliances/${id}/charte`, `/alliances/${id}/journal`, `/alliances/${id}/contributions`, `/api/v1/alliances/${id}`, `/api/v1/alliances/${id}/journal`]) {
          assert.equal((await client.get(url)).statusCode, 404, url)
        }
      }
      assert.equal((await partnerMember.get(`/alliances/${id}`)).statusCode, 200)
      const bad = await partnerAdmin.post(`/alliances/${id}/partenaires/${w.partners.partnerId.P}/quitter`, { left_on: '2023-01-01' })
      assert.equal(bad.statusCode, 400)
      assert.match(textOf(bad.body), /ne peut pas précéder l’arrivée/)
      const res = await partnerAdmin.post(`/alliances/${id}/partenaires/${w.partners.partnerId.P}/quitter`, { left_on: '2025-05-31', reason: 'Fin du programme' })
      assert.equal(res.statusCode, 303)
      const row = await t.db.selectFrom('alliance_partners').select(['status', 'left_on', 'left_reason']).where('id', '=', w.partners.partnerId.P).executeTakeFirstOrThrow()
      assert.deepEqual(row, { status: 'left', left_on: '2025-05-31', left_reason: 'Fin du programme' })
      assert.ok((await count(t, 'alliance_contributions')) > 0)
      const kept = await t.db.selectFrom('alliance_contributions').select('id').where('id', '=', w.partners.contribution.P).executeTakeFirst()
      assert.ok(kept, 'its contributions stay')
      assert.equal((await partnerMember.get(`/alliances/${id}`)).statusCode, 404)
      const history = textOf((await coordinator.get(`/alliances/${id}`)).body)
      assert.match(history, /Ont participé à l’alliance|A participé à l’alliance/)
      assert.match(history, /r Entreprise partenaire/)
    })

    test('the directory’s summaries follow an organisation that changes world, and a new geography', async () => {
      // Signed in: the anonymous page cache would keep the first answer (these changes bypass HTTP).
      const has = async (query: string) => /r Alliance publique/.test(textOf((await outsider.get(`/alliances?q=r+alliance+publique&${query}`)).body))
      assert.equal(await has('monde=syndicat'), false)
      // An organisation corrects its world (through its own feature, which knows nothing of alliances).
      await t.db.updateTable('organisations').set({ world: 'syndicat', updated_at: new Date(Date.now() + 1000).toISOString() }).where('id', '=', w.org.P).execute()
      assert.equal(await has('monde=syndicat'), true)
      assert.equal(await has('monde=entreprise'), false)
      await t.db.updateTable('organisations').set({ world: 'entreprise', updated_at: new Date(Date.now() + 2000).toISOString() }).where('id', '=', w.org.P).execute()
      assert.equal(await has('monde=entreprise'), true)
      // A reloaded geography (new version): the places of every alliance are computed again.
      await t.db.deleteFrom('alliance_directory').where('alliance_id', '=', w.public.id).where('scope_id', '=', 'departement:94').execute()
      assert.equal(await has('territoire=departement:94'), false)
      await t.db.updateTable('app_meta').set({ value: 'test-next' }).where('key', '=', 'geography_version').execute()
      assert.equal(await has('territoire=departement:94'), true)
      const places = await t.db.selectFrom('alliance_directory').select('scope_id').where('alliance_id', '=', w.public.id).orderBy('scope_id').execute()
      assert.ok(['france', 'commune:94080', 'departement:94', 'region:11'].every((id) => places.some((p) => p.scope_id === id)), JSON.stringify(places))
    })

    // --- API ------------------------------------------------------------------------------------------------

    test('JSON API: create, read with partners, contributions (exact amounts), journal and charter; update phase and visibility', async () => {
      const invalid = await coordinator.json('POST', '/api/v1/alliances', { name: 'API', stakes: 'Des enjeux assez longs', form: 'dialogue_territorial', phase: 'emergence', started_on: '2025-01-01', visibility: 'public', territory_ids: ['commune:99999'], coordinator_organisation_id: w.org.C })
      assert.equal(invalid.statusCode, 400)
      assert.ok((invalid.json() as { errors: Array<{ field: string }> }).errors.some((e) => e.field === 'territory_ids'))
      const created = await coordinator.json('POST', '/api/v1/alliances', {
        name: 'r Alliance API',
        stakes: 'Des enjeux assez longs pour une alliance.',
        form: 'dialogue_territorial',
        phase: 'emergence',
        started_on: '2025-01-01',
        visibility: 'partners',
        territory_ids: ['ept:200057941'],
        sdgs: [11],
        coordinator_organisation_id: w.org.C,
        invite_organisation_ids: [w.org.P],
      })
      assert.equal(created.statusCode, 201, created.body)
      const data = (created.json() as { data: { id: string; sdgs: number[]; visibility: string } }).data
      assert.deepEqual(data.sdgs, [11, 17])
      const partners = (await coordinator.get(`/api/v1/alliances/${data.id}/partners`)).json() as { data: Array<{ organisation: { id: string }; status: string; role: string }> }
      assert.deepEqual(partners.data.map((p) => [p.organisation.id, p.status, p.role]).sort(), [[w.org.C, 'active', 'coordinateur'], [w.org.P, 'invited', 'partenaire']].sort())
      assert.equal((await new Client(t.app).get(`/api/v1/alliances/${data.id}`)).statusCode, 404)
      const patched = await coordinator.json('PATCH', `/api/v1/alliances/${data.id}`, { visibility: 'public', phase: 'experimentation', phase_on: '2025-02-01', phase_note: 'Cap franchi' })
      assert.equal(patched.statusCode, 200, patched.body)
      const row = await t.db.selectFrom('alliances').select(['visibility', 'phase', 'phase_since']).where('id', '=', data.id).executeTakeFirstOrThrow()
      assert.deepEqual(row, { visibility: 'public', phase: 'experimentation', phase_since: '2025-02-01' })
      assert.equal((await partnerAdmin.json('PATCH', `/api/v1/alliances/${data.id}`, { visibility: 'partners' })).statusCode, 403)
      const contributions = (await new Client(t.app).get(`/api/v1/alliances/${w.public.id}/contributions`)).json() as { data: Array<{ quantity: string; unit: string }>; totals: { by_type: Array<{ contribution_type: string; quantity: string; quantity_hundredths: number }> } }
      assert.ok(contributions.data.some((c) => c.unit === 'eur'))
      assert.ok(contributions.totals.by_type.every((r) => Number.isInteger(r.quantity_hundredths)))
      const journal = (await new Client(t.app).get(`/api/v1/alliances/${w.public.id}/journal?year=2024`)).json() as { data: Array<{ occurred_on: string; system_event: string | null }> }
      assert.ok(journal.data.length > 0 && journal.data.every((e) => e.occurred_on.startsWith('2024')))
      const charter = (await new Client(t.app).get(`/api/v1/alliances/${w.public.id}/charter`)).json() as { data: Array<{ version: number }> }
      assert.ok(charter.data[0]!.version >= 1)
      const entry = await partnerAdmin.json('POST', `/api/v1/alliances/${w.public.id}/journal`, { organisation_id: w.org.P, kind: 'decision', occurred_on: '2025-03-03', title: 'Décision par l’API' })
      assert.equal(entry.statusCode, 201)
      const openapi = (await new Client(t.app).get('/api/openapi.json')).json() as { paths: Record<string, unknown> }
      for (const path of ['/api/v1/alliances', '/api/v1/alliances/{id}', '/api/v1/alliances/{id}/partners', '/api/v1/alliances/{id}/contributions', '/api/v1/alliances/{id}/journal', '/api/v1/alliances/{id}/charter/signatures']) assert.ok(path in openapi.paths, path)
    })

    test('English pages keep the domain words; unknown or malformed ids answer 404', async () => {
      const client = new Client(t.app)
      await client.get('/langue/en?retour=/alliances')
      const page = await client.get(`/alliances/${w.public.id}`)
      assert.match(page.body, /<html lang="en">/)
      assert.match(textOf(page.body), /Diversity of worlds/)
      assert.equal((await client.get('/alliances/pas-un-id')).statusCode, 404)
      assert.equal((await client.get('/alliances/00000000-0000-7000-8000-000000000000')).statusCode, 404)
      assert.equal((await coordinator.get(`/alliances/${w.public.id}/contributions/00000000-0000-7000-8000-000000000000/modifier`)).statusCode, 404)
    })
  })
}
