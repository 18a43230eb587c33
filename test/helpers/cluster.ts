/**
 * Several Alliance instances behind nginx on loopback, for the cluster test and `bench:operations`: each
 * instance is a real `alliance serve` (production mode, a free port) on one PostgreSQL database; nginx (from
 * Debian, `/usr/sbin/nginx`) runs in the foreground from a configuration written in a temporary directory —
 * the same proxy settings as docs/deploy.md (without TLS). Also a small fetch client that keeps cookies and
 * reads CSRF tokens, as a browser would.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, stopServer } from '../../bench/server.js'

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? null

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** The proxy part of the nginx configuration of docs/deploy.md, for upstreams on `ports`. */
export function nginxHttpBlock(ports: number[], listen: string, tempDir: string): string {
  return `
http {
  access_log off;
  client_body_temp_path ${tempDir}/body;
  proxy_temp_path ${tempDir}/proxy;
  fastcgi_temp_path ${tempDir}/fastcgi;
  uwsgi_temp_path ${tempDir}/uwsgi;
  scgi_temp_path ${tempDir}/scgi;
  client_max_body_size 2m;

  upstream alliance {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 64;
  }

  server {
    listen ${listen};
    location / {
      proxy_pass http://alliance;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $request_id;
      # A request that never reached an instance, or reached one that died, goes to the next one. nginx never
      # retries a POST that was sent (non-idempotent): the client sees the error, the write was not acknowledged.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
`
}

export interface Instance {
  child: ChildProcess
  url: string
  port: number
}

export interface Cluster {
  /** nginx's address */
  url: string
  instances: Instance[]
  /** kill -9 one instance */
  kill(index: number): void
  /** nginx's error log so far (upstream failures, retries to the next instance) */
  errorLog(): string
  stop(): Promise<void>
}

/** Starts `count` instances with `env` (DATABASE_URL…) and nginx in front of them. */
export async function startCluster(count: number, env: Record<string, string>): Promise<Cluster> {
  if (!NGINX) throw new Error('nginx is not installed (apt-get install nginx)')
  const instances: Instance[] = []
  const dir = mkdtempSync(join(tmpdir(), 'alliance-nginx-'))
  let nginx: ChildProcess | null = null
  const stop = async () => {
    if (nginx && nginx.exitCode === null) {
      await new Promise<void>((resolve) => {
        nginx!.once('exit', () => resolve())
        nginx!.kill('SIGQUIT')
      })
    }
    await Promise.all(instances.filter((i) => i.child.exitCode === null && i.child.signalCode === null).map((i) => stopServer(i.child)))
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const port = await freePort()
    const sharedEnv = { SMTP_URL: 'log:', ALLIANCE_DEMO: '0', ALLIANCE_TRUST_PROXY: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, ...env }
    // One at a time: the first applies migrations, the others find them done.
    for (let i = 0; i < count; i++) {
      const started = await startServer(sharedEnv)
      instances.push({ child: started.child, url: started.url, port: Number(new URL(started.url).port) })
    }
    const config = `worker_processes 1;
${process.getuid?.() === 0 ? 'user root;' : ''}
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 2048; }
${nginxHttpBlock(instances.map((i) => i.port), `127.0.0.1:${port}`, dir)}`
    writeFileSync(join(dir, 'nginx.conf'), config)
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] })
    const url = `http://127.0.0.1:${port}`
    const deadline = Date.now() + 10_000
    for (;;) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline || nginx.exitCode !== null) throw new Error(`nginx did not start (see ${dir}/error.log)`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return {
      url,
      instances,
      kill(index) {
        instances[index]?.child.kill('SIGKILL')
      },
      errorLog: () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** A fetch client with a cookie jar and the CSRF token of the pages' forms. */
export class HttpClient {
  private readonly cookies = new Map<string, string>()
  constructor(public base: string) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    return { ...extra, ...(cookie ? { cookie } : {}) }
  }

  async get(path: string, headers: Record<string, string> = {}, base = this.base): Promise<Response> {
    const res = await fetch(`${base}${path}`, { headers: this.headers(headers), redirect: 'manual' })
    this.remember(res)
    return res
  }

  async postForm(path: string, form: Record<string, string>, headers: Record<string, string> = {}, base = this.base): Promise<Response> {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', ...headers }),
      redirect: 'manual',
    })
    this.remember(res)
    return res
  }

  async postJson(path: string, body: unknown, csrf: string, base = this.base): Promise<Response> {
    const res = await fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body), headers: this.headers({ 'content-type': 'application/json', 'x-csrf-token': csrf }), redirect: 'manual' })
    this.remember(res)
    return res
  }

  /** The CSRF token of a page's form. */
  async csrf(path: string, base = this.base): Promise<string> {
    const res = await this.get(path, {}, base)
    const match = /name="_csrf" value="([^"]+)"/.exec(await res.text())
    if (!match?.[1]) throw new Error(`no CSRF token on ${path} (${res.status})`)
    return match[1]
  }
}
