import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { svyChisq } from './chisq.js'
import { buildData, parseMargins } from './conformance.js'
import { factorColumn, withColumns } from './data.js'
import { createDesign, restrictDesign } from './design.js'
import { AbsentLevelInDomainError } from './errors.js'
import { margin, rake } from './raking.js'

const dir = new URL('../../test/fixtures/oracle/cases/n300/', import.meta.url)
const records = parse(readFileSync(new URL('data.csv', dir), 'utf8'), { columns: true }) as Record<
  string,
  string
>[]
const mf = parseMargins(JSON.parse(readFileSync(new URL('margins.json', dir), 'utf8')))
const cd = buildData(records, mf)
const seg2 = factorColumn(
  records.map((r) => r.segment),
  ['citoyen', 'elu', 'entreprise', 'association', 'vide'],
  'seg2',
)
const data = withColumns(cd.data, { seg2 })
const raked = rake(
  createDesign(data, mf.N / data.n),
  mf.variables.map((v) => margin(v, mf.margins[v] as Record<string, number>)),
).design

describe('svychisq', () => {
  test('the four statistics are consistent with each other', () => {
    const r = svyChisq(raked, 'segment', 'first_choice', {
      statistics: ['F', 'Chisq', 'Wald', 'adjWald'],
    })
    const im = r.intermediates
    assert.equal(im.nr, 4)
    assert.equal(im.nc, 3)
    assert.equal(im.nu, 299)
    assert.ok(Math.abs((r.tests.F?.statistic as number) - im.pearsonX2 / im.traceDelta) < 1e-12)
    assert.equal(r.tests.Chisq?.statistic, im.pearsonX2)
    assert.deepEqual(r.tests.Chisq?.parameter, { df: 6 })
    const eig = Array.from(im.deltaEigen)
    assert.ok(
      Math.abs(eig.reduce((a, b) => a + b, 0) - im.traceDelta) < 1e-10,
      'Σ eigenvalues of Δ = tr Δ',
    )
    const W = (r.tests.Wald?.statistic as number) * 6
    assert.ok(
      Math.abs((r.tests.adjWald?.statistic as number) - (W * (299 - 6 + 1)) / (6 * 299)) < 1e-12,
    )
    for (const t of Object.values(r.tests)) assert.ok(t && t.pValue > 0 && t.pValue < 1)
  })
  test('expected counts below 5 are flagged (R: "Chi-squared approximation may be incorrect")', () => {
    const r = svyChisq(raked, 'region', 'first_choice')
    assert.ok(
      r.warnings.some((x) => x.code === 'CHISQ_SMALL_EXPECTED'),
      'Corse has 2 respondents',
    )
    const ok = svyChisq(raked, 'sex', 'q_yesno')
    assert.equal(ok.warnings.length, 0)
  })
  test('an unused declared level: statistic NaN as R, with a warning naming it; dropEmptyLevels fixes it', () => {
    const r = svyChisq(raked, 'seg2', 'q_yesno')
    assert.ok(Number.isNaN(r.tests.F?.statistic as number))
    assert.ok(
      Number.isFinite((r.tests.F?.parameter as { ndf: number } | undefined)?.ndf),
      'Δ (and ndf) do not depend on the unused level',
    )
    const w = r.warnings.find((x) => x.code === 'UNUSED_LEVEL')
    assert.equal(w?.variable, 'seg2')
    assert.equal(w?.category, 'vide')
    const fixed = svyChisq(raked, 'seg2', 'q_yesno', { dropEmptyLevels: true })
    const ref = svyChisq(raked, 'segment', 'q_yesno')
    assert.ok(
      Math.abs((fixed.tests.F?.statistic as number) / (ref.tests.F?.statistic as number) - 1) <
        1e-12,
    )
  })
  test('a level absent inside the tested domain: typed error (R: singular system); dropEmptyLevels tests the rest', () => {
    const age = cd.data.columns.age
    assert.ok(age?.kind === 'factor')
    const seg = cd.data.columns.segment
    assert.ok(seg?.kind === 'factor')
    const mask = Uint8Array.from({ length: data.n }, (_, i) =>
      age.codes[i] === 0 && seg.levels[seg.codes[i] as number] !== 'entreprise' ? 1 : 0,
    )
    const sub = restrictDesign(raked, mask)
    assert.throws(
      () => svyChisq(sub, 'segment', 'q_yesno'),
      (e: unknown) =>
        e instanceof AbsentLevelInDomainError &&
        e.variable === 'segment' &&
        (e.category === 'elu' || e.category === 'entreprise'),
    )
    const r = svyChisq(sub, 'segment', 'q_yesno', { dropEmptyLevels: true })
    assert.equal(r.rowLevels.includes('entreprise'), false)
    assert.ok(r.rowLevels.length >= 2 && Number.isFinite(r.tests.F?.statistic as number))
  })
})
