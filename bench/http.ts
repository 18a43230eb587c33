/**
 * `npm run bench:http` — the platform as a user meets it:
 * - first `npm start` on an empty data directory (migrations + full geography + demo dataset) until the
 *   server listens, then a later start on the same data;
 * - autocannon (32 connections, 10 s per URL, loopback) on the home page, a commune, a département and the
 *   actors directory, as anonymous visitors (the page cache serves them), next to a bare Fastify hello-world
 *   measured in the same run; requests say `Accept-Encoding: gzip, deflate, br` as browsers do
 *   (`BENCH_ACCEPT_ENCODING`, empty for none: pages then go as HTML, 3 to 6 times the bytes);
 * - for each page, a bare Fastify answering that page's bytes and headers (`bare_rps`): what the load
 *   generator and the loopback alone allow for a page of that size on this machine (on two cores, autocannon
 *   reading a 43 kB page is slower than the server sending it from memory);
 * - the server's resident memory after the load.
 * Prints one JSON object: hello_rps, pages [{url, rps, p99_ms, errors, share_of_hello, bytes, bare_rps,
 * share_of_bare}], first_start_s, later_start_s, rss_after_mb.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { round } from './data.js'
import { residentMb, startHello, startServer, stopServer } from './server.js'

const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = 32
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br'
const HEADERS: Record<string, string> = ACCEPT_ENCODING ? { 'accept-encoding': ACCEPT_ENCODING } : {}

const startAlliance = (dataDir: string) => startServer({ ALLIANCE_DATA_DIR: dataDir, DATABASE_URL: '' }, 120_000)

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: HEADERS })
  return {
    rps: round(result.requests.average, 0),
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }
}

/** One answer's body as sent (still compressed) and the headers a bare server needs to send it the same way. */
function fetchRaw(url: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: HEADERS }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const headers: Record<string, string> = { 'content-type': String(res.headers['content-type']) }
        if (res.headers['content-encoding']) headers['content-encoding'] = res.headers['content-encoding']
        resolve({ body: Buffer.concat(chunks), headers })
      })
    })
      .on('error', reject)
      .end()
  })
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
    const measured = await load(`${later.url}${path}`)
    // The page as the load received it (a cache hit: compressed bytes, as sent), served by a bare Fastify.
    const answer = await fetchRaw(`${later.url}${path}`)
    const file = join(dataDir, 'bare-answer')
    writeFileSync(file, answer.body)
    const bare = await startHello({ file, headers: answer.headers })
    const bareResult = await load(`${bare.url}/`)
    await stopServer(bare.child)
    pages.push({ url: path, ...measured, bytes: answer.body.length, bare_rps: bareResult.rps, share_of_bare: round(measured.rps / bareResult.rps, 2) })
  }
  const rss = residentMb(later.child.pid)
  await stopServer(later.child)
  console.log(
    JSON.stringify({
      hello_rps: helloResult.rps,
      pages: pages.map((p) => ({ ...p, share_of_hello: round(p.rps / helloResult.rps, 2) })),
      accept_encoding: ACCEPT_ENCODING,
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
