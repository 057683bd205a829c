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

// CLI runs on real repositories, on a machine that may be busy.
jest.setTimeout(60_000)

/** 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string): number => {
  const k = text.split('\n').findIndex((l) => l.includes(needle))
  if (k < 0) throw new Error(`no line with ${needle}`)
  return k + 1
}

async function check(
  repo: string,
  base: string
): Promise<{ report: Report; stdout: string; md: string; code: number }> {
  const r = await runCli(repo, [
    'check',
    '--base',
    base,
    '--json',
    'out/report.json',
    '--markdown',
    'out/body.md'
  ])
  expect(r.stderr).toBe('')
  return {
    report: JSON.parse(
      readFileSync(path.join(repo, 'out/report.json'), 'utf8')
    ),
    stdout: r.stdout,
    md: readFileSync(path.join(repo, 'out/body.md'), 'utf8'),
    code: r.code
  }
}

/** One Prodigy NER task as db-out writes it, with lineage keys. */
function task(
  hash: number,
  annotator: string,
  text: string,
  spans: [number, number, string][],
  lineage: Record<string, unknown>
): string {
  const { tool, ...top } = lineage
  return JSON.stringify({
    text,
    _input_hash: hash,
    _annotator_id: annotator,
    answer: 'accept',
    spans: spans.map(([start, end, label]) => ({ start, end, label })),
    ...top,
    // The tool in meta: a task key, else a meta key (as fields.item reads).
    ...(tool !== undefined && { meta: { tool } })
  })
}

const T1 = 'Peter Blackburn visited Brussels'
const T2 = 'EU rejects German call'
const T3 = 'Germany sent a representative'
const AT = { labeled_at: '2026-11-01T10:00:00Z', tool: 'prodigy' }

describe('lineage on a span dataset (Prodigy JSONL in a real git repository)', () => {
  let repo: string
  let base: string
  let head: string
  const config = (scope: string) =>
    [
      'version: 1',
      'datasets:',
      '  - name: ner',
      '    type: span',
      '    path: data/tasks.jsonl',
      '    format: prodigy',
      '    categories: [PER, ORG, LOC, MISC]',
      '    lineage:',
      '      required: [labeled_at, tool]',
      '      timestamp: labeled_at',
      `      scope: ${scope}`,
      ''
    ].join('\n')
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-span-lineage-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(path.join(repo, 'labelgate.yml'), config('changed'))
    const lines = [
      task(
        1,
        'alice',
        T1,
        [
          [0, 15, 'PER'],
          [24, 32, 'LOC']
        ],
        AT
      ),
      // An old annotation without its tool: out of a change's scope.
      task(
        1,
        'bob',
        T1,
        [
          [0, 15, 'PER'],
          [24, 32, 'LOC']
        ],
        {
          labeled_at: AT.labeled_at
        }
      ),
      task(2, 'alice', T2, [[0, 2, 'ORG']], AT),
      task(2, 'bob', T2, [[0, 2, 'ORG']], AT)
    ]
    writeFileSync(path.join(repo, 'data/tasks.jsonl'), lines.join('\n') + '\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    base = git(repo, 'rev-parse', 'HEAD')
    // The head: bob relabels task 2 with a timestamp in the future; both
    // annotate task 3, bob without a tool and with a date-only timestamp.
    lines[3] = task(
      2,
      'bob',
      T2,
      [
        [0, 2, 'ORG'],
        [11, 17, 'MISC']
      ],
      {
        labeled_at: '2999-01-01T00:00:00Z',
        tool: 'prodigy'
      }
    )
    lines.push(task(3, 'alice', T3, [[0, 7, 'LOC']], AT))
    lines.push(
      task(3, 'bob', T3, [[0, 7, 'LOC']], { labeled_at: '2026-11-02' })
    )
    writeFileSync(path.join(repo, 'data/tasks.jsonl'), lines.join('\n') + '\n')
    git(repo, 'commit', '-q', '-am', 'head')
    head = git(repo, 'rev-parse', 'HEAD')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('checks the annotations the change added or relabeled, each problem at its file:line', async () => {
    git(repo, 'checkout', '-q', head)
    const { report, stdout, md, code } = await check(repo, base)
    expect(code).toBe(1)
    const d = report.datasets[0]!
    expect(d.type).toBe('span')
    expect(d.lineage).toEqual({
      scope: 'changed',
      required: ['labeled_at', 'tool'],
      timestamp: 'labeled_at',
      severity: 'error',
      checked: 3,
      missing: { labeled_at: 0, tool: 1 },
      invalid_timestamps: 1,
      future_timestamps: 1,
      incomplete: 2,
      tools: { prodigy: 2 },
      annotators: 2,
      first: '2026-11-01T10:00:00.000Z',
      last: '2026-11-01T10:00:00.000Z'
    })
    const lineage = d.problems.filter((p) =>
      ['labeled_at', 'tool'].includes(p.field ?? '')
    )
    expect(lineage).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'data/tasks.jsonl',
        line: 4,
        field: 'labeled_at',
        message: expect.stringMatching(/is in the future/)
      }),
      expect.objectContaining({
        file: 'data/tasks.jsonl',
        line: 6,
        field: 'tool',
        message: "lineage field 'tool' is missing or empty (lineage.required)"
      }),
      expect.objectContaining({
        file: 'data/tasks.jsonl',
        line: 6,
        field: 'labeled_at',
        message: expect.stringMatching(/is a date only/)
      })
    ])
    expect(stdout.replace(/\n {4,}(?=\S)/g, ' ')).toContain(
      'Lineage (annotations this change added or relabeled): 3 checked'
    )
    expect(md).toContain(
      '**Lineage (annotations this change added or relabeled):** 3 checked'
    )
  })

  it('without a base every annotation is in scope, the old one without its tool too', async () => {
    git(repo, 'checkout', '-q', head)
    const r = await runCli(repo, ['check', '--json', 'out/all.json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(
      readFileSync(path.join(repo, 'out/all.json'), 'utf8')
    ) as Report
    const l = report.datasets[0]!.lineage!
    expect(l).toMatchObject({
      scope: 'all',
      checked: 6,
      missing: { labeled_at: 0, tool: 2 },
      incomplete: 3
    })
    expect(
      report.datasets[0]!.problems.some(
        (p) => p.line === 2 && p.field === 'tool'
      )
    ).toBe(true)
  })
})

describe('lineage on a box dataset (COCO with an annotator key, in a real git repository)', () => {
  let repo: string
  let base: string
  let headText = ''
  const box = (
    id: number,
    image: number,
    rater: string,
    bbox: number[],
    lineage: Record<string, unknown>
  ) => ({
    id,
    image_id: image,
    category_id: 1,
    bbox,
    rater_id: rater,
    ...lineage
  })
  const coco = (images: object[], annotations: object[]) =>
    [
      '{',
      ' "images": [',
      images.map((i) => '  ' + JSON.stringify(i)).join(',\n'),
      ' ],',
      ' "annotations": [',
      annotations.map((a) => '  ' + JSON.stringify(a)).join(',\n'),
      ' ],',
      ' "categories": [{ "id": 1, "name": "cat" }]',
      '}',
      ''
    ].join('\n')
  const image = (id: number, extra: Record<string, unknown> = {}) => ({
    id,
    file_name: `img${id}.jpg`,
    width: 100,
    height: 100,
    ...extra
  })
  const AT_CVAT = { labeled_at: '2026-11-01T10:00:00+01:00', tool: 'cvat' }
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-box-lineage-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: cats',
        '    type: box',
        '    path: data/boxes.json',
        '    format: coco',
        '    box: { annotator: key }',
        '    fields: { annotator: rater_id }',
        '    categories: [cat]',
        '    lineage:',
        '      required: [labeled_at, tool]',
        '      timestamp: labeled_at',
        ''
      ].join('\n')
    )
    const images = [image(1), image(2)]
    const boxes = [
      box(11, 1, 'r1', [10, 10, 20, 20], AT_CVAT),
      box(12, 1, 'r2', [10, 10, 20, 20], AT_CVAT),
      box(21, 2, 'r1', [50, 50, 10, 10], AT_CVAT),
      box(22, 2, 'r2', [50, 50, 10, 10], AT_CVAT)
    ]
    writeFileSync(path.join(repo, 'data/boxes.json'), coco(images, boxes))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    base = git(repo, 'rev-parse', 'HEAD')
    // The head: r2 moves its box on image 2 and drops the box's lineage;
    // image 3 is new, its record carrying the lineage of r2's empty set,
    // r1's box there saying when in words.
    images.push(image(3, AT_CVAT))
    boxes[3] = box(22, 2, 'r2', [52, 50, 10, 10], {})
    boxes.push(box(31, 3, 'r1', [0, 0, 30, 30], { labeled_at: 'yesterday' }))
    headText = coco(images, boxes)
    writeFileSync(path.join(repo, 'data/boxes.json'), headText)
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('reads lineage from each box record, else its image record, and reports at the box line', async () => {
    const { report, code, md } = await check(repo, base)
    expect(code).toBe(1)
    const d = report.datasets[0]!
    expect(d.type).toBe('box')
    // Changed: r2 on image 2 (relabeled), r1 and r2 on image 3 (added).
    expect(d.lineage).toMatchObject({
      scope: 'changed',
      checked: 3,
      missing: { labeled_at: 1, tool: 1 },
      invalid_timestamps: 1,
      future_timestamps: 0,
      incomplete: 2,
      tools: { cvat: 2 },
      annotators: 2,
      first: '2026-11-01T09:00:00.000Z',
      last: '2026-11-01T09:00:00.000Z'
    })
    const lineage = d.problems.filter((p) =>
      ['labeled_at', 'tool'].includes(p.field ?? '')
    )
    expect(lineage).toEqual([
      expect.objectContaining({
        file: 'data/boxes.json',
        line: lineOf(headText, '"id":22'),
        field: 'labeled_at',
        message: expect.stringMatching(/missing or empty/)
      }),
      expect.objectContaining({
        line: lineOf(headText, '"id":22'),
        field: 'tool'
      }),
      expect.objectContaining({
        line: lineOf(headText, '"id":31'),
        field: 'labeled_at',
        message: expect.stringMatching(
          /labeled_at 'yesterday' is not an ISO 8601 date-time/
        )
      })
    ])
    expect(md).toContain(
      '**Lineage (annotations this change added or relabeled):** 3 checked'
    )
  })

  it('reads lineage from box records when the annotator is the file (the fast COCO reader has no records)', async () => {
    // One file per annotator takes the byte scanner unless lineage keys must
    // be read from the records: the same head as above, as r1's own file.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-box-file-'))
    try {
      git(dir, 'init', '-q', '-b', 'main')
      mkdirSync(path.join(dir, 'data'))
      writeFileSync(
        path.join(dir, 'labelgate.yml'),
        readFileSync(path.join(repo, 'labelgate.yml'), 'utf8')
          .replace('data/boxes.json', 'data/*.json')
          .replace('    box: { annotator: key }\n', '')
          .replace('    fields: { annotator: rater_id }\n', '')
      )
      const r1 = [
        box(11, 1, 'r1', [10, 10, 20, 20], AT_CVAT),
        box(31, 3, 'r1', [0, 0, 30, 30], { labeled_at: 'yesterday' })
      ]
      const text = coco([image(1), image(3, AT_CVAT)], r1)
      writeFileSync(path.join(dir, 'data/r1.json'), text)
      git(dir, 'add', '-A')
      git(dir, 'commit', '-q', '-m', 'r1')
      const r = await runCli(dir, ['check', '--json', 'out/report.json'])
      expect(r.stderr).toBe('')
      const report = JSON.parse(
        readFileSync(path.join(dir, 'out/report.json'), 'utf8')
      ) as Report
      const d = report.datasets[0]!
      expect(d.lineage).toMatchObject({
        scope: 'all',
        checked: 2,
        invalid_timestamps: 1,
        // box 31 has no tool of its own: its image record's
        tools: { cvat: 2 }
      })
      expect(
        d.problems.filter((p) => p.field === 'labeled_at' || p.field === 'tool')
      ).toEqual([
        expect.objectContaining({
          file: 'data/r1.json',
          line: lineOf(text, '"id":31'),
          field: 'labeled_at'
        })
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses lineage on a format without record fields: YOLO in the config, CoNLL by extension', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-no-lineage-'))
    try {
      mkdirSync(path.join(dir, 'labels/r1'), { recursive: true })
      writeFileSync(path.join(dir, 'labels/r1/img1.txt'), '0 0.5 0.5 0.2 0.2\n')
      writeFileSync(path.join(dir, 'classes.txt'), 'cat\n')
      writeFileSync(path.join(dir, 'alice.conll'), 'EU B-ORG\nrejects O\n')
      const write = (dataset: string[]) =>
        writeFileSync(
          path.join(dir, 'labelgate.yml'),
          ['version: 1', 'datasets:', ...dataset, ''].join('\n')
        )
      write([
        '  - name: cats',
        '    type: box',
        '    path: labels/*/*.txt',
        '    format: yolo',
        '    box: { classes: classes.txt }',
        '    lineage: { required: [tool] }'
      ])
      let r = await runCli(dir, ['check'])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(
        /^labelgate: labelgate\.yml:8.*lineage.*format yolo carries no lineage fields/
      )
      expect(r.stderr).not.toMatch(/\n\s+at /)
      write([
        '  - name: ner',
        '    type: span',
        '    path: "*.conll"',
        '    lineage: { required: [tool] }'
      ])
      r = await runCli(dir, ['check'])
      expect(r.code).toBe(2)
      expect(r.stderr.trim()).toBe(
        "labelgate: field 'datasets.ner.lineage': format conll (alice.conll) carries no lineage fields; type span reads them from label-studio, prodigy and jsonl files"
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('lineage on a multi_label dataset (CSV and JSONL in a real git repository)', () => {
  let repo: string
  let base: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-set-lineage-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: tags',
        '    type: multi_label',
        '    path: data/*',
        '    categories: [joy, anger, fear]',
        '    reference: { path: gold/gold.csv }',
        '    lineage:',
        '      required: [tool]',
        '      timestamp: labeled_at',
        ''
      ].join('\n')
    )
    writeFileSync(
      path.join(repo, 'gold/gold.csv'),
      'item_id,label\ni1,joy|fear\ni2,anger\n'
    )
    writeFileSync(
      path.join(repo, 'data/a.csv'),
      [
        'item_id,annotator,label,tool,labeled_at',
        'i1,a,joy|fear,ls,2026-11-01T10:00:00Z',
        'i2,a,anger,ls,2026-11-01T10:00:00Z',
        ''
      ].join('\n')
    )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    base = git(repo, 'rev-parse', 'HEAD')
    // The head: a relabels i2 without a tool; b's JSONL file is new, one
    // record with a timestamp without a zone.
    writeFileSync(
      path.join(repo, 'data/a.csv'),
      [
        'item_id,annotator,label,tool,labeled_at',
        'i1,a,joy|fear,ls,2026-11-01T10:00:00Z',
        'i2,a,anger|fear,,2026-11-02T10:00:00Z',
        ''
      ].join('\n')
    )
    writeFileSync(
      path.join(repo, 'data/b.jsonl'),
      [
        {
          item_id: 'i1',
          annotator: 'b',
          label: ['joy'],
          tool: 'ls',
          labeled_at: '2026-11-03T08:00:00Z'
        },
        {
          item_id: 'i2',
          annotator: 'b',
          label: [],
          tool: 'ls',
          labeled_at: '2026-11-03T08:00:00'
        }
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n'
    )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('reads lineage columns and keys, each problem at its file:line', async () => {
    const { report, code } = await check(repo, base)
    expect(code).toBe(1)
    const d = report.datasets[0]!
    expect(d.lineage).toMatchObject({
      scope: 'changed',
      checked: 3,
      missing: { tool: 1 },
      invalid_timestamps: 1,
      incomplete: 2,
      tools: { ls: 2 },
      annotators: 2,
      first: '2026-11-02T10:00:00.000Z',
      last: '2026-11-03T08:00:00.000Z'
    })
    expect(
      d.problems
        .filter((p) => ['labeled_at', 'tool'].includes(p.field ?? ''))
        .map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`)
    ).toEqual([
      "data/a.csv:3 tool: lineage field 'tool' is missing or empty (lineage.required)",
      "data/b.jsonl:2 labeled_at: labeled_at '2026-11-03T08:00:00' has no zone; add Z or ±HH:MM (ISO 8601, e.g. 2024-05-01T12:00:00Z)"
    ])
  })
})
