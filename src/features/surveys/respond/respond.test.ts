/**
 * Answering: anonymous (browser token), invitation codes, signed-in; drafts then one submission; answers
 * validated for their type; nothing recorded outside the campaign's dates; respondents see their own answers.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { analyst, barometerForm, campaign, questionnaire } from '../../../../test/helpers/surveys.js'

for (const dialect of DIALECTS) {
  describe(`answering surveys [${dialect.name}]`, () => {
    let t: TestApp
    let owner: Client
    let anonymousId: string
    let questionnaireId: string
    before(async () => {
      t = await buildTestApp(dialect)
      const a = await analyst(t, 'analyste@example.org', 'Observatoire local')
      owner = a.client
      questionnaireId = await questionnaire(owner, a.orgId)
      anonymousId = await campaign(owner, questionnaireId)
    })
    after(() => t.close())

    const responses = async (campaignId: string) =>
      t.db.selectFrom('survey_responses').select(['status', 'answers', 'user_id']).where('campaign_id', '=', campaignId).execute()
    const rows = async (campaignId: string) => t.db.selectFrom('survey_rows').select(['seq', 'codes']).where('campaign_id', '=', campaignId).orderBy('seq').execute()

    test('an unknown campaign answers 404 to everyone', async () => {
      const visitor = new Client(t.app)
      assert.equal((await visitor.get('/repondre/0190b3c4-0000-7000-8000-00000000abcd')).statusCode, 404)
      assert.equal((await visitor.get('/repondre/not-an-id')).statusCode, 404)
      assert.equal((await visitor.post('/repondre/0190b3c4-0000-7000-8000-00000000abcd', barometerForm())).statusCode, 404)
    })

    test('anonymous answering needs no account: the page sets a browser token, without caching', async () => {
      const visitor = new Client(t.app)
      const page = await visitor.get(`/repondre/${anonymousId}`)
      assert.equal(page.statusCode, 200)
      assert.ok(visitor.cookie('alliance_respondent'), 'a respondent token cookie is set')
      assert.equal(page.headers['cache-control'], 'no-store')
      assert.match(textOf(page.body), /classer ces trois leviers dans l’ordre des priorités \(1 à 3\)/)
      assert.match(page.body, /name="q_q1__action"/)
    })

    test('rejects invalid input — a ranking with a repeated rank, a missing required answer, an unknown option — and records nothing', async () => {
      const visitor = new Client(t.app)
      await visitor.get(`/repondre/${anonymousId}`)
      const repeated = await visitor.post(`/repondre/${anonymousId}`, barometerForm({ q_q1__vision: '1', q_q1__gestion: '1', q_q1__action: '2' }))
      assert.equal(repeated.statusCode, 400)
      assert.match(textOf(repeated.body), /Le rang 1 est donné deux fois/)
      assert.match(repeated.body, /href="#champ-q_q1"/)
      const missing = await visitor.post(`/repondre/${anonymousId}`, barometerForm({ q_q2: '' }))
      assert.equal(missing.statusCode, 400)
      assert.match(textOf(missing.body), /Répondez à cette question/)
      const unknown = await visitor.post(`/repondre/${anonymousId}`, barometerForm({ q_q5: 'x' }))
      assert.equal(unknown.statusCode, 400)
      assert.match(textOf(unknown.body), /Choisissez parmi les réponses proposées/)
      const incomplete = await visitor.post(`/repondre/${anonymousId}`, barometerForm({ q_q1__gestion: '' }))
      assert.equal(incomplete.statusCode, 400)
      assert.match(textOf(incomplete.body), /Classez 3 éléments/)
      assert.equal((await responses(anonymousId)).length, 0)
      assert.equal((await rows(anonymousId)).length, 0)
    })

    test('happy path: a draft is saved, reloaded, then submitted once; a second submission changes nothing', async () => {
      const visitor = new Client(t.app)
      await visitor.get(`/repondre/${anonymousId}`)
      const draft = await visitor.post(`/repondre/${anonymousId}`, { q_q2: 'tout_a_fait', q_q1__action: '1', intent: 'draft' })
      assert.equal(draft.statusCode, 303)
      let stored = await responses(anonymousId)
      assert.equal(stored.length, 1)
      assert.equal(stored[0]?.status, 'draft')
      assert.deepEqual(JSON.parse(stored[0]?.answers ?? '{}'), { q1: { action: 1 }, q2: 'tout_a_fait' })
      assert.equal((await rows(anonymousId)).length, 0, 'a draft is not analysed')
      const reload = await visitor.get(`/repondre/${anonymousId}`)
      assert.match(textOf(reload.body), /Votre brouillon a été retrouvé/)
      assert.match(reload.body, /value="tout_a_fait" checked/)

      const submit = await visitor.post(`/repondre/${anonymousId}`, barometerForm())
      assert.equal(submit.statusCode, 303)
      assert.equal(submit.headers.location, `/repondre/${anonymousId}/mes-reponses`)
      stored = await responses(anonymousId)
      assert.equal(stored.length, 1)
      assert.equal(stored[0]?.status, 'submitted')
      assert.equal(stored[0]?.user_id, null)
      const compact = await rows(anonymousId)
      assert.deepEqual(compact.map((r) => r.seq), [1])
      // q1 ranks (vision 2, gestion 3, action 1), q2 index 1, q3 index 0, sex f, age index 2, région 0, size 2, occupation 1, world 0
      assert.equal(compact[0]?.codes, '23110020210')
      const campaignRow = await t.db.selectFrom('survey_campaigns').select('submitted_count').where('id', '=', anonymousId).executeTakeFirstOrThrow()
      assert.equal(campaignRow.submitted_count, 1)

      const mine = await visitor.get(`/repondre/${anonymousId}/mes-reponses`)
      assert.equal(mine.statusCode, 200)
      assert.match(textOf(mine.body), /1\. Action collective transformatrice ; 2\. Vision partagée ; 3\. Gestion régulatrice/)
      assert.match(textOf(mine.body), /Un jardin partagé/)

      const again = await visitor.post(`/repondre/${anonymousId}`, barometerForm({ q_q2: 'pas_du_tout' }))
      assert.equal(again.statusCode, 409)
      assert.match(textOf(again.body), /Réponses envoyées le/)
      stored = await responses(anonymousId)
      assert.equal(stored.length, 1)
      assert.equal(JSON.parse(stored[0]?.answers ?? '{}').q2, 'plutot')
      assert.equal((await rows(anonymousId)).length, 1)
      // the answer page sends a submitted respondent to their answers
      assert.equal((await visitor.get(`/repondre/${anonymousId}`)).headers.location, `/repondre/${anonymousId}/mes-reponses`)
    })

    test('another browser is another respondent, and sees only its own answers', async () => {
      const other = new Client(t.app)
      const none = await other.get(`/repondre/${anonymousId}/mes-reponses`)
      assert.match(textOf(none.body), /Vous n’avez pas encore répondu/)
      assert.doesNotMatch(textOf(none.body), /Un jardin partagé/)
      const res = await other.post(`/repondre/${anonymousId}`, barometerForm({ q_q4: 'Une autre action' }))
      assert.equal(res.statusCode, 303)
      assert.equal((await responses(anonymousId)).filter((r) => r.status === 'submitted').length, 2)
      assert.deepEqual((await rows(anonymousId)).map((r) => r.seq), [1, 2])
      const mine = await other.get(`/repondre/${anonymousId}/mes-reponses`)
      assert.match(textOf(mine.body), /Une autre action/)
      assert.doesNotMatch(textOf(mine.body), /Un jardin partagé/)
    })

    test('concurrent submissions: every browser recorded once, rows numbered without gaps, a double submission kept once', async () => {
      const id = await campaign(owner, questionnaireId, { title: 'Concurrence' })
      const browsers = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const c = new Client(t.app)
          await c.get(`/repondre/${id}`)
          return { client: c, csrf: await c.csrf() }
        }),
      )
      const twice = browsers[0] as { client: Client; csrf: string }
      const results = await Promise.all([
        ...browsers.map((b) => b.client.post(`/repondre/${id}`, barometerForm(), { csrf: b.csrf })),
        twice.client.post(`/repondre/${id}`, barometerForm({ q_q2: 'pas_du_tout' }), { csrf: twice.csrf }),
      ])
      const statuses = results.map((r) => r.statusCode).sort()
      assert.equal(statuses.filter((s) => s === 303).length, 12)
      assert.equal(statuses.filter((s) => s === 409).length, 1)
      assert.equal((await responses(id)).length, 12)
      assert.deepEqual((await rows(id)).map((r) => r.seq), Array.from({ length: 12 }, (_, i) => i + 1))
      assert.equal((await t.db.selectFrom('survey_campaigns').select('submitted_count').where('id', '=', id).executeTakeFirstOrThrow()).submitted_count, 12)
    })

    test('display conditions: an answer to a hidden question is dropped, and it is not required', async () => {
      const visitor = new Client(t.app)
      const res = await visitor.post(`/repondre/${anonymousId}`, barometerForm({ q_q3: 'non', q_q4: 'ne doit pas être gardé' }))
      assert.equal(res.statusCode, 303)
      const last = (await responses(anonymousId)).map((r) => JSON.parse(r.answers) as Record<string, unknown>).find((a) => a.q3 === 'non')
      assert.ok(last)
      assert.equal(last.q4, undefined)
    })

    test('answering after the closing date (or before the opening) says so and records nothing', async () => {
      const closed = await campaign(owner, questionnaireId, { title: 'Close', opens_on: '2020-01-01', closes_on: '2020-02-01' })
      const upcoming = await campaign(owner, questionnaireId, { title: 'À venir', opens_on: '2098-01-01', closes_on: '2099-01-01' })
      const visitor = new Client(t.app)
      const page = await visitor.get(`/repondre/${closed}`)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /Cette enquête est close depuis le 1 février 2020/)
      assert.doesNotMatch(page.body, /name="intent"/)
      const late = await visitor.post(`/repondre/${closed}`, barometerForm())
      assert.equal(late.statusCode, 409)
      assert.match(textOf(late.body), /aucune réponse ne peut plus être enregistrée/)
      const lateDraft = await visitor.post(`/repondre/${closed}`, barometerForm({ intent: 'draft' }))
      assert.equal(lateDraft.statusCode, 409)
      const early = await visitor.post(`/repondre/${upcoming}`, barometerForm())
      assert.equal(early.statusCode, 409)
      assert.match(textOf(early.body), /Cette enquête ouvre le 1 janvier 2098/)
      assert.equal((await responses(closed)).length, 0)
      assert.equal((await responses(upcoming)).length, 0)
      assert.equal((await rows(closed)).length, 0)
    })

    test('invitation mode: a code is needed, each code answers once, a wrong code is refused', async () => {
      const invited = await campaign(owner, questionnaireId, { title: 'Sur invitation', mode: 'invitation' })
      const bad = await owner.post(`/campagnes/${invited}/codes`, { count: '0' })
      assert.equal(bad.statusCode, 400)
      const created = await owner.post(`/campagnes/${invited}/codes`, { count: '2' })
      assert.equal(created.statusCode, 201)
      const codes = [...created.body.matchAll(/<code>([A-Z0-9-]+)<\/code>/g)].map((m) => m[1] as string)
      assert.equal(codes.length, 2)
      const stored = await t.db.selectFrom('survey_invitation_codes').select('code_hash').where('campaign_id', '=', invited).execute()
      assert.equal(stored.length, 2)
      assert.ok(stored.every((s) => !codes.includes(s.code_hash)), 'only hashes are stored')

      const visitor = new Client(t.app)
      const page = await visitor.get(`/repondre/${invited}`)
      assert.match(page.body, /name="code"/)
      assert.doesNotMatch(page.body, /name="q_q2"/)
      const noCode = await visitor.post(`/repondre/${invited}`, barometerForm())
      assert.equal(noCode.statusCode, 400)
      const wrong = await visitor.post(`/repondre/${invited}/code`, { code: 'AAAA-BBBB-CC' })
      assert.equal(wrong.statusCode, 400)
      assert.match(textOf(wrong.body), /Ce code n’est pas valable/)
      const right = await visitor.post(`/repondre/${invited}/code`, { code: (codes[0] as string).toLowerCase() })
      assert.equal(right.statusCode, 303)
      assert.equal((await visitor.post(`/repondre/${invited}`, barometerForm())).statusCode, 303)
      // the same code from another browser is the same respondent: already answered
      const second = new Client(t.app)
      await second.post(`/repondre/${invited}/code`, { code: codes[0] as string })
      assert.equal((await second.post(`/repondre/${invited}`, barometerForm())).statusCode, 409)
      assert.equal((await responses(invited)).length, 1)
    })

    test('signed-in mode: anonymous visitors are sent to sign in; one response per account, linked to it', async () => {
      const signedIn = await campaign(owner, questionnaireId, { title: 'Avec compte', mode: 'signed_in' })
      const visitor = new Client(t.app)
      const redirect = await visitor.get(`/repondre/${signedIn}`)
      assert.equal(redirect.statusCode, 303)
      assert.match(String(redirect.headers.location), /^\/connexion\?retour=/)
      assert.equal((await visitor.post(`/repondre/${signedIn}`, barometerForm())).statusCode, 303)
      assert.equal((await responses(signedIn)).length, 0)
      const person = new Client(t.app)
      await person.signUp('repondant@example.org')
      assert.equal((await person.post(`/repondre/${signedIn}`, barometerForm())).statusCode, 303)
      const user = await t.db.selectFrom('users').select('id').where('email', '=', 'repondant@example.org').executeTakeFirstOrThrow()
      const stored = await responses(signedIn)
      assert.equal(stored.length, 1)
      assert.equal(stored[0]?.user_id, user.id)
      assert.equal((await person.post(`/repondre/${signedIn}`, barometerForm())).statusCode, 409)
      assert.equal((await responses(signedIn)).length, 1)
    })
  })
}

describe('invitation code attempts are rate limited', () => {
  const dialect = DIALECTS[0]!
  let t: TestApp
  before(async () => {
    t = await buildTestApp(dialect, { ALLIANCE_RATE_LIMIT: '1' })
  })
  after(() => t.close())

  test('one address guessing codes gets 429 with Retry-After; another address still gets its answer', async () => {
    const a = await analyst(t, 'limite@example.org', 'Observatoire limité')
    const invited = await campaign(a.client, await questionnaire(a.client, a.orgId), { title: 'Sur invitation', mode: 'invitation' })
    const created = await a.client.post(`/campagnes/${invited}/codes`, { count: '1' })
    const code = /<code>([A-Z0-9-]+)<\/code>/.exec(created.body)?.[1] as string
    const guesser = new Client(t.app, '10.0.0.21')
    const token = await guesser.csrf()
    let last = 0
    for (let i = 0; i < 25 && last !== 429; i++) {
      const res = await guesser.post(`/repondre/${invited}/code`, { code: `AAAA-BBBB-${String(i).padStart(2, '0')}` }, { csrf: token })
      last = res.statusCode
      if (last === 429) {
        assert.ok(res.headers['retry-after'])
        assert.match(textOf(res.body), /Trop de tentatives/)
      } else assert.equal(last, 400)
    }
    assert.equal(last, 429)
    // Even the right code waits: the limit is on attempts, not on failures.
    assert.equal((await guesser.post(`/repondre/${invited}/code`, { code }, { csrf: token })).statusCode, 429)
    const respondent = new Client(t.app, '10.0.0.22')
    assert.equal((await respondent.post(`/repondre/${invited}/code`, { code })).statusCode, 303)
  })
})
