import { afterEach, describe, expect, it, jest } from '@jest/globals'
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

// Replays of the gate observations (issue: verdicts a team can make a
// required check) on real git repositories, through the CLI.

interface Gate {
  metric: string
  bound: string
  status: string
  annotator?: string
  message: string
  base_value?: number | null
}
interface DriftRow {
  annotator: string
  p_value: number | null
  z: number | null
  test?: string | null
}

// Several git commits and checks per test: seconds on a busy 2-core box.
jest.setTimeout(30_000)

const repos: string[] = []
afterEach(() => {
  for (const r of repos.splice(0)) rmSync(r, { recursive: true, force: true })
})

/** A repository with one commit per entry of `commits` (files relative to the root). */
function repository(commits: Record<string, string>[]): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-gates-'))
  repos.push(repo)
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'config', 'commit.gpgsign', 'false')
  commits.forEach((files, i) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true })
      writeFileSync(path.join(repo, file), text)
    }
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', `commit ${i}`)
  })
  return repo
}

async function check(repo: string, ...args: string[]) {
  const r = await runCli(repo, ['check', ...args, '--json', 'r.json'])
  const report = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
  return {
    ...r,
    d: report.datasets[0] as { gates: Gate[]; annotator_drift: DriftRow[] }
  }
}

const config = (gates: string[]) =>
  [
    'version: 1',
    'datasets:',
    '  - name: toy',
    '    path: data/labels.csv',
    '    categories: [neg, pos]',
    '    reference: { path: gold/gold.csv }',
    '    gates:',
    ...gates.map((g) => `      ${g}`),
    ''
  ].join('\n')

const csv = (rows: string[][]) =>
  ['item_id,annotator,label', ...rows.map((r) => r.join(','))].join('\n') + '\n'
const goldCsv = (n: number) =>
  [
    'item_id,label',
    ...Array.from({ length: n }, (_, i) => `i${i},${i % 2 ? 'pos' : 'neg'}`)
  ].join('\n') + '\n'
const right = (i: number) => (i % 2 ? 'pos' : 'neg')
const wrong = (i: number) => (i % 2 ? 'neg' : 'pos')

describe('observation 1: base-comparing gates without a base', () => {
  it('a head-only check is not failed by max_drop, changed.*, label_shift or annotator.drift', async () => {
    const rows: string[][] = []
    for (let i = 0; i < 30; i++)
      rows.push([`i${i}`, 'a', right(i)], [`i${i}`, 'b', right(i)])
    const repo = repository([
      {
        'labelgate.yml': config([
          'accuracy: { min: 0.9, max_drop: 0.02 }',
          'changed.error_rate: { max: 0.1 }',
          'label_shift: { max_jsd: 0.1 }',
          'annotator.drift: { max_drop: 0.1 }'
        ]),
        'data/labels.csv': csv(rows),
        'gold/gold.csv': goldCsv(30)
      }
    ])
    const r = await check(repo)
    expect(r.d.gates.map((g) => [g.metric, g.bound, g.status])).toEqual([
      ['accuracy', 'min', 'pass'],
      ['accuracy', 'max_drop', 'not_applicable'],
      ['changed.error_rate', 'max', 'not_applicable'],
      ['label_shift', 'max_jsd', 'not_applicable'],
      ['annotator.drift', 'max_drop', 'not_applicable']
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('NOT APPLICABLE')
  })
})

describe('observation 2: too few items is not a failure', () => {
  it('a PR that fixes 5 wrong labels passes although no annotator has 20 reference items in the change', async () => {
    const rows: string[][] = []
    for (let i = 0; i < 40; i++)
      rows.push(
        [`i${i}`, 'a', i < 5 ? wrong(i) : right(i)],
        [`i${i}`, 'b', right(i)]
      )
    const fixed = rows.map((r) =>
      r[1] === 'a' ? [r[0]!, 'a', right(Number(r[0]!.slice(1)))] : r
    )
    const repo = repository([
      {
        'labelgate.yml': config([
          'annotator.drift: { max_drop: 0.05 }',
          'changed.accuracy: { min: 0.9, min_items: 5 }'
        ]),
        'data/labels.csv': csv(rows),
        'gold/gold.csv': goldCsv(40)
      },
      { 'data/labels.csv': csv(fixed) }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const drift = r.d.gates.filter((g) => g.metric === 'annotator.drift')
    expect(drift.map((g) => g.status)).toEqual(['too_few_items'])
    expect(drift[0]!.message).toBe(
      '1 annotator with fewer than min_items 20 reference items in the change or at the base, not judged: a (5 in the change, 40 at the base)'
    )
    // Exactly min_items (5 changed annotations) is judged.
    expect(r.d.gates.find((g) => g.metric === 'changed.accuracy')!.status).toBe(
      'pass'
    )
    expect(r.code).toBe(0)
  })
})

describe('observation 6: a PR is judged on what it changed', () => {
  // a is right everywhere, b wrong on 12 of 30: the base already breaches
  // annotator.accuracy (b) and agreement.
  const rows: string[][] = []
  for (let i = 0; i < 30; i++)
    rows.push(
      [`i${i}`, 'a', right(i)],
      [`i${i}`, 'b', i < 12 ? wrong(i) : right(i)]
    )
  const gates = [
    'annotator.accuracy: { min: 0.85, severity: warning }',
    'krippendorff_alpha: { min: 0.8 }'
  ]

  it('leaves annotators the PR never touched as pre-existing, not as fresh warnings', async () => {
    const more: string[][] = [...rows]
    for (let i = 30; i < 36; i++) more.push([`i${i}`, 'a', right(i)])
    const repo = repository([
      {
        'labelgate.yml': config(gates),
        'data/labels.csv': csv(rows),
        'gold/gold.csv': goldCsv(36)
      },
      { 'data/labels.csv': csv(more) }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const annotator = r.d.gates.filter((g) => g.metric === 'annotator.accuracy')
    expect(annotator.map((g) => [g.annotator, g.status, g.base_value])).toEqual(
      [
        ['a', 'pass', 1],
        ['b', 'pre_existing', 0.6]
      ]
    )
    expect(annotator[1]!.message).toBe(
      'b: 60.0% < min 85.0%; already breached at the base (60.0%) and not made worse by this change'
    )
    const alpha = r.d.gates.find((g) => g.metric === 'krippendorff_alpha')!
    expect(alpha.status).toBe('pre_existing')
    expect(r.code).toBe(0)
  })

  it('a config-only PR passes over breaches already on main; a head-only run still fails on them', async () => {
    const repo = repository([
      {
        'labelgate.yml': config(gates),
        'data/labels.csv': csv(rows),
        'gold/gold.csv': goldCsv(30)
      },
      { 'labelgate.yml': '# reviewed\n' + config(gates) }
    ])
    const pr = await check(repo, '--base', 'HEAD~1')
    expect(pr.d.gates.map((g) => g.status)).toEqual([
      'pre_existing',
      'pre_existing'
    ])
    expect(pr.code).toBe(0)
    const state = await check(repo)
    expect(state.d.gates.map((g) => g.status)).toEqual(['pass', 'fail', 'fail'])
    expect(state.code).toBe(1)
  })

  it('fails a change that makes a pre-existing breach worse', async () => {
    const worse = rows.map((r) =>
      r[1] === 'b' && r[0] === 'i20' ? ['i20', 'b', wrong(20)] : r
    )
    const repo = repository([
      {
        'labelgate.yml': config(gates),
        'data/labels.csv': csv(rows),
        'gold/gold.csv': goldCsv(30)
      },
      { 'data/labels.csv': csv(worse) }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const b = r.d.gates.find((g) => g.annotator === 'b')!
    expect(b.status).toBe('fail')
    expect(b.message).toContain('made worse')
    expect(
      r.d.gates.find((g) => g.metric === 'krippendorff_alpha')!.status
    ).toBe('fail')
    expect(r.code).toBe(1)
  })
})

describe('observation 7: no z-test on n = 1', () => {
  it('one wrong rating against a perfect record gets the exact p-value, not p < 0.001', async () => {
    const rows: string[][] = []
    for (let i = 0; i < 30; i++) rows.push([`i${i}`, 'a', right(i)])
    const repo = repository([
      {
        'labelgate.yml': config([
          'annotator.drift: { max_drop: 0.1, min_items: 1, significance: 0.01 }'
        ]),
        'data/labels.csv': csv(rows),
        'gold/gold.csv': goldCsv(31)
      },
      { 'data/labels.csv': csv([...rows, ['i30', 'a', wrong(30)]]) }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const row = r.d.annotator_drift.find((x) => x.annotator === 'a')!
    // Fisher's exact test: P = 1 / 31 (the z-test said about 1e-8).
    expect(row.test).toBe('fisher-exact')
    expect(row.z).toBeNull()
    expect(row.p_value).toBeCloseTo(1 / 31, 12)
    const [g] = r.d.gates
    expect(g!.status).toBe('pass')
    expect(g!.message).toContain(
      "one-sided Fisher's exact p = 0.032); not significant at 0.01"
    )
    expect(r.stdout).not.toContain('p < 0.001')
    expect(r.code).toBe(0)
  })
})

describe('a value exactly at the threshold', () => {
  it("passes Fleiss' kappa of exactly 0.6 against min 0.6, although binary arithmetic gives 0.5999999999999996", async () => {
    // 9 items, 2 raters: 1 agreed neg, 7 agreed pos, 1 split. P̄ = 8/9,
    // P̄e = (1/6)² + (5/6)² = 26/36, kappa = (32 − 26) / (36 − 26) = 0.6.
    const rows: string[][] = []
    for (let i = 0; i < 9; i++) {
      const label = i === 0 ? 'neg' : 'pos'
      rows.push([`i${i}`, 'a', label], [`i${i}`, 'b', i === 8 ? 'neg' : label])
    }
    const repo = repository([
      {
        'labelgate.yml': config(['fleiss_kappa: { min: 0.6 }']),
        'data/labels.csv': csv(rows),
        'gold/gold.csv': goldCsv(9)
      }
    ])
    const r = await check(repo)
    const [g] = r.d.gates
    expect(g).toMatchObject({ status: 'pass' })
    expect(g!.message).toMatch(/^0\.600 ≥ min 0\.600; /)
    // The estimate is the threshold: no sample size makes the verdict firm
    // (float noise in the margin asked for some 10³¹ items).
    expect(g!.message).toContain(
      'the estimate equals the threshold, so no number of items makes it firm'
    )
    expect(r.code).toBe(0)
  })
})

describe('several datasets', () => {
  it('one failing gate fails the run; warnings elsewhere neither rescue it nor fail a run alone', async () => {
    const rows: string[][] = []
    for (let i = 0; i < 30; i++)
      rows.push(
        [`i${i}`, 'a', right(i)],
        [`i${i}`, 'b', i < 6 ? wrong(i) : right(i)]
      )
    // Accuracy 54 of 60 annotations: 90%.
    const run = async (second: string) => {
      const repo = repository([
        {
          'labelgate.yml': [
            'version: 1',
            'datasets:',
            '  - name: warned',
            '    path: data/labels.csv',
            '    categories: [neg, pos]',
            '    reference: { path: gold/gold.csv }',
            '    gates:',
            '      accuracy: { min: 0.99, severity: warning }',
            '  - name: second',
            '    path: data/labels.csv',
            '    categories: [neg, pos]',
            '    reference: { path: gold/gold.csv }',
            '    gates:',
            `      ${second}`,
            ''
          ].join('\n'),
          'data/labels.csv': csv(rows),
          'gold/gold.csv': goldCsv(30)
        }
      ])
      const r = await runCli(repo, ['check', '--json', 'r.json'])
      const report = JSON.parse(
        readFileSync(path.join(repo, 'r.json'), 'utf8')
      ) as { passed: boolean; datasets: { passed: boolean; gates: Gate[] }[] }
      return { code: r.code, report }
    }
    const failing = await run('accuracy: { min: 0.9000001 }')
    expect(
      failing.report.datasets.map((d) => [d.passed, d.gates[0]!.status])
    ).toEqual([
      [true, 'fail'],
      [false, 'fail']
    ])
    expect(failing.report.passed).toBe(false)
    expect(failing.code).toBe(1)
    // Exactly at the threshold the second passes; the first's warning alone
    // does not fail the run.
    const passing = await run('accuracy: { min: 0.9 }')
    expect(passing.report.datasets[1]!.gates[0]!.status).toBe('pass')
    expect(passing.report.passed).toBe(true)
    expect(passing.code).toBe(0)
  })
})
