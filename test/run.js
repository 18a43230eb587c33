#!/usr/bin/env node
// Runs every test file of the project with Node's own test runner (through tsx for TypeScript).
// Node 20's `--test` does not expand globs, so the files are listed here.
import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { availableParallelism } from 'node:os'

const root = new URL('..', import.meta.url).pathname

/** @param {string} dir @returns {string[]} */
function findTests(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...findTests(path))
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, path))
  }
  return out
}

const filters = process.argv.slice(2)
let files = [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))].sort()
if (filters.length > 0) files = files.filter((f) => filters.some((p) => f.includes(p)))
if (files.length === 0) {
  console.error('No test file matches', filters.join(' '))
  process.exit(1)
}

if (!process.env.TEST_DATABASE_URL) {
  console.warn(
    '\n!!! TEST_DATABASE_URL is not set: the PostgreSQL half of every database test is SKIPPED.\n' +
      '!!! Only SQLite is exercised. Set TEST_DATABASE_URL=postgres://… (as .ci/run does) to test both.\n',
  )
}

if (process.env.TEST_DATABASE_URL) {
  // Each test migrates its own schema, and the migrations create the pg_trgm extension where the database has
  // none, in the current schema: created once here in `public`, it outlives the schemas tests drop, and no two
  // tests race to create it (migration 2026-12-19T09-00_name_trigrams).
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
  await client.connect()
  await client.query('create extension if not exists pg_trgm schema public')
  await client.end()
}

const concurrency = Number(process.env.TEST_CONCURRENCY ?? Math.max(2, availableParallelism()))
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
)
child.on('exit', (code, signal) => {
  if (!process.env.TEST_DATABASE_URL) {
    console.warn('\n!!! Reminder: PostgreSQL tests were SKIPPED (no TEST_DATABASE_URL).')
  }
  process.exit(code ?? (signal ? 1 : 0))
})
