/**
 * Child processes of the benchmarks: a real Alliance server (`alliance serve`, production mode, loopback, a
 * free port) started and stopped, its resident memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { round } from './data.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export interface Started {
  child: ChildProcess
  url: string
  /** from spawn to listening */
  seconds: number
}

/** Resolves with the first match of `pattern` in the child's output (stdout); rejects on exit or timeout. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
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

/**
 * Starts `alliance serve` on 127.0.0.1 with a free port; `env` adds to or overrides the defaults (a bench
 * session secret, warnings only). Resolves once the server prints its address. With `BENCH_CPU_PROF=<dir>` the
 * server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools), to see where a figure goes.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 300_000): Promise<Started> {
  const started = performance.now()
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
  const child = spawn(process.execPath, [...profile, 'bin/alliance.js', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ALLIANCE_SESSION_SECRET: 'bench-secret-'.padEnd(48, 'x'), LOG_LEVEL: 'warn', SMTP_URL: 'log:', ...env, HOST: '127.0.0.1', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const match = await waitForLine(child, /prête sur (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs)
  return { child, url: match[1] as string, seconds: (performance.now() - started) / 1000 }
}

/** Stops a child with SIGTERM and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/**
 * A bare Fastify on 127.0.0.1 (a free port): the yardstick the page benchmarks compare with. It answers
 * `Hello world`, or, given `answer`, the same bytes and headers at every request (what the load generator and
 * the loopback cost for a page of that size, with no work on the server's side).
 */
export async function startHello(answer?: { file: string; headers: Record<string, string> }): Promise<Started> {
  const handler = answer
    ? `const body = readFileSync(${JSON.stringify(answer.file)}); app.get('/', (_q, reply) => { reply.headers(${JSON.stringify(answer.headers)}).send(body) })`
    : `app.get('/', async () => 'Hello world')`
  const code = `
    import { readFileSync } from 'node:fs'
    import Fastify from 'fastify'
    const app = Fastify()
    ${handler}
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    console.log('ready ' + address)
  `
  const started = performance.now()
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  const match = await waitForLine(child, /ready (http:\/\/127\.0\.0\.1:\d+)/, 20_000)
  return { child, url: match[1] as string, seconds: (performance.now() - started) / 1000 }
}

/** A process's resident memory in MB: now (`VmRSS`) or its peak (`VmHWM`). */
export function residentMb(pid: number | undefined, which: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  if (!pid) return NaN
  const kb = Number(new RegExp(`${which}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
  return round(kb / 1024, 1)
}
