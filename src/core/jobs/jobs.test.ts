/**
 * The job system on both stores (pg-boss on PostgreSQL, the SQLite table): transactional enqueue,
 * idempotency keys, retries with backoff, dead letters and replay, recovery of a job whose process died,
 * graceful hand-back, and periodic slots enqueued once.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DIALECTS, type TestDatabase } from '../../../test/helpers/dialects.js'
import { openTestJobs, waitFor } from '../../../test/helpers/jobs.js'
import { enqueueJob, resolveSpec, retryDelayMs, type JobDefinition, type JobStore } from './jobs.js'
import { JobRunner, scheduleSlot } from './runner.js'

for (const dialect of DIALECTS) {
  describe(`background jobs [${dialect.name}]`, () => {
    let database: TestDatabase
    let jobs: Awaited<ReturnType<typeof openTestJobs>>
    let store: JobStore
    const seen: Record<string, unknown[]> = { ok: [], flaky: [], dead: [], slow: [], periodic: [] }
    const failures = { flaky: 1, dead: Infinity }

    const definitions: JobDefinition[] = [
      { name: 'test.ok', async handler(payload) { seen.ok!.push(payload) } },
      {
        name: 'test.flaky',
        retryDelaySeconds: 1,
        async handler(payload) {
          seen.flaky!.push(payload)
          if (failures.flaky-- > 0) throw new Error('passing trouble')
        },
      },
      {
        name: 'test.dead',
        retryLimit: 1,
        retryDelaySeconds: 1,
        async handler(payload) {
          seen.dead!.push(payload)
          if (failures.dead-- > 0) throw new Error('the SMTP server said no')
        },
      },
      {
        name: 'test.slow',
        timeoutSeconds: 2,
        retryDelaySeconds: 1,
        async handler(payload, context) {
          seen.slow!.push(payload)
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(resolve, 60_000)
            context.signal.addEventListener('abort', () => {
              clearTimeout(timer)
              reject(new Error('aborted'))
            })
          })
        },
      },
      { name: 'test.periodic', schedule: { everyMinutes: 5 }, async handler(payload) { seen.periodic!.push(payload) } },
    ]
    const spec = (name: string) => resolveSpec(definitions.find((d) => d.name === name)!)

    before(async () => {
      database = await dialect.open()
      jobs = await openTestJobs(database.db, definitions, { maintenanceSeconds: 1 })
      store = jobs.store
    })
    after(async () => {
      await jobs.close()
      await database.close()
    })

    const runner = () => new JobRunner(store, definitions, { db: database.db.kysely, pollMs: 100, maintenanceMs: 200 })

    test('a job enqueued in a transaction exists only if the transaction commits, and runs once', async () => {
      await assert.rejects(
        database.db.kysely.transaction().execute(async (trx) => {
          await enqueueJob(trx, 'test.ok', { n: 'rolled back' })
          throw new Error('the act failed')
        }),
      )
      await database.db.kysely.transaction().execute(async (trx) => {
        await enqueueJob(trx, 'test.ok', { n: 'committed' })
      })
      const r = runner()
      r.start()
      try {
        await waitFor('the committed job ran', () => seen.ok!.length >= 1)
        await new Promise((resolve) => setTimeout(resolve, 300))
        assert.deepEqual(seen.ok, [{ n: 'committed' }])
        const counts = await store.counts()
        assert.equal(counts['test.ok']?.waiting ?? 0, 0)
      } finally {
        await r.stop()
      }
    })

    test('an idempotency key adds a job once; an unknown queue is refused', async () => {
      assert.equal(await enqueueJob(database.db.kysely, 'test.ok', { n: 'keyed' }, { key: 'k1' }), true)
      assert.equal(await enqueueJob(database.db.kysely, 'test.ok', { n: 'keyed again' }, { key: 'k1' }), false)
      await assert.rejects(enqueueJob(database.db.kysely, 'test.nope', {}), /inconnue/)
      const claimed = await store.claim(spec('test.ok'), 10)
      assert.deepEqual(claimed.map((j) => j.payload), [{ n: 'keyed' }])
      assert.equal(claimed[0]!.attempt, 1)
      await store.complete(spec('test.ok'), [claimed[0]!.id])
    })

    test('a failing job is retried after a delay, then completes', async () => {
      failures.flaky = 1
      await enqueueJob(database.db.kysely, 'test.flaky', { n: 1 })
      const r = runner()
      r.start()
      try {
        await waitFor('the retry ran', () => seen.flaky!.length >= 2, 20_000)
        await waitFor('no job left', async () => ((await store.counts())['test.flaky']?.waiting ?? 0) === 0 && ((await store.counts())['test.flaky']?.active ?? 0) === 0)
      } finally {
        await r.stop()
      }
      assert.equal(seen.flaky!.length, 2)
    })

    test('a job whose retries are exhausted is dead, listed with its error, and replayable', async () => {
      failures.dead = Infinity
      await enqueueJob(database.db.kysely, 'test.dead', { to: 'x@example.org' })
      const r = runner()
      r.start()
      try {
        await waitFor('the job is dead', async () => (await store.listDead(10, 0)).total === 1, 20_000)
      } finally {
        await r.stop()
      }
      assert.equal(seen.dead!.length, 2, 'one run and one retry')
      const dead = await store.listDead(10, 0)
      assert.equal(dead.rows[0]!.name, 'test.dead')
      assert.deepEqual(dead.rows[0]!.payload, { to: 'x@example.org' })
      assert.match(dead.rows[0]!.lastError, /the SMTP server said no/)
      assert.equal(await store.replay('test.dead', '0190b3c4-0000-7000-8000-000000000001'), false, 'not a dead job')
      failures.dead = 0
      assert.equal(await store.replay('test.dead', dead.rows[0]!.id), true)
      assert.equal(await store.replay('test.dead', dead.rows[0]!.id), false, 'replayed once')
      const again = runner()
      again.start()
      try {
        await waitFor('the replay ran', () => seen.dead!.length === 3)
        await waitFor('nothing dead', async () => (await store.listDead(10, 0)).total === 0)
      } finally {
        await again.stop()
      }
    })

    test('a job in flight when its process died runs again after its timeout (and a retry delay)', async () => {
      await enqueueJob(database.db.kysely, 'test.slow', { n: 'orphan' })
      // A process claims it and dies: nobody completes or fails it.
      const orphan = await store.claim(spec('test.slow'), 1)
      assert.equal(orphan.length, 1)
      assert.equal((await store.claim(spec('test.slow'), 1)).length, 0, 'a claimed job is not claimed twice')
      await new Promise((resolve) => setTimeout(resolve, 2200))
      await store.maintain()
      await waitFor('the job is due again', async () => {
        const again = await store.claim(spec('test.slow'), 1)
        if (again.length === 0) return false
        assert.equal(again[0]!.id, orphan[0]!.id)
        assert.equal(again[0]!.attempt, 2)
        await store.complete(spec('test.slow'), [again[0]!.id])
        return true
      }, 10_000)
    })

    test('stopping hands running jobs back: they are aborted and run again later', async () => {
      seen.slow = []
      await enqueueJob(database.db.kysely, 'test.slow', { n: 'long' })
      const r = runner()
      r.start()
      await waitFor('the long job started', () => seen.slow!.length === 1)
      assert.equal(r.inFlight, 1)
      await r.stop(100)
      assert.equal(r.inFlight, 0)
      const counts = await store.counts()
      assert.equal(counts['test.slow']?.active ?? 0, 0)
      assert.equal(counts['test.slow']?.waiting, 1, 'handed back for a later run')
    })

    test('a periodic slot is enqueued once, whatever the number of processes', async () => {
      // The runners of the tests above enqueued the slot of the real clock when they started, and may have been
      // stopped before running it (a loaded machine): those jobs are not this test's.
      const earlier = await store.claim(spec('test.periodic'), 10)
      if (earlier.length > 0) await store.complete(spec('test.periodic'), earlier.map((job) => job.id))
      const now = new Date('2026-12-01T10:02:00Z')
      await Promise.all([runner().enqueueDueSlots(now), runner().enqueueDueSlots(now), runner().enqueueDueSlots(new Date('2026-12-01T10:04:59Z'))])
      const claimed = await store.claim(spec('test.periodic'), 10)
      assert.equal(claimed.length, 1)
      assert.deepEqual(claimed[0]!.payload, { slot: scheduleSlot({ everyMinutes: 5 }, now) })
      await store.complete(spec('test.periodic'), [claimed[0]!.id])
    })
  })
}

describe('job schedules and backoff', () => {
  test('a daily job is due from its time of day in Paris, once per day', () => {
    assert.equal(scheduleSlot({ dailyAt: '07:00' }, new Date('2026-12-01T05:59:00Z')), null, '06:59 in Paris (UTC+1)')
    assert.equal(scheduleSlot({ dailyAt: '07:00' }, new Date('2026-12-01T06:00:00Z')), 'daily-2026-12-01')
    assert.equal(scheduleSlot({ dailyAt: '07:00' }, new Date('2026-12-01T22:30:00Z')), 'daily-2026-12-01')
    assert.equal(scheduleSlot({ dailyAt: '07:00' }, new Date('2026-07-01T05:00:00Z')), 'daily-2026-07-01', '07:00 in summer (UTC+2)')
  })

  test('retry delays double with jitter and stay bounded', () => {
    for (let retry = 1; retry <= 30; retry++) {
      const delay = retryDelayMs(30, retry)
      const base = 30_000 * 2 ** Math.min(16, retry - 1)
      assert.ok(delay >= Math.min(86_400_000, base / 2) - 1 && delay <= Math.min(86_400_000, base), `retry ${retry}: ${delay}`)
    }
  })
})
