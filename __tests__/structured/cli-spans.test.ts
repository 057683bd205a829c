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
  '  - name: ner',
  '    type: span',
  '    path: data/ner/*.conll',
  '    categories: [PER, ORG, LOC, MISC]',
  '    span: { overlap: forbid }',
  '    reference: { path: gold/gold.conll }',
  '    adjudication: { scope: all, min_agreement: 0.5 }',
  '    gates:',
  '      pairwise_span_f1_strict: { min: 0.6 }',
  '      span_f1_strict: { min: 0.9 }',
  '      changed.span_f1_strict: { min: 0.5 }',
  '      annotator.accuracy: { min: 0.8, min_items: 1 }',
  ''
].join('\n')

const S1 = [
  'EU B-ORG',
  'rejects O',
  'German B-MISC',
  'call O',
  'to O',
  'boycott O',
  'British B-MISC',
  'lamb O',
  '. O'
]
const S2 = ['Peter B-PER', 'Blackburn I-PER']
const S3 = ['BRUSSELS B-LOC', '1996-08-22 O']
const file = (...sentences: string[][]) =>
  ['-DOCSTART- O', '', ...sentences.map((s) => s.join('\n') + '\n')].join('\n')

describe('labelgate check on a span dataset (CoNLL files in a real git repository)', () => {
  let repo: string
  let baseSha: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-spans-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data/ner'), { recursive: true })
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    // The base: both annotators agree with the gold everywhere.
    for (const who of ['alice', 'bob', '../../gold/gold'])
      writeFileSync(path.join(repo, `data/ner/${who}.conll`), file(S1, S2, S3))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    baseSha = git(repo, 'rev-parse', 'HEAD')
    // The head: bob splits Peter Blackburn in two; both add sentence 4 with
    // different types, and bob's has an I-LOC that continues nothing.
    writeFileSync(
      path.join(repo, 'data/ner/alice.conll'),
      file(S1, S2, S3, ['Germany B-LOC', "'s O", 'representative O'])
    )
    writeFileSync(
      path.join(repo, 'data/ner/bob.conll'),
      file(S1, ['Peter B-PER', 'Blackburn B-PER'], S3, [
        'Germany B-MISC',
        "'s O",
        'representative I-LOC'
      ])
    )
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('reports the span metrics, the diff, the slice, the gates, adjudication and the comment', async () => {
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
    expect(d.type).toBe('span')
    expect(d.head.counts).toMatchObject({
      items: 4,
      annotators: 2,
      annotations: 8,
      reference_items: 3,
      elements: 13
    })
    // alice-bob per sentence: matched 3/1/0/0 strict (1 more in S2 by overlap) of 6+3+2+2 spans.
    expect(d.head.metrics.pairwise_span_f1_strict!.value).toBeCloseTo(
      8 / 13,
      12
    )
    expect(d.head.metrics.pairwise_span_f1_overlap!.value).toBeCloseTo(
      10 / 13,
      12
    )
    expect(d.base!.metrics.pairwise_span_f1_strict!.value).toBe(1)
    // Against the gold (sentences 1-3): matched 5 + 4 of 5 + 6 predicted, 10 true.
    expect(d.head.metrics.span_precision_strict!.value).toBeCloseTo(9 / 11, 12)
    expect(d.head.metrics.span_recall_strict!.value).toBeCloseTo(9 / 10, 12)
    expect(d.head.metrics.span_f1_strict!.value).toBeCloseTo(18 / 21, 12)
    expect(d.head.annotators.alice!.accuracy.value).toBe(1)
    expect(d.head.annotators.bob!.accuracy.value).toBeCloseTo(8 / 11, 12)
    expect(d.diff).toEqual({
      items_added: 1,
      items_removed: 0,
      annotations_added: 2,
      annotations_removed: 0,
      labels_changed: 1,
      elements_added: 4,
      elements_removed: 1
    })
    expect(d.relabeled).toEqual([
      {
        item: '2',
        annotator: 'bob',
        from: "{[0, 15) PER 'Peter Blackburn'}",
        to: "{[0, 5) PER 'Peter'; [6, 15) PER 'Blackburn'}"
      }
    ])
    // The slice: sentences 2 and 4; judged: bob's 2, the two 4s (no gold for 4).
    expect(d.changed!.metrics.pairwise_span_f1_strict!.value).toBe(0)
    expect(d.changed!.metrics.span_f1_strict).toMatchObject({ value: 0, n: 1 })
    const gate = (m: string) => d.gates.filter((g) => g.metric === m)
    expect(gate('pairwise_span_f1_strict')[0]!.status).toBe('pass')
    expect(gate('span_f1_strict')[0]!.status).toBe('fail')
    expect(gate('changed.span_f1_strict')[0]!.status).toBe('fail')
    expect(
      gate('annotator.accuracy').map((g) => [g.annotator, g.status])
    ).toContainEqual(['bob', 'fail'])
    expect(d.annotator_accuracy).toMatch(/strict span F1/)
    // bob's I-LOC is line 21 of the head file (DOCSTART, blank, 9 + 2 + 2 token lines and their blanks before it): a warning at its line.
    expect(d.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 'data/ner/bob.conll',
        line: 21,
        field: 'tag'
      })
    )
    expect(d.adjudication!.rows.map((r) => r.item)).toEqual(['2', '4'])
    expect(d.adjudication!.rows[0]!.disagreeing).toEqual([
      "[0, 5) PER 'Peter'",
      "[0, 15) PER 'Peter Blackburn'",
      "[6, 15) PER 'Blackburn'"
    ])
    expect(d.label_shift!.labels).toEqual(
      expect.arrayContaining(['PER', 'MISC', 'LOC'])
    )
    expect(code).toBe(1)
    const parsed = parseReport(JSON.parse(readFileSync(json, 'utf8')))
    expect('report' in parsed && parsed.report).toEqual(report)
    const comment = readFileSync(md, 'utf8')
    expect(comment).toContain('span_f1_strict')
    expect(comment).toContain('pairwise_span_f1_strict')
    expect(stdout).toContain('ner')
  })

  it('a CoNLL line without a tag stops the run with file, line and field (exit 2)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-spans-bad-'))
    try {
      mkdirSync(path.join(dir, 'data/ner'), { recursive: true })
      writeFileSync(
        path.join(dir, 'labelgate.yml'),
        CONFIG.replace('    reference: { path: gold/gold.conll }\n', '')
      )
      writeFileSync(
        path.join(dir, 'data/ner/alice.conll'),
        'EU B-ORG\nrejects\n'
      )
      const { code, stderr } = await runCli(dir, ['check', '--head', dir])
      expect(code).toBe(2)
      expect(stderr.trim()).toMatch(
        /^labelgate: data\/ner\/alice\.conll:2: field 'tag': a token line needs the token and its tag; found 1 column$/
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
