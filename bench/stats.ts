/**
 * Benchmark of the statistics engine (`npm run bench:stats`), next to R survey 4.1-1's anchor
 * (spec §14: rake() to convergence 1.60 s / 11.70 s and svymean(~first_choice + score) 2.26 s / 16.28 s at
 * 100 000 / 1 000 000 respondents, peak RSS 1.5 GB at 1 M).
 *
 * Synthetic respondents built like the oracle's `bench_r.R` generator (same marginal skew: 4 margins sex 2,
 * age 6, region 13, occupation 6 with occupation depending on age; first choice 25/33/42 % with 6 %
 * missing; score ≈ N(5.8 + 0.2·[65+], 2) rounded to 1..10 with 4 % missing; ranks consistent with the
 * first choice, 2 % partial rankings), base weight N/n with the population margins of the oracle
 * (N = 50 200 000). Timed work, per path (cell path, then row path):
 *   raking to convergence (R's benchmark rule: maxit 100, epsilon 1e-9 relative)
 *   + % ranked first (3 levels), mean rank (3 items) and a score, each with its linearised SE.
 * Times are the median of 3 runs after a warm-up. Also timed once per path, outside the goals: bounded
 * raking calibration (bounds [0.5, 2.2], epsilon 1e-10, the safeguarded Newton). Prints ONE JSON
 * object: n, cell_path_s, row_path_s, peak_rss_mb (whole process, data included),
 * max_rel_diff_between_paths (weights, estimates and SEs), bounded_calibration, for 1 M respondents,
 * and the same figures at 100 000 under `n_100k`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { seededRandom } from '../src/core/random.js'
import {
  calibrate,
  createDesign,
  factorFromCodes,
  margin,
  rake,
  surveyData,
  svyMean,
  type Design,
  type PathOption,
  type PopulationMargin,
  type SurveyData,
} from '../src/stats/index.js'

const marginsFile = JSON.parse(
  readFileSync(new URL('../test/fixtures/oracle/cases/n300/margins.json', import.meta.url), 'utf8'),
) as {
  N: number
  variables: string[]
  levels: Record<string, string[]>
  margins: Record<string, Record<string, number>>
}

function sampler(probs: number[]): (u: number) => number {
  const cum: number[] = []
  let s = 0
  for (const p of probs) {
    s += p
    cum.push(s)
  }
  return (u) => {
    const x = u * s
    for (let k = 0; k < cum.length; k++) if (x < (cum[k] as number)) return k
    return cum.length - 1
  }
}

function generate(n: number, seed: number): SurveyData {
  const r = seededRandom(seed)
  const sexS = sampler([0.55, 0.45])
  const ageS = sampler([0.05, 0.11, 0.15, 0.19, 0.22, 0.28])
  const oga = [
    [0.02, 0.05, 0.12, 0.22, 0.14, 0.45],
    [0.05, 0.22, 0.22, 0.21, 0.15, 0.15],
    [0.07, 0.24, 0.22, 0.19, 0.15, 0.13],
    [0.08, 0.22, 0.2, 0.19, 0.16, 0.15],
    [0.07, 0.16, 0.15, 0.15, 0.12, 0.35],
    [0.02, 0.02, 0.02, 0.02, 0.02, 0.9],
  ].map(sampler)
  const regS = sampler([
    0.24, 0.035, 0.04, 0.045, 0.08, 0.08, 0.06, 0.055, 0.085, 0.085, 0.13, 0.07, 0.005,
  ])
  const fcS = sampler([0.25, 0.33, 0.42])
  const sex = new Int32Array(n)
  const age = new Int32Array(n)
  const occ = new Int32Array(n)
  const region = new Int32Array(n)
  const first = new Int32Array(n)
  const score = new Float64Array(n)
  const ranks = [new Float64Array(n), new Float64Array(n), new Float64Array(n)]
  for (let i = 0; i < n; i++) {
    sex[i] = sexS(r())
    const a = ageS(r())
    age[i] = a
    occ[i] = (oga[a] as (u: number) => number)(r())
    region[i] = regS(r())
    let fc = fcS(r())
    if (r() < 0.06) fc = -1
    first[i] = fc
    // ranks: first choice gets 1, the two others in random order; 2 % partial rankings
    const partial = fc >= 0 && r() < 0.02
    for (let j = 0; j < 3; j++) (ranks[j] as Float64Array)[i] = NaN
    if (fc >= 0) {
      ;(ranks[fc] as Float64Array)[i] = 1
      if (!partial) {
        const others = [0, 1, 2].filter((j) => j !== fc)
        const swap = r() < 0.5
        ;(ranks[others[swap ? 1 : 0] as number] as Float64Array)[i] = 2
        ;(ranks[others[swap ? 0 : 1] as number] as Float64Array)[i] = 3
      }
    }
    // score: round(5.8 + 0.2·[65+] + N(0, 2)) clipped to 1..10, 4 % missing
    const u1 = r() || 1e-12
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r())
    const s = Math.min(10, Math.max(1, Math.round(5.8 + 0.2 * (a === 5 ? 1 : 0) + 2 * z)))
    score[i] = r() < 0.04 ? NaN : s
  }
  const lv = marginsFile.levels
  // mean rank uses complete rankings only: mrank_<item> = rank, missing otherwise (README definition)
  const mrank = ranks.map(() => new Float64Array(n))
  for (let i = 0; i < n; i++) {
    const complete = ranks.every((r) => !Number.isNaN(r[i] as number))
    for (let j = 0; j < 3; j++)
      (mrank[j] as Float64Array)[i] = complete ? ((ranks[j] as Float64Array)[i] as number) : NaN
  }
  return surveyData({
    sex: factorFromCodes(sex, lv.sex as string[], 'sex'),
    age: factorFromCodes(age, lv.age as string[], 'age'),
    region: factorFromCodes(region, lv.region as string[], 'region'),
    occ: factorFromCodes(occ, lv.occ as string[], 'occ'),
    first_choice: factorFromCodes(first, lv.lever as string[], 'first_choice'),
    mrank_vision: { kind: 'numeric', values: mrank[0] as Float64Array },
    mrank_gestion: { kind: 'numeric', values: mrank[1] as Float64Array },
    mrank_action: { kind: 'numeric', values: mrank[2] as Float64Array },
    score: { kind: 'numeric', values: score },
  })
}

// Memory is measured as R's anchor does (spec §14): a full garbage collection and a reset of the
// process high-water mark (/proc/self/clear_refs) before each timed step, VmHWM read after it.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function resetPeak(): void {
  gc()
  try {
    writeFileSync('/proc/self/clear_refs', '5')
  } catch {
    // not Linux: the process-wide maximum below is the only figure
  }
}

function peakMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1]) / 1024
  } catch {
    // fall through
  }
  return process.resourceUsage().maxRSS / 1024
}

interface Run {
  peakMb: number
  seconds: number
  sweeps: number
  weights: Float64Array
  numbers: number[]
}

function work(design: Design, margins: PopulationMargin[], path: PathOption): Run {
  resetPeak()
  const t0 = performance.now()
  const raked = rake(design, margins, { maxit: 100, epsilon: 1e-9, path })
  const fc = svyMean(raked.design, ['first_choice'], { path })
  const mr = svyMean(raked.design, ['mrank_vision', 'mrank_gestion', 'mrank_action'], { path })
  const sc = svyMean(raked.design, ['score'], { path })
  const seconds = (performance.now() - t0) / 1000
  if (raked.path !== path || fc.path !== path || mr.path !== path || sc.path !== path) {
    throw new Error(`expected the ${path} path, got ${raked.path}/${fc.path}/${mr.path}/${sc.path}`)
  }
  const numbers = [fc, mr, sc].flatMap((e) => [...e.estimate, ...e.se])
  return { peakMb: peakMb(), seconds, sweeps: raked.sweeps, weights: raked.weights, numbers }
}

function maxRelDiff(a: Run, b: Run): number {
  let m = 0
  const upd = (x: number, y: number): void => {
    const d = Math.abs(x - y) / Math.max(Math.abs(y), 1e-300)
    if (d > m || Number.isNaN(d)) m = d
  }
  for (let i = 0; i < a.weights.length; i++) upd(a.weights[i] as number, b.weights[i] as number)
  a.numbers.forEach((x, k) => { upd(x, b.numbers[k] as number) })
  return m
}

const BOUNDS: [number, number] = [0.5, 2.2]

/** Bounded raking calibration (safeguarded Newton) on one path: one timed run. */
function boundedCalibration(
  design: Design,
  margins: PopulationMargin[],
  path: PathOption,
): { seconds: number; iterations: number; converged: boolean } {
  const t0 = performance.now()
  const r = calibrate(design, marginsFile.variables, margins, {
    calfun: 'raking',
    bounds: BOUNDS,
    epsilon: 1e-10,
    maxit: 200,
    path,
  })
  if (r.path !== path) throw new Error(`expected the ${path} path, got ${r.path}`)
  return { seconds: (performance.now() - t0) / 1000, iterations: r.iterations, converged: r.converged }
}

const REPS = 3

/** Median of REPS timed runs of each path (after a warm-up), like R's anchor (median of 3). */
function measure(n: number): {
  cell: Run
  row: Run
  diff: number
  bounded: Record<'cells' | 'rows', ReturnType<typeof boundedCalibration>>
} {
  const data = generate(n, 777)
  const margins = marginsFile.variables.map((v) =>
    margin(v, marginsFile.margins[v] as Record<string, number>),
  )
  const design = createDesign(data, marginsFile.N / n)
  // warm-up on a small sample so that both paths are JIT-compiled before timing
  const warm = createDesign(generate(20000, 1), marginsFile.N / 20000)
  work(warm, margins, 'cells')
  work(warm, margins, 'rows')
  const median = (path: PathOption): Run => {
    const runs: Run[] = []
    for (let r = 0; r < REPS; r++) runs.push(work(design, margins, path))
    runs.sort((x, y) => x.seconds - y.seconds)
    return runs[Math.floor(REPS / 2)] as Run
  }
  const cell = median('cells')
  const row = median('rows')
  const bounded = {
    cells: boundedCalibration(design, margins, 'cells'),
    rows: boundedCalibration(design, margins, 'rows'),
  }
  return { cell, row, diff: maxRelDiff(cell, row), bounded }
}

const small = measure(100_000)
const large = measure(1_000_000)
const round = (x: number, d = 3): number => Number(x.toFixed(d))
console.log(
  JSON.stringify({
    n: 1_000_000,
    cell_path_s: round(large.cell.seconds),
    row_path_s: round(large.row.seconds),
    // peak RSS during the timed work at 1 M (data resident), max of both paths, measured as R's anchor
    peak_rss_mb: round(Math.max(large.cell.peakMb, large.row.peakMb), 1),
    max_rel_diff_between_paths: large.diff,
    sweeps: large.row.sweeps,
    peak_rss_mb_by_path: { cells: round(large.cell.peakMb, 1), rows: round(large.row.peakMb, 1) },
    process_max_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
    // not part of the goals: calibrate(raking, bounds [0.5, 2.2], epsilon 1e-10), one run per path
    bounded_calibration: {
      bounds: BOUNDS,
      cell_path_s: round(large.bounded.cells.seconds),
      row_path_s: round(large.bounded.rows.seconds),
      iterations: large.bounded.rows.iterations,
      converged: large.bounded.rows.converged && large.bounded.cells.converged,
    },
    n_100k: {
      n: 100_000,
      cell_path_s: round(small.cell.seconds),
      row_path_s: round(small.row.seconds),
      max_rel_diff_between_paths: small.diff,
      bounded_calibration_s: {
        cells: round(small.bounded.cells.seconds),
        rows: round(small.bounded.rows.seconds),
      },
    },
    r_reference_s: { n_100k: 1.6 + 2.26, n_1m: 11.7 + 16.28 },
    node: process.version,
  }),
)
