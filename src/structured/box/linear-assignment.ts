/**
 * The linear sum assignment problem: given a rows x cols cost matrix, pick
 * min(rows, cols) cells, at most one per row and per column, with the least
 * total cost (the problem scipy.optimize.linear_sum_assignment solves).
 *
 * Written here rather than taken from npm: the well-used packages
 * (linear-sum-assignment, munkres-js) allocate matrix objects on every call,
 * and box matching solves one small problem per item, class and annotator
 * pair (3 x 10^5 x classes in the benchmark); this solver reuses typed
 * scratch arrays and allocates nothing once warm, and it keeps the action's
 * bundle free of another runtime dependency.
 *
 * The algorithm is the Hungarian method in its shortest augmenting path form
 * with dual potentials (Kuhn 1955, Munkres 1957; the O(n^2 m) formulation of
 * Jonker and Volgenant 1987, as in Burkard, Dell'Amico and Martello,
 * "Assignment Problems", 2009, section 4.4): each row in turn is added by a
 * Dijkstra-like search over reduced costs, so with n <= m rows every row is
 * assigned. A matrix with more rows than columns is solved transposed.
 */
export class LinearAssignment {
  private u = new Float64Array(0)
  private v = new Float64Array(0)
  private minv = new Float64Array(0)
  private p = new Int32Array(0)
  private way = new Int32Array(0)
  private used = new Uint8Array(0)
  private transposed = new Float64Array(0)

  /**
   * Solves for the row-major `cost` (rows x cols, finite numbers) and writes
   * into `rowToCol[i]` the column of row i, or -1 for a row left unassigned
   * (only when rows > cols). Returns the number of assigned pairs.
   */
  solve(
    cost: Float64Array,
    rows: number,
    cols: number,
    rowToCol: Int32Array
  ): number {
    if (rows === 0 || cols === 0) {
      rowToCol.fill(-1, 0, rows)
      return 0
    }
    if (rows <= cols) {
      this.run(cost, rows, cols)
      rowToCol.fill(-1, 0, rows)
      for (let j = 1; j <= cols; j++) {
        const i = this.p[j]!
        if (i !== 0) rowToCol[i - 1] = j - 1
      }
      return rows
    }
    // More rows than columns: solve the transpose (cols x rows).
    if (this.transposed.length < rows * cols)
      this.transposed = new Float64Array(rows * cols)
    const t = this.transposed
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) t[j * rows + i] = cost[i * cols + j]!
    this.run(t, cols, rows)
    rowToCol.fill(-1, 0, rows)
    for (let i = 1; i <= rows; i++) {
      const j = this.p[i]!
      if (j !== 0) rowToCol[i - 1] = j - 1
    }
    return cols
  }

  /** n <= m; afterwards p[j] (1-based) is the row of column j, 0 if none. */
  private run(a: Float64Array, n: number, m: number): void {
    if (this.p.length < m + 1) {
      const size = Math.max(m + 1, 2 * this.p.length)
      this.v = new Float64Array(size)
      this.minv = new Float64Array(size)
      this.p = new Int32Array(size)
      this.way = new Int32Array(size)
      this.used = new Uint8Array(size)
    }
    if (this.u.length < n + 1)
      this.u = new Float64Array(Math.max(n + 1, 2 * this.u.length))
    const { u, v, minv, p, way, used } = this
    u.fill(0, 0, n + 1)
    v.fill(0, 0, m + 1)
    p.fill(0, 0, m + 1)
    for (let i = 1; i <= n; i++) {
      p[0] = i
      let j0 = 0
      minv.fill(Infinity, 0, m + 1)
      used.fill(0, 0, m + 1)
      do {
        used[j0] = 1
        const i0 = p[j0]!
        const row = (i0 - 1) * m
        const ui0 = u[i0]!
        let delta = Infinity
        let j1 = 0
        for (let j = 1; j <= m; j++) {
          if (used[j]) continue
          const cur = a[row + j - 1]! - ui0 - v[j]!
          if (cur < minv[j]!) {
            minv[j] = cur
            way[j] = j0
          }
          if (minv[j]! < delta) {
            delta = minv[j]!
            j1 = j
          }
        }
        for (let j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]!]! += delta
            v[j]! -= delta
          } else minv[j]! -= delta
        }
        j0 = j1
      } while (p[j0] !== 0)
      do {
        const j1 = way[j0]!
        p[j0] = p[j1]!
        j0 = j1
      } while (j0 !== 0)
    }
  }
}
