import type { GateResult } from './types.js'

/**
 * Per-annotator gates give one row per annotator; with hundreds of annotators
 * the passing rows drown the ones that matter. Rows that did not pass stay;
 * the passing rows of each `annotator.*` gate bound become one summary row.
 */
export function compactAnnotatorGates(gates: GateResult[]): GateResult[] {
  const out: GateResult[] = []
  const summaries = new Map<string, { row: GateResult; count: number }>()
  for (const g of gates) {
    if (g.annotator === undefined || g.status !== 'pass') {
      out.push(g)
      continue
    }
    const key = `${g.metric}\u0000${g.bound}`
    const summary = summaries.get(key)
    if (summary === undefined) {
      const row: GateResult = { ...g, annotator: undefined, value: null }
      summaries.set(key, { row, count: 1 })
      out.push(row)
    } else {
      summary.count++
    }
  }
  for (const { row, count } of summaries.values()) {
    delete row.annotator
    row.message =
      count === 1 ? '1 annotator passes' : `${count} annotators pass`
  }
  return out
}
