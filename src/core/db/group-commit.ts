/**
 * Group commit on SQLite: small writes arriving while a commit is running (survey submissions, e-mail
 * delivery states…) are written together in the next transaction, each inside its own savepoint. With
 * `synchronous=FULL` every commit waits for the disk (fsync); sharing it between the writes that queued
 * meanwhile keeps throughput up under load without weakening durability — a write is acknowledged only after
 * the commit that holds it.
 *
 * A failing write (a unique key taken meanwhile…) rolls back to its savepoint and only its caller gets the
 * error; a failing commit rejects the whole batch (nothing of it is written).
 * PostgreSQL needs none of this (concurrent transactions on a pool commit together in its WAL):
 * `commitTogether` runs a plain transaction there.
 */
import type { Kysely, Transaction } from 'kysely'
import { dialectOf } from './dialect.js'


interface Job {
  work: (trx: Transaction<any>) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** A queue of write jobs committed together, one savepoint each (see the file comment). */
export class GroupCommit {
  private readonly queue: Job[] = []
  private running = false

  constructor(
    private readonly db: Kysely<any>,
    private readonly maxBatch = 64,
  ) {}

  /** Runs `work` in the next batch transaction; resolves once that transaction is committed. */
  run<T>(work: (trx: Transaction<any>) => Promise<T>): Promise<T> {
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
        let trx: Awaited<ReturnType<ReturnType<Kysely<any>['startTransaction']>['execute']>>
        try {
          trx = await this.db.startTransaction().execute()
        } catch (error) {
          for (const job of batch) job.reject(error)
          continue
        }
        try {
          for (const [i, job] of batch.entries()) {
            const name = `write_${i}`
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

const batchers = new WeakMap<Kysely<any>, GroupCommit>()

/** The group committer of a SQLite database (one per Kysely instance). */
export function groupCommitOf(db: Kysely<any>): GroupCommit {
  let batcher = batchers.get(db)
  if (!batcher) {
    batcher = new GroupCommit(db)
    batchers.set(db, batcher)
  }
  return batcher
}

/**
 * Runs `work` in a transaction that may be shared with other callers' writes (SQLite: the group commit), or in
 * its own transaction (PostgreSQL). Resolves once committed. Edge case: `work` must not await network I/O (it
 * holds the shared transaction).
 */
export async function commitTogether<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'sqlite') return groupCommitOf(db as Kysely<any>).run(work as (trx: Transaction<any>) => Promise<T>)
  return db.transaction().execute(work)
}
