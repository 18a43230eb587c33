/**
 * Every page of the route inventory (the catalogue of `page-catalogue.ts`), on the demo data with a need and an
 * organisation carrying a 200-character word, in Chromium at 320 px and 1 280 px wide: no sideways scroll
 * (`scrollWidth ≤ innerWidth`), every SVG text label inside its SVG, axe-core 0 violations; then the W3C Nu
 * HTML checker (the `vnu-jar` package on the machine's Java) over the HTML of every page: 0 errors.
 * Screenshots of the main pages at 360 px and 1 280 px go to `test-results/pages/` (git-ignored), with the
 * list of faults found.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { newId, nowIso } from '../../src/core/db/values.js'
import { ALL_PAGES, invalidatePages } from '../../src/core/http/page-cache.js'
import { hashPassword } from '../../src/features/accounts/index.js'
import { DEMO_PASSWORD, loadDemo } from '../../src/features/demo/index.js'
import { Client, drainJobs, giveSecondFactor } from '../helpers/app.js'
import { axeViolations, HAS_CHROMIUM, launchBrowser, startServer, type RunningServer } from '../helpers/browser.js'
import { MATRIX } from '../security/authorization-matrix.js'
import { PAGE_CATALOGUE, type Persona } from './page-catalogue.js'
import { crawlFor } from './page-crawl.js'

const OUT = join(process.cwd(), 'test-results', 'pages')
const HTML_DIR = join(OUT, 'html')
const SHOTS = join(OUT, 'screenshots')
/** A word of 200 letters, as a person pasting a URL or a code without spaces would type. */
const LONG_WORD = 'Anticonstitutionnellement'.repeat(8)
const SESSION_COOKIE = 'alliance_session'
const PERSONA_EMAIL: Record<Exclude<Persona, 'visitor' | 'admin'>, string> = {
  association: 'association@demo.alliance.invalid',
  catalyseur: 'catalyseur@demo.alliance.invalid',
  entreprise: 'entreprise@demo.alliance.invalid',
}
const ADMIN_EMAIL = 'admin-plateforme@example.org'

/** GET routes that answer pages: the inventory's, minus the API. */
function pageRoutes(): string[] {
  return Object.keys(MATRIX).filter((key) => key.startsWith('GET ') && !key.startsWith('GET /api/'))
}

interface Visit {
  route: string
  url: string
  persona: Persona
  main: boolean
}

interface Fault {
  route: string
  url: string
  check: string
  detail: string
}

describe('page catalogue', () => {
  test('names every GET page route of the inventory, and no route that is gone', () => {
    const routes = pageRoutes()
    const missing = routes.filter((r) => !(r in PAGE_CATALOGUE))
    assert.deepEqual(missing, [], 'GET routes without an entry in test/e2e/page-catalogue.ts')
    const stale = Object.keys(PAGE_CATALOGUE).filter((r) => !routes.includes(r))
    assert.deepEqual(stale, [], 'catalogue entries for routes that no longer exist')
  })
})

describe('every page at 320 px and 1 280 px, and valid HTML', { skip: !HAS_CHROMIUM && 'no /usr/bin/chromium' }, () => {
  let server: RunningServer
  let browser: Browser
  const cookies = new Map<Persona, string | undefined>()
  const visits: Visit[] = []
  const faults: Fault[] = []
  const saved: Array<{ file: string; visit: Visit }> = []

  before(async () => {
    rmSync(OUT, { recursive: true, force: true })
    mkdirSync(HTML_DIR, { recursive: true })
    mkdirSync(SHOTS, { recursive: true })
    server = await startServer()
    const db = server.app.db
    try {
      await loadDemo(db)
    } catch (err) {
      // A feature's demo loader failing must not hide every other page: the pages it would have filled are
      // then not found by the crawl, and the test names them.
      console.warn(`!!! loadDemo failed, the pages of the demo content loaded after the failure are missing: ${String(err)}`)
    }
    // A need and an organisation with a 200-character word, in the title and the text.
    const need = await db.selectFrom('needs').select(['id', 'title']).where('status', '=', 'ouvert').orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()
    await db.updateTable('needs').set({ title: `${need.title} ${LONG_WORD}`, description: `Voir ${LONG_WORD} et https://www.example.org/${LONG_WORD}/citation` }).where('id', '=', need.id).execute()
    const org = await db.selectFrom('organisations').innerJoin('needs', 'needs.organisation_id', 'organisations.id').select(['organisations.id', 'organisations.name']).where('needs.id', '=', need.id).executeTakeFirstOrThrow()
    await db.updateTable('organisations').set({ name: `${org.name} ${LONG_WORD}`, description: `Site : https://www.example.org/${LONG_WORD}/presentation ${LONG_WORD}` }).where('id', '=', org.id).execute()
    await invalidatePages(db, [ALL_PAGES])

    // The people who look.
    const admin = await db.insertInto('users').values({ id: newId(), email: ADMIN_EMAIL, password_hash: await hashPassword(DEMO_PASSWORD), display_name: 'Admin plateforme', locale: 'fr', is_platform_admin: 1, is_demo: 0, created_at: nowIso(), updated_at: nowIso(), email_verified_at: nowIso() }).returning('id').executeTakeFirstOrThrow()
    assert.ok(admin.id)
    await giveSecondFactor(db, ADMIN_EMAIL)
    // An e-mail in the outbox, as after a person asked for a new password: the admin's mail pages show it.
    const asking = await new Client(server.app).post('/mot-de-passe-oublie', { email: PERSONA_EMAIL.association })
    assert.equal(asking.statusCode, 303, 'a password reset is asked for')
    await drainJobs(server.app)
    const clients = new Map<Persona, Client>([['visitor', new Client(server.app)]])
    for (const [persona, email] of [...Object.entries(PERSONA_EMAIL), ['admin', ADMIN_EMAIL]] as Array<[Persona, string]>) {
      const client = new Client(server.app)
      const res = await client.signIn(email, DEMO_PASSWORD)
      assert.equal(res.statusCode, 303, `${persona} signs in`)
      clients.set(persona, client)
      cookies.set(persona, client.cookie(SESSION_COOKIE))
    }

    // One real URL per page route: fixed in the catalogue, or found by following the person's links.
    const routes = pageRoutes()
    const linkable = routes.filter((r) => {
      const entry = PAGE_CATALOGUE[r]
      return entry !== undefined && 'visit' in entry
    })
    const seeds: Record<Persona, string[]> = {
      visitor: ['/', '/acteurs', '/territoires/ept/200057941', '/besoins', '/ressources', '/alliances', '/etudes', '/espaces', '/rencontres', '/lieux', '/maturite'],
      association: ['/mon-espace', '/compte', '/notifications', '/mises-en-relation', '/besoins', '/alliances'],
      catalyseur: ['/mon-espace', '/enquetes', '/espaces', '/rencontres', '/alliances', '/lieux', '/maturite'],
      entreprise: ['/mon-espace', '/lieux', '/ressources'],
      admin: ['/admin/courriels', '/admin/taches', '/admin/identifiants', '/admin/securite', '/maturite'],
    }
    for (const persona of Object.keys(seeds) as Persona[]) {
      const wanted = linkable.filter((r) => {
        const entry = PAGE_CATALOGUE[r]
        return entry && 'visit' in entry && entry.visit === persona && !entry.url
      })
      // the demo company's place is one of several: follow every place of the directory
      const perRoute = persona === 'entreprise' ? 8 : 3
      const found = wanted.length > 0 ? await crawlFor(clients.get(persona) as Client, { seeds: seeds[persona], wanted, routes: linkable, perRoute }) : new Map<string, string>()
      for (const route of linkable) {
        const entry = PAGE_CATALOGUE[route]
        if (!entry || !('visit' in entry) || entry.visit !== persona) continue
        const url = entry.url ?? found.get(route)
        if (!url) {
          faults.push({ route, url: '—', check: 'reach', detail: `no link to this page found from the pages of ${persona}` })
          continue
        }
        visits.push({ route, url, persona, main: entry.main === true })
      }
    }
    // The need and the organisation with the long word are pages of their own.
    visits.push({ route: 'GET /acteurs/:id', url: `/acteurs/${org.id}`, persona: 'visitor', main: false })
    visits.push({ route: 'GET /besoins/:id', url: `/besoins/${need.id}`, persona: 'visitor', main: false })
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  async function check(page: Page, visit: Visit, width: number): Promise<void> {
    const fault = (check: string, detail: string) => faults.push({ route: visit.route, url: visit.url, check: `${check} @${width}px`, detail })
    await page.setViewportSize({ width, height: 900 })
    const response = await page.goto(`${server.url}${visit.url}`)
    if (response?.status() !== 200) {
      fault('status', String(response?.status()))
      return
    }
    if (width === 1280) {
      const file = join(HTML_DIR, `${String(saved.length).padStart(3, '0')}.html`)
      writeFileSync(file, await response.text())
      saved.push({ file, visit })
    }
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }))
    if (widths.scroll > widths.inner) {
      const culprits = await page.evaluate(() => {
        const limit = window.innerWidth
        return Array.from(document.querySelectorAll('body *'))
          .filter((el) => el.getBoundingClientRect().right > limit + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > limit + 1))
          .slice(0, 3)
          .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${String(el.className)}"` : ''}> ${Math.round(el.getBoundingClientRect().right)}px`)
      })
      fault('sideways scroll', `scrollWidth ${widths.scroll} > ${widths.inner}: ${culprits.join(', ')}`)
    }
    if (width === 320) {
      const header = await page.evaluate(() => document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0)
      if (header > 120) fault('header height', `${Math.round(header)} px, more than 120 px`)
    }
    const clipped = await page.evaluate(() =>
      Array.from(document.querySelectorAll('svg text'))
        .map((text) => {
          const svg = text.closest('svg') as SVGSVGElement
          const box = text.getBoundingClientRect()
          const frame = svg.getBoundingClientRect()
          if (box.width === 0 || frame.width === 0) return null
          const inside = box.left >= frame.left - 1 && box.right <= frame.right + 1 && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1
          return inside ? null : `“${(text.textContent ?? '').slice(0, 40)}”`
        })
        .filter((x): x is string => x !== null),
    )
    if (clipped.length > 0) fault('clipped chart label', clipped.slice(0, 5).join(', '))
    const violations = await axeViolations(page)
    for (const v of violations) fault('axe', `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
    if (visit.main && (width === 1280 || width === 320)) {
      const shotWidth = width === 320 ? 360 : 1280
      await page.setViewportSize({ width: shotWidth, height: 900 })
      const name = `${visit.url.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'accueil'}-${shotWidth}.png`
      await page.screenshot({ path: join(SHOTS, name), fullPage: true })
    }
  }

  test('no sideways scroll, no clipped label, axe-core 0 violations, at 320 px and 1 280 px', { timeout: 30 * 60_000 }, async () => {
    for (const persona of ['visitor', 'association', 'catalyseur', 'entreprise', 'admin'] as Persona[]) {
      const context = await browser.newContext({ reducedMotion: 'reduce' })
      const session = cookies.get(persona)
      if (session) await context.addCookies([{ name: SESSION_COOKIE, value: session, url: server.url }])
      const page = await context.newPage()
      for (const visit of visits.filter((v) => v.persona === persona)) {
        for (const width of [320, 1280]) await check(page, visit, width)
      }
      await context.close()
    }
    report(faults, 'browser')
    assert.deepEqual(faults.map(describe1), [], `${faults.length} faults`)
  })

  test('on a phone without JavaScript, the navigation folds behind “Menu” and opens', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 700 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/acteurs`)
    const nav = page.getByRole('navigation', { name: 'Navigation principale' })
    assert.equal(await nav.isVisible(), false, 'folded')
    await page.getByRole('link', { name: 'Menu', exact: true }).click()
    assert.equal(await nav.isVisible(), true, 'open')
    await nav.getByRole('link', { name: 'Lexique' }).click()
    await page.waitForURL(`${server.url}/lexique`)
    await page.setViewportSize({ width: 1280, height: 800 })
    assert.equal(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible(), true, 'always open on a large screen')
    assert.equal(await page.getByRole('link', { name: 'Menu', exact: true }).isVisible(), false)
    await context.close()
  })

  test('the W3C Nu HTML checker finds no error on any page', { timeout: 10 * 60_000 }, async () => {
    assert.ok(saved.length > 0, 'pages were saved by the browser test')
    const require = createRequire(import.meta.url)
    const jar = join(dirname(require.resolve('vnu-jar')), 'build', 'dist', 'vnu.jar')
    // vnu exits 1 when it finds errors; its JSON report is on stderr either way.
    const { stderr } = await promisify(execFile)('java', ['-jar', jar, '--errors-only', '--format', 'json', ...saved.map((s) => s.file)], { maxBuffer: 64 * 1024 * 1024 }).catch((err: { stderr?: string; stdout?: string; message: string }) => {
      if (err.stderr === undefined || !err.stderr.trim().startsWith('{')) throw err
      return { stderr: err.stderr }
    })
    const messages = (JSON.parse(stderr) as { messages: Array<{ url: string; type: string; message: string; extract?: string; lastLine?: number }> }).messages
    const nu: Fault[] = []
    for (const m of messages.filter((x) => x.type === 'error')) {
      const file = decodeURIComponent(m.url.replace(/^file:/, ''))
      const visit = saved.find((s) => file.endsWith(s.file))?.visit
      nu.push({ route: visit?.route ?? '?', url: visit?.url ?? file, check: 'Nu HTML', detail: `${m.message} (line ${m.lastLine ?? '?'}: ${(m.extract ?? '').replace(/\s+/g, ' ').trim().slice(0, 120)})` })
    }
    report(nu, 'nu')
    assert.deepEqual(nu.map(describe1), [], `${nu.length} Nu errors`)
  })
})

function describe1(f: Fault): string {
  return `${f.url} [${f.route}] ${f.check}: ${f.detail}`
}

/** Writes every fault to a file, to read after a run. */
function report(faults: Fault[], name: string): void {
  writeFileSync(join(OUT, `${name}-faults.txt`), faults.map(describe1).join('\n') + '\n')
}
