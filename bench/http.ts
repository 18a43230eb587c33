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
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { round } from './data.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = 32

interface Started {
  child: ChildProcess
  url: string
  seconds: number
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${pattern}; output: ${buffer.slice(-2000)}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString()
      const match = pattern.exec(buffer)
      if (match) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        resolve(match)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (buffer += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${buffer.slice(-2000)}`)))
  })
}

async function startAlliance(dataDir: string): Promise<Started> {
  const started = performance.now()
  const child = spawn(process.execPath, ['bin/alliance.js', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ALLIANCE_SESSION_SECRET: 'bench-secret-'.padEnd(48, 'x'),
      ALLIANCE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const match = await waitForLine(child, /prête sur (http:\/\/127\.0\.0\.1:\d+)/, 120_000)
  return { child, url: match[1] as string, seconds: (performance.now() - started) / 1000 }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

async function startHello(): Promise<Started> {
  const code = `
    import Fastify from 'fastify'
    const app = Fastify()
    app.get('/', async () => 'Hello world')
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    console.log('ready ' + address)
  `
  const started = performance.now()
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  const match = await waitForLine(child, /ready (http:\/\/127\.0\.0\.1:\d+)/, 20_000)
  return { child, url: match[1] as string, seconds: (performance.now() - started) / 1000 }
}

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION })
  return {
    rps: round(result.requests.average, 0),
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }
}

function rssMb(pid: number | undefined): number {
  if (!pid) return NaN
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
  return round(kb / 1024, 1)
}

const dataDir = mkdtempSync(join(tmpdir(), 'alliance-bench-http-'))
try {
  const first = await startAlliance(dataDir)
  await stop(first.child)
  const later = await startAlliance(dataDir)
  const hello = await startHello()
  const helloResult = await load(`${hello.url}/`)
  await stop(hello.child)
  const pages = []
  for (const path of ['/', '/territoires/commune/94080', '/territoires/departement/94', '/acteurs']) {
    pages.push({ url: path, ...(await load(`${later.url}${path}`)) })
  }
  const rss = rssMb(later.child.pid)
  await stop(later.child)
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
