/**
 * Prometheus metrics (prom-client), one registry per application instance: request durations by route
 * pattern (never by raw URL, which would explode the label set), job runs and waits by queue, e-mail sent and
 * failed, queue depths read from the job store at scrape time, and the process's own figures.
 *
 * Not public: served on a separate port bound to loopback (`ALLIANCE_METRICS_PORT`) or on the main port to
 * a bearer token (`ALLIANCE_METRICS_TOKEN`); see docs/deploy.md.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { JobObserver } from '../jobs/runner.js'
import type { JobCounts } from '../jobs/jobs.js'

export class Metrics {
  readonly registry = new Registry()
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>
  readonly jobRuns: Counter<'queue' | 'outcome'>
  readonly jobWait: Histogram<'queue'>
  readonly jobDuration: Histogram<'queue'>
  readonly mail: Counter<'outcome'>
  private jobCounts: (() => Promise<JobCounts>) | null = null

  constructor() {
    const registers = [this.registry]
    collectDefaultMetrics({ register: this.registry, prefix: 'alliance_' })
    this.httpDuration = new Histogram({
      name: 'alliance_http_request_duration_seconds',
      help: 'Durée des requêtes HTTP par route (motif), méthode et statut',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    })
    this.jobRuns = new Counter({ name: 'alliance_job_runs_total', help: 'Exécutions de tâches par file et issue (completed, retry, dead)', labelNames: ['queue', 'outcome'], registers })
    this.jobWait = new Histogram({ name: 'alliance_job_wait_seconds', help: 'Attente entre la mise en file et le début d’une exécution', labelNames: ['queue'], buckets: [0.01, 0.05, 0.1, 0.2, 0.5, 1, 5, 30, 120, 600], registers })
    this.jobDuration = new Histogram({ name: 'alliance_job_duration_seconds', help: 'Durée des exécutions de tâches', labelNames: ['queue'], buckets: [0.005, 0.02, 0.05, 0.1, 0.5, 1, 5, 30], registers })
    this.mail = new Counter({ name: 'alliance_mail_total', help: 'E-mails remis au serveur SMTP (sent), écrits dans le journal (logged) ou en échec (failed)', labelNames: ['outcome'], registers })
    const counts = () => this.jobCounts
    new Gauge({
      name: 'alliance_jobs',
      help: 'Tâches par file et état (waiting, active, failed = mortes)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset()
        const read = counts()
        if (!read) return
        const all = await read().catch(() => ({}) as JobCounts)
        for (const [queue, c] of Object.entries(all)) {
          this.set({ queue, state: 'waiting' }, c.waiting)
          this.set({ queue, state: 'active' }, c.active)
          this.set({ queue, state: 'failed' }, c.failed)
        }
      },
    })
  }

  /** Where the queue-depth gauge reads its figures. */
  readJobCountsFrom(read: () => Promise<JobCounts>): void {
    this.jobCounts = read
  }

  /** The runner's observer that feeds the job metrics. */
  jobObserver(): JobObserver {
    return {
      started: (queue, waitedMs) => this.jobWait.observe({ queue }, waitedMs / 1000),
      finished: (queue, outcome, durationMs) => {
        this.jobRuns.inc({ queue, outcome })
        this.jobDuration.observe({ queue }, durationMs / 1000)
      },
    }
  }

  /** The exposition text and its content type. */
  async exposition(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType }
  }
}
