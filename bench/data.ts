/**
 * Benchmark databases: built once under `bench/.data/` (git-ignored) and reused by later runs, so a
 * benchmark measures the work, not the setup. Delete the directory to rebuild.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { connect, type Db } from '../src/core/db/connect.js'
import type { Database } from '../src/database.js'
import { setupDatabase } from '../src/setup.js'

export const BENCH_DIR = fileURLToPath(new URL('./.data/', import.meta.url))

/** A SQLite database with the full geography (and the demo dataset when `demo`), built if missing. */
export async function benchDatabase(name: string, options: { demo: boolean }): Promise<{ file: string; db: Db<Database>; built: boolean }> {
  mkdirSync(BENCH_DIR, { recursive: true })
  const file = `${BENCH_DIR}${name}.sqlite`
  const built = !existsSync(file)
  const db = connect<Database>({ dialect: 'sqlite', file })
  await setupDatabase(db.kysely, { demo: options.demo, sessionIdleMinutes: 120 })
  return { file, db, built }
}

/** Percentile (nearest rank) of a list of durations. */
/** Ids shaped like UUIDs, stable across runs: a type prefix (one per kind of bench row) and a counter. */
export function benchId(type: number, n: number): string {
  return `${type.toString(16).padStart(8, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
