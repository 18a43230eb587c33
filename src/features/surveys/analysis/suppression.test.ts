/**
 * The small-cell rule (`suppression.ts`): unit cases, and the invariant that matters — no count of 1 to 4
 * respondents can be recomputed from what is published — checked by linear algebra on random tables
 * (fast-check): every published total and shown cell is an equation, every hidden cell an unknown; a small cell
 * is exposed when the equations determine it.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { isSmall, protectLine, protectRanks, protectTable, type Suppression } from './suppression.js'

/** Which unknowns a linear system determines (reduced row echelon form; coefficients are small integers). */
function determined(equations: number[][], unknowns: number): boolean[] {
  const rows = equations.map((e) => [...e])
  let rank = 0
  const pivots: number[] = []
  for (let col = 0; col < unknowns && rank < rows.length; col++) {
    let pivot = -1
    for (let r = rank; r < rows.length; r++) if (Math.abs((rows[r] as number[])[col] as number) > 1e-9) pivot = r
    if (pivot < 0) continue
    ;[rows[rank], rows[pivot]] = [rows[pivot] as number[], rows[rank] as number[]]
    const p = rows[rank] as number[]
    const f = p[col] as number
    for (let k = 0; k < unknowns; k++) p[k] = (p[k] as number) / f
    for (let r = 0; r < rows.length; r++) {
      if (r === rank) continue
      const row = rows[r] as number[]
      const g = row[col] as number
      if (Math.abs(g) > 1e-12) for (let k = 0; k < unknowns; k++) row[k] = (row[k] as number) - g * (p[k] as number)
    }
    pivots.push(col)
    rank++
  }
  const out = new Array<boolean>(unknowns).fill(false)
  pivots.forEach((col, r) => {
    const row = rows[r] as number[]
    out[col] = row.every((v, k) => k === col || Math.abs(v) < 1e-9)
  })
  return out
}

/**
 * The small cells of a breakdown that its published figures give back. Published: every column total (the
 * overall answers), the grand total, the size and shown cells of every published row; unknown: the hidden cells
 * and the sizes of hidden rows.
 */
function exposedCells(cells: number[][], hidden: Array<Array<Suppression | null>>, rowsHidden: boolean[]): string[] {
  const rows = cells.length
  const cols = (cells[0] as number[]).length
  const index = new Map<string, number>()
  cells.forEach((row, r) => { row.forEach((_, c) => { if ((hidden[r] as Array<Suppression | null>)[c]) index.set(`${r}:${c}`, index.size) }) })
  rowsHidden.forEach((h, r) => { if (h) index.set(`${r}:T`, index.size) })
  const n = index.size
  const equations: number[][] = []
  const equation = (terms: string[], minus: string[] = []) => {
    const e = new Array<number>(n).fill(0)
    for (const t of terms) if (index.has(t)) e[index.get(t) as number] = 1
    for (const t of minus) if (index.has(t)) e[index.get(t) as number] = -1
    if (e.some((v) => v !== 0)) equations.push(e)
  }
  for (let r = 0; r < rows; r++) equation(Array.from({ length: cols }, (_, c) => `${r}:${c}`), [`${r}:T`])
  for (let c = 0; c < cols; c++) equation(Array.from({ length: rows }, (_, r) => `${r}:${c}`))
  equation(Array.from({ length: rows }, (_, r) => `${r}:T`))
  const known = determined(equations, n)
  const exposed: string[] = []
  for (const [key, i] of index) {
    const [r, c] = key.split(':') as [string, string]
    const value = c === 'T' ? (cells[Number(r)] as number[]).reduce((a, b) => a + b, 0) : ((cells[Number(r)] as number[])[Number(c)] as number)
    if (known[i] && isSmall(value)) exposed.push(`${key}=${value}`)
  }
  return exposed
}

describe('the small-cell rule', () => {
  test('a 7-respondent question: 4 and 3 are both small, neither the count nor the share is published', () => {
    assert.deepEqual(protectLine([4, 3]).hidden, ['small', 'small'])
    // six of seven chose the first answer: its complement (one person) is small, so it is hidden too
    assert.deepEqual(protectLine([6, 1, 0, 0]).hidden, ['small', 'small', null, null])
  })

  test('one hidden answer comes with a second (the total would give it back); a scale with a mean keeps three', () => {
    assert.deepEqual(protectLine([20, 3, 17, 0]).hidden, [null, 'small', 'secondary', null])
    assert.deepEqual(protectLine([20, 3, 17, 9], { minHidden: 3 }).hidden, [null, 'small', 'secondary', 'secondary'])
    const lone = protectLine([30, 3, 0], { minHidden: 3 })
    assert.equal(lone.cannot, true, 'two non-zero values only: the mean cannot be published')
    assert.deepEqual(protectLine([40, 35]).hidden, [null, null])
  })

  test('a segment under 5 is hidden with a second one, so that the total does not give its size back', () => {
    const cells = [
      [6, 6],
      [3, 0],
      [7, 5],
    ]
    const { rowsHidden } = protectTable(cells, [false, true, false])
    assert.deepEqual(rowsHidden, [true, true, false])
  })

  test('ranks: an item with a small rank count is hidden with a second item', () => {
    assert.deepEqual(protectRanks([
      [30, 20, 10],
      [3, 30, 27],
      [27, 7, 26],
    ]), [null, 'small', 'secondary'])
  })

  test('property: after protection, no small cell of a breakdown can be recomputed from the published figures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((rows) => fc.integer({ min: 2, max: 5 }).chain((cols) => fc.array(fc.array(fc.integer({ min: 0, max: 14 }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }))),
        (cells) => {
          const sizes = cells.map((r) => r.reduce((a, b) => a + b, 0))
          const { hidden, rowsHidden } = protectTable(cells, sizes.map((s) => s < 5))
          // a hidden row hides all its cells
          rowsHidden.forEach((h, r) => { if (h) assert.ok((hidden[r] as Array<Suppression | null>).every((x) => x !== null)) })
          // a small cell of a published row is hidden
          cells.forEach((row, r) => { if (!rowsHidden[r]) row.forEach((v, c) => { if (isSmall(v)) assert.notEqual((hidden[r] as Array<Suppression | null>)[c], null) }) })
          const exposed = exposedCells(cells, hidden, rowsHidden)
          assert.deepEqual(exposed, [], JSON.stringify({ cells, hidden, rowsHidden }))
        },
      ),
      { numRuns: 400 },
    )
  })

  test('property: a protected line never gives back a small count', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 2, maxLength: 8 }), (counts) => {
        const { hidden } = protectLine(counts)
        const small = counts.filter((c, i) => isSmall(c) && hidden[i] !== null)
        const hiddenCount = hidden.filter((h) => h !== null).length
        // the line's total gives back the sum of its hidden entries: never a lone small entry
        if (small.length > 0) assert.ok(hiddenCount >= 2 || counts.filter((c) => c > 0).length < 2, JSON.stringify({ counts, hidden }))
        counts.forEach((c, i) => { if (isSmall(c)) assert.notEqual(hidden[i], null) })
      }),
      { numRuns: 400 },
    )
  })
})
