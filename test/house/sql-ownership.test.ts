/**
 * The SQL rule of the house, checked where a tool can: **read across features, write only your own tables.** A
 * feature owns the tables its `*.table.ts` declares (`interface …Tables { name: … }`), core owns core's; every
 * `insertInto` / `updateTable` / `deleteFrom` / `replaceInto` / `mergeInto` of a feature's code names one of its own
 * tables. Writing another feature's table goes through that feature's exported service. Migrations likewise create
 * and alter only their feature's tables (see `migrations-lock.test.ts` for their ownership).
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { test } from 'node:test'

const root = new URL('../../', import.meta.url).pathname

function files(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...files(path, keep))
    else if (keep(path)) out.push(path)
  }
  return out
}

/** `src/features/<name>/…` → name; `src/core/…` → core. */
function ownerOfFile(path: string): string {
  const rel = relative(root, path)
  const match = /^src\/features\/([^/]+)\//.exec(rel)
  return match ? (match[1] as string) : 'core'
}

/** Every table and the feature (or core) that declares it. */
export function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>()
  for (const path of files(join(root, 'src'), (p) => /\.tsx?$/.test(p) && !p.includes('.test.'))) {
    const text = readFileSync(path, 'utf8')
    for (const block of text.matchAll(/export interface \w+Tables\s*\{([^}]*)\}/g)) {
      for (const name of (block[1] as string).matchAll(/^\s+(\w+)\??\s*:/gm)) {
        const table = name[1] as string
        const previous = owners.get(table)
        assert.ok(previous === undefined || previous === ownerOfFile(path), `${table} is declared by ${previous} and ${ownerOfFile(path)}`)
        owners.set(table, ownerOfFile(path))
      }
    }
  }
  return owners
}

/**
 * Writes across the rule that stand today, each with why; a new one fails. Each should move behind the owner's
 * service (`core`'s `app_meta` stamps behind one core helper, the demo's seed behind the owners' loaders).
 */
const STANDING: Record<string, string> = {
  "src/features/accounts/accounts.personal-data.ts: deleteFrom('mail_messages')": 'erasure of a person: their queued e-mails go with them',
  "src/features/alliances/directory.service.ts: insertInto('app_meta')": 'the directory stamp in core key-value table',
  "src/features/listening/listening.service.ts: insertInto('app_meta')": 'the listening stamp in core key-value table',
  "src/features/territories/geography.loader.ts: insertInto('app_meta')": 'the geography version in core key-value table',
  "src/features/valuation/valuation.summaries.ts: insertInto('app_meta')": 'the summaries stamp in core key-value table',
  "src/features/catalysis/catalysis.demo.ts: insertInto('notification_preferences')": 'demo people with quiet notifications',
  "src/features/mobilisation/mobilisation.demo.ts: updateTable('alliance_contributions')": 'the demo contributions that fulfil pledges get stable demo ids, so that the demo loads the same everywhere',
  "src/features/demo/demo.service.ts: insertInto('users')": 'the demo seed',
  "src/features/demo/demo.service.ts: insertInto('organisations')": 'the demo seed',
  "src/features/demo/demo.service.ts: insertInto('organisation_perimeters')": 'the demo seed',
  "src/features/demo/demo.service.ts: insertInto('organisation_sdgs')": 'the demo seed',
  "src/features/demo/demo.service.ts: insertInto('memberships')": 'the demo seed',
}

test('each feature writes only the tables it owns', () => {
  const owners = tableOwners()
  assert.ok(owners.size > 50, 'the table declarations are found')
  const problems: string[] = []
  const code = files(join(root, 'src'), (p) => /\.tsx?$/.test(p) && !p.includes('.test.') && !p.includes('/migrations/'))
  for (const path of code) {
    const text = readFileSync(path, 'utf8')
    for (const write of text.matchAll(/\.(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*'(\w+)'/g)) {
      const table = write[2] as string
      const owner = owners.get(table)
      if (`${relative(root, path)}: ${write[1]}('${table}')` in STANDING) continue
      if (owner === undefined) problems.push(`${relative(root, path)}: ${write[1]}('${table}') — no feature declares this table`)
      else if (owner !== ownerOfFile(path)) problems.push(`${relative(root, path)}: ${write[1]}('${table}') — a table of ${owner}`)
    }
  }
  assert.deepEqual(problems, [])
})
