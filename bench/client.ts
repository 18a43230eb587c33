/**
 * The client side of the HTTP benchmarks: signing a person in through the real form (CSRF cookie and token), and
 * timing GETs of pages after a warm-up, bounded in count and time.
 */
import { percentile, round } from './data.js'

/** The password of every person the benchmarks create. */
export const BENCH_PASSWORD = 'un mot de passe de banc d’essai'

export interface BenchSession {
  /** the `cookie` header: session and CSRF cookies */
  cookie: string
  /** a CSRF token for the API and the forms */
  csrf: string
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0] as string)
const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''

/** Signs `email` in through `/connexion`; the session's cookies and a CSRF token read from `/compte`. */
export async function signIn(base: string, email: string, password = BENCH_PASSWORD): Promise<BenchSession> {
  const form = await fetch(`${base}/connexion`)
  const csrfCookies = cookiesOf(form).filter((c) => c.startsWith('_csrf='))
  const res = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.join('; ') },
    body: new URLSearchParams({ email, password, _csrf: tokenOf(await form.text()) }).toString(),
  })
  const session = cookiesOf(res).find((c) => c.startsWith('alliance_session='))
  if (!session) throw new Error(`sign-in failed for ${email} (${res.status})`)
  const cookie = [session, ...csrfCookies].join('; ')
  const account = await fetch(`${base}/compte`, { headers: { cookie } })
  return { cookie, csrf: tokenOf(await account.text()) }
}

export interface TimingOptions {
  /** measured requests (after the warm-up) */
  iterations: number
  /** unmeasured requests first (default 10) */
  warmup?: number
  /** the loop stops there whatever the count (default 180 s) */
  maxSeconds?: number
  /** sent as the `cookie` header; anonymous without */
  cookie?: string | null
  /** called with the first answer's body, to check that the page shows what is measured */
  check?: (body: string) => void
}

/** Durations (ms) of GETs of `urls` taken in turn; fails on any answer but 200. */
export async function timings(base: string, urls: string[], options: TimingOptions): Promise<number[]> {
  const warmup = options.warmup ?? 10
  const deadline = Date.now() + (options.maxSeconds ?? 180) * 1000
  const headers: Record<string, string> = options.cookie ? { cookie: options.cookie } : {}
  const times: number[] = []
  for (let i = 0; i < warmup + options.iterations && Date.now() < deadline; i++) {
    const url = urls[i % urls.length] as string
    const start = performance.now()
    const res = await fetch(`${base}${url}`, { headers })
    const body = await res.text()
    const elapsed = performance.now() - start
    if (res.status !== 200) throw new Error(`${url} → ${res.status}`)
    if (i === 0) options.check?.(body)
    if (i >= warmup) times.push(elapsed)
  }
  return times
}

/** The 95th percentile (ms, one decimal) of the durations of GETs of `urls`. */
export async function p95(base: string, urls: string[], options: TimingOptions): Promise<number> {
  return round(percentile(await timings(base, urls, options), 95), 1)
}
