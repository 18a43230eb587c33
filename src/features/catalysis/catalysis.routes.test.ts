/**
 * The happy paths of catalysis over HTTP, on both databases, asserting on the database: forms (space,
 * activity, meeting with quotas, invitation, registration and waiting list, cancellation, attendance, place
 * and its offer, dialogue, finding) and their API twins; invalid forms re-render with every error and
 * store nothing. (Who may call each route is tested by the rights matrix.)
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, textOf, type TestApp } from '../../../test/helpers/app.js'
import { buildRightsWorld, type RightsWorld } from '../../../test/helpers/catalysis.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

const year = new Date().getUTCFullYear() + 1

for (const dialect of DIALECTS) {
  describe(`catalysis pages and API [${dialect.name}]`, () => {
    let t: TestApp
    let w: RightsWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildRightsWorld(t, `h${dialect.name}`)
    })
    after(() => t.close())

    test('a space is declared with its perimeter typed as text, then an activity is logged with an output link', async () => {
      const res = await w.clients.admin.post('/espaces/nouveau', { organisation_id: w.org.A, name: 'Espace des bords de Marne', mission: 'Faire se rencontrer les acteurs des bords de Marne.', trades: ['dialogue_territorial', 'gestion_lieu'], territories: 'Val-de-Marne; ept:200057941' })
      assert.equal(res.statusCode, 303)
      const id = String(res.headers.location).split('/').pop() as string
      const territories = await t.db.selectFrom('catalysis_space_territories').select('territory_id').where('space_id', '=', id).orderBy('territory_id').execute()
      assert.deepEqual(territories.map((r) => r.territory_id), ['departement:94', 'ept:200057941'])
      const activity = await w.clients.member.post(`/espaces/${id}/activites`, { activity: 'mise_en_relation', title: 'Mise en relation école–entreprises', started_on: '2026-05-04', hours: '2,5', outputs: `http://alliance.test/rencontres/${w.meeting.public}` })
      // the member is not in this new space's team: its animating organisation A is, so the member is too
      assert.equal(activity.statusCode, 303)
      const row = await t.db.selectFrom('catalysis_activities').selectAll().where('space_id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual([row.trade, row.minutes_spent, row.year], ['dialogue_territorial', 150, 2026])
      const outputs = await t.db.selectFrom('catalysis_activity_outputs').selectAll().where('activity_id', '=', row.id).execute()
      assert.deepEqual(outputs.map((o) => [o.kind, o.target_id]), [['meeting', w.meeting.public]])
      const page = await w.clients.anonymous.get(`/espaces/${id}?annee=2026`)
      assert.match(textOf(page.body), /1 activité en 2026/)
      assert.match(textOf(page.body), /Mise en relation école–entreprises/)
    })

    test('invalid forms re-render with every error named and store nothing', async () => {
      const before = await t.db.selectFrom('catalysis_meetings').select('id').execute()
      const res = await w.clients.member.post('/rencontres/nouvelle', { space_id: w.space, title: 'Dîner', kind: 'diner', starts_at: `${year}-03-10T20:00`, ends_at: `${year}-03-10T19:00`, commune: 'Commune qui n’existe pas', address: '1 rue', visibility: 'public', capacity: '0', quota_collectivite: '15', quota_entreprise: '-2' })
      assert.equal(res.statusCode, 400)
      const text = textOf(res.body)
      for (const message of ['La fin doit suivre le début', 'Commune inconnue', 'Entre 1 et 100', 'Un quota est un nombre de places positif ou nul']) assert.match(text, new RegExp(message))
      assert.equal((await t.db.selectFrom('catalysis_meetings').select('id').execute()).length, before.length)
      const quotas = await w.clients.member.post('/rencontres/nouvelle', { space_id: w.space, title: 'Dîner', kind: 'diner', starts_at: `${year}-03-10T19:00`, ends_at: `${year}-03-10T22:00`, address: '1 rue de Paris', commune: 'Vincennes', visibility: 'public', capacity: '20', quota_collectivite: '15', quota_entreprise: '15' })
      assert.equal(quotas.statusCode, 400)
      assert.match(textOf(quotas.body), /Les quotas \(30 places\) dépassent la capacité \(20\)/)
    })

    test('a meeting with quotas: registration, waiting list, cancellation promotes, attendance, then the page after it', async () => {
      const created = await w.clients.member.post('/rencontres/nouvelle', { space_id: w.space, title: 'Dîner Élus & Entreprises', kind: 'diner', starts_at: `${year}-11-23T19:30`, ends_at: `${year}-11-23T22:30`, address: '2 quai des Guinguettes', commune: 'Nogent-sur-Marne', visibility: 'invitation', capacity: '2', quota_collectivite: '1' })
      assert.equal(created.statusCode, 303)
      const id = String(created.headers.location).split('/').pop() as string
      const m = await t.db.selectFrom('catalysis_meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(m.starts_at, `${year}-11-23T18:30:00.000Z`)
      assert.equal(m.terr_commune_id, 'commune:94052')
      // invitation-only: the outsider does not see it until invited
      assert.equal((await w.clients.outsider.get(`/rencontres/${id}`)).statusCode, 404)
      const invited = await w.clients.member.post(`/rencontres/${id}/invitations`, { organisation_ids: [w.org.O], emails: `${'h' + dialect.name}-p@example.org` })
      assert.equal(invited.statusCode, 303)
      assert.equal((await w.clients.outsider.get(`/rencontres/${id}`)).statusCode, 200)
      // two seats: the outsider (open seat), the admin for A (collectivité quota), then the platform admin waits
      assert.equal((await w.clients.outsider.post(`/rencontres/${id}/inscription`, { organisation_id: w.org.O })).statusCode, 303)
      assert.equal((await w.clients.admin.post(`/rencontres/${id}/inscription`, { organisation_id: w.org.A })).statusCode, 303)
      assert.equal((await w.clients.platformAdmin.post(`/rencontres/${id}/inscription`, {})).statusCode, 303)
      const rows = async () => t.db.selectFrom('catalysis_registrations').select(['status', 'bucket']).where('meeting_id', '=', id).orderBy('arrival').execute()
      assert.deepEqual(await rows(), [{ status: 'inscrit', bucket: '*' }, { status: 'inscrit', bucket: 'collectivite' }, { status: 'attente', bucket: '*' }])
      assert.match(textOf((await w.clients.platformAdmin.get(`/rencontres/${id}`)).body), /liste d’attente, au rang 1/)
      // the outsider cancels: the platform admin gets the open seat
      assert.equal((await w.clients.outsider.post(`/rencontres/${id}/desinscription`, {})).statusCode, 303)
      assert.deepEqual((await rows()).map((r) => r.status), ['annule', 'inscrit', 'inscrit'])
      // API twin: the registration of the caller
      const mine = await w.clients.platformAdmin.get(`/api/v1/meetings/${id}/registration`)
      assert.deepEqual(JSON.parse(mine.body), { id: JSON.parse(mine.body).id, status: 'inscrit', position: null })
      // attendance on the phone list
      const seated = await t.db.selectFrom('catalysis_registrations').select('id').where('meeting_id', '=', id).where('status', '=', 'inscrit').execute()
      assert.equal((await w.clients.coanimator.post(`/rencontres/${id}/presences`, { present: [seated[0]!.id] })).statusCode, 303)
      assert.equal((await t.db.selectFrom('catalysis_meetings').select('present_count').where('id', '=', id).executeTakeFirstOrThrow()).present_count, 1)
    })

    test('places: declared with hours, offered as a resource, the API reads it', async () => {
      const res = await w.clients.member.post('/lieux/nouveau', { organisation_id: w.org.A, name: 'Tiers-lieu des bords', kind: 'tiers_lieu', address: '12 rue des Artisans', commune: 'Champigny-sur-Marne', capacity: '80', accessibility: ['plain_pied'], services: ['wifi', 'cuisine'], hours_lun: '09:00-12:00, 14:00-18:00' })
      assert.equal(res.statusCode, 303)
      const id = String(res.headers.location).split('/').pop() as string
      const place = await t.db.selectFrom('catalysis_places').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual([place.commune_id, place.terr_departement_id, place.opening_hours, place.services], ['commune:94017', 'departement:94', '{"lun":"09:00-12:00,14:00-18:00"}', 'wifi,cuisine'])
      assert.equal((await w.clients.member.post(`/lieux/${id}/proposer`, {})).statusCode, 303)
      const api = JSON.parse((await w.clients.anonymous.get(`/api/v1/places/${id}`)).body) as { data: { resource_id: string | null; opening_hours: Record<string, string> } }
      assert.ok(api.data.resource_id)
      assert.deepEqual(api.data.opening_hours, { lun: '09:00-12:00,14:00-18:00' })
      const bad = await w.clients.member.post('/lieux/nouveau', { organisation_id: w.org.A, name: 'Nulle part', kind: 'tiers_lieu', address: '1 rue Inconnue', commune: 'Zzzzville' })
      assert.equal(bad.statusCode, 400)
      assert.match(textOf(bad.body), /Commune inconnue/)
    })

    test('API twins: create a space, a meeting and a place; invalid JSON names every field', async () => {
      const space = await w.clients.admin.json('POST', '/api/v1/spaces', { organisation_id: w.org.A, name: 'Espace API', mission: 'Une mission déclarée par l’API.', trades: ['accompagnements'], territory_ids: ['commune:94080'] })
      assert.equal(space.statusCode, 201)
      const spaceId = (JSON.parse(space.body) as { id: string }).id
      const meeting = await w.clients.member.json('POST', '/api/v1/meetings', { space_id: spaceId, title: 'Webinaire', kind: 'webinaire', starts_at: `${year}-02-03T12:00`, ends_at: `${year}-02-03T13:00`, online_url: 'https://visio.example.org/salle', visibility: 'public', capacity: 100, quotas: { association: 10 } })
      assert.equal(meeting.statusCode, 201)
      const meetingId = (JSON.parse(meeting.body) as { id: string }).id
      const read = JSON.parse((await w.clients.anonymous.get(`/api/v1/meetings/${meetingId}`)).body) as { data: { starts_local: string; seats: unknown[]; territory_id: string }; event: { eventAttendanceMode: string } }
      assert.equal(read.data.starts_local, `${year}-02-03T12:00`)
      assert.equal(read.data.territory_id, 'commune:94080')
      assert.equal(read.event.eventAttendanceMode, 'https://schema.org/OnlineEventAttendanceMode')
      const bad = await w.clients.member.json('POST', '/api/v1/meetings', { space_id: spaceId, title: 'Webinaire', kind: 'webinaire', starts_at: `${year}-02-03T12:00`, ends_at: `${year}-02-03T11:00`, visibility: 'public', capacity: 10, quotas: { association: 20 } })
      assert.equal(bad.statusCode, 400)
      const problem = JSON.parse(bad.body) as { code: string; errors: Array<{ field: string }> }
      assert.equal(problem.code, 'ALLIANCE_ERR_VALIDATION')
      assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['ends_at', 'place_id', 'quotas'])
    })

    test('API lists: a page past the end is empty and still carries the totals', async () => {
      const lists = ['/api/v1/spaces', '/api/v1/meetings', '/api/v1/places', `/api/v1/spaces/${w.space}/activities`]
      for (const url of lists) {
        const first = await w.clients.admin.get(`${url}?page=1`)
        assert.equal(first.statusCode, 200, url)
        const total = first.json().total as number
        assert.ok(total >= 1, `${url} lists something`)
        const past = await w.clients.admin.get(`${url}?page=999`)
        assert.equal(past.statusCode, 200, url)
        assert.deepEqual(past.json().data, [], `${url} past the end is empty`)
        assert.deepEqual([past.json().total, past.json().page], [total, 999], `${url} past the end keeps the totals`)
      }
      // Unfiltered, spaces and places are counted on their own table (their joins neither drop nor repeat a row).
      const counted = async (table: 'catalysis_spaces' | 'catalysis_places') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      assert.equal((await w.clients.admin.get('/api/v1/spaces')).json().total, await counted('catalysis_spaces'))
      assert.equal((await w.clients.admin.get('/api/v1/places')).json().total, await counted('catalysis_places'))
      const registered = await w.clients.admin.get(`/api/v1/meetings/${w.meeting.public}/registrations`)
      const registrations = await w.clients.admin.get(`/api/v1/meetings/${w.meeting.public}/registrations?page=999`)
      assert.equal(registrations.statusCode, 200)
      assert.deepEqual([registrations.json().data, registrations.json().total], [[], registered.json().total])
    })

    test('page filters are lenient: an invalid filter is named and ignored, the valid ones kept', async () => {
      const spaces = await w.clients.anonymous.get(`/espaces?metier=nope&q=${encodeURIComponent(`Espace h${dialect.name}`)}`)
      assert.equal(spaces.statusCode, 200)
      const text = textOf(spaces.body)
      assert.match(text, /Paramètre « metier » ignoré/)
      assert.match(text, new RegExp(`Espace h${dialect.name}`))
      const agenda = await w.clients.anonymous.get('/rencontres?territoire=pas-un-territoire')
      assert.equal(agenda.statusCode, 200)
      assert.match(textOf(agenda.body), /Paramètre « territoire » ignoré/)
      const places = await w.clients.anonymous.get('/lieux?page=zero')
      assert.equal(places.statusCode, 200)
      assert.match(textOf(places.body), /Paramètre « page » ignoré/)
      assert.match(textOf(places.body), /Salle des fêtes/)
    })

    test('dialogue pages: open, raise a finding, give a view', async () => {
      const res = await w.clients.member.post(`/espaces/${w.space}/dialogues`, { title: 'Dialogue du printemps', territory: 'Vincennes', started_on: '2026-03-01', participant_ids: [w.org.C] })
      assert.equal(res.statusCode, 303)
      const id = String(res.headers.location).split('/').pop() as string
      assert.equal((await w.clients.coanimator.post(`/dialogues/${id}/constats`, { organisation_id: w.org.C, kind: 'atout', title: 'Des bénévoles nombreux', domain: 'citoyennete', sdgs: ['17'], priority: 'haute' })).statusCode, 303)
      const finding = await t.db.selectFrom('catalysis_findings').select(['id', 'world']).where('dialogue_id', '=', id).executeTakeFirstOrThrow()
      assert.equal(finding.world, 'association')
      assert.equal((await w.clients.coanimator.post(`/dialogues/${id}/constats/${finding.id}/avis`, { organisation_id: w.org.C, importance: '4', comment: 'Une force' })).statusCode, 303)
      const page = textOf((await w.clients.member.get(`/dialogues/${id}`)).body)
      assert.match(page, /Des bénévoles nombreux/)
      assert.match(page, /importance 4,0 \/ 4 \(1 avis\)/)
    })
  })
}
