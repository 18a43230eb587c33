/**
 * The alliances directory's name filter on both databases, against a scan of the same rows: matches found by the
 * trigram index are read by key in the scope and sorted; a needle too short for trigrams walks the names; the
 * partners-only alliances stay out of an outsider's list either way.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DIALECTS, type TestDatabase } from '../../../test/helpers/dialects.js'
import { anonymousActor } from '../../core/access/actor.js'
import { COUNT_CAP } from '../../core/db/paging.js'
import { newId, nowIso } from '../../core/db/values.js'
import { readScopeOf } from './alliances.policy.js'
import { listAlliances } from './directory.queries.js'
import { EVERYWHERE } from './facets.js'

for (const dialect of DIALECTS) {
  describe(`alliances directory by name [${dialect.name}]`, () => {
    let t: TestDatabase
    // 1 100 projects, one in ten partners-only: `projet` (1 100) and `projet 0` (1 000) match more than the trigram
    // index answers for and walk; `jet 10` (100) and `zzz` are answered by the index; `je` is too short for it.
    const projects = Array.from({ length: 1100 }, (_, i) => {
      const name = `Projet ${String(i).padStart(4, '0')}`
      return { id: newId(), name, search_name: name.toLowerCase(), visibility: i % 10 === 7 ? ('partners' as const) : ('public' as const), phase: i % 2 === 0 ? 'emergence' : 'experimentation' }
    })
    before(async () => {
      t = await dialect.open()
      const now = nowIso()
      const db = t.db.kysely
      for (let i = 0; i < projects.length; i += 200) {
        const batch = projects.slice(i, i + 200)
        await db
          .insertInto('alliances')
          .values(batch.map((p) => ({ id: p.id, name: p.name, search_name: p.search_name, stakes: 'Des enjeux partagés.', description: '', form: 'experimentation_collective', phase: p.phase, phase_since: '2024-01-01', visibility: p.visibility, started_on: '2024-01-01', ended_on: null, is_demo: 0, created_by: null, created_at: now, updated_at: now })))
          .execute()
        await db
          .insertInto('alliance_directory')
          .values(batch.map((p) => ({ scope_id: EVERYWHERE, alliance_id: p.id, visibility: p.visibility, search_name: p.search_name, phase: p.phase, form: 'experimentation_collective', sdg_mask: 0, lever_mask: 0, world_mask: 0 })))
          .execute()
      }
    })
    after(() => t.close())

    test('a name filter lists what a scan of the public alliances would, page by page, whichever way it is answered', async () => {
      const scope = readScopeOf(anonymousActor)
      for (const [text, phase, page] of [
        ['projet', undefined, 1],
        ['projet', 'emergence', 4],
        ['projet 0', undefined, 50],
        ['jet 10', undefined, 1],
        ['jet 10', 'experimentation', 2],
        ['zzz', undefined, 1],
        ['je', undefined, 2],
        ['je', 'emergence', 30],
      ] as const) {
        const expected = projects
          .filter((p) => p.visibility === 'public' && p.search_name.includes(text) && (!phase || p.phase === phase))
          .sort((a, b) => (a.search_name < b.search_name ? -1 : 1))
        const listed = await listAlliances(t.db.kysely, scope, { text, phase }, page, 20)
        const label = `${text} ${phase ?? ''} page ${page}`
        assert.deepEqual([listed.total, listed.capped], [Math.min(expected.length, COUNT_CAP), expected.length > COUNT_CAP], label)
        assert.deepEqual(
          listed.rows.map((r) => r.name),
          expected.slice((page - 1) * 20, page * 20).map((p) => p.name),
          label,
        )
      }
    })
  })
}
