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
import { git, runCli } from '../helpers/run-cli.js'

// CLI runs on real repositories, on a machine that may be busy.
jest.setTimeout(60_000)

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: toy',
  '    path: data/*.csv',
  '    categories: [negative, positive]',
  '    gates:',
  '      percent_agreement: { min: 0 }',
  ''
].join('\n')

// At the base, alice rates i5 twice, differently: a conflicting duplicate
// (an error) that every later change inherits.
const BASE_ROWS = [
  'item_id,annotator,label',
  'i1,alice,positive',
  'i1,bob,positive',
  'i2,alice,negative',
  'i2,bob,negative',
  'i3,alice,positive',
  'i3,bob,negative',
  'i5,alice,negative',
  'i5,bob,negative',
  'i5,alice,positive'
]

interface JsonProblem {
  severity: string
  file: string
  line: number
  message: string
  pre_existing?: true
}

describe('data errors already at the base (a real git repository)', () => {
  let repo: string
  const write = (rows: string[]) =>
    writeFileSync(path.join(repo, 'data/labels.csv'), rows.join('\n') + '\n')
  const branch = (name: string, rows: string[]) => {
    git(repo, 'checkout', '-q', '-b', name, 'main')
    write(rows)
    git(repo, 'commit', '-q', '-am', name)
  }
  const check = async (args: string[]) => {
    const r = await runCli(repo, [
      'check',
      ...args,
      '--json',
      'r.json',
      '--junit',
      'r.xml'
    ])
    const report = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
    const junit = readFileSync(path.join(repo, 'r.xml'), 'utf8')
    return {
      ...r,
      report,
      junit,
      problems: report.datasets[0].problems as JsonProblem[]
    }
  }

  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-pre-existing-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    write(BASE_ROWS)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    // Changes only another row.
    branch(
      'pr',
      BASE_ROWS.map((r) => (r === 'i3,bob,negative' ? 'i3,bob,positive' : r))
    )
    // Inserts rows above the duplicate: its line numbers move.
    branch('shift', [
      BASE_ROWS[0]!,
      'i0,alice,negative',
      'i0,bob,negative',
      ...BASE_ROWS.slice(1)
    ])
    // Adds a second conflicting row for the same item and annotator.
    branch('twice', [...BASE_ROWS, 'i5,alice,positive'])
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('passes a change that did not cause the error, and still reports it as already at the base', async () => {
    git(repo, 'checkout', '-q', 'pr')
    const r = await check(['--base', 'main', '--head', 'HEAD'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.report.passed).toBe(true)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({
      severity: 'error',
      file: 'data/labels.csv',
      line: 10,
      pre_existing: true
    })
    expect(r.problems[0]!.message).toContain("conflicting labels for item 'i5'")
    expect(r.stdout).toContain('error (at base)')
    expect(r.stdout).toContain('1 already at the base')
    expect(r.stdout).toMatch(/PASSED/)
    // JUnit: a passing case that says what it is, not a failure.
    expect(r.junit).toContain('failures="0"')
    expect(r.junit).toContain('error (already at the base): data/labels.csv:10')
  })

  it('still matches when rows inserted above move the duplicate', async () => {
    git(repo, 'checkout', '-q', 'shift')
    const r = await check(['--base', 'main', '--head', 'HEAD'])
    expect(r.code).toBe(0)
    expect(r.problems).toEqual([
      expect.objectContaining({ line: 12, pre_existing: true })
    ])
  })

  it('fails a change that adds a second error of the same kind (one at the base, two at the head)', async () => {
    git(repo, 'checkout', '-q', 'twice')
    const r = await check(['--base', 'main', '--head', 'HEAD'])
    expect(r.code).toBe(1)
    expect(r.report.passed).toBe(false)
    const errors = r.problems.filter((p) => p.severity === 'error')
    expect(errors).toHaveLength(2)
    expect(errors.filter((p) => p.pre_existing === true)).toHaveLength(1)
    expect(r.junit).toContain('failures="1"')
  })

  it('judges the state without a base: the error fails, unmarked', async () => {
    git(repo, 'checkout', '-q', 'pr')
    const r = await check([])
    expect(r.code).toBe(1)
    expect(r.report.passed).toBe(false)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]!.pre_existing).toBeUndefined()
  })
})

describe('data errors already at the base of a multi_label dataset', () => {
  let repo: string
  const ROWS = [
    'item_id,annotator,label',
    'i1,a,joy|fear',
    'i1,b,joy',
    'i2,a,anger',
    'i2,b,anger',
    'i3,a,fear',
    'i3,b,fear',
    'i3,a,joy'
  ]
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-pre-existing-ml-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: tags',
        '    type: multi_label',
        '    path: data/*.csv',
        '    categories: [joy, anger, fear]',
        '    gates:',
        '      masi_alpha: { min: -1 }',
        ''
      ].join('\n')
    )
    const write = (rows: string[]) =>
      writeFileSync(path.join(repo, 'data/labels.csv'), rows.join('\n') + '\n')
    write(ROWS)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    git(repo, 'checkout', '-q', '-b', 'pr')
    // A row inserted above the duplicate, and another row changed.
    write([
      ROWS[0]!,
      'i0,a,anger',
      ...ROWS.slice(1).map((r) => (r === 'i1,b,joy' ? 'i1,b,joy|fear' : r))
    ])
    git(repo, 'commit', '-q', '-am', 'pr')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  const problemsOf = async (args: string[]) => {
    const r = await runCli(repo, ['check', ...args, '--json', 'r.json'])
    const report = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
    return {
      code: r.code,
      problems: report.datasets[0].problems as JsonProblem[]
    }
  }

  it('passes the change and marks the error; the state still fails', async () => {
    const change = await problemsOf(['--base', 'main', '--head', 'HEAD'])
    expect(change.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 9,
        pre_existing: true
      })
    ])
    expect(change.code).toBe(0)
    const state = await problemsOf([])
    expect(state.code).toBe(1)
    expect(state.problems[0]!.pre_existing).toBeUndefined()
  })
})
