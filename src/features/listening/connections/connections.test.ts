/**
 * Connecting (mise en relation) on SQLite and PostgreSQL: a request to one's own organisation (400), a
 * duplicate (409 with a link), a non-member answering (404), the sender answering (403), contact details
 * hidden before acceptance and shown to both after, the thread, notifications, e-mails, expiry.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { sweepExpiredRequests } from './connections.service.js'

async function organisation(client: Client, email: string, name: string, world: string, seat: string, contact: string): Promise<string> {
  await client.signUp(email, 'un mot de passe très long', `Personne ${name}`)
  const res = await client.post('/acteurs/nouveau', { name, world, seat, perimeter_levels: ['commune'], contact_email: contact })
  assert.equal(res.statusCode, 303, res.body)
  return String(res.headers.location).split('/').pop() as string
}

for (const dialect of DIALECTS) {
  describe(`mise en relation [${dialect.name}]`, () => {
    let t: TestApp
    let association: Client
    let company: Client
    let outsider: Client
    let associationId: string
    let companyId: string
    let needId: string
    let resourceId: string
    let ownResourceId: string
    let requestId: string

    before(async () => {
      t = await buildTestApp(dialect)
      association = new Client(t.app)
      company = new Client(t.app)
      outsider = new Client(t.app)
      associationId = await organisation(association, 'asso@example.org', 'Jardins du Plateau', 'association', '94017', 'contact@jardins.example.org')
      companyId = await organisation(company, 'rse@example.org', 'Bâtir Ensemble', 'entreprise', '94017', 'rse@batir.example.org')
      await organisation(outsider, 'autre@example.org', 'Autre association', 'association', '94080', 'autre@autre.example.org')
      const need = await association.post('/besoins/nouveau', { organisation_id: associationId, title: 'Des outils pour le jardin', description: 'Pelles, râteaux et brouettes pour les jardiniers.', domain: 'alimentation', territory: 'Champigny-sur-Marne', types: ['mecenat_nature'], details_mecenat_nature: 'outillage', horizon: 'court' })
      needId = String(need.headers.location).split('/').pop() as string
      const resource = await company.post('/ressources/nouvelle', { organisation_id: companyId, kind: 'ressource', title: 'Outillage à donner', description: 'Des outils en bon état après un chantier.', contribution_type: 'mecenat_nature', items: 'outillage', domains: ['alimentation'] })
      resourceId = String(resource.headers.location).split('/').pop() as string
      const own = await association.post('/ressources/nouvelle', { organisation_id: associationId, kind: 'envie', title: 'Nos propres outils', description: 'Des outils que nous prêtons entre nous.', contribution_type: 'mecenat_nature' })
      ownResourceId = String(own.headers.location).split('/').pop() as string
    })
    after(() => t.close())

    const requests = async () => Number((await t.db.selectFrom('contact_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    test('requires authentication: the form and the answers redirect to sign-in, nothing is written', async () => {
      const anonymous = new Client(t.app)
      const form = await anonymous.get(`/mises-en-relation/nouvelle?besoin=${needId}&ressource=${resourceId}`)
      assert.equal(form.statusCode, 303)
      const res = await anonymous.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: resourceId, message: 'Bonjour, parlons-en.' })
      assert.equal(res.statusCode, 303)
      assert.match(String(res.headers.location), /^\/connexion/)
      assert.equal(await requests(), 0)
    })

    test('rejects invalid input (a short message) and a request to one’s own organisation (400), a stranger (403), a forged organisation (404); nothing is written', async () => {
      const short = await company.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: resourceId, message: 'Salut' })
      assert.equal(short.statusCode, 400)
      assert.match(textOf(short.body), /au moins 10 caractères/)
      const own = await association.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: ownResourceId, message: 'Bonjour à nous-mêmes, parlons-en.' })
      assert.equal(own.statusCode, 400)
      assert.match(textOf(own.body), /pas de mise en relation avec soi-même/)
      // A person of neither side may see the need and the resource, not ask on their behalf (403).
      const stranger = await outsider.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: resourceId, message: 'Je ne suis ni l’un ni l’autre.' })
      assert.equal(stranger.statusCode, 403)
      assert.equal((await outsider.get(`/mises-en-relation/nouvelle?besoin=${needId}&ressource=${resourceId}`)).statusCode, 403)
      // Acting for an organisation one does not belong to: 404, even with a valid message.
      const forged = await company.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: resourceId, from_organisation_id: associationId, message: 'Bonjour, au nom d’une autre organisation.' })
      assert.equal(forged.statusCode, 404)
      // An unknown or malformed pair is a page that does not exist.
      assert.equal((await company.post('/mises-en-relation/nouvelle', { need_id: 'pas-un-id', resource_id: resourceId, message: 'Bonjour, parlons-en.' })).statusCode, 404)
      assert.equal((await company.get(`/mises-en-relation/nouvelle?besoin=${resourceId}&ressource=${resourceId}`)).statusCode, 404)
      assert.equal(await requests(), 0)
    })

    test('happy path: the company sends a request; the association is notified and e-mailed; contact details stay hidden', async () => {
      const matches = await company.get(`/ressources/${resourceId}/correspondances`)
      assert.match(textOf(matches.body), /Des outils pour le jardin/)
      const form = await company.get(`/mises-en-relation/nouvelle?besoin=${needId}&ressource=${resourceId}`)
      assert.equal(form.statusCode, 200)
      const res = await company.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: resourceId, message: 'Bonjour, nous avons des outils pour vos jardiniers.' })
      assert.equal(res.statusCode, 303, res.body)
      requestId = String(res.headers.location).split('/').pop() as string
      const row = await t.db.selectFrom('contact_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow()
      assert.equal(row.from_organisation_id, companyId)
      assert.equal(row.to_organisation_id, associationId)
      assert.equal(row.status, 'proposee')
      assert.ok(row.expires_at > row.created_at)
      const mail = await t.db.selectFrom('mail_messages').selectAll().where('recipient', '=', 'asso@example.org').where('template', 'like', 'listening.%').execute()
      assert.equal(mail.length, 1)
      assert.equal(mail[0]!.template, 'listening.mail.requestReceived')
      assert.equal((JSON.parse(mail[0]!.params) as { from: string }).from, 'Bâtir Ensemble')
      const home = await association.get('/besoins')
      assert.match(home.body, /class="badge badge-count">1</)
      const notifications = await association.get('/notifications')
      assert.match(textOf(notifications.body), /Bâtir Ensemble vous propose une mise en relation pour « Des outils pour le jardin »/)
      for (const client of [association, company]) {
        const page = await client.get(`/mises-en-relation/${requestId}`)
        assert.equal(page.statusCode, 200)
        const text = textOf(page.body)
        assert.match(text, /seront visibles ici après acceptation/)
        assert.doesNotMatch(text, /contact@jardins\.example\.org|rse@batir\.example\.org|asso@example\.org|rse@example\.org/)
      }
      const read = await association.post('/notifications/lues')
      assert.equal(read.statusCode, 303)
      assert.equal(Number((await t.db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).where('read_at', 'is', null).where('message_key', '=', 'listening.notify.requestReceived').executeTakeFirstOrThrow()).n), 0)
    })

    test('a duplicate request answers 409 with a link to the existing one', async () => {
      const again = await company.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: resourceId, message: 'Bonjour, je relance ma demande.' })
      assert.equal(again.statusCode, 409)
      assert.match(again.body, new RegExp(`href="/mises-en-relation/${requestId}"`))
      assert.equal(await requests(), 1)
    })

    test('a non-member cannot see or answer (404); the sender cannot answer its own request (403)', async () => {
      assert.equal((await outsider.get(`/mises-en-relation/${requestId}`)).statusCode, 404)
      assert.equal((await outsider.post(`/mises-en-relation/${requestId}/accepter`)).statusCode, 404)
      assert.equal((await outsider.post(`/mises-en-relation/${requestId}/messages`, { body: 'Intrus' })).statusCode, 404)
      assert.equal((await company.post(`/mises-en-relation/${requestId}/accepter`)).statusCode, 403)
      assert.equal((await association.post(`/mises-en-relation/${requestId}/messages`, { body: 'Trop tôt' })).statusCode, 409)
      const row = await t.db.selectFrom('contact_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()
      assert.equal(row.status, 'proposee')
    })

    test('the association accepts: both sides see the contact details, the thread opens, the need is under discussion', async () => {
      const res = await association.post(`/mises-en-relation/${requestId}/accepter`)
      assert.equal(res.statusCode, 303)
      const row = await t.db.selectFrom('contact_requests').select(['status', 'answered_by']).where('id', '=', requestId).executeTakeFirstOrThrow()
      assert.equal(row.status, 'acceptee')
      assert.ok(row.answered_by)
      assert.equal((await t.db.selectFrom('needs').select('status').where('id', '=', needId).executeTakeFirstOrThrow()).status, 'en_discussion')
      for (const client of [association, company]) {
        const text = textOf((await client.get(`/mises-en-relation/${requestId}`)).body)
        assert.match(text, /contact@jardins\.example\.org/)
        assert.match(text, /rse@batir\.example\.org/)
        assert.match(text, /asso@example\.org/)
        assert.match(text, /rse@example\.org/)
      }
      assert.equal((await t.db.selectFrom('mail_messages').selectAll().where('recipient', '=', 'rse@example.org').where('template', 'like', 'listening.%').execute()).length, 1)
      const again = await association.post(`/mises-en-relation/${requestId}/refuser`)
      assert.equal(again.statusCode, 409)
      const empty = await company.post(`/mises-en-relation/${requestId}/messages`, { body: '' })
      assert.equal(empty.statusCode, 400)
      const message = await company.post(`/mises-en-relation/${requestId}/messages`, { body: 'Quand pouvons-nous livrer les outils ?' })
      assert.equal(message.statusCode, 303)
      assert.match(textOf((await association.get(`/mises-en-relation/${requestId}`)).body), /Quand pouvons-nous livrer les outils \?/)
      const list = textOf((await association.get('/mises-en-relation')).body)
      assert.match(list, /Des outils pour le jardin/)
      assert.match(list, /Acceptée/)
    })

    test('a declined pair is not proposed again and cannot be asked again; an unanswered request expires after 30 days', async () => {
      const second = await company.post('/ressources/nouvelle', { organisation_id: companyId, kind: 'ressource', title: 'Brouettes à prêter', description: 'Deux brouettes à prêter au printemps.', contribution_type: 'mecenat_nature', domains: ['alimentation'] })
      const secondId = String(second.headers.location).split('/').pop() as string
      const sent = await association.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: secondId, message: 'Vos brouettes nous seraient utiles.' })
      assert.equal(sent.statusCode, 303)
      const id = String(sent.headers.location).split('/').pop() as string
      assert.equal((await company.post(`/mises-en-relation/${id}/refuser`)).statusCode, 303)
      const matches = (await new Client(t.app).get(`/api/v1/needs/${needId}/matches`)).json() as { data: Array<{ resource: { id: string } }> }
      assert.ok(!matches.data.some((m) => m.resource.id === secondId))
      const retry = await association.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: secondId, message: 'Et si nous en reparlions ?' })
      assert.equal(retry.statusCode, 409)
      assert.match(textOf(retry.body), /a été déclinée/)

      const third = await company.post('/ressources/nouvelle', { organisation_id: companyId, kind: 'ressource', title: 'Gants de jardin', description: 'Des gants de jardin neufs.', contribution_type: 'mecenat_nature' })
      const thirdId = String(third.headers.location).split('/').pop() as string
      const late = await association.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: thirdId, message: 'Vos gants nous seraient utiles.' })
      const lateId = String(late.headers.location).split('/').pop() as string
      await t.db.updateTable('contact_requests').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', lateId).execute()
      assert.match(textOf((await company.get(`/mises-en-relation/${lateId}`)).body), /Expirée/)
      assert.equal((await company.post(`/mises-en-relation/${lateId}/accepter`)).statusCode, 409)
      assert.equal(await sweepExpiredRequests(t.db), 1)
      assert.equal((await t.db.selectFrom('contact_requests').select('status').where('id', '=', lateId).executeTakeFirstOrThrow()).status, 'expiree')
      // Once expired, the pair may be asked again.
      const renewed = await association.post('/mises-en-relation/nouvelle', { need_id: needId, resource_id: thirdId, message: 'Nous renouvelons notre demande.' })
      assert.equal(renewed.statusCode, 303)
    })
  })
}
