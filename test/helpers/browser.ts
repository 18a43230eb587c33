/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), and axe-core
 * injected through the DevTools protocol (so the page's strict CSP stays on). When /usr/bin/chromium is
 * missing (a developer machine), browser tests are skipped loudly; `.ci/run` installs it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/core/config.js'
import { connect } from '../../src/core/db/connect.js'
import { migrateToLatest } from '../../src/core/db/migrate.js'
import type { Database } from '../../src/database.js'
import { syncVocabulary } from '../../src/features/vocabulary/index.js'
import { loadTestGeography } from './geography.js'

export const CHROMIUM = '/usr/bin/chromium'
export const HAS_CHROMIUM = existsSync(CHROMIUM)
if (!HAS_CHROMIUM) {
  console.warn(`\n!!! ${CHROMIUM} is missing: browser tests are SKIPPED. Install it with: apt-get install -y chromium\n`)
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
}

export interface RunningServer {
  url: string
  app: FastifyInstance
  close(): Promise<void>
}

/**
 * A real HTTP server on 127.0.0.1 (random port) over a temporary SQLite file with the test geography.
 * `env` adds configuration (e.g. `SMTP_URL` of a test SMTP server); `runJobs` runs background jobs (e-mail).
 */
export async function startServer(options: { env?: Record<string, string>; runJobs?: boolean } = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-e2e-'))
  const file = join(dir, 'alliance.sqlite')
  const db = connect<Database>({ dialect: 'sqlite', file })
  await migrateToLatest(db.kysely)
  await syncVocabulary(db.kysely)
  await loadTestGeography(db.kysely)
  const config = loadConfig({ NODE_ENV: 'test', ALLIANCE_DATA_DIR: dir, DATABASE_URL: `sqlite:${file}`, PORT: '0', ALLIANCE_RATE_LIMIT: '0', ...options.env })
  const app = await buildApp(config, { db, runJobs: options.runJobs ?? false })
  await app.listen({ host: '127.0.0.1', port: Number(options.env?.PORT ?? 0) })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    async close() {
      await app.close()
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Confirms a new account's address as its owner would: opens the link of the verification e-mail (read from
 * the queued message) and presses the confirmation button; the page lands on "Mon espace".
 */
export async function confirmAddress(page: Page, server: RunningServer, email: string): Promise<void> {
  const row = await server.app.db.selectFrom('mail_messages').select('params').where('recipient', '=', email.toLowerCase()).where('template', '=', 'accounts.mail.verify').orderBy('created_at', 'desc').executeTakeFirstOrThrow()
  await page.goto(`${server.url}${(JSON.parse(row.params) as { link: string }).link}`)
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click()
  await page.waitForURL(`${server.url}/mon-espace`)
}

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: Array<{ target: string[]; html: string }>
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the current page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }))
  })
}

/** Readable summary of violations for an assertion message. */
export function describeViolations(url: string, violations: AxeViolation[]): string {
  return violations.map((v) => `${url}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`).join('\n')
}
