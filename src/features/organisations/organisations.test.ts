import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type Form, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { testGeography } from '../../../test/helpers/geography.js'
import { loadGeography } from '../territories/index.js'

/** A valid association form: seat Vincennes, RNA number, SDGs. */
function associationForm(overrides: Form = {}): Form {
  return {
    name: 'Les Amis du Bois de Vincennes',
    world: 'association',
    rna: 'W943001234',
    size_band: 'non_employeuse',
    seat: '94300',
    perimeter_levels: ['commune', 'departement'],
    sdgs: ['11', '15', '17'],
    description: 'Protéger et animer le bois.',
    website: 'amis-du-bois.example.org',
    ...overrides,
  }
}

for (const dialect of DIALECTS) {
  describe(`organisations [${dialect.name}]`, () => {
    let t: TestApp
    let admin: Client
    let orgId: string
    before(async () => {
      t = await buildTestApp(dialect)
      admin = new Client(t.app)
      await admin.signUp('admin@example.org', 'un mot de passe très long', 'Alex Admin')
      const res = await admin.post('/acteurs/nouveau', associationForm({ name: 'Association de référence', rna: 'W943000001' }))
      assert.equal(res.statusCode, 303, res.body)
      orgId = String(res.headers.location).split('/').pop() as string
    })
    after(() => t.close())

    const count = async () => Number((await t.db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    test('requires authentication to register or edit an organisation', async () => {
      const anonymous = new Client(t.app)
      assert.equal((await anonymous.get('/acteurs/nouveau')).statusCode, 303)
      const before = await count()
      const res = await anonymous.post('/acteurs/nouveau', associationForm({ rna: 'W943009999' }))
      assert.equal(res.statusCode, 303)
      assert.match(String(res.headers.location), /^\/connexion/)
      assert.equal(await count(), before)
      const api = await anonymous.json('POST', '/api/v1/organisations', {}, { csrf: null })
      assert.equal(api.statusCode, 401)
      assert.match(String(api.headers['content-type']), /application\/problem\+json/)
    })

    test('rejects invalid input with an error summary naming each field, and stores nothing', async () => {
      const before = await count()
      const res = await admin.post('/acteurs/nouveau', associationForm({ name: '', rna: 'W12', siret: '12345678901234', website: 'http://insecure.example.org', contact_email: 'pas-un-email' }))
      assert.equal(res.statusCode, 400)
      const text = textOf(res.body)
      assert.match(text, /Ce champ est obligatoire/)
      assert.match(text, /adresse e-mail valide/)
      assert.match(res.body, /href="#champ-name"/)
      assert.equal(await count(), before)
      const ids = await admin.post('/acteurs/nouveau', associationForm({ rna: 'W12', siret: '12345678901234', website: 'http://insecure.example.org' }))
      assert.equal(ids.statusCode, 400)
      const idsText = textOf(ids.body)
      assert.match(idsText, /Le SIRET doit comporter 14 chiffres avec une clé de contrôle valide/)
      assert.match(idsText, /W suivi de 9 chiffres/)
      assert.match(idsText, /adresse https:\/\/ valide/)
      assert.equal(await count(), before)
    })

    test('an RNA number is refused for a company; a size band must fit the world', async () => {
      const res = await admin.post('/acteurs/nouveau', associationForm({ world: 'entreprise', rna: 'W943001111', size_band: 'employeuse' }))
      assert.equal(res.statusCode, 400)
      assert.match(textOf(res.body), /Seule une association a un numéro RNA/)
      assert.match(textOf(res.body), /Cette taille ne convient pas à ce monde/)
    })

    test('an unknown seat commune says so; an ambiguous one asks to choose', async () => {
      const unknown = await admin.post('/acteurs/nouveau', associationForm({ seat: 'Atlantide' }))
      assert.equal(unknown.statusCode, 400)
      assert.match(textOf(unknown.body), /Aucune commune ne correspond à « Atlantide »/)
      const ambiguous = await admin.post('/acteurs/nouveau', associationForm({ seat: 'saint', rna: 'W943002222' }))
      assert.equal(ambiguous.statusCode, 400)
      assert.match(textOf(ambiguous.body), /Plusieurs communes correspondent/)
      assert.match(ambiguous.body, /name="seat_choice"/)
      const picked = await admin.post('/acteurs/nouveau', associationForm({ seat: 'saint', seat_choice: 'commune:94069', rna: 'W943002222', name: 'Choix explicite' }))
      assert.equal(picked.statusCode, 303)
      const row = await t.db.selectFrom('organisations').select('seat_commune_id').where('rna', '=', 'W943002222').executeTakeFirstOrThrow()
      assert.equal(row.seat_commune_id, 'commune:94069')
    })

    test('happy path: an association with an RNA number is stored with its seat, perimeter, SDGs and its creator as admin', async () => {
      const visitor = new Client(t.app)
      const cached = await visitor.get('/territoires/commune/94080')
      assert.doesNotMatch(textOf(cached.body), /Les Amis du Bois de Vincennes/)
      assert.equal((await visitor.get('/territoires/commune/94080')).headers['x-page-cache'], 'hit')
      const res = await admin.post('/acteurs/nouveau', associationForm())
      assert.equal(res.statusCode, 303)
      const id = String(res.headers.location).split('/').pop() as string
      const org = await t.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(org.name, 'Les Amis du Bois de Vincennes')
      assert.equal(org.rna, 'W943001234')
      assert.equal(org.seat_commune_id, 'commune:94080')
      assert.equal(org.website, 'https://amis-du-bois.example.org/')
      const perimeter = await t.db.selectFrom('organisation_perimeters').select('territory_id').where('organisation_id', '=', id).orderBy('territory_id').execute()
      assert.deepEqual(perimeter.map((p) => p.territory_id), ['commune:94080', 'departement:94'])
      const sdgs = await t.db.selectFrom('organisation_sdgs').select('sdg').where('organisation_id', '=', id).orderBy('sdg').execute()
      assert.deepEqual(sdgs.map((s) => s.sdg), [11, 15, 17])
      const user = await t.db.selectFrom('users').select('id').where('email', '=', 'admin@example.org').executeTakeFirstOrThrow()
      const membership = await t.db.selectFrom('memberships').selectAll().where('organisation_id', '=', id).executeTakeFirstOrThrow()
      assert.equal(membership.user_id, user.id)
      assert.equal(membership.role, 'admin')

      const profile = await admin.get(`/acteurs/${id}`)
      assert.equal(profile.statusCode, 200)
      assert.match(textOf(profile.body), /« Les Amis du Bois de Vincennes » est inscrite/)
      assert.match(profile.body, /href="\/lexique#world-association"/)

      // It appears on its commune's page and in its département's directory (everything inside included),
      // for anonymous visitors too: the write emptied the page cache.
      const commune = await admin.get('/territoires/commune/94080')
      assert.match(textOf(commune.body), /Les Amis du Bois de Vincennes/)
      assert.match(textOf((await visitor.get('/territoires/commune/94080')).body), /Les Amis du Bois de Vincennes/)
      const directory = await admin.get('/acteurs?territoire=departement:94')
      assert.match(textOf(directory.body), /Les Amis du Bois de Vincennes/)
      const region = await admin.get('/acteurs?territoire=region:11&monde=association&odd=15')
      assert.match(textOf(region.body), /Les Amis du Bois de Vincennes/)
      const elsewhere = await admin.get('/acteurs?territoire=departement:42')
      assert.doesNotMatch(textOf(elsewhere.body), /Les Amis du Bois de Vincennes/)
    })

    test('the same SIRET twice: the second organisation is registered without it and a claim opens for review', async () => {
      const first = await admin.post('/acteurs/nouveau', { ...associationForm({ world: 'entreprise', rna: '', size_band: 'pme', name: 'Première SARL' }), siret: '732 829 320 00074' })
      assert.equal(first.statusCode, 303)
      const existingId = String(first.headers.location).split('/').pop() as string
      const second = await admin.post('/acteurs/nouveau', { ...associationForm({ world: 'entreprise', rna: '', size_band: 'pme', name: 'Copie SARL' }), siret: '73282932000074' })
      assert.equal(second.statusCode, 303)
      const copyId = String(second.headers.location).split('/').pop() as string
      const copy = await t.db.selectFrom('organisations').select(['siret']).where('id', '=', copyId).executeTakeFirstOrThrow()
      assert.equal(copy.siret, null, 'the identifier stays with its holder until the review')
      const claim = await t.db.selectFrom('identifier_claims').selectAll().where('organisation_id', '=', copyId).executeTakeFirstOrThrow()
      assert.deepEqual([claim.field, claim.value, claim.holder_id, claim.status], ['siret', '73282932000074', existingId, 'en_revue'])
      assert.match(textOf((await admin.get(`/acteurs/${copyId}`)).body), /SIRET 73282932000074 : déjà déclaré par une autre organisation, en cours de revue/)
      assert.match(textOf((await admin.get(`/acteurs/${existingId}`)).body), /73282932000074 \(déclaré — clé de contrôle vérifiée\)/)
      const api = await admin.json('POST', '/api/v1/organisations', { name: 'Copie API', world: 'entreprise', siret: '73282932000074', seat_commune_code: '94080', perimeter: ['commune:94080'] })
      assert.equal(api.statusCode, 201)
    })

    test('only admins edit: a member gets 403, someone from another organisation gets 404, nothing changes', async () => {
      // invite a member
      const invite = await admin.post(`/acteurs/${orgId}/invitations`, { email: 'membre@example.org', role: 'member' })
      assert.equal(invite.statusCode, 201)
      const link = /http:\/\/alliance\.test(\/invitations\/[A-Za-z0-9_-]+)/.exec(invite.body)?.[1]
      assert.ok(link, 'the invitation link is shown to the admin')
      const outbox = await t.db.selectFrom('mail_messages').selectAll().where('recipient', '=', 'membre@example.org').execute()
      assert.equal(outbox.length, 1)
      const member = new Client(t.app)
      await member.signUp('membre@example.org')
      assert.equal((await member.get(link)).statusCode, 200)
      const accepted = await member.post(link)
      assert.equal(accepted.statusCode, 303)
      const memberships = await t.db.selectFrom('memberships').select('role').where('organisation_id', '=', orgId).execute()
      assert.equal(memberships.length, 2)

      assert.equal((await member.get(`/acteurs/${orgId}/modifier`)).statusCode, 403)
      assert.equal((await member.get(`/acteurs/${orgId}/membres`)).statusCode, 200)
      const edit = await member.post(`/acteurs/${orgId}/modifier`, associationForm({ name: 'Renommée par un membre', rna: 'W943000001' }))
      assert.equal(edit.statusCode, 403)

      const outsider = new Client(t.app)
      await outsider.signUp('autre@example.org')
      await outsider.post('/acteurs/nouveau', associationForm({ name: 'Autre association', rna: 'W943007777' }))
      assert.equal((await outsider.get(`/acteurs/${orgId}/modifier`)).statusCode, 404)
      assert.equal((await outsider.get(`/acteurs/${orgId}/membres`)).statusCode, 404)
      const forged = await outsider.post(`/acteurs/${orgId}/modifier`, associationForm({ name: 'Piratée', rna: 'W943000001' }))
      assert.equal(forged.statusCode, 404)
      const api = await outsider.json('PUT', `/api/v1/organisations/${orgId}`, { name: 'Piratée', world: 'association', seat_commune_code: '94080', perimeter: ['commune:94080'] })
      assert.equal(api.statusCode, 404)
      const org = await t.db.selectFrom('organisations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow()
      assert.equal(org.name, 'Association de référence')
      // The public profile stays public.
      assert.equal((await new Client(t.app).get(`/acteurs/${orgId}`)).statusCode, 200)
    })

    test('an admin edits the profile', async () => {
      const res = await admin.post(`/acteurs/${orgId}/modifier`, associationForm({ name: 'Association de référence (renommée)', rna: 'W943000001', sdgs: ['4'] }))
      assert.equal(res.statusCode, 303)
      const org = await t.db.selectFrom('organisations').select(['name', 'search_name']).where('id', '=', orgId).executeTakeFirstOrThrow()
      assert.equal(org.name, 'Association de référence (renommée)')
      assert.equal(org.search_name, 'association de reference renommee')
      const sdgs = await t.db.selectFrom('organisation_sdgs').select('sdg').where('organisation_id', '=', orgId).execute()
      assert.deepEqual(sdgs.map((s) => s.sdg), [4])
    })

    test('the organisations seated in each territory are counted and listed by name as they are registered, moved, renamed and deleted', async () => {
      // What the triggers keep, and the same counted from the organisations and the closure.
      const placed = async () =>
        (await t.db.selectFrom('territory_organisations').select(['territory_id', 'search_name', 'organisation_id']).execute()).map((r) => `${r.territory_id} ${r.organisation_id} ${r.search_name}`).sort()
      const derived = async () =>
        (
          await t.db
            .selectFrom('organisations')
            .innerJoin('territory_closure', 'territory_closure.descendant_id', 'organisations.seat_commune_id')
            .select(['territory_closure.ancestor_id', 'organisations.id', 'organisations.search_name'])
            .execute()
        )
          .map((r) => `${r.ancestor_id} ${r.id} ${r.search_name}`)
          .sort()
      const kept = async () =>
        Object.fromEntries((await t.db.selectFrom('territory_organisation_counts').select(['territory_id', 'n']).where('n', '<>', 0).execute()).map((r) => [r.territory_id, Number(r.n)]))
      const counted = async () =>
        Object.fromEntries(
          (
            await t.db
              .selectFrom('organisations')
              .innerJoin('territory_closure', 'territory_closure.descendant_id', 'organisations.seat_commune_id')
              .select(['territory_closure.ancestor_id', (eb) => eb.fn.countAll().as('n')])
              .groupBy('territory_closure.ancestor_id')
              .execute()
          ).map((r) => [r.ancestor_id, Number(r.n)]),
        )
      const vincennes = 'commune:94080'
      const before = await kept()
      assert.deepEqual(before, await counted())
      const placedBefore = await placed()
      assert.deepEqual(placedBefore, await derived())
      const res = await admin.post('/acteurs/nouveau', associationForm({ name: 'Association comptée', rna: 'W943000077' }))
      assert.equal(res.statusCode, 303, res.body)
      const id = String(res.headers.location).split('/').pop() as string
      const registered = await kept()
      assert.equal(registered[vincennes], (before[vincennes] ?? 0) + 1)
      assert.equal(registered['departement:94'], (before['departement:94'] ?? 0) + 1)
      assert.equal(registered['region:11'], (before['region:11'] ?? 0) + 1)
      assert.deepEqual(registered, await counted())
      assert.deepEqual(await placed(), await derived())
      assert.ok((await placed()).includes(`departement:94 ${id} association comptee`))
      // Moved to Montreuil (Seine-Saint-Denis): out of Vincennes and the Val-de-Marne, still in the région.
      await t.db.updateTable('organisations').set({ seat_commune_id: 'commune:93048' }).where('id', '=', id).execute()
      const moved = await kept()
      assert.equal(moved[vincennes] ?? 0, before[vincennes] ?? 0)
      assert.equal(moved['departement:94'] ?? 0, before['departement:94'] ?? 0)
      assert.equal(moved['commune:93048'], (before['commune:93048'] ?? 0) + 1)
      assert.equal(moved['region:11'], (before['region:11'] ?? 0) + 1)
      assert.deepEqual(moved, await counted())
      assert.deepEqual(await placed(), await derived())
      // A rename alone moves nothing; its new name is where it is listed. A seat set to the one it had keeps its rows.
      await t.db.updateTable('organisations').set({ name: 'Association comptée (renommée)', search_name: 'association comptee renommee' }).where('id', '=', id).execute()
      assert.deepEqual(await kept(), moved)
      assert.deepEqual(await placed(), await derived())
      assert.ok((await placed()).includes(`region:11 ${id} association comptee renommee`))
      await t.db.updateTable('organisations').set({ seat_commune_id: 'commune:93048' }).where('id', '=', id).execute()
      assert.deepEqual(await kept(), moved)
      assert.deepEqual(await placed(), await derived())
      // A new geography rebuilds both from the closure: the same rows.
      const placedMoved = await placed()
      await loadGeography(t.db, testGeography(), { force: true })
      assert.deepEqual(await kept(), moved)
      assert.deepEqual(await placed(), placedMoved)
      await t.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('memberships').where('organisation_id', '=', id).execute()
        await trx.deleteFrom('organisation_perimeters').where('organisation_id', '=', id).execute()
        await trx.deleteFrom('organisation_sdgs').where('organisation_id', '=', id).execute()
        await trx.deleteFrom('organisations').where('id', '=', id).execute()
      })
      assert.deepEqual(await kept(), before)
      assert.deepEqual(await placed(), placedBefore)
      // The directory of a territory reads its count from them.
      const page = await new Client(t.app).get('/acteurs?territoire=departement:94')
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), new RegExp(`${before['departement:94']} acteurs?`))
    })

    test('the last admin cannot be removed or demoted (409); an invitation for an existing member is refused', async () => {
      const adminUser = await t.db.selectFrom('users').select('id').where('email', '=', 'admin@example.org').executeTakeFirstOrThrow()
      const demote = await admin.post(`/acteurs/${orgId}/membres/${adminUser.id}/role`, { role: 'member' })
      assert.equal(demote.statusCode, 409)
      assert.match(textOf(demote.body), /au moins un administrateur/)
      const role = await t.db.selectFrom('memberships').select('role').where('organisation_id', '=', orgId).where('user_id', '=', adminUser.id).executeTakeFirstOrThrow()
      assert.equal(role.role, 'admin')
      const again = await admin.post(`/acteurs/${orgId}/invitations`, { email: 'membre@example.org', role: 'member' })
      assert.equal(again.statusCode, 409)
      assert.match(textOf(again.body), /déjà membre/)
    })

    test('two admins demoting each other at the same time leave exactly one admin', async () => {
      const other = new Client(t.app)
      await other.signUp('co-admin@example.org')
      const created = await other.post('/acteurs/nouveau', associationForm({ name: 'Duo', rna: 'W943005555' }))
      const duoId = String(created.headers.location).split('/').pop() as string
      const invite = await other.post(`/acteurs/${duoId}/invitations`, { email: 'admin@example.org', role: 'admin' })
      const link = /http:\/\/alliance\.test(\/invitations\/[A-Za-z0-9_-]+)/.exec(invite.body)?.[1] as string
      assert.equal((await admin.post(link)).statusCode, 303)
      const ids = await t.db.selectFrom('users').select(['id', 'email']).where('email', 'in', ['admin@example.org', 'co-admin@example.org']).execute()
      const idOf = (email: string) => ids.find((u) => u.email === email)?.id as string
      const [tokenA, tokenB] = await Promise.all([admin.csrf(), other.csrf()])
      const results = await Promise.all([
        admin.post(`/acteurs/${duoId}/membres/${idOf('co-admin@example.org')}/role`, { role: 'member' }, { csrf: tokenA }),
        other.post(`/acteurs/${duoId}/membres/${idOf('admin@example.org')}/role`, { role: 'member' }, { csrf: tokenB }),
      ])
      // One wins; the other is refused: 409 if it ran concurrently (last admin), 403 if it started after the
      // first one ended (its author is no longer an admin).
      const statuses = results.map((r) => r.statusCode).sort()
      assert.equal(statuses[0], 303)
      assert.ok(statuses[1] === 409 || statuses[1] === 403, String(statuses[1]))
      const admins = await t.db.selectFrom('memberships').select('user_id').where('organisation_id', '=', duoId).where('role', '=', 'admin').execute()
      assert.equal(admins.length, 1)
    })

    test('an invitation only works for its e-mail, once', async () => {
      const invite = await admin.post(`/acteurs/${orgId}/invitations`, { email: 'invitee@example.org', role: 'admin' })
      const link = /http:\/\/alliance\.test(\/invitations\/[A-Za-z0-9_-]+)/.exec(invite.body)?.[1] as string
      const wrong = new Client(t.app)
      await wrong.signUp('pas-invitee@example.org')
      const refused = await wrong.post(link)
      assert.equal(refused.statusCode, 403)
      const right = new Client(t.app)
      await right.signUp('invitee@example.org')
      assert.equal((await right.post(link)).statusCode, 303)
      const reuse = await wrong.post(link)
      assert.equal(reuse.statusCode, 410)
      assert.equal((await right.get(link)).statusCode, 410)
      assert.equal((await right.get('/invitations/pas-un-jeton')).statusCode, 410)
    })

    test('JSON API: list with filters, read, create and update with the same rules', async () => {
      const list = await admin.get('/api/v1/organisations?territory=departement:94&world=association')
      assert.equal(list.statusCode, 200)
      const body = list.json() as { data: Array<{ name: string }>; total: number }
      assert.ok(body.total >= 1)
      const bad = await admin.get('/api/v1/organisations?per_page=1000')
      assert.equal(bad.statusCode, 400)
      assert.equal((bad.json() as { code: string }).code, 'ALLIANCE_ERR_VALIDATION')
      const created = await admin.json('POST', '/api/v1/organisations', { name: 'Créée par l’API', world: 'fondation', seat_commune_code: '94052', perimeter: ['ept:200057941'], sdgs: [17] })
      assert.equal(created.statusCode, 201, created.body)
      const data = (created.json() as { data: { id: string; perimeter: Array<{ id: string }>; seat: { code: string } } }).data
      assert.equal(data.seat.code, '94052')
      assert.deepEqual(data.perimeter.map((p) => p.id), ['ept:200057941'])
      const invalid = await admin.json('POST', '/api/v1/organisations', { name: 'X', world: 'martien', seat_commune_code: '94052', perimeter: [] })
      assert.equal(invalid.statusCode, 400)
      const problem = invalid.json() as { errors: Array<{ field: string }> }
      assert.ok(problem.errors.some((e) => e.field === 'name' || e.field === 'world' || e.field === 'perimeter'))
      const read = await new Client(t.app).get(`/api/v1/organisations/${data.id}`)
      assert.equal(read.statusCode, 200)
      assert.equal((await new Client(t.app).get('/api/v1/organisations/00000000-0000-7000-8000-000000000000')).statusCode, 404)
      const updated = await admin.json('PUT', `/api/v1/organisations/${data.id}`, { name: 'Renommée par l’API', world: 'fondation', seat_commune_code: '94052', perimeter: ['commune:94052'] })
      assert.equal(updated.statusCode, 200)
      const row = await t.db.selectFrom('organisations').select('name').where('id', '=', data.id).executeTakeFirstOrThrow()
      assert.equal(row.name, 'Renommée par l’API')
    })

    test('directory: text, world and SDG filters, pagination, place search', async () => {
      const res = await admin.get('/acteurs?q=amis+du+bois')
      assert.match(textOf(res.body), /Les Amis du Bois de Vincennes/)
      const none = await admin.get('/acteurs?q=zzzzzz')
      assert.match(textOf(none.body), /Aucun acteur ne correspond/)
      const place = await admin.get('/acteurs?lieu=Val-de-Marne')
      assert.match(textOf(place.body), /Acteurs implantés dans : Val-de-Marne \(94\)/)
      const junk = await admin.get('/acteurs?page=-3&odd=99&monde=martien')
      assert.equal(junk.statusCode, 200)
    })

    test('a private page of an unknown or malformed id answers 404', async () => {
      assert.equal((await admin.get('/acteurs/not-an-id')).statusCode, 404)
      assert.equal((await admin.get('/acteurs/00000000-0000-7000-8000-000000000000/membres')).statusCode, 404)
    })
  })
}
