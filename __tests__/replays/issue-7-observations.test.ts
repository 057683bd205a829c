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

/*
 * The twelve observations of the issue "verdicts a team can make a required
 * check", each replayed on a real git repository through the CLI, asserting
 * the behaviour the issue asks for. Where a shared dataset helps, a slice of
 * it from __fixtures__/data is committed into the repository: bluebirds
 * (108 images, 39 annotators, binary, gold for every item) and snow_rte.
 */

// Several commits and checks per test: seconds on a busy 2-core box.
jest.setTimeout(60_000)

const DATA = path.join(import.meta.dirname, '../../__fixtures__/data')

interface Metric {
  value: number | null
  n?: number
  n_items?: number
  population?: string
  se?: number | null
  ci?: { low: number; high: number; level: number; method: string } | null
  reason?: string
}
interface Gate {
  metric: string
  bound: string
  status: string
  annotator?: string
  message: string
  base_value?: number | null
}
interface Dataset {
  gates: Gate[]
  head: { metrics: Record<string, Metric> }
  changed?: {
    counts: { items: number; annotations: number }
    metrics: Record<string, Metric>
    annotators: Record<string, { annotations: number; accuracy: Metric }>
  }
  annotator_drift: {
    annotator: string
    p_value: number | null
    z: number | null
    test?: string | null
  }[]
  label_shift?: {
    labels: string[]
    changed: number[]
    unchanged: number[]
    chi_square: { p_value: number | null; df: number }
  }
  problems: { file: string; line: number; message: string }[]
}

const repos: string[] = []
afterEach(() => {
  for (const r of repos.splice(0)) rmSync(r, { recursive: true, force: true })
})

/** A repository with one commit per entry (files relative to the root). */
function repository(commits: Record<string, string>[]): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-replay-'))
  repos.push(repo)
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'config', 'commit.gpgsign', 'false')
  commits.forEach((files, i) => commit(repo, files, `commit ${i}`))
  return repo
}

function commit(repo: string, files: Record<string, string>, message: string) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true })
    writeFileSync(path.join(repo, file), text)
  }
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', message)
}

/** Runs `labelgate check` (JSON report outside the repository's tracked files). */
async function check(repo: string, ...args: string[]) {
  const out = path.join(repo, '.git', 'replay-report.json')
  const r = await runCli(repo, ['check', ...args, '--json', out])
  const report = JSON.parse(readFileSync(out, 'utf8'))
  return { ...r, d: report.datasets[0] as Dataset }
}

const gate = (d: Dataset, metric: string, annotator?: string) =>
  d.gates.find(
    (g) =>
      g.metric === metric &&
      (annotator === undefined || g.annotator === annotator)
  )!

/** bluebirds' rows (without the header): item_id,annotator,label. */
const BLUEBIRDS = readFileSync(
  path.join(DATA, 'bluebirds/annotations.csv'),
  'utf8'
)
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',') as [string, string, string])
const BLUEBIRDS_GOLD = readFileSync(
  path.join(DATA, 'bluebirds/gold.csv'),
  'utf8'
)
const GOLD = new Map(
  BLUEBIRDS_GOLD.trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',') as [string, string])
)
const csv = (rows: readonly (readonly string[])[]) =>
  ['item_id,annotator,label', ...rows.map((r) => r.join(','))].join('\n') + '\n'
const flip = (label: string) => (label === 'true' ? 'false' : 'true')

/** A bluebirds dataset config with the given gate lines. */
const bluebirdsConfig = (gates: string[]) =>
  [
    'version: 1',
    'datasets:',
    '  - name: bluebirds',
    '    path: data/annotations.csv',
    '    categories: ["false", "true"]',
    '    reference: { path: data/gold.csv }',
    ...(gates.length > 0
      ? ['    gates:', ...gates.map((g) => `      ${g}`)]
      : []),
    ''
  ].join('\n')

/** Rows of one annotator whose first `k` labels are flipped (in file order). */
function withFlipped(
  rows: readonly [string, string, string][],
  annotator: string,
  k: number
): [string, string, string][] {
  let left = k
  return rows.map(([item, a, label]) =>
    a === annotator && left-- > 0 ? [item, a, flip(label)] : [item, a, label]
  )
}

describe('observation 1: base-comparing gates on a run without a base', () => {
  it('a head-only check of bluebirds exits 0 with those gates not applicable', async () => {
    const repo = repository([
      {
        'labelgate.yml': bluebirdsConfig([
          'accuracy: { min: 0.5, max_drop: 0.02 }',
          'changed.majority_vote_accuracy: { min: 0.7 }',
          'label_shift: { max_jsd: 0.05 }',
          'annotator.drift: { max_drop: 0.1 }'
        ]),
        'data/annotations.csv': csv(BLUEBIRDS),
        'data/gold.csv': BLUEBIRDS_GOLD
      }
    ])
    const r = await check(repo)
    expect(r.d.gates.map((g) => [g.metric, g.bound, g.status])).toEqual([
      ['accuracy', 'min', 'pass'],
      ['accuracy', 'max_drop', 'not_applicable'],
      ['changed.majority_vote_accuracy', 'min', 'not_applicable'],
      ['label_shift', 'max_jsd', 'not_applicable'],
      ['annotator.drift', 'max_drop', 'not_applicable']
    ])
    expect(r.code).toBe(0)
  })
})

describe('observation 2: min_items not met is not a failure', () => {
  it('a PR that fixes 5 wrong labels of one bluebirds annotator is too_few_items and passes', async () => {
    // Annotator 39's first 5 labels, made wrong at the base, fixed by the PR.
    const broken = withFlipped(BLUEBIRDS, '39', 5)
    const repo = repository([
      {
        'labelgate.yml': bluebirdsConfig([
          'annotator.drift: { max_drop: 0.05 }'
        ]),
        'data/annotations.csv': csv(broken),
        'data/gold.csv': BLUEBIRDS_GOLD
      },
      { 'data/annotations.csv': csv(BLUEBIRDS) }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const drift = gate(r.d, 'annotator.drift')
    expect(drift.status).toBe('too_few_items')
    // The message states n: 5 in the change against the default min_items 20.
    expect(drift.message).toContain('min_items 20')
    expect(drift.message).toContain('39 (5 in the change')
    expect(r.code).toBe(0)
  })
})

describe("observation 3: the README's first config", () => {
  it('a glob over a folder that also holds the gold file exits 0', async () => {
    // The README's config, verbatim in its dataset part.
    const config = [
      'version: 1',
      'datasets:',
      '  - name: sentiment',
      '    path: data/sentiment/*.csv',
      '    fields: { item: item_id, annotator: annotator, label: label }',
      '    level: nominal',
      '    categories: [negative, neutral, positive]',
      '    reference:',
      '      path: data/sentiment/gold.csv',
      '      fields: { item: item_id, label: label }',
      '    gates:',
      '      krippendorff_alpha: { min: 0.8 }',
      '      error_rate: { max: 0.05 }',
      '      annotator.accuracy: { min: 0.85, min_items: 20 }',
      '      fleiss_kappa: { min: 0.6, min_items: 50, on_undefined: warn }',
      ''
    ].join('\n')
    const labels = ['negative', 'neutral', 'positive']
    const rows: string[][] = []
    const gold: string[] = ['item_id,label']
    for (let i = 0; i < 60; i++) {
      gold.push(`t${i},${labels[i % 3]}`)
      for (const a of ['ann1', 'ann2', 'ann3'])
        rows.push([`t${i}`, a, labels[i % 3]!])
    }
    const repo = repository([
      {
        'labelgate.yml': config,
        'data/sentiment/batch-1.csv': csv(rows.slice(0, 90)),
        'data/sentiment/batch-2.csv': csv(rows.slice(90)),
        'data/sentiment/gold.csv': gold.join('\n') + '\n'
      }
    ])
    const r = await check(repo)
    expect(r.stderr).toBe('')
    expect(r.d.problems).toEqual([])
    expect(r.d.gates.map((g) => g.status)).not.toContain('fail')
    expect(r.code).toBe(0)
  })
})

describe('observation 4: a schema rename PR must migrate every head file', () => {
  const config = [
    'version: 1',
    'datasets:',
    '  - name: toy',
    '    path: data/labels.csv',
    '    schema: data/schema.yml',
    '    reference: { path: data/gold.csv }',
    ''
  ].join('\n')
  const labels = (names: [string, string]) => {
    const rows: string[][] = []
    for (let i = 0; i < 10; i++)
      for (const a of ['a', 'b']) rows.push([`i${i}`, a, names[i % 2]!])
    return csv(rows)
  }
  const gold = (names: [string, string]) =>
    [
      'item_id,label',
      ...Array.from({ length: 10 }, (_, i) => `i${i},${names[i % 2]}`)
    ].join('\n') + '\n'

  it('fails on the PR naming file, line and migration; labelgate migrate fixes it', async () => {
    const repo = repository([
      {
        'labelgate.yml': config,
        'data/schema.yml': 'version: 1\ncategories: [neg, pos]\n',
        'data/labels.csv': labels(['neg', 'pos']),
        'data/gold.csv': gold(['neg', 'pos'])
      },
      {
        // The PR renames the categories and migrates the annotations only.
        'data/schema.yml':
          'version: 2\ncategories: [negative, positive]\nmigrations:\n  - { from: 1, rename: { neg: negative, pos: positive } }\n',
        'data/labels.csv': labels(['negative', 'positive'])
      }
    ])
    const pr = await check(repo, '--base', 'HEAD~1')
    expect(pr.code).toBe(1)
    const stale = pr.d.problems.filter((p) => p.file === 'data/gold.csv')
    expect(stale.length).toBeGreaterThan(0)
    expect(stale[0]!.line).toBe(2)
    expect(stale[0]!.message).toContain(
      "label 'neg' is the old name of 'negative'"
    )
    expect(stale[0]!.message).toContain(
      'migration from version 1 in data/schema.yml'
    )

    // The fix is one command, run from a subdirectory; commit, check again.
    mkdirSync(path.join(repo, 'docs'), { recursive: true })
    const m = await runCli(path.join(repo, 'docs'), ['migrate'])
    expect(m.stderr).toBe('')
    expect(m.stdout).toContain('data/gold.csv: rewrote 10 labels')
    expect(m.code).toBe(0)
    expect(readFileSync(path.join(repo, 'data/gold.csv'), 'utf8')).toBe(
      gold(['negative', 'positive'])
    )
    git(repo, 'commit', '-q', '-am', 'labelgate migrate')
    const fixed = await check(repo, '--base', 'HEAD~2')
    expect(fixed.d.problems).toEqual([])
    expect(fixed.code).toBe(0)
    // After the merge, head-only runs stay clean too.
    const state = await check(repo)
    expect(state.code).toBe(0)
  })
})

describe('observation 5: one documented change slice', () => {
  it('changed.majority_vote_accuracy votes with all head votes of the touched items', async () => {
    // The PR relabels 12 of annotator 39's labels; the 12 items are touched.
    const head = withFlipped(BLUEBIRDS, '39', 12)
    const repo = repository([
      {
        'labelgate.yml': bluebirdsConfig([]),
        'data/annotations.csv': csv(BLUEBIRDS),
        'data/gold.csv': BLUEBIRDS_GOLD
      },
      { 'data/annotations.csv': csv(head) }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const touched = new Set<string>()
    head.forEach((row, i) => {
      if (row[2] !== BLUEBIRDS[i]![2]) touched.add(row[0])
    })
    expect(touched.size).toBe(12)
    // The expected vote, computed here: all 39 head votes of each touched
    // item (39 is odd and the labels binary, so there is no tie).
    let right = 0
    for (const item of touched) {
      const votes = head.filter((row) => row[0] === item)
      expect(votes).toHaveLength(39)
      const yes = votes.filter((row) => row[2] === 'true').length
      if ((yes > 39 - yes ? 'true' : 'false') === GOLD.get(item)) right++
    }
    const changed = r.d.changed!
    expect(changed.counts).toEqual(
      expect.objectContaining({ items: 12, annotations: 12 * 39 })
    )
    expect(changed.metrics.majority_vote_accuracy!.value).toBeCloseTo(
      right / 12,
      12
    )
    // Every slice metric states its population and its n.
    const metrics = Object.entries(changed.metrics)
    expect(metrics.length).toBeGreaterThan(3)
    for (const [, m] of metrics) {
      expect(typeof m.population).toBe('string')
      expect(typeof m.n).toBe('number')
    }
    expect(changed.metrics.accuracy).toMatchObject({
      n: 12,
      population: 'annotations the change added or relabeled'
    })
    expect(changed.metrics.krippendorff_alpha).toMatchObject({
      n: 12 * 39,
      population: 'all head ratings of the touched items'
    })
  })
})

describe('observation 6: a PR is judged on what it changed', () => {
  // On bluebirds many annotators are below 90% accuracy, and agreement is
  // far below 0.9: both gates are breached on main already.
  const gates = [
    'annotator.accuracy: { min: 0.9, severity: warning }',
    'krippendorff_alpha: { min: 0.9 }'
  ]

  it('a config-only PR passes over breaches already on main; a head-only run fails on them', async () => {
    const repo = repository([
      {
        'labelgate.yml': bluebirdsConfig(gates),
        'data/annotations.csv': csv(BLUEBIRDS),
        'data/gold.csv': BLUEBIRDS_GOLD
      },
      { 'labelgate.yml': '# reviewed\n' + bluebirdsConfig(gates) }
    ])
    const pr = await check(repo, '--base', 'HEAD~1')
    const alpha = gate(pr.d, 'krippendorff_alpha')
    expect(alpha.status).toBe('pre_existing')
    expect(alpha.base_value).toBe(pr.d.head.metrics.krippendorff_alpha!.value)
    const perAnnotator = pr.d.gates.filter(
      (g) => g.metric === 'annotator.accuracy'
    )
    expect(perAnnotator.length).toBeGreaterThan(0)
    expect(perAnnotator.map((g) => g.status)).not.toContain('fail')
    expect(perAnnotator.some((g) => g.status === 'pre_existing')).toBe(true)
    expect(pr.code).toBe(0)
    const state = await check(repo)
    expect(gate(state.d, 'krippendorff_alpha').status).toBe('fail')
    expect(state.code).toBe(1)
  })

  it('judges only the annotator the PR touched; the rest are pre-existing', async () => {
    const repo = repository([
      {
        'labelgate.yml': bluebirdsConfig([gates[0]!]),
        'data/annotations.csv': csv(BLUEBIRDS),
        'data/gold.csv': BLUEBIRDS_GOLD
      },
      { 'data/annotations.csv': csv(withFlipped(BLUEBIRDS, '39', 3)) }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const rows = r.d.gates.filter((g) => g.metric === 'annotator.accuracy')
    // Untouched annotators are never failed or warned afresh: a breach of
    // theirs is pre-existing and says so.
    const untouched = rows.filter((g) => g.annotator !== '39')
    expect(untouched).toHaveLength(38)
    expect(
      untouched.filter((g) => !['pass', 'pre_existing'].includes(g.status))
    ).toEqual([])
    const preExisting = untouched.filter((g) => g.status === 'pre_existing')
    expect(
      preExisting.filter(
        (g) => !g.message.includes('already breached at the base')
      )
    ).toEqual([])
    expect(
      rows.filter((g) => g.status === 'pre_existing').length
    ).toBeGreaterThan(1)
    expect(r.code).toBe(0)
  })
})

describe('observation 7: no z-test on n = 1', () => {
  it('one wrong rating against a perfect record uses the exact test, never p < 0.001', async () => {
    const rows: string[][] = []
    const gold = ['item_id,label']
    for (let i = 0; i < 31; i++) gold.push(`i${i},${i % 2 ? 'pos' : 'neg'}`)
    for (let i = 0; i < 30; i++)
      rows.push([`i${i}`, 'a', i % 2 ? 'pos' : 'neg'])
    const config = [
      'version: 1',
      'datasets:',
      '  - name: toy',
      '    path: data/labels.csv',
      '    categories: [neg, pos]',
      '    reference: { path: data/gold.csv }',
      '    gates:',
      '      annotator.drift: { max_drop: 0.1, min_items: 1, significance: 0.05 }',
      ''
    ].join('\n')
    const repo = repository([
      {
        'labelgate.yml': config,
        'data/labels.csv': csv(rows),
        'data/gold.csv': gold.join('\n') + '\n'
      },
      { 'data/labels.csv': csv([...rows, ['i30', 'a', 'pos']]) }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const row = r.d.annotator_drift.find((x) => x.annotator === 'a')!
    expect(row.test).toBe('fisher-exact')
    expect(row.z).toBeNull()
    // Fisher's exact one-sided P: the one wrong rating among 31 falls in the
    // change's single rating with probability 1/31.
    expect(row.p_value).toBeCloseTo(1 / 31, 12)
    expect(r.stdout).not.toContain('p < 0.001')
    // 1/31 = 0.032 < 0.05: the drop is significant and fails.
    expect(gate(r.d, 'annotator.drift').status).toBe('fail')
    expect(r.code).toBe(1)
  })
})

describe('observation 8: uncertainty on every agreement coefficient', () => {
  it('bluebirds: se and ci with method and level on each coefficient', async () => {
    const repo = repository([
      {
        'labelgate.yml': bluebirdsConfig([]),
        'data/annotations.csv': csv(BLUEBIRDS),
        'data/gold.csv': BLUEBIRDS_GOLD
      }
    ])
    const r = await check(repo)
    const m = r.d.head.metrics
    const coefficients = [
      'percent_agreement',
      'fleiss_kappa',
      'krippendorff_alpha',
      'gwet_ac1'
    ]
    for (const name of coefficients) {
      const metric = m[name]!
      expect(metric.value).not.toBeNull()
      expect(metric.se).toBeGreaterThan(0)
      expect(metric.ci).toMatchObject({ level: 0.95, method: 'gwet' })
      expect(metric.ci!.low).toBeLessThanOrEqual(metric.value!)
      expect(metric.ci!.high).toBeGreaterThanOrEqual(metric.value!)
    }
    // Accuracy's interval accounts for the 39 ratings of each item.
    expect(m.accuracy!.ci).toMatchObject({
      level: 0.95,
      method: 'wilson-cluster'
    })
    // Every other coefficient reported with a value has them too.
    for (const [name, metric] of Object.entries(m)) {
      if (metric.value === null || metric.ci === undefined) continue
      expect([name, typeof metric.ci!.method]).toEqual([name, 'string'])
    }
  })
})

describe('observation 9: reference-only labels do not move inter-annotator coefficients', () => {
  // The small case, found by search: two annotators on ordinal
  // labels 1, 2 and 4; the gold file also holds 3, which no annotator used.
  // With positions 1, 2, 4 -> 0, 1, 2 quadratic kappa is 9/13 = 0.6923; had
  // 3 joined the scale (4 -> 3) it would be 2/3 = 0.6667.
  const pairs = [
    ['1', '1'],
    ['1', '2'],
    ['2', '4'],
    ['4', '4']
  ]
  const rows = pairs.flatMap(([a, b], i) => [
    [`i${i}`, 'a', a!],
    [`i${i}`, 'b', b!]
  ])
  const config = (reference: boolean, categories = '["1", "2", "4"]') =>
    [
      'version: 1',
      'datasets:',
      '  - name: scores',
      '    path: data/labels.csv',
      '    level: ordinal',
      `    categories: ${categories}`,
      ...(reference ? ['    reference: { path: gold/gold.csv }'] : []),
      ''
    ].join('\n')

  it('adding a gold file with a label no annotator used keeps quadratic kappa 0.6923', async () => {
    const repo = repository([
      { 'labelgate.yml': config(false), 'data/labels.csv': csv(rows) },
      {
        'labelgate.yml': config(true),
        'gold/gold.csv': 'item_id,label\ni0,1\ni1,3\ni2,3\ni3,4\n'
      }
    ])
    const before = await check(repo, '--head', 'HEAD~1')
    const after = await check(repo)
    expect(before.d.head.metrics.cohen_kappa_quadratic!.value).toBeCloseTo(
      9 / 13,
      12
    )
    expect(after.d.head.metrics.cohen_kappa_quadratic!.value).toBe(
      before.d.head.metrics.cohen_kappa_quadratic!.value
    )
    expect(after.d.head.metrics.krippendorff_alpha!.value).toBe(
      before.d.head.metrics.krippendorff_alpha!.value
    )
    // The gold's 3 is reported where it is, not folded into the scale.
    expect(after.d.problems[0]).toMatchObject({
      file: 'gold/gold.csv',
      line: 3
    })
  })

  it('with declared categories the scale is the declared one, gold or not', async () => {
    const declared = (reference: boolean) =>
      config(reference, '["1", "2", "3", "4"]')
    const repo = repository([
      { 'labelgate.yml': declared(false), 'data/labels.csv': csv(rows) },
      {
        'labelgate.yml': declared(true),
        'gold/gold.csv': 'item_id,label\ni0,1\ni1,3\ni2,3\ni3,4\n'
      }
    ])
    const before = await check(repo, '--head', 'HEAD~1')
    const after = await check(repo)
    // Positions 0, 1, 3 of a four-point scale: 2/3 with or without gold.
    expect(before.d.head.metrics.cohen_kappa_quadratic!.value).toBeCloseTo(
      2 / 3,
      12
    )
    expect(after.d.head.metrics.cohen_kappa_quadratic!.value).toBe(
      before.d.head.metrics.cohen_kappa_quadratic!.value
    )
  })
})

describe('observation 10: weighted kappa weights by value at the interval level', () => {
  it('values 0, 1, 10: linear kappa by value', async () => {
    /*
     * Six items, annotators (a, b): (0,1) (1,1) (1,10) (10,10) (0,0) (0,0).
     * By value, w = 1 - |x - y| / 10:
     *   po = (0.9 + 1 + 0.1 + 1 + 1 + 1) / 6 = 5/6
     *   a: 0 x3, 1 x2, 10 x1; b: 0 x2, 1 x2, 10 x2
     *   pe = [3(2 + 1.8 + 0) + 2(1.8 + 2 + 0.2) + 1(0 + 0.2 + 2)] / 36 = 0.6
     *   kappa = (5/6 - 0.6) / (1 - 0.6) = 7/12 = 0.5833
     * By rank (0, 1, 2; w = 1 - |i - j| / 2) it would be
     *   po = 5/6, pe = (3·3 + 2·4 + 1·3) / 36 = 5/9, kappa = 5/8 = 0.625.
     */
    const pairs = [
      ['0', '1'],
      ['1', '1'],
      ['1', '10'],
      ['10', '10'],
      ['0', '0'],
      ['0', '0']
    ]
    const rows = pairs.flatMap(([a, b], i) => [
      [`i${i}`, 'a', a!],
      [`i${i}`, 'b', b!]
    ])
    const config = (level: string) =>
      [
        'version: 1',
        'datasets:',
        '  - name: scores',
        '    path: data/labels.csv',
        `    level: ${level}`,
        ...(level === 'ordinal' ? ['    categories: ["0", "1", "10"]'] : []),
        ''
      ].join('\n')
    const repo = repository([
      { 'labelgate.yml': config('ordinal'), 'data/labels.csv': csv(rows) },
      { 'labelgate.yml': config('interval') }
    ])
    const interval = await check(repo)
    expect(interval.d.head.metrics.cohen_kappa_linear!.value).toBeCloseTo(
      7 / 12,
      12
    )
    // At the ordinal level the rank is what counts.
    const ordinal = await check(repo, '--head', 'HEAD~1')
    expect(ordinal.d.head.metrics.cohen_kappa_linear!.value).toBeCloseTo(
      5 / 8,
      12
    )
    // Nominal coefficients are not reported for interval data.
    expect(interval.d.head.metrics.cohen_kappa!.value).toBeNull()
  })
})

describe('observation 11: the label-shift test compares new labels with unchanged ones', () => {
  it('a tiny relabeling of a large dataset (snow_rte) is not significant', async () => {
    const text = readFileSync(
      path.join(DATA, 'snow_rte/annotations.csv'),
      'utf8'
    )
    const [header, ...lines] = text.trim().split('\n')
    const cols = header!.split(',')
    const labelAt = cols.indexOf('label')
    const annotatorAt = cols.indexOf('annotator')
    // Relabel the first 3 ratings of the first annotator.
    const first = lines[0]!.split(',')[annotatorAt]
    const labelsSeen = [
      ...new Set(lines.map((l) => l.split(',')[labelAt]!))
    ].sort()
    let left = 3
    const head = lines.map((line) => {
      const f = line.split(',')
      if (f[annotatorAt] !== first || left-- <= 0) return line
      f[labelAt] = labelsSeen.find((l) => l !== f[labelAt])!
      return f.join(',')
    })
    const config = [
      'version: 1',
      'datasets:',
      '  - name: rte',
      '    path: data/annotations.csv',
      '    gates:',
      '      label_shift: { max_jsd: 0.05 }',
      ''
    ].join('\n')
    const repo = repository([
      {
        'labelgate.yml': config,
        'data/annotations.csv': [header, ...lines].join('\n') + '\n'
      },
      { 'data/annotations.csv': [header, ...head].join('\n') + '\n' }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const shift = r.d.label_shift!
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
    // The 3 relabeled ratings against the ones the change left alone.
    expect(sum(shift.changed)).toBe(3)
    expect(sum(shift.unchanged)).toBe(lines.length - 3)
    expect(shift.chi_square.p_value).not.toBeNull()
    expect(shift.chi_square.p_value!).toBeGreaterThan(0.05)
    expect(gate(r.d, 'label_shift').status).toBe('pass')
    expect(r.code).toBe(0)
  })
})

describe('observation 12: one denominator per changed.annotators row', () => {
  it('annotations and accuracy count the same added or relabeled ratings', async () => {
    const head = withFlipped(BLUEBIRDS, '39', 7)
    const repo = repository([
      {
        'labelgate.yml': bluebirdsConfig([]),
        'data/annotations.csv': csv(BLUEBIRDS),
        'data/gold.csv': BLUEBIRDS_GOLD
      },
      { 'data/annotations.csv': csv(head) }
    ])
    const r = await check(repo, '--base', 'HEAD~1')
    const rows = r.d.changed!.annotators
    // Only the annotator the change touched has a row; the 7 touched items
    // hold 39 ratings each, but the row counts 39's 7 relabeled ones.
    expect(Object.keys(rows)).toEqual(['39'])
    expect(rows['39']!.annotations).toBe(7)
    expect(rows['39']!.accuracy.n).toBe(7)
    const wrongNow = head
      .filter((row, i) => row[1] === '39' && row[2] !== BLUEBIRDS[i]![2])
      .filter((row) => row[2] !== GOLD.get(row[0])).length
    expect(rows['39']!.accuracy.value).toBeCloseTo((7 - wrongNow) / 7, 12)
  })
})
