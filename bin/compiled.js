/**
 * The `alliance` command runs transpiled JavaScript, not TypeScript through a loader (ADR 0008): tsx's loader
 * thread and the source text it keeps cost a server process about 80 MB of its 300.
 *
 * `compiledEntry()` transpiles `src/` with esbuild (types stripped, JSX compiled, one output file per source
 * file, no bundling, no type checking: that is `npm run typecheck`) into `.build/<key>/`, where the key digests the
 * esbuild version and the path, size and modification time of every source file. An unchanged tree reuses its
 * build (a few milliseconds of `stat`); a changed one is built again in about a second. The build mirrors the
 * repository — `src/` transpiled with its data files copied, `public` and `bin` linked back — so that a path a
 * module writes relative to itself (`../../../public/`) resolves as it does from the sources, and the root
 * `package.json` (`"type": "module"`) and `node_modules` are found by walking up as usual.
 *
 * Processes that start together may each build: every build is written under a temporary name and renamed into
 * place, the first rename wins and the others use it. The three newest builds are kept (a server still running
 * an older one may load a module late). When the tree cannot be written, the caller falls back to tsx.
 */
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build, stop, version } from 'esbuild'

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url))
const KEPT_BUILDS = 3
/** A temporary build older than this was left by a process that died while building. */
const ABANDONED_MS = 10 * 60_000

/** Every file under `dir` that the application may load: its sources and data files, not its tests. */
function applicationFiles(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) applicationFiles(path, found)
    else if (!/\.test\.tsx?$/.test(entry.name)) found.push(path)
  }
  return found
}

function buildKey(sources, files) {
  const hash = createHash('sha256').update(`esbuild ${version}\n`)
  for (const file of files) {
    const { size, mtimeMs } = statSync(file)
    hash.update(`${relative(sources, file)}\0${size}\0${mtimeMs}\n`)
  }
  return hash.digest('hex').slice(0, 16)
}

async function transpile(root, files, target) {
  const sources = join(root, 'src')
  const code = []
  const data = []
  for (const file of files) (/\.tsx?$/.test(file) ? code : data).push(file)
  try {
    await build({
      entryPoints: code,
      outdir: join(target, 'src'),
      outbase: sources,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      tsconfig: join(root, 'tsconfig.json'),
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: 'warning',
    })
  } finally {
    // esbuild's service process would otherwise stay alive (about 12 MB) for the life of a server.
    await stop()
  }
  for (const file of data) {
    const copy = join(target, 'src', relative(sources, file))
    mkdirSync(dirname(copy), { recursive: true })
    copyFileSync(file, copy)
  }
  symlinkSync(join('..', '..', 'public'), join(target, 'public'))
  symlinkSync(join('..', '..', 'bin'), join(target, 'bin'))
}

/** Removes all but the newest builds, and temporary ones abandoned by a process that died while building. */
function prune(builds, current) {
  const now = Date.now()
  const older = []
  for (const name of readdirSync(builds)) {
    const path = join(builds, name)
    const { mtimeMs } = statSync(path)
    if (name.endsWith('.tmp')) {
      if (now - mtimeMs > ABANDONED_MS) rmSync(path, { recursive: true, force: true })
    } else if (name !== current) older.push({ path, mtimeMs })
  }
  older.sort((a, b) => b.mtimeMs - a.mtimeMs)
  for (const { path } of older.slice(KEPT_BUILDS - 1)) rmSync(path, { recursive: true, force: true })
}

/**
 * The URL of the transpiled CLI module (`src/cli/main.js` in the build), building it first when the sources
 * changed. `root` is the repository (another one in the tests).
 */
export async function compiledEntry(root = REPOSITORY) {
  const sources = join(root, 'src')
  const builds = join(root, '.build')
  const files = applicationFiles(sources).sort()
  const key = buildKey(sources, files)
  const dir = join(builds, key)
  if (!existsSync(dir)) {
    mkdirSync(builds, { recursive: true })
    const temporary = join(builds, `${key}.${process.pid}.tmp`)
    rmSync(temporary, { recursive: true, force: true })
    await transpile(root, files, temporary)
    try {
      renameSync(temporary, dir)
    } catch (error) {
      // Another process renamed its identical build into place first.
      rmSync(temporary, { recursive: true, force: true })
      if (!existsSync(dir)) throw error
    }
    prune(builds, key)
  }
  return pathToFileURL(join(dir, 'src', 'cli', 'main.js')).href
}
