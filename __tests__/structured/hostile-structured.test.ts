import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Report } from '../../src/report/types.js'
import { git, runCli } from '../helpers/run-cli.js'

jest.setTimeout(60_000)

/**
 * Span types, box classes, annotator ids and item ids are data: in the
 * comment they must not open HTML, break a table, mention anyone or run a
 * link; in the terminal they must not carry escape sequences; in the queue
 * CSV they must not start a formula.
 */
const EVIL = [
  '<img src=x onerror=alert(1)>',
  'a|b',
  '@everyone',
  '[click](https://evil.example)',
  '\u001b[31mred\u001b[0m',
  '=HYPERLINK("https://evil.example")'
]

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: spans',
  '    type: span',
  '    path: data/spans.jsonl',
  '    format: prodigy',
  '    adjudication: { scope: all, min_agreement: 0.9 }',
  '  - name: boxes',
  '    type: box',
  '    path: data/boxes/*.json',
  '    adjudication: { min_agreement: 0.9 }',
  ''
].join('\n')

const TEXT = 'alpha beta gamma delta epsilon zeta'

function spanLines(): string {
  const lines: string[] = []
  for (const [k, annotator] of ['=cmd|x', '<b>bob</b>'].entries()) {
    for (let item = 0; item < 3; item++) {
      const spans = EVIL.slice(0, 3 + 3 * k).map((label, j) => ({
        start: 6 * j,
        end: 6 * j + 5,
        label
      }))
      lines.push(
        JSON.stringify({
          text: TEXT,
          _input_hash: `${EVIL[item]}`,
          _annotator_id: annotator,
          answer: 'accept',
          spans
        })
      )
    }
  }
  return lines.join('\n') + '\n'
}

function coco(shift: number): string {
  const categories = EVIL.map((name, k) => ({ id: k + 1, name }))
  const images = [
    { id: 1, file_name: '<svg onload=alert(1)>.jpg', width: 640, height: 480 },
    { id: 2, file_name: '@here|x.jpg', width: 640, height: 480 }
  ]
  const annotations = [1, 2].flatMap((image_id) =>
    categories.map((c, k) => ({
      id: image_id * 100 + k,
      image_id,
      category_id: c.id,
      bbox: [10 + 60 * k + shift * k, 10, 50, 50],
      iscrowd: 0
    }))
  )
  return JSON.stringify({ images, annotations, categories })
}

describe('hostile span types, box classes and ids are escaped everywhere', () => {
  let repo: string
  let out: {
    stderr: string
    stdout: string
    comment: string
    spansCsv: string
    boxCsv: string
    report: Report
  }
  beforeAll(async () => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-hostile-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data/boxes'), { recursive: true })
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'data/spans.jsonl'), spanLines())
    writeFileSync(path.join(repo, 'data/boxes/=evil@x.json'), coco(0))
    writeFileSync(path.join(repo, 'data/boxes/<i>r2<i>.json'), coco(20))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'head')
    const run = await runCli(repo, [
      'check',
      '--json',
      'report.json',
      '--markdown',
      'comment.md',
      '--adjudication',
      'queue.csv'
    ])
    const read = (f: string) => readFileSync(path.join(repo, f), 'utf8')
    out = {
      stderr: run.stderr,
      stdout: run.stdout,
      comment: read('comment.md'),
      spansCsv: read('queue.spans.csv'),
      boxCsv: read('queue.boxes.csv'),
      report: JSON.parse(read('report.json')) as Report
    }
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('the data reached the report (so the checks below test something)', () => {
    expect(out.stderr).toBe('')
    const [spans, boxes] = out.report.datasets
    expect(Object.keys(spans!.head.distribution).sort()).toEqual(
      [...EVIL].sort()
    )
    expect(spans!.adjudication!.total).toBeGreaterThan(0)
    expect(boxes!.adjudication!.total).toBeGreaterThan(0)
    expect(out.comment).toContain('onerror')
  })

  it('the comment opens no HTML, link or mention and keeps every table row intact', () => {
    expect(out.comment).not.toMatch(/<(img|svg|b|i)[ >]/)
    expect(out.comment).not.toContain('](https://evil')
    expect(out.comment).not.toMatch(/(^|[^\\`])@(everyone|here)/)
    expect(out.comment).not.toContain('\u001b')
    // A table row has as many unescaped cell separators as its header.
    const lines = out.comment.split('\n')
    for (let i = 0; i < lines.length; i++) {
      if (!/^\| --- /.test(lines[i]!) && !/^\| :?-/.test(lines[i]!)) continue
      const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length
      const width = cells(lines[i - 1]!)
      for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j++)
        expect([lines[j], cells(lines[j]!)]).toEqual([lines[j], width])
    }
  })

  it('tables name what they count; the queue has no empty consensus for boxes', () => {
    expect(out.comment).toContain('| Label | Spans | Share |')
    expect(out.comment).toContain('| Label | Boxes | Share |')
    expect(out.comment).toContain(
      '| Item | Reasons | Agreement | Consensus | Reference | Decision | Disagreeing spans |'
    )
    expect(out.comment).toContain(
      '| Item | Reasons | Agreement | Decision | Disagreeing boxes |'
    )
    expect(out.stdout).toMatch(
      /^ {4}item +reasons +agreement +disagreeing boxes$/m
    )
    // Five boxes of each annotator have no partner: 10, one line each.
    expect(out.stdout).toMatch(/ 0\.167 {2}10: /)
    // The default scope (changed) without a base looks at every item, and
    // box sets cannot disagree with the reference (no consensus set).
    expect(out.stdout).toContain(
      'Adjudication queue: 2 items need a decision among all items (no base to compare with): 2 below'
    )
    expect(out.comment).toContain(
      '2 items need a decision among all items (no base to compare with): 2 below the agreement threshold; 0 decided by the tie-breaker.'
    )
  })

  it('the terminal carries no escape sequence from the data', () => {
    expect(out.stdout).not.toContain('\u001b')
    expect(out.stdout).toMatch(/Adjudication queue: 3 items/)
  })

  it('the queue CSVs have the agreement and the disagreeing elements, formula-safe', () => {
    for (const csv of [out.spansCsv, out.boxCsv]) {
      const header = csv.split('\r\n')[0]!
      expect(header).toMatch(
        /^item,reason,majority,majority_share,reference,decision,decided_by,agreement,disagreeing,/
      )
      // No cell starts a formula: each `=` at a cell's start is quoted text.
      expect(csv).not.toMatch(/(^|,|\r\n)"?[=+@]/)
    }
    const spans = out.report.datasets[0]!.adjudication!.rows[0]!
    expect(spans.disagreeing!.length).toBeGreaterThan(0)
    // The three types only bob gave are the disagreeing spans.
    expect(spans.disagreeing).toHaveLength(3)
    expect(spans.disagreeing!.join(' ')).toContain(EVIL[3])
    expect(out.spansCsv).toContain(EVIL[3])
    expect(spans.agreement).toBeCloseTo((2 * 3) / (3 + 6), 12)
  })
})
