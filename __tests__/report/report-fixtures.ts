import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Problem } from '../../src/model/problem.js'
import type {
  AnnotatorReport,
  PairwiseAgreement,
  Report
} from '../../src/report/types.js'

/** A hand-written sample report from __fixtures__/report. */
export function loadReport(
  name: 'passing' | 'failing' | 'null-metrics' | 'hostile'
): Report {
  const path = join(process.cwd(), '__fixtures__', 'report', `${name}.json`)
  return JSON.parse(readFileSync(path, 'utf8')) as Report
}

/**
 * The cells of a Markdown table row, split on pipes that are not
 * backslash-escaped (a backslash escapes the next character, whatever it is).
 */
export function tableCells(row: string): string[] {
  const cells: string[] = []
  let cell = ''
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!
    if (ch === '\\') {
      cell += ch + (row[i + 1] ?? '')
      i++
    } else if (ch === '|') {
      cells.push(cell)
      cell = ''
    } else {
      cell += ch
    }
  }
  cells.push(cell)
  // A row starts and ends with a pipe: drop the empty outer pieces.
  return cells.slice(1, -1)
}

/** Every table in a Markdown body: runs of lines that start with a pipe. */
export function markdownTables(body: string): string[][] {
  const tables: string[][] = []
  let current: string[] | null = null
  for (const line of body.split('\n')) {
    if (line.startsWith('|')) {
      if (current === null) tables.push((current = []))
      current.push(line)
    } else {
      current = null
    }
  }
  return tables
}

/**
 * A stress report: 100,000 problems, 5,000 annotators with long ids, many
 * pairs and labels of 10,000 characters.
 */
export function largeReport(datasets = 1): Report {
  const base = loadReport('passing')
  const longLabel = (i: number): string => `label-${i}-` + 'x'.repeat(10_000)
  const annotators: Record<string, AnnotatorReport> = {}
  for (let i = 0; i < 5_000; i++) {
    annotators[`annotator-${i}-` + 'y'.repeat(200)] = {
      annotations: 100 + i,
      accuracy: {
        value: (i % 1000) / 1000,
        n: 50,
        ci: { low: 0, high: 1, level: 0.95, method: 'wilson' }
      }
    }
  }
  const problems: Problem[] = []
  for (let i = 0; i < 100_000; i++) {
    problems.push({
      severity: i % 3 === 0 ? 'warning' : 'error',
      file: 'data/huge/annotations.csv',
      line: i + 2,
      message: `label '${longLabel(i % 7)}' is not a category`
    })
  }
  const pairwise: PairwiseAgreement[] = []
  for (let i = 0; i < 2_000; i++) {
    pairwise.push({
      a: `annotator-${i}`,
      b: `annotator-${i + 1}`,
      n_items: i,
      kappa: 0.5,
      percent_agreement: 0.75
    })
  }
  const labels = Array.from({ length: 40 }, (_, i) => longLabel(i))
  const template = base.datasets[0]!
  return {
    ...base,
    passed: false,
    datasets: Array.from({ length: datasets }, (_, d) => ({
      ...template,
      name: `huge-${d}`,
      passed: false,
      head: {
        ...template.head,
        annotators,
        pairwise,
        classes: labels.map((label) => ({
          label,
          support: 10,
          predicted: 10,
          precision: 0.5,
          recall: 0.5,
          f1: 0.5
        })),
        confusion: {
          labels,
          matrix: labels.map((_, r) => labels.map((_, c) => r * 40 + c))
        }
      },
      problems
    }))
  }
}
