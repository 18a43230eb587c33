/**
 * `npm run bench:pages` — the pages a signed-in person uses every day, on the platform at scale
 * (bench/pages-data.ts: the scale data of `alliance demo scale`, the alliances of `bench:alliances`, the demo
 * dataset, and a pilot commune holding 5 000 needs). A real server (`alliance serve`, production mode,
 * 127.0.0.1, page cache off, rate limits off) is loaded by autocannon with a real session cookie, 16
 * connections, BENCH_WARMUP seconds (2) of unmeasured load then BENCH_DURATION seconds (10) per page, next to a
 * bare Fastify hello-world measured in the same run. Prints one JSON line per database (SQLite always, PostgreSQL
 * when BENCH_PG_URL is set): `database`, `hello_rps`, `pages` [{url, rps, p50_ms, p99_ms, errors, peak_rss_mb}],
 * `peak_rss_mb` (the largest VmHWM of the servers: each page gets a fresh server, so that requests a slow page
 * leaves running never weigh on the next; a page's own `peak_rss_mb` is its server's). Each page also carries
 * `hello_rps_beside`: the hello-world loaded for BENCH_HELLO_BESIDE seconds (2) right after the page, a yardstick
 * of the machine's speed at that moment (a shared machine's can change by a third within a run), so that a slow
 * page can be told from a slow machine.
 * `errors` counts failed, timed-out and non-2xx requests, and every request sent to a page that answered none.
 * The demo dataset is loaded with the data (bench/pages-data.ts), not by the server.
 * BENCH_SCALE (1 by default) shrinks the scale data for a quick look on a busy machine; BENCH_PAGES=a,b keeps
 * only the pages whose URL contains one of the fragments; BENCH_PAGE_TIMEOUT (30 s) is the longest a page may take
 * alone before it is reported as failed (`failed`) instead of loaded.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import autocannon from 'autocannon'
import pg from 'pg'
import { connect, type Db } from '../src/core/db/connect.js'
import type { Database } from '../src/database.js'
import { setupDatabase } from '../src/setup.js'
import { signIn } from './client.js'
import { BENCH_DIR, round } from './data.js'
import { EMAIL, ensurePagesData, PASSWORD, PILOT_COMMUNE, type PagesFixture } from './pages-data.js'
import { residentMb, startHello, startServer, stopServer } from './server.js'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
/** Seconds of load before each page's measured run (BENCH_WARMUP, 2 by default). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2)
const ONLY = process.env.BENCH_PAGES?.split(',').filter(Boolean) ?? []
const CONNECTIONS = 16
/** Seconds of hello-world load measured after each page (BENCH_HELLO_BESIDE, 2 by default). */
const HELLO_BESIDE = Number(process.env.BENCH_HELLO_BESIDE ?? 2)
/** A page that does not answer one request alone within this time is reported as failed and not loaded. */
const PROBE_SECONDS = Number(process.env.BENCH_PAGE_TIMEOUT ?? 30)

function log(message: string) {
  process.stderr.write(`${message}\n`)
}

/** Every page of the list, at every territory level, the pilot commune among them. */
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
    // Name filters: a word no name holds, and `jardins`, held by 1 682 actors' names (answered by the trigram
    // index) and 5 543 alliances' (more than it answers for: the walk by name).
    '/acteurs?q=zzzz',
    '/acteurs?q=jardins',
    `/acteurs/${f.coordinatorId}`,
    '/besoins',
    `/besoins?territoire=commune:${PILOT_COMMUNE}`,
    '/ressources',
    '/alliances',
    '/alliances?q=zzzz',
    '/alliances?q=jardins',
    `/alliances?territoire=commune:${PILOT_COMMUNE}`,
    `/besoins/${f.pilotNeedId}`,
    `/besoins/${f.pilotNeedId}/correspondances`,
    alliance,
    `${alliance}/charte`,
    `${alliance}/partenaires`,
    `${alliance}/contributions`,
    `${alliance}/journal`,
    ...(f.studyId ? [`/etudes/${f.studyId}`] : []),
    '/recherche?q=jardin',
    `/recherche?q=ordinateurs&territoire=commune:${PILOT_COMMUNE}`,
    '/territoires?q=saint+etienne',
  ]
  return ONLY.length === 0 ? urls : urls.filter((u) => ONLY.some((o) => u.includes(o)))
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

async function load(url: string, cookie?: string, duration = DURATION) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers: cookie ? { cookie } : {} })
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

/**
 * Stops a server at once: requests a slow page left behind are abandoned, not waited for. With BENCH_CPU_PROF the
 * server is stopped gracefully instead, since V8 writes its profile only at a normal exit.
 */
async function killServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  if (process.env.BENCH_CPU_PROF) return stopServer(child)
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

/**
 * PostgreSQL goes on running the statements of a killed server until it tries to answer: cancel them (the
 * bench database is the bench's own), so that they do not weigh on the next page.
 */
async function cancelLeftovers(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`select pg_cancel_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state = 'active'`)
  } finally {
    await client.end()
  }
}

async function run(database: 'sqlite' | 'postgres', db: Db<Database>, databaseUrl: string, hello: { url: string; rps: number }) {
  const fixture = await ensurePagesData(db.kysely, SCALE, (m) => log(`[${database}] ${m}`))
  await db.close()
  const start = () => startServer({ DATABASE_URL: databaseUrl, ALLIANCE_DEMO: '0', ALLIANCE_PAGE_CACHE_SECONDS: '0', ALLIANCE_RATE_LIMIT: '0' })
  // Sessions live in the database: the cookie of one sign-in is good for every server started on it.
  const first = await start()
  const { cookie } = await signIn(first.url, EMAIL, PASSWORD).finally(() => killServer(first.child))
  const pages: Array<Record<string, unknown>> = []
  let peak = 0
  for (const path of pageUrls(fixture)) {
    // A fresh server per page: requests a slow page leaves running are never charged to the next one.
    const server = await start()
    let measured: Awaited<ReturnType<typeof load>> & { peak_rss_mb: number }
    try {
      // One request alone first: a page slower than PROBE_SECONDS is reported as failed, not loaded.
      const probe = await timedGet(`${server.url}${path}`, cookie, PROBE_SECONDS)
      if (probe !== 200) {
        const failed = probe === 'timeout' ? `no answer within ${PROBE_SECONDS} s` : `status ${probe}`
        log(`[${database}] ${path} ${failed}: not loaded`)
        pages.push({ url: path, rps: 0, p50_ms: null, p99_ms: null, errors: 1, failed })
        continue
      }
      // Warm-up, not measured: the fresh server's code is compiled by V8 and its statements prepared under the
      // same load first, so that the figures are those of a server in service, not of its first second.
      await load(`${server.url}${path}`, cookie, WARMUP)
      measured = { ...(await load(`${server.url}${path}`, cookie)), peak_rss_mb: residentMb(server.child.pid, 'VmHWM') }
    } finally {
      peak = Math.max(peak, residentMb(server.child.pid, 'VmHWM'))
      await killServer(server.child)
      if (database === 'postgres') await cancelLeftovers(databaseUrl)
    }
    // The yardstick, once the page's server is gone.
    const beside = { ...measured, hello_rps_beside: (await load(`${hello.url}/`, undefined, HELLO_BESIDE)).rps }
    log(`[${database}] ${path} ${JSON.stringify(beside)}`)
    pages.push({ url: path, ...beside })
  }
  return { database, hello_rps: hello.rps, pages, peak_rss_mb: peak, scale: SCALE, connections: CONNECTIONS, duration_s: DURATION }
}

// The hello-world stays up for the whole run: measured once here, then beside every page.
const helloServer = await startHello()
const hello = { url: helloServer.url, rps: (await load(`${helloServer.url}/`)).rps }

mkdirSync(BENCH_DIR, { recursive: true })
const file = `${BENCH_DIR}pages-x${SCALE}.sqlite`
const sqlite = connect<Database>({ dialect: 'sqlite', file })
await setupDatabase(sqlite.kysely, { demo: false, sessionIdleMinutes: 120 })
console.log(JSON.stringify(await run('sqlite', sqlite, `sqlite:${file}`, hello)))

const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const pg = connect<Database>({ dialect: 'postgres', url: pgUrl, poolSize: 4 })
  await setupDatabase(pg.kysely, { demo: false, sessionIdleMinutes: 120 })
  console.log(JSON.stringify(await run('postgres', pg, pgUrl, hello)))
}
await stopServer(helloServer.child)
