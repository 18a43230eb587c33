import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parse } from 'csv-parse/sync'
import { toCsv } from './csv.js'

test('cells a spreadsheet would evaluate are neutralised; numbers stay numbers', () => {
  const hostile = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx', 'ok =1', '＝1+1']
  const text = toCsv([['label', 'value'], ...hostile.map((h, i) => [h, -i])])
  const rows = parse(text) as string[][]
  assert.deepEqual(
    rows.slice(1).map((r) => r[0]),
    ["'=cmd|' /C calc'!A0", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", 'ok =1', "'＝1+1"],
  )
  assert.deepEqual(rows.slice(1).map((r) => r[1]), ['0', '-1', '-2', '-3', '-4', '-5', '-6', '-7'])
})
