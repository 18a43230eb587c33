/**
 * Deterministic identifiers for the demonstration dataset: the same key always gives the same id, so links
 * to demo pages stay stable across installations. Shaped like a UUID (version nibble 8, "custom").
 */
import { sha256 } from '../../core/hash.js'

/** The id of the demonstration object named `key` (e.g. `organisation:velo-est`), the same on every installation. */
export function demoId(key: string): string {
  const h = sha256(`alliance-demo:${key}`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
