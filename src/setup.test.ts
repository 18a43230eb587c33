import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DIALECTS } from '../test/helpers/dialects.js'
import { loadTestGeography } from '../test/helpers/geography.js'
import { migrateToLatest } from './core/db/migrate.js'
import { heavyPreparationPending } from './setup.js'

for (const dialect of DIALECTS) {
  describe(`heavyPreparationPending (${dialect.name})`, () => {
    test('is true until migrations, geography and (when asked) the demo are there, then false', async () => {
      const { db, close } = await dialect.open({ migrate: false })
      try {
        assert.equal(await heavyPreparationPending(db.kysely, { demo: false }), true, 'migrations pending')
        await migrateToLatest(db.kysely)
        assert.equal(await heavyPreparationPending(db.kysely, { demo: false }), true, 'no geography')
        await loadTestGeography(db.kysely)
        assert.equal(await heavyPreparationPending(db.kysely, { demo: false }), false)
        assert.equal(await heavyPreparationPending(db.kysely, { demo: true }), true, 'demo asked, not loaded')
      } finally {
        await close()
      }
    })
  })
}
