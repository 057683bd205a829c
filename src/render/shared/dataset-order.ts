import type { DatasetReport } from '../../report/types.js'
import { countGates } from './gate-order.js'
import { groupProblems } from './problem-groups.js'

/** How much a dataset needs attention: 0 failed, 1 has warnings, 2 clean. */
export function attentionRank(dataset: DatasetReport): number {
  if (!dataset.passed) return 0
  const gates = countGates(dataset.gates)
  const { warnings, preExisting } = groupProblems(dataset.problems, 0)
  return gates.warnings + gates.preExisting + warnings + preExisting > 0 ? 1 : 2
}

/** Failing datasets first, then those with warnings, then the rest; config order within each. */
export function datasetsWorstFirst(datasets: DatasetReport[]): DatasetReport[] {
  return datasets
    .map((d, i) => ({ d, i, rank: attentionRank(d) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.d)
}
