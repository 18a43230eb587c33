/**
 * `npm run bench:pages` — the pages a signed-in person uses every day, on the platform at scale
 * (bench/pages-data.ts: the scale data of `alliance demo scale`, the alliances of `bench:alliances`, the demo
 * dataset, and a pilot commune holding 5 000 needs). A real server (`alliance serve`, production mode,
 * 127.0.0.1, page cache off, rate limits off) is loaded by autocannon with a real session cookie, 16
 * connections, BENCH_DURATION seconds per page (10 by default), next to a bare Fastify hello-world measured in
 * the same run. Prints one JSON line per database (SQLite always, PostgreSQL when BENCH_PG_URL is set):
 * `database`, `hello_rps`, `pages` [{url, rps, p50_ms, p99_ms, errors}], `peak_rss_mb` (the server's VmHWM).
 * `errors` counts failed, timed-out and non-2xx requests, and every request sent to a page that answered none.
 * The demo dataset is loaded with the data (bench/pages-data.ts), not by the server.
 * BENCH_SCALE (1 by default) shrinks the scale data for a quick look on a busy machine; BENCH_PAGES=a,b keeps
 * only the pages whose URL contains one of the fragments; BENCH_PAGE_TIMEOUT (30 s) is the longest a page may take
 * alone before it is reported as failed (`failed`) instead of loaded.
 */
import autocannon from 'autocannon'
import { connect, type Db } from '../src/core/db/connect.js'
import type { Database } from '../src/database.js'
import { setupDatabase } from '../src/setup.js'
import { BENCH_DIR, round } from './data.js'
import { EMAIL, ensurePagesData, PASSWORD, PILOT_COMMUNE, type PagesFixture } from './pages-data.js'
import { residentMb, startHello, startServer, stopServer } from './server.js'
import { mkdirSync } from 'node:fs'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const ONLY = process.env.BENCH_PAGES?.split(',').filter(Boolean) ?? []
const CONNECTIONS = 16
/** A page that does not answer one request alone within this time is reported as failed and not loaded. */
const PROBE_SECONDS = Number(process.env.BENCH_PAGE_TIMEOUT ?? 30)

function log(message: string) {
  process.stderr.write(`${message}\n`)
}

/** Every page of the issue's list, at every territory level, the pilot commune among them. */
function pageUrls(f: PagesFixture): string[] {
  const alliance = `/alliances/${f.bigAllianceId}`
  const urls = [
    '/',
    '/mon-espace',
    '/territoires/region/11',
    '/territoires/departement/94',
    '/territoires/ept/200057941',
    '/territoires/epci/200054781',
    `/territoires/commune/${PILOT_COMMUNE}`,
    '/acteurs',
    '/besoins',
    `/besoins?territoire=commune:${PILOT_COMMUNE}`,
    '/ressources',
    '/alliances',
    `/alliances?territoire=commune:${PILOT_COMMUNE}`,
    `/besoins/${f.pilotNeedId}`,
    `/besoins/${f.pilotNeedId}/correspondances`,
    alliance,
    `${alliance}/charte`,
    `${alliance}/contributions`,
    `${alliance}/journal`,
    ...(f.studyId ? [`/etudes/${f.studyId}`] : []),
    '/recherche?q=jardin',
    `/recherche?q=ordinateurs&territoire=commune:${PILOT_COMMUNE}`,
    '/territoires?q=saint+etienne',
  ]
  return ONLY.length === 0 ? urls : urls.filter((u) => ONLY.some((o) => u.includes(o)))
}

const setCookies = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0] as string)

/** Signs in through the real form (CSRF token and cookie) and returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const form = await fetch(`${base}/connexion`)
  const csrfCookies = setCookies(form)
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
  const res = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.join('; ') },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD, _csrf: token }).toString(),
  })
  const session = setCookies(res).find((c) => c.startsWith('alliance_session='))
  if (!session) throw new Error(`sign-in failed (${res.status})`)
  return session
}

/** GETs `url` once: its status, or 'timeout'. */
async function timedGet(url: string, cookie: string, seconds: number): Promise<number | 'timeout'> {
  try {
    const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(seconds * 1000) })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 'timeout'
  }
}

async function load(url: string, cookie?: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: cookie ? { cookie } : {} })
  const answered = result.requests.total
  // Up to one request per connection is in flight when the load stops; but a page that answered nothing at all
  // during the run failed every request it was sent (it would otherwise show 0 errors). Latencies are then null.
  const unanswered = answered > 0 ? 0 : Math.max(0, result.requests.sent - result.errors - result.timeouts)
  return {
    rps: round(result.requests.average, 1),
    p50_ms: answered > 0 ? result.latency.p50 : null,
    p99_ms: answered > 0 ? result.latency.p99 : null,
    errors: result.errors + result.timeouts + result.non2xx + unanswered,
  }
}

async function run(database: 'sqlite' | 'postgres', db: Db<Database>, databaseUrl: string, helloRps: number) {
  const fixture = await ensurePagesData(db.kysely, SCALE, (m) => log(`[${database}] ${m}`))
  await db.close()
  const server = await startServer({ DATABASE_URL: databaseUrl, ALLIANCE_DEMO: '0', ALLIANCE_PAGE_CACHE_SECONDS: '0', ALLIANCE_RATE_LIMIT: '0' })
  try {
    const cookie = await signIn(server.url)
    const pages: Array<Record<string, unknown>> = []
    for (const path of pageUrls(fixture)) {
      // One request alone first: a page slower than PROBE_SECONDS is reported as failed, not loaded.
      const probe = await timedGet(`${server.url}${path}`, cookie, PROBE_SECONDS)
      if (probe !== 200) {
        log(`[${database}] ${path} ${probe === 'timeout' ? `no answer within ${PROBE_SECONDS} s` : `answered ${probe}`}: not loaded`)
        pages.push({ url: path, rps: 0, p50_ms: null, p99_ms: null, errors: 1, failed: probe === 'timeout' ? `no answer within ${PROBE_SECONDS} s` : `status ${probe}` })
        continue
      }
      const measured = await load(`${server.url}${path}`, cookie)
      // The server still works through the requests the load left behind; they must not be charged to the next
      // page. Its handlers interleave, so the same page asked once more is answered about when they are done.
      await timedGet(`${server.url}${path}`, cookie, 600)
      log(`[${database}] ${path} ${JSON.stringify(measured)}`)
      pages.push({ url: path, ...measured })
    }
    return {
      database,
      hello_rps: helloRps,
      pages,
      peak_rss_mb: residentMb(server.child.pid, 'VmHWM'),
      scale: SCALE,
      connections: CONNECTIONS,
      duration_s: DURATION,
    }
  } finally {
    await stopServer(server.child)
  }
}

const hello = await startHello()
const helloRps = (await load(`${hello.url}/`)).rps
await stopServer(hello.child)

mkdirSync(BENCH_DIR, { recursive: true })
const file = `${BENCH_DIR}pages-x${SCALE}.sqlite`
const sqlite = connect<Database>({ dialect: 'sqlite', file })
await setupDatabase(sqlite.kysely, { demo: false, sessionIdleMinutes: 120 })
console.log(JSON.stringify(await run('sqlite', sqlite, `sqlite:${file}`, helloRps)))

const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const pg = connect<Database>({ dialect: 'postgres', url: pgUrl, poolSize: 4 })
  await setupDatabase(pg.kysely, { demo: false, sessionIdleMinutes: 120 })
  console.log(JSON.stringify(await run('postgres', pg, pgUrl, helloRps)))
}
