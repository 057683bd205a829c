import type { AdjudicationQueue } from '../governance/adjudication.js'
import type { QcSample } from '../governance/qc-sample.js'

export type Timer = <T>(
  phase: 'read' | 'metrics',
  work: () => Promise<T> | T
) => Promise<T>

/** What a dataset's check produces besides its report: files for people. */
export interface DatasetArtifacts {
  name: string
  adjudication: AdjudicationQueue | null
  qcSample: QcSample | null
}
