/**
 * Routes of needs, resources, matches, search, the territory dashboard and the JSON API, on SQLite and
 * PostgreSQL: authentication, invalid input (nothing written), happy paths asserting on the database.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type Form, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

function needForm(organisationId: string, overrides: Form = {}): Form {
  return {
    organisation_id: organisationId,
    title: 'Des tuteurs pour les collégiens',
    description: 'Deux soirs par semaine, nous manquons d’adultes pour l’aide aux devoirs.',
    domain: 'education_jeunesse',
    territory: 'Vincennes',
    types: ['mecenat_competences', 'benevolat'],
    skills: 'mathématiques',
    skill_hours: '20',
    skill_people: '3',
    volunteer_people: '5',
    volunteer_hours: '10',
    horizon: 'moyen',
    ...overrides,
  }
}

function resourceForm(organisationId: string, overrides: Form = {}): Form {
  return {
    organisation_id: organisationId,
    kind: 'ressource',
    title: 'Ingénieurs volontaires',
    description: 'Nos ingénieurs donnent du temps aux associations du territoire.',
    contribution_type: 'mecenat_competences',
    hours: '30',
    people: '4',
    skills: 'mathématiques, informatique',
    domains: ['education_jeunesse', 'numerique'],
    sdgs: ['4'],
    ...overrides,
  }
}

async function organisation(client: Client, email: string, name: string, world: string, seat: string, extra: Form = {}): Promise<string> {
  await client.signUp(email)
  const res = await client.post('/acteurs/nouveau', { name, world, seat, perimeter_levels: ['commune'], ...extra })
  assert.equal(res.statusCode, 303, res.body)
  return String(res.headers.location).split('/').pop() as string
}

for (const dialect of DIALECTS) {
  describe(`listening routes [${dialect.name}]`, () => {
    let t: TestApp
    let association: Client
    let company: Client
    let associationId: string
    let companyId: string
    before(async () => {
      t = await buildTestApp(dialect)
      association = new Client(t.app)
      company = new Client(t.app)
      associationId = await organisation(association, 'asso@example.org', 'Réussir à Vincennes', 'association', '94300')
      companyId = await organisation(company, 'entreprise@example.org', 'Numérique de Fontenay', 'entreprise', '94120')
    })
    after(() => t.close())

    const count = async (table: 'needs' | 'resources') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    test('requires authentication to publish or edit (pages redirect, the API answers 401), nothing is written', async () => {
      const anonymous = new Client(t.app)
      for (const url of ['/besoins/nouveau', '/ressources/nouvelle']) {
        const res = await anonymous.get(url)
        assert.equal(res.statusCode, 303)
        assert.match(String(res.headers.location), /^\/connexion/)
      }
      const res = await anonymous.post('/besoins/nouveau', needForm(associationId))
      assert.equal(res.statusCode, 303)
      const api = await anonymous.json('POST', '/api/v1/needs', { organisation_id: associationId }, { csrf: null })
      assert.equal(api.statusCode, 401)
      assert.equal(await count('needs'), 0)
    })

    test('rejects invalid input with an error summary naming each field, and stores nothing', async () => {
      const res = await association.post('/besoins/nouveau', needForm(associationId, { title: '', domain: 'martien', types: [], horizon: '' }))
      assert.equal(res.statusCode, 400)
      const text = textOf(res.body)
      assert.match(text, /Ce champ est obligatoire/)
      assert.match(text, /Choisissez un domaine d’action dans la liste/)
      assert.match(text, /Cochez au moins une aide recherchée/)
      assert.match(res.body, /href="#champ-title"/)
      const place = await association.post('/besoins/nouveau', needForm(associationId, { territory: 'Atlantide' }))
      assert.equal(place.statusCode, 400)
      assert.match(textOf(place.body), /Aucun territoire ne correspond à « Atlantide »/)
      const range = await association.post('/besoins/nouveau', needForm(associationId, { types: ['mecenat_financier'], amount_min: '5000', amount_max: '100' }))
      assert.equal(range.statusCode, 400)
      assert.match(textOf(range.body), /Le maximum doit être supérieur ou égal au minimum/)
      const resource = await company.post('/ressources/nouvelle', resourceForm(companyId, { contribution_type: 'rien', available_from: 'demain' }))
      assert.equal(resource.statusCode, 400)
      assert.match(textOf(resource.body), /Choisissez une forme de contribution dans la liste/)
      assert.match(textOf(resource.body), /AAAA-MM-JJ/)
      // Publishing for an organisation one does not belong to is refused without saying it exists.
      const forged = await company.post('/besoins/nouveau', needForm(associationId))
      assert.equal(forged.statusCode, 404)
      const api = await association.json('POST', '/api/v1/needs', { organisation_id: associationId, title: 'x' })
      assert.equal(api.statusCode, 400)
      assert.equal((api.json() as { code: string }).code, 'ALLIANCE_ERR_VALIDATION')
      assert.equal(await count('needs'), 0)
      assert.equal(await count('resources'), 0)
    })

    test('happy path: a need is stored with its territory levels, SDGs from its domain and the help sought', async () => {
      const res = await association.post('/besoins/nouveau', needForm(associationId))
      assert.equal(res.statusCode, 303, res.body)
      const id = String(res.headers.location).split('/').pop() as string
      const need = await t.db.selectFrom('needs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(need.territory_id, 'commune:94080')
      assert.equal(need.terr_ept_id, 'ept:200057941')
      assert.equal(need.terr_departement_id, 'departement:94')
      assert.equal(need.status, 'ouvert')
      assert.equal(need.world, 'association')
      assert.equal(need.sdg_mask, (1 << 3) | (1 << 9), 'SDGs 4 and 10, suggested by the domain')
      const help = await t.db.selectFrom('need_contributions').selectAll().where('need_id', '=', id).orderBy('contribution_type').execute()
      assert.deepEqual(help.map((h) => [h.contribution_type, h.hours, h.people]), [
        ['benevolat', 10, 5],
        ['mecenat_competences', 20, 3],
      ])
      const page = await association.get(`/besoins/${id}`)
      assert.match(textOf(page.body), /Le besoin « Des tuteurs pour les collégiens » est publié/)
      assert.match(page.body, /href="\/lexique#domain-education_jeunesse"/)
      // Found by the full-text search without accents, in the plural.
      const list = await new Client(t.app).get('/besoins?q=collegien&territoire=departement:94')
      assert.match(textOf(list.body), /Des tuteurs pour les collégiens/)
    })

    test('happy path: a resource without a reach reaches its seat’s département; a national one says France', async () => {
      const res = await company.post('/ressources/nouvelle', resourceForm(companyId))
      assert.equal(res.statusCode, 303, res.body)
      const id = String(res.headers.location).split('/').pop() as string
      const row = await t.db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.reach_territory_id, 'departement:94')
      assert.equal(row.seat_commune_id, 'commune:94033')
      assert.equal(row.status, 'disponible')
      const national = await company.post('/ressources/nouvelle', resourceForm(companyId, { title: 'Fonds national', contribution_type: 'mecenat_financier', amount_max: '20000', reach: 'France' }))
      assert.equal(national.statusCode, 303)
      const nationalRow = await t.db.selectFrom('resources').select(['reach_territory_id', 'amount_max_cents']).where('title', '=', 'Fonds national').executeTakeFirstOrThrow()
      assert.deepEqual(nationalRow, { reach_territory_id: 'national', amount_max_cents: 2000000 })
    })

    test('matches, both ways, with their reasons in words; the JSON API says the same', async () => {
      const need = await t.db.selectFrom('needs').select('id').where('organisation_id', '=', associationId).executeTakeFirstOrThrow()
      const resource = await t.db.selectFrom('resources').select('id').where('title', '=', 'Ingénieurs volontaires').executeTakeFirstOrThrow()
      const page = await company.get(`/ressources/${resource.id}/correspondances`)
      assert.equal(page.statusCode, 200)
      const text = textOf(page.body)
      assert.match(text, /Des tuteurs pour les collégiens/)
      assert.match(text, /Mécénat de compétences demandé et proposé/)
      assert.match(text, /Même intercommunalité/)
      assert.match(text, /Un autre monde : association ↔ entreprise/)
      assert.match(text, /ODD 4 en commun/)
      assert.match(page.body, new RegExp(`/mises-en-relation/nouvelle\\?besoin=${need.id}&amp;ressource=${resource.id}`))
      const api = await new Client(t.app).get(`/api/v1/needs/${need.id}/matches`)
      assert.equal(api.statusCode, 200)
      const body = api.json() as { data: Array<{ resource: { id: string }; score: number; reasons: Array<{ code: string; label: string }> }> }
      assert.equal(body.data[0]?.resource.id, resource.id)
      assert.ok(body.data[0]?.reasons.some((r) => r.label === 'Même intercommunalité'))
      const reverse = await new Client(t.app).get(`/api/v1/resources/${resource.id}/matches`)
      assert.equal((reverse.json() as { data: Array<{ need: { id: string } }> }).data[0]?.need.id, need.id)
      assert.equal((await new Client(t.app).get('/api/v1/needs/00000000-0000-7000-8000-000000000000/matches')).statusCode, 404)
      assert.equal((await new Client(t.app).get('/besoins/pas-un-id/correspondances')).statusCode, 404)
    })

    test('only members edit: an outsider gets 404 and nothing changes; a member edits and the status follows', async () => {
      const need = await t.db.selectFrom('needs').select('id').where('organisation_id', '=', associationId).executeTakeFirstOrThrow()
      assert.equal((await company.get(`/besoins/${need.id}/modifier`)).statusCode, 404)
      const forged = await company.post(`/besoins/${need.id}/modifier`, needForm(associationId, { title: 'Piraté' }))
      assert.equal(forged.statusCode, 404)
      const api = await company.json('PUT', `/api/v1/needs/${need.id}`, { organisation_id: associationId, title: 'Piraté', description: 'Une description piratée.', domain: 'sante', territory_id: 'commune:94080', contributions: [{ type: 'benevolat' }], horizon: 'court' })
      assert.equal(api.statusCode, 404)
      assert.equal((await t.db.selectFrom('needs').select('title').where('id', '=', need.id).executeTakeFirstOrThrow()).title, 'Des tuteurs pour les collégiens')
      const edit = await association.get(`/besoins/${need.id}/modifier`)
      assert.equal(edit.statusCode, 200)
      assert.match(edit.body, /value="20"/)
      const saved = await association.post(`/besoins/${need.id}/modifier`, needForm(associationId, { title: 'Des tuteurs pour les collégiens de Vincennes', status: 'en_discussion', sdgs: ['4'] }))
      assert.equal(saved.statusCode, 303)
      const row = await t.db.selectFrom('needs').select(['title', 'status', 'sdg_mask']).where('id', '=', need.id).executeTakeFirstOrThrow()
      assert.deepEqual(row, { title: 'Des tuteurs pour les collégiens de Vincennes', status: 'en_discussion', sdg_mask: 1 << 3 })
    })

    test('JSON API: list with filters, read, create and update resources with the same rules', async () => {
      const list = await new Client(t.app).get('/api/v1/needs?territory=departement:94&domain=education_jeunesse&contribution_type=benevolat')
      assert.equal(list.statusCode, 200)
      assert.equal((list.json() as { total: number }).total, 1)
      const none = await new Client(t.app).get('/api/v1/needs?territory=departement:42')
      assert.equal((none.json() as { total: number }).total, 0)
      assert.equal((await new Client(t.app).get('/api/v1/needs?per_page=1000')).statusCode, 400)
      const created = await company.json('POST', '/api/v1/resources', { organisation_id: companyId, kind: 'envie', title: 'Envie de jardiner', description: 'Nos salariés veulent aider les jardins partagés.', contribution_type: 'benevolat', hours: 6, people: 10, reach_territory_id: 'ept:200057941', domains: ['environnement_biodiversite'], sdgs: [15] })
      assert.equal(created.statusCode, 201, created.body)
      const data = (created.json() as { data: { id: string; reach: { id: string }; kind: string } }).data
      assert.equal(data.reach.id, 'ept:200057941')
      assert.equal(data.kind, 'envie')
      const bad = await company.json('POST', '/api/v1/resources', { organisation_id: companyId, kind: 'envie', title: 'x', description: 'court', contribution_type: 'benevolat', reach_territory_id: 'lune:1' })
      assert.equal(bad.statusCode, 400)
      const updated = await company.json('PUT', `/api/v1/resources/${data.id}`, { organisation_id: companyId, kind: 'envie', title: 'Envie de jardiner ensemble', description: 'Nos salariés veulent aider les jardins partagés.', contribution_type: 'benevolat', status: 'suspendue' })
      assert.equal(updated.statusCode, 200, updated.body)
      const row = await t.db.selectFrom('resources').select(['title', 'status', 'reach_territory_id']).where('id', '=', data.id).executeTakeFirstOrThrow()
      assert.deepEqual(row, { title: 'Envie de jardiner ensemble', status: 'suspendue', reach_territory_id: 'departement:94' })
      const read = await new Client(t.app).get(`/api/v1/resources/${data.id}`)
      assert.equal((read.json() as { data: { status: string } }).data.status, 'suspendue')
      const resources = await new Client(t.app).get('/api/v1/resources?q=jardin&status=suspendue')
      assert.equal((resources.json() as { total: number }).total, 1)
      const openapi = (await new Client(t.app).get('/api/openapi.json')).json() as { paths: Record<string, unknown> }
      for (const path of ['/api/v1/needs', '/api/v1/needs/{id}/matches', '/api/v1/resources/{id}/matches', '/api/v1/resources/{id}']) assert.ok(path in openapi.paths, path)
    })

    test('JSON API: a whitespace-only title is empty (400), acting for another organisation is 404, nothing is written', async () => {
      const needs = await count('needs')
      const resources = await count('resources')
      const body = { organisation_id: associationId, title: '   ', description: 'Une description assez longue pour le test.', domain: 'sante', territory_id: 'commune:94080', contributions: [{ type: 'benevolat' }], horizon: 'court' }
      const blank = await association.json('POST', '/api/v1/needs', body)
      assert.equal(blank.statusCode, 400)
      const problem = blank.json() as { code: string; errors: Array<{ field: string; message: string }> }
      assert.equal(problem.code, 'ALLIANCE_ERR_VALIDATION')
      assert.deepEqual(problem.errors.map((e) => e.field), ['title'])
      assert.match(String(blank.headers['content-type']), /problem\+json/)
      const form = await association.post('/besoins/nouveau', needForm(associationId, { title: '  \t ' }))
      assert.equal(form.statusCode, 400)
      assert.match(textOf(form.body), /Ce champ est obligatoire/)
      // A valid body for an organisation one does not belong to: 404, as for an object one may not see.
      const forged = await company.json('POST', '/api/v1/needs', { ...body, title: 'Un besoin piraté' })
      assert.equal(forged.statusCode, 404)
      const forgedResource = await association.json('POST', '/api/v1/resources', { organisation_id: companyId, kind: 'ressource', title: 'Une ressource piratée', description: 'Une description assez longue.', contribution_type: 'benevolat' })
      assert.equal(forgedResource.statusCode, 404)
      // Replacing one's own need while naming another organisation: 404 when one is not its member.
      const need = await t.db.selectFrom('needs').select('id').where('organisation_id', '=', associationId).executeTakeFirstOrThrow()
      const moved = await association.json('PUT', `/api/v1/needs/${need.id}`, { ...body, organisation_id: companyId, title: 'Déplacé' })
      assert.equal(moved.statusCode, 404)
      assert.equal(await count('needs'), needs)
      assert.equal(await count('resources'), resources)
      assert.notEqual((await t.db.selectFrom('needs').select('title').where('id', '=', need.id).executeTakeFirstOrThrow()).title, 'Déplacé')
    })

    test('every list of the API pages the same way: past the last page, data is empty and the totals are given', async () => {
      const anonymous = new Client(t.app)
      const first = (await anonymous.get('/api/v1/needs?per_page=1')).json() as { data: unknown[]; total: number; page: number; per_page: number; page_count: number; total_capped: boolean }
      assert.equal(first.data.length, 1)
      assert.equal(first.per_page, 1)
      assert.equal(first.page_count, first.total)
      for (const url of ['/api/v1/needs?page=50', '/api/v1/resources?page=50', '/api/v1/needs?q=tuteurs&page=50', '/api/v1/resources?territory=departement:94&page=50&per_page=5']) {
        const res = await anonymous.get(url)
        assert.equal(res.statusCode, 200, url)
        const page = res.json() as { data: unknown[]; total: number; page: number; page_count: number; total_capped: boolean }
        assert.deepEqual(page.data, [], url)
        assert.equal(page.page, 50, url)
        assert.ok(page.total > 0, `${url}: the totals are still given`)
        assert.ok(page.page_count < 50, url)
        assert.equal(page.total_capped, false)
      }
      const need = await t.db.selectFrom('needs').select('id').where('organisation_id', '=', associationId).executeTakeFirstOrThrow()
      const resource = await t.db.selectFrom('resources').select('id').where('title', '=', 'Ingénieurs volontaires').executeTakeFirstOrThrow()
      for (const url of [`/api/v1/needs/${need.id}/matches`, `/api/v1/resources/${resource.id}/matches`]) {
        const page1 = (await anonymous.get(`${url}?per_page=1`)).json() as { data: unknown[]; total: number; page_count: number }
        assert.equal(page1.data.length, 1, url)
        const past = (await anonymous.get(`${url}?page=9`)).json() as { data: unknown[]; total: number; page: number }
        assert.deepEqual(past.data, [], url)
        assert.equal(past.total, page1.total, url)
        assert.equal(past.page, 9)
      }
      assert.equal((await anonymous.get(`/api/v1/needs/${need.id}/matches?per_page=51`)).statusCode, 400)
    })

    test('an invalid filter is dropped and named; the valid ones, the words included, still apply', async () => {
      const anonymous = new Client(t.app)
      const search = await anonymous.get('/recherche?q=tuteurs&domaine=nope&type=besoins')
      assert.equal(search.statusCode, 200)
      const text = textOf(search.body)
      assert.match(text, /Des tuteurs pour les collégiens/, 'the words still apply')
      assert.match(text, /Un filtre n’a pas été appliqué : Domaine d’action — Choisissez une des valeurs proposées/)
      const elsewhere = textOf((await anonymous.get('/recherche?q=tuteurs&odd=99&territoire=departement:42&type=besoins')).body)
      assert.match(elsewhere, /Aucun besoin/, 'the territory still applies')
      assert.match(elsewhere, /ODD — /)
      const list = textOf((await anonymous.get('/besoins?q=collegien&statut=perdu')).body)
      assert.match(list, /Des tuteurs pour les collégiens/)
      assert.match(list, /Statut — Choisissez une des valeurs proposées/)
      const clean = textOf((await anonymous.get('/besoins?q=collegien')).body)
      assert.doesNotMatch(clean, /pas été appliqué/)
    })

    test('search across needs, resources and actors: accents, plurals, territory inside, filters, junk tolerated', async () => {
      const all = textOf((await new Client(t.app).get('/recherche?q=ingenieur&lieu=Val-de-Marne')).body)
      assert.match(all, /Ingénieurs volontaires/)
      assert.match(all, /Dans : Val-de-Marne/)
      const actors = textOf((await new Client(t.app).get('/recherche?q=numerique&type=acteurs')).body)
      assert.match(actors, /Numérique de Fontenay/)
      const filtered = textOf((await new Client(t.app).get('/recherche?q=tuteurs&type=besoins&contribution=lieu')).body)
      assert.match(filtered, /Aucun besoin/)
      const elsewhere = textOf((await new Client(t.app).get('/recherche?q=tuteur&territoire=departement:42&type=besoins')).body)
      assert.match(elsewhere, /Aucun besoin/)
      const junk = await new Client(t.app).get('/recherche?q=%22%27*()&odd=99&page=-1&type=martiens')
      assert.equal(junk.statusCode, 200)
    })

    test('territory pages show the listening dashboard as SVG bar charts with data tables; profiles list needs and resources', async () => {
      const page = await new Client(t.app).get('/territoires/commune/94080')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /<h2 id="ecoute">Écoute du territoire<\/h2>/)
      assert.match(page.body, /<svg viewBox="0 0 360 \d+" role="img" aria-labelledby="ecoute-domaines-title">/)
      assert.match(page.body, /<title id="ecoute-domaines-title">Besoins ouverts par domaine<\/title>/)
      assert.match(page.body, /<table class="data-table">/)
      assert.match(textOf(page.body), /Éducation et jeunesse/)
      const profile = await new Client(t.app).get(`/acteurs/${associationId}`)
      assert.match(textOf(profile.body), /Besoins publiés/)
      assert.match(textOf(profile.body), /Des tuteurs pour les collégiens de Vincennes/)
    })
  })
}

for (const dialect of DIALECTS) {
  describe(`listening demo data [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
    })
    after(() => t.close())

    test('the pilot territory gets about 80 needs and 120 resources, deterministic, flagged demo, searchable, idempotently', async () => {
      const { loadDemo, demoId } = await import('../demo/index.js')
      await loadDemo(t.db)
      await loadDemo(t.db)
      const needs = await t.db.selectFrom('needs').select(['id', 'is_demo', 'territory_id']).execute()
      const resources = await t.db.selectFrom('resources').select(['id', 'is_demo', 'contribution_type']).execute()
      assert.equal(needs.length, 80)
      assert.equal(resources.length, 120)
      assert.ok(needs.every((n) => n.is_demo === 1) && resources.every((r) => r.is_demo === 1))
      assert.ok(needs.some((n) => n.id === demoId('need:0:Parrainer des jeunes des quartiers vers l’emploi')))
      assert.equal(new Set(resources.map((r) => r.contribution_type)).size, 9, 'every kind of contribution is offered')
      const page = await new Client(t.app).get('/territoires/ept/200057941')
      assert.match(textOf(page.body), /Besoins orphelins, par domaine/)
      const search = (await new Client(t.app).get('/api/v1/needs?q=jeunes&territory=ept:200057941')).json() as { total: number }
      assert.ok(search.total > 0)
    })
  })
}
