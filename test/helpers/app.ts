/**
 * Builds the real application on a test database (with the test geography and the vocabulary), and a
 * small HTTP client over `inject()` that keeps cookies and fills the CSRF token like a browser would.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { generate } from 'otplib'
import type { Kysely, KyselyPlugin } from 'kysely'
import { buildApp } from '../../src/app.js'
import { nowIso } from '../../src/core/db/values.js'
import type { Database } from '../../src/database.js'
import { newTotpSecret, sealTotpSecret } from '../../src/features/accounts/second-factor.js'
import { JobRunner } from '../../src/core/jobs/runner.js'
import { loadConfig } from '../../src/core/config.js'
import { syncVocabulary } from '../../src/features/vocabulary/index.js'
import type { TestDatabase, TestDialect } from './dialects.js'
import { loadTestGeography } from './geography.js'

export interface TestApp {
  app: FastifyInstance
  db: TestDatabase['db']['kysely']
  dialect: TestDialect['name']
  /** Runs the background jobs (e-mail…) until none is due or running, then stops (tests run jobs explicitly). */
  drainJobs(): Promise<void>
  close(): Promise<void>
}

/**
 * `plugins` see every query the application runs (not those of the returned `db`, which set-up code uses):
 * e.g. a counter of the queries of a page.
 */
export async function buildTestApp(dialect: TestDialect, env: Record<string, string> = {}, options: { plugins?: KyselyPlugin[] } = {}): Promise<TestApp> {
  const database = await dialect.open()
  await syncVocabulary(database.db.kysely)
  await loadTestGeography(database.db.kysely)
  const config = loadConfig({ NODE_ENV: 'test', ALLIANCE_RATE_LIMIT: '0', PUBLIC_URL: 'http://alliance.test', ...env })
  const kysely = (options.plugins ?? []).reduce((k, plugin) => k.withPlugin(plugin), database.db.kysely)
  const app = await buildApp(config, { db: { ...database.db, kysely } })
  await app.ready()
  return {
    app,
    db: database.db.kysely,
    dialect: dialect.name,
    drainJobs: () => drainJobs(app),
    async close() {
      await app.close()
      await database.close()
    },
  }
}

/** Runs every queue of the app until no job is due or running (jobs due later, e.g. retries, stay queued). */
export async function drainJobs(app: FastifyInstance): Promise<void> {
  const { store, definitions } = app.runtime
  const runner = new JobRunner(store, definitions, { db: app.db, pollMs: 20 })
  runner.start()
  try {
    let idleRounds = 0
    const deadline = Date.now() + 30_000
    while (idleRounds < 3) {
      if (Date.now() > deadline) throw new Error('jobs did not settle within 30 s')
      await new Promise((resolve) => setTimeout(resolve, 40))
      const busy = runner.inFlight > 0 || (await dueJobs(app)) > 0
      idleRounds = busy ? 0 : idleRounds + 1
    }
  } finally {
    await runner.stop()
  }
}

/** Jobs that are due now (created, or retries whose time has come) or running. */
async function dueJobs(app: FastifyInstance): Promise<number> {
  return Object.values(await app.runtime.store.counts()).reduce((sum, c) => sum + c.due + c.active, 0)
}

/** The session secret of test configurations (`loadConfig` with NODE_ENV=test). */
export const TEST_SESSION_SECRET = 'test-secret-'.padEnd(48, 'x')

/** TOTP secrets given by `giveSecondFactor`, by e-mail: `Client.signIn` answers the second step with them. */
const secondFactors = new Map<string, string>()

/**
 * Turns the second factor on for an account (a test shortcut for the setup page, which has its own tests);
 * `Client.signIn` then answers the code step. Returns the base32 secret.
 */
export async function giveSecondFactor(db: Kysely<Database>, email: string): Promise<string> {
  const secret = newTotpSecret()
  await db.updateTable('users').set({ totp_secret: sealTotpSecret(TEST_SESSION_SECRET, secret), totp_enabled_at: nowIso(), totp_last_step: null }).where('email', '=', email.toLowerCase()).execute()
  secondFactors.set(email.toLowerCase(), secret)
  return secret
}

/** The link of the newest verification e-mail queued to `email` (relative), if any. */
export async function verificationLink(db: Kysely<Database>, email: string): Promise<string | undefined> {
  const row = await db.selectFrom('mail_messages').select('params').where('recipient', '=', email.toLowerCase()).where('template', '=', 'accounts.mail.verify').orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst()
  return row ? (JSON.parse(row.params) as { link: string }).link : undefined
}

export type Form = Record<string, string | string[]>

/** A browser-like client: cookies kept between requests, CSRF token read from the pages' forms. */
export class Client {
  private cookies = new Map<string, string>()
  constructor(
    readonly app: FastifyInstance,
    readonly remoteAddress = '127.0.0.1',
  ) {}

  /** The Cookie header this client sends (for requests built by hand). */
  cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.value === ''
      if (expired) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name)
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const cookie = this.cookieHeader()
    const res = await this.app.inject({ method: 'GET', url, remoteAddress: this.remoteAddress, headers: { ...headers, ...(cookie ? { cookie } : {}) } })
    this.remember(res)
    return res
  }

  /** Submits a form as a browser does (urlencoded), with the CSRF token unless `csrf` is given. */
  async post(url: string, form: Form = {}, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const token = options.csrf === undefined ? await this.csrf() : options.csrf
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(form)) {
      if (Array.isArray(v)) for (const item of v) body.append(k, item)
      else body.append(k, v)
    }
    if (token !== null) body.set('_csrf', token)
    const cookie = this.cookieHeader()
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.remoteAddress,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    })
    this.remember(res)
    return res
  }

  /** Sends JSON to the API (with the CSRF token in the `x-csrf-token` header unless `csrf` is null). */
  async json(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload: unknown, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const token = options.csrf === undefined ? await this.csrf() : options.csrf
    const cookie = this.cookieHeader()
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      // No body (a DELETE): no content type either, as a client would send it.
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { 'x-csrf-token': token } : {}), ...(cookie ? { cookie } : {}) },
    })
    this.remember(res)
    return res
  }

  /** A valid CSRF token for this client (read from a public form shown signed in or not). */
  async csrf(): Promise<string> {
    const res = await this.get('/mot-de-passe-oublie')
    const match = /name="_csrf" value="([^"]+)"/.exec(res.body)
    if (!match?.[1]) throw new Error(`no CSRF token on /mot-de-passe-oublie (status ${res.statusCode})`)
    return match[1]
  }

  /**
   * Signs up as a person would: the form, then the link of the verification e-mail (read from the queued
   * message) and its confirmation button. Returns the last answer (303 to "Mon espace" once signed in; the
   * form's answer when it was refused or sent no link).
   */
  async signUp(email: string, password = 'un mot de passe très long', displayName = 'Camille Test'): Promise<LightMyRequestResponse> {
    const res = await this.post('/inscription', { display_name: displayName, email, password })
    if (res.statusCode !== 303) return res
    const link = await verificationLink(this.app.db, email)
    if (!link) return res
    await this.get(link)
    return this.post(link)
  }

  /** Signs in; answers the second step with the secret of `giveSecondFactor` when the account has one. */
  async signIn(email: string, password = 'un mot de passe très long'): Promise<LightMyRequestResponse> {
    const res = await this.post('/connexion', { email, password })
    const secret = secondFactors.get(email.toLowerCase())
    if (res.statusCode !== 303 || res.headers.location !== '/connexion/code' || !secret) return res
    // A test may sign in twice within 30 seconds: forget the last step so that the current code counts again.
    await this.app.db.updateTable('users').set({ totp_last_step: null }).where('email', '=', email.toLowerCase()).execute()
    return this.post('/connexion/code', { code: await generate({ secret }) })
  }
}

/** The text of an HTML response without tags (for "the page says …" assertions). */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&nbsp;|\u00a0|\u202f/g, ' ')
    .replace(/\s+/g, ' ')
}
