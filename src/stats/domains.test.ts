import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { buildData, parseMargins } from './conformance.js'
import { factorColumn, withColumns } from './data.js'
import { createDesign } from './design.js'
import { domainContrast, svyByCiProp, svyByCovariance, svyByMean } from './domains.js'
import { InvalidInputError } from './errors.js'
import { margin, rake } from './raking.js'

const dir = new URL('../../test/fixtures/oracle/cases/n300/', import.meta.url)
const records = parse(readFileSync(new URL('data.csv', dir), 'utf8'), { columns: true }) as Record<
  string,
  string
>[]
const mf = parseMargins(JSON.parse(readFileSync(new URL('margins.json', dir), 'utf8')))
const cd = buildData(records, mf)
// an extra domain variable: 'solo' (1 respondent), 'small' (5), 'rest', and an empty level
const dom = records.map((_, i) => (i === 1 ? 'solo' : i >= 2 && i <= 6 ? 'small' : 'rest'))
const data = withColumns(cd.data, {
  dom: factorColumn(dom, ['rest', 'small', 'solo', 'empty'], 'dom'),
})
const raked = rake(
  createDesign(data, mf.N / data.n),
  mf.variables.map((v) => margin(v, mf.margins[v] as Record<string, number>)),
).design

describe('svyBy', () => {
  test('domains in level order, empty level dropped; degrees of freedom per domain', () => {
    const r = svyByMean(raked, ['score'], 'dom')
    assert.deepEqual(r.domains, ['rest', 'small', 'solo'])
    assert.deepEqual(r.df, [293, 4, 0])
  })
  test('a one-respondent domain: SE 0, normal CI collapses, ciprop CI NaN; warnings name the domain', () => {
    const r = svyByMean(raked, ['score'], 'dom')
    const soloSe = r.se.score?.[2] as number
    assert.ok(soloSe < 1e-9 * (r.estimate.score?.[2] as number), `SE ${soloSe}`)
    assert.ok(
      r.warnings.some(
        (w) => w.code === 'SMALL_BASE' && w.variable === 'dom' && w.category === 'solo',
      ),
    )
    const p = svyByCiProp(raked, 'yes', 'dom')
    assert.ok(Number.isNaN(p.ciLow.yes?.[2] as number))
    assert.ok(p.warnings.some((w) => w.code === 'ZERO_DEGREES_OF_FREEDOM'))
  })
  test('segments: the cross-domain covariance diagonal equals the svyby variances', () => {
    const by = svyByMean(raked, ['yes'], 'segment')
    const cov = svyByCovariance(raked, ['yes'], 'segment')
    assert.deepEqual(cov.domains, by.domains)
    cov.se.forEach((se, s) => { assert.ok(Math.abs(se / (by.se.yes?.[s] as number) - 1) < 1e-12) })
    cov.estimate.forEach((e, s) => {
      assert.ok(Math.abs(e - (by.estimate.yes?.[s] as number)) < 1e-14)
    })
    const c = domainContrast(cov, 'elu', 'citoyen')
    assert.ok(
      Math.abs(c.estimate - ((cov.estimate[1] as number) - (cov.estimate[0] as number))) < 1e-15,
    )
    assert.notEqual(c.se, c.seIfIndependent, 'domain estimates are correlated after calibration')
    assert.throws(() => domainContrast(cov, 'elu', 'nobody'), InvalidInputError)
  })
  test('row and cell paths agree on domains', () => {
    const a = svyByCovariance(raked, ['first_choice'], 'segment', { path: 'rows' })
    const b = svyByCovariance(raked, ['first_choice'], 'segment', { path: 'cells' })
    a.vcov.forEach((v, k) => {
      assert.ok(Math.abs(v - (b.vcov[k] as number)) <= 1e-10 * Math.abs(v) + 1e-20)
    })
  })
})
