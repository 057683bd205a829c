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
import { parseReport } from '../../src/action/report-schema.js'
import type { Report } from '../../src/report/types.js'
import { git, runCli } from '../helpers/run-cli.js'

jest.setTimeout(60_000)

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: tags',
  '    type: multi_label',
  '    path: data/*.csv',
  '    categories: [joy, anger, fear, sadness]',
  '    reference: { path: gold/gold.csv }',
  '    adjudication: { scope: all, min_agreement: 0.6 }',
  '    gates:',
  '      masi_alpha: { min: 0.3 }',
  '      subset_accuracy: { min: 0.5, max_drop: 0.1 }',
  '      hamming_loss: { max: 0.2 }',
  '      changed.example_f1: { min: 0.9 }',
  ''
].join('\n')

// 4 items, 2 annotators; identical sets everywhere at the base.
const BASE = [
  'item_id,annotator,label',
  'i1,a,joy|fear',
  'i1,b,fear|joy',
  'i2,a,anger',
  'i2,b,anger',
  'i3,a,',
  'i3,b,',
  'i4,a,sadness',
  'i4,b,sadness'
]
const GOLD = 'item_id,label\ni1,joy|fear\ni2,anger\ni3,\ni4,sadness\ni5,joy\n'

describe('labelgate check on a multi_label dataset (a real git repository)', () => {
  let repo: string
  let baseSha: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-ml-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'data/labels.csv'), BASE.join('\n') + '\n')
    writeFileSync(path.join(repo, 'gold/gold.csv'), GOLD)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    baseSha = git(repo, 'rev-parse', 'HEAD')
    // The head: b relabels i1 to {joy}, a new item i5 by both, one wrong.
    const head = [
      ...BASE.slice(0, 2),
      'i1,b,joy',
      ...BASE.slice(3),
      'i5,a,joy',
      'i5,b,joy|anger'
    ]
    writeFileSync(path.join(repo, 'data/labels.csv'), head.join('\n') + '\n')
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('reports the type metrics, the element diff, the slice and the gates', async () => {
    const json = path.join(repo, 'report.json')
    const md = path.join(repo, 'comment.md')
    const { code, stdout, stderr } = await runCli(repo, [
      'check',
      '--base',
      baseSha,
      '--json',
      json,
      '--markdown',
      md
    ])
    expect(stderr).toBe('')
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report
    const d = report.datasets[0]!
    expect(d.type).toBe('multi_label')
    // Head: 5 items x 2 annotators; pairs i1 {joy,fear}/{joy} and i5 {joy}/{joy,anger} differ.
    expect(d.head.counts).toMatchObject({
      items: 5,
      annotators: 2,
      annotations: 10,
      reference_items: 5,
      elements: 10
    })
    // Subset accuracy: 10 annotations, 8 exact (i1 b and i5 b wrong).
    expect(d.head.metrics.subset_accuracy!.value).toBeCloseTo(0.8, 12)
    expect(d.base!.metrics.subset_accuracy!.value).toBe(1)
    // Hamming loss: 2 wrong labels over 10 annotations x 4 label columns.
    expect(d.head.metrics.hamming_loss!.value).toBeCloseTo(2 / 40, 12)
    expect(d.head.metrics.masi_alpha!.value).not.toBeNull()
    expect(d.diff).toEqual({
      items_added: 1,
      items_removed: 0,
      annotations_added: 2,
      annotations_removed: 0,
      labels_changed: 1,
      elements_added: 3,
      elements_removed: 1
    })
    expect(d.relabeled).toEqual([
      { item: 'i1', annotator: 'b', from: '{fear, joy}', to: '{joy}' }
    ])
    // The slice: touched items i1 and i5 (4 annotations); judged: the 3 added or relabeled.
    expect(d.changed!.counts.annotations).toBe(4)
    expect(d.changed!.metrics.subset_accuracy).toMatchObject({
      n: 3,
      population: 'annotations the change added or relabeled'
    })
    expect(d.changed!.metrics.subset_accuracy!.value).toBeCloseTo(1 / 3, 12)
    const gate = (m: string) => d.gates.find((g) => g.metric === m)!
    expect(gate('subset_accuracy').status).toBe('pass')
    expect(gate('hamming_loss').status).toBe('pass')
    expect(gate('changed.example_f1').status).toBe('fail')
    expect(d.annotator_accuracy).toMatch(/subset accuracy/)
    expect(d.head.annotators.b!.accuracy.value).toBeCloseTo(3 / 5, 12)
    // Adjudication: i1 and i5 agree at MASI 1 - d = 0.5 * 2/3 = 1/3 < 0.6.
    expect(d.adjudication!.rows.map((r) => r.item)).toEqual(['i1', 'i5'])
    expect(d.adjudication!.rows[0]!.disagreeing).toEqual(['fear'])
    expect(d.label_shift!.labels).toEqual(
      expect.arrayContaining(['joy', 'fear'])
    )
    expect(code).toBe(1)
    // The fork poster's schema keeps every field of the real report.
    const parsed = parseReport(JSON.parse(readFileSync(json, 'utf8')))
    expect('report' in parsed && parsed.report).toEqual(report)
    const comment = readFileSync(md, 'utf8')
    expect(comment).toContain('subset_accuracy')
    expect(stdout).toContain('tags')
  })

  it('refuses a gate of another type with the config line (exit 2)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-ml-cfg-'))
    try {
      mkdirSync(path.join(dir, 'data'))
      writeFileSync(path.join(dir, 'data/labels.csv'), BASE.join('\n') + '\n')
      writeFileSync(
        path.join(dir, 'labelgate.yml'),
        CONFIG.replace(
          '      hamming_loss: { max: 0.2 }',
          '      fleiss_kappa: { min: 0.2 }'
        )
      )
      const { code, stderr } = await runCli(dir, ['check', '--head', dir])
      expect(code).toBe(2)
      expect(stderr).toMatch(
        /labelgate\.yml:12.*fleiss_kappa is a category metric; this dataset's type is multi_label/
      )
      expect(stderr.trim().split('\n')).toHaveLength(1)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the multi-label example at 100 columns', () => {
  it('wraps the change counts under their column instead of cutting them', async () => {
    const dir = 'examples/multi-label'
    const { code, stdout } = await runCli(path.resolve('.'), [
      'check',
      '--config',
      `${dir}/labelgate.yml`,
      '--base',
      `${dir}/before`,
      '--head',
      `${dir}/after`
    ])
    expect(code).toBe(1)
    const lines = stdout.split('\n')
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100)
    const at = lines.findIndex((l) => l.startsWith('  change '))
    expect(lines[at]).toMatch(/sets? changed ·$/)
    expect(lines[at + 1]).toMatch(
      /^ {15}\d[\d,]* elements? added, \d+ removed$/
    )
  })
})
