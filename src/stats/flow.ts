/**
 * Maximum flow on a small network with real capacities, for the feasibility diagnosis of bounded
 * calibration (feasibility.ts): Edmonds–Karp (breadth-first augmenting paths, which terminates whatever
 * the capacities) and the source side of a minimum cut.
 */

/** A small flow network (Edmonds–Karp: shortest augmenting paths, so it ends with real capacities). */
export class FlowNetwork {
  private readonly to: number[] = []
  private readonly cap: number[] = []
  private readonly adj: number[][]
  /** Residual capacities at or below this count as 0 (set by `maxFlow`). */
  private tiny = 0
  constructor(nodes: number) {
    this.adj = Array.from({ length: nodes }, () => [])
  }
  /** Adds the arc from → to with `capacity` (Infinity allowed) and its residual reverse arc. */
  add(from: number, to: number, capacity: number): void {
    ;(this.adj[from] as number[]).push(this.to.length)
    this.to.push(to)
    this.cap.push(capacity)
    ;(this.adj[to] as number[]).push(this.to.length)
    this.to.push(from)
    this.cap.push(0)
  }
  /**
   * Maximum flow from `s` to `t` (capacities are consumed: call once). Residual capacities ≤ `tiny` count as
   * 0, so rounding never creates augmenting paths.
   */
  maxFlow(s: number, t: number, tiny: number): number {
    this.tiny = tiny
    let total = 0
    for (;;) {
      const via = new Int32Array(this.adj.length).fill(-1)
      const queue = [s]
      via[s] = -2
      while (queue.length > 0 && (via[t] as number) === -1) {
        const v = queue.shift() as number
        for (const e of this.adj[v] as number[]) {
          const w = this.to[e] as number
          if ((via[w] as number) === -1 && (this.cap[e] as number) > tiny) {
            via[w] = e
            queue.push(w)
          }
        }
      }
      if ((via[t] as number) === -1) return total
      let push = Infinity
      for (let v = t; v !== s; v = this.to[(via[v] as number) ^ 1] as number)
        push = Math.min(push, this.cap[via[v] as number] as number)
      if (!Number.isFinite(push)) return Infinity
      for (let v = t; v !== s; v = this.to[(via[v] as number) ^ 1] as number) {
        const e = via[v] as number
        this.cap[e] = (this.cap[e] as number) - push
        this.cap[e ^ 1] = (this.cap[e ^ 1] as number) + push
      }
      total += push
    }
  }
  /** Nodes reachable from `s` in the residual network (1) after `maxFlow`: the source side of a min cut. */
  reachable(s: number): Uint8Array {
    const seen = new Uint8Array(this.adj.length)
    seen[s] = 1
    const stack = [s]
    while (stack.length > 0) {
      const v = stack.pop() as number
      for (const e of this.adj[v] as number[]) {
        const w = this.to[e] as number
        if (!seen[w] && (this.cap[e] as number) > this.tiny) {
          seen[w] = 1
          stack.push(w)
        }
      }
    }
    return seen
  }
}
