import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  copyFileSync,
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

// CLI runs on real repositories, on a machine that may be busy: a timeout
// would remove the repository while the CLI still runs in it.
jest.setTimeout(60_000)

const readReport = (dir: string): Report =>
  JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8'))

describe('labelgate check: a Label Studio export with lineage', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-ls-'))
    mkdirSync(path.join(dir, 'export'))
    copyFileSync(
      path.join(
        process.cwd(),
        '__fixtures__/formats/label-studio/sentiment.json'
      ),
      path.join(dir, 'export/project-7.json')
    )
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads format: label-studio, checks lineage over all annotations and passes', async () => {
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: reviews',
        '    path: export/*.json',
        '    format: label-studio',
        '    fields: { item: data.text_id, label: sentiment }',
        '    categories: [Negative, Neutral, Positive]',
        '    lineage:',
        '      required: [labeled_at, tool]',
        '      timestamp: labeled_at',
        '    gates:',
        '      percent_agreement: { min: 0.5 }',
        ''
      ].join('\n')
    )
    const r = await runCli(dir, [
      'check',
      '--json',
      'out/report.json',
      '--markdown',
      'out/body.md'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const d = readReport(dir).datasets[0]!
    expect(d.head.counts).toMatchObject({
      items: 3,
      annotators: 3,
      annotations: 6
    })
    expect(d.head.metrics.percent_agreement!.value).toBeCloseTo(2 / 3, 12)
    // Without a base, scope changed means every annotation.
    expect(d.lineage).toEqual({
      scope: 'all',
      required: ['labeled_at', 'tool'],
      timestamp: 'labeled_at',
      severity: 'error',
      checked: 6,
      missing: { labeled_at: 0, tool: 0 },
      invalid_timestamps: 0,
      future_timestamps: 0,
      incomplete: 0,
      tools: { 'label-studio': 6 },
      annotators: 3,
      first: '2024-03-14T09:41:17.373Z',
      last: '2024-03-14T11:16:02.000Z'
    })
    // The cancelled annotation is a warning, not a failure.
    expect(d.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'export/project-7.json',
        line: 203
      })
    ])
    // The terminal report wraps prose at 100 columns (continuation indented 2 more).
    expect(r.stdout.replace(/\n {4,}(?=\S)/g, ' ')).toContain(
      'Lineage (all annotations): 6 checked · all with complete lineage · tools: label-studio 6 · 3 annotators · 2024-03-14 09:41 UTC → 2024-03-14 11:16 UTC'
    )
    expect(readFileSync(path.join(dir, 'out/body.md'), 'utf8')).toContain(
      '**Lineage (all annotations):** 6 checked'
    )
  })
})

describe('labelgate check --base HEAD~1: lineage of the change', () => {
  let repo: string
  const config = (scope: string) =>
    [
      'version: 1',
      'datasets:',
      '  - name: toy',
      '    path: data/*.csv',
      '    lineage:',
      '      required: [labeled_at, tool]',
      '      timestamp: labeled_at',
      `      scope: ${scope}`,
      ''
    ].join('\n')
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-lineage-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    // The base: one old row already lacks its tool.
    writeFileSync(
      path.join(repo, 'data/a.csv'),
      [
        'item_id,annotator,label,tool,labeled_at',
        'i1,a,pos,ls,2024-05-01T10:00:00Z',
        'i1,b,pos,,2024-05-01T10:05:00Z',
        'i2,a,neg,ls,2024-05-01T10:10:00Z',
        ''
      ].join('\n')
    )
    writeFileSync(path.join(repo, 'labelgate.yml'), config('changed'))
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'base')
    // The change: two new annotations without a tool, one with a date only.
    writeFileSync(
      path.join(repo, 'data/a.csv'),
      [
        'item_id,annotator,label,tool,labeled_at',
        'i1,a,pos,ls,2024-05-01T10:00:00Z',
        'i1,b,pos,,2024-05-01T10:05:00Z',
        'i2,a,neg,ls,2024-05-01T10:10:00Z',
        'i2,b,neg,,2024-05-02T09:00:00Z',
        'i3,a,pos,,2024-05-02T09:01:00Z',
        'i3,b,pos,ls,2024-05-02',
        ''
      ].join('\n')
    )
    git(repo, 'commit', '-q', '-am', 'more labels')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('fails (exit 1) with problems at the added rows only, scope changed', async () => {
    const r = await runCli(repo, [
      'check',
      '--base',
      'HEAD~1',
      '--json',
      'out/report.json'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const d = readReport(repo).datasets[0]!
    expect(d.passed).toBe(false)
    expect(d.problems.map((p) => [p.file, p.line, p.field])).toEqual([
      ['data/a.csv', 5, 'tool'],
      ['data/a.csv', 6, 'tool'],
      ['data/a.csv', 7, 'labeled_at']
    ])
    expect(d.problems[2]!.message).toContain('needs a time and a zone')
    expect(d.lineage).toMatchObject({
      scope: 'changed',
      checked: 3,
      missing: { tool: 2, labeled_at: 0 },
      invalid_timestamps: 1,
      incomplete: 3,
      tools: { ls: 1 },
      annotators: 2
    })
    expect(r.stdout).toContain('3 without complete lineage')
  })

  it('scope: all catches the old row too', async () => {
    writeFileSync(path.join(repo, 'all.yml'), config('all'))
    const r = await runCli(repo, [
      'check',
      '--config',
      'all.yml',
      '--base',
      'HEAD~1',
      '--json',
      'out/report.json'
    ])
    expect(r.code).toBe(1)
    const d = readReport(repo).datasets[0]!
    expect(d.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'tool'],
      [5, 'tool'],
      [6, 'tool'],
      [7, 'labeled_at']
    ])
    expect(d.lineage).toMatchObject({ scope: 'all', checked: 6 })
  })

  it('severity: warning reports without failing; a missing lineage column stops the run (exit 2)', async () => {
    writeFileSync(
      path.join(repo, 'warn.yml'),
      config('all').replace('scope: all', 'scope: all\n      severity: warning')
    )
    const warn = await runCli(repo, ['check', '--config', 'warn.yml'])
    expect(warn.code).toBe(0)
    writeFileSync(
      path.join(repo, 'missing.yml'),
      config('all').replace(
        '[labeled_at, tool]',
        '[labeled_at, tool, guideline]'
      )
    )
    const missing = await runCli(repo, ['check', '--config', 'missing.yml'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(
      "labelgate: data/a.csv:1: missing column 'guideline' (found: item_id, annotator, label, tool, labeled_at); set lineage.required in the config\n"
    )
  })
})
