/**
 * Runs the jobs of a store: for each queue, up to `concurrency` runs at once; claims again at once while
 * there is work, otherwise waits to be woken (an enqueue in this process, a notification from another) or
 * for the polling interval. Periodic jobs are enqueued once per slot with an idempotency key, so that any
 * number of processes enqueue each slot once.
 *
 * Successful runs are recorded in small batches (a few milliseconds apart): one write for a burst of jobs
 * instead of one each, which matters on SQLite where every commit waits for the disk. A job whose completion
 * was not yet recorded when its process died runs again — harmless, handlers are idempotent.
 *
 * Shutdown (`stop`): no new claims; runs in flight get `graceMs` to finish; those still running are aborted
 * and handed back (recorded as a failed run, so they run again elsewhere). A process killed outright leaves
 * its jobs claimed until their timeout, then the store's maintenance makes them due again.
 */
import { enqueueJob, describeError, resolveSpec, type ClaimedJob, type JobDefinition, type JobStore, type ResolvedSpec } from './jobs.js'
import type { Kysely } from 'kysely'

/** What the runner reports (metrics, logs). */
export interface JobObserver {
  started?(name: string, waitedMs: number): void
  finished?(name: string, outcome: 'completed' | 'retry' | 'dead', durationMs: number, error?: string): void
}

export interface RunnerOptions {
  /** the database the periodic jobs are enqueued with (the store's own) */
  db: Kysely<any>
  /** polling interval when nothing woke the runner, in ms (default 1000) */
  pollMs?: number
  /** store maintenance interval in ms (SQLite; pg-boss runs its own), default 30 000 */
  maintenanceMs?: number
  observer?: JobObserver
  log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void }
}

interface Lane {
  spec: ResolvedSpec
  definition: JobDefinition
  inFlight: Map<string, AbortController>
  /** resolves the current wait (woken) */
  wakeUp: (() => void) | null
  woken: boolean
  loop: Promise<void> | null
}

const PARIS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** The slot a periodic job is due for at `now`, or null (a daily job before its time of day). */
export function scheduleSlot(schedule: NonNullable<ResolvedSpec['schedule']>, now: Date): string | null {
  if ('everyMinutes' in schedule) return `every-${schedule.everyMinutes}-${Math.floor(now.getTime() / (schedule.everyMinutes * 60_000))}`
  const parts = Object.fromEntries(PARIS.formatToParts(now).map((p) => [p.type, p.value]))
  const day = `${parts.year}-${parts.month}-${parts.day}`
  return `${parts.hour}:${parts.minute}` >= schedule.dailyAt ? `daily-${day}` : null
}

export class JobRunner {
  private readonly lanes = new Map<string, Lane>()
  private stopping = false
  private running = false
  private timers: NodeJS.Timeout[] = []
  private lastTickAt = 0
  private readonly pollMs: number
  /** successful runs not yet recorded, by queue */
  private readonly completions = new Map<string, { spec: ResolvedSpec; ids: string[]; done: Array<() => void> }>()
  private flushTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly store: JobStore,
    definitions: JobDefinition[],
    private readonly options: RunnerOptions,
  ) {
    this.pollMs = options.pollMs ?? 1000
    for (const definition of definitions) {
      const spec = resolveSpec(definition)
      this.lanes.set(spec.name, { spec, definition, inFlight: new Map(), wakeUp: null, woken: false, loop: null })
    }
  }

  /** True while the runner's loops turn (for `/readyz`); false before start, after stop, or when a loop is stuck. */
  get healthy(): boolean {
    return this.running && !this.stopping && Date.now() - this.lastTickAt < Math.max(30_000, this.pollMs * 10)
  }

  /** Jobs running now in this process. */
  get inFlight(): number {
    let n = 0
    for (const lane of this.lanes.values()) n += lane.inFlight.size
    return n
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.lastTickAt = Date.now()
    for (const lane of this.lanes.values()) lane.loop = this.loop(lane)
    const maintain = () => {
      this.store.maintain().catch((error: unknown) => this.options.log?.warn({ err: error }, 'job store maintenance failed'))
    }
    if (this.store.kind === 'sqlite') {
      maintain()
      this.timers.push(setInterval(maintain, this.options.maintenanceMs ?? 30_000))
    }
    const schedule = () => {
      this.enqueueDueSlots().catch((error: unknown) => this.options.log?.warn({ err: error }, 'periodic jobs could not be enqueued'))
    }
    schedule()
    this.timers.push(setInterval(schedule, 30_000))
    for (const timer of this.timers) timer.unref()
  }

  /** Wakes the lane of `name` (or every lane): it claims at once instead of waiting for the next poll. */
  wake(name?: string): void {
    const lanes = name === undefined ? [...this.lanes.values()] : [this.lanes.get(name)].filter((l): l is Lane => l !== undefined)
    for (const lane of lanes) {
      lane.woken = true
      lane.wakeUp?.()
    }
  }

  /** Enqueues the current slot of every periodic job (idempotent: one job per slot whatever the processes). */
  async enqueueDueSlots(now = new Date()): Promise<void> {
    for (const lane of this.lanes.values()) {
      const schedule = lane.spec.schedule
      if (!schedule) continue
      const slot = scheduleSlot(schedule, now)
      if (slot !== null) await enqueueJob(this.options.db, lane.spec.name, { slot }, { key: slot })
    }
  }

  private async loop(lane: Lane): Promise<void> {
    // Claims are writes (a commit each on SQLite, a locking query on PostgreSQL): while runs are in flight, the
    // lane claims again only once half of its slots are free, so a busy queue claims in batches, not one job
    // at a time as each run ends. An idle lane claims at once.
    const batch = Math.max(1, Math.ceil(lane.spec.concurrency / 2))
    while (!this.stopping) {
      this.lastTickAt = Date.now()
      const free = lane.spec.concurrency - lane.inFlight.size
      let claimed: ClaimedJob[] = []
      if (free >= batch || (free > 0 && lane.inFlight.size === 0)) {
        try {
          lane.woken = false
          claimed = await this.store.claim(lane.spec, free)
        } catch (error) {
          this.options.log?.warn({ err: error, queue: lane.spec.name }, 'claiming jobs failed')
        }
        for (const job of claimed) this.run(lane, job)
      }
      if (this.stopping) break
      if (claimed.length > 0 && claimed.length === free) continue
      if (lane.woken && lane.spec.concurrency - lane.inFlight.size >= batch) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs)
        lane.wakeUp = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      lane.wakeUp = null
    }
  }

  private run(lane: Lane, job: ClaimedJob): void {
    const controller = new AbortController()
    lane.inFlight.set(job.id, controller)
    const started = Date.now()
    this.options.observer?.started?.(lane.spec.name, Math.max(0, started - job.createdAt.getTime()))
    const timeout = setTimeout(() => controller.abort(new Error(`délai dépassé (${lane.spec.timeoutSeconds} s)`)), lane.spec.timeoutSeconds * 1000)
    const aborted = new Promise<never>((_resolve, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason ?? new Error('interrompu')), { once: true })
    })
    aborted.catch(() => {})
    const context = { id: job.id, attempt: job.attempt, maxAttempts: job.maxAttempts, signal: controller.signal }
    Promise.race([lane.definition.handler(job.payload, context), aborted])
      .then(
        async () => {
          await this.recordCompletion(lane.spec, job.id)
          this.options.observer?.finished?.(lane.spec.name, 'completed', Date.now() - started)
        },
        async (error: unknown) => {
          const message = describeError(error)
          await this.store.fail(lane.spec, job.id, message)
          const outcome = job.attempt >= job.maxAttempts ? 'dead' : 'retry'
          this.options.observer?.finished?.(lane.spec.name, outcome, Date.now() - started, message)
          this.options.log?.warn({ queue: lane.spec.name, job: job.id, attempt: job.attempt, outcome, error: message }, 'job failed')
        },
      )
      .catch((error: unknown) => this.options.log?.error({ err: error, queue: lane.spec.name, job: job.id }, 'job outcome could not be recorded'))
      .finally(() => {
        clearTimeout(timeout)
        lane.inFlight.delete(job.id)
        lane.wakeUp?.()
      })
  }

  /** Queues a completion for the next batch; resolves once it is recorded. */
  private recordCompletion(spec: ResolvedSpec, id: string): Promise<void> {
    return new Promise((resolve) => {
      const batch = this.completions.get(spec.name) ?? { spec, ids: [], done: [] }
      batch.ids.push(id)
      batch.done.push(resolve)
      this.completions.set(spec.name, batch)
      this.flushTimer ??= setTimeout(() => void this.flushCompletions(), 5)
    })
  }

  private async flushCompletions(): Promise<void> {
    this.flushTimer = null
    const batches = [...this.completions.values()]
    this.completions.clear()
    for (const batch of batches) {
      try {
        await this.store.complete(batch.spec, batch.ids)
      } catch (error) {
        // Not recorded: the jobs stay claimed and run again after their timeout (handlers are idempotent).
        this.options.log?.error({ err: error, queue: batch.spec.name, jobs: batch.ids.length }, 'job completions could not be recorded')
      }
      for (const done of batch.done) done()
    }
  }

  /**
   * Stops claiming; waits up to `graceMs` for runs in flight, then aborts the rest (their handlers see the
   * signal; the runs are recorded as failed, so the jobs run again). Resolves when every run has ended.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return
    this.stopping = true
    for (const timer of this.timers) clearInterval(timer)
    this.timers = []
    this.wake()
    await Promise.all([...this.lanes.values()].map((l) => l.loop))
    const deadline = Date.now() + graceMs
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    for (const lane of this.lanes.values()) for (const controller of lane.inFlight.values()) controller.abort(new Error('arrêt du processus : tâche rendue'))
    while (this.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20))
    this.running = false
  }
}

