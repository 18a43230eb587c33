/**
 * `alliance stats …` commands: the file-reading side of the statistics engine (the engine itself,
 * src/stats, does no I/O).
 *
 * `alliance stats conformance <case-dir> --out <dir>` reads `data.csv`, `margins.json` and `design.json` of a
 * case directory laid out like the R oracle (test/fixtures/oracle/cases/*), prints ONE JSON object with
 * the structure and key names of the case's `expected.json`, and writes every final weight to
 * `<dir>/weights.csv` (columns `id` then one per design, in design.json order). With `--check`, the
 * result is also compared with `<case-dir>/expected.json` under the oracle README's tolerances and the
 * command exits with status 1 when a number is out of tolerance.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { Command, Option } from 'commander'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { compareWithExpected, runConformance, StatsError, type PathOption } from '../stats/index.js'

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

/** Design names whose bounded raking iteration count follows R's derivative quirk (not comparable). */
function quirkSkips(design: unknown): RegExp[] {
  const out: RegExp[] = []
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

/**
 * Runs the conformance of one case directory; returns the process exit status (0 ok, 1 mismatches with
 * --check, 2 engine/input error).
 */
export function runConformanceCommand(
  caseDir: string,
  options: ConformanceOptions,
  io: StatsCommandIO = defaultIO,
): number {
  const dir = resolve(caseDir)
  let input: ReturnType<typeof readCase>
  try {
    input = readCase(dir)
  } catch (e) {
    io.stderr(
      `alliance stats conformance: cannot read the case in ${dir}: ${(e as Error).message}\n`,
    )
    return 2
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
      io.stderr(`alliance stats conformance: ${e.code}: ${e.message}\n`)
      return 2
    }
    throw e
  }
  mkdirSync(resolve(options.out), { recursive: true })
  const rows: string[][] = out.weights.ids.map((id, i) => [
    id,
    ...out.weights.columns.map((c) => String(c[i])),
  ])
  writeFileSync(
    join(resolve(options.out), 'weights.csv'),
    stringify([['id', ...out.weights.designs], ...rows]),
  )
  io.stdout(JSON.stringify(out.result, null, 1) + '\n')
  if (!options.check) return 0
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown
  const N = (input.margins as { N: number }).N
  const res = compareWithExpected(JSON.parse(JSON.stringify(out.result)) as unknown, expected, {
    skip: [...CONFORMANCE_SKIPPED.map((s) => s.pattern), ...quirkSkips(input.design)],
    N,
  })
  io.stderr(
    `conformance ${basename(dir)}: ${res.compared} numbers compared, ${res.mismatches.length} out of tolerance, ${res.skipped.length} skipped\n`,
  )
  for (const m of res.mismatches.slice(0, 50))
    io.stderr(
      `  ${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)} (${m.rule})\n`,
    )
  return res.mismatches.length === 0 ? 0 : 1
}

/** Adds `stats conformance <case-dir> --out <dir>` to the CLI. */
export function registerStatsCommands(program: Command, io: StatsCommandIO = defaultIO): Command {
  const stats = program
    .command('stats')
    .description(
      'survey statistics engine (weighting and design-based estimates, R survey conformance)',
    )
  stats
    .command('conformance')
    .description(
      'run every design and estimate of an oracle-like case directory; print the expected.json-shaped result and write weights.csv',
    )
    .argument('<case-dir>', 'directory with data.csv, margins.json and design.json')
    .requiredOption('--out <dir>', 'directory where weights.csv is written')
    .addOption(
      new Option('--path <path>', 'row path, cell path or automatic choice')
        .choices(['auto', 'rows', 'cells'])
        .default('auto'),
    )
    .option(
      '--check',
      'compare with <case-dir>/expected.json (README tolerances); exit 1 on mismatches',
    )
    .option(
      '--all-estimates',
      'compute the extended estimates for every design, not only rake and greg',
    )
    .action((caseDir: string, opts: ConformanceOptions) => {
      const status = runConformanceCommand(caseDir, opts, io)
      if (status !== 0) process.exitCode = status
    })
  return stats
}
