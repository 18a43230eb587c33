/**
 * The PostgreSQL job store: pg-boss (ADR 0200) in its own schema, over the application's connection pool.
 *
 * - Enqueueing runs pg-boss's insert through the caller's Kysely transaction (`send(…, { db })`), so a job
 *   exists only if the act that caused it was committed.
 * - Claiming is pg-boss's `fetch` (`FOR UPDATE SKIP LOCKED`): each job goes to one process.
 * - A failed run is pg-boss's `fail`: retried after an exponential backoff, or `failed` (dead) when its
 *   retries are exhausted. Dead jobs stay 30 days and can be replayed (`retry`).
 * - pg-boss's maintenance (one process at a time, under an advisory lock) fails jobs active past their
 *   `expire_in` (= the queue's timeout): a job whose process was killed runs again.
 *
 * The schema is `alliance_jobs`, or `<schema>_jobs` when the application's tables are in another schema than
 * `public` (tests give each run its own schema), so every process of one database agrees without settings.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely'
import PgBoss from 'pg-boss'
import { keyedUuid, type ClaimedJob, type DeadJob, type EnqueueOptions, type JobCounts, type JobStore, type ResolvedSpec } from './jobs.js'

const FAILED_KEPT_SECONDS = 30 * 86_400
const COMPLETED_KEPT_SECONDS = 7 * 86_400

/** pg-boss's database interface over a Kysely instance or transaction. */
function executorOf(db: Kysely<any>): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values))
      return { rows: result.rows as any[] }
    },
  }
}

/** The pg-boss schema of a database (see the module comment). */
export async function jobSchemaOf(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const current = rows[0]?.schema ?? 'public'
  return current === 'public' ? 'alliance_jobs' : `${current}_jobs`
}

export interface PgBossStoreOptions {
  /** how often (seconds) expired jobs are recovered and old ones archived; pg-boss runs it in one process at a time */
  maintenanceSeconds: number
  /** run the maintenance in this process (false for processes that only enqueue) */
  supervise: boolean
}

export class PgBossJobStore implements JobStore {
  readonly kind = 'pg-boss' as const
  private readonly boss: PgBoss
  private started = false

  private constructor(
    private readonly db: Kysely<any>,
    readonly schema: string,
    options: PgBossStoreOptions,
  ) {
    this.boss = new PgBoss({
      db: executorOf(db),
      schema,
      supervise: options.supervise,
      maintenanceIntervalSeconds: options.maintenanceSeconds,
      schedule: false,
      migrate: true,
      archiveCompletedAfterSeconds: 3600,
      archiveFailedAfterSeconds: FAILED_KEPT_SECONDS,
      deleteAfterSeconds: COMPLETED_KEPT_SECONDS,
    })
    // Maintenance errors (a lost connection) are retried at the next interval; they must not crash the process.
    this.boss.on('error', () => {})
  }

  static async open(db: Kysely<any>, options: PgBossStoreOptions): Promise<PgBossJobStore> {
    return new PgBossJobStore(db, await jobSchemaOf(db), options)
  }

  /** Forwards pg-boss's maintenance errors (for the log). */
  onError(listener: (error: Error) => void): void {
    this.boss.on('error', listener)
  }

  async install(specs: ResolvedSpec[]): Promise<void> {
    if (!this.started) {
      await this.boss.start()
      this.started = true
    }
    for (const spec of specs) {
      const options = {
        name: spec.name,
        policy: 'standard' as const,
        retryLimit: spec.retryLimit,
        retryDelay: spec.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: spec.timeoutSeconds,
      }
      await this.boss.createQueue(spec.name, options)
      await this.boss.updateQueue(spec.name, options)
    }
  }

  async enqueue(db: Kysely<any>, spec: ResolvedSpec, payload: unknown, options: EnqueueOptions): Promise<boolean> {
    const id = await this.boss.send(spec.name, (payload ?? {}) as object, {
      ...(options.key === undefined ? {} : { id: keyedUuid(spec.name, options.key) }),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      db: executorOf(db),
    })
    return id !== null
  }

  async claim(spec: ResolvedSpec, limit: number): Promise<ClaimedJob[]> {
    const jobs = await this.boss.fetch<unknown>(spec.name, { batchSize: limit, includeMetadata: true })
    return jobs.map((job) => ({
      id: job.id,
      name: job.name,
      payload: job.data,
      attempt: job.retryCount + 1,
      maxAttempts: job.retryLimit + 1,
      createdAt: new Date(job.createdOn),
    }))
  }

  async complete(spec: ResolvedSpec, ids: string[]): Promise<void> {
    if (ids.length > 0) await this.boss.complete(spec.name, ids)
  }

  async fail(spec: ResolvedSpec, id: string, error: string): Promise<void> {
    await this.boss.fail(spec.name, id, { message: error })
  }

  async maintain(): Promise<void> {
    await this.boss.maintain()
  }

  async listDead(limit: number, offset: number): Promise<{ rows: DeadJob[]; total: number }> {
    const table = sql.id(this.schema, 'job')
    const [rows, total] = await Promise.all([
      sql<{ id: string; name: string; data: unknown; retry_count: number; output: { message?: string; value?: { message?: string } } | null; created_on: Date; completed_on: Date | null }>`
        select id, name, data, retry_count, output, created_on, completed_on from ${table}
        where state = 'failed' order by completed_on desc, id desc limit ${limit} offset ${offset}`.execute(this.db),
      sql<{ n: number }>`select count(*) as n from ${table} where state = 'failed'`.execute(this.db),
    ])
    return {
      total: Number(total.rows[0]?.n ?? 0),
      rows: rows.rows.map((r) => ({
        id: r.id,
        name: r.name,
        payload: r.data,
        attempts: r.retry_count + 1,
        lastError: r.output?.message ?? r.output?.value?.message ?? '',
        createdAt: new Date(r.created_on).toISOString(),
        failedAt: new Date(r.completed_on ?? r.created_on).toISOString(),
      })),
    }
  }

  async replay(name: string, id: string): Promise<boolean> {
    const table = sql.id(this.schema, 'job')
    const { rows } = await sql<{ state: string }>`select state from ${table} where name = ${name} and id = ${id}::uuid`.execute(this.db).catch(() => ({ rows: [] as Array<{ state: string }> }))
    if (rows[0]?.state !== 'failed') return false
    await this.boss.retry(name, id)
    return true
  }

  async counts(): Promise<JobCounts> {
    const table = sql.id(this.schema, 'job')
    const { rows } = await sql<{ name: string; state: string; n: number; due: number }>`
      select name, state, count(*) as n, count(*) filter (where start_after < now()) as due
      from ${table} where state in ('created', 'retry', 'active', 'failed') group by name, state`.execute(this.db)
    const counts: JobCounts = {}
    for (const row of rows) {
      const entry = counts[row.name] ?? { waiting: 0, due: 0, active: 0, failed: 0 }
      counts[row.name] = entry
      if (row.state === 'active') entry.active += Number(row.n)
      else if (row.state === 'failed') entry.failed += Number(row.n)
      else {
        entry.waiting += Number(row.n)
        entry.due += Number(row.due)
      }
    }
    return counts
  }

  async stop(): Promise<void> {
    if (!this.started) return
    this.started = false
    // The runner hands its jobs back itself; pg-boss only stops its maintenance timer here.
    await this.boss.stop({ graceful: false, close: false, wait: true })
  }
}
