import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { worldDiversity } from './diversity.js'
import { layoutNetwork, type NetworkEdge, type NetworkNode } from './network.js'
import { formatHundredths, parseQuantity, quantityInput } from './quantities.js'
import { compareTargets, isSdgTarget, SDG_TARGET_COUNT, targetsOf } from './sdg-targets.js'

/** The diversity of a list of partners' worlds, one entry per partner, given as the database groups them. */
function diversityOf(worlds: readonly string[]) {
  return worldDiversity(worlds.map((world) => ({ world, count: 1 })))
}

test('diversity of worlds: probability that two different partners come from different worlds', () => {
  assert.deepEqual(diversityOf([]), { partners: 0, worlds: 0, counts: [], index: null })
  assert.equal(diversityOf(['association']).index, null)
  assert.equal(diversityOf(['association', 'association', 'association']).index, 0)
  assert.equal(diversityOf(['association', 'entreprise']).index, 1)
  assert.equal(diversityOf(['association', 'entreprise', 'collectivite']).index, 1)
  // 2 associations + 2 companies: of the 6 pairs, 4 cross worlds.
  assert.ok(Math.abs((diversityOf(['association', 'association', 'entreprise', 'entreprise']).index ?? 0) - 4 / 6) < 1e-12)
  const d = diversityOf(['entreprise', 'association', 'entreprise'])
  assert.deepEqual(d.counts, [{ world: 'entreprise', count: 2 }, { world: 'association', count: 1 }])
  assert.equal(d.worlds, 2)
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 2, maxLength: 60 }), (worlds) => {
      const { index, worlds: k } = diversityOf(worlds)
      assert.ok(index !== null && index >= 0 && index <= 1)
      assert.equal(index === 0, k === 1)
      // Order does not matter.
      assert.equal(diversityOf([...worlds].reverse()).index, index)
    }),
  )
  // Counts as grouped by the database: the same as one entry per partner; a world with none is not present.
  assert.deepEqual(worldDiversity([{ world: 'entreprise', count: 2 }, { world: 'association', count: 1 }, { world: 'fondation', count: 0 }]), d)
})

test('quantities are parsed exactly into hundredths, French or English style, and refused with a reason', () => {
  assert.deepEqual(parseQuantity('1 500,50', 'eur'), { ok: true, hundredths: 150050 })
  assert.deepEqual(parseQuantity('1500.5', 'eur'), { ok: true, hundredths: 150050 })
  assert.deepEqual(parseQuantity('0,25', 'hours'), { ok: true, hundredths: 25 })
  assert.deepEqual(parseQuantity('12', 'people'), { ok: true, hundredths: 1200 })
  assert.deepEqual(parseQuantity('-5', 'eur'), { ok: false, problem: 'negative' })
  assert.deepEqual(parseQuantity('0', 'eur'), { ok: false, problem: 'zero' })
  assert.deepEqual(parseQuantity('abc', 'eur'), { ok: false, problem: 'format' })
  assert.deepEqual(parseQuantity('5 €', 'eur'), { ok: false, problem: 'format' })
  assert.deepEqual(parseQuantity('1,234', 'eur'), { ok: false, problem: 'decimals' })
  assert.deepEqual(parseQuantity('2,5', 'people'), { ok: false, problem: 'whole' })
  assert.deepEqual(parseQuantity('99999999999999', 'eur'), { ok: false, problem: 'tooLarge' })
  assert.equal(formatHundredths('fr', 150050, 'eur').replace(/\s/g, ' '), '1 500,50')
  assert.equal(formatHundredths('fr', 150050, 'hours').replace(/\s/g, ' '), '1 500,5')
  assert.equal(formatHundredths('en', 150050, 'eur'), '1,500.50')
  assert.equal(formatHundredths('fr', 1200), '12')
  assert.equal(quantityInput('fr', 150050), '1500,5')
  assert.equal(quantityInput('en', 150005), '1500.05')
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), (hundredths) => {
      const parsed = parseQuantity(quantityInput('fr', hundredths), 'eur')
      assert.deepEqual(parsed, { ok: true, hundredths })
    }),
  )
})

test('SDG targets: 169 codes, 19 for SDG 17, lettered after numbered', () => {
  assert.equal(SDG_TARGET_COUNT, 169)
  assert.equal(targetsOf(17).length, 19)
  assert.ok(isSdgTarget('17.17') && isSdgTarget('4.a') && isSdgTarget('3.d'))
  assert.ok(!isSdgTarget('17.20') && !isSdgTarget('17.a') && !isSdgTarget('18.1') && !isSdgTarget('1.1.1'))
  assert.deepEqual(['4.a', '17.2', '4.10', '4.2'].sort(compareTargets), ['4.2', '4.10', '4.a', '17.2'])
})

test('network layout is deterministic, stays in the frame and ignores dangling edges', () => {
  const nodes: NetworkNode[] = [
    { id: 'a1', kind: 'alliance', group: '', label: 'Alliance 1' },
    ...['o1', 'o2', 'o3', 'o4', 'o5'].map((id, i) => ({ id, kind: 'organisation' as const, group: i % 2 ? 'association' : 'entreprise', label: id })),
  ]
  const edges: NetworkEdge[] = [
    { source: 'a1', target: 'o1', kind: 'member' },
    { source: 'a1', target: 'o2', kind: 'member' },
    { source: 'a1', target: 'o3', kind: 'member' },
    { source: 'o4', target: 'o5', kind: 'partnership' },
    { source: 'o4', target: 'missing', kind: 'partnership' },
  ]
  const first = layoutNetwork(nodes, edges, { width: 400, height: 300 })
  const second = layoutNetwork([...nodes].reverse(), [...edges].reverse(), { width: 400, height: 300 })
  assert.deepEqual(first.nodes.map((n) => [n.id, n.x, n.y]), second.nodes.map((n) => [n.id, n.x, n.y]))
  assert.equal(first.edges.length, 4)
  for (const n of first.nodes) assert.ok(n.x >= 24 && n.x <= 376 && n.y >= 24 && n.y <= 276, `${n.id} ${n.x},${n.y}`)
  assert.equal(first.nodes.find((n) => n.id === 'a1')?.degree, 3)
  assert.deepEqual(layoutNetwork([], []).nodes, [])
  const one = layoutNetwork([nodes[1]!], [], { width: 100, height: 100 })
  assert.deepEqual([one.nodes[0]?.x, one.nodes[0]?.y], [50, 50])
})
