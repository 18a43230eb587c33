/**
 * The rights matrix of the selection and grants on both databases (`selection.rights.ts`): each cell's status,
 * anonymous pages sent to sign-in, the database unchanged after every refusal and every invalid request; and a
 * reviewer in conflict sees nothing of the application — not its page, not its row in the committee's list or in
 * the deliberation, not its figures in the API.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { buildSelectionWorld, mobilisationSnapshot, SELECTION_PEOPLE, type SelectionWorld } from '../../../test/helpers/mobilisation.js'
import { SELECTION_RIGHTS, type SelectionRightsRoute } from './selection.rights.js'

async function send(client: Client, route: SelectionRightsRoute, world: SelectionWorld): Promise<LightMyRequestResponse> {
  const [method] = route.route.split(' ') as [string]
  const url = route.path(world)
  if (method === 'GET') return client.get(url)
  if (url.startsWith('/api/')) return client.json(method as 'POST' | 'PUT' | 'PATCH' | 'DELETE', url, route.body ?? {})
  return client.post(url, (route.body ?? {}) as Record<string, string>)
}

for (const dialect of DIALECTS) {
  describe(`mobilisation selection and grants rights matrix [${dialect.name}]`, () => {
    let t: TestApp
    let w: SelectionWorld
    before(async () => {
      t = await buildTestApp(dialect, { ALLIANCE_PAGE_CACHE_SECONDS: '0' })
      w = await buildSelectionWorld(t)
    })
    after(() => t.close())

    test('every cell answers as expected, and refused or invalid requests change nothing', async () => {
      const mismatches: string[] = []
      for (const route of SELECTION_RIGHTS) {
        for (const person of SELECTION_PEOPLE) {
          const before = await mobilisationSnapshot(t.db)
          const res = await send(w.clients[person], route, w)
          const expected = route.expect[person]
          if (res.statusCode !== expected) mismatches.push(`${route.route} × ${person}: expected ${expected}, got ${res.statusCode}`)
          if (res.statusCode === 303 && person === 'anonymous' && !String(res.headers.location).startsWith('/connexion')) mismatches.push(`${route.route} × anonymous: redirected to ${res.headers.location}`)
          if (route.route.split(' ')[0] !== 'GET' && (await mobilisationSnapshot(t.db)) !== before) mismatches.push(`${route.route} × ${person}: a refused or invalid request changed a row`)
        }
      }
      assert.deepEqual(mismatches, [])
    })

    test('a conflicted reviewer sees nothing of the application', async () => {
      const client = w.clients.conflictedReviewer
      const title = (await t.db.selectFrom('mobilisation_applications').select('title').where('id', '=', w.applicationId).executeTakeFirstOrThrow()).title
      const list = await client.get(`/mobilisation/appels-a-projets/${w.reviewCallId}/candidatures`)
      assert.equal(list.statusCode, 200)
      assert.ok(!list.body.includes(w.applicationId), 'the committee list leaves the application out')
      const page = await client.get(`/mobilisation/appels-a-projets/${w.reviewCallId}/deliberation`)
      assert.equal(page.statusCode, 200)
      assert.ok(!page.body.includes(w.applicationId) && !page.body.includes(title), 'the deliberation leaves the application out')
      const api = await client.get(`/api/v1/mobilisation/project-calls/${w.reviewCallId}/deliberation`)
      assert.equal(api.statusCode, 200)
      assert.equal(api.json().total, 0)
      // The other reviewer, who has not reviewed it yet, may not see others' scores before giving theirs.
      const early = await w.clients.reviewer.get(`/api/v1/mobilisation/project-calls/${w.reviewCallId}/deliberation`)
      assert.equal(early.statusCode, 403)
    })
  })
}
