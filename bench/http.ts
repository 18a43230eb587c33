/**
 * `npm run bench:http` — the platform as a user meets it:
 * - first `npm start` on an empty data directory (migrations + full geography + demo dataset) until the
 *   server listens, then a later start on the same data;
 * - autocannon (32 connections, 10 s per URL, loopback) on the home page, a commune, a département and the
 *   actors directory, next to a bare Fastify hello-world measured in the same run;
 * - the server's resident memory after the load.
 * Prints one JSON object: hello_rps, pages [{url, rps, p99_ms, errors}], first_start_s, later_start_s,
 * rss_after_mb.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { round } from './data.js'
import { residentMb, startHello, startServer, stopServer } from './server.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = 32

const startAlliance = (dataDir: string) => startServer({ ALLIANCE_DATA_DIR: dataDir, DATABASE_URL: '' }, 120_000)

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION })
  return {
    rps: round(result.requests.average, 0),
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'alliance-bench-http-'))
try {
  const first = await startAlliance(dataDir)
  await stopServer(first.child)
  const later = await startAlliance(dataDir)
  const hello = await startHello()
  const helloResult = await load(`${hello.url}/`)
  await stopServer(hello.child)
  const pages = []
  for (const path of ['/', '/territoires/commune/94080', '/territoires/departement/94', '/acteurs']) {
    pages.push({ url: path, ...(await load(`${later.url}${path}`)) })
  }
  const rss = residentMb(later.child.pid)
  await stopServer(later.child)
  console.log(
    JSON.stringify({
      hello_rps: helloResult.rps,
      pages: pages.map((p) => ({ ...p, share_of_hello: round(p.rps / helloResult.rps, 2) })),
      first_start_s: round(first.seconds, 2),
      later_start_s: round(later.seconds, 2),
      rss_after_mb: rss,
      connections: CONNECTIONS,
      duration_s: DURATION,
    }),
  )
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
