/**
 * The rights matrix of evaluation on both databases (the table is `evaluation.rights.ts`), and over HTTP: a
 * partner never sees another partner's draft — not while the round is open (round page, API, answer pages),
 * nor once it is closed (crossed views, the review and its JSON: a draft at closing is not an answer).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PEOPLE, type Person } from '../../../test/helpers/alliances.js'
import { describeRightsMatrix, DRAFT_SECRET, type RightsWorld } from '../../../test/helpers/evaluation-rights.js'
import { EVALUATION_RIGHTS } from './evaluation.rights.js'

const OWN: Person[] = ['partnerMember', 'partnerAdmin']

/** Every page and API answer of the rounds where a draft could leak, for each visibility. */
function urls(world: RightsWorld, visibility: 'public' | 'partners', closed: boolean): string[] {
  const f = world.fixtures[visibility]
  const P = world.w.org.P
  const round = `/evaluation/${f.alliance.id}/temps/${f.open}`
  const api = `/api/v1/evaluation/alliances/${f.alliance.id}/rounds/${f.open}`
  return [`/evaluation/${f.alliance.id}`, round, api, `${round}/reponse/${P}`, `${api}/answers/${P}`, ...(closed ? [`${round}/bilan`, `${round}/bilan.json`, `${api}/review`] : [])]
}

async function seenBy(world: RightsWorld, person: Person, url: string): Promise<boolean> {
  const res = await world.w.clients[person].get(url)
  return res.statusCode === 200 && res.body.includes(DRAFT_SECRET)
}

describeRightsMatrix('evaluation', EVALUATION_RIGHTS, {
  first: (world) => {
    test('while the round is open, only the members of P read P’s draft, on their own answer', async () => {
      for (const visibility of ['public', 'partners'] as const) {
        for (const url of urls(world(), visibility, false)) {
          for (const person of PEOPLE) {
            const own = OWN.includes(person) && /(reponse|answers)\//.test(url)
            assert.equal(await seenBy(world(), person, url), own, `${person} ${url}`)
          }
        }
      }
    })
  },
  last: (world) => {
    test('once the round is closed, P’s draft is in no crossed view, review or export', async () => {
      for (const visibility of ['public', 'partners'] as const) {
        const f = world().fixtures[visibility]
        const status = await world().t.db.selectFrom('evaluation_rounds').select('closed_at').where('id', '=', f.open).executeTakeFirstOrThrow()
        assert.ok(status.closed_at, 'the matrix closed the open round')
        for (const url of urls(world(), visibility, true)) {
          for (const person of PEOPLE) {
            const own = OWN.includes(person) && /(reponse|answers)\//.test(url)
            assert.equal(await seenBy(world(), person, url), own, `${person} ${url}`)
          }
        }
      }
    })
  },
})
