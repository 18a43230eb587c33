/**
 * Configuration: read once from environment variables, validated at boot.
 *
 * Why one schema: the same TypeBox object gives the type (`Config`), the defaults and the readable list
 * of problems printed when the environment is wrong (the process then exits non-zero, see `cli/main.ts`).
 * Unknown `ALLIANCE_*` variables are reported too, because a typo silently ignored is a misconfiguration.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string; poolSize: number }

export interface Config {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  /** Public base URL (used for links in e-mails and to decide whether cookies are `Secure`). */
  publicUrl: string
  database: DatabaseConfig
  /** Directory for the SQLite file, the generated session secret, benchmarks' data. */
  dataDir: string
  /** Load the fictional demonstration dataset on first start. */
  demo: boolean
  /** Secret that signs cookies (session id, CSRF secret). At least 32 characters. */
  sessionSecret: string
  /** A signed-in session ends after this many minutes without a request. */
  sessionIdleMinutes: number
  /** A signed-in session ends this many hours after sign-in, whatever the activity. */
  sessionMaxHours: number
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Trust `X-Forwarded-*` headers from this proxy address (e.g. `127.0.0.1`); empty = trust none. */
  trustProxy: string
  /** Enable rate limits (sign-in, sign-up, password change, survey invitation codes). Tests of other behaviour turn them off. */
  rateLimit: boolean
  /** Lifetime of the anonymous page cache in seconds (0 = off); see core/http/page-cache.ts. */
  pageCacheSeconds: number
  mail: MailConfig
  jobs: JobsConfig
  metrics: MetricsConfig
}

/** E-mail delivery (see core/mail/). */
export interface MailConfig {
  /**
   * `smtp://user:password@host:587` or `smtps://…:465`; null = messages are written to the log (without
   * `SMTP_URL` outside production, or with `SMTP_URL=log:` — an explicit choice, e.g. for benchmarks)
   */
  smtpUrl: string | null
  /** the `From` header, e.g. `Alliance <ne-pas-repondre@alliance.example.org>` */
  from: string
  /** optional `Reply-To` header */
  replyTo: string | null
}

/** Background jobs (see core/jobs/). */
export interface JobsConfig {
  /** run the jobs inside `alliance serve` (turn off when `alliance worker` runs them apart) */
  inServer: boolean
  /** how often, in seconds, jobs of a dead process are recovered and old jobs removed */
  maintenanceSeconds: number
}

/** Prometheus metrics (see core/ops/metrics.ts): never public unless asked. */
export interface MetricsConfig {
  /** serve `/metrics` on this separate port (on `metricsHost`); null = no separate listener */
  port: number | null
  host: string
  /** serve `/metrics` on the main port to requests carrying `Authorization: Bearer <token>`; null = not served there */
  token: string | null
}

/** One problem found in the environment, in words a person can act on. */
export interface ConfigProblem {
  variable: string
  message: string
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      'Configuration invalide :\n' + problems.map((p) => `  - ${p.variable} : ${p.message}`).join('\n'),
    )
  }
}

const KNOWN = new Set([
  'NODE_ENV',
  'HOST',
  'PORT',
  'PUBLIC_URL',
  'DATABASE_URL',
  'ALLIANCE_DATA_DIR',
  'ALLIANCE_DEMO',
  'ALLIANCE_SESSION_SECRET',
  'ALLIANCE_SESSION_IDLE_MINUTES',
  'ALLIANCE_SESSION_MAX_HOURS',
  'ALLIANCE_TRUST_PROXY',
  'ALLIANCE_RATE_LIMIT',
  'ALLIANCE_PAGE_CACHE_SECONDS',
  'ALLIANCE_JOBS_IN_SERVER',
  'ALLIANCE_JOBS_MAINTENANCE_SECONDS',
  'ALLIANCE_METRICS_PORT',
  'ALLIANCE_METRICS_HOST',
  'ALLIANCE_METRICS_TOKEN',
  'SMTP_URL',
  'MAIL_FROM',
  'MAIL_REPLY_TO',
  'LOG_LEVEL',
])

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/**
 * Builds the configuration from `env` (defaults to `process.env`).
 * Throws `ConfigError` listing every problem at once (not only the first).
 * Edge cases: `PORT=0` is allowed (any free port, used by tests and benchmarks); a missing
 * `ALLIANCE_SESSION_SECRET` outside production is generated once and kept in `<dataDir>/session-secret`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: ConfigProblem[] = []
  for (const key of Object.keys(env)) {
    if (key.startsWith('ALLIANCE_') && !KNOWN.has(key)) {
      problems.push({ variable: key, message: 'variable inconnue (faute de frappe ?)' })
    }
  }

  const nodeEnv = env.NODE_ENV ?? 'development'
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    problems.push({ variable: 'NODE_ENV', message: 'attendu : development, production ou test' })
  }

  const port = integer(env.PORT, 3000, 'PORT', 0, 65535, problems)
  const host = env.HOST ?? '127.0.0.1'
  if (host.trim() === '') problems.push({ variable: 'HOST', message: 'ne peut pas être vide' })

  const dataDir = resolve(env.ALLIANCE_DATA_DIR ?? './var')

  let database: DatabaseConfig = { dialect: 'sqlite', file: resolve(dataDir, 'alliance.sqlite') }
  const dbUrl = env.DATABASE_URL
  if (dbUrl !== undefined && dbUrl !== '') {
    if (/^postgres(ql)?:\/\//.test(dbUrl)) {
      database = { dialect: 'postgres', url: dbUrl, poolSize: 10 }
    } else if (dbUrl.startsWith('sqlite:')) {
      const file = dbUrl.slice('sqlite:'.length).replace(/^\/\//, '')
      database = { dialect: 'sqlite', file: file === ':memory:' ? file : resolve(file) }
    } else {
      problems.push({
        variable: 'DATABASE_URL',
        message: 'attendu : postgres://utilisateur:motdepasse@hôte:5432/base ou sqlite:chemin/fichier.sqlite',
      })
    }
  }

  const demo = boolean(env.ALLIANCE_DEMO, true, 'ALLIANCE_DEMO', problems)
  const rateLimit = boolean(env.ALLIANCE_RATE_LIMIT, true, 'ALLIANCE_RATE_LIMIT', problems)
  const pageCacheSeconds = integer(env.ALLIANCE_PAGE_CACHE_SECONDS, 30, 'ALLIANCE_PAGE_CACHE_SECONDS', 0, 3600, problems)
  const sessionIdleMinutes = integer(
    env.ALLIANCE_SESSION_IDLE_MINUTES,
    120,
    'ALLIANCE_SESSION_IDLE_MINUTES',
    1,
    60 * 24 * 30,
    problems,
  )
  const sessionMaxHours = integer(
    env.ALLIANCE_SESSION_MAX_HOURS,
    12,
    'ALLIANCE_SESSION_MAX_HOURS',
    1,
    24 * 90,
    problems,
  )

  const logLevel = (env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info')) as Config['logLevel']
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push({ variable: 'LOG_LEVEL', message: `attendu : ${LOG_LEVELS.join(', ')}` })
  }

  const publicUrl = env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) {
    problems.push({ variable: 'PUBLIC_URL', message: 'attendu : une adresse http(s)://…' })
  }

  let sessionSecret = env.ALLIANCE_SESSION_SECRET ?? ''
  if (sessionSecret !== '' && sessionSecret.length < 32) {
    problems.push({
      variable: 'ALLIANCE_SESSION_SECRET',
      message: 'au moins 32 caractères (par exemple : openssl rand -hex 32)',
    })
  }
  if (sessionSecret === '' && nodeEnv === 'production') {
    problems.push({
      variable: 'ALLIANCE_SESSION_SECRET',
      message: 'obligatoire en production (par exemple : openssl rand -hex 32)',
    })
  }

  const mail = mailConfig(env, publicUrl, nodeEnv, problems)
  const jobs: JobsConfig = {
    inServer: boolean(env.ALLIANCE_JOBS_IN_SERVER, true, 'ALLIANCE_JOBS_IN_SERVER', problems),
    maintenanceSeconds: integer(env.ALLIANCE_JOBS_MAINTENANCE_SECONDS, 30, 'ALLIANCE_JOBS_MAINTENANCE_SECONDS', 1, 3600, problems),
  }
  const metricsPort = env.ALLIANCE_METRICS_PORT === undefined || env.ALLIANCE_METRICS_PORT === '' ? null : integer(env.ALLIANCE_METRICS_PORT, 0, 'ALLIANCE_METRICS_PORT', 0, 65535, problems)
  const metricsToken = env.ALLIANCE_METRICS_TOKEN ?? ''
  if (metricsToken !== '' && metricsToken.length < 24) {
    problems.push({ variable: 'ALLIANCE_METRICS_TOKEN', message: 'au moins 24 caractères (par exemple : openssl rand -hex 16)' })
  }
  const metrics: MetricsConfig = { port: metricsPort, host: env.ALLIANCE_METRICS_HOST || '127.0.0.1', token: metricsToken === '' ? null : metricsToken }

  if (problems.length > 0) throw new ConfigError(problems)

  if (sessionSecret === '') {
    sessionSecret = nodeEnv === 'test' ? 'test-secret-'.padEnd(48, 'x') : persistentSecret(dataDir)
  }

  return {
    env: nodeEnv as Config['env'],
    host,
    port,
    publicUrl: publicUrl.replace(/\/$/, ''),
    database,
    dataDir,
    demo,
    sessionSecret,
    sessionIdleMinutes,
    sessionMaxHours,
    logLevel,
    trustProxy: env.ALLIANCE_TRUST_PROXY ?? '',
    rateLimit,
    pageCacheSeconds,
    mail,
    jobs,
    metrics,
  }
}

/**
 * `SMTP_URL`, `MAIL_FROM`, `MAIL_REPLY_TO`. Production needs an SMTP server (a platform that cannot tell people
 * it is their turn is broken); elsewhere, without one, messages go to the log and the admins' mail page.
 */
function mailConfig(env: NodeJS.ProcessEnv, publicUrl: string, nodeEnv: string, problems: ConfigProblem[]): MailConfig {
  const raw = env.SMTP_URL ?? ''
  if (raw !== '' && raw !== 'log:' && !/^smtps?:\/\/[^/]+/.test(raw)) {
    problems.push({ variable: 'SMTP_URL', message: 'attendu : smtp://utilisateur:motdepasse@hôte:587, smtps://…:465 ou log: (messages écrits dans le journal)' })
  }
  if (raw === '' && nodeEnv === 'production') {
    problems.push({ variable: 'SMTP_URL', message: 'obligatoire en production : le serveur SMTP qui envoie les e-mails (smtp://… ou smtps://…), ou log: pour les écrire dans le journal' })
  }
  const smtpUrl = raw === 'log:' ? '' : raw
  const host = /^https?:\/\/([^/:]+)/.exec(publicUrl)?.[1] ?? 'localhost'
  const from = env.MAIL_FROM || `Alliance <ne-pas-repondre@${host}>`
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from
  if (!/^[^@\s<>]+@[^@\s<>]+$/.test(address)) {
    problems.push({ variable: 'MAIL_FROM', message: 'attendu : une adresse, éventuellement avec un nom (Alliance <ne-pas-repondre@exemple.fr>)' })
  }
  const replyTo = env.MAIL_REPLY_TO ?? ''
  if (replyTo !== '' && !/^[^@\s<>]+@[^@\s<>]+$/.test(/<([^<>]+)>\s*$/.exec(replyTo)?.[1] ?? replyTo)) {
    problems.push({ variable: 'MAIL_REPLY_TO', message: 'attendu : une adresse e-mail' })
  }
  return { smtpUrl: smtpUrl === '' ? null : smtpUrl, from, replyTo: replyTo === '' ? null : replyTo }
}

function integer(
  raw: string | undefined,
  fallback: number,
  variable: string,
  min: number,
  max: number,
  problems: ConfigProblem[],
): number {
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push({ variable, message: `entier attendu entre ${min} et ${max} (reçu « ${raw} »)` })
    return fallback
  }
  return value
}

function boolean(
  raw: string | undefined,
  fallback: boolean,
  variable: string,
  problems: ConfigProblem[],
): boolean {
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'oui'].includes(raw.toLowerCase())) return true
  if (['0', 'false', 'no', 'non'].includes(raw.toLowerCase())) return false
  problems.push({ variable, message: `attendu : 1 ou 0 (reçu « ${raw} »)` })
  return fallback
}

/** A development secret generated once per data directory, so sessions survive restarts. */
function persistentSecret(dataDir: string): string {
  const file = resolve(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret + '\n', { mode: 0o600 })
  return secret
}
