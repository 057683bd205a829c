import type { GateResult } from '../../report/types.js'

/**
 * Per-annotator gates give one row per annotator; with hundreds of annotators
 * the passing rows drown the ones that matter. Each `annotator.*` gate bound
 * keeps its rows that did not pass, in order, followed by one row counting
 * those that passed (when two or more did); other gates are unchanged.
 */
export function compactAnnotatorGates(gates: GateResult[]): GateResult[] {
  const groups = new Map<
    string,
    { all: GateResult[]; kept: GateResult[]; passed: GateResult[] }
  >()
  const order: (GateResult | string)[] = []
  for (const g of gates) {
    if (g.annotator === undefined) {
      order.push(g)
      continue
    }
    const key = `${g.metric}\u0000${g.bound}`
    let group = groups.get(key)
    if (group === undefined) {
      group = { all: [], kept: [], passed: [] }
      groups.set(key, group)
      order.push(key)
    }
    group.all.push(g)
    if (g.status === 'pass') group.passed.push(g)
    else group.kept.push(g)
  }
  const out: GateResult[] = []
  for (const entry of order) {
    if (typeof entry !== 'string') {
      out.push(entry)
      continue
    }
    const { all, kept, passed } = groups.get(entry)!
    // A single passing row says more than a count of one.
    if (passed.length < 2) {
      out.push(...all)
      continue
    }
    out.push(...kept)
    {
      const { annotator: _annotator, ...first } = passed[0]!
      out.push({
        ...first,
        value: null,
        message: `${passed.length} annotators pass`
      })
    }
  }
  return out
}
