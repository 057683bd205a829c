import { afterAll, describe, expect, it, jest } from '@jest/globals'
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
import { runCli } from '../helpers/run-cli.js'

jest.setTimeout(60_000)

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** A folder with the files and a config of one multi_label dataset; runs `check --head DIR`. */
async function check(
  files: Record<string, string>,
  dataset: string[]
): Promise<{ code: number; stderr: string; report: Report | null }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-mlr-'))
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  writeFileSync(
    path.join(dir, 'labelgate.yml'),
    [
      'version: 1',
      'datasets:',
      '  - name: d',
      '    type: multi_label',
      ...dataset.map((l) => `    ${l}`),
      ''
    ].join('\n')
  )
  const json = path.join(dir, 'report.json')
  const { code, stderr } = await runCli(dir, [
    'check',
    '--head',
    dir,
    '--json',
    json,
    '--quiet'
  ])
  let report: Report | null = null
  try {
    report = JSON.parse(readFileSync(json, 'utf8')) as Report
  } catch {
    report = null
  }
  return { code, stderr, report }
}

/** Each annotation's set as the relabel text form, by item and annotator. */
const SAME = ['i1,a,x|y', 'i1,b,y|x', 'i2,a,', 'i2,b,']

describe('multi_label readers', () => {
  it('CSV: a separator from the config, labels trimmed, an empty cell is the empty set', async () => {
    const { code, report } = await check(
      {
        'd.csv':
          'item_id,annotator,label\ni1,a,x ; y\ni1,b,y;x\ni2,a,\ni2,b,\ni3,a,x\ni3,b,y\n'
      },
      ['path: d.csv', "multi_label: { separator: ';' }"]
    )
    expect(code).toBe(0)
    const head = report!.datasets[0]!.head
    expect(head.counts).toMatchObject({ annotations: 6, elements: 6 })
    expect(head.distribution).toEqual({ x: 3, y: 3 })
    // i1 and i2 agree, i3 does not.
    expect(head.pairwise[0]).toMatchObject({
      n_items: 3,
      percent_agreement: 2 / 3
    })
  })

  it('TSV, JSONL and JSON arrays read the same sets', async () => {
    const csv = ['item_id,annotator,label', ...SAME].join('\n') + '\n'
    const tsv = csv.replaceAll(',', '\t')
    const jsonl =
      SAME.map((r) => {
        const [item, annotator, labels] = r.split(',')
        return JSON.stringify({
          item_id: item,
          annotator,
          label: labels === '' ? [] : labels!.split('|')
        })
      }).join('\n') + '\n'
    const json = '[\n' + jsonl.trim().split('\n').join(',\n') + '\n]\n'
    const results = await Promise.all(
      (
        [
          ['d.csv', csv],
          ['d.tsv', tsv],
          ['d.jsonl', jsonl],
          ['d.json', json]
        ] as const
      ).map(
        async ([name, text]) =>
          (await check({ [name]: text }, [`path: ${name}`])).report!
            .datasets[0]!.head
      )
    )
    for (const head of results) {
      expect(head.counts).toMatchObject({
        items: 2,
        annotations: 4,
        elements: 4
      })
      expect(head.pairwise[0]).toMatchObject({
        percent_agreement: 1,
        similarity: 1
      })
    }
  })

  it('Label Studio: every choice of the choices control is one label; no result is the empty set', async () => {
    const task = (id: number, results: string[][]) => ({
      id,
      data: { text: `t${id}` },
      annotations: results.map((choices, k) => ({
        completed_by: k + 1,
        result:
          choices.length === 0
            ? []
            : [
                {
                  from_name: 'emotion',
                  to_name: 'text',
                  type: 'choices',
                  value: { choices }
                }
              ]
      }))
    })
    const tasks = [
      task(1, [
        ['joy', 'fear'],
        ['fear', 'joy']
      ]),
      task(2, [[], []]),
      task(3, [['joy'], ['fear']])
    ]
    const { code, report } = await check(
      { 'ls.json': JSON.stringify(tasks, null, 1) },
      ['path: ls.json', 'format: label-studio', 'fields: { label: emotion }']
    )
    expect(code).toBe(0)
    const head = report!.datasets[0]!.head
    expect(head.counts).toMatchObject({
      items: 3,
      annotators: 2,
      annotations: 6,
      elements: 6
    })
    expect(head.pairwise[0]).toMatchObject({ percent_agreement: 2 / 3 })
  })

  it('problems name file and line: an unknown label, a label twice, conflicting duplicates (exit 1)', async () => {
    const { code, report } = await check(
      {
        'd.csv':
          'item_id,annotator,label\ni1,a,joy|jooy\ni1,b,joy|joy\ni1,a,fear\n'
      },
      ['path: d.csv', 'categories: [joy, fear]']
    )
    expect(code).toBe(1)
    const problems = report!.datasets[0]!.problems.map(
      (p) => `${p.severity} ${p.file}:${p.line} ${p.message}`
    )
    expect(problems).toEqual([
      "error d.csv:2 label 'jooy' is not a category; did you mean 'joy'?",
      "error d.csv:4 conflicting annotations of item 'i1' by annotator 'a': '{jooy, joy}' at line 2 and '{fear}' at line 4",
      "warning d.csv:3 label 'joy' is given twice in one annotation; the set keeps it once"
    ])
  })

  it('a JSON label that is not a list of labels is a problem at its line; the record is skipped', async () => {
    const { code, report } = await check(
      {
        'd.jsonl':
          '{"item_id":"i1","annotator":"a","label":["x"]}\n{"item_id":"i1","annotator":"b","label":{"x":1}}\n{"item_id":"i1","annotator":"c","label":[["x"]]}\n'
      },
      ['path: d.jsonl']
    )
    expect(code).toBe(1)
    expect(report!.datasets[0]!.head.counts.annotations).toBe(1)
    expect(
      report!.datasets[0]!.problems.map((p) => [p.line, p.message])
    ).toEqual([
      [
        2,
        "label is an object, not an array of labels (key 'label'); the record is skipped"
      ],
      [
        3,
        "a label in the array is an array, not a string or number (key 'label'); the record is skipped"
      ]
    ])
  })

  it.each([
    [
      'invalid JSON',
      {
        'd.jsonl':
          '{"item_id":"i1","annotator":"a","label":["x"]}\n{"item_id": oops}\n'
      },
      'path: d.jsonl',
      /^labelgate: d\.jsonl:2:\d+: invalid JSON/
    ],
    [
      'a missing column',
      { 'd.csv': 'item,annotator,label\ni1,a,x\n' },
      'path: d.csv',
      /^labelgate: d\.csv:1: missing column 'item_id'/
    ],
    [
      'an empty file',
      { 'd.csv': '' },
      'path: d.csv',
      /^labelgate: d\.csv: is empty/
    ],
    [
      'a key no record has',
      { 'd.jsonl': '{"item_id":"i1","annotator":"a","labels":["x"]}\n' },
      'path: d.jsonl',
      /^labelgate: d\.jsonl:1: missing key 'label' .*did you mean 'labels'/
    ]
  ])(
    'bad input (%s): one line naming the file, exit 2',
    async (_, files, config, message) => {
      const { code, stderr } = await check(files, [config])
      expect(code).toBe(2)
      const lines = stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(message)
      expect(stderr.includes('\u001b')).toBe(false)
      expect(stderr).not.toMatch(/at .*\.ts:\d+/)
    }
  )
})
