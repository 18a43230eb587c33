/**
 * The SQLite job store: the `jobs` table, claimed by one `UPDATE … RETURNING` (SQLite runs each statement
 * alone, so two runners — the server and `alliance worker` on the same file — never claim the same job).
 *
 * States: created → active → completed; a failed run goes to `retry` (due after an exponential backoff) or,
 * with no retry left, to `failed` (the dead-letter state). An `active` job whose `expires_at` has passed
 * belonged to a process that died (or hung): `maintain` makes it due again, counting the lost run.
 */
import type { Kysely } from 'kysely'
import type { CoreTables } from '../db/core.tables.js'
import { newId, nowIso } from '../db/values.js'
import { retryDelayMs, type ClaimedJob, type DeadJob, type EnqueueOptions, type JobCounts, type JobStore, type ResolvedSpec } from './jobs.js'

const COMPLETED_KEPT_DAYS = 7
const FAILED_KEPT_DAYS = 30

export class SqliteJobStore implements JobStore {
  readonly kind = 'sqlite' as const
  private readonly db: Kysely<CoreTables>

  constructor(db: Kysely<any>) {
    this.db = db as Kysely<CoreTables>
  }

  async install(): Promise<void> {
    // The table comes with the migrations.
  }

  async enqueue(db: Kysely<any>, spec: ResolvedSpec, payload: unknown, options: EnqueueOptions): Promise<boolean> {
    const now = nowIso()
    const result = await (db as Kysely<CoreTables>)
      .insertInto('jobs')
      .values({
        id: newId(),
        queue: spec.name,
        payload: JSON.stringify(payload ?? null),
        state: 'created',
        unique_key: options.key === undefined ? null : `${spec.name}\u0000${options.key}`,
        attempts: 0,
        max_attempts: spec.retryLimit + 1,
        retry_delay_seconds: spec.retryDelaySeconds,
        run_at: options.startAfter ? options.startAfter.toISOString() : now,
        started_at: null,
        expires_at: null,
        last_error: null,
        created_at: now,
        completed_at: null,
      })
      .onConflict((oc) => oc.column('unique_key').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async claim(spec: ResolvedSpec, limit: number): Promise<ClaimedJob[]> {
    const now = new Date()
    const nowText = now.toISOString()
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'active',
        attempts: eb('attempts', '+', 1),
        started_at: nowText,
        expires_at: new Date(now.getTime() + spec.timeoutSeconds * 1000).toISOString(),
      }))
      .where(
        'id',
        'in',
        this.db
          .selectFrom('jobs')
          .select('id')
          .where('queue', '=', spec.name)
          .where('state', 'in', ['created', 'retry'])
          .where('run_at', '<=', nowText)
          .orderBy('run_at')
          .orderBy('id')
          .limit(limit),
      )
      .returning(['id', 'queue', 'payload', 'attempts', 'max_attempts', 'created_at'])
      .execute()
    return rows.map((r) => ({
      id: r.id,
      name: r.queue,
      payload: JSON.parse(r.payload) as unknown,
      attempt: r.attempts,
      maxAttempts: r.max_attempts,
      createdAt: new Date(r.created_at),
    }))
  }

  async complete(_spec: ResolvedSpec, ids: string[]): Promise<void> {
    if (ids.length === 0) return
    await this.db.updateTable('jobs').set({ state: 'completed', completed_at: nowIso(), expires_at: null }).where('id', 'in', ids).where('state', '=', 'active').execute()
  }

  async fail(_spec: ResolvedSpec, id: string, error: string): Promise<void> {
    const row = await this.db.selectFrom('jobs').select(['attempts', 'max_attempts', 'retry_delay_seconds']).where('id', '=', id).where('state', '=', 'active').executeTakeFirst()
    if (!row) return
    await this.db.updateTable('jobs').set(this.afterFailure(row, error)).where('id', '=', id).where('state', '=', 'active').execute()
  }

  private afterFailure(row: { attempts: number; max_attempts: number; retry_delay_seconds: number }, error: string) {
    const now = Date.now()
    if (row.attempts >= row.max_attempts) {
      return { state: 'failed' as const, last_error: error, completed_at: new Date(now).toISOString(), expires_at: null }
    }
    const runAt = new Date(now + retryDelayMs(row.retry_delay_seconds, row.attempts)).toISOString()
    return { state: 'retry' as const, last_error: error, run_at: runAt, expires_at: null }
  }

  async maintain(): Promise<void> {
    const now = nowIso()
    const expired = await this.db
      .selectFrom('jobs')
      .select(['id', 'attempts', 'max_attempts', 'retry_delay_seconds'])
      .where('state', '=', 'active')
      .where('expires_at', '<=', now)
      .execute()
    for (const row of expired) {
      await this.db.updateTable('jobs').set(this.afterFailure(row, 'délai dépassé (processus arrêté ou bloqué)')).where('id', '=', row.id).where('state', '=', 'active').where('expires_at', '<=', now).execute()
    }
    const day = 86_400_000
    await this.db.deleteFrom('jobs').where('state', '=', 'completed').where('completed_at', '<', new Date(Date.now() - COMPLETED_KEPT_DAYS * day).toISOString()).execute()
    await this.db.deleteFrom('jobs').where('state', '=', 'failed').where('completed_at', '<', new Date(Date.now() - FAILED_KEPT_DAYS * day).toISOString()).execute()
  }

  async listDead(limit: number, offset: number): Promise<{ rows: DeadJob[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db.selectFrom('jobs').selectAll().where('state', '=', 'failed').orderBy('completed_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      this.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'failed').executeTakeFirstOrThrow(),
    ])
    return {
      total: Number(total.n),
      rows: rows.map((r) => ({
        id: r.id,
        name: r.queue,
        payload: JSON.parse(r.payload) as unknown,
        attempts: r.attempts,
        lastError: r.last_error ?? '',
        createdAt: r.created_at,
        failedAt: r.completed_at ?? r.created_at,
      })),
    }
  }

  async replay(name: string, id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set((eb) => ({ state: 'retry', max_attempts: eb('attempts', '+', 1), run_at: nowIso(), completed_at: null }))
      .where('id', '=', id)
      .where('queue', '=', name)
      .where('state', '=', 'failed')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async counts(): Promise<JobCounts> {
    const now = nowIso()
    const rows = await this.db
      .selectFrom('jobs')
      .select(['queue', 'state', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>(eb.case().when('run_at', '<=', now).then(1).else(0).end()).as('due')])
      .where('state', '!=', 'completed')
      .groupBy(['queue', 'state'])
      .execute()
    const counts: JobCounts = {}
    for (const row of rows) {
      const entry = counts[row.queue] ?? { waiting: 0, due: 0, active: 0, failed: 0 }
      counts[row.queue] = entry
      if (row.state === 'active') entry.active += Number(row.n)
      else if (row.state === 'failed') entry.failed += Number(row.n)
      else {
        entry.waiting += Number(row.n)
        entry.due += Number(row.due)
      }
    }
    return counts
  }

  async stop(): Promise<void> {}
}
