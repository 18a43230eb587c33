/**
 * Background jobs: one interface over two stores (ADR 0200). On PostgreSQL the jobs live in pg-boss's schema
 * (fetch with `SKIP LOCKED`, retries with exponential backoff, expiry of jobs whose process died, archiving);
 * on SQLite in the `jobs` table of an in-process runner with the same semantics.
 *
 * A job is enqueued **inside the caller's transaction** (`enqueueJob(trx, …)`): it exists if and only if the
 * act that caused it was committed. A job runs at least once: a job in flight when its process is killed runs
 * again after its timeout, so every handler must be idempotent (the mail handler checks whether its message
 * was already sent; a message sent twice keeps its `Message-ID`).
 *
 * Features declare their jobs as `JobDefinition`s; the application composes the list (`src/jobs.ts`), installs
 * the queues and runs them with `JobRunner` (core/jobs/runner.ts) in the server or in `alliance worker`.
 */
import { sha256 } from '../hash.js'
import type { Kysely } from 'kysely'
import type { Bus } from '../db/bus.js'

/** What a handler knows about the run it is in. */
export interface JobContext {
  id: string
  /** 1 for the first run, then 2, 3… */
  attempt: number
  maxAttempts: number
  /** aborted when the job's time is up or the process shuts down: stop and throw */
  signal: AbortSignal
}

/** When a periodic job is enqueued (Europe/Paris for daily times). */
export type JobSchedule = { everyMinutes: number } | { dailyAt: string }

/** The settings of a queue, without its handler (enough to install it and to enqueue into it). */
export interface JobSpec {
  /** queue name: lower case letters, digits, dots and dashes (`mail.send`) */
  name: string
  /** further runs after a failure before the job is dead (default 5) */
  retryLimit?: number
  /** first retry delay in seconds, doubled at each further retry with jitter (default 30) */
  retryDelaySeconds?: number
  /**
   * time limit of one run in seconds (default 60). It is also how long a job whose process died stays
   * claimed before it runs again.
   */
  timeoutSeconds?: number
  /** runs of this queue at once in one process (default 1) */
  concurrency?: number
  /** periodic jobs: enqueued once per slot, whatever the number of processes */
  schedule?: JobSchedule
}

/** A queue with its handler. `P` is the JSON payload. */
export interface JobDefinition<P = any> extends JobSpec {
  handler(payload: P, context: JobContext): Promise<void>
}

/** The settings of a queue with every default applied. */
export type ResolvedSpec = Required<Omit<JobSpec, 'schedule'>> & Pick<JobSpec, 'schedule'>

export function resolveSpec(spec: JobSpec): ResolvedSpec {
  if (!/^[a-z0-9][a-z0-9.-]{0,60}$/.test(spec.name)) throw new Error(`Nom de file de tâches invalide : ${spec.name}`)
  return {
    name: spec.name,
    retryLimit: spec.retryLimit ?? 5,
    retryDelaySeconds: spec.retryDelaySeconds ?? 30,
    timeoutSeconds: spec.timeoutSeconds ?? 60,
    concurrency: spec.concurrency ?? 1,
    schedule: spec.schedule,
  }
}

export interface EnqueueOptions {
  /**
   * Idempotency key: a second job with the same queue and key is not added (as long as the first is kept:
   * 7 days after it completed, 30 days after it died).
   */
  key?: string
  /** run no earlier than this instant */
  startAfter?: Date
}

/** A job claimed by a runner. */
export interface ClaimedJob {
  id: string
  name: string
  payload: unknown
  attempt: number
  maxAttempts: number
  /** when it was enqueued (for the latency metric) */
  createdAt: Date
}

/** A job whose retries are exhausted, shown to platform admins with a replay action. */
export interface DeadJob {
  id: string
  name: string
  payload: unknown
  attempts: number
  lastError: string
  createdAt: string
  failedAt: string
}

export interface JobCounts {
  /** per queue: waiting (created or retry), of which due now, active, failed (dead) */
  [queue: string]: { waiting: number; due: number; active: number; failed: number }
}

/** Where jobs are kept: pg-boss (PostgreSQL) or the `jobs` table (SQLite). */
export interface JobStore {
  readonly kind: 'pg-boss' | 'sqlite'
  /** Creates what the queues need (idempotent; run at every start). */
  install(specs: ResolvedSpec[]): Promise<void>
  /** Adds a job with `db` (a transaction or the database); false when the idempotency key already exists. */
  enqueue(db: Kysely<any>, spec: ResolvedSpec, payload: unknown, options: EnqueueOptions): Promise<boolean>
  /** Claims up to `limit` due jobs of a queue (each job is claimed by one runner only). */
  claim(spec: ResolvedSpec, limit: number): Promise<ClaimedJob[]>
  /** Records successful runs (several at once: one write for a burst of jobs). */
  complete(spec: ResolvedSpec, ids: string[]): Promise<void>
  /** Records a failed run: the job is retried later, or becomes dead when its retries are exhausted. */
  fail(spec: ResolvedSpec, id: string, error: string): Promise<void>
  /** Periodic upkeep: jobs claimed by a dead process past their timeout run again; old jobs are removed. */
  maintain(): Promise<void>
  listDead(limit: number, offset: number): Promise<{ rows: DeadJob[]; total: number }>
  /** Runs a dead job again (one more attempt); false when it is not dead (or not found). */
  replay(name: string, id: string): Promise<boolean>
  counts(): Promise<JobCounts>
  /** Stops the store's own timers (the database is closed by its owner). */
  stop(): Promise<void>
}

interface Attached {
  store: JobStore
  specs: Map<string, ResolvedSpec>
  /** tells runners (this process and, on PostgreSQL, the others) that a queue has work, after the commit */
  bus: Bus
}

/**
 * The jobs attached to a database, found from any transaction of it: a transaction shares its database's
 * dialect adapter object, which is therefore the key.
 */
const attached = new WeakMap<object, Attached>()

function keyOf(db: Kysely<any>): object {
  return db.getExecutor().adapter
}

/** The bus topic on which runners hear that a queue has work (the message is the queue name). */
export const JOBS_TOPIC = 'jobs'

/** Attaches a job store (and its queues) to a database; `enqueueJob` on it or its transactions then works. */
export function attachJobs(db: Kysely<any>, store: JobStore, specs: JobSpec[], bus: Bus): void {
  attached.set(keyOf(db), { store, specs: new Map(specs.map((s) => [s.name, resolveSpec(s)])), bus })
}

/**
 * Enqueues a job with `db` — pass the transaction of the act that causes it. Returns false when a job with
 * the same idempotency key exists. Throws when the queue is unknown or no store is attached (a programming
 * error: a job enqueued into nowhere would be lost silently).
 */
export async function enqueueJob(db: Kysely<any>, name: string, payload: unknown, options: EnqueueOptions = {}): Promise<boolean> {
  const entry = attached.get(keyOf(db))
  if (!entry) throw new Error(`Aucune file de tâches n'est attachée à cette base (tâche ${name})`)
  const spec = entry.specs.get(name)
  if (!spec) throw new Error(`File de tâches inconnue : ${name}`)
  const added = await entry.store.enqueue(db, spec, payload, options)
  if (added) await entry.bus.publish(db, JOBS_TOPIC, name)
  return added
}

/** A UUID derived from a queue and an idempotency key (pg-boss ids are UUIDs; same key → same id). */
export function keyedUuid(name: string, key: string): string {
  const hex = sha256(`${name}\u0000${key}`)
  // version 8 (custom) and the RFC 4122 variant, so that the value is a well-formed UUID
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`
}

/** The error of a failed run as stored: message only (stacks stay in the log), bounded in length. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.slice(0, 1000)
}

/** Delay before retry number `retry` (1-based): `base × 2^(retry-1)`, with up to 50 % jitter, capped at a day. */
export function retryDelayMs(baseSeconds: number, retry: number): number {
  const exponential = baseSeconds * 1000 * 2 ** Math.min(16, retry - 1)
  return Math.min(86_400_000, Math.round(exponential * (0.5 + Math.random() * 0.5)))
}
