/**
 * Content coding of answers kept compressed ahead of time (static files, cached pages): which of Brotli or
 * gzip a request accepts, read from `Accept-Encoding` with its weights (`br;q=0` refuses Brotli, `*` accepts
 * any). Brotli is preferred when both are accepted (smaller).
 */
export type ContentCoding = 'br' | 'gzip'

/** Answers for the header values met so far: browsers send a handful of distinct ones (bounded all the same). */
const known = new Map<string, ContentCoding | null>()
const KNOWN_MAX = 64

/** The coding to answer `acceptEncoding` with, or null for the identity (no header, or neither accepted). */
export function preferredCoding(acceptEncoding: string | undefined): ContentCoding | null {
  if (!acceptEncoding) return null
  const seen = known.get(acceptEncoding)
  if (seen !== undefined) return seen
  const coding = codingOf(acceptEncoding)
  if (known.size < KNOWN_MAX) known.set(acceptEncoding, coding)
  return coding
}

function codingOf(acceptEncoding: string): ContentCoding | null {
  const weights = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';')
    const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    weights.set(name.trim(), q === undefined ? 1 : Number(q))
  }
  const weight = (coding: ContentCoding) => weights.get(coding) ?? weights.get('*') ?? 0
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br'
  if (weight('gzip') > 0) return 'gzip'
  return null
}
