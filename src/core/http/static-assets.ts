/**
 * The site's static files (stylesheet, icons, small scripts of progressive enhancement), served from memory:
 * read once at boot, fingerprinted and compressed ahead of time.
 *
 * - Pages link to `/static/<name>.<digest>.<ext>` (`assetUrl('alliance.css')`): the address changes when the content
 *   does, so the answer is cached for a year (`immutable`). The plain name (`/static/alliance.css`) is still served,
 *   revalidated at each use (`no-cache` with an ETag), for links from outside.
 * - Each file is kept as is, gzip and Brotli; the answer follows the request's `Accept-Encoding` (`Vary`).
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { preferredCoding } from './encoding.js'
import { paramText } from './routes.js'

interface Asset {
  type: string
  etag: string
  raw: Buffer
  gzip: Buffer | null
  br: Buffer | null
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}
const COMPRESSIBLE = new Set(['.css', '.js', '.svg', '.webmanifest', '.txt'])

/** name → fingerprinted name, filled at boot by `registerStaticAssets`. */
const fingerprints = new Map<string, string>()

/** The address of a static file, fingerprinted (`alliance.css` → `/static/alliance.3f2a9c1d.css`). */
export function assetUrl(name: string): string {
  return `/static/${fingerprints.get(name) ?? name}`
}

function load(dir: string, prefix = ''): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) {
      for (const [name, asset] of load(path, `${prefix}${entry}/`)) assets.set(name, asset)
      continue
    }
    const ext = extname(entry)
    const type = TYPES[ext]
    if (!type) continue
    const raw = readFileSync(path)
    const digest = createHash('sha256').update(raw).digest('hex').slice(0, 10)
    const compress = COMPRESSIBLE.has(ext) && raw.length > 512
    const asset: Asset = {
      type,
      etag: `"${digest}"`,
      raw,
      gzip: compress ? gzipSync(raw, { level: 9 }) : null,
      br: compress ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }) : null,
    }
    const name = `${prefix}${entry}`
    const hashed = `${name.slice(0, name.length - ext.length)}.${digest}${ext}`
    fingerprints.set(name, hashed)
    assets.set(name, asset)
    assets.set(hashed, { ...asset })
  }
  return assets
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset, immutable: boolean) {
  reply.header('content-type', asset.type)
  reply.header('etag', asset.etag)
  reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, no-cache')
  reply.header('x-content-type-options', 'nosniff')
  if (asset.gzip) reply.header('vary', 'accept-encoding')
  if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send()
  const coding = preferredCoding(request.headers['accept-encoding'])
  if (coding && asset[coding]) return reply.header('content-encoding', coding).send(asset[coding])
  return reply.send(asset.raw)
}

/** Serves every file of `dir` under `/static/` (see the module's JSDoc). Unknown names answer 404. */
export function registerStaticAssets(app: FastifyInstance, dir: string, notFound: () => Error): void {
  const assets = load(dir)
  const hashedNames = new Set(fingerprints.values())
  app.get('/static/*', { config: { public: true } }, async (request, reply) => {
    const name = paramText(request, '*') ?? ''
    const asset = assets.get(name)
    if (!asset) throw notFound()
    return send(request, reply, asset, hashedNames.has(name))
  })
}
