/**
 * Finds a real URL for each route of the page catalogue that has no fixed one, by following the GET links of
 * the pages a person sees (in-process requests, no browser): breadth first from `seeds`, at most `perRoute`
 * pages of each route followed, so that a territory with a thousand communes does not eat the budget.
 * Links that change something on a GET (`/langue/…`, `/notifications/…/ouvrir`) and files are never followed.
 */
import type { Client } from '../helpers/app.js'

/** A route's URL pattern as a regular expression over a path (`:id` matches one segment). */
export function routePattern(route: string): RegExp {
  const path = route.replace(/^GET /, '')
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-zA-Z]+/g, '[^/?#]+')}$`)
}

const NEVER_FOLLOW = [/^\/langue\//, /^\/notifications\/[^/]+\/ouvrir/, /^\/api\//, /^\/static\//, /\.(svg|csv|json|ics)$/, /^\/deconnexion/]

export interface CrawlOptions {
  seeds: string[]
  /** route keys (`GET /x/:id`) still needing a URL */
  wanted: string[]
  /** every GET page route of the catalogue, to bound how many pages of each are followed */
  routes: string[]
  budget?: number
  perRoute?: number
}

/** Returns, for each wanted route found, the first URL (path and query) linked from the person's pages. */
export async function crawlFor(client: Client, options: CrawlOptions): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  // literal segments win over parameters (`/acteurs/nouveau` before `/acteurs/:id`), as in the router
  const patterns = options.routes.map((r) => ({ route: r, re: routePattern(r), params: (r.match(/:/g) ?? []).length })).sort((a, b) => a.params - b.params)
  const followed = new Map<string, number>()
  const seen = new Set<string>(options.seeds)
  const queue = [...options.seeds]
  let budget = options.budget ?? 600
  const perRoute = options.perRoute ?? 3
  for (const seed of options.seeds) {
    const hit = patterns.find((p) => p.re.test(seed.split('?')[0] as string))
    if (hit && options.wanted.includes(hit.route) && !found.has(hit.route)) found.set(hit.route, seed)
  }
  while (queue.length > 0 && budget-- > 0 && found.size < options.wanted.length) {
    const url = queue.shift() as string
    const res = await client.get(url)
    if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/html')) continue
    for (const match of res.body.matchAll(/<a\b[^>]*\shref="([^"#]*)(?:#[^"]*)?"/g)) {
      const href = (match[1] ?? '').replace(/&amp;/g, '&')
      if (!href.startsWith('/') || href.startsWith('//') || seen.has(href)) continue
      seen.add(href)
      const path = href.split('?')[0] as string
      if (NEVER_FOLLOW.some((re) => re.test(path))) continue
      const hit = patterns.find((p) => p.re.test(path))
      if (!hit) continue
      if (options.wanted.includes(hit.route) && !found.has(hit.route)) found.set(hit.route, href)
      const count = followed.get(hit.route) ?? 0
      if (count < perRoute) {
        followed.set(hit.route, count + 1)
        queue.push(href)
      }
    }
  }
  return found
}
