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
 * Schema migrations apply to the labels of multi_label, span and box
 * datasets as to categories (docs/schema-migrations.md): a base read in the
 * head's words, so a pure rename is no relabeling; the head's old names are
 * errors naming the migration.
 */
const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: tags',
  '    type: multi_label',
  '    path: data/tags.csv',
  '    schema: data/schema.yml',
  '  - name: ner',
  '    type: span',
  '    path: data/ner.jsonl',
  '    format: prodigy',
  '    schema: data/schema.yml',
  '  - name: boxes',
  '    type: box',
  '    path: data/boxes/*.json',
  '    schema: data/schema.yml',
  ''
].join('\n')

const V1 = 'version: 1\ncategories: [PER, ORGANIZATION]\n'
const V2 = [
  'version: 2',
  'categories: [PER, ORG]',
  'migrations:',
  '  - { from: 1, rename: { ORGANIZATION: ORG } }',
  ''
].join('\n')

function files(org: string): Record<string, string> {
  const tags = [
    'item_id,annotator,label',
    `1,alice,PER|${org}`,
    `1,bob,${org}`,
    '2,alice,PER',
    '2,bob,PER',
    ''
  ].join('\n')
  const ner = ['alice', 'bob']
    .map((a) =>
      JSON.stringify({
        text: 'Ann works at Acme',
        _input_hash: 1,
        _annotator_id: a,
        answer: 'accept',
        spans: [
          { start: 0, end: 3, label: 'PER' },
          { start: 13, end: 17, label: org }
        ]
      })
    )
    .join('\n')
  const coco = JSON.stringify({
    images: [{ id: 1, file_name: 'a.jpg', width: 100, height: 100 }],
    annotations: [
      { id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 10, 10] },
      { id: 2, image_id: 1, category_id: 2, bbox: [50, 50, 20, 20] }
    ],
    categories: [
      { id: 1, name: 'PER' },
      { id: 2, name: org }
    ]
  })
  return {
    'data/tags.csv': tags,
    'data/ner.jsonl': ner + '\n',
    'data/boxes/alice.json': coco,
    'data/boxes/bob.json': coco
  }
}

describe('a label rename in the schema applies to label sets, spans and boxes', () => {
  let repo: string
  let baseSha: string
  const write = (content: Record<string, string>) => {
    for (const [f, text] of Object.entries(content))
      writeFileSync(path.join(repo, f), text)
  }
  const check = async (): Promise<Report> => {
    const run = await runCli(repo, [
      'check',
      '--base',
      baseSha,
      '--json',
      'r.json'
    ])
    expect(run.stderr).toBe('')
    return JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8')) as Report
  }
  beforeAll(() => {
    repo = mkdtempSync(
      path.join(os.tmpdir(), 'labelgate-structured-migration-')
    )
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data/boxes'), { recursive: true })
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'data/schema.yml'), V1)
    write(files('ORGANIZATION'))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    baseSha = git(repo, 'rev-parse', 'HEAD')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('migrated files: no relabeling, the rename counted, no problem', async () => {
    writeFileSync(path.join(repo, 'data/schema.yml'), V2)
    write(files('ORG'))
    const report = await check()
    // Base annotations holding the old name: tags 2 (alice and bob on
    // item 1), ner 2, boxes 2.
    for (const [name, affected] of [
      ['tags', 2],
      ['ner', 2],
      ['boxes', 2]
    ] as const) {
      const d = report.datasets.find((x) => x.name === name)!
      expect([name, d.problems]).toEqual([name, []])
      expect(d.diff!.labels_changed).toBe(0)
      expect(d.relabeled).toEqual([])
      expect(d.schema_change).toMatchObject({
        from_version: 1,
        to_version: 2,
        renamed: [{ from: 'ORGANIZATION', to: 'ORG' }],
        affected_annotations: affected
      })
      // The label shift compares like with like: ORG at base and head.
      const shift = d.label_shift!
      expect(shift.labels).not.toContain('ORGANIZATION')
      expect(shift.base[shift.labels.indexOf('ORG')]).toBe(
        shift.head[shift.labels.indexOf('ORG')]
      )
      expect(shift.jensen_shannon.value).toBe(0)
    }
  })

  it('an old name left in a head file is an error naming the migration, at its line', async () => {
    writeFileSync(path.join(repo, 'data/schema.yml'), V2)
    write(files('ORG'))
    writeFileSync(
      path.join(repo, 'data/tags.csv'),
      files('ORG')['data/tags.csv']!.replace('1,bob,ORG', '1,bob,ORGANIZATION')
    )
    const report = await check()
    const tags = report.datasets.find((x) => x.name === 'tags')!
    const errors = tags.problems.filter((p) => p.severity === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ file: 'data/tags.csv', line: 3 })
    expect(errors[0]!.message).toMatch(/old name of 'ORG'/)
    expect(tags.passed).toBe(false)
  })
})

describe('labelgate migrate and the structured types', () => {
  it('rewrites label sets, Prodigy spans and COCO category names to exactly the migrated files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-migrate-sets-'))
    try {
      mkdirSync(path.join(dir, 'data/boxes'), { recursive: true })
      writeFileSync(path.join(dir, 'labelgate.yml'), CONFIG)
      writeFileSync(path.join(dir, 'data/schema.yml'), V2)
      for (const [f, text] of Object.entries(files('ORGANIZATION')))
        writeFileSync(path.join(dir, f), text)
      const run = await runCli(dir, ['migrate'])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      // The files written with the new name from the start are the reference:
      // only the label text differs, byte for byte.
      for (const [f, text] of Object.entries(files('ORG')))
        expect([f, readFileSync(path.join(dir, f), 'utf8')]).toEqual([f, text])
      expect(run.stdout).toBe(
        [
          'data/tags.csv: rewrote 2 labels (ORGANIZATION → ORG 2)',
          'data/ner.jsonl: rewrote 2 labels (ORGANIZATION → ORG 2)',
          'data/boxes/alice.json: rewrote 1 label (ORGANIZATION → ORG 1)',
          'data/boxes/bob.json: rewrote 1 label (ORGANIZATION → ORG 1)',
          ''
        ].join('\n')
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
