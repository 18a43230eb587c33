#!/usr/bin/env node
// Adds every migration file to src/core/db/migrations/released.json (their SHA-256), so that
// test/house/migrations-lock.test.ts refuses any later change to them. Run on main when a release is cut.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'

const dir = new URL('../src/core/db/migrations/', import.meta.url).pathname
const lockPath = join(dir, 'released.json')
const lock = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, 'utf8')) : {}
for (const file of readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}_\w+\.ts$/.test(f)).sort()) {
  const name = file.replace(/\.ts$/, '')
  const sha = createHash('sha256').update(readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n')).digest('hex')
  if (lock[name] && lock[name] !== sha) {
    console.error(`${name} was released with another content: refusing to re-lock it (write a new migration)`)
    process.exitCode = 1
    continue
  }
  lock[name] = sha
}
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`${Object.keys(lock).length} migrations locked`)
