/**
 * The build the `alliance` command runs (bin/compiled.js, ADR 0008), on a small repository of its own: processes
 * that start together share one build, a changed source gives a new one, old builds are pruned, tests are left
 * out, data files and the repository's `public/` resolve from the built modules as from the sources.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { after, describe, test } from 'node:test'

const COMPILED = fileURLToPath(new URL('../../bin/compiled.js', import.meta.url))
const execFileAsync = promisify(execFile)
const root = mkdtempSync(join(tmpdir(), 'alliance-build-'))

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true })
  writeFileSync(join(root, path), text)
}

write('package.json', '{ "type": "module" }\n')
write('tsconfig.json', '{ "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "preact" } }\n')
write('public/greeting.txt', 'bonjour')
write('src/cli/presets/levels.json', '{ "levels": 4 }\n')
write('src/cli/words.ts', 'export interface Words { count: number }\nexport const words: Words = { count: 3 } satisfies Words\n')
write(
  'src/cli/main.ts',
  [
    "import { readFileSync } from 'node:fs'",
    "import { words } from './words.js'",
    'type Answer = { words: number; levels: number; greeting: string; version: number }',
    'export const VERSION = 1',
    'export function describe(): Answer {',
    "  const presets = JSON.parse(readFileSync(new URL('./presets/levels.json', import.meta.url), 'utf8')) as { levels: number }",
    "  const greeting = readFileSync(new URL('../../public/greeting.txt', import.meta.url), 'utf8')",
    '  return { words: words.count, levels: presets.levels, greeting, version: VERSION }',
    '}',
    '',
  ].join('\n'),
)
write('src/cli/main.test.ts', "throw new Error('a test is not part of the build')\n")

/** Runs `compiledEntry(root)` in a child process, imports what it returns and answers its `describe()`. */
async function startOnce(): Promise<{ url: string; answer: Record<string, unknown> }> {
  const script = [
    'const { compiledEntry } = await import(process.argv[1])',
    'const url = await compiledEntry(process.argv[2])',
    'const module = await import(url)',
    'console.log(JSON.stringify({ url, answer: module.describe() }))',
  ].join('\n')
  // A failure rejects with the child's exit code and stderr.
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script, COMPILED, root])
  return JSON.parse(stdout) as { url: string; answer: Record<string, unknown> }
}

const builds = () => readdirSync(join(root, '.build')).sort()

describe('the transpiled build of the alliance command', () => {
  after(() => rmSync(root, { recursive: true, force: true }))

  test('three processes starting together share one build that runs like the sources', async () => {
    const runs = await Promise.all([startOnce(), startOnce(), startOnce()])
    for (const run of runs) assert.deepEqual(run.answer, { words: 3, levels: 4, greeting: 'bonjour', version: 1 })
    assert.equal(new Set(runs.map((r) => r.url)).size, 1)
    assert.equal(builds().length, 1, `one build, no temporary left: ${builds().join(', ')}`)
    const [key] = builds()
    assert.ok(existsSync(join(root, '.build', key!, 'src/cli/words.js')))
    assert.ok(!existsSync(join(root, '.build', key!, 'src/cli/main.test.js')), 'tests are not built')
  })

  test('an unchanged tree reuses its build; a changed source gives a new one; three builds are kept', async () => {
    const first = await startOnce()
    assert.equal((await startOnce()).url, first.url)
    for (let version = 2; version <= 5; version++) {
      write('src/cli/main.ts', `export const VERSION = ${version}\nexport function describe() { return { version: VERSION } }\n`)
      const run = await startOnce()
      assert.deepEqual(run.answer, { version })
      assert.notEqual(run.url, first.url)
    }
    assert.equal(builds().length, 3)
  })
})
