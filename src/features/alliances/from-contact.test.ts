/**
 * From connection to alliance (issue 4, item 7): an accepted mise en relation offers "Créer une alliance",
 * pre-filled with both organisations and the need; the other organisation is invited at creation and the
 * journal records the alliance's origin. Before acceptance the seed is refused (409); outsiders get 404.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'

async function organisation(client: Client, email: string, name: string, world: string, seat: string): Promise<string> {
  await client.signUp(email, 'un mot de passe très long', `Personne ${name}`)
  const res = await client.post('/acteurs/nouveau', { name, world, seat, perimeter_levels: ['commune', 'departement'] })
  assert.equal(res.statusCode, 303, res.body)
  return String(res.headers.location).split('/').pop() as string
}

for (const dialect of DIALECTS) {
  describe(`alliance from an accepted connection [${dialect.name}]`, () => {
    let t: TestApp
    let association: Client
    let company: Client
    let associationId: string
    let companyId: string
    let requestId: string

    before(async () => {
      t = await buildTestApp(dialect)
      association = new Client(t.app)
      company = new Client(t.app)
      associationId = await organisation(association, 'asso@example.org', 'Jardins du Plateau', 'association', '94017')
      companyId = await organisation(company, 'rse@example.org', 'Bâtir Ensemble', 'entreprise', '94017')
      const need = await association.post('/besoins/nouveau', { organisation_id: associationId, title: 'Des outils pour le jardin', description: 'Pelles, râteaux et brouettes pour les jardiniers.', domain: 'alimentation', territory: 'Champigny-sur-Marne', types: ['mecenat_nature'], details_mecenat_nature: 'outillage', horizon: 'court' })
      const needId = String(need.headers.location).split('/').pop() as string
      const resource = await company.post('/ressources/nouvelle', { organisation_id: companyId, kind: 'ressource', title: 'Outillage à donner', description: 'Des outils en bon état après un chantier.', contribution_type: 'mecenat_nature', items: 'outillage', domains: ['alimentation'] })
      const resourceId = String(resource.headers.location).split('/').pop() as string
      const sent = await company.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: resourceId, message: 'Bonjour, nous avons des outils pour vos jardiniers.' })
      assert.equal(sent.statusCode, 303, sent.body)
      requestId = String(sent.headers.location).split('/').pop() as string
    })
    after(() => t.close())

    const alliances = async () => Number((await t.db.selectFrom('alliances').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    test('requires authentication', async () => {
      const res = await new Client(t.app).get(`/alliances/nouvelle?mise_en_relation=${requestId}`)
      assert.equal(res.statusCode, 303)
      assert.match(String(res.headers.location), /^\/connexion/)
    })

    test('rejects a seed before acceptance (409) and from outsiders (404); a malformed id is 404; nothing is written', async () => {
      const early = await company.get(`/alliances/nouvelle?mise_en_relation=${requestId}`)
      assert.equal(early.statusCode, 409)
      assert.match(textOf(early.body), /mise en relation acceptée/)
      const outsider = new Client(t.app)
      await organisation(outsider, 'autre@example.org', 'Autre', 'association', '94080')
      assert.equal((await outsider.get(`/alliances/nouvelle?mise_en_relation=${requestId}`)).statusCode, 404)
      assert.equal((await outsider.get('/alliances/nouvelle?mise_en_relation=pas-un-id')).statusCode, 404)
      const forged = await outsider.post('/alliances/nouvelle', { mise_en_relation: requestId, name: 'Détournée', stakes: 'x', territories: 'Vincennes', form: 'dialogue_territorial', phase: 'emergence', started_on: '2026-01-01', visibility: 'public' })
      assert.equal(forged.statusCode, 404)
      assert.equal(await alliances(), 0)
    })

    test('happy path: the accepted request offers the alliance, pre-filled; creating it invites the other organisation and dates its origin', async () => {
      const accepted = await association.post(`/mises-en-relation/${requestId}/accepter`)
      assert.equal(accepted.statusCode, 303)
      const page = await company.get(`/mises-en-relation/${requestId}`)
      assert.ok(page.body.includes(`href="/alliances/nouvelle?mise_en_relation=${requestId}"`), 'the request page offers "Créer une alliance"')
      const form = await company.get(`/alliances/nouvelle?mise_en_relation=${requestId}`)
      assert.equal(form.statusCode, 200)
      assert.match(textOf(form.body), /naît de la mise en relation autour du besoin « Des outils pour le jardin »/)
      const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.body)?.[1]
      assert.equal(value('name'), 'Alliance — Des outils pour le jardin')
      assert.equal(value('territories'), 'commune:94017')
      assert.equal(value('mise_en_relation'), requestId)
      const created = await company.post('/alliances/nouvelle', {
        mise_en_relation: requestId,
        name: 'Des outils pour les jardins de Champigny',
        stakes: 'Équiper les jardiniers du plateau.',
        territories: 'commune:94017',
        form: 'partenariats_organisations',
        phase: 'emergence',
        coordinator: companyId,
        started_on: '2026-11-01',
        visibility: 'public',
        sdgs: ['2', '11'],
      })
      assert.equal(created.statusCode, 303, created.body)
      const allianceId = String(created.headers.location).split('/').pop() as string
      const partners = await t.db.selectFrom('alliance_partners').select(['organisation_id', 'status', 'role']).where('alliance_id', '=', allianceId).execute()
      const byOrg = new Map(partners.map((p) => [p.organisation_id, p]))
      assert.equal(byOrg.get(companyId)?.role, 'coordinateur')
      assert.ok(byOrg.has(associationId), 'the association is invited')
      assert.notEqual(byOrg.get(associationId)?.status, 'active')
      // The origin is in the journal, written in the same transaction, as a message rendered in each reader's language.
      const journal = await t.db.selectFrom('alliance_journal_entries').select(['kind', 'title', 'title_key', 'title_params', 'system_event']).where('alliance_id', '=', allianceId).execute()
      const origin = journal.find((e) => e.title_key === 'alliances.journal.fromContact')
      assert.ok(origin, JSON.stringify(journal))
      assert.deepEqual([origin.kind, origin.title, origin.system_event, JSON.parse(origin.title_params ?? '{}')], ['jalon', '', null, { need: 'Des outils pour le jardin', other: 'Jardins du Plateau' }])
      assert.match(textOf((await company.get(`/alliances/${allianceId}/journal?annee=2026`)).body), /Née de la mise en relation autour du besoin « Des outils pour le jardin », avec « Jardins du Plateau »/)
      await company.get('/langue/en?retour=/')
      assert.match(textOf((await company.get(`/alliances/${allianceId}/journal?annee=2026`)).body), /Born from the connection about the need “Des outils pour le jardin”, with “Jardins du Plateau”/)
    })
  })
}
