/**
 * Group commit for answer submissions on SQLite: submissions arriving while a commit is running are written
 * together in the next transaction, each inside its own savepoint. With `synchronous=FULL` every commit waits
 * for the disk (fsync); sharing it between the submissions that queued meanwhile keeps intake fast under load
 * without weakening durability — a submission is acknowledged only after the commit that holds it.
 *
 * A failing submission (already submitted, a race on the respondent key…) rolls back to its savepoint and
 * only its caller gets the error; a failing commit rejects the whole batch (nothing of it is written).
 * PostgreSQL needs none of this (concurrent transactions on a pool): callers use a plain transaction there.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../database.js'

interface Job {
  work: (trx: Transaction<Database>) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** A queue of write jobs committed together, one savepoint each (see the file comment). */
export class GroupCommit {
  private readonly queue: Job[] = []
  private running = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch = 64,
  ) {}

  /** Runs `work` in the next batch transaction; resolves once that transaction is committed. */
  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (!this.running) void this.drain()
    })
  }

  private async drain(): Promise<void> {
    this.running = true
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch)
        const outcomes: Array<{ ok: boolean; value: unknown }> = []
        let trx: Awaited<ReturnType<ReturnType<Kysely<Database>['startTransaction']>['execute']>>
        try {
          trx = await this.db.startTransaction().execute()
        } catch (error) {
          for (const job of batch) job.reject(error)
          continue
        }
        try {
          for (const [i, job] of batch.entries()) {
            const name = `submission_${i}`
            const point = await trx.savepoint(name).execute()
            try {
              const value = await job.work(point)
              await point.releaseSavepoint(name).execute()
              outcomes.push({ ok: true, value })
            } catch (error) {
              await point.rollbackToSavepoint(name).execute()
              await point.releaseSavepoint(name).execute()
              outcomes.push({ ok: false, value: error })
            }
          }
          await trx.commit().execute()
        } catch (error) {
          await trx.rollback().execute().catch(() => undefined)
          for (const job of batch) job.reject(error)
          continue
        }
        batch.forEach((job, i) => {
          const outcome = outcomes[i] as { ok: boolean; value: unknown }
          if (outcome.ok) job.resolve(outcome.value)
          else job.reject(outcome.value)
        })
      }
    } finally {
      this.running = false
    }
  }
}

const batchers = new WeakMap<Kysely<Database>, GroupCommit>()

/** The group committer of a SQLite database (one per Kysely instance). */
export function groupCommitOf(db: Kysely<Database>): GroupCommit {
  let batcher = batchers.get(db)
  if (!batcher) {
    batcher = new GroupCommit(db)
    batchers.set(db, batcher)
  }
  return batcher
}
