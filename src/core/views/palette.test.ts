import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { FRAME, GRID, HIDDEN, HOLLOW, INK, LINE, levelSeries, OUTLINED, SWATCH, seriesClass, textOnSeries } from './palette.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const css = readFileSync(join(ROOT, 'public/alliance.css'), 'utf8')
const definedClasses = new Set([...css.matchAll(/\.([a-z][\w-]*)/g)].map((m) => m[1]))

test('every class the palette hands out is defined by the stylesheet', () => {
  const classes = [FRAME, GRID, HIDDEN, HOLLOW, INK, LINE, OUTLINED, SWATCH, ...Array.from({ length: 8 }, (_, i) => seriesClass(i)), ...Array.from({ length: 8 }, (_, i) => textOnSeries(i))]
  for (const name of classes) assert.ok(definedClasses.has(name), `.${name} is missing from public/alliance.css`)
  assert.equal(seriesClass(8), seriesClass(0), 'the categorical colours cycle')
  assert.equal(seriesClass(-1), seriesClass(7))
})

test('agreement levels go from orange to blue, whatever the number of levels', () => {
  assert.deepEqual(levelSeries(4), [5, 1, 4, 0])
  for (const count of [2, 3, 4]) {
    const levels = levelSeries(count)
    assert.equal(levels.length, count)
    assert.equal(levels[0], 5, 'the lowest level is orange')
    assert.equal(levels.at(-1), 0, 'the highest level is blue')
  }
  assert.deepEqual(levelSeries(6), [0, 1, 2, 3, 4, 5])
})

test('no chart carries colours of its own: fills and strokes come from the palette', () => {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.tsx')) files.push(path)
    }
  }
  walk(join(ROOT, 'src'))
  const svg = files.filter((f) => /<svg\b/.test(readFileSync(f, 'utf8')))
  assert.ok(svg.length >= 3, 'the charts are found')
  for (const file of svg) {
    const source = readFileSync(file, 'utf8')
    // white (separators between parts) is the only colour written in a component
    const coloured = [...source.matchAll(/(?:fill|stroke)="#([0-9a-fA-F]{3,6})"/g)].filter((m) => !/^f{3}(f{3})?$/i.test(m[1] ?? ''))
    assert.deepEqual(coloured.map((m) => m[0]), [], `${file} writes colours of its own`)
  }
})
