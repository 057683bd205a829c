import {
  adjudicationCsv,
  adjudicationJsonl
} from '../governance/adjudication.js'
import { qcSampleCsv } from '../governance/qc-sample.js'
import { consensusCsv, consensusJsonl } from '../inference/consensus-file.js'
import type { DatasetArtifacts } from './evaluate-dataset.js'

export interface OutputFile {
  path: string
  content: string
}

/** `queue.csv` → `queue.sentiment.csv`, when several datasets each need a file. */
function perDataset(path: string, name: string, several: boolean): string {
  if (!several) return path
  const slash = path.lastIndexOf('/')
  const dot = path.lastIndexOf('.')
  return dot > slash + 1
    ? `${path.slice(0, dot)}.${name}${path.slice(dot)}`
    : `${path}.${name}`
}

/**
 * The adjudication queue file(s): CSV, or JSON Lines when the path ends in
 * `.jsonl`. One dataset writes `path`; several write one file each, named
 * after the dataset.
 */
export function adjudicationFiles(
  artifacts: readonly DatasetArtifacts[],
  path: string
): OutputFile[] {
  const queued = artifacts.filter((a) => a.adjudication !== null)
  const jsonl = /\.jsonl$/i.test(path)
  return queued.map((a) => ({
    path: perDataset(path, a.name, queued.length > 1),
    content: jsonl
      ? adjudicationJsonl(a.adjudication!)
      : adjudicationCsv(a.adjudication!)
  }))
}

/** The QC sample file(s), CSV with empty review columns, named like the queue's. */
export function qcSampleFiles(
  artifacts: readonly DatasetArtifacts[],
  path: string
): OutputFile[] {
  const sampled = artifacts.filter((a) => a.qcSample !== null)
  return sampled.map((a) => ({
    path: perDataset(path, a.name, sampled.length > 1),
    content: qcSampleCsv(a.qcSample!)
  }))
}

/** The inferred-labels file(s): CSV, or JSON Lines when the path ends in `.jsonl`. */
export function consensusFiles(
  artifacts: readonly DatasetArtifacts[],
  path: string
): OutputFile[] {
  const fitted = artifacts.filter((a) => a.consensus !== null)
  const jsonl = /\.jsonl$/i.test(path)
  return fitted.map((a) => ({
    path: perDataset(path, a.name, fitted.length > 1),
    content: jsonl ? consensusJsonl(a.consensus!) : consensusCsv(a.consensus!)
  }))
}
