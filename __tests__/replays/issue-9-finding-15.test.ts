import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import { configFor, folderWith } from '../hardening/helpers.js'

// Issue 9, finding 15's leftovers, on real files through the CLI: blank ids,
// duplicate JSON keys, and dataset paths that leave the repository.

const made: string[] = []
afterEach(() => {
  for (const f of made.splice(0)) rmSync(f, { recursive: true, force: true })
})

async function run(files: Record<string, string>) {
  const repo = folderWith(files)
  made.push(repo)
  const r = await runCli(repo, ['check', '--json', 'r.json', '--quiet'])
  const report =
    r.code === 2
      ? undefined
      : JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
  return { ...r, problems: report?.datasets[0].problems ?? [] }
}

describe('white-space-only ids are data problems at file:line, naming the field', () => {
  it('a quoted blank annotator and a no-break-space item id (CSV)', async () => {
    const r = await run({
      'labelgate.yml': configFor('data.csv', ['    categories: [x, y]']),
      'data.csv':
        'item_id,annotator,label\n1,a,x\n1," ",x\n\u00a0,b,y\n2,a,y\n2,b,y\n'
    })
    expect(
      r.problems.map((p: { line: number; field: string }) => [p.line, p.field])
    ).toEqual([
      [3, 'annotator'],
      [4, 'item_id']
    ])
    expect(r.problems[1].message).toBe(
      "item is only white space (column 'item_id'); the row is skipped"
    )
    expect(r.code).toBe(1)
  })

  it('an id of only U+FEFF, in CSV and in JSON Lines (the file BOM aside)', async () => {
    const csv = await run({
      'labelgate.yml': configFor('data.csv', ['    categories: [x, y]']),
      'data.csv':
        '\ufeffitem_id,annotator,label\n1,a,x\n\ufeff,b,x\n2,a,y\n2,b,y\n'
    })
    expect(
      csv.problems.map((p: { line: number; field: string }) => [
        p.line,
        p.field
      ])
    ).toEqual([[3, 'item_id']])
    const jsonl = await run({
      'labelgate.yml': configFor('data.jsonl', ['    categories: [x, y]']),
      'data.jsonl': [
        '\ufeff{"item_id": "1", "annotator": "a", "label": "x"}',
        '{"item_id": "1", "annotator": "\ufeff", "label": "x"}',
        ''
      ].join('\n')
    })
    expect(
      jsonl.problems.map((p: { line: number; field: string }) => [
        p.line,
        p.field
      ])
    ).toEqual([[2, 'annotator']])
  })

  it('an id of a tab, and an id with spaces around text, in JSON Lines', async () => {
    const r = await run({
      'labelgate.yml': configFor('data.jsonl', ['    categories: [x, y]']),
      'data.jsonl': [
        '{"item_id": "1", "annotator": "a", "label": "x"}',
        '{"item_id": "1", "annotator": "\\t", "label": "x"}',
        // Padded ids are kept as they are: only blank ones are refused.
        '{"item_id": " 2 ", "annotator": "a", "label": "y"}',
        ''
      ].join('\n')
    })
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({
      file: 'data.jsonl',
      line: 2,
      field: 'annotator',
      message:
        "annotator is only white space (key 'annotator'); the record is skipped"
    })
  })
})

describe('a key twice in one JSON record is an error naming file, line and key', () => {
  it('JSON Lines: the second item_id', async () => {
    const r = await run({
      'labelgate.yml': configFor('data.jsonl', ['    categories: [x, y]']),
      'data.jsonl':
        '{"item_id": "1", "annotator": "a", "label": "x"}\n\n{"item_id": "1", "annotator": "b", "label": "x", "item_id": "2"}\n'
    })
    expect(r.stderr).toBe(
      "labelgate: data.jsonl:3:50: key 'item_id' appears twice in one object; which value is meant is unclear\n"
    )
    expect(r.code).toBe(2)
  })

  it('the same key in different records, and a key that only looks alike, are fine', async () => {
    const r = await run({
      'labelgate.yml': configFor('data.json', ['    categories: [x, y]']),
      'data.json':
        '[{"item_id": "1", "annotator": "a", "label": "x", "Label": "y"},\n {"item_id": "1", "annotator": "b", "label": "x", "meta": {"label": 1}}]\n'
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })
})

describe('dataset paths that leave the repository name the config file, line and column', () => {
  it.each([
    [
      '    exclude: [data.csv, ../secrets/*]',
      "labelgate.yml:6:25: field 'datasets[0].exclude[1]': '../secrets/*' leaves the repository"
    ],
    [
      '    schema: /etc/schema.yml',
      "labelgate.yml:6:13: field 'datasets[0].schema': '/etc/schema.yml' is absolute"
    ]
  ])('%s', async (line, expected) => {
    const r = await run({
      'labelgate.yml': configFor('data.csv', [line]),
      'data.csv': 'item_id,annotator,label\n1,a,x\n'
    })
    expect(r.stderr).toContain(`labelgate: ${expected}`)
    expect(r.code).toBe(2)
  })
})
