/**
 * `alliance stats …` commands: the file-reading side of the statistics engine (the engine itself,
 * src/stats, does no I/O).
 *
 * `alliance stats conformance <case-dir…> --out <dir>` reads `data.csv`, `margins.json` and `design.json`
 * of case directories laid out like the R oracle (test/fixtures/oracle/cases/*). A directory of cases
 * (e.g. test/fixtures/oracle/cases) stands for every case in it; case directories without `design.json`
 * (the scenario case edge_n120, checked by src/stats/edge.test.ts) are listed and skipped.
 * - One case: prints ONE JSON object with the structure and key names of the case's `expected.json` and
 *   writes every final weight to `<dir>/weights.csv` (columns `id` then one per design, in design.json
 *   order).
 * - Several cases: writes `<dir>/<case>/result.json` and `<dir>/<case>/weights.csv` and prints one JSON
 *   line per case: `{ case, n, designs, seconds }`, plus the comparison counts with `--check`.
 * With `--check`, each result is compared with `<case-dir>/expected.json` and every weight with
 * `<case-dir>/weights.csv` under the oracle README's tolerances ("numbers compared, out of tolerance,
 * skipped" on stderr), and the command exits with status 1 when a number is out of tolerance.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { type Command, Option } from 'commander'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import {
  compareWeights,
  compareWithExpected,
  runConformance,
  StatsError,
  type Mismatch,
  type PathOption,
} from '../stats/index.js'

/** Where the command writes (process streams by default; captured in tests). */
export interface StatsCommandIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const defaultIO: StatsCommandIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
}

/** Paths of expected.json not compared by `--check` (see docs/stats.md, "Conformance"). */
export const CONFORMANCE_SKIPPED: readonly { pattern: RegExp; why: string }[] = [
  {
    pattern: /(^|\.)selfcheck(_max)?(\.|$)/,
    why: 'discrepancy between R survey and its base-R reference, not an engine output',
  },
  {
    pattern: /^meta\.(seed|rng|r_version|survey_version|generated_by|notes|design|case)$/,
    why: 'metadata about the R run',
  },
]

/**
 * Every path `--check` skips for a case: `CONFORMANCE_SKIPPED`, plus the R iteration count
 * (`ref_iterations`) of the bounded raking designs of `design` (parsed design.json), which follows R's
 * derivative quirk while the engine takes exact-derivative steps (fewer iterations, same weights).
 */
export function conformanceSkips(design: unknown): RegExp[] {
  const out = CONFORMANCE_SKIPPED.map((s) => s.pattern)
  const designs =
    (design as { designs?: Record<string, { calfun?: string; bounds?: unknown }> }).designs ?? {}
  for (const [name, d] of Object.entries(designs)) {
    if (d.calfun === 'raking' && Array.isArray(d.bounds))
      out.push(
        new RegExp(`^designs\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.ref_iterations$`),
      )
  }
  return out
}

interface ConformanceOptions {
  out: string
  path: PathOption
  check?: boolean
  allEstimates?: boolean
}

function readCase(dir: string): {
  records: Record<string, string>[]
  margins: unknown
  design: unknown
} {
  const records = parse(readFileSync(join(dir, 'data.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[]
  const margins = JSON.parse(readFileSync(join(dir, 'margins.json'), 'utf8')) as unknown
  const design = JSON.parse(readFileSync(join(dir, 'design.json'), 'utf8')) as unknown
  return { records, margins, design }
}

/** The case directories named by the arguments: a case itself, or every case inside a directory. */
function expandCases(args: readonly string[], io: StatsCommandIO): string[] {
  const out: string[] = []
  for (const arg of args) {
    const dir = resolve(arg)
    if (existsSync(join(dir, 'data.csv')) || !existsSync(dir)) {
      out.push(dir)
      continue
    }
    for (const name of readdirSync(dir).sort()) {
      const sub = join(dir, name)
      if (!existsSync(join(sub, 'data.csv'))) continue
      if (existsSync(join(sub, 'design.json'))) out.push(sub)
      else
        io.stderr(
          `conformance ${name}: scenario case without design.json, skipped (checked by src/stats/edge.test.ts)\n`,
        )
    }
  }
  return out
}

interface CaseOutcome {
  status: number
  summary: Record<string, string | number>
}

/** Runs one case; writes its files under `outDir`; prints the JSON result when `printResult`. */
function runCase(
  dir: string,
  outDir: string,
  options: ConformanceOptions,
  io: StatsCommandIO,
  printResult: boolean,
): CaseOutcome {
  const started = process.hrtime.bigint()
  let input: ReturnType<typeof readCase>
  try {
    input = readCase(dir)
  } catch (e) {
    io.stderr(
      `alliance stats conformance: cannot read the case in ${dir}: ${(e as Error).message}\n`,
    )
    return { status: 2, summary: { case: basename(dir), error: 'unreadable' } }
  }
  let out: ReturnType<typeof runConformance>
  try {
    out = runConformance({
      ...input,
      caseName: basename(dir),
      path: options.path,
      ...(options.allEstimates
        ? { fullEstimatesFor: Object.keys((input.design as { designs?: object }).designs ?? {}) }
        : {}),
    })
  } catch (e) {
    if (e instanceof StatsError) {
      io.stderr(`alliance stats conformance: ${basename(dir)}: ${e.code}: ${e.message}\n`)
      return { status: 2, summary: { case: basename(dir), error: e.code } }
    }
    throw e
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  mkdirSync(outDir, { recursive: true })
  const rows: string[][] = out.weights.ids.map((id, i) => [
    id,
    ...out.weights.columns.map((c) => String(c[i])),
  ])
  writeFileSync(join(outDir, 'weights.csv'), stringify([['id', ...out.weights.designs], ...rows]))
  const json = JSON.stringify(out.result, null, 1) + '\n'
  if (printResult) io.stdout(json)
  else writeFileSync(join(outDir, 'result.json'), json)
  const summary: Record<string, string | number> = {
    case: basename(dir),
    n: out.weights.ids.length,
    designs: out.weights.designs.length,
    seconds: Math.round(seconds * 100) / 100,
  }
  if (!options.check) return { status: 0, summary }
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown
  const res = compareWithExpected(JSON.parse(json) as unknown, expected, {
    skip: conformanceSkips(input.design),
  })
  const mismatches: Mismatch[] = [...res.mismatches]
  let weightsCompared = 0
  if (existsSync(join(dir, 'weights.csv'))) {
    const oracle = parse(readFileSync(join(dir, 'weights.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[]
    const w = compareWeights(out.weights, oracle)
    weightsCompared = w.compared
    mismatches.push(...w.mismatches)
  }
  io.stderr(
    `conformance ${basename(dir)}: ${res.compared} numbers of expected.json and ${weightsCompared} weights compared, ${mismatches.length} out of tolerance, ${res.skipped.length} skipped\n`,
  )
  for (const m of mismatches.slice(0, 50))
    io.stderr(
      `  ${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)} (${m.rule})\n`,
    )
  Object.assign(summary, {
    compared: res.compared,
    weights_compared: weightsCompared,
    mismatches: mismatches.length,
    skipped: res.skipped.length,
  })
  return { status: mismatches.length === 0 ? 0 : 1, summary }
}

/**
 * Runs the conformance of case directories (or directories of cases); returns the process exit status
 * (0 ok, 1 mismatches with --check, 2 engine/input error in any case).
 */
export function runConformanceCommand(
  caseDirs: readonly string[],
  options: ConformanceOptions,
  io: StatsCommandIO = defaultIO,
): number {
  const cases = expandCases(caseDirs, io)
  if (cases.length === 0) {
    io.stderr(`alliance stats conformance: no case found in ${caseDirs.join(', ')}\n`)
    return 2
  }
  // one case named directly: the expected.json-shaped result on stdout (a directory of cases: summaries)
  const single = caseDirs.length === 1 && cases.length === 1 && cases[0] === resolve(caseDirs[0] ?? '')
  let status = 0
  for (const dir of cases) {
    const outDir = single ? resolve(options.out) : join(resolve(options.out), basename(dir))
    const res = runCase(dir, outDir, options, io, single)
    if (!single) io.stdout(JSON.stringify(res.summary) + '\n')
    status = Math.max(status, res.status)
  }
  return status
}

/** Adds `stats conformance <case-dir…> --out <dir>` to the CLI. */
export function registerStatsCommands(program: Command, io: StatsCommandIO = defaultIO): Command {
  const stats = program
    .command('stats')
    .description(
      'survey statistics engine (weighting and design-based estimates, R survey conformance)',
    )
  stats
    .command('conformance')
    .description(
      'run every design and estimate of oracle-like case directories; print the expected.json-shaped result (one case) or one summary line per case, and write weights.csv',
    )
    .argument(
      '<case-dir...>',
      'directories with data.csv, margins.json and design.json, or a directory of such cases',
    )
    .requiredOption('--out <dir>', 'directory where weights.csv (and result.json per case) is written')
    .addOption(
      new Option('--path <path>', 'row path, cell path or automatic choice')
        .choices(['auto', 'rows', 'cells'])
        .default('auto'),
    )
    .option(
      '--check',
      'compare with expected.json and weights.csv of each case (README tolerances); exit 1 on mismatches',
    )
    .option(
      '--all-estimates',
      'compute the extended estimates for every design, not only rake and greg',
    )
    .action((caseDirs: string[], opts: ConformanceOptions) => {
      const status = runConformanceCommand(caseDirs, opts, io)
      if (status !== 0) process.exitCode = status
    })
  return stats
}
